"""Reading a session's files back: a folder that passes the policy, metadata and snapshot of
the right shape, a journal whose damaged lines are kept aside; a damaged session's error."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fixit import paths, permissions, storage, tree_store
from fixit.errors import SessionError, StorageError
from fixit.events import Answer, Event
from fixit.events_read import event_from_json
from fixit.filelock import try_lock
from fixit.i18n import Msg, _
from fixit.session_lock import is_locked
from fixit.session_shape import (
    ENVIRONMENT,
    JOURNAL,
    LOCK,
    META,
    NOT_A_SNAPSHOT,
    TREES,
    meta_problem,
    snapshot_intact,
    snapshot_problem,
)
from fixit.tree_store import SnapshotError
from fixit.trees.model import Tree, tree_from_json

OWN = (META, TREES, JOURNAL, LOCK, ENVIRONMENT)  # a session's files (and their .corrupt copies)


class DamagedSessionError(SessionError):
    """A session whose files cannot be used; `problem` says what is wrong with them."""

    def __init__(self, folder: Path, problem: Msg) -> None:
        super().__init__(
            _("session {id} is damaged: {problem}.", id=folder.name, problem=problem),
            _(
                "Nothing in it was changed: its files are kept in {folder} (answers in its "
                "journal: {answers}); start a new session with `fixit start`.",
                folder=str(folder),
                answers=_answers_in(folder / JOURNAL),
            ),
        )
        self.problem = problem


def read_line(line: bytes) -> tuple[Event, Any]:
    """The event a journal line holds and the JSON it was read from; ValueError when the line
    is damaged (not JSON, or not an event fixit can replay)."""
    obj = json.loads(line.decode("utf-8"))
    return event_from_json(obj), obj


def read_journal(path: Path) -> tuple[list[Event], Msg | None]:
    """Events of a journal, and what was damaged in it (None when nothing); a torn last line (a
    kill mid-write) is dropped, damaged lines skipped.

    When a line in the middle is damaged (not JSON, or not an event fixit can replay), the
    original is kept aside as `.corrupt` and the journal rewritten with every usable line
    (unless the session is open elsewhere or the folder cannot be written: then only skipped).
    """
    try:
        fd = storage.open_checked(path, os.O_RDONLY)
    except FileNotFoundError:
        return [], None
    except OSError as exc:
        raise storage.failure("read", path, exc) from None
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read()
    events, usable, damaged = _read_lines(raw)
    if not damaged:
        return events, None
    where, sid = ", ".join(map(str, damaged)), path.parent.name
    kept = _set_aside(path, raw, b"".join(json.dumps(o).encode() + b"\n" for o in usable))
    if kept is None:
        return events, _(
            "session {id}: line {lines} of the journal is damaged and was skipped; "
            "the journal is left as it is.",
            id=sid,
            lines=where,
        )
    return events, _(
        "session {id}: line {lines} of the journal was damaged; the original is kept as {kept}.",
        id=sid,
        lines=where,
        kept=kept.name,
    )


def _read_lines(raw: bytes) -> tuple[list[Event], list[Any], list[int]]:
    """A journal's events, the JSON of each usable line as read (a rewrite keeps what this
    fixit does not know), and the numbers of its damaged lines (a torn last one is not)."""
    events: list[Event] = []
    usable: list[Any] = []
    damaged: list[int] = []
    lines = raw.split(b"\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            event, obj = read_line(line)
        except ValueError:
            if i != len(lines) - 1:  # the last line torn by a kill is expected, not damage
                damaged.append(i + 1)
            continue
        events.append(event)
        usable.append(obj)
    return events, usable, damaged


def _set_aside(path: Path, raw: bytes, clean: bytes) -> Path | None:
    """Keep a damaged journal as `.corrupt` and write its readable lines back, under the
    session's lock; None when that cannot be done now. A fixit that has the session open
    appends to the journal it opened: replacing that file would lose every later answer."""
    try:
        fd = storage.open_checked(path.parent / LOCK, os.O_RDWR | os.O_CREAT)
    except (OSError, StorageError):  # a read-only folder: read it, change nothing
        return None
    try:
        if not try_lock(fd):
            return None
        kept = storage.aside_name(path)
        storage.write_atomic(kept, raw)  # a copy first: the original stays until replaced
        storage.write_atomic(path, clean)
        return kept
    except StorageError:
        return None
    finally:
        os.close(fd)


def checked(folder: Path) -> Path:
    """A session folder and its files that pass the policy (permissions.py): a link planted
    for one of them is refused, a loose one made private, before anything is read."""
    storage.private_dir(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise storage.failure("read", folder, exc) from None
    for entry in entries:
        if entry.name.startswith(OWN):  # journal.jsonl, its .corrupt copies, ...
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise storage.failure("read", Path(entry.path), exc) from None
            permissions.check(Path(entry.path), st, folder=False)
    return folder


def read_snapshot(folder: Path, root: str) -> dict[str, Tree]:
    """A session's trees as it ran them: each read from the stored snapshot its trees.json
    names (or, in a session saved before snapshots were shared, from trees.json itself);
    SessionError when one is missing or damaged, or the session's tree is not among them."""
    data = read_part(folder, TREES)
    problem = snapshot_problem(data, root)
    if problem:
        raise DamagedSessionError(folder, problem)
    try:
        stored = {tid: _stored(tid, t) for tid, t in data.items()}
    except SnapshotError as exc:
        raise DamagedSessionError(folder, exc.problem) from None
    try:
        trees = {tid: tree_from_json(t) for tid, t in stored.items()}
        intact = snapshot_intact(trees)
    except (KeyError, TypeError, ValueError, AttributeError):
        intact = False
    if not intact:
        raise DamagedSessionError(folder, NOT_A_SNAPSHOT)
    return trees


