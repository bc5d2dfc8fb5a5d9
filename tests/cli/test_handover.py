"""Carrying on as the agent from a caller's support code: the caller's answers replayed as
theirs (before the call), typed values asked again, Back into their answers, their end shown
with a way back; the journal marks the handover and the report shows both parts."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit.commands.run import start
from fixit.engine import Answer
from fixit.events import Handover
from fixit.events_read import DamagedEventError, event_from_json
from fixit.prompts.scripted import ScriptedPrompter as Scripted
from fixit.report.schema import SCHEMA

from .supportcode_tree import PRINTER, agent_pickup, context, folders, read, user_session

NO_CALLER = ["", "", "", ""]  # the caller's details, left blank


def answers(events: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(e["node"], e["value"], e["by"]) for e in events if e["t"] == "answer"]


def report(fixit: Callable[..., Any], tree_dir: Path, sid: str, fmt: str = "json") -> Any:
    run = fixit("--trees", str(tree_dir), "report", sid, "--format", fmt)
    assert run.code == 0, run.err
    return json.loads(run.out) if fmt == "json" else " ".join(run.out.split())


def test_the_agent_carries_on_where_the_caller_stopped(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    user = user_session(tree_dir, ["office", "unsolved", "yes", "PC LOAD LETTER", "!quit"])
    capsys.readouterr()
    code = user["support_code"]
    # the display's text is not in the code: asked again, then the question the caller stopped at
    meta, events = agent_pickup(
        tree_dir, code, ["Maija", "Example Oy", "040 123", "", "Jam", "yes"]
    )
    screen = " ".join(capsys.readouterr().out.split())
    # the list below has the typed answer too: the count is of what it lists
    said = f"Picked up from support code {code}: the caller's 4 steps before the call are listed"
    assert said in screen and "← Back goes into these answers." in screen
    assert "A code holds nothing the caller typed: ask for it again" in screen
    assert "1. Which printer is it? → The office printer" in screen  # the caller's steps first
    assert "Stopped at: Are jobs stuck in the queue?" in screen
    assert meta["mode"] == "agent" and meta["status"] == "finished"
    assert meta["from_code"] == code and meta["support_code"] != code
    assert f"Support code: {meta['support_code']}" in screen
    assert "If you call support" not in screen  # the agent is support
    [handover] = [e for e in events if e["t"] == "handover"]
    assert handover["code"] == code
    assert [(a["node"], a["value"], a["by"]) for a in handover["answers"]] == [
        ("model", "office", "user"),
        ("power", "unsolved", "user"),
        ("paper", "yes", "user"),
    ]
    assert answers(events) == [("error", "Jam", "agent"), ("queue", "yes", "agent")]
    data = report(fixit, tree_dir, meta["id"])
    jsonschema.Draft202012Validator(SCHEMA).validate(data)  # the published schema has both keys
    assert data["support_code"] == meta["support_code"]
    assert data["handover"]["code"] == code and data["handover"]["steps"] == 3
    assert [(s["node"], s["by"]) for s in data["steps"]] == [
        ("model", "user"),
        ("power", "user"),
        ("paper", "user"),
        ("error", "agent"),
        ("queue", "agent"),
    ]
    assert data["reporter"]["name"] == "Maija"


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_the_report_shows_the_callers_part_then_the_agents(
    tree_dir: Path, fixit: Callable[..., Any], fmt: str
) -> None:
    code = user_session(tree_dir, ["office", "unsolved", "yes", "PC LOAD LETTER", "!quit"])[
        "support_code"
    ]
    meta, _ = agent_pickup(tree_dir, code, [*NO_CALLER, "Jam", "no"])
    text = html.unescape(report(fixit, tree_dir, meta["id"], fmt))
    before = text.index(f"Before the call, the caller's own steps (support code {code}):")
    agent = text.index("On the call, with the agent:")
    assert before < text.index("Is there paper in the tray?") < agent
    assert agent < text.index("Are jobs stuck in the queue?")
    assert meta["support_code"] in text


def test_back_goes_into_the_callers_answers(tree_dir: Path, fixit: Callable[..., Any]) -> None:
    code = user_session(tree_dir, ["office", "!quit"])["support_code"]
    meta, events = agent_pickup(tree_dir, code, [*NO_CALLER, "!back", "home", "solved"])
    assert [e["t"] for e in events if e["t"] in ("handover", "back")] == ["handover", "back"]
    assert answers(events) == [("model", "home", "agent"), ("power", "solved", "agent")]
    data = report(fixit, tree_dir, meta["id"])
    assert data["outcome"] == "resolved"
    assert data["handover"]["steps"] == 0  # the agent changed the caller's only answer
    assert "Picked up from the caller's support code" in report(fixit, tree_dir, meta["id"], "text")


def test_an_answer_given_again_unchanged_after_back_stays_the_callers(
    tree_dir: Path, fixit: Callable[..., Any]
) -> None:
    code = user_session(tree_dir, ["office", "unsolved", "!quit"])["support_code"]
    meta, events = agent_pickup(tree_dir, code, [*NO_CALLER, "!back", "unsolved", "no"])
    assert answers(events) == [("power", "unsolved", "user"), ("paper", "no", "agent")]
    data = report(fixit, tree_dir, meta["id"])
    assert data["handover"]["steps"] == 2
    assert [(s["node"], s["by"]) for s in data["steps"]] == [
        ("model", "user"),
        ("power", "user"),
        ("paper", "agent"),
    ]
    text = report(fixit, tree_dir, meta["id"], "text")
    assert text.index("Switch the printer off and on.") < text.index("On the call, with the agent")


def test_a_code_with_nothing_answered_says_so_and_offers_no_back(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = user_session(tree_dir, ["!quit"])["support_code"]
    capsys.readouterr()
    agent_pickup(tree_dir, code, [*NO_CALLER, "home", "solved"])
    screen = " ".join(capsys.readouterr().out.split())
    assert f"Picked up from support code {code}: nothing had been answered yet." in screen
    assert "← Back goes into" not in screen


def test_a_code_from_an_agents_session_is_that_agents_answers(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    before = folders()
    replies = [*NO_CALLER, "office", "unsolved", "!quit"]
    assert start(context(tree_dir), "printer", "agent", None, None, False, Scripted(replies)) == 0
    code = read(*(folders() - before))[0]["support_code"]
    capsys.readouterr()
    meta, events = agent_pickup(tree_dir, code, [*NO_CALLER, "no"])
    screen = " ".join(capsys.readouterr().out.split())
    assert (
        f"Picked up from support code {code}, made on an earlier call with an agent: its 2 steps"
        in screen
    )
    [handover] = [e for e in events if e["t"] == "handover"]
    assert [(a["node"], a["by"]) for a in handover["answers"]] == [
        ("model", "agent"),
        ("power", "agent"),
    ]
    data = report(fixit, tree_dir, meta["id"])
    assert data["handover"]["steps"] == 2
    text = report(fixit, tree_dir, meta["id"], "text")
    assert f"Before this call, on an earlier call with an agent (support code {code}):" in text
    assert "the caller's own steps" not in text


def test_a_typed_answer_of_an_earlier_agent_call_is_that_calls(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    before = folders()
    replies = [*NO_CALLER, "office", "unsolved", "yes", "Jam", "!quit"]
    assert start(context(tree_dir), "printer", "agent", None, None, False, Scripted(replies)) == 0
    code = read(*(folders() - before))[0]["support_code"]
    capsys.readouterr()
    agent_pickup(tree_dir, code, [*NO_CALLER, "Jam", "no"])
    screen = " ".join(capsys.readouterr().out.split())
    assert "A code holds nothing typed on that call: ask for it again" in screen
    assert "nothing the caller typed" not in screen


def test_an_earlier_agent_call_that_reached_the_end_is_named_as_that_call(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    before = folders()
    replies = [*NO_CALLER, "home", "unsolved", "no"]
    assert start(context(tree_dir), "printer", "agent", None, None, False, Scripted(replies)) == 0
    code = read(*(folders() - before))[0]["support_code"]
    capsys.readouterr()
    agent_pickup(tree_dir, code, ["finish", *NO_CALLER])
    screen = " ".join(capsys.readouterr().out.split())
    assert "That earlier call ended here: Good, it prints again." in screen
    assert "The caller's session ended here" not in screen


def test_a_caller_who_reached_the_end_is_shown_it_with_a_way_back(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code = user_session(tree_dir, ["home", "unsolved", "no"])["support_code"]
    capsys.readouterr()
    meta, events = agent_pickup(tree_dir, code, ["finish", *NO_CALLER])
    assert "The caller's session ended here: Good, it prints again." in " ".join(
        capsys.readouterr().out.split()
    )
    assert meta["outcome"] == "resolved" and answers(events) == []
    assert report(fixit, tree_dir, meta["id"])["handover"]["steps"] == 3
    # or back to the caller's last step, and on from there
    meta, events = agent_pickup(tree_dir, code, ["back", *NO_CALLER, "yes", "Jam", "no"])
    assert meta["outcome"] == "escalate"
    assert answers(events) == [
        ("paper", "yes", "agent"),
        ("error", "Jam", "agent"),
        ("queue", "no", "agent"),
    ]
    assert report(fixit, tree_dir, meta["id"])["handover"]["steps"] == 2


def test_a_handover_line_reads_back_and_a_damaged_one_is_damage() -> None:
    event = Handover("E6BJ-2TVM-WJK", (Answer("model", "office", "user", "t"),), "t")
    again = event_from_json(event.to_json())
    assert isinstance(again, Handover) and again.answers == event.answers
    with pytest.raises(DamagedEventError):
        event_from_json({"t": "handover", "code": "X", "answers": [{"node": 1}]})


@pytest.mark.parametrize(
    "args",
    [
        ["start", "--from-code", "{code}", "--self"],
        ["start", "printer", "--from-code", "{code}", "--agent"],
        ["resume", "20261207-000000-abcd", "--code", "{code}"],
        ["start", "--from-code", "{code}", "--answers", "a.yaml"],
    ],
)
def test_what_cannot_go_with_a_code_is_a_usage_error(
    tree_dir: Path, fixit: Callable[..., Any], args: list[str]
) -> None:
    code = user_session(tree_dir, ["office", "!quit"])["support_code"]
    run = fixit("--trees", str(tree_dir), *(a.format(code=code) for a in args))
    assert run.code == 2
    assert run.err.startswith("fixit: error: ") and "cannot be used with" in run.err


@pytest.mark.parametrize("args", [["start", "--from-code"], ["resume", "--code"]])
def test_a_pickup_needs_a_terminal_and_a_good_code(
    tree_dir: Path, fixit: Callable[..., Any], args: list[str]
) -> None:
    code = user_session(tree_dir, ["office", "!quit"])["support_code"]
    run = fixit("--trees", str(tree_dir), *args, code)
    assert run.code == 4  # --from-code alone is agent mode: it goes on to ask the caller
    assert f"hint: Run it in a terminal, or read the code with `fixit decode {code}`." in run.err
    assert not list((Path(os.environ["FIXIT_HOME"]) / "sessions").glob("*/journal.jsonl"))[1:]
    bad = fixit("--trees", str(tree_dir), *args, "0000-0000")
    assert bad.code == 1 and bad.err.startswith("fixit: error: ")


@pytest.mark.parametrize("args", [["start", "--from-code"], ["resume", "--code"]])
def test_a_code_typed_with_spaces_after_the_option_is_one_code(
    tree_dir: Path, fixit: Callable[..., Any], args: list[str]
) -> None:
    code = user_session(tree_dir, ["office", "!quit"])["support_code"]
    run = fixit("--trees", str(tree_dir), *args, *code.lower().split("-"))
    assert run.code == 4, run.err  # read as one code: on to ask the caller, with no terminal
    assert f"`fixit decode {code}`" in run.err
    extra = fixit("--trees", str(tree_dir), "start", "printer", "more")
    assert extra.code == 2 and "unexpected extra arguments: more" in extra.err


def test_stats_count_the_callers_steps(tree_dir: Path, fixit: Callable[..., Any]) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    code = user_session(tree_dir, ["office", "unsolved", "!quit"])["support_code"]
    agent_pickup(tree_dir, code, [*NO_CALLER, "no"])
    run = fixit("--trees", str(tree_dir), "stats", "--json")
    assert run.code == 0, run.err
    assert "printer" in run.out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fi", "Jatketaan tukikoodista {code}: soittajan 1 vaihe ennen puhelua näkyy alla."),
        ("sv", "Fortsätter från supportkod {code}: 1 steg som den som ringer tog före samtalet"),
    ],
)
def test_the_pickup_speaks_the_agents_language(
    tree_dir: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    code = user_session(tree_dir, ["office", "!quit"])["support_code"]
    capsys.readouterr()
    agent_pickup(tree_dir, code, [*NO_CALLER, "solved"], lang)
    screen = " ".join(capsys.readouterr().out.split())
    assert said.format(code=code) in screen


@pytest.mark.parametrize("columns", [40, 100])
def test_the_pickup_fits_the_terminal(
    tree_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    code = user_session(tree_dir, ["office", "unsolved", "yes", "PC LOAD LETTER", "!quit"])[
        "support_code"
    ]
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", str(columns))
    meta, _ = agent_pickup(tree_dir, code, [*NO_CALLER, "Jam", "no"])
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= columns for line in lines), [x for x in lines if len(x) > columns]
    assert f"Support code: {meta['support_code']}" in lines
    assert "\x1b[" not in "\n".join(lines)
