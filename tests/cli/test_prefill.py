"""Agent mode asks nothing twice: the caller's details given at the start pre-fill the inputs a
tree links to them (`prefill:`), and the agent can still change what was filled in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import sessions
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.engine import Engine
from fixit.history import replay
from fixit.i18n import Messages, _
from fixit.prompts.scripted import ScriptedPrompter
from fixit.trees.library import Source, load_library

from .conftest import Run

TREE = """\
format: 1
id: asks
version: 1
title: {en: Asks the caller, fi: Kysyy soittajalta}
start: player_id
nodes:
  player_id:
    kind: input
    field: player_id
    label: {en: Player id, fi: Toistimen tunnus}
    prefill: device_id
    text: {en: "What is the player's id?", fi: Mikä on toistimen tunnus?}
    goto: mail
  mail:
    kind: input
    field: mail
    type: email
    prefill: contact
    text: {en: Your e-mail address?, fi: Sähköpostiosoitteesi?}
    goto: name
  name:
    kind: input
    field: reporter_name
    prefill: name
    text: {en: Your name?, fi: Nimesi?}
    goto: done
  done:
    kind: end
    outcome: escalate
    text: {en: Thanks., fi: Kiitos.}
"""
CALLER = ["Maija", "Example Oy", "040 123 4567", "A-5678"]  # name, organisation, contact, device


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "asks.yaml").write_text(TREE, "utf-8")
    return folder


def run(trees: Path, mode: str, script: list[str], answers: Path | None = None) -> None:
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    prompter = ScriptedPrompter(script) if answers is None else None
    assert start(ctx, "asks", mode, answers, None, None, prompter=prompter) == 0


def answers(fixit: Callable[..., Run]) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """The latest session's fields, the values of its answers in order, and its caller."""
    sid = str(json.loads(fixit("sessions", "--json").out)[0]["id"])
    loaded = sessions.load(sid)
    engine = Engine(loaded.trees, str(loaded.meta["tree"]))
    history = replay(engine, loaded.events)
    walk = engine.walk(history.state.active)
    return dict(walk.fields), [a.value for a in history.state.active], history.caller


def test_caller_details_pre_fill_the_linked_inputs_and_can_be_changed(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    # Enter keeps the pre-filled id; the phone number does not fit the e-mail question, so it
    # is asked empty; the pre-filled name is changed
    run(trees, "agent", [*CALLER, "", "maija@example.fi", "Maija Virtanen"])
    out = capsys.readouterr().out
    assert (
        out.count(
            Messages("en")(
                _(
                    "Filled in from the caller's details you gave at the start: change it if it is not right."
                )
            )
        )
        == 2
    )
    got, values, caller = answers(fixit)
    assert values == ["A-5678", "maija@example.fi", "Maija Virtanen"]
    assert got["player_id"] == "A-5678" and caller["name"] == "Maija"


def test_self_mode_has_no_caller_and_pre_fills_nothing(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    run(trees, "self", ["", "maija@example.fi", ""])
    assert (
        Messages("en")(
            _(
                "Filled in from the caller's details you gave at the start: change it if it is not right."
            )
        )
        not in capsys.readouterr().out
    )
    assert answers(fixit)[1] == ["", "maija@example.fi", ""]


def test_an_answer_files_caller_block_answers_the_linked_inputs(
    trees: Path, fixit: Callable[..., Run], tmp_path: Path
) -> None:
    data = {
        "tree": "asks",
        "mode": "agent",
        "caller": {"device_id": "A-5678", "contact": "maija@example.fi"},
        "answers": {"name": "Maija Virtanen"},
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data))
    run(trees, "agent", [], path)
    assert answers(fixit)[1] == ["A-5678", "maija@example.fi", "Maija Virtanen"]


def test_shipped_trees_link_the_questions_the_caller_block_asks() -> None:
    shipped = Path(__file__).resolve().parents[2] / "decision_trees"
    trees = load_library([Source("shipped", shipped)], use_cache=False).trees()
    linked = {
        (tree.id, node.field): node.prefill
        for tree in trees.values()
        for node in tree.nodes.values()
        if node.kind == "input" and node.prefill
    }
    assert linked[("info-screen", "player_id")] == "device_id"
    assert linked[("computer-wont-start", "asset_tag")] == "device_id"
    assert linked[("slow-computer", "asset_tag")] == "device_id"


def test_trees_show_names_the_label_and_the_link(
    trees: Path, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    out = fixit("--trees", str(trees), "--lang", "fi", "trees", "show", "asks").out
    assert "label: Toistimen tunnus, prefill: device_id" in out
    assert "prefill: name" in out
