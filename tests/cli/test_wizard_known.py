"""Known problems before the tree (issue 17): shown before the first question, with the choice
this is my problem / carry on / stop; the outcome `known` and its short report; the agent's
reminder at every step; the picker's mark; what is journaled, and what stats count."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from fixit import sessions
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.events import End, KnownMet
from fixit.flows import known as known_flow
from fixit.flows.resume import resume
from fixit.known import Known
from fixit.prompts.scripted import ScriptedPrompter
from fixit.report.schema import SCHEMA

from .conftest import Run

TREE = """\
format: 1
id: portal
version: 1
title: {en: The portal does not work, fi: Portaali ei toimi, sv: Portalen fungerar inte}
tags: [portal]
start: restart
nodes:
  restart:
    kind: step
    text: {en: Restart the browser., fi: Käynnistä selain uudelleen., sv: Starta om webbläsaren.}
    say: {en: Could you restart the browser?, fi: Voisitko käynnistää selaimen?, sv: Kan du starta om webbläsaren?}
    solved: done
    unsolved: which
  which:
    kind: question
    text: {en: Does the login page open?, fi: Aukeaako kirjautumissivu?, sv: Öppnas inloggningssidan?}
    say: {en: Does the login page open for you?, fi: Aukeaako kirjautumissivu sinulle?, sv: Öppnas inloggningssidan för dig?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä", sv: "Ja"}, goto: escalate}
      - {id: "no", label: {en: "No", fi: "Ei", sv: "Nej"}, goto: escalate}
  escalate:
    kind: end
    outcome: escalate
    text: {en: Support will look at it., fi: Tuki selvittää asian., sv: Supporten tittar på det.}
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed., fi: Korjattu., sv: Åtgärdat.}
"""

OTHER = """\
format: 1
id: printer
version: 1
title: {en: The printer does not print, fi: Tulostin ei tulosta, sv: Skrivaren skriver inte ut}
start: done
nodes:
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed., fi: Korjattu., sv: Åtgärdat.}
"""

ISSUES = """\
format: 1
issues:
  - id: portal-slow
    title: {en: The member portal is slow, fi: Jäsenportaali on hidas, sv: Medlemsportalen är långsam}
    text: {en: We are on it., fi: Selvitämme asiaa., sv: Vi utreder saken.}
    affects: {tags: [portal]}
    since: 2026-12-07T08:00:00+02:00
    status: investigating
    ticket: "1234"
    workaround: {en: Use the mobile app meanwhile., fi: Käytä sillä välin mobiilisovellusta., sv: Använd mobilappen så länge.}
    new_reports: %s
