"""Bringing the statistics index up to date with the sessions folder: which sessions came, went
or changed (by their files' sizes and times, and the folder listing seen last time), each read
again through the session loader and its rows replaced, in batches of one transaction each."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fixit import storage
from fixit.errors import FixitError
from fixit.stats import tables

if TYPE_CHECKING:
    from fixit.stats.record import OutcomeRecord

Progress = Callable[[int, int], None]
BATCH = 500  # sessions per transaction
TRUST_AFTER = 2.0  # seconds: a folder time this old has seen every change (coarse clocks)
LISTING_CHANGES = 2000  # sessions come and gone kept apart before the listing is stored again
# a session's journal and metadata (session_shape.py; not imported: a warm run reads no session,
# and the session modules cost as much to import as the rest of the run)
JOURNAL = "journal.jsonl"
META = "meta.json"


def _key(folder: str, indexed: bool) -> str:
    """What changes when a session changes: its journal's size and time, and (unless it is
    indexed already) its metadata's time. Plain strings and `os.stat`: this runs for every
    unfinished session on every run. An indexed session changes only by its journal: a resume
    writes `resume` (and a rebase) there before anything else, and what else may change in its
    metadata afterwards (a ticket, attachments) is nothing statistics count."""
    try:
        st = os.stat(f"{folder}/{JOURNAL}", follow_symlinks=False)
        journal = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        journal = "-"
    if indexed:
        return journal
    try:
        meta = str(os.stat(f"{folder}/{META}", follow_symlinks=False).st_mtime_ns)
    except OSError:
        meta = "-"
    return f"{journal}/{meta}"


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
    trusted = _trusted(conn, folder_time)
    names: set[str] = set()
    came: set[str] | None = None
    if not trusted:  # sessions may have come or gone: compare the lists
        names = _names(base)
        seen = _listing(conn)
        if seen is None:
            seen = {sid for (sid,) in conn.execute("SELECT session FROM files")}
        removed, came = seen - names, names - seen
        for sid in came:  # new, unless an interrupted run indexed it already
            if sid.startswith("."):
                continue
            row = _file(conn, sid)
            if row is None:
                candidates.add(sid)
            elif not row[2]:
                known[sid] = (row[0], row[1])
                candidates.add(sid)
    todo = []
    top = str(base)
    for sid in sorted(candidates - removed):
        old = known.get(sid)
        key = _key(f"{top}/{sid}", old is not None and old[1] == "indexed")
        if old is None or old[0] != key or old[1] == "open":
            todo.append((sid, key, old[1] if old else ""))
    logging = conn.execute("SELECT 1 FROM cache LIMIT 1").fetchone() is not None
    for sid in sorted(removed):
        row = _file(conn, sid)
        if row is not None:
            todo.append((sid, "", row[1]))
    for start in range(0, len(todo), BATCH):
        # one writer at a time from here: another `fixit stats` may have indexed the same
        # sessions meanwhile, so what each was before is read again inside the transaction
        conn.execute("BEGIN IMMEDIATE")
        generation = int(_state(conn, "generation", "0")) + 1
        for sid, key, _before in todo[start : start + BATCH]:
            row = _file(conn, sid)
            before = "" if row is None else row[1]
            _update(conn, base, sid, key, before, generation if logging else 0, sid in removed)
        _set_state(conn, "generation", generation)
        conn.commit()
        if progress is not None:
            progress(min(start + BATCH, len(todo)), len(todo))
    if folder_time is not None and came is not None:  # once trusted, the time seen stays right
        _set_state(conn, "folder", f"{folder_time}/{time.time()}")
        _keep_listing(conn, names, came, removed)
        conn.commit()
    return generation


def _keep_listing(
    conn: sqlite3.Connection, names: set[str], came: set[str], went: set[str]
) -> None:
    """Keep the listing just seen (`names`): as what came and went since the stored one while
    that is little (one small row per session, not 100,000 ids written again for each new
    session), else as a new stored listing."""
    pending = conn.execute("SELECT COUNT(*) FROM listing_changes").fetchone()[0]
    stored = conn.execute("SELECT 1 FROM listing WHERE id = 1").fetchone() is not None
    if not stored or pending + len(came) + len(went) > LISTING_CHANGES:
        listed = "\n".join(names).encode()
        conn.execute("INSERT OR REPLACE INTO listing VALUES (1, ?)", (listed,))
        conn.execute("DELETE FROM listing_changes")
        return
    sql = "INSERT OR REPLACE INTO listing_changes VALUES (?, ?)"
    conn.executemany(sql, [(name, 1) for name in came] + [(name, 0) for name in went])


def _file(conn: sqlite3.Connection, sid: str) -> tuple[str, str, int] | None:
    """A session's row in `files`: its key, state and whether it has settled."""
    row = conn.execute("SELECT key, state, settled FROM files WHERE session = ?", (sid,))
    found = row.fetchone()
    return None if found is None else (str(found[0]), str(found[1]), int(found[2]))


def _listing(conn: sqlite3.Connection) -> set[str] | None:
    """The session folders the last comparing run saw (all of them handled by its end), kept
    in one value: reading 100,000 ids from it is far cheaper than from 100,000 rows."""
    row = conn.execute("SELECT names FROM listing WHERE id = 1").fetchone()
    if row is None:
        return None
    try:
        text = bytes(row[0]).decode()
    except (UnicodeDecodeError, TypeError):
        return None
    listed = set(text.split("\n")) if text else set()
    for name, present in conn.execute("SELECT name, present FROM listing_changes"):
        if present:
            listed.add(name)
        else:
            listed.discard(name)
    return listed


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
    """The entries of the sessions folder (a hidden one or one that is not a folder is told
    apart when it is new: it is never read as a session)."""
    try:
        return set(os.listdir(base))
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
        key = key.split("/")[0]  # indexed: known by its journal alone from now on
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
    if folder.is_symlink() or not folder.is_dir():  # a stray file or a link: never a session
        return "damaged", None
    from fixit import sessions
    from fixit.session_lock import is_locked
    from fixit.stats.record import outcome_record

    try:
        loaded = sessions.load(folder.name)
    except FixitError:  # damaged or refused: `fixit sessions` and `fixit report` say why
        return "damaged", None
    record = outcome_record(loaded)
    if record is not None and record["ended"] is None and is_locked(folder):
        return "open", None  # neither finished nor abandoned: it is being answered now
    return "indexed", record
