"""The result of one check, with its one-line summary in every UI language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("pass", "warn", "fail", "error", "skipped")
SEVERITY = {"fail": 0, "error": 1, "warn": 2, "skipped": 3, "pass": 4}


def say(en: str, fi: str) -> dict[str, str]:
    """A one-line text in English and Finnish (checks speak both; reports pick at render time)."""
    return {"en": en, "fi": fi}


@dataclass(frozen=True)
class CheckResult:
    """What a check found: a status, a one-line summary, structured data, how long it took.

    `reason` says why a check is `error` or `skipped` (technical, English, shown as written).
    """

    id: str
    status: str
    summary: Mapping[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    duration: float = 0.0
    reason: str = ""

    def text(self, lang: str) -> str:
        """The summary in `lang`, falling back to English."""
        return self.summary.get(lang) or self.summary.get("en") or ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict for sessions, reports and `fixit diagnose --json`."""
        return {
            "id": self.id,
            "status": self.status,
            "summary": dict(self.summary),
            "data": self.data,
            "duration": round(self.duration, 3),
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CheckResult:
        """Rebuild a result stored by `to_json` (older sessions stored the summary as a string)."""
        summary = raw.get("summary", "")
        if isinstance(summary, str):
            summary = {"en": summary}
        status = str(raw.get("status", "error"))
        return cls(
            str(raw.get("id", "")),
            status if status in STATUSES else "error",
            {str(k): str(v) for k, v in dict(summary).items()},
            dict(raw.get("data") or {}),
            float(raw.get("duration") or 0.0),
            str(raw.get("reason") or ""),
        )


def skipped(
    cid: str, summary: Mapping[str, str], reason: str, duration: float = 0.0
) -> CheckResult:
    """A check that does not apply here (no battery, unsupported platform, nothing configured)."""
    return CheckResult(cid, "skipped", summary, {}, duration, reason)


def errored(
    cid: str, summary: Mapping[str, str], reason: str, duration: float = 0.0
) -> CheckResult:
    """A check that could not find out (permission denied, a probe that raised, a timeout)."""
    return CheckResult(cid, "error", summary, {}, duration, reason)
