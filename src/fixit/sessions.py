"""Sessions on disk: a snapshot of the trees, an append-only synced journal, metadata and a lock."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixit import paths, storage
from fixit.errors import SessionError
from fixit.filelock import try_lock, unlock
from fixit.trees.model import Tree, tree_from_json, tree_to_json

_held: set[str] = set()  # session folders this process holds the lock of
JOURNAL = "journal.jsonl"
META = "meta.json"
TREES = "trees.json"
LOCK = "lock"
ENVIRONMENT = "environment.json"


def now() -> str:
    """The current time as ISO 8601 with the UTC offset, to the second."""
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def sessions_dir() -> Path:
    """The private folder holding one folder per session."""
    return storage.private_dir(storage.private_dir(paths.state_dir()) / "sessions")


def new_id() -> str:
    """A sortable, unique session id: date, time and a random suffix."""
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + os.urandom(2).hex()


@dataclass
class Loaded:
    """A session read back: its metadata, tree snapshot and journal events."""

    id: str
    folder: Path
    meta: dict[str, Any]
    trees: dict[str, Tree]
    events: list[dict[str, Any]]
    damaged: str = ""

    def environment(self) -> dict[str, Any] | None:
        """The environment snapshot, or None when none was taken (or it cannot be read)."""
        try:
            data = storage.read_json(self.folder / ENVIRONMENT)
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None


@dataclass
class Session:
    """An open session: appends events to the journal, each synced before returning."""

    id: str
    folder: Path
    meta: dict[str, Any]
    _fd: int = -1
    _lock: int = -1
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def create(cls, root: Tree, trees: Mapping[str, Tree], meta: Mapping[str, Any]) -> Session:
        """Make the folder, the tree snapshot and the metadata; take the lock."""
        sid = new_id()
        folder = storage.private_dir(sessions_dir() / sid)
        session = cls(
            sid,
            folder,
            {
                **meta,
                "id": sid,
                "tree": root.id,
                "version": root.version,
                "digest": root.digest,
                "title": dict(root.title),
                "started": now(),
                "status": "running",
                "outcome": None,
            },
        )
        session.lock()
        storage.write_json(folder / TREES, {tid: tree_to_json(t) for tid, t in trees.items()})
        session.save_meta()
        session._fd = storage.open_append(folder / JOURNAL)
        return session

    @classmethod
    def reopen(cls, loaded: Loaded) -> Session:
        """Continue a session read with `load`: lock it and append to its journal."""
        session = cls(loaded.id, loaded.folder, loaded.meta, events=list(loaded.events))
        session.lock()
        session._fd = storage.open_append(loaded.folder / JOURNAL)
        return session

    def lock(self) -> None:
        """Take the session's lock, or say who holds it."""
        path = self.folder / LOCK
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        if not try_lock(fd):
            try:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip()
            except OSError:  # Windows: the holder's lock covers what it wrote
                holder = ""
            os.close(fd)
            raise SessionError(
                f"session {self.id} is open in {holder or 'another fixit'}.",
                "Finish or quit it there first, or pick another session.",
            )
        _held.add(str(self.folder))
        os.ftruncate(fd, 0)
        host = os.uname().nodename if hasattr(os, "uname") else "this computer"
        os.write(fd, f"process {os.getpid()} on {host}".encode())
        self._lock = fd

    def append(self, event: Mapping[str, Any]) -> None:
        """Write one event to the journal and sync it."""
        record = {"at": now(), **event}
        storage.append_line(self._fd, self.folder / JOURNAL, json.dumps(record, ensure_ascii=False))
        self.events.append(record)

    def save_meta(self, **changes: Any) -> None:
        """Update the metadata atomically."""
        self.meta.update(changes, updated=now())
        storage.write_json(self.folder / META, self.meta)

    def save_environment(self, snapshot: Mapping[str, Any]) -> None:
        """Store the machine's environment snapshot (taken in the background at the start)."""
        storage.write_json(self.folder / ENVIRONMENT, snapshot)

    def replace_trees(self, trees: Mapping[str, Tree]) -> None:
        """Store a new tree snapshot (after a resume onto a changed tree)."""
        storage.write_json(self.folder / TREES, {tid: tree_to_json(t) for tid, t in trees.items()})

    def close(self) -> None:
        """Release the journal and the lock."""
        for fd in (self._fd, self._lock):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._fd = self._lock = -1
        _held.discard(str(self.folder))