def _stored(tree_id: str, value: dict[str, Any] | str) -> Any:
    """One tree's JSON: in trees.json (the older layout) or the stored snapshot it names."""
    if isinstance(value, dict):
        return value
    data = tree_store.read(value)
    if not isinstance(data, dict) or data.get("id") != tree_id:
        raise SnapshotError(NOT_A_SNAPSHOT)
    return data


def read_part(folder: Path, name: str) -> Any:
    """One of a session's JSON files; SessionError when it is missing or not JSON."""
    try:
        return storage.read_json(folder / name)
    except FileNotFoundError:
        problem = _("{name} is missing", name=name)
    except ValueError:
        problem = _("{name} is not valid JSON", name=name)
    except OSError:
        problem = _("{name} cannot be read", name=name)
    raise DamagedSessionError(folder, problem)


def read_meta(folder: Path) -> dict[str, Any]:
    """A session's metadata, checked field by field (session_shape.py)."""
    meta = read_part(folder, META)
    problem = meta_problem(meta, folder.name)
    if problem:
        raise DamagedSessionError(folder, problem)
    return dict(meta)


def _answers_in(path: Path) -> int:
    """How many answers a journal holds (read only: a damaged session is left as it is)."""
    try:
        fd = storage.open_checked(path, os.O_RDONLY)
    except (OSError, StorageError):
        return 0
    count = 0
    with os.fdopen(fd, "rb") as fh:
        for line in fh:
            try:
                count += isinstance(read_line(line)[0], Answer)
            except ValueError:  # a damaged line is no answer fixit could carry on with
                continue
    return count


def sessions_dir() -> Path:
    """The private folder holding one folder per session."""
    return storage.private_dir(storage.private_dir(paths.state_dir()) / "sessions")


def find(sid: str) -> Path:
    """The folder of a session id or unique prefix."""
    base = sessions_dir()
    if not sid or "/" in sid or "\\" in sid or sid.startswith("."):
        raise SessionError(
            _("{id} is not a session id.", id=repr(sid)), _("Run `fixit sessions` to see them.")
        )
    exact = base / sid
    if exact.is_dir():
        return exact
    matches = [p for p in base.iterdir() if p.name.startswith(sid) and p.is_dir()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SessionError(
            _("there is no session {id}.", id=repr(sid)), _("Run `fixit sessions` to see them.")
        )
    raise SessionError(
        _("{id} matches {count} sessions.", id=repr(sid), count=len(matches)),
        _("Give more of the id."),
    )


def listing() -> Iterator[dict[str, Any]]:
    """Metadata of every session, newest first; 'running' without a lock holder is 'interrupted';
    one that cannot be used is 'damaged', with the `problem`."""
    base = sessions_dir()
    for folder in sorted(base.iterdir(), reverse=True):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            meta = read_meta(checked(folder))
        except DamagedSessionError as exc:
            yield _damaged_row(folder.name, exc.problem)
            continue
        except StorageError:  # refused by the policy: `fixit report ID` says why
            yield _damaged_row(folder.name, _("it cannot be used"))
            continue
        if meta["status"] == "running" and not is_locked(folder):
            meta["status"] = "interrupted"
        yield meta


def _damaged_row(sid: str, problem: Msg) -> dict[str, Any]:
    return {
        "id": sid,
        "status": "damaged",
        "tree": "?",
        "mode": "?",
        "started": "",
        "outcome": None,
        "problem": problem,
    }


def newest() -> tuple[str | None, list[dict[str, Any]]]:
    """The newest session that can be read, and the damaged ones newer than it."""
    skipped: list[dict[str, Any]] = []
    for meta in listing():
        if meta["status"] != "damaged":
            folder = sessions_dir() / str(meta["id"])
            try:  # the listing reads no snapshot: a session chosen for the user must have one
                read_snapshot(folder, str(meta["tree"]))
            except DamagedSessionError as exc:
                meta = _damaged_row(folder.name, exc.problem)
            else:
                return str(meta["id"]), skipped
        skipped.append(meta)
    return None, skipped
