"""The result of one check: a status, a one-line summary as a message value, data, a reason."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fixit.i18n import SOURCE_LANGUAGE, Msg, _, from_json, pgettext, to_json

STATUSES = ("pass", "warn", "fail", "error", "skipped")
SEVERITY = {"fail": 0, "error": 1, "warn": 2, "skipped": 3, "pass": 4}


@dataclass(frozen=True)
class Recorded(Msg):
    """A summary as versions before message values stored it: finished text per language
    (`{"en": …, "fi": …}`, or one English string). Shown in the language asked for when it
    has one, else in English."""

    texts: Mapping[str, str] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The stored text in `lang`, else the English."""
        return self.texts.get(lang) or self.texts.get(SOURCE_LANGUAGE) or self.id


def recorded(texts: Mapping[str, object]) -> Recorded:
    """An old summary read back: its English is its id (logs and `str()` show it)."""
    kept = {str(k): str(v) for k, v in texts.items() if isinstance(v, str)}
    return Recorded(kept.get(SOURCE_LANGUAGE, ""), texts=kept)


def _summary_from_json(raw: object) -> Msg:
    if isinstance(raw, Mapping):
        return from_json(dict(raw)) or recorded(raw)
    return recorded({SOURCE_LANGUAGE: raw if isinstance(raw, str) else ""})


def _summary_to_json(summary: Msg) -> dict[str, object]:
    return dict(summary.texts) if isinstance(summary, Recorded) else to_json(summary)


@dataclass(frozen=True)
class CheckResult:
    """What a check found: a status, a one-line summary, structured data, how long it took.

    `reason` says why a check is `error` or `skipped`: a message, or a technical text (an
    exception's words) that is shown as it is.
    """

    id: str
    status: str
    summary: Msg
    data: dict[str, Any] = field(default_factory=dict)
    duration: float = 0.0
    reason: Msg | str = ""

    def text(self, lang: str) -> str:
        """The summary in `lang` (English where the catalogue has no entry)."""
        return self.summary.render(lang)

    def why(self, lang: str) -> str:
        """The reason in `lang`; a reason an older version stored as English text is shown
        translated when it is word for word a message fixit still has, else as it was stored."""
        if isinstance(self.reason, Msg):
            return self.reason.render(lang)
        if not self.reason or lang == SOURCE_LANGUAGE:
            return self.reason
        return Msg(self.reason).render(lang)  # an exact catalogue entry, never a guess

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict for sessions: messages keep their id, values and English."""
        reason = to_json(self.reason) if isinstance(self.reason, Msg) else self.reason
        return {
            "id": self.id,
            "status": self.status,
            "summary": _summary_to_json(self.summary),
            "data": self.data,
            "duration": round(self.duration, 3),
            "reason": reason,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CheckResult:
        """Rebuild a result stored by `to_json`; older sessions stored the summary as finished
        text (`{"en": …, "fi": …}`, or a string) and the reason as English text."""
        status = str(raw.get("status", "error"))
        reason = raw.get("reason") or ""
        return cls(
            str(raw.get("id", "")),
            status if status in STATUSES else "error",
            _summary_from_json(raw.get("summary", "")),
            dict(raw.get("data") or {}),
            float(raw.get("duration") or 0.0),
            (from_json(reason) or "") if isinstance(reason, dict) else str(reason),
        )


def verbatim(text: str) -> Msg:
    """A summary that is data alone (an operating system's name, a browser and its version):
    the same in every language."""
    return pgettext("data", "{text}", text=text)


def skipped(cid: str, summary: Msg, reason: Msg | str, duration: float = 0.0) -> CheckResult:
    """A check that does not apply here (no battery, unsupported platform, nothing configured)."""
    return CheckResult(cid, "skipped", summary, {}, duration, reason)


def not_here(cid: str, platforms: tuple[str, ...]) -> CheckResult | None:
    """`skipped` on a platform the check is not written for (`platforms`: `sys.platform`
    prefixes), else None."""

    if sys.platform.startswith(platforms):
        return None
    return skipped(
        cid,
        _("not available on {platform}", platform=sys.platform),
        _("{check} is not written for the platform {platform}", check=cid, platform=sys.platform),
    )


def errored(cid: str, summary: Msg, reason: Msg | str, duration: float = 0.0) -> CheckResult:
    """A check that could not find out (permission denied, a probe that raised, a timeout)."""
    return CheckResult(cid, "error", summary, {}, duration, reason)
