"""`fixit submit` before a new ticket: a known problem with a ticket for the session's tree (a
`known_issues.yaml` in a tree folder) → the question whether to add the report to it; the note
on the ticket (GitHub fake) or, for a target without notes, a report that names the ticket;
`--new-ticket`, `--yes` with `submit.existing_ticket`, "no new reports", no terminal, and a
retry from the outbox that adds to the same ticket, once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.flows import delivery

from ..integration.submit.fakes import CANARY, FakeServer, running
from ..integration.submit.test_notes import REPO, Desk

KNOWN = """\
format: 1
issues:
  - id: screens-down
    title: {{en: Info screens are down, fi: Infonäytöt ovat pimeinä}}
    text: {{en: We are on it., fi: Selvitämme asiaa.}}
    affects: {{trees: [info-screen]}}
    ticket: "1234"
    new_reports: {wanted}
"""


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def fake(desk: Desk) -> Iterator[FakeServer]:
    with running(desk) as server:
        yield server


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_WAITS", ())
    monkeypatch.setenv("GH_TOKEN", CANARY)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")


def setup(
    fixit: Callable[..., Any], tmp_path: Path, target: str, wanted: str = "true", extra: str = ""
) -> Path:
    """A tree folder with a known problem for info-screen, a configuration with `target`, and
    a finished info-screen session."""
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "known_issues.yaml").write_text(KNOWN.format(wanted=wanted))
    cfg = tmp_path / "config.yaml"
    cfg.write_text(
        f"trees: ['{folder}']\nsubmit:\n  targets:\n    helpdesk: {target}\n{extra}", "utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "tree: info-screen\nanswers:\n  symptom: black\n  power: unsolved\n  restart: solved\n"
    )
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    return cfg


def github(fake: FakeServer) -> str:
    return f"{{type: github, repo: {REPO}, token_env: GH_TOKEN, api_url: '{fake.url}'}}"


def submit(cfg: Path, replies: list[str | bool], *args: str) -> int:
    """`fixit submit` with the scripted prompter."""
    from fixit.commands.submit_cmd import submit as run
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    p = ScriptedPrompter(replies)
    code = run(ctx, None, None, "--yes" in args, False, p, new_ticket="--new-ticket" in args)
    assert p.replies == []
    return code


def test_the_report_is_added_to_the_known_problems_ticket_as_a_comment(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    desk: Desk,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cfg = setup(fixit, tmp_path, github(fake))
    capsys.readouterr()
    assert submit(cfg, ["1", True]) == 0
    out = capsys.readouterr().out
    assert "Adds a note to the existing ticket 1234 (no new ticket)." in out
    assert "Added to #1234 on helpdesk as a note." in out
    assert (
        len(desk.notes["1234"]) == 2 and "Another report of this problem" in desk.notes["1234"][1]
    )
    assert desk.notes["1234"][1] in out  # the preview showed exactly the note
    assert fake.calls("POST", f"/repos/{REPO}/issues") == []  # no new issue
    again = fixit("--config", str(cfg), "submit", "--yes")
    assert again.code == 0 and "already sent to helpdesk as #1234" in again.out
    assert len(desk.notes["1234"]) == 2


def test_the_question_names_the_known_problem_and_a_new_ticket(
    fixit: Callable[..., Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    cfg = setup(fixit, tmp_path, f"{{type: directory, path: '{share}'}}")
    from fixit.prompts.base import Option

    seen: list[list[Option]] = []

    from fixit.prompts.scripted import ScriptedPrompter

    class Watching(ScriptedPrompter):
        def select(self, message: str, options: Any, default: Any = None, **kw: Any) -> str:
            seen.append(list(options))
            assert (
                message
                == "There may already be a ticket for this problem. Add the report to it instead?"
            )
            return super().select(message, options, default, **kw)

    from fixit.commands.submit_cmd import submit as run
    from fixit.context import AppContext

    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    assert run(ctx, None, None, False, False, Watching(["1", True])) == 0
    labels = [o.label for o in seen[0]]
    assert labels == [
        "Send a new report that names 1234, the known problem “Info screens are down”",
        "No, send a new ticket",
    ]  # a directory cannot add to a ticket: the option says what really happens
    [folder] = list(share.iterdir())
    report = json.loads((folder / "report.json").read_text())
    assert report["related_ticket"] == "1234"  # a target without notes: the report names it


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_target_that_cannot_add_never_says_added(
    fixit: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    """A directory (as a webhook or e-mail) sends a report of its own that names the ticket:
    what fixit says on the way says that, never "adding to 1234"."""
    share = tmp_path / "share"
    share.mkdir()
    cfg = setup(fixit, tmp_path, f"{{type: directory, path: '{share}'}}")
    ran = fixit("--lang", lang, "--config", str(cfg), "submit", "--yes")
    assert ran.code == 0, ran.err
    said = {
        "en": ("Sending a new report that names ticket 1234.", "A new report that names ticket "
               "1234 (this target cannot add to a ticket)."),
        "fi": ("Lähetetään uusi raportti, joka viittaa tukipyyntöön 1234.", "Uusi raportti, "
               "joka viittaa tukipyyntöön 1234 (tämä kohde ei voi lisätä raporttia olemassa "
               "olevaan tukipyyntöön)."),
        "sv": ("Skickar en ny rapport som hänvisar till ärende 1234.", "En ny rapport som "
               "hänvisar till ärende 1234 (den här mottagaren kan inte lägga till något i befintliga "
               "ärenden)."),
    }[lang]  # fmt: skip
    out = " ".join(ran.out.split())
    assert said[0] in out and said[1] in out
    assert "Adding the report to" not in out and "Adds a note" not in out
    [folder] = list(share.iterdir())
    assert json.loads((folder / "report.json").read_text())["related_ticket"] == "1234"


def test_new_ticket_skips_the_question(fixit: Callable[..., Any], tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    cfg = setup(fixit, tmp_path, f"{{type: directory, path: '{share}'}}")
    assert submit(cfg, [True], "--new-ticket") == 0
    [folder] = list(share.iterdir())
    assert json.loads((folder / "report.json").read_text()).get("related_ticket") is None


@pytest.mark.parametrize(("setting", "added"), [("", True), ("add", True), ("new", False)])
def test_yes_takes_the_configured_default(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    desk: Desk,
    setting: str,
    added: bool,
) -> None:
    extra = f"  existing_ticket: {setting}\n" if setting else ""
    cfg = setup(fixit, tmp_path, github(fake), extra=extra)
    ran = fixit("--config", str(cfg), "submit", "--yes")
    if added:
        assert ran.code == 0, ran.err
        assert "Adding the report to 1234." in ran.out and "Added to #1234" in ran.out
        assert len(desk.notes["1234"]) == 2
    else:
        assert ran.code == 0, ran.err
        assert "A new ticket (submit.existing_ticket is new)." in ran.out
        assert "Sent to helpdesk: #99" in ran.out
        assert len(desk.notes["1234"]) == 1 and len(desk.created) == 1


OFF = {
    "en": "Not sent: support already knows about “Info screens are down” and asks for no new "
    "reports of it.",
    "fi": "Ei lähetetty: tuki tietää jo viasta ”Infonäytöt ovat pimeinä” eikä tarvitse "
    "siitä uusia ilmoituksia.",
    "sv": "Skickas inte: supporten känner redan till ”Info screens are down” och vill inte ha "
    "fler anmälningar om det.",
}


@pytest.mark.parametrize("lang", list(OFF))
def test_no_new_reports_wanted_turns_sending_off_and_says_so(
    fixit: Callable[..., Any], tmp_path: Path, fake: FakeServer, lang: str
) -> None:
    cfg = setup(fixit, tmp_path, github(fake), wanted="false")
    ran = fixit("--lang", lang, "--config", str(cfg), "submit", "--yes")
    assert ran.code == 0
    assert OFF[lang] in ran.out
    assert fake.seen == []


def test_without_a_terminal_the_question_needs_yes_or_new_ticket(
    fixit: Callable[..., Any], tmp_path: Path, fake: FakeServer
) -> None:
    cfg = setup(fixit, tmp_path, github(fake))
    ran = fixit("--config", str(cfg), "submit")
    assert ran.code != 0
    assert (
        "fixit: error: there is a ticket to add this report to, but standard input is not a "
        "terminal." in ran.err
    )
    assert "hint: Choose with --yes (submit.existing_ticket decides) or --new-ticket" in ran.err
    assert CANARY not in ran.out + ran.err


def test_a_retry_from_the_outbox_adds_to_the_same_ticket_once(
    fixit: Callable[..., Any], tmp_path: Path, fake: FakeServer, desk: Desk
) -> None:
    cfg = setup(fixit, tmp_path, github(fake))
    fake.answer("POST", f"/repos/{REPO}/issues/1234/comments", 503)
    first = fixit("--config", str(cfg), "submit", "--yes")
    assert first.code != 0 and len(desk.notes["1234"]) == 1
    listed = json.loads(fixit("--config", str(cfg), "outbox", "--json").out)
    assert listed and all(i.get("status") == "waiting" for i in listed)
    retried = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert retried.code == 0, retried.err
    assert "added to #1234 as a note." in retried.out
    assert len([n for n in desk.notes["1234"] if "fixit-" in n]) == 1


def test_the_end_of_wizard_offer_asks_first_and_adds_to_the_ticket(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    desk: Desk,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fixit.context import AppContext
    from fixit.flows.ending import offer_to_send
    from fixit.flows.report import latest
    from fixit.prompts.scripted import ScriptedPrompter

    cfg = setup(fixit, tmp_path, github(fake))
    capsys.readouterr()
    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    p = ScriptedPrompter(["1", "show", "send"])
    offer_to_send(ctx, latest(), "self", p)
    assert p.replies == []
    assert (
        p.asked[0]
        == "There may already be a ticket for this problem. Add the report to it instead?"
    )
    out = capsys.readouterr().out
    assert "Adds a note to the existing ticket 1234 (no new ticket)." in out  # "show"
    assert "Added to #1234 on helpdesk as a note." in out
    assert len(desk.notes["1234"]) == 2 and desk.created == []


def test_the_end_of_wizard_offer_sends_nothing_when_no_reports_are_wanted(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fixit.context import AppContext
    from fixit.flows.ending import offer_to_send
    from fixit.flows.report import latest
    from fixit.prompts.scripted import ScriptedPrompter

    cfg = setup(fixit, tmp_path, github(fake), wanted="false")
    capsys.readouterr()
    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    p = ScriptedPrompter(
        ["It is “Info screens are down”: support asks for no new reports (send nothing)"]
    )
    offer_to_send(ctx, latest(), "self", p)
    assert p.replies == []
    assert "asks for no new reports of it." in capsys.readouterr().out
    assert fake.seen == []


def test_ctrl_c_at_the_question_sends_nothing_and_says_how_to_send_later(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fixit.context import AppContext
    from fixit.flows.ending import offer_to_send
    from fixit.flows.report import latest
    from fixit.prompts.scripted import ScriptedPrompter

    cfg = setup(fixit, tmp_path, github(fake))
    capsys.readouterr()
    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    sid = latest()
    offer_to_send(ctx, sid, "self", ScriptedPrompter(["^C"]))
    assert f"fixit submit {sid}" in capsys.readouterr().out
    assert fake.seen == []


def test_this_is_my_problem_then_send_adds_to_the_problems_ticket_without_asking(
    fixit: Callable[..., Any],
    tmp_path: Path,
    fake: FakeServer,
    desk: Desk,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fixit.commands.run import start
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    cfg = setup(fixit, tmp_path, github(fake))
    capsys.readouterr()
    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    p = ScriptedPrompter(["mine:screens-down", "Maija", "maija@example.fi", "send"])
    assert start(ctx, "info-screen", "self", None, None, False, prompter=p) == 0
    assert p.replies == []
    assert not any("Add the report to it instead" in q for q in p.asked)  # chosen already
    assert "Added to #1234 on helpdesk as a note." in capsys.readouterr().out
    [note] = desk.notes["1234"][1:]
    assert "Another report of this problem, sent by fixit [fixit-" in note
    assert desk.created == []
