"""What support needs reaches it as typed: a tree's `redact: false` field (account-request's
e-mail and name) in every report format, the summary, the preview and what is sent; the same
address elsewhere, other addresses and secrets still follow the policy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .test_report import run_answers, validate

ADDRESS = "Maija.Meikalainen@example.fi"  # as typed, capitals too
OTHER = "pomo.henkilokohtainen@gmail.com"
TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def account(fixit: Callable[..., Any], tmp_path: Path, *extra: str, name: str = "") -> str:
    answers = {
        "request_type": "new",
        "sso_used": "no",
        "person_name": name or "Maija Meikäläinen",
        "email": ADDRESS,
        "level": "Tampere unit",
        "role": f"editor; send the credentials to {OTHER}",
        "urgency": "normal",
    }
    data = {"tree": "account-request", "answers": answers, "notes": [f"She also uses {ADDRESS}"]}
    return run_answers(fixit, tmp_path, data, *extra)


def test_the_declared_address_is_sent_as_typed_and_other_addresses_are_not(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = account(fixit, tmp_path)
    report = json.loads(fixit("report", sid, "--format", "json").out)
    validate(report)
    assert report["as_typed"] == ["email", "person_name"]
    fields = {f["id"]: f for f in report["fields"]}
    assert fields["email"]["value"] == ADDRESS and fields["email"]["label"] == "E-mail address"
    step = next(s for s in report["steps"] if s.get("field") == "email")
    assert step["answer"] == ADDRESS == step["value"]
    role = fields["role"]["value"]
    assert OTHER not in role and "<email-" in role  # a free-text answer follows the policy
    note = report["notes"][0]["text"]  # the same address outside its field: redacted too
    assert ADDRESS.lower() not in note.lower() and "<email-" in note
    body = {k: v for k, v in report.items() if k != "redactions"}
    hidden = json.dumps(body).count("<email-")  # the count is of what was hidden, no more
    assert {"kind": "email", "action": "placeholder", "count": hidden} in report["redactions"]


def test_every_format_and_language_says_which_fields_are_not_hidden(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = account(fixit, tmp_path)
    for fmt in ("markdown", "text", "html"):
        out = fixit("report", sid, "--format", fmt).out
        assert ADDRESS in out and OTHER not in out, fmt
        assert "Not hidden, because the request is about them: E-mail address" in out, fmt
        # the fields table names the field by its label, beside the value as typed
        assert any("E-mail address" in line and ADDRESS in line for line in out.splitlines()), fmt
    fi = fixit("--lang", "fi", "report", sid, "--format", "text").out
    assert ADDRESS in fi and "Ei piilotettu, koska pyyntö koskee niitä: Sähköpostiosoite" in fi
    assert any("Sähköpostiosoite" in line and ADDRESS in line for line in fi.splitlines())


def test_a_secret_is_removed_even_from_a_declared_field(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = account(fixit, tmp_path, name=f"Maija {TOKEN}")
    report = json.loads(fixit("report", sid, "--format", "json").out)
    name = next(f for f in report["fields"] if f["id"] == "person_name")["value"]
    assert TOKEN not in fixit("report", sid, "--format", "markdown").out
    assert name == "Maija <secret>"
    assert any(r["kind"] == "token" for r in report["redactions"])


def test_the_preview_says_what_is_sent_as_typed_and_the_sent_files_carry_it(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"submit:\n  targets:\n    folder: {{type: directory, path: '{share}'}}\n")
    sid = account(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid, "--to", "folder", "--dry-run")
    assert run.code == 0, run.err
    head = run.out.split("-" * 40)[0]
    assert "Sent as typed: E-mail address, Person's name." in head
    assert "“A new user account or a change of role”" in head
    fi = fixit("--config", str(cfg), "--lang", "fi", "submit", sid, "--to", "folder", "--dry-run")
    assert "Lähtee sellaisenaan: Sähköpostiosoite, Henkilön nimi." in fi.out
    assert fixit("--config", str(cfg), "submit", sid, "--to", "folder", "--yes").code == 0
    sent = [p.read_text() for p in share.rglob("*") if p.is_file()]
    assert sent and all(OTHER not in text for text in sent)
    assert any(ADDRESS in text for text in sent)


def test_the_end_summary_shows_the_declared_field_as_typed(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    from fixit.config import Config
    from fixit.flows.report import end_summary, open_session
    from fixit.i18n import Messages

    sid = account(fixit, tmp_path)
    summary = end_summary(open_session(sid), Messages("fi"), Config())
    assert summary.fields["Sähköpostiosoite"] == ADDRESS
    assert OTHER not in summary.fields["Rooli"]
    assert any(s.answer == ADDRESS for s in summary.steps)
    assert all(ADDRESS not in n.text for n in summary.notes)
