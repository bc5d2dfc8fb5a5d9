"""The embedded statistics index: an SQLite file beside the sessions (`stats.sqlite3` in the
state folder), brought up to date from the journals before each `fixit stats`.

Only sessions that changed are read again (refresh.py); figures are cached per filters and
tree, and new sessions are counted into them (cache.py). The journals stay the truth: the index
can be deleted at any time, and a damaged one is put aside and built again, with a warning
(docs/stats.md)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from fixit import paths, storage
from fixit.errors import StorageError
from fixit.i18n import Msg, _
from fixit.permissions import warn
from fixit.stats import tables
from fixit.stats.cache import cached_figures
from fixit.stats.figures import Filters
from fixit.stats.refresh import Progress, refresh
from fixit.stats.result import Stats

NAME = "stats.sqlite3"
USER_VERSION = 1  # the layout of the index; another one is built again
WAIT = 30.0  # seconds to wait for another `fixit stats` updating the index
TABLES = {"sessions", "steps", "checks", "files", "state", "listing", "listing_changes"}
TABLES |= {"cache", "changes"}

_OWN_DDL = (
    """CREATE TABLE IF NOT EXISTS files (
        session TEXT PRIMARY KEY, key TEXT NOT NULL, state TEXT NOT NULL,
        settled INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS files_open ON files (settled)",
    "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS listing (id INTEGER PRIMARY KEY, names BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS listing_changes (name TEXT PRIMARY KEY, present INTEGER NOT NULL)",
    """CREATE TABLE IF NOT EXISTS cache (
        filters TEXT NOT NULL, part TEXT NOT NULL, generation INTEGER NOT NULL,
        used REAL NOT NULL, groups TEXT NOT NULL, figures TEXT NOT NULL,
        PRIMARY KEY (filters, part))""",
    "CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, session TEXT NOT NULL, "
    "kind TEXT NOT NULL)",
)


class DamagedIndexError(Exception):
    """The index file is not one this fixit can use (damaged, or of another layout)."""


def index_path() -> Path:
    """Where the index lives: beside the sessions folder, in the private state folder."""
    return storage.private_dir(paths.state_dir()) / NAME


def stats(filters: Filters, rebuild: bool = False, progress: Progress | None = None) -> Stats:
    """The figures of this machine's sessions under `filters`, from an index brought up to date
    first; a damaged index is put aside with a warning and built again."""
    path = index_path()
    if rebuild:
        _discard(path)
    try:
        return _stats(path, filters, progress)
    except DamagedIndexError:
        _put_aside(path)
        warn(_("the statistics index was damaged; it was built again from the sessions."))
        return _stats(path, filters, progress)


def _stats(path: Path, filters: Filters, progress: Progress | None) -> Stats:
    with _opened(path) as conn:
        generation = refresh(conn, sessions_folder(), progress)
        return cached_figures(conn, filters, generation)


@contextmanager
def _opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The index, created private (0600) when missing; DamagedIndexError when it cannot be
    used; a locked or full database is a clear error."""
    try:
        os.close(storage.open_private(path, os.O_RDWR | os.O_CREAT))
        with storage.umask(0o077), closing(sqlite3.connect(path, timeout=WAIT)) as conn:
            _prepare(conn)
            yield conn
    except sqlite3.OperationalError as exc:
        if _damage(exc):
            raise DamagedIndexError(str(exc)) from None
        raise StorageError(
            _("cannot use the statistics index {path}: {reason}.", path=str(path), reason=str(exc)),
            _busy_hint(str(exc)),
        ) from None
    except sqlite3.DatabaseError as exc:
        raise DamagedIndexError(str(exc)) from None


def _busy_hint(reason: str) -> Msg:
    """What to do when the index cannot be used: wait, free space, or look at the folder."""
    if "locked" in reason or "busy" in reason:
        return _("Another `fixit stats` may be updating it: run the command again in a moment.")
    if "full" in reason:
        return _("Free some disk space, then run the command again.")
    return _("Check the folder and the disk, then run the command again.")


def _damage(exc: sqlite3.OperationalError) -> bool:
    """Whether an operational error says the file is not the index (a table or column gone)."""
    text = str(exc)
    return "no such table" in text or "no such column" in text or "malformed" in text


def _prepare(conn: sqlite3.Connection) -> None:
    """Create the tables in a new index; refuse one of another layout."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found not in (0, USER_VERSION):
        raise DamagedIndexError(f"user_version {found}")
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if found == USER_VERSION and not present >= TABLES:
        raise DamagedIndexError("tables missing")
    if found == 0:
        if present:
            raise DamagedIndexError("tables of something else")
        tables.create(conn)
        for statement in _OWN_DDL:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {USER_VERSION}")
        conn.commit()


def _put_aside(path: Path) -> None:
    """Keep the damaged index as `.corrupt` (replacing an older one: it is only a copy of the
    journals' figures) and drop its rollback files, which would attach to a new index."""
    try:
        os.replace(path, path.with_name(NAME + ".corrupt"))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise storage.failure("write", path, exc) from None
    _discard(path)


def _discard(path: Path) -> None:
    for name in (NAME, NAME + "-journal", NAME + "-wal", NAME + "-shm"):
        try:
            os.unlink(path.with_name(name))
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise storage.failure("write", path, exc) from None


def sessions_folder() -> Path:
    """The private folder of the sessions (what session_read.sessions_dir gives)."""
    return storage.private_dir(storage.private_dir(paths.state_dir()) / "sessions")
