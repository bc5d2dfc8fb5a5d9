"""The figures of `fixit stats` from the statistics tables, on SQLite or PostgreSQL: grouped
counts from SQL (`collect`, which can be added to: the index merges new sessions into a cached
result), then the figures themselves (`figures`). Definitions: docs/stats.md."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from fixit.stats.result import OUTCOMES, CheckFigures, EndFigures, NodeFigures, Stats, TreeFigures
from fixit.stats.tables import Connection, Dialect

Key = tuple[Any, ...]
_CHUNK = 500  # session ids per `IN (...)` when only some sessions are counted


@dataclass(frozen=True)
class Filters:
    """Which sessions count: a tree, its version, a mode, a time span of their start (epoch
    seconds: `since` included, `until` not), and the ways they were run (`sources`)."""

    tree: str | None = None
    version: int | None = None
    mode: str | None = None
    since: int | None = None
    until: int | None = None
    sources: tuple[str, ...] = ("interactive",)

    def key(self) -> str:
        """The filters as one stable string (a cache key)."""
        return json.dumps(asdict(self), sort_keys=True)

    def where(self, dialect: Dialect) -> tuple[str, list[Any]]:
        """The SQL condition on `sessions s`, and its parameters."""
        p = dialect.param
        terms = [f"s.source IN ({dialect.marks(len(self.sources))})"] if self.sources else ["0=1"]
        params: list[Any] = list(self.sources)
        for column, op, value in (
            ("tree", "=", self.tree),
            ("version", "=", self.version),
            ("mode", "=", self.mode),
            ("started_s", ">=", self.since),
            ("started_s", "<", self.until),
        ):
            if value is not None:
                terms.append(f"s.{column} {op} {p}")
                params.append(value)
        return " AND ".join(terms), params


_STEPS = "steps t JOIN sessions s ON s.session = t.session"
_CHECKS = "checks c JOIN sessions s ON s.session = c.session"
_STOPPED = "CASE WHEN t.answered IS NULL THEN 1 ELSE 0 END"
#: each group: what is counted, from where, under which extra condition
QUERIES: dict[str, tuple[str, str, str]] = {
    "outcomes": ("s.tree, s.version, s.outcome", "sessions s", ""),
    "durations": ("s.tree, s.version, s.duration", "sessions s", "s.duration IS NOT NULL"),
    "ends": (
        "s.tree, s.version, s.outcome, s.end_node, s.guard",
        "sessions s",
        "s.end_node IS NOT NULL AND s.outcome IN ('escalate', 'abandoned')",
    ),
    "steps": (f"s.tree, s.version, t.node, t.kind, t.answer, t.undone, {_STOPPED}", _STEPS, ""),
    "spent": ("s.tree, s.version, t.node, t.spent", _STEPS, "t.spent IS NOT NULL"),
    "checks": ("s.tree, s.version, c.check_id, c.status, c.answered, c.overridden", _CHECKS, ""),
}


@dataclass
class Groups:
    """Counted rows of each query in QUERIES: adding two Groups counts both sets of sessions."""

    counts: dict[str, Counter[Key]] = field(default_factory=dict)

    def add(self, other: Groups) -> None:
        """Count `other`'s sessions too."""
        for name, counter in other.counts.items():
            self.counts.setdefault(name, Counter()).update(counter)

    def to_json(self) -> dict[str, list[list[Any]]]:
        """Plain values (the index caches them)."""
        return {name: [[*k, n] for k, n in c.items()] for name, c in self.counts.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[Sequence[Any]]]) -> Groups:
        """Read back what `to_json` gave; ValueError when it is not that shape."""
        try:
            return cls(
                {
                    name: Counter({tuple(r[:-1]): int(r[-1]) for r in rows})
                    for name, rows in data.items()
                }
            )
        except (TypeError, IndexError, AttributeError) as exc:
            raise ValueError("not counted groups") from exc


