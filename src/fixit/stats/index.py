"""The embedded statistics index: an SQLite file beside the sessions (`stats.sqlite3` in the
state folder), brought up to date from the journals before each `fixit stats`.

Only sessions that changed are read again: a session is known by its journal's size and time
and its metadata's time; one that has ended is read once (fixit writes nothing more to its
journal), later runs only see that it is still there. The journals stay the truth: the index
can be deleted at any time, and a damaged one is put aside and built again, with a warning.
Figures are cached per filters and index generation; new sessions are added to a cached
result rather than counted again (docs/stats.md)."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from fixit import paths, sessions, storage
from fixit.errors import FixitError, StorageError
from fixit.i18n import _
from fixit.permissions import warn
from fixit.session_lock import is_locked
from fixit.session_shape import JOURNAL, META
from fixit.stats import tables
from fixit.stats.figures import Filters, Groups, collect, figures
from fixit.stats.record import OutcomeRecord, outcome_record
from fixit.stats.result import Stats

NAME = "stats.sqlite3"
USER_VERSION = 1  # the layout of the index; another one is built again
BATCH = 500  # sessions per transaction
CACHED = 16  # filter sets whose figures are kept
TRUST_AFTER = 2.0  # seconds: a folder time this old has seen every change (coarse clocks)
Progress = Callable[[int, int], None]
TABLES = {"sessions", "steps", "checks", "files", "state", "cache", "changes"}

_OWN_DDL = (
    """CREATE TABLE IF NOT EXISTS files (
        session TEXT PRIMARY KEY, key TEXT NOT NULL, state TEXT NOT NULL,
        settled INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS files_open ON files (settled)",
    "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS cache (
        filters TEXT PRIMARY KEY, generation INTEGER NOT NULL, used REAL NOT NULL,
        groups TEXT NOT NULL)""",
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
        generation = refresh(conn, sessions.sessions_dir(), progress)
        return figures(cached_groups(conn, filters, generation), filters)


@contextmanager
def _opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The index, created private (0600) when missing; DamagedIndexError when it cannot be
    used; a locked or full database is a clear error."""
    try:
        os.close(storage.open_private(path, os.O_RDWR | os.O_CREAT))
        with storage.umask(0o077), closing(sqlite3.connect(path, timeout=30)) as conn:
            _prepare(conn)
            yield conn
    except sqlite3.OperationalError as exc:
        if _damage(exc):
            raise DamagedIndexError(str(exc)) from None
        raise StorageError(
            _("cannot use the statistics index {path}: {reason}.", path=str(path), reason=str(exc)),
            _("Another `fixit stats` may be updating it: run the command again in a moment."),
        ) from None
    except sqlite3.DatabaseError as exc:
        raise DamagedIndexError(str(exc)) from None


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
    if found == USER_VERSION and not TABLES <= present:
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


def _key(folder: Path) -> str:
    """What changes when a session changes: its journal's size and time, its metadata's time."""
    parts = []
    for name in (JOURNAL, META):
        try:
            st = os.stat(folder / name, follow_symlinks=False)
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{st.st_size}:{st.st_mtime_ns}" if name == JOURNAL else str(st.st_mtime_ns))
    return "/".join(parts)


