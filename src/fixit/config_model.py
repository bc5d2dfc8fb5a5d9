"""The configuration in force as one value: what `fixit.config` reads and validates, and what
its section readers (`fixit.config_sections`) fill in. Both import it; it imports neither."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.errors import ConfigError

if TYPE_CHECKING:
    from fixit.known.settings import KnownSettings
    from fixit.submit.base import Target
    from fixit.support_hours import Hours

TIMEOUT = 5.0  # seconds: connecting and each statement; a session's end never waits longer


@dataclass(frozen=True)
class TeamStore:
    """The team's statistics store: a PostgreSQL URL without a password, and its settings."""

    url: str
    password_env: str | None = None
    agents: bool = False  # per-agent figures: off by default (see docs/team.md)
    agent_key_env: str | None = None
    timeout: float = TIMEOUT


@dataclass
class Config:
    """The configuration in force, validated, and where each value came from."""

    organisation: str = ""
    support: dict[str, str] = field(default_factory=dict)
    mode: str = "self"
    lang: str | None = None
    trees: list[Path] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    redaction_overrides: dict[str, str] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    default_target: str | None = None
    existing_ticket: str = "add"  # what --yes does when there is a ticket to add to: add or new
    existing_hours: float = 12.0  # how far back fixit looks for its own open tickets
    hours: Hours | None = None
    team: TeamStore | None = None  # stats.store: the team's statistics store
    known: KnownSettings | None = None  # known: feeds and Statuspage pages (config_known)
    raw: dict[str, Any] = field(default_factory=dict)  # as written, layers merged
    origins: dict[str, str] = field(default_factory=dict)
    positions: dict[str, str] = field(default_factory=dict)  # file:line:col, for later checks
    files: list[Path] = field(default_factory=list)
    problems: list[ConfigError] = field(default_factory=list)  # found while loading; then raised
    invalid_targets: set[str] = field(default_factory=set)  # named, but with problems

    @property
    def redaction(self) -> dict[str, str]:
        """The redaction policy: every kind's action, the defaults overlaid with the files'."""
        from fixit.report.redact import DEFAULT_POLICY  # only when a report is made

        return {**DEFAULT_POLICY, **self.redaction_overrides}

    def contact(self) -> str:
        """The support contact to show users: e-mail and phone when configured."""
        return ", ".join(v for v in (self.support.get("email"), self.support.get("phone")) if v)