"""


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "portal.yaml").write_text(TREE, "utf-8")
    (folder / "printer.yaml").write_text(OTHER, "utf-8")
    (folder / "known_issues.yaml").write_text(ISSUES % "true", "utf-8")
    return folder


def run(
    trees: Path,
    script: list[str],
    mode: str = "self",
    lang: str = "en",
    tree: str | None = "portal",
    plain: bool = False,
) -> ScriptedPrompter:
    prompter = ScriptedPrompter(script)
    ctx = AppContext(lang_option=lang, trees_option=[trees], no_color=True, plain_option=plain)
    assert start(ctx, tree, mode, None, None, None, prompter=prompter) == 0
    return prompter


def only_session() -> sessions.Loaded:
    (meta,) = sessions.listing()
    return sessions.load(str(meta["id"]))


def test_this_is_my_problem_ends_with_outcome_known_and_a_short_report(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    asked = run(trees, ["This is my problem — add me to it", "Maija", "maija@example.fi"]).asked
    out = capsys.readouterr().out
    assert asked[0] == "Is this your problem?"  # before the first question of the tree
    assert "Restart the browser." not in out
    for shown in ("Known problem: The member portal is slow", "We are on it.", "ticket 1234"):
        assert shown in out
    assert "Workaround: Use the mobile app meanwhile." in out
    loaded = only_session()
    assert loaded.meta["status"] == "finished" and loaded.meta["outcome"] == "known"
    met = [e for e in loaded.events if isinstance(e, KnownMet)]
    assert [(m.choice, m.problem) for m in met] == [("mine", "portal-slow")]
    assert met[0].problems[0].source.endswith("known_issues.yaml")
    (end,) = [e for e in loaded.events if isinstance(e, End)]
    assert (end.outcome, end.end) == ("known", None)

    doc = json.loads(fixit("report", "--format", "json").out)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert doc["outcome"] == "known" and doc["related_ticket"] == "1234"
    assert doc["known"]["id"] == "portal-slow" and doc["known"]["ticket"] == "1234"
    assert doc["known"]["workaround"] == "Use the mobile app meanwhile."
    assert doc["steps"] == [] and doc["end"]["node"] is None
    assert doc["reporter"] == {"name": "Maija", "contact": "maija@example.fi"}
    md = fixit("report").out
    assert "## Known problem" in md and "add them to ticket 1234" in md
    assert "The member portal is slow" in md


def test_carrying_on_runs_the_tree_and_the_report_says_the_problem_was_met(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    run(trees, ["Carry on troubleshooting anyway", "unsolved", "no", "later"])
    out = capsys.readouterr().out
    assert out.index("Known problem: The member portal is slow") < out.index("Restart the")
    assert "Known problem now" not in out  # the reminder is the agent's
    doc = json.loads(fixit("report", "--format", "json").out)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert doc["outcome"] == "escalate" and doc["known"]["id"] == "portal-slow"
    assert "related_ticket" not in doc  # it is not this report's ticket: support decides
    text = fixit("report", "--format", "text").out
    assert "troubleshooting went on anyway" in " ".join(text.split())


def test_the_agent_sees_the_reminder_above_the_say_box_at_every_step(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = ["Carry on troubleshooting anyway", "", "", "", "", "unsolved", "no", "later"]
    run(trees, script, mode="agent")
    out = capsys.readouterr().out
    reminder = "Known problem now: The member portal is slow (ticket 1234)"
    steps = re.split(r"\nStep \d", out.split("Outcome:")[0])[1:]
    assert len(steps) == 2
    for step in steps:
        assert step.count(reminder) == 1
        assert step.index(reminder) < step.index("Say")


def test_resume_keeps_the_agents_reminder(trees: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(trees, ["Carry on troubleshooting anyway", "", "", "", "", "!quit"], mode="agent")
    capsys.readouterr()
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    resume(ctx, None, ScriptedPrompter(["unsolved", "no"]))
    out = capsys.readouterr().out
    assert "Is this the caller's problem?" not in out  # asked once, at the start
    assert out.count("Known problem now: The member portal is slow (ticket 1234)") == 2


def test_stop_saves_nothing(trees: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(trees, ["Stop here"])
    assert "nothing was saved" in capsys.readouterr().out
    assert list(sessions.listing()) == []


def test_the_list_marks_the_trees_a_known_problem_touches(trees: Path) -> None:
    prompter = run(trees, ["Quit"], tree=None)
    assert prompter.asked == ["What do you need help with?"]
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    feeds = known_flow.begin(ctx)
    from fixit.flows.session import pick_tree

    class Looking(ScriptedPrompter):
        def select(self, message, options, default=None, search=False, instruction=""):  # type: ignore[no-untyped-def]
            self.labels = {o.value: o.label for o in options}
            return super().select(message, options, default, search, instruction)

    looking = Looking(["Quit"])
    pick_tree(ctx, "self", looking, feeds)
    assert looking.labels["portal"] == "The portal does not work — known problem now"
    assert looking.labels["printer"] == "The printer does not print"


def test_no_new_reports_is_said_and_nothing_is_offered(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (trees / "known_issues.yaml").write_text(ISSUES % "false", "utf-8")
    asked = run(trees, ["This is my problem"]).asked
    out = capsys.readouterr().out
    assert "Support asks for no new reports of this problem: nothing will be sent." in out
    assert "there is nothing to send" in out
    assert asked == ["Is this your problem?"]  # no details asked, no offer to send
    assert only_session().meta["outcome"] == "known"


def test_a_tree_no_problem_touches_starts_at_once(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asked = run(trees, [], tree="printer").asked
    assert asked == [] and "Known problem" not in capsys.readouterr().out


@pytest.mark.parametrize("width", [40, 100])
@pytest.mark.parametrize("plain", [False, True])
def test_narrow_and_plain_screens_cut_no_label_and_say_nothing_twice(
    trees: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    plain: bool,
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    run(trees, ["Stop here"], plain=plain)
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()]
    assert all(len(line) <= width for line in lines), lines
    joined = " ".join(" ".join(lines).split())
    for said in ("Known problem: The member portal is slow", "Use the mobile app meanwhile."):
        assert joined.count(said) == 1, joined
    assert "\x1b" not in out


@pytest.mark.parametrize(
    ("lang", "title", "question", "mine"),
    [
        ("fi", "Tunnettu vika: Jäsenportaali on hidas", "Onko sinulla tämä vika?", "tukipyyntö"),
        ("sv", "Känt problem: Medlemsportalen är långsam", "Är det här ditt problem?", "ärende"),
    ],
)
def test_finnish_and_swedish(
    trees: Path,
    fixit: Callable[..., Run],
    capsys: pytest.CaptureFixture[str],
    lang: str,
    title: str,
    question: str,
    mine: str,
) -> None:
    asked = run(trees, ["1", "", ""], lang=lang).asked
    out = capsys.readouterr().out
    assert title in out and asked[0] == question
    md = fixit("--lang", lang, "report").out
    assert mine in md and "1234" in md
    assert "Known problem" not in md


class Slow:
    """A feed that never answers: what is known without it is the files'."""

    def __init__(self) -> None:
        self.waited: list[float] = []

    def result(self, wait: float) -> Known:
        self.waited.append(wait)
        time.sleep(wait)
        return Known((), ())


