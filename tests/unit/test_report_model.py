"""The report model's JSON form, byte for byte: a recorded session with every part a report can
have (steps, fields, choices, a field sent as typed, check runs, an environment snapshot, notes,
a caller, an attachment, a ticket) is built, redacted or not, in both languages, and compared with
golden files in tests/data/reports/json/ written before the model became typed. Set
FIXIT_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change (and read the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit import __version__
from fixit.engine import Engine
from fixit.events_read import event_from_json
from fixit.history import replay
from fixit.i18n import LANGUAGES, Messages
from fixit.report.document import Report
from fixit.report.model import assemble_report
from fixit.report.parts import Ticket
from fixit.report.redact import Redactor, redact_report
from fixit.report.render import render, render_json
from fixit.report.schema import SCHEMA
from fixit.trees.validate import check_text

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "reports" / "json"
TREE_TEXT = """\
format: 1
id: lab-printer
version: 3
title: {en: The lab printer does not print, fi: Laboratorion tulostin ei tulosta}
category: incident
start: happened
nodes:
  happened:
    kind: input
    field: happened
    label: {en: What happened, fi: Mitä tapahtui}
    text: {en: What happened?, fi: Mitä tapahtui?}
    goto: urgency
  urgency:
    kind: input
    field: urgency
    type: choice
    text: {en: How urgent is it?, fi: Kuinka kiireellinen asia on?}
    choices:
      - {id: high, label: {en: Urgent, fi: Kiireellinen}}
      - {id: low, label: {en: It can wait, fi: Voi odottaa}}
    goto: queue
  queue:
    kind: input
    field: queue_id
    label: {en: Print queue, fi: Tulostusjono}
    text: {en: Which print queue?, fi: Mikä tulostusjono?}
    redact: false
    goto: log
  log:
    kind: input
    field: log_file
    type: path
    label: {en: Log file, fi: Lokitiedosto}
    text: {en: Where is the printer's log?, fi: Missä tulostimen loki on?}
    goto: online
  online:
    kind: step
    text: {en: Turn the printer off and on., fi: Sammuta tulostin ja käynnistä se uudelleen.}
    verify: network.internet
    solved: fixed
    unsolved: site
  site:
    kind: check
    check: network.internet
    text: {en: Checking the connection once more…, fi: Tarkistetaan yhteys vielä kerran…}
    on: {pass: fixed, fail: broken}
    fallback: broken
  fixed: {kind: end, outcome: resolved, text: {en: Fixed., fi: Korjattu.}}
  broken: {kind: end, outcome: escalate, text: {en: Support takes over., fi: Tuki jatkaa.}}
"""
TREE, PROBLEMS = check_text(TREE_TEXT, "lab-printer.yaml", "lab-printer")
assert TREE is not None, PROBLEMS
TREES = {TREE.id: TREE}
SID = "20261207-010000-abcd"
AT = "2026-12-07T01:0{}:00+00:00"


def result(
    cid: str, status: str, en: str, fi: str, duration: float = 0.432, **data: Any
) -> dict[str, Any]:
    """A check result as a journal recorded it (its summary in English and Finnish)."""
    summary = {"en": en, "fi": fi}
    return {
        "id": cid,
        "status": status,
        "summary": summary,
        "data": data,
        "duration": duration,
        "reason": "",
    }


def session(log: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """The session's metadata, journal events and environment snapshot."""
    meta = {
        "id": SID,
        "tree": "lab-printer",
        "lang": "fi",
        "mode": "agent",
        "started": AT.format(0),
        "status": "finished",
        "case": "CASE-7",
        "ticket": {"target": "desk", "ref": "#42", "url": "https://desk.invalid/42"},
    }

    def answer(node: str, value: str, by: str, minute: int) -> dict[str, Any]:
        return {"t": "answer", "node": node, "value": value, "by": by, "at": AT.format(minute)}

    net = "network.internet"
    down = result(net, "fail", "No connection to 10.0.0.9.", "Ei yhteyttä.", host="maija@ws-042")
    up = result(net, "pass", "The internet connection works.", "Internetyhteys toimii.")
    events = [
        {"t": "caller", "caller": {"name": "Maija Meikäläinen", "contact": "maija@example.org"}},
        answer("happened", "Jammed at 81.2.69.160, /home/maija/print.pdf", "agent", 1),
        answer("urgency", "high", "agent", 2),
        answer("queue", "lab-queue maija@example.com", "agent", 3),
        answer("log", str(log), "agent", 4),
        {
            "t": "note",
            "node": "log",
            "text": "Caller reads from ws-042, key s3cret-token-value.",
            "at": AT.format(4),
        },
        {"t": "check", "id": "network.internet", "result": down, "node": "online"},
        answer("online", "unsolved", "check", 5),
        {"t": "check", "id": "network.internet", "result": up, "node": "site"},
        answer("site", "pass", "check", 6),
        {"t": "end", "end": "fixed", "at": AT.format(7)},
    ]
    info = result("system.info", "pass", "Linux", "Linux", 0.0, os="Linux")
    disk = result("disk.space", "warn", "Disk 95% full", "Levy 95 % täynnä", 0.0)
    environment = {
        "taken": AT.format(0),
        "checks": {"system.info": info, "disk.space": disk},
    }
    return meta, events, environment


def built(lang: str, tmp_path: Path) -> Any:
    """The session's report in `lang`, not yet redacted (its attachment's path pinned)."""
    log = tmp_path / "printer.log"
    log.write_text("paper jam\n")
    meta, events, environment = session(log)
    history = replay(Engine(TREES, "lab-printer"), [event_from_json(e) for e in events])
    report = assemble_report(meta, TREES, history, Messages(lang), "", environment)
    return report, str(log)


def redactor() -> Redactor:
    """A redactor that knows this machine's user, home and host name."""
    secrets = ["s3cret-token-value"]
    return Redactor({}, secrets, user="maija", home="/home/maija", hostnames=["ws-042"])


def golden(name: str, text: str) -> None:
    """Compare with (or, when updating, write) a golden file; fixit's version is pinned."""
    text = text.replace(f'"version": "{__version__}"', '"version": "0.0.0"')
    path = GOLDEN / name
    if os.environ.get("FIXIT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, "utf-8")
    assert path.exists(), f"no golden file {name}: run with FIXIT_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text("utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_full_sessions_report_is_byte_for_byte_its_golden_file(lang: str, tmp_path: Path) -> None:
    report, log = built(lang, tmp_path)
    text = render(report, "json", Messages(lang)).replace(log, "/var/log/printer.log")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(text))
    golden(f"session-full.{lang}.json", text)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_full_sessions_redacted_report_is_byte_for_byte_its_golden_file(
    lang: str, tmp_path: Path
) -> None:
    report, log = built(lang, tmp_path)
    redacted = redact_report(report, redactor())
    text = render(redacted, "json", Messages(lang)).replace(log, "/var/log/printer.log")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(text))
    golden(f"session-full.{lang}.redacted.json", text)


