"""What `fixit stats` shows: figures per tree and version, per node, per check and per
escalation end, as typed values with the documented JSON shape (docs/stats.md, schema 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1
#: `known`: "this is my problem" at a known problem shown before the first step (issue 17)
OUTCOMES = ("resolved", "escalate", "referred", "unresolved", "known", "abandoned")
#: a check is flagged once people overrode it in this share of its runs, over at least MIN_RUNS
OVERRIDE_FLAG = 0.3
MIN_RUNS = 5


def rate(part: int, whole: int) -> float | None:
    """`part` ÷ `whole`, rounded to 4 places; None when `whole` is 0."""
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class NodeFigures:
    """One node of a tree: how often it was shown, solved the problem, was given up at."""

    id: str
    kind: str
    views: int
    solved: int
    abandoned: int
    answers: dict[str, int]
    median_seconds: float | None

    @property
    def solved_rate(self) -> float | None:
        """Solved ÷ views (steps only; None for other kinds)."""
        return rate(self.solved, self.views) if self.kind == "step" else None

    @property
    def abandoned_rate(self) -> float | None:
        """Abandoned at the node ÷ views."""
        return rate(self.abandoned, self.views)

    def to_json(self) -> dict[str, Any]:
        """The node's JSON object."""
        return {
            "id": self.id,
            "kind": self.kind,
            "views": self.views,
            "solved": self.solved,
            "solved_rate": self.solved_rate,
            "abandoned": self.abandoned,
            "abandoned_rate": self.abandoned_rate,
            "answers": dict(self.answers),
            "median_seconds": self.median_seconds,
        }


@dataclass(frozen=True)
class CheckFigures:
    """One check run for a tree's nodes: how often its finding answered, or was overridden."""

    id: str
    runs: int
    answered: int
    overridden: int
    statuses: dict[str, int]

    @property
    def overridden_rate(self) -> float | None:
        """Overridden ÷ runs."""
        return rate(self.overridden, self.runs)

    @property
    def flagged(self) -> bool:
        """People keep overriding it: a check that is probably broken."""
        return self.runs >= MIN_RUNS and self.overridden >= OVERRIDE_FLAG * self.runs

    def to_json(self) -> dict[str, Any]:
        """The check's JSON object."""
        return {
            "id": self.id,
            "runs": self.runs,
            "answered": self.answered,
            "answered_rate": rate(self.answered, self.runs),
            "overridden": self.overridden,
            "overridden_rate": self.overridden_rate,
            "flagged": self.flagged,
            "statuses": dict(self.statuses),
        }


@dataclass(frozen=True)
class EndFigures:
    """Where escalated sessions ended: an end node, or the node the loop guard was taken at."""

    end: str
    guard: bool
    sessions: int

    def to_json(self) -> dict[str, Any]:
        """The escalation end's JSON object."""
        return {"end": self.end, "guard": self.guard, "sessions": self.sessions}


@dataclass(frozen=True)
class TreeFigures:
    """One tree at one version."""

    id: str
    version: int | None
    sessions: int
    outcomes: dict[str, int]
    median_seconds: float | None
    p90_seconds: float | None
    nodes: tuple[NodeFigures, ...]
    checks: tuple[CheckFigures, ...]
    escalations: tuple[EndFigures, ...]

    @property
    def resolution_rate(self) -> float | None:
        """Resolved ÷ sessions."""
        return rate(self.outcomes.get("resolved", 0), self.sessions)

    def to_json(self) -> dict[str, Any]:
        """The tree's JSON object."""
        return {
            "id": self.id,
            "version": self.version,
            "sessions": self.sessions,
            "outcomes": dict(self.outcomes),
            "resolution_rate": self.resolution_rate,
            "median_seconds": self.median_seconds,
            "p90_seconds": self.p90_seconds,
            "nodes": [n.to_json() for n in self.nodes],
            "checks": [c.to_json() for c in self.checks],
            "escalations": [e.to_json() for e in self.escalations],
        }


@dataclass(frozen=True)
class Stats:
    """Every tree's figures under the filters they were computed with."""

    trees: tuple[TreeFigures, ...]
    filters: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (`schema_version` 1)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "filters": dict(self.filters),
            "trees": [t.to_json() for t in self.trees],
        }


def stats_from_json(data: Any) -> Stats:
    """Read back what `Stats.to_json` wrote (the index caches it); ValueError when it is not
    that shape."""
    try:
        return Stats(
            tuple(tree_from_json(t) for t in data["trees"]),
            dict(data["filters"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError("not figures") from exc


def tree_from_json(t: Any) -> TreeFigures:
    """Read back what `TreeFigures.to_json` wrote; KeyError or TypeError when it is not that
    shape."""
    return TreeFigures(
        t["id"],
        t["version"],
        t["sessions"],
        dict.fromkeys(OUTCOMES, 0) | dict(t["outcomes"]),  # figures cached before `known`
        t["median_seconds"],
        t["p90_seconds"],
        tuple(
            NodeFigures(
                n["id"],
                n["kind"],
                n["views"],
                n["solved"],
                n["abandoned"],
                dict(n["answers"]),
                n["median_seconds"],
            )
            for n in t["nodes"]
        ),
        tuple(
            CheckFigures(c["id"], c["runs"], c["answered"], c["overridden"], dict(c["statuses"]))
            for c in t["checks"]
        ),
        tuple(EndFigures(e["end"], e["guard"], e["sessions"]) for e in t["escalations"]),
    )
