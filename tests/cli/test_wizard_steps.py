"""What the wizard shows between answers: step numbers without gaps, the checks-off notice once,
a check that could not run going straight to its fallback, a verify's result not checked and
confirmed again, a sub-tree's link text, the tree's title, a verify wait cut short by a key, and
the call timer's time already spent."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fixit.checkflow import CheckFlow
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.events import Answer, Event, Note, Quit, Resume, Start
from fixit.flows.resume import time_spent
from fixit.i18n import Messages
from fixit.prompts.scripted import ScriptedPrompter
from fixit.term import Screen
from fixit.trees.nodes import Step

from .test_wizard_checks import ScriptedRunner

TREE = """\
format: 1
id: steps-demo
title: {en: Steps demo, fi: Vaiheiden koe}
start: first
nodes:
  first:
    kind: check
    check: network.internet
    text: {en: Checking the connection., fi: Tarkistetaan yhteys.}
    on: {pass: done, fail: restart}
    fallback: ask
  ask:
    kind: question
    text: {en: Do web pages open?, fi: Aukeavatko verkkosivut?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: done}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: restart}
  restart:
    kind: step
    text: {en: Restart the router., fi: Käynnistä reititin uudelleen.}
    verify: network.internet
    retry: {attempts: 2, wait: 0}
    solved: done
    unsolved: again
  again:
    kind: check
    check: network.internet
    text: {en: Checking once more., fi: Tarkistetaan vielä kerran.}
    on: {pass: done, fail: screen}
    fallback: ask_again
  ask_again:
    kind: question
    text: {en: Do pages open now?, fi: Aukeavatko sivut nyt?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: done}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: screen}
  screen:
    kind: tree
    tree: screen-demo
    text: {en: Let's look at the screen next., fi: Katsotaan seuraavaksi näyttöä.}
    say: {en: Now let's look at your screen., fi: Katsotaan nyt näyttöäsi.}
    on: {resolved: done, escalate: away, unresolved: away}
  done: {kind: end, outcome: resolved, text: {en: Fixed., fi: Korjattu.}}
  away: {kind: end, outcome: escalate, text: {en: Support takes over., fi: Tuki jatkaa.}}
"""
SUB = """\
format: 1
id: screen-demo
title: {en: Screen demo, fi: Näytön koe}
start: lit
nodes:
  lit:
    kind: question
    text: {en: Is the screen lit?, fi: Palaako näytössä valo?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: ok}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: nope}
  ok: {kind: end, outcome: resolved, text: {en: Fine., fi: Hyvä.}}
  nope: {kind: end, outcome: escalate, text: {en: Not fine., fi: Ei hyvä.}}
"""


@pytest.fixture
def trees(tree_dir: Path) -> Path:
    (tree_dir / "steps-demo.yaml").write_text(TREE)
    (tree_dir / "screen-demo.yaml").write_text(SUB)
    return tree_dir


def ctx(trees: Path, lang: str = "en") -> AppContext:
    return AppContext(lang_option=lang, trees_option=[trees], no_color=True)


def answers() -> list[tuple[Any, ...]]:
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    events = [json.loads(line) for line in (folder / "journal.jsonl").read_text().splitlines()]
    return [(e["node"], e["value"], e["by"]) for e in events if e["t"] == "answer"]


def headings(out: str, word: str = "Step") -> list[int]:
    return [int(n) for n in re.findall(rf"^{word} (\d+)", out, re.MULTILINE)]


@pytest.mark.parametrize(
    ("lang", "word", "notice", "link", "spoken"),
    [
        ("en", "Step", "Automatic checks are skipped", "Let's look at the screen", "Now let's"),
        ("fi", "Vaihe", "Automaattiset tarkistukset ohitetaan", "Katsotaan seuraavaksi", "nyt"),
    ],
)
def test_agent_mode_numbers_only_the_steps_shown_and_gives_the_notice_once(
    trees: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    word: str,
    notice: str,
    link: str,
    spoken: str,
) -> None:
    runner = ScriptedRunner(network_internet=["pass"])
    p = ScriptedPrompter(["", "", "", "", "no", "unsolved", "no", "no"])
    assert start(ctx(trees, lang), "steps-demo", "agent", None, None, None, p, runner) == 0
    out = capsys.readouterr().out
    assert runner.runs == []
    assert headings(out, word) == [1, 2, 3, 4]  # two checks were skipped: no gap for them
    assert out.count(notice) == 1
    assert out.index(("Steps demo", "Vaiheiden koe")[lang == "fi"]) < out.index(f"{word} 1")
    assert out.count(link) == 1  # the sub-tree's link text, before its first question
    assert out.index(link) < out.index(f"{word} 4")
    assert f"{spoken} " in out[out.index(link) : out.index(f"{word} 4")]  # its Say box
    assert [a[0] for a in answers()] == [
        "first",
        "ask",
        "restart",
        "again",
        "ask_again",
        "screen-demo/lit",
    ]


def test_a_check_that_could_not_run_goes_straight_to_its_fallback_question(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """S5: no 'Detected: could not check…' to confirm; on to the question at once."""
    runner = ScriptedRunner(network_internet=["error", "fail"])
    p = ScriptedPrompter(["no", "!verify", "no"])
    assert start(ctx(trees), "steps-demo", "self", None, None, None, p, runner) == 0
    out = capsys.readouterr().out
    assert not any(m.startswith("Detected") for m in p.asked), p.asked
    assert "Could not check this automatically: The internet connection could not be checked" in out
    assert answers()[:2] == [("first", "error", "check"), ("ask", "no", "user")]


def test_a_check_right_after_a_verify_of_the_same_check_is_not_run_or_asked_again(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """S15: the verify just checked (twice here); the next check node takes that result."""
    runner = ScriptedRunner(network_internet=["error", "fail"])
    p = ScriptedPrompter(["no", "!verify", "no"])
    assert start(ctx(trees), "steps-demo", "self", None, None, None, p, runner) == 0
    out = capsys.readouterr().out
    assert runner.runs == ["network.internet"] * 3  # the first check, then the verify's two
    assert p.asked == ["Your answer:", "Did that help?", "Your answer:"]
    assert answers() == [
        ("first", "error", "check"),
        ("ask", "no", "user"),
        ("restart", "unsolved", "check"),
        ("again", "fail", "check"),
        ("screen-demo/lit", "no", "user"),
    ]
    assert headings(out) == [1, 2, 3, 4]  # the check taken over from the verify has no screen
    assert "Checking once more." not in out


def test_back_steps_over_checks_that_would_answer_themselves_again(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = ScriptedRunner(network_internet=["error", "fail"])
    p = ScriptedPrompter(["no", "!verify", "!back", "solved"])
    assert start(ctx(trees), "steps-demo", "self", None, None, None, p, runner) == 0
    assert p.asked[-1] == "Did that help?"  # back at the step, not at the re-run check
    assert answers()[-2:] == [("again", "fail", "check"), ("restart", "solved", "user")]
    assert runner.runs == ["network.internet"] * 3
    out = capsys.readouterr().out
    assert headings(out) == [1, 2, 3, 4, 3]


def test_no_back_where_it_would_only_re_run_a_check_that_could_not_run(trees: Path) -> None:
    runner = ScriptedRunner(network_internet=["error"])
    p = ScriptedPrompter(["!back"])
    with pytest.raises(AssertionError, match="is not an option"):
        start(ctx(trees), "steps-demo", "self", None, None, None, p, runner)


class Journal:
    """A session stand-in that keeps the events a CheckFlow journals."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, event: Event) -> None:
        self.events.append(event)


def test_a_key_during_a_verify_wait_stops_it_and_leaves_the_answer_to_the_person(
    capsys: pytest.CaptureFixture[str],
) -> None:
    waits: list[float] = []

    def pressed(seconds: float) -> bool:
        waits.append(seconds)
        return True

    runner = ScriptedRunner(network_internet=["fail"])
    msgs = Messages("en")
    flow = CheckFlow(runner, Journal(), msgs, Screen(no_color=True), wait=pressed)  # type: ignore[arg-type]
    node = Step(
        id="restart",
        solved="s",
        unsolved="u",
        verify="network.internet",
        retry_attempts=3,
        retry_wait=20,
    )
    result, answer, stopped = flow.verify(node)
    assert (result.status, answer, stopped) == ("fail", None, True)
    assert runner.runs == ["network.internet"] and waits == [20]
    out = " ".join(capsys.readouterr().out.split())
    assert "Checking again in 20 s — or press any key to stop waiting" in out
    flow.wait = lambda seconds: False
    assert flow.verify(node)[1:] == ("unsolved", False)  # no key: all three attempts
    assert runner.runs == ["network.internet"] * 4
    flow.wait = pressed  # an answer file's run: a key changes nothing, the wait is a sleep
    quick = replace(node, retry_wait=0)
    assert flow.verify(quick, keys=False)[1:] == ("unsolved", False)
    assert runner.runs == ["network.internet"] * 7 and waits == [20]


def test_the_time_already_spent_counts_each_run_but_not_the_pause_between() -> None:
    events = [
        Start("t", 1, "self", at="2026-12-07T10:00:00+02:00"),
        Answer("a", "yes", at="2026-12-07T10:03:00+02:00"),
        Quit("user", at="2026-12-07T10:04:30+02:00"),
        Resume(at="2026-12-07T15:00:00+02:00"),  # five hours later
        Answer("b", "no", at="2026-12-07T15:00:30+02:00"),
        Note("b", "", at="not a time"),
        Quit("user", at="2026-12-07T13:01:00+00:00"),  # another offset, the same moment
    ]
    assert time_spent(events) == 4 * 60 + 30 + 60
    assert time_spent([]) == 0


def report_steps(fixit: Any, trees: Path, lang: str = "en") -> list[tuple[str, str, str]]:
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    done = fixit("--trees", str(trees), "--lang", lang, "report", folder.name, "--format", "json")
    assert done.code == 0, done.err
    return [(s["node"], s["answer"], s["by_label"]) for s in json.loads(done.out)["steps"]]


def test_the_report_lists_no_check_that_was_not_run_and_credits_it_to_no_one(
    trees: Path, fixit: Any
) -> None:
    """S14: agent mode skips the checks; its report's steps are the four the agent went through."""
    p = ScriptedPrompter(["", "", "", "", "no", "unsolved", "no", "no"])
    assert start(ctx(trees), "steps-demo", "agent", None, None, None, p, ScriptedRunner()) == 0
    steps = report_steps(fixit, trees)
    assert [s[0] for s in steps] == ["ask", "restart", "ask_again", "screen-demo/lit"]
    assert all("skipped" not in s[1] for s in steps), steps
    assert all(s[2] == "agent" for s in steps)


def test_a_corrected_check_reads_as_what_it_found_not_as_skipped(trees: Path, fixit: Any) -> None:
    runner = ScriptedRunner(network_internet=["pass"])
    p = ScriptedPrompter(["!override", "yes"])
    assert start(ctx(trees), "steps-demo", "self", None, None, None, p, runner) == 0
    for lang, who in (
        ("en", "user (overrode the check)"),
        ("fi", "käyttäjä (korjasi tarkistuksen tuloksen)"),
    ):
        first = report_steps(fixit, trees, lang)[0]
        assert first[0] == "first" and first[2] == who
        assert first[1].startswith("OK — "), first  # the status it found, then in words
        assert "skipped" not in first[1] and "ohitettu" not in first[1]


def test_after_a_resume_the_check_after_a_verify_runs_again_and_says_what_it_found(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The verify's result is not kept across processes: the follow-up check runs, still
    without a screen or a confirmation of its own."""
    from fixit.commands.resume_cmd import resume

    runner = ScriptedRunner(network_internet=["error", "fail"])
    p = ScriptedPrompter(["no", "!verify", "no"])
    assert start(ctx(trees), "steps-demo", "self", None, None, None, p, runner) == 0
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    journal = folder / "journal.jsonl"
    lines = journal.read_text().splitlines()
    events = [json.loads(line) for line in lines]
    cut = next(i for i, e in enumerate(events) if e["t"] == "answer" and e["node"] == "restart")
    journal.write_text("\n".join(lines[: cut + 1]) + "\n")  # as if killed right after the verify
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "status": "interrupted"}))
    capsys.readouterr()
    again = ScriptedRunner(network_internet=["pass"])
    p = ScriptedPrompter([])
    assert resume(ctx(trees), folder.name, p, again) == 0
    assert again.runs == ["network.internet"] and p.asked == []
    assert "Checked again: " in capsys.readouterr().out  # what it found, in the check's words
    assert answers()[-1] == ("again", "pass", "check")