def shape(value: Any) -> Any:
    """The structure of a JSON value without its texts: keys in order, list lengths, types."""
    if isinstance(value, dict):
        return [(key, shape(v)) for key, v in value.items()]
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en", "fi"}))
def test_a_full_sessions_report_without_a_golden_file_is_shaped_as_the_english(
    lang: str, tmp_path: Path
) -> None:
    """Golden files are English and Finnish; every other language is held to the English shape."""
    for redact in (False, True):
        docs = []
        for each in ("en", lang):
            report, _log = built(each, tmp_path)
            report = redact_report(report, redactor()) if redact else report
            docs.append(json.loads(render(report, "json", Messages(each))))
        jsonschema.Draft202012Validator(SCHEMA).validate(docs[1])
        assert docs[1]["lang"] == lang and shape(docs[1]) == shape(docs[0]), redact


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.json")))
def test_every_golden_report_reads_as_typed_and_writes_back_byte_for_byte(name: str) -> None:
    text = (GOLDEN / name).read_text("utf-8")
    report = Report.from_json(json.loads(text))
    assert render_json(report.to_json()) == text


def test_a_report_made_before_choices_and_as_typed_is_written_back_without_them() -> None:
    doc = json.loads((GOLDEN / "session-full.en.json").read_text("utf-8"))
    del doc["choices"], doc["as_typed"], doc["steps"][0]["field"], doc["checks"][0]["plain"]
    report = Report.from_json(doc)
    assert (report.choices, report.as_typed, report.steps[0].field) == (None, None, None)
    assert report.to_json() == doc and list(report.to_json()) == list(doc)


def test_the_report_is_typed_all_the_way_down(tmp_path: Path) -> None:
    report, _ = built("en", tmp_path)
    assert isinstance(report, Report) and report.steps[4].check is not None
    assert (report.steps[4].check.status, report.checks[0].step) == ("fail", 5)
    assert report.steps[0].field == "happened" and report.steps[4].field is None
    assert report.environment is not None and report.environment.checks[0].id == "system.info"
    assert report.attachments[0].problem is None and report.attachments[0].size == 10
    assert report.ticket == Ticket("desk", "#42", "https://desk.invalid/42")
    assert report.choice_label("high", "urgency") == "Urgent"
    assert report.choice_label("high", "queue_id") == "high"  # no choice there: as it is
    assert (report.redacted, report.redactions) == (False, ())


def test_redaction_gives_a_new_typed_report_and_leaves_the_old_one() -> None:
    doc = json.loads((GOLDEN / "session-full.en.json").read_text("utf-8"))
    report = Report.from_json(doc)
    redacted = redact_report(report, redactor())
    assert report.to_json() == doc and not report.redacted  # frozen: nothing changed in place
    assert redacted.redacted and redacted.redactions[0].kind == "known_secret"
    assert redacted.notes[0].text == "Caller reads from <host-1>, key <secret>."
    assert list(redacted.to_json())[-2:] == ["redactions", "redacted"]
    assert list(report.to_json())[-4:] == ["redactions", "redacted", "ticket", "generator"]


def test_a_machine_or_user_named_like_a_reports_own_key_renames_no_key() -> None:
    """The report's keys are fixit's words: only values (and check data's keys) are redacted."""
    doc = json.loads((GOLDEN / "session-full.en.json").read_text("utf-8"))
    doc["checks"][0]["data"] = {"node": "node is down", "label": "x"}
    named = Redactor({}, user="label", home="/home/label", hostnames=["node"])
    redacted = redact_report(Report.from_json(doc), named)
    assert [s.node for s in redacted.steps] == [s["node"] for s in doc["steps"]]
    assert redacted.fields[0].label == "Print queue"
    assert redacted.checks[0].data == {"<host-1>": "<host-1> is down", "<user-1>": "x"}
