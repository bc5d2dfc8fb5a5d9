"""The index's cache of figures: per set of filters and per (tree, version), the counted groups
and the figures worked out from them, with the index generation they were counted at (a row with
no tree marks a filter set as cached, trees or none).

Nothing changed since: the figures as they are. Only new sessions since: those sessions are
counted and added to their trees' groups, and only those trees are worked out again (reading and
writing only their rows). Anything else: everything is counted again."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence

from fixit.stats import tables
from fixit.stats.figures import Filters, Groups, Key, assemble, by_tree, collect, tree_figures
from fixit.stats.result import Stats, TreeFigures, tree_from_json

CACHED = 16  # filter sets whose figures are kept
MARK = ""  # the part of the row that marks a filter set as cached


def _part(tree: Key) -> str:
    return json.dumps(list(tree))


def cached_figures(conn: sqlite3.Connection, filters: Filters, generation: int) -> Stats:
    """The figures for `filters` at the index's `generation`."""
    key = filters.key()
    rows = conn.execute(
        "SELECT part, generation, figures FROM cache WHERE filters = ?", (key,)
    ).fetchall()
    seen = {gen for _part, gen, _figures in rows}
    if len(seen) == 1 and any(part == MARK for part, _gen, _figures in rows):
        try:
            trees = {part: tree_from_json(json.loads(f)) for part, _g, f in rows if part != MARK}
        except (ValueError, KeyError, TypeError):
            trees = None
        if trees is not None and seen == {generation}:
            return assemble(trees.values(), filters)  # nothing to count, nothing to write
        if trees is not None:
            merged = _added(conn, filters, key, seen.pop(), trees, generation)
            if merged is not None:
                return merged
    groups = collect(conn, tables.SQLITE, filters)
    split = by_tree(groups)
    figures = {_part(tree): tree_figures(tree, part) for tree, part in split.items()}
    conn.execute("DELETE FROM cache WHERE filters = ?", (key,))
    _store(conn, key, generation, [(p, split[t], figures[p]) for t, p in _parts(split)])
    _store(conn, key, generation, [(MARK, None, None)])
    _trim(conn)
    return assemble(figures.values(), filters)


def _parts(split: dict[Key, Groups]) -> Iterable[tuple[Key, str]]:
    return ((tree, _part(tree)) for tree in split)


def _added(
    conn: sqlite3.Connection,
    filters: Filters,
    key: str,
    cached: int,
    trees: dict[str, TreeFigures],
    generation: int,
) -> Stats | None:
    """The cached figures with the sessions added since counted in; None when something else
    changed since (or a cached row cannot be read)."""
    changes = conn.execute(
        "SELECT kind, session FROM changes WHERE generation > ?", (cached,)
    ).fetchall()
    if any(kind != "add" for kind, _sid in changes):
        return None
    added = by_tree(collect(conn, tables.SQLITE, filters, [sid for _kind, sid in changes]))
    rows = []
    for tree, more in added.items():
        part = _part(tree)
        row = conn.execute(
            "SELECT groups FROM cache WHERE filters = ? AND part = ?", (key, part)
        ).fetchone()
        try:
            groups = Groups.from_json(json.loads(row[0])) if row else Groups({})
        except ValueError:
            return None
        groups.add(more)
        trees[part] = tree_figures(tree, groups)
        rows.append((part, groups, trees[part]))
    _store(conn, key, generation, rows)
    conn.execute("UPDATE cache SET generation = ? WHERE filters = ?", (generation, key))
    _trim(conn)
    return assemble(trees.values(), filters)


def _store(
    conn: sqlite3.Connection,
    key: str,
    generation: int,
    rows: Sequence[tuple[str, Groups | None, TreeFigures | None]],
) -> None:
    columns = ("filters", "part", "generation", "used", "groups", "figures")
    sql = tables.SQLITE.upsert("cache", columns, ("filters", "part"))
    now = time.time()
    conn.executemany(
        sql,
        [
            (
                key,
                part,
                generation,
                now,
                json.dumps(groups.to_json() if groups else {}),
                json.dumps(figures.to_json() if figures else None),
            )
            for part, groups, figures in rows
        ],
    )


def _trim(conn: sqlite3.Connection) -> None:
    """Keep the CACHED filter sets used last, and the changes they still need; commit."""
    conn.execute(
        "DELETE FROM cache WHERE filters NOT IN (SELECT filters FROM cache WHERE part = ? "
        "ORDER BY used DESC LIMIT ?)",
        (MARK, CACHED),
    )
    conn.execute("DELETE FROM changes WHERE generation <= (SELECT MIN(generation) FROM cache)")
    conn.commit()
