"""Per-agent figures of the team store, only where the organisation switched them on
(`stats.agents`): sessions and outcomes per opaque agent id (docs/team.md says why they are off
by default and what an id is). Never a name: the store holds none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit.i18n import Messages, _, ngettext
from fixit.stats.figures import Filters
from fixit.stats.record import OUTCOMES
from fixit.stats.result import rate

if TYPE_CHECKING:
    from fixit.stats.tables import Connection, Dialect


@dataclass(frozen=True)
class AgentFigures:
    """One agent's sessions (agent mode) by outcome."""

    agent: str
    sessions: int
    outcomes: dict[str, int]

    @property
    def resolution_rate(self) -> float | None:
        """The share of sessions resolved."""
        return rate(self.outcomes.get("resolved", 0), self.sessions)

    def to_json(self) -> dict[str, Any]:
        """The agent's JSON object (in `stats --team --json`'s `agents`)."""
        return {
            "agent": self.agent,
            "sessions": self.sessions,
            "outcomes": dict(self.outcomes),
            "resolution_rate": self.resolution_rate,
        }


def agent_figures(conn: Connection, dialect: Dialect, filters: Filters) -> list[AgentFigures]:
    """Sessions and outcomes per agent id, for the sessions the filters let through."""
    where, params = filters.where(dialect)
    cur = conn.cursor()
    cur.execute(
        f"SELECT s.agent, s.outcome, COUNT(*) FROM sessions s WHERE {where} "
        "AND s.agent IS NOT NULL GROUP BY s.agent, s.outcome",
        params,
    )
    per: dict[str, dict[str, int]] = {}
    for agent, outcome, n in cur.fetchall():
        outcomes = per.setdefault(str(agent), dict.fromkeys(OUTCOMES, 0))
        outcomes[str(outcome)] = outcomes.get(str(outcome), 0) + int(n)
    found = [AgentFigures(a, sum(o.values()), o) for a, o in per.items()]
    found.sort(key=lambda f: (-f.sessions, f.agent))
    return found


def print_agents(agents: list[AgentFigures], msgs: Messages, write: Callable[[str], None]) -> None:
    """The per-agent lines after the trees' figures."""
    write("")
    write(msgs(_("Per agent (opaque ids, stats.agents is on):")))
    if not agents:
        write(msgs(_("No session of these has an agent id.")))
    for a in agents:
        share = "–" if a.resolution_rate is None else f"{round(a.resolution_rate * 100)} %"
        line = ngettext(
            "{agent}: {n} session, {resolved} resolved ({share})",
            "{agent}: {n} sessions, {resolved} resolved ({share})",
            a.sessions,
            agent=a.agent,
            resolved=a.outcomes.get("resolved", 0),
            share=share,
        )
        write(msgs(line))
