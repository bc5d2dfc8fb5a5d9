"""`fixit report`: the model and its schema, every format and language, privacy, attachments."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit.i18n import LANGUAGES
from fixit.report.attachments import describe
from fixit.report.render import FORMATS
from fixit.report.schema import SCHEMA
from fixit.trees.library import Source, load_library
from fixit.trees.testing import case_file_for, load_cases

from ..conftest import SHIPPED

LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)
CANARY_ENV = "canary-env-7f3a9c21"
CANARY_CONFIG = "canary-cfg-0b44d1e8"
CANARY_HOOK = "canary-hook-9e2d77aa"


def run_answers(
    fixit: Callable[..., Any], tmp_path: Path, data: dict[str, Any], *extra: str
) -> str:
    """Run an answer file (checks off) and return the new session's id."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False))  # JSON is YAML
    run = fixit(*extra, "start", "--answers", str(path), "--no-checks")
    assert run.code == 0, run.err
    return str(json.loads(fixit("sessions", "--json").out)[0]["id"])


def validate(doc: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def test_schema_is_printed_and_is_a_valid_json_schema(fixit: Callable[..., Any]) -> None:
    run = fixit("report", "--schema")
    printed = json.loads(run.out)
    assert run.code == 0 and printed == json.loads(json.dumps(SCHEMA))
    jsonschema.Draft202012Validator.check_schema(printed)


@pytest.mark.parametrize("tree_id", sorted(LIBRARY.by_id))
def test_every_shipped_tree_reports_in_every_format_and_every_language(
    fixit: Callable[..., Any], tmp_path: Path, tree_id: str
) -> None:
    case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[-1]
    data = {"tree": tree_id, "mode": case.get("mode", "self"), "lang": "fi"}
    data |= {"answers": case.get("answers", {}), "checks": case.get("checks", {})}
    sid = run_answers(fixit, tmp_path, data)
    for lang in LANGUAGES:
        doc = json.loads(fixit("--lang", lang, "report", sid, "--format", "json").out)
        validate(doc)
        assert doc["lang"] == lang and doc["session"]["lang"] == "fi"
        assert doc["tree"]["id"] == tree_id and doc["outcome"] == case["expect"]["outcome"]  # type: ignore[index]
        assert doc["redacted"] is True
        for fmt in FORMATS:
            run = fixit("--lang", lang, "report", sid, "--format", fmt)
            assert run.code == 0, run.err
            flat = " ".join(html.unescape(run.out.replace("\\", "")).split())
            assert " ".join(doc["title"].split()) in flat, fmt


def test_the_report_language_is_chosen_when_it_is_rendered(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    answers = {"symptom": "black", "power": "unsolved", "restart": "unsolved"}
    answers |= {"after_restart": "no_signal", "screen_link": "yes", "hdmi_input": "unsolved"}
    answers |= {"hdmi_cable": "unsolved"}
    answers |= {"player_id": "A-1234", "floor": "B", "level": "", "photo_ask": "no"}
    answers |= {"urgency": "high"}
    data = {"tree": "info-screen", "mode": "agent", "lang": "fi", "answers": answers}
    sid = run_answers(fixit, tmp_path, data)
    en = json.loads(fixit("--lang", "en", "report", sid, "--format", "json").out)
    fi = json.loads(fixit("--lang", "fi", "report", sid, "--format", "json").out)
    assert en["title"].endswith("— A-1234 — escalated after 12 steps")
    assert fi["title"].endswith("— A-1234 — siirtyi tuelle 12 vaiheen jälkeen")
    assert en["steps"][0]["answer"] != fi["steps"][0]["answer"]
    assert [s["value"] for s in en["steps"]] == [s["value"] for s in fi["steps"]]


def report_answers(**overrides: str) -> dict[str, str]:
    answers = {
        "category": "incident",
        "topic": "other",
        "doing": "Logging in to the member registry",
        "happened": "The login page reloads",
        "error_message": "",
        "since": "today",
        "frequency": "always",
        "reproduce": "",
        "affected": "me",
        "urgency": "high",
        "device_id": "L-0042",
        "screenshot": "",
        "reporter_name": "Maija Meikäläinen",
        "reporter_contact": "maija@example.fi",
    }
    return answers | overrides


def test_a_problem_report_fills_problem_urgency_category_and_reporter(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    data = {"tree": "report-problem", "mode": "self", "answers": report_answers()}
    sid = run_answers(fixit, tmp_path, data)
    doc = json.loads(fixit("--lang", "en", "report", sid, "--format", "json").out)
    validate(doc)
    assert doc["title"] == "The login page reloads — L-0042 — blocks my work"
    assert doc["problem"] == {
        "doing": "Logging in to the member registry",
        "happened": "The login page reloads",
        "since": "today",
        "frequency": "always",
        "affected": "me",
    }
    assert doc["urgency"] == "high" and doc["category"] == "incident"
    assert doc["reporter"] == {
        "name": "Maija Meikäläinen",
        "contact": "maija@example.fi",
        "device_id": "L-0042",
    }
    assert doc["fields"] == []  # everything landed in its own section


def test_secrets_never_leave_and_personal_data_is_replaced_consistently(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIXIT_TEST_API_TOKEN", CANARY_ENV)
    monkeypatch.setenv("HOOK_TOKEN", CANARY_HOOK)
    config = tmp_path / "config.yaml"
    config.write_text(
        "submit:\n  targets:\n"
        f"    mail: {{type: webhook, url: 'https://m.example.fi/', headers: {{X-Secret-Salt: {CANARY_CONFIG}}}}}\n"
        "    hook: {type: webhook, url: 'https://hooks.example.fi/x', token_env: HOOK_TOKEN}\n"
    )
    happened = (
        f"Login fails with token {CANARY_ENV}; the hook said {CANARY_HOOK}; "
        f"password={CANARY_CONFIG}. Colleague matti@example.fi saw it too, "
        "and matti@example.fi wrote to helpdesk@example.org. Server 8.8.8.8, router 192.168.1.1."
    )
    answers = report_answers(happened=happened, affected="matti@example.fi and me")
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": answers})
    outputs = {
        fmt: fixit("--config", str(config), "report", sid, "--format", fmt).out for fmt in FORMATS
    }
    for fmt, text in outputs.items():
        for canary in (CANARY_ENV, CANARY_CONFIG, CANARY_HOOK):
            assert canary not in text, f"{canary} leaked into the {fmt} report"
    doc = json.loads(outputs["json"])
    validate(doc)
    happened_out = doc["problem"]["happened"]
    assert happened_out.count("<email-1>") == 2 and "<email-2>" in happened_out
    assert doc["problem"]["affected"] == "<email-1> and me"  # the same person, the same name
    assert "<ip-1>" in happened_out and "192.168.1.1" in happened_out  # the LAN stays readable
    assert doc["reporter"]["contact"] == "maija@example.fi"  # the reporter's own address is kept
    kinds = {r["kind"]: r["count"] for r in doc["redactions"]}
    # counted per occurrence: the answer shows in the problem section and in the steps
    assert kinds["email"] >= 4 and kinds["ip"] >= 1
    assert set(re.findall(r"<email-\d+>", outputs["json"])) == {"<email-1>", "<email-2>"}
    assert sum(v for k, v in kinds.items() if k not in ("email", "ip")) >= 3  # the secrets
    for fmt in ("markdown", "text", "html"):
        assert "<email-1>" in outputs[fmt] or "&lt;email-1&gt;" in outputs[fmt]


def test_no_redact_is_only_for_this_screen(fixit: Callable[..., Any], tmp_path: Path) -> None:
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": report_answers()})
    piped = fixit("report", sid, "--no-redact")
    assert piped.code == 2 and "only for reading a report on this screen" in piped.err
    to_file = fixit("report", sid, "--no-redact", "--output", str(tmp_path / "r.md"))
    assert to_file.code == 2 and not (tmp_path / "r.md").exists()


def test_output_file_is_written_and_unknown_format_is_a_usage_error(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": report_answers()})
    out = tmp_path / "report.html"
    assert fixit("report", sid, "--format", "html", "--output", str(out)).code == 0
    assert out.read_text().startswith("<!doctype html>")
    assert fixit("report", sid, "--format", "md").out == fixit("report", sid).out
    bad = fixit("report", sid, "--format", "pdf")
    assert bad.code == 2 and "there is no report format 'pdf'" in bad.err


def test_attachments_are_fingerprinted_or_refused_with_a_reason(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG fake")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    answers = report_answers(screenshot=str(shot))
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": answers})
    run = fixit(
        "report", sid, "--format", "json",
        "--attach", str(tmp_path), "--attach", str(fifo), "--attach", str(tmp_path / "gone.txt"),
    )  # fmt: skip
    doc = json.loads(run.out)
    validate(doc)
    [listed] = doc["attachments"]  # refused files are named on stderr and not added
    assert listed["name"] == "shot.png" and listed["mime"] == "image/png" and listed["size"] == 9
    assert listed["sha256"] and listed["problem"] is None
    assert run.code == 0 and run.err.splitlines() == [
        f"fixit: warning: {tmp_path}: not attached: it is not a regular file",
        f"fixit: warning: {fifo}: not attached: it is not a regular file",  # no wait for a writer
        f"fixit: warning: {tmp_path / 'gone.txt'}: not attached: the file was not found",
    ]
    md = fixit("report", sid, "--attach", str(shot)).out
    assert "shot.png" in md
    fi = fixit("--lang", "fi", "report", sid, "--attach", str(tmp_path / "gone.txt"))
    assert (
        fi.err == f"fixit: warning: {tmp_path / 'gone.txt'}: ei liitetty: tiedostoa ei löytynyt\n"
    )


def test_an_attached_file_stays_with_the_session(fixit: Callable[..., Any], tmp_path: Path) -> None:
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": report_answers()})
    log = tmp_path / "vpn.log"
    log.write_text("line\n")
    assert fixit("report", sid, "--attach", str(log)).code == 0
    assert fixit("report", sid, "--attach", str(log)).code == 0  # once, however often given
    doc = json.loads(fixit("report", sid, "--format", "json").out)
    assert [(a["name"], a["path"]) for a in doc["attachments"]] == [("vpn.log", str(log))]
    log.unlink()  # gone since: the report says so instead of dropping it silently
    doc = json.loads(fixit("report", sid, "--format", "json").out)
    assert [a["problem"] for a in doc["attachments"]] == ["missing"]


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    big.write_bytes(b"x" * 2048)
    assert describe(big, cap=1024).problem == "too_large"
    assert describe(big, cap=4096).size == 2048


def test_no_session_and_no_terminal_asks_for_one(fixit: Callable[..., Any]) -> None:
    run = fixit("report")
    assert run.code == 4 and "standard input is not a terminal" in run.err


def test_a_credentials_file_secret_is_scrubbed_even_when_the_variable_is_empty(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "zq9-file-canary-77"
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "fixit"
    folder.mkdir(parents=True, exist_ok=True)
    creds = folder / "credentials.yaml"
    creds.write_text(f"HOOK_TOKEN: {secret}\n")
    creds.chmod(0o600)
    monkeypatch.setenv("HOOK_TOKEN", "")
    answers = report_answers(happened=f"the token {secret} shows on screen")
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": answers})
    for fmt in FORMATS:
        assert secret not in fixit("report", sid, "--format", fmt).out


def test_attachment_names_leave_redacted(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from fixit.context import AppContext
    from fixit.flows.report import payload

    host = socket.gethostname().split(".")[0]
    if len(host) < 2 or host.lower() == "localhost":
        pytest.skip("this machine's host name is too generic to be redacted")
    shot = tmp_path / f"{host}-screen.png"
    shot.write_bytes(b"picture")
    answers = report_answers(screenshot=str(shot))
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": answers})
    ctx = AppContext(lang_option="en")
    [attachment] = payload(ctx, sid).attachments
    assert attachment.name == "<host-1>-screen.png" and attachment.path == shot


def test_the_support_teams_address_is_not_redacted(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("support: {email: tuki@example.fi}\n")
    happened = "I mailed tuki@example.fi and Bob (bob@corp.example) about it"
    answers = report_answers(happened=happened)
    sid = run_answers(fixit, tmp_path, {"tree": "report-problem", "answers": answers})
    doc = json.loads(fixit("--config", str(cfg), "report", sid, "--format", "json").out)
    assert doc["problem"]["happened"] == ("I mailed tuki@example.fi and Bob (<email-1>) about it")


def test_a_report_speaks_the_sessions_language_unless_told_otherwise(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    answers = report_answers(happened="Sivu latautuu uudelleen")
    sid = run_answers(
        fixit, tmp_path, {"tree": "report-problem", "answers": answers}, "--lang", "fi"
    )
    assert json.loads(fixit("report", sid, "--format", "json").out)["lang"] == "fi"
    assert "## Yhteenveto" in fixit("report", sid).out
    assert json.loads(fixit("--lang", "en", "report", sid, "--format", "json").out)["lang"] == "en"


def test_the_end_summary_follows_the_configuration_given_on_the_command_line(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("redaction: {email: keep}\n")
    answers = report_answers(happened="Bob (bob@corp.example) sees it too")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"tree": "report-problem", "answers": answers}))
    plain = fixit("start", "--answers", str(path), "--no-checks")
    kept = fixit("--config", str(cfg), "start", "--answers", str(path), "--no-checks")
    assert plain.code == kept.code == 0
    assert "bob@corp.example" not in plain.out and "<email-1>" in plain.out
    assert "bob@corp.example" in kept.out
