"""What a check's messages say in English and in Finnish, for assertions on both at once."""

from __future__ import annotations

from fixit.diagnostics.result import CheckResult, recorded
from fixit.i18n import Msg


def said(result: CheckResult | Msg) -> dict[str, str]:
    """A result's summary (or a message) in English and in Finnish."""
    msg = result.summary if isinstance(result, CheckResult) else result
    return {"en": msg.render("en"), "fi": msg.render("fi")}


def say(en: str, fi: str) -> Msg:
    """A summary given in both languages, as older versions stored every summary."""
    return recorded({"en": en, "fi": fi})
