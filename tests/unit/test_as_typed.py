"""`redact_report` and the fields a tree declares `redact: false`: exactly those values are
left as typed, wherever the report shows them as that field, and nothing else."""

from __future__ import annotations

from typing import Any

from fixit.report.redact import Redactor, redact_json

ADDRESS = "liisa.laine@example.fi"
TOKEN = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"


def report(**extra: Any) -> dict[str, Any]:
    return {
        "problem": {"error_message": f"mail to {ADDRESS} bounced", "doing": f"writing {ADDRESS}"},
        "fields": [
            {"id": "email", "label": "E-mail address", "value": f"{ADDRESS} {TOKEN}"},
            {"id": "note", "label": "Note", "value": f"copy {ADDRESS}"},
        ],
        "steps": [
            {"n": 1, "node": "mail", "answer": ADDRESS, "value": ADDRESS, "field": "email"},
            {"n": 2, "node": "x", "answer": ADDRESS, "value": ADDRESS},
        ],
        "notes": [{"text": f"asked {ADDRESS}", "node": "", "at": ""}],
        **extra,
    }


def redactor() -> Redactor:
    return Redactor({}, user="nobody-here", home="/nonexistent/home", hostnames=[])


def test_only_the_declared_fields_own_values_are_left_as_typed() -> None:
    out = redact_json(report(as_typed=["email", "error_message"]), redactor())
    assert out["fields"][0]["value"] == f"{ADDRESS} <secret>"  # secrets go even here
    assert out["problem"]["error_message"] == f"mail to {ADDRESS} bounced"
    assert out["steps"][0]["answer"] == ADDRESS == out["steps"][0]["value"]
    # the same address anywhere else is redacted, with one placeholder
    assert out["problem"]["doing"] == "writing <email-1>"
    assert out["fields"][1]["value"] == "copy <email-1>"
    assert out["steps"][1]["answer"] == "<email-1>" and out["notes"][0]["text"] == "asked <email-1>"
    assert {"kind": "email", "action": "placeholder", "count": 5} in out["redactions"]
    assert {"kind": "token", "action": "remove", "count": 1} in out["redactions"]


def test_without_as_typed_everything_follows_the_policy() -> None:
    out = redact_json(report(), redactor())
    assert out["fields"][0]["value"] == "<email-1> <secret>"
    assert out["steps"][0]["answer"] == "<email-1>"
    assert {"kind": "email", "action": "placeholder", "count": 9} in out["redactions"]


def test_the_input_report_is_not_changed() -> None:
    given = report(as_typed=["email"])
    before = repr(given)
    redact_json(given, redactor())
    assert repr(given) == before