def collect(
    conn: Connection, dialect: Dialect, filters: Filters, sessions: Iterable[str] | None = None
) -> Groups:
    """Count every group for the sessions the filters let through (only those of `sessions`,
    when given)."""
    where, params = filters.where(dialect)
    ids = None if sessions is None else list(sessions)
    chunks = [[]] if ids is None else [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    groups = Groups({name: Counter() for name in QUERIES})
    cur = conn.cursor()
    for chunk in chunks:
        only = f" AND s.session IN ({dialect.marks(len(chunk))})" if chunk else ""
        for name, (columns, source, extra) in QUERIES.items():
            condition = where + (f" AND {extra}" if extra else "") + only
            cur.execute(
                f"SELECT {columns}, COUNT(*) FROM {source} WHERE {condition} GROUP BY {columns}",
                [*params, *chunk],
            )
            groups.counts[name].update({tuple(row[:-1]): int(row[-1]) for row in cur.fetchall()})
    return groups


def quantile(histogram: Mapping[Any, int], q: float) -> float | None:
    """The `q` quantile of values counted in `histogram`: the median (q=0.5) is the middle
    value, or the mean of the two middle ones; any other q is the nearest rank (the smallest
    value with at least q of all values at or below it). None when nothing is counted."""
    values = sorted((v, n) for v, n in histogram.items() if n > 0 and v is not None)
    total = sum(n for _v, n in values)
    if not total:
        return None
    if q == 0.5 and total % 2 == 0:
        return (_ranked(values, total // 2) + _ranked(values, total // 2 + 1)) / 2
    rank = (total + 1) // 2 if q == 0.5 else max(1, math.ceil(q * total))
    return float(_ranked(values, rank))


def _ranked(values: list[tuple[Any, int]], rank: int) -> float:
    """The value at 1-based `rank` of the sorted, counted values."""
    seen = 0
    for value, n in values:
        seen += n
        if seen >= rank:
            return float(value)
    return float(values[-1][0])


def figures(groups: Groups, filters: Filters) -> Stats:
    """Every tree's figures from counted groups."""
    return assemble((tree_figures(tree, part) for tree, part in by_tree(groups).items()), filters)


def by_tree(groups: Groups) -> dict[Key, Groups]:
    """The groups of each (tree, version) pair (the index caches and adds to them apart)."""
    split: dict[Key, Groups] = {}
    for name, counter in groups.counts.items():
        for key, n in counter.items():
            part = split.get(key[:2])
            if part is None:
                part = split[key[:2]] = Groups({q: Counter() for q in QUERIES})
            part.counts[name][key] = n
    return split


def tree_figures(tree: Key, groups: Groups) -> TreeFigures:
    """The figures of one (tree, version) pair from its groups (`by_tree`)."""
    parts = {name: Counter({k[2:]: n for k, n in c.items()}) for name, c in groups.counts.items()}
    return _tree(tree, parts)


def assemble(trees: Iterable[TreeFigures], filters: Filters) -> Stats:
    """The figures of the trees with sessions, sorted by id and version, and the filters."""
    shown_trees = sorted(
        (t for t in trees if t.sessions),
        key=lambda t: (t.id, -1 if t.version is None else t.version),
    )
    shown = {k: v for k, v in asdict(filters).items() if v is not None}
    shown["sources"] = list(filters.sources)
    return Stats(tuple(shown_trees), shown)


def _tree(tree: Key, parts: Mapping[str, Counter[Key]]) -> TreeFigures:
    empty: Counter[Key] = Counter()
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for (outcome,), n in parts.get("outcomes", empty).items():
        outcomes[outcome] = outcomes.get(outcome, 0) + n
    durations = {d: n for (d,), n in parts.get("durations", empty).items()}
    ends = parts.get("ends", empty)
    escalations = [
        EndFigures(str(end), bool(guard), n)
        for (outcome, end, guard), n in ends.items()
        if outcome == "escalate"
    ]
    escalations.sort(key=lambda e: (-e.sessions, e.end, e.guard))
    given_up = Counter({end: n for (outcome, end, _g), n in ends.items() if outcome == "abandoned"})
    return TreeFigures(
        str(tree[0]),
        tree[1],
        sum(outcomes.values()),
        outcomes,
        quantile(durations, 0.5),
        quantile(durations, 0.9),
        _nodes(parts.get("steps", empty), parts.get("spent", empty), given_up),
        _checks(parts.get("checks", empty)),
        tuple(escalations),
    )


def _nodes(
    steps: Counter[Key], spent: Counter[Key], given_up: Counter[Any]
) -> tuple[NodeFigures, ...]:
    """Each node's figures, the worst first: where people give up most, then (steps) where
    the step solves least, then the most viewed."""
    views: Counter[str] = Counter()
    solved: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    answers: dict[str, Counter[str]] = {}
    for (node, kind, answer, undone, stopped), n in steps.items():
        views[node] += n
        if kind:
            kinds[node] = kind
        if not stopped and not (undone and answer == "" and kind not in ("input", "info")):
            answers.setdefault(node, Counter())[answer] += n  # not a view left by Back
        if kind == "step" and answer == "solved" and not undone:
            solved[node] += n
    times: dict[str, dict[Any, int]] = {}
    for (node, seconds), n in spent.items():
        times.setdefault(node, {})[seconds] = n
    nodes = [
        NodeFigures(
            node,
            kinds.get(node, ""),
            views[node],
            solved[node],
            given_up[node],
            dict(sorted(answers.get(node, Counter()).items())),
            quantile(times.get(node, {}), 0.5),
        )
        for node in views
    ]
    nodes.sort(key=_worst)
    return tuple(nodes)


def _worst(node: NodeFigures) -> tuple[float, float, int, str]:
    solved = node.solved_rate
    return (
        -(node.abandoned_rate or 0.0),
        2.0 if solved is None else solved,
        -node.views,
        node.id,
    )


def _checks(checks: Counter[Key]) -> tuple[CheckFigures, ...]:
    """Each check's figures, the most overridden first."""
    runs: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    overridden: Counter[str] = Counter()
    statuses: dict[str, Counter[str]] = {}
    for (check, status, by_check, by_person), n in checks.items():
        runs[check] += n
        answered[check] += n if by_check else 0
        overridden[check] += n if by_person else 0
        statuses.setdefault(check, Counter())[status] += n
    found = [
        CheckFigures(c, runs[c], answered[c], overridden[c], dict(sorted(statuses[c].items())))
        for c in runs
    ]
    found.sort(key=lambda c: (-(c.overridden_rate or 0.0), -c.runs, c.id))
    return tuple(found)
