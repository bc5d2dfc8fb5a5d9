"""The end-of-wizard summary: fields by their label, choices by theirs, and as redacted as the
report (an agent copies it into tickets)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit import sessions
from fixit.config import Config
from fixit.engine import Engine
from fixit.history import replay
from fixit.i18n import Messages
from fixit.summary import build_summary

from .test_report import report_answers

TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"


def finish(fixit: Callable[..., Any], tmp_path: Path, lang: str, **answers: str) -> tuple[str, str]:
    """Run the report-problem tree from an answer file: the end screen and the session id."""
    path = tmp_path / "answers.json"
    data = {"tree": "report-problem", "lang": lang, "answers": report_answers(**answers)}
    path.write_text(json.dumps(data, ensure_ascii=False))
    run = fixit("--lang", lang, "start", "--answers", str(path), "--no-checks")
    assert run.code == 0, run.err
    return run.out, str(json.loads(fixit("sessions", "--json").out)[0]["id"])


def collected(screen: str, title: str) -> str:
    """The "details collected" table of the end screen."""
    return screen[screen.index(title) :]


@pytest.mark.parametrize(
    ("lang", "title", "rows"),
    [
        ("fi", "Kerätyt tiedot", ["│ Kuinka usein ", "│ Joka kerta ", "│ Yhteystieto "]),
        ("en", "Details collected", ["│ How often ", "│ Every time ", "│ Contact "]),
    ],
)
def test_fields_show_by_label_and_choices_by_theirs(
    fixit: Callable[..., Any], tmp_path: Path, lang: str, title: str, rows: list[str]
) -> None:
    screen, _ = finish(fixit, tmp_path, lang, frequency="always")
    table = collected(screen, title)
    for row in rows:
        assert row in table, row
    for raw in ("frequency", "always", "reporter_contact", "category", "incident"):
        assert f"│ {raw} " not in table, raw
    assert "│ error_message " not in table and "│ Virheilmoitus sanatarkasti " not in table  # empty


def test_secrets_and_personal_data_are_hidden_with_the_reports_placeholders(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    screen, sid = finish(
        fixit,
        tmp_path,
        "fi",
        doing=f"Kirjauduin tunnuksella {TOKEN}, Bob (bob@corp.example) näki",
        happened="Carol (carol@corp.example) ja bob@corp.example saivat virheen",
    )
    assert TOKEN not in screen and "bob@corp.example" not in screen
    assert "carol@corp.example" not in screen
    assert "maija@example.fi" in screen  # the reporter's own contact is kept, as in the report
    doc = json.loads(fixit("--lang", "fi", "report", sid, "--format", "json").out)
    doing, happened = doc["problem"]["doing"], doc["problem"]["happened"]
    # the report names Carol first (its title is what happened): the summary must agree
    assert happened == "Carol (<email-1>) ja <email-2> saivat virheen"
    assert doing == "Kirjauduin tunnuksella <secret>, Bob (<email-2>) näki"
    table = collected(screen, "Kerätyt tiedot")
    assert doing in table and happened in table
    assert doing in screen[: screen.index("Kerätyt tiedot")]  # the steps too


def test_the_configured_policy_applies(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("redaction: {email: remove}\n")
    monkeypatch.setenv("FIXIT_CONFIG", str(cfg))
    screen, _ = finish(fixit, tmp_path, "en", happened=f"bob@corp.example sent {TOKEN}")
    assert "<removed> sent <secret>" in screen and "<email-1>" not in screen


def test_a_caller_given_configuration_is_used(fixit: Callable[..., Any], tmp_path: Path) -> None:
    _, sid = finish(fixit, tmp_path, "en", happened=f"bob@corp.example sent {TOKEN}")
    loaded = sessions.load(sid)
    history = replay(Engine(loaded.trees, loaded.meta["tree"]), loaded.events)
    keep = Config(redaction_overrides={"email": "keep"})
    s = build_summary(loaded.meta, loaded.trees, history, Messages("en"), config=keep)
    assert s["fields"]["What happened"] == "bob@corp.example sent <secret>"
    s = build_summary(loaded.meta, loaded.trees, history, Messages("en"), config=Config())
    assert s["fields"]["What happened"] == "<email-1> sent <secret>"
    assert s["fields"]["Urgency"] == "I cannot do my work"  # a choice, by its label


def test_an_agents_caller_and_notes_are_redacted_too(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "answers.json"
    data = {
        "tree": "report-problem",
        "mode": "agent",
        "answers": report_answers(),
        "caller": {"name": "Maija", "organisation": "Oy bob@corp.example", "contact": "m@x.fi"},
        "notes": [f"Bob (bob@corp.example) read out {TOKEN}"],
    }
    path.write_text(json.dumps(data))
    screen = fixit("--lang", "en", "start", "--answers", str(path), "--no-checks").out
    assert "Bob (<email-1>) read out <secret>" in screen and "Oy <email-1>" in screen
    assert "bob@corp.example" not in screen and TOKEN not in screen
    assert "m@x.fi" in screen  # the caller is the reporter: their contact is kept
