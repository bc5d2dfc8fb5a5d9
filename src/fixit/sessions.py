"""Sessions on disk: the trees they ran (stored snapshots, shared), an append-only synced
journal, metadata and a lock."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixit import oserrors, storage, tree_store
from fixit.errors import SessionError, StorageError
from fixit.events import Event, stamped
from fixit.filelock import try_lock
from fixit.i18n import Msg, _
from fixit.permissions import warn
from fixit.session_lock import HOLDER, THIS_COMPUTER, holder_words
from fixit.session_lock import is_locked as is_locked
from fixit.session_lock import lock_holder as lock_holder
from fixit.session_read import checked, read_journal, read_meta, read_snapshot
from fixit.session_read import find as find
from fixit.session_read import listing as listing
from fixit.session_read import newest as newest
from fixit.session_read import sessions_dir as sessions_dir
from fixit.session_shape import ENVIRONMENT as ENVIRONMENT
from fixit.session_shape import JOURNAL as JOURNAL
from fixit.session_shape import LOCK as LOCK
from fixit.session_shape import META as META
from fixit.session_shape import TREES as TREES
from fixit.session_shape import environment_ok
from fixit.trees.model import Tree

_held: set[str] = set()  # session folders this process holds the lock of


def now() -> str:
    """The current time as ISO 8601 with the UTC offset, to the second."""
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def new_id() -> str:
    """A sortable, unique session id: date, time and a random suffix."""
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + os.urandom(2).hex()


def _new_folder() -> Path:
    """A new, empty, private session folder under a fresh id."""
    base = sessions_dir()
    for _attempt in range(20):  # two sessions started in the same second may draw the same suffix
        folder = base / new_id()
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise storage.failure("create the folder", folder, exc) from None
        return folder
    raise StorageError(
        _("cannot create a new session folder in {folder}.", folder=str(base)),
        _("Run the command again in a moment."),
    )


def _remove(folder: Path) -> None:
    """Take away a session folder this process has just made, with what it wrote there."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            os.unlink(entry.path)
        os.rmdir(folder)


@dataclass
class Loaded:
    """A session read back: its metadata, tree snapshot and journal events."""

    id: str
    folder: Path
    meta: dict[str, Any]
    trees: dict[str, Tree]
    events: list[Event]
    damaged: Msg | None = None  # what was damaged in the journal, said when it was read

    def environment(self) -> dict[str, Any] | None:
        """The environment snapshot, or None when none was taken (or it cannot be read)."""
        try:
            data = storage.read_json(self.folder / ENVIRONMENT)
        except (OSError, ValueError):
            return None
        return data if environment_ok(data) else None  # damaged: the report goes without it


@dataclass
class Session:
    """An open session: appends events to the journal, each synced before returning."""

    id: str
    folder: Path
    meta: dict[str, Any]
    _fd: int = -1
    _lock: int = -1
    events: list[Event] = field(default_factory=list)

    @classmethod
    def create(cls, root: Tree, trees: Mapping[str, Tree], meta: Mapping[str, Any]) -> Session:
        """Make the folder, the trees it names and the metadata; take the lock. On any failure
        (a full disk) no folder is left behind: a half-made one would read as damaged (a stored
        snapshot stays: it is whole, and others may use it)."""
        folder = _new_folder()
        session = cls(
            folder.name,
            folder,
            {
                **meta,
                "id": folder.name,
                "tree": root.id,
                "version": root.version,
                "digest": root.digest,
                "title": dict(root.title),
                "started": now(),
                "status": "running",
                "outcome": None,
            },
        )
        try:
            session.lock()
            session.replace_trees(trees)
            session.save_meta()
            session._fd = storage.open_append(folder / JOURNAL)
        except BaseException:
            session.close()
            _remove(folder)
            raise
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
        fd = storage.open_private(path, os.O_RDWR | os.O_CREAT)
        if not try_lock(fd):
            try:
                written = os.read(fd, 200).decode("utf-8", "replace")
            except OSError:  # Windows: the holder's lock covers what it wrote
                written = ""
            os.close(fd)
            raise SessionError(
                _("session {id} is open in {holder}.", id=self.id, holder=holder_words(written)),
                _("Finish or quit it there first, or pick another session."),
            )
        host = os.uname().nodename if hasattr(os, "uname") else THIS_COMPUTER
        data = HOLDER.format(pid=os.getpid(), host=host).encode()
        try:
            os.ftruncate(fd, 0)
            while data:
                data = data[os.write(fd, data) :]
        except OSError as exc:
            os.close(fd)
            raise storage.failure("write", path, exc) from None
        _held.add(str(self.folder))
        self._lock = fd

    def append(self, event: Event) -> None:
        """Write one event to the journal, stamped with the time unless it has one, and sync it:
        the only place a journal line is written."""
        record = stamped(event, now())
        line = json.dumps(record.to_json(), ensure_ascii=False)
        storage.append_line(self._fd, self.folder / JOURNAL, line)
        self.events.append(record)

    def save_meta(self, **changes: Any) -> None:
        """Update the metadata atomically."""
        self.meta.update(changes, updated=now())
        storage.write_json(self.folder / META, self.meta)

    def save_environment(self, snapshot: Mapping[str, Any]) -> None:
        """Store the machine's environment snapshot (taken in the background at the start)."""
        storage.write_json(self.folder / ENVIRONMENT, snapshot)

    def replace_trees(self, trees: Mapping[str, Tree]) -> None:
        """Name the trees the session runs (at its start, and after a resume onto a changed
        tree): each tree's snapshot is stored once for every session that runs it
        (tree_store.py), on disk before trees.json names it."""
        digests = {tid: tree_store.put(t) for tid, t in trees.items()}
        storage.write_json(self.folder / TREES, digests)

    def close(self) -> None:
        """Release the journal and the lock."""
        for fd in (self._fd, self._lock):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._fd = self._lock = -1
        _held.discard(str(self.folder))


def amend_meta(sid: str, update: Callable[[dict[str, Any]], None]) -> None:
    """Change a session's metadata after it ended (a ticket, an attachment), atomically, under
    the session's lock: a wizard that has it open would write its own copy back over the change."""
    folder = checked(find(sid))
    try:
        fd = storage.open_checked(folder / LOCK, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise SessionError(
            _(
                "session {id} cannot be changed ({reason}).",
                id=folder.name,
                reason=oserrors.reason(exc, type(exc).__name__),
            ),
            _("Check the session's folder {folder}.", folder=str(folder)),
        ) from None
    try:
        if str(folder) not in _held and not try_lock(fd):  # held here: the wizard has ended
            raise SessionError(
                _("session {id} is open in {holder}.", id=folder.name, holder=lock_holder(folder)),
                _("Finish or quit it there first, then run the command again."),
            )
        meta = read_meta(folder)
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
    """Read a session by id (or a unique prefix of one); a damaged one is a clear error that
    says what is kept, and nothing in it is changed."""
    folder = checked(find(sid))
    meta = read_meta(folder)
    trees = read_snapshot(folder, meta["tree"])
    events, damaged = read_journal(folder / JOURNAL)
    if damaged is not None:  # whichever command meets it says so: report and submit said nothing
        warn(damaged)
    return Loaded(folder.name, folder, meta, trees, events, damaged)