def test_the_first_question_waits_a_bounded_time_for_the_feeds(
    trees: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = Slow()
    monkeypatch.setattr(known_flow, "begin", lambda ctx: known_flow.Feeds(slow))
    began = time.monotonic()
    run(trees, ["Quit"], tree=None)
    run(trees, ["solved"], tree="portal")
    assert time.monotonic() - began < 2 * known_flow.WAIT + 1.5
    assert slow.waited and max(slow.waited) <= known_flow.WAIT
    assert slow.waited[0] <= known_flow.LIST_WAIT


def test_an_answer_file_run_is_not_asked(trees: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("tree: portal\nmode: self\nanswers: {restart: solved}\n", "utf-8")
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    assert start(ctx, None, None, answers, None, None) == 0
    assert only_session().meta["outcome"] == "resolved"


def test_stats_count_known_as_its_own_outcome(trees: Path, fixit: Callable[..., Run]) -> None:
    run(trees, ["This is my problem — add me to it", "", ""])
    run(trees, ["Carry on troubleshooting anyway", "solved"])
    (tree,) = json.loads(fixit("stats", "--json").out)["trees"]
    assert tree["outcomes"]["known"] == 1 and tree["outcomes"]["resolved"] == 1
    assert tree["sessions"] == 2
    csv = fixit("stats", "--csv", "--table", "trees").out.splitlines()
    head, row = csv[0].split(","), csv[1].split(",")
    assert row[head.index("known")] == "1"
    human = fixit("--lang", "fi", "stats").out
    assert "Tunnettu vika 1" in human


HOSTILE = """\
format: 1
issues:
  - id: evil
    title: {en: "<script>x</script> **bold** \\e[31mred"}
    affects: {trees: [portal]}
    ticket: "SUP-1"
"""


def test_feed_text_is_inert_on_the_screen_and_in_every_report_format(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    (trees / "known_issues.yaml").write_text(HOSTILE, "utf-8")
    run(trees, ["1", "", ""])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Known problem: <script>x</script>" in out
    html = fixit("report", "--format", "html").out
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    md = fixit("report").out
    assert "\\*\\*bold\\*\\*" in md and "\x1b" not in md
    assert "\x1b" not in fixit("report", "--format", "text").out


def test_a_feed_gone_wild_shows_a_few_problems_and_points_to_the_rest(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = "format: 1\nissues:\n" + "".join(
        f'  - {{id: p{i}, title: {{en: "Problem {i}"}}, affects: {{trees: [portal]}}}}\n'
        for i in range(12)
    )
    (trees / "known_issues.yaml").write_text(many, "utf-8")
    run(trees, ["My problem: Problem 1", "", ""])
    out = capsys.readouterr().out
    assert out.count("Known problem: Problem") == known_flow.MOST
    assert f"… and {12 - known_flow.MOST} more: see `fixit known`." in out
    (met,) = [e for e in only_session().events if isinstance(e, KnownMet)]
    assert len(met.problems) == known_flow.MOST and met.problem == "p1"
