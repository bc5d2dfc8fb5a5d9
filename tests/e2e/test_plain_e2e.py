"""Plain mode in a real terminal: numbered prompts typed as numbers, words for every element,
nothing redrawn, at 40 and 100 columns; and the ways plain mode comes on by itself."""

from __future__ import annotations

import re

import pytest

from .harness import ENTER, Fixit, strip_ansi

pytestmark = pytest.mark.e2e

POWER = "Is the power light on?"
CHOOSE = "Type a number from 1 to"
BOX = re.compile("[╭╮╰╯│─]")


def answer(t: object, *marks: str, typed: str) -> None:
    """At a plain prompt showing `marks`: type a line."""
    for mark in marks:
        t.expect(mark)  # type: ignore[attr-defined]
    t.child.send(typed + ENTER)  # type: ignore[attr-defined]


@pytest.mark.parametrize("columns", [40, 100])
def test_plain_walk_by_numbers_with_back_and_a_note(fx: Fixit, columns: int) -> None:
    t = fx.spawn("--plain", "start", "e2e-flow", "--agent", dimensions=(30, columns))
    for _ in range(4):  # the caller's details: name, organisation, contact, device id
        answer(t, "> ", typed="")
    answer(t, "Say: Ask the caller", CHOOSE, typed="1")
    answer(t, "Step 2", CHOOSE, typed="/back")
    answer(t, "Step 1", "(Enter chooses this)", CHOOSE, typed="no")  # the start of "No, it is off"
    answer(t, "Step 2", CHOOSE, typed="add")  # ✎ Add a note, chosen by its words
    answer(t, "> ", typed="Caller is on a mobile.")
    answer(t, "Note saved.", CHOOSE, typed="2")  # asked again: Done — still not working
    answer(t, "Step 3", "What is the device id?", "> ", typed="A-1")
    t.expect("Needs follow-up")  # agent mode: the agent is support
    assert t.wait() == 0
    shown = t.output
    assert "\x1b[" not in shown.replace("\x1b[?2004h", "").replace("\x1b[?2004l", "")
    assert not BOX.search(shown), "plain mode draws no boxes"
    wide = [line for line in strip_ansi(shown).splitlines() if len(line.rstrip()) > columns]
    assert not wide, f"lines wider than the terminal: {wide}"
    walk, end = strip_ansi(shown).split("Outcome: Needs follow-up")
    assert walk.count(POWER) == 1 + 1  # once per visit: asked, then after /back
    assert "1. Is the power light on?" in end and "Answer: No, it is off" in end
    sid = fx.only_session()
    assert [a[:2] for a in fx.answers(sid)] == [
        ("power", "yes"),
        ("power", "no"),
        ("cable", "unsolved"),
        ("device", "A-1"),
    ]
    assert fx.meta(sid)["outcome"] == "escalate"
    assert any(e["t"] == "note" and "mobile" in e["text"] for e in fx.journal(sid))


@pytest.mark.parametrize(
    "env", [{"FIXIT_PLAIN": "1"}, {"TERM": "dumb"}], ids=["FIXIT_PLAIN", "TERM=dumb"]
)
def test_plain_mode_from_the_environment(fx: Fixit, env: dict[str, str]) -> None:
    t = fx.spawn("start", "e2e-flow", env=env, dimensions=(30, 40))
    answer(t, POWER, "1. Yes, it is on", CHOOSE, typed="1")
    answer(t, "Step 2", CHOOSE, typed="1")  # Done — that fixed it
    t.expect("Resolved")
    assert t.wait() == 0


def test_typed_input_with_output_that_is_not_a_terminal_is_plain(fx: Fixit) -> None:
    # a screen reader's or a logging wrapper's set-up: stdin the terminal, stdout a pipe
    import shlex

    args = " ".join(shlex.quote(a) for a in fx.argv(("start", "e2e-flow"), True))
    child = __import__("pexpect").spawn(
        "/bin/sh",
        ["-c", f"{fx.env()['PATH'] and 'fixit'} {args} | cat"],
        env=fx.env(),
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=15,
        cwd=str(fx.base),
    )
    fx.children.append(child)
    child.expect_exact("1. Yes, it is on")
    child.expect_exact(CHOOSE)
    child.send("2" + ENTER)  # No, it is off
    child.expect_exact("Step 2")
    child.expect_exact(CHOOSE)
    child.send("1" + ENTER)  # Done — that fixed it
    child.expect_exact("Resolved")
    child.expect(__import__("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0
    assert [a[:2] for a in fx.answers(fx.only_session())] == [("power", "no"), ("cable", "solved")]


def test_plain_mode_reads_its_answers_from_a_pipe_into_a_terminal(fx: Fixit) -> None:
    # a line-based terminal program or an expect script: stdin a pipe, stdout the terminal
    import shlex

    import pexpect

    args = " ".join(shlex.quote(a) for a in fx.argv(("--plain", "start", "e2e-flow"), True))
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"cat | fixit {args}"],
        env=fx.env(),
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=15,
        cwd=str(fx.base),
    )
    fx.children.append(child)
    for mark, typed in ((CHOOSE, "2"), ("Step 2", "2"), ("Step 3", "A-1")):
        child.expect_exact(mark)
        if mark != CHOOSE:
            child.expect_exact("> " if typed == "A-1" else CHOOSE)
        child.send(typed + ENTER)
    child.expect_exact("Outcome: Needs support")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answers = [a[:2] for a in fx.answers(fx.only_session())]
    assert answers == [("power", "no"), ("cable", "unsolved"), ("device", "A-1")]


def test_a_pipe_without_plain_and_dev_null_with_it_are_still_refused(fx: Fixit) -> None:
    import subprocess

    from .harness import FIXIT

    piped = subprocess.run(
        [str(FIXIT), *fx.argv(("start", "e2e-flow"), True)],
        input="1\n",
        capture_output=True,
        text=True,
        env=fx.env(),
        timeout=30,
    )
    assert piped.returncode == 4 and "--answers" in piped.stderr
    run = fx.run("--plain", "start", "e2e-flow")  # /dev/null: no one is typing there
    assert run.returncode == 4 and fx.session_ids() == []
