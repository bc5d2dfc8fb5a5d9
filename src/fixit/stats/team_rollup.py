"""The team store's running totals: `figures.collect`'s grouped counts kept per source and mode
in a `rollup` table, so `fixit stats --team` over a million sessions reads thousands of rows,
not millions (PostgreSQL only; the local index caches its counts in its own way).

Each outcome record changes the totals by what its session counts for after it minus what it
counted for before (both counted by `collect` itself, so the totals are the very counts the raw
tables give), in the record's transaction, under a lock on the session id. Filters the totals
cannot answer (a time span) are counted from the raw tables, as the local index does."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from fixit.stats.figures import QUERIES, Filters, Groups, collect
from fixit.stats.record import SOURCES

if TYPE_CHECKING:
    import psycopg

    from fixit.stats.tables import Dialect

Dims = tuple[str, str]  # a session's source and mode
Delta = dict[tuple[Dims, str, tuple[Any, ...]], int]

DDL = """CREATE TABLE IF NOT EXISTS rollup (
    query TEXT NOT NULL,
    source TEXT NOT NULL,
    mode TEXT NOT NULL,
    tree TEXT NOT NULL,
    version INTEGER,
    key JSONB NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (query, source, mode, key)
)"""
UPSERT = (
    "INSERT INTO rollup (query, source, mode, tree, version, key, n) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (query, source, mode, key) DO UPDATE SET n = rollup.n + excluded.n"
)


def exists(conn: psycopg.Connection[Any]) -> bool:
    """Whether the store has the totals table."""
    row = conn.execute("SELECT to_regclass('rollup') IS NOT NULL").fetchone()
    return bool(row and row[0])


def create(conn: psycopg.Connection[Any]) -> None:
    """Make the totals table and count what the raw tables already hold into it (records put
    before it existed), while no record can be put."""
    conn.execute("LOCK TABLE sessions IN EXCLUSIVE MODE")
    conn.execute(DDL)
    conn.execute("DELETE FROM rollup")
    for name, (columns, source, extra) in QUERIES.items():
        condition = extra or "TRUE"
        conn.execute(
            "INSERT INTO rollup (query, source, mode, tree, version, key, n) "
            f"SELECT %s, s.source, s.mode, s.tree, s.version, jsonb_build_array({columns}), "
            f"COUNT(*) FROM {source} WHERE {condition} "
            f"GROUP BY s.source, s.mode, {columns}",
            (name,),
        )


def counted(conn: psycopg.Connection[Any], dialect: Dialect, session: str) -> Delta:
    """What one session counts for in the totals now (nothing when it is not in the store)."""
    row = conn.execute(
        "SELECT source, mode FROM sessions WHERE session = %s", (session,)
    ).fetchone()
    if row is None:
        return {}
    dims = (str(row[0]), str(row[1]))
    groups = collect(conn, dialect, Filters(sources=SOURCES), [session])
    return {
        (dims, name, key): n
        for name, counter in groups.counts.items()
        for key, n in counter.items()
    }


def apply(conn: psycopg.Connection[Any], before: Delta, after: Delta) -> None:
    """Change the totals by `after` minus `before`."""
    from psycopg.types.json import Jsonb

    change: Counter[tuple[Dims, str, tuple[Any, ...]]] = Counter(after)
    change.subtract(before)
    rows = [
        (name, dims[0], dims[1], key[0], key[1], Jsonb(list(key)), n)
        for (dims, name, key), n in sorted(change.items(), key=repr)  # one lock order for all
        if n
    ]
    if not rows:
        return
    with conn.cursor() as cur:
        cur.executemany(UPSERT, rows)  # rows at 0 stay (a later record may count there again)


def answers(filters: Filters) -> bool:
    """Whether the totals can answer these filters (no time span)."""
    return filters.since is None and filters.until is None


def read(conn: psycopg.Connection[Any], filters: Filters) -> Groups:
    """The grouped counts for the filters, from the totals."""
    terms = ["source = ANY(%s)"]
    params: list[Any] = [list(filters.sources)]
    for column, value in (("tree", filters.tree), ("version", filters.version)):
        if value is not None:
            terms.append(f"{column} = %s")
            params.append(value)
    if filters.mode is not None:
        terms.append("mode = %s")
        params.append(filters.mode)
    groups = Groups({name: Counter() for name in QUERIES})
    rows = conn.execute(
        f"SELECT query, key, SUM(n) FROM rollup WHERE {' AND '.join(terms)} "
        "GROUP BY query, key HAVING SUM(n) > 0",
        params,
    ).fetchall()
    for name, key, n in rows:
        if name in groups.counts:
            groups.counts[name][tuple(key)] += int(n)
    return groups
