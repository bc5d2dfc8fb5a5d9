"""The result of one check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("pass", "warn", "fail", "error", "skipped")


@dataclass(frozen=True)
class CheckResult:
    """What a check found: a status, a one-line summary, structured data, how long it took."""

    id: str
    status: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    duration: float = 0.0
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict for sessions and reports."""
        return {
            "id": self.id,
            "status": self.status,
            "summary": self.summary,
            "data": self.data,
            "duration": round(self.duration, 3),
            "reason": self.reason,
        }
