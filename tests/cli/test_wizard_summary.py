"""The end-of-wizard summary: fields by their label, choices by theirs, and as redacted as the
report (an agent copies it into tickets)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.config import Config
from fixit.flows.report import end_summary, open_session
from fixit.i18n import LANGUAGES, Messages, _
from fixit.labels import NEXT, OUTCOME

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
    opened = open_session(sid)
    keep = Config(redaction_overrides={"email": "keep"})
    s = end_summary(opened, Messages("en"), keep)
    assert s.fields["What happened"] == "bob@corp.example sent <secret>"
    s = end_summary(opened, Messages("en"), Config())
    assert s.fields["What happened"] == "<email-1> sent <secret>"
    assert s.fields["Urgency"] == "I cannot do my work"  # a choice, by its label


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


# -- the one next step at the end (review C3, S6, E5; newcomer F4, F5) --------------------------

END_TREE = """format: 1
id: end-lines
version: 1
title: {{en: End lines, fi: Loppurivit}}
category: {category}
audience: [self, agent]
start: what
nodes:
  what:
    kind: question
    text: {{en: What happened?, fi: Mitä tapahtui?}}
    say: {{en: What happened?, fi: Mitä tapahtui?}}
    choices:
      - {{id: fixed, label: {{en: Fixed, fi: Korjattu}}, goto: fixed}}
      - {{id: elsewhere, label: {{en: Elsewhere, fi: Muualla}}, goto: elsewhere}}
      - {{id: support, label: {{en: Support, fi: Tuki}}, goto: support}}
  fixed:
    kind: end
    outcome: resolved
    text: {{en: It works again., fi: Nyt se toimii.}}
  elsewhere:
    kind: end
    outcome: referred
    text: {{en: Call the caretaker on 555 0100., fi: Soita talonmiehelle numeroon 555 0100.}}
  support:
    kind: end
    outcome: escalate
    text: {{en: Thank you; your answers are saved., fi: "Kiitos, vastauksesi ovat tallessa."}}