def _state(conn: sqlite3.Connection, name: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else default


def _set_state(conn: sqlite3.Connection, name: str, value: object) -> None:
    conn.execute(tables.SQLITE.upsert("state", ("name", "value"), ("name",)), (name, str(value)))


def refresh(conn: sqlite3.Connection, base: Path, progress: Progress | None = None) -> int:
    """Bring the index up to date with the sessions in `base`; the index's generation after it
    (one more for each batch of changes)."""
    generation = int(_state(conn, "generation", "0"))
    known = {
        sid: (key, state)
        for sid, key, state in conn.execute(
            "SELECT session, key, state FROM files WHERE settled = 0"
        )
    }
    candidates = set(known)
    removed: set[str] = set()
    folder_time = _folder_time(base)
    if not _trusted(conn, folder_time):  # sessions came or went: compare the lists
        names = _names(base)
        indexed = {sid for (sid,) in conn.execute("SELECT session FROM files")}
        removed = indexed - names
        candidates |= names - indexed
    todo = []
    for sid in sorted(candidates):
        key = _key(base / sid)
        old = known.get(sid)
        if old is None or old[0] != key or old[1] == "open":
            todo.append((sid, key, old[1] if old else ""))
    logging = conn.execute("SELECT 1 FROM cache LIMIT 1").fetchone() is not None
    for sid in removed:
        state = conn.execute("SELECT state FROM files WHERE session = ?", (sid,)).fetchone()
        todo.append((sid, "", state[0] if state else ""))
    for start in range(0, len(todo), BATCH):
        generation += 1
        for sid, key, before in todo[start : start + BATCH]:
            _update(conn, base, sid, key, before, generation if logging else 0, sid in removed)
        _set_state(conn, "generation", generation)
        conn.commit()
        if progress is not None:
            progress(min(start + BATCH, len(todo)), len(todo))
    if folder_time is not None:
        _set_state(conn, "folder", f"{folder_time}/{time.time()}")
        conn.commit()
    return generation


def _folder_time(base: Path) -> int | None:
    try:
        return os.stat(base).st_mtime_ns
    except OSError:
        return None


def _trusted(conn: sqlite3.Connection, folder_time: int | None) -> bool:
    """Whether no session came or went since the last run: the sessions folder's time is the
    one seen then, and was already old enough then to have seen every change."""
    seen, _sep, at = _state(conn, "folder").partition("/")
    if folder_time is None or not seen or seen != str(folder_time):
        return False
    return float(at) - folder_time / 1e9 > TRUST_AFTER


def _names(base: Path) -> set[str]:
    """The session folders (never a link or a hidden entry)."""
    try:
        with os.scandir(base) as entries:
            return {
                e.name
                for e in entries
                if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
            }
    except OSError as exc:
        raise storage.failure("read", base, exc) from None


def _update(
    conn: sqlite3.Connection,
    base: Path,
    sid: str,
    key: str,
    before: str,
    generation: int,
    gone: bool,
) -> None:
    """Read one session again and replace its rows (or drop them: gone, open, damaged)."""
    state, settled, record = "gone", 0, None
    if not gone:
        state, record = _read(base / sid)
        settled = int(record is not None and record["ended"] is not None)
    if record is not None:
        tables.put(conn, tables.SQLITE, record)
    elif before == "indexed":
        tables.remove(conn, tables.SQLITE, sid)
    if gone:
        conn.execute("DELETE FROM files WHERE session = ?", (sid,))
    else:
        conn.execute(
            tables.SQLITE.upsert("files", ("session", "key", "state", "settled"), ("session",)),
            (sid, key, state, settled),
        )
    if generation and (record is not None or before == "indexed"):
        kind = "add" if before != "indexed" else "change"
        conn.execute("INSERT INTO changes VALUES (?, ?, ?)", (generation, sid, kind))


def _read(folder: Path) -> tuple[str, OutcomeRecord | None]:
    """A session's state in the index and its outcome record (None: open now, or damaged)."""
    try:
        loaded = sessions.load(folder.name)
    except FixitError:  # damaged or refused: `fixit sessions` and `fixit report` say why
        return "damaged", None
    record = outcome_record(loaded)
    if record is not None and record["ended"] is None and is_locked(folder):
        return "open", None  # neither finished nor abandoned: it is being answered now
    return "indexed", record


def cached_groups(conn: sqlite3.Connection, filters: Filters, generation: int) -> Groups:
    """The counted groups for `filters`: cached for this generation, a cached result with the
    sessions added since counted in, or counted afresh."""
    key = filters.key()
    row = conn.execute("SELECT generation, groups FROM cache WHERE filters = ?", (key,)).fetchone()
    groups = None
    if row is not None:
        try:
            groups = Groups.from_json(json.loads(row[1]))
        except ValueError:
            groups = None
    if groups is not None and row[0] != generation:
        changes = conn.execute(
            "SELECT kind, session FROM changes WHERE generation > ?", (row[0],)
        ).fetchall()
        if all(kind == "add" for kind, _sid in changes):
            groups.add(collect(conn, tables.SQLITE, filters, [sid for _k, sid in changes]))
        else:
            groups = None
    if groups is None:
        groups = collect(conn, tables.SQLITE, filters)
    _keep(conn, key, generation, groups)
    return groups


def _keep(conn: sqlite3.Connection, key: str, generation: int, groups: Groups) -> None:
    """Cache the groups; keep the newest CACHED filter sets and the changes they still need."""
    columns = ("filters", "generation", "used", "groups")
    conn.execute(
        tables.SQLITE.upsert("cache", columns, ("filters",)),
        (key, generation, time.time(), json.dumps(groups.to_json())),
    )
    conn.execute(
        "DELETE FROM cache WHERE filters NOT IN "
        "(SELECT filters FROM cache ORDER BY used DESC LIMIT ?)",
        (CACHED,),
    )
    conn.execute("DELETE FROM changes WHERE generation <= (SELECT MIN(generation) FROM cache)")
    conn.commit()