def _read_journal(path: Path) -> tuple[list[dict[str, Any]], str]:
    """Events of a journal; a torn last line (a kill mid-write) is dropped, damaged lines skipped.

    When a line in the middle is damaged, the original is kept aside as `.corrupt` and the
    journal is rewritten with every line that could still be read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return [], ""
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read()
    events: list[dict[str, Any]] = []
    damaged: list[int] = []
    lines = raw.split(b"\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            event = json.loads(line.decode("utf-8"))
            if not isinstance(event, dict) or "t" not in event:
                raise ValueError("not an event")
        except ValueError:
            if i != len(lines) - 1:  # the last line torn by a kill is expected, not damage
                damaged.append(i + 1)
            continue
        events.append(event)
    if not damaged:
        return events, ""
    kept = storage.keep_aside(path)
    storage.write_atomic(path, b"".join(json.dumps(e).encode() + b"\n" for e in events))
    where = ", ".join(map(str, damaged))
    return events, f"line {where} of the journal was damaged; the original is kept as {kept.name}"


def amend_meta(sid: str, update: Callable[[dict[str, Any]], None]) -> None:
    """Change a session's metadata after it ended (a ticket, an attachment), atomically, under
    the session's lock: a wizard that has it open would write its own copy back over the change."""
    folder = find(sid)
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise SessionError(
            f"session {folder.name} cannot be changed ({exc.strerror or type(exc).__name__}).",
            f"Check the session's folder {folder}.",
        ) from None
    try:
        if str(folder) not in _held and not try_lock(fd):  # held here: the wizard has ended
            raise SessionError(
                f"session {folder.name} is open in {lock_holder(folder)}.",
                "Finish or quit it there first, then run the command again.",
            )
        try:
            meta = storage.read_json(folder / META)
        except (OSError, ValueError) as exc:
            raise SessionError(
                f"session {folder.name} is damaged and cannot be read ({type(exc).__name__}).",
                f"Its files are in {folder}; start a new session with `fixit start`.",
            ) from None
        update(meta)
        meta["updated"] = now()
        storage.write_json(folder / META, meta)
    finally:
        os.close(fd)


def attached(meta: Mapping[str, Any]) -> list[Path]:
    """The files added to a session's report with `--attach` (absolute paths)."""
    saved = meta.get("attachments")
    return [Path(p) for p in saved if isinstance(p, str)] if isinstance(saved, list) else []


def load(sid: str) -> Loaded:
    """Read a session by id (or a unique prefix of one)."""
    folder = find(sid)
    try:
        meta = storage.read_json(folder / META)
        trees = {tid: tree_from_json(t) for tid, t in storage.read_json(folder / TREES).items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SessionError(
            f"session {folder.name} is damaged and cannot be read ({exc}).",
            f"Its files are in {folder}; start a new session with `fixit start`.",
        ) from None
    events, damaged = _read_journal(folder / JOURNAL)
    return Loaded(folder.name, folder, meta, trees, events, damaged)


def find(sid: str) -> Path:
    """The folder of a session id or unique prefix."""
    base = sessions_dir()
    if "/" in sid or sid.startswith("."):
        raise SessionError(f"{sid!r} is not a session id.", "Run `fixit sessions` to see them.")
    exact = base / sid
    if exact.is_dir():
        return exact
    matches = [p for p in base.iterdir() if p.name.startswith(sid) and p.is_dir()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SessionError(f"there is no session {sid!r}.", "Run `fixit sessions` to see them.")
    raise SessionError(f"{sid!r} matches {len(matches)} sessions.", "Give more of the id.")


def lock_holder(folder: Path) -> str:
    """Who holds a session's lock, as the holder wrote it ("process N on HOST")."""
    try:
        with open(folder / LOCK, encoding="utf-8", errors="replace") as fh:
            return fh.read(200).strip() or "another fixit"
    except OSError:
        return "another fixit"


def is_locked(folder: Path) -> bool:
    """Whether a live fixit holds the session's lock."""
    try:
        fd = os.open(folder / LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not try_lock(fd, shared=True):
            return True
        unlock(fd)
    finally:
        os.close(fd)
    return False


def listing() -> Iterator[dict[str, Any]]:
    """Metadata of every session, newest first; 'running' without a lock holder is 'interrupted'."""
    base = sessions_dir()
    for folder in sorted(base.iterdir(), reverse=True):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            meta = storage.read_json(folder / META)
        except (OSError, ValueError):
            yield {
                "id": folder.name,
                "status": "damaged",
                "tree": "?",
                "mode": "?",
                "started": "",
                "outcome": None,
            }
            continue
        if meta.get("status") == "running" and not is_locked(folder):
            meta["status"] = "interrupted"
        yield meta
