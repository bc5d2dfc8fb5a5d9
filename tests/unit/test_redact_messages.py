"""Messages kept in a report's JSON (a probe's `error_msg` in check data) are redacted like all
text: their values and English lose secrets and personal data, and they still render."""

from __future__ import annotations

import json
from typing import Any

from fixit.diagnostics.probeerror import ProbeError, failure_data
from fixit.diagnostics.result import CheckResult
from fixit.i18n import _, from_json, to_json
from fixit.report.check_data import detail_lines
from fixit.report.redact import DEFAULT_POLICY, Redactor, redact_json
from tests.unit.diagnostics.said import say

SECRET = "Canary-9f2Kx7Qp4Lm8"
HOST = "maija-laptop"


def make(hostnames: list[str] | None = None) -> Redactor:
    """A redactor for a fictional machine that knows one secret."""
    names = [f"{HOST}.corp.example"] if hostnames is None else hostnames
    return Redactor(DEFAULT_POLICY, [SECRET], user="maija", home="/home/maija", hostnames=names)


def _report(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a report's JSON that holds a check's data."""
    check = CheckResult("service.url", "fail", say("x", "x"), data).to_json()
    return {"checks": [{**check, "summary": "x", "reason": "", "title": "t"}]}


def _shown(doc: dict[str, Any], lang: str) -> dict[str, str]:
    """The redacted check's data lines as the report shows them in `lang`."""
    return dict(detail_lines(CheckResult.from_json(doc["checks"][0]), lang))


def test_a_secret_and_the_host_name_inside_a_failures_message_are_masked() -> None:
    failed = ProbeError("proxy", f"{HOST}.corp.example", f"407 token={SECRET}")
    data = {"url": "https://portal.example.fi/", **failure_data(failed.kind, failed.words)}
    assert SECRET in json.dumps(data) and HOST in json.dumps(data["error_msg"])
    doc = redact_json(_report(data), make())
    text = json.dumps(doc)
    assert SECRET not in text and HOST not in text
    kept = doc["checks"][0]["data"]["error_msg"]
    assert set(kept) == {"msg", "values", "en"} and set(kept["values"]) == {"host", "detail"}
    assert kept["msg"] == data["error_msg"]["msg"]  # fixit's words, so it still translates
    assert kept["values"]["host"] == "<host-1>"
    assert SECRET not in kept["en"] and "<secret>" in kept["en"]
    fi = _shown(doc, "fi")["Ongelma"]
    assert fi.startswith("välityspalvelin <host-1> ei päästänyt") and "<secret>" in fi
    # one secret in one failure: the message beside its English repeats it, and is not
    # counted again (a report that says "3 removed" for one secret would mislead)
    assert {"kind": "known_secret", "action": "remove", "count": 1} in doc["redactions"]


def test_a_machine_named_like_a_placeholder_keeps_the_message_whole() -> None:
    refused = ProbeError("refused", "host.example.fi", "Connection refused")
    data = {"url": "http://host.example.fi/", **failure_data(refused.kind, refused.words)}
    doc = redact_json(_report(data), make(["host"]))
    kept = doc["checks"][0]["data"]["error_msg"]
    assert kept["msg"] == "{host} refused the connection" and "host" in kept["values"]
    assert _shown(doc, "fi")["Ongelma"] == "<host-1>.example.fi torjui yhteyden"
    assert _shown(doc, "sv")["Problem"] == "<host-1>.example.fi avvisade anslutningen"


def test_a_message_whose_own_words_are_personal_keeps_only_its_redacted_english() -> None:
    """A msgid that is not fixit's text (here it names the machine) is never passed on."""
    odd = to_json(_(f"{HOST} is slow: {{what}}", what=SECRET))
    doc = redact_json(_report({"error": str(from_json(odd)), "error_msg": odd}), make())
    assert doc["checks"][0]["data"]["error_msg"] == "<host-1> is slow: <secret>"
    assert _shown(doc, "fi")["Ongelma"] == "<host-1> is slow: <secret>"
    assert HOST not in json.dumps(doc) and SECRET not in json.dumps(doc)
