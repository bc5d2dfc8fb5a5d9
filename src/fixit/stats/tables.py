"""The statistics tables, the same on SQLite and PostgreSQL: `sessions`, `steps` and `checks`,
keyed by session id, and `put`, which replaces one session's rows with its outcome record.

Plain SQL types both databases take (TEXT, INTEGER, BIGINT); a boolean is an INTEGER 0 or 1.
`end`, `check` and `by` are SQL words, so those columns are `end_node`, `check_id` and
`answered_by`. What differs between databases is a `Dialect`: SQLITE here, POSTGRES in team.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Cursor(Protocol):
    """What the tables need of a DB-API cursor."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any:
        """Run one statement."""

    def executemany(self, sql: str, params: Sequence[Sequence[Any]], /) -> Any:
        """Run one statement for each row of parameters."""

    def fetchall(self) -> list[Any]:
        """The rows of the last query."""


class Connection(Protocol):
    """What the tables need of a DB-API connection (sqlite3's and psycopg's both fit)."""

    def cursor(self) -> Any:
        """A new cursor."""


@dataclass(frozen=True)
class Dialect:
    """How one database differs: the parameter marker (`?` or `%s`) and its name."""

    name: str
    param: str

    def marks(self, n: int) -> str:
        """`n` parameter markers, comma-separated."""
        return ", ".join([self.param] * n)

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """INSERT that replaces the row of the same key (SQLite 3.24+ and PostgreSQL 9.5+ write
        it the same way)."""
        names = ", ".join(columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        return (
            f"INSERT INTO {table} ({names}) VALUES ({self.marks(len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
        )


SQLITE = Dialect("sqlite", "?")

SESSION_COLUMNS = (
    "session",
    "tree",
    "version",
    "digest",
    "mode",
    "source",
    "started",
    "started_s",
    "ended",
    "duration",
    "outcome",
    "end_node",
    "guard",
    "agent",
)
STEP_COLUMNS = (
    "session",
    "seq",
    "node",
    "kind",
    "answer",
    "answered_by",
    "shown",
    "answered",
    "spent",
    "undone",
)
CHECK_COLUMNS = ("session", "seq", "check_id", "node", "status", "answered", "overridden")

DDL = (
    """CREATE TABLE IF NOT EXISTS sessions (
        session TEXT PRIMARY KEY,
        tree TEXT NOT NULL,
        version INTEGER,
        digest TEXT NOT NULL,
        mode TEXT NOT NULL,
        source TEXT NOT NULL,
        started TEXT NOT NULL,
        started_s BIGINT,
        ended TEXT,
        duration BIGINT,
        outcome TEXT NOT NULL,
        end_node TEXT,
        guard INTEGER NOT NULL,
        agent TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS steps (
        session TEXT NOT NULL,
        seq INTEGER NOT NULL,
        node TEXT NOT NULL,
        kind TEXT NOT NULL,
        answer TEXT NOT NULL,
        answered_by TEXT NOT NULL,
        shown TEXT NOT NULL,
        answered TEXT,
        spent BIGINT,
        undone INTEGER NOT NULL,
        PRIMARY KEY (session, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS checks (
        session TEXT NOT NULL,
        seq INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        node TEXT NOT NULL,
        status TEXT NOT NULL,
        answered INTEGER NOT NULL,
        overridden INTEGER NOT NULL,
        PRIMARY KEY (session, seq)
    )""",
    "CREATE INDEX IF NOT EXISTS sessions_tree ON sessions (tree, version, started_s)",
)


def create(conn: Connection) -> None:
    """Create the tables and their indexes where they are missing."""
    cur = conn.cursor()
    for statement in DDL:
        cur.execute(statement)


def seconds(iso: str | None) -> int | None:
    """An ISO 8601 time as seconds since the epoch (a time without an offset is local), or None
    when it is missing or unreadable."""
    if not iso:
        return None
    try:
        return int(dt.datetime.fromisoformat(iso).timestamp())
    except ValueError:
        return None


def _span(start: str | None, end: str | None) -> int | None:
    """Whole seconds from `start` to `end` (None when either is missing; never below 0)."""
    a, b = seconds(start), seconds(end)
    return None if a is None or b is None else max(0, b - a)


def session_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The `sessions` row of a record."""
    return (
        record["session"],
        record["tree"],
        record["version"],
        record["digest"],
        record["mode"],
        record["source"],
        record["started"],
        seconds(record["started"]),
        record["ended"],
        _span(record["started"], record["ended"]),
        record["outcome"],
        record["end"],
        int(record["guard"]),
        record["agent"],
    )


def step_rows(record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The `steps` rows of a record; `spent` is the seconds from shown to answered."""
    sid = record["session"]
    return [
        (
            sid,
            s["seq"],
            s["node"],
            s["kind"],
            s["answer"],
            s["by"],
            s["shown"],
            s["answered"],
            _span(s["shown"], s["answered"]),
            int(s["undone"]),
        )
        for s in record["steps"]
    ]


def check_rows(record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The `checks` rows of a record."""
    sid = record["session"]
    return [
        (
            sid,
            c["seq"],
            c["check"],
            c["node"],
            c["status"],
            int(c["answered"]),
            int(c["overridden"]),
        )
        for c in record["checks"]
    ]


def remove(conn: Connection, dialect: Dialect, session: str) -> None:
    """Delete a session's rows from every table."""
    cur = conn.cursor()
    for table in ("steps", "checks", "sessions"):
        cur.execute(f"DELETE FROM {table} WHERE session = {dialect.param}", (session,))


def put(conn: Connection, dialect: Dialect, record: Mapping[str, Any]) -> None:
    """Replace a session's rows with those of its outcome record (record.py): putting the same
    record twice leaves the tables as putting it once. The caller commits (one transaction per
    batch)."""
    cur = conn.cursor()
    for table in ("steps", "checks"):
        cur.execute(f"DELETE FROM {table} WHERE session = {dialect.param}", (record["session"],))
    cur.execute(dialect.upsert("sessions", SESSION_COLUMNS, ("session",)), session_row(record))
    steps = step_rows(record)
    if steps:
        sql = f"INSERT INTO steps ({', '.join(STEP_COLUMNS)}) VALUES ({dialect.marks(10)})"
        cur.executemany(sql, steps)
    checks = check_rows(record)
    if checks:
        sql = f"INSERT INTO checks ({', '.join(CHECK_COLUMNS)}) VALUES ({dialect.marks(7)})"
        cur.executemany(sql, checks)
