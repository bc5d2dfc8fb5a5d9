"""A check result's messages in a session journal: written as message values, read back in any
language; results older versions wrote (finished text per language, English reasons) still read."""

from __future__ import annotations

import json

from fixit.diagnostics.result import CheckResult, Recorded
from fixit.i18n import Msg, _

STORED_BY_OLDER_VERSIONS = {
    "id": "disk.space",
    "status": "warn",
    "summary": {"en": "disk space running low: / (1.2 GiB free, 4.1%)", "fi": "levytila vähissä"},
    "data": {},
    "duration": 0.01,
    "reason": "",
}


def test_a_summary_is_journaled_as_its_message_and_renders_in_any_language_later() -> None:
    result = CheckResult(
        "power.battery", "warn", _("on battery, {pct}% left", pct="14"), {"percent": 14.0}
    )
    stored = json.loads(json.dumps(result.to_json()))
    assert stored["summary"] == {
        "msg": "on battery, {pct}% left",
        "values": {"pct": "14"},
        "en": "on battery, 14% left",
    }
    again = CheckResult.from_json(stored)
    assert again == result
    assert again.text("en") == "on battery, 14% left"
    assert again.text("fi") == "akkuvirralla, 14 % jäljellä"


def test_a_summary_an_older_version_stored_reads_as_it_was_stored() -> None:
    old = CheckResult.from_json(STORED_BY_OLDER_VERSIONS)
    assert isinstance(old.summary, Recorded)
    assert old.text("fi") == "levytila vähissä"
    assert old.text("en") == "disk space running low: / (1.2 GiB free, 4.1%)"
    assert old.text("sv") == old.text("en")  # no Swedish was stored: the English
    assert str(old.summary) == old.text("en")
    assert old.to_json()["summary"] == STORED_BY_OLDER_VERSIONS["summary"]  # kept as it was


def test_a_summary_stored_as_one_string_reads_in_every_language() -> None:
    old = CheckResult.from_json({"id": "a.b", "status": "pass", "summary": "eth0 up"})
    assert old.text("en") == old.text("fi") == "eth0 up"


def test_a_reason_is_a_message_in_the_journal_and_an_old_english_reason_still_translates() -> None:
    skipped = CheckResult("x.y", "skipped", _("no result given"), reason=_("not forced"))
    stored = json.loads(json.dumps(skipped.to_json()))
    assert stored["reason"]["en"] == "not forced"
    again = CheckResult.from_json(stored)
    assert isinstance(again.reason, Msg)
    assert again.why("fi") == "vastaustiedosto ei anna tulosta"
    old = CheckResult.from_json({**STORED_BY_OLDER_VERSIONS, "reason": "not forced"})
    assert old.reason == "not forced"
    assert old.why("en") == "not forced" and old.why("fi") == "vastaustiedosto ei anna tulosta"


def test_an_exceptions_own_words_are_a_reason_shown_as_they_are() -> None:
    broken = CheckResult("x.y", "error", _("unknown check"), reason="OSError: [Errno 5] I/O")
    assert broken.why("fi") == "OSError: [Errno 5] I/O"
    assert CheckResult.from_json(broken.to_json()).reason == "OSError: [Errno 5] I/O"
