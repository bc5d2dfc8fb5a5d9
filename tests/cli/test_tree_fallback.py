"""A tree without the session's language runs in the fallback language, and one line says so:
before its first step, in self, agent and plain mode, never again at each step."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fixit.commands.resume_cmd import resume
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from ..conftest import DATA

IN_ENGLISH = "De här anvisningarna finns inte på svenska, så de visas på engelska."
IN_FINNISH = "This guide is not available in English; it is shown in Finnish."
DEMO_FIRST = "Restart the screen and the player."  # demo's first step: en and fi only


def ctx(lang: str, plain: bool = False) -> AppContext:
    trees = [DATA / "trees", DATA / "fallback"]
    return AppContext(lang_option=lang, trees_option=trees, no_color=True, plain_option=plain)


def meta() -> dict[str, object]:
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    data: dict[str, object] = json.loads((folder / "meta.json").read_text())
    return data


def test_a_tree_without_swedish_runs_in_english_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = ScriptedPrompter(["unsolved", "no", "A-1"])
    assert start(ctx("sv"), "demo", "self", None, None, False, prompter=p) == 0
    out = capsys.readouterr().out
    assert out.count(IN_ENGLISH) == 1  # three steps, one line
    assert out.index(IN_ENGLISH) < out.index(DEMO_FIRST)
    assert 'Does the screen say "No signal"?' in out and "What is the player's id?" in out
    assert meta()["lang"] == "sv"  # the session's language; the report renders in it


@pytest.mark.parametrize("plain", [False, True], ids=["rich", "plain"])
def test_agent_mode_shows_the_line_once(plain: bool, capsys: pytest.CaptureFixture[str]) -> None:
    details = ["Maija", "Example Oy", "040 123", "A-9"]
    p = ScriptedPrompter([*details, "unsolved", "yes", "yes", "A-9"])
    assert start(ctx("sv", plain), "demo", "agent", None, None, None, prompter=p) == 0
    out = capsys.readouterr().out
    assert out.count(IN_ENGLISH) == 1
    assert out.index(IN_ENGLISH) < out.index("Ask the caller to restart both.")  # the Say line
    if plain:
        assert "\x1b[" not in out


def test_a_swedish_tree_is_shown_in_swedish_without_the_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = ScriptedPrompter(["nothing", "solved"])
    assert start(ctx("sv"), "computer-wont-start", "self", None, None, False, prompter=p) == 0
    out = capsys.readouterr().out
    assert "Tryck en gång på datorns strömbrytare." in out
    assert "Kontrollera att datorns strömsladd sitter ordentligt i båda ändarna" in out
    assert IN_ENGLISH not in out and "Press the computer's power button" not in out


def test_a_sub_tree_without_swedish_is_told_before_its_own_first_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = ScriptedPrompter(["ok", "dark", "unsolved", "no", "A-1"])
    assert start(ctx("sv"), "sv-parent", "self", None, None, False, prompter=p) == 0
    out = capsys.readouterr().out
    assert out.count(IN_ENGLISH) == 1
    assert out.index("Är skärmen svart?") < out.index(IN_ENGLISH) < out.index(DEMO_FIRST)
    assert meta()["outcome"] == "escalate"


def test_a_tree_without_english_falls_back_to_its_first_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = ScriptedPrompter(["solved"])
    assert start(ctx("en"), "fi-sv-only", "self", None, None, False, prompter=p) == 0
    out = capsys.readouterr().out
    assert out.count(IN_FINNISH) == 1
    # Finnish before Swedish, whatever order the file writes them in
    assert "Tarkista, että tulostimessa on paperia." in out
    assert "Kontrollera att skrivaren har papper." not in out


def test_resuming_tells_it_again_once(capsys: pytest.CaptureFixture[str]) -> None:
    quit_at_hdmi = ScriptedPrompter(["unsolved", "!quit"])
    assert start(ctx("sv"), "demo", "self", None, None, False, prompter=quit_at_hdmi) == 0
    capsys.readouterr()
    assert resume(ctx("sv"), None, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    out = capsys.readouterr().out
    assert out.count(IN_ENGLISH) == 1
    assert out.index(IN_ENGLISH) < out.index('Does the screen say "No signal"?')


def test_an_answer_file_run_prints_no_such_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixit.__main__ import main

    answers = tmp_path / "a.yaml"
    answers.write_text("tree: demo\nanswers: {restart: solved}\n")
    args = ["--lang", "sv", "--trees", str(DATA / "trees"), "start", "--answers", str(answers)]
    assert main(args, handle_signals=False) == 0
    assert meta()["outcome"] == "resolved"
    assert IN_ENGLISH not in capsys.readouterr().out