"""


def end_tree(tmp_path: Path, category: str = "incident") -> Path:
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "end-lines.yaml").write_text(END_TREE.format(category=category), "utf-8")
    return folder


def target_config(tmp_path: Path, names: tuple[str, ...] = ("folder",)) -> Path:
    share = tmp_path / "share"
    share.mkdir(exist_ok=True)
    cfg = tmp_path / "config.yaml"
    lines = [f"    {n}: {{type: directory, path: '{share}'}}" for n in names]
    support = "support: {email: tuki@example.fi}\n"
    cfg.write_text(support + "submit:\n  targets:\n" + "\n".join(lines) + "\n", "utf-8")
    return cfg


def last_line(screen: str) -> str:
    """The last thing on the screen, its wrapped lines joined."""
    paragraphs = [p for p in screen.strip().split("\n\n") if p.strip()]
    return " ".join(paragraphs[-1].split())


def sid_of(fixit: Callable[..., Any]) -> str:
    return str(json.loads(fixit("sessions", "--json").out)[0]["id"])


@pytest.mark.parametrize("mode", ["self", "agent"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("answer", "configured"),
    [("fixed", False), ("elsewhere", True), ("support", False), ("support", True)],
)
def test_an_answer_file_run_ends_with_its_one_next_step(
    fixit: Callable[..., Any], tmp_path: Path, mode: str, lang: str, answer: str, configured: bool
) -> None:
    from fixit.next_step import next_step

    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"tree": "end-lines", "mode": mode, "answers": {"what": answer}}))
    cfg = ["--config", str(target_config(tmp_path))] if configured else []
    trees = ["--trees", str(end_tree(tmp_path))]
    run = fixit(*cfg, *trees, "--lang", lang, "start", "--answers", str(path))
    assert run.code == 0, run.err
    assert "`" not in run.out and "**" not in run.out
    sid = sid_of(fixit)
    outcome = {"fixed": "resolved", "elsewhere": "referred", "support": "escalate"}[answer]
    how = "submit" if configured else "save"
    expected = next_step(Messages(lang), outcome, mode, "incident", sid, how)
    if outcome == "resolved":
        assert "fixit submit" not in run.out and "fixit report" not in run.out
        assert Messages(lang)(NEXT["resolved"]) not in run.out
        return
    assert last_line(run.out) == expected  # after the tables: where the eye ends up
    if outcome == "escalate":  # agent mode: the agent is support, so not "needs support"
        title = Messages(lang)(_("Needs follow-up") if mode == "agent" else OUTCOME["escalate"])
        assert Messages(lang)(_("Outcome: {outcome}"), outcome=title) in run.out
    assert " ".join(run.out.split()).count(expected) == 1
    if outcome == "referred":
        assert "555 0100" in run.out and "fixit submit" not in run.out


def test_with_no_target_the_line_says_where_to_send_it_by_hand(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("support: {email: tuki@example.fi, phone: '+358 10 123 4567'}\n")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"tree": "end-lines", "answers": {"what": "support"}}))
    trees = ["--trees", str(end_tree(tmp_path, "service_request"))]
    run = fixit("--config", str(cfg), *trees, "--lang", "fi", "start", "--answers", str(path))
    sid = sid_of(fixit)
    assert last_line(run.out) == (
        f"Pyyntösi on tallennettu tunnuksella {sid}, mutta sitä ei ole vielä lähetetty tukeen. "
        "Lähetä se itse tukeen (tuki@example.fi, +358 10 123 4567). Tallenna se ensin "
        f"tiedostoksi komennolla: fixit report {sid} --output raportti.md"
    )


def offered(tmp_path: Path, mode: str, replies: list[str], lang: str = "en") -> tuple[str, Any]:
    """An interactive escalated session with a folder target: the screen and the prompter."""
    from fixit.commands.run import start
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    ctx = AppContext(
        lang_option=lang,
        config_path=target_config(tmp_path),
        no_color=True,
        trees_option=[end_tree(tmp_path, "advice")],
    )
    caller = ["Maija", "Oy", "maija@example.fi", "L-1"] if mode == "agent" else []
    p = ScriptedPrompter([*caller, "support", *replies])
    assert start(ctx, "end-lines", mode, None, None, False, prompter=p) == 0
    return ctx, p


def test_sending_when_offered_ends_the_screen_with_the_ticket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, p = offered(tmp_path, "self", ["send"])
    out = capsys.readouterr().out
    assert "fixit submit" not in out  # never told to send what it then sends
    [folder] = list((tmp_path / "share").iterdir())
    flat = " ".join(out.split())
    assert flat.endswith(f"Sent to folder: {folder.name} {folder}")  # the ticket, last
    saved = out.index("Your question is saved as")
    assert saved < out.index("Sent to folder:")
    assert p.asked[-1] == "Send the report to support (folder) now?"


@pytest.mark.parametrize(
    ("mode", "lang", "title", "later"),
    [
        ("self", "en", "Send the report to support (folder) now?", "Send it later with:"),
        ("agent", "fi", "Viedäänkö tämä tukijonoon (folder) nyt?", "Voit viedä sen tukijonoon"),
    ],
)
def test_not_now_ends_with_how_to_send_it_later(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    lang: str,
    title: str,
    later: str,
) -> None:
    _, p = offered(tmp_path, mode, ["later"], lang)
    out = capsys.readouterr().out
    assert p.asked[-1] == title
    sid = out.split()[-1]
    flat = " ".join(out.split())
    assert flat.endswith(f"{later} fixit submit {sid}") or flat.endswith(
        f"{later} myöhemmin komennolla: fixit submit {sid}"
    )
    assert flat.count("fixit submit") == 1 and not list((tmp_path / "share").iterdir())
