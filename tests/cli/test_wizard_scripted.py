"""The wizard through a scripted prompter: back, notes, help, quit, agent mode, checks, guard."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from fixit.commands.resume_cmd import resume
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.diagnostics.result import CheckResult, recorded
from fixit.errors import ExitCode, Interrupted
from fixit.prompts.scripted import ScriptedPrompter

from ..conftest import DATA


class FixedRunner:
    """A check runner returning one status (the real runner is tested on its own)."""

    def __init__(self, status: str) -> None:
        self.status = status
        self.calls = 0

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        self.calls += 1
        said = recorded({"en": f"eth0 is {self.status}"})
        return {i: CheckResult(i, self.status, said) for i in ids}


def ctx(lang: str = "en") -> AppContext:
    return AppContext(lang_option=lang, trees_option=[DATA / "trees"], no_color=True)


def journal() -> tuple[dict[str, object], list[dict[str, object]]]:
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    meta = json.loads((folder / "meta.json").read_text())
    events = [json.loads(line) for line in (folder / "journal.jsonl").read_text().splitlines()]
    return meta, events


def answers_of(events: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(e["node"], e["value"], e["by"]) for e in events if e["t"] == "answer"]


def test_back_note_help_and_change(capsys: pytest.CaptureFixture[str]) -> None:
    p = ScriptedPrompter(
        ["!help", "unsolved", "!note", "blinks twice", "yes", "!back", "no", "A-1"]
    )
    code = start(ctx(), "demo", "self", None, None, False, prompter=p, runner=FixedRunner("pass"))
    assert code == ExitCode.OK
    meta, events = journal()
    assert meta["status"] == "finished" and meta["outcome"] == "escalate"
    assert answers_of(events) == [
        ("restart", "unsolved", "user"),
        ("hdmi", "yes", "user"),
        ("net", "fallback", "user"),
        ("hdmi", "no", "user"),
        ("player_id", "A-1", "user"),
    ]
    assert [e["t"] for e in events].count("back") == 2  # the automatic check node is stepped over
    assert {"node": "hdmi", "text": "blinks twice"}.items() <= next(
        e for e in events if e["t"] == "note"
    ).items()
    out = capsys.readouterr().out
    assert "The power button is at the back." in out
    assert "Support takes it from here (player A-1)." in out


def test_check_accept_and_override() -> None:
    runner = FixedRunner("fail")
    p = ScriptedPrompter(["unsolved", "yes", "!status:fail", "A-1"])
    assert start(ctx(), "demo", "self", None, None, True, prompter=p, runner=runner) == 0
    _, events = journal()
    assert ("net", "fail", "check") in answers_of(events)
    check = next(e for e in events if e["t"] == "check")
    assert check["result"]["summary"] == {"en": "eth0 is fail"}  # type: ignore[index]


def test_check_override_asks_the_fallback(isolated: Path) -> None:
    p = ScriptedPrompter(["unsolved", "yes", "!override", "no", "A-1"])
    assert (
        start(ctx(), "demo", "self", None, None, True, prompter=p, runner=FixedRunner("pass")) == 0
    )
    _, events = journal()
    assert answers_of(events)[2:4] == [("net", "fallback", "override"), ("ask_net", "no", "user")]


def test_agent_mode_asks_the_caller_once_and_uses_the_fallback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    runner = FixedRunner("pass")
    p = ScriptedPrompter(["Maija", "Example Oy", "040 123", "A-9", "unsolved", "yes", "yes", "A-9"])
    assert start(ctx("fi"), "demo", "agent", None, "CASE-7", None, prompter=p, runner=runner) == 0
    meta, events = journal()
    assert runner.calls == 0 and meta["case"] == "CASE-7" and meta["mode"] == "agent"
    caller = next(e for e in events if e["t"] == "caller")["caller"]
    assert caller == {
        "name": "Maija",
        "organisation": "Example Oy",
        "contact": "040 123",
        "device_id": "A-9",
    }
    assert ("net", "fallback", "agent") in answers_of(events)
    out = capsys.readouterr().out
    assert "Pyydä soittajaa käynnistämään molemmat uudelleen." in out and "Puhelu 00:0" in out


def test_save_and_quit_then_resume() -> None:
    assert (
        start(
            ctx(),
            "demo",
            "self",
            None,
            None,
            False,
            prompter=ScriptedPrompter(["unsolved", "!quit"]),
        )
        == 0
    )
    meta, _ = journal()
    assert meta["status"] == "paused"
    assert resume(ctx(), None, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    meta, events = journal()
    assert meta["status"] == "finished"
    assert [a[0] for a in answers_of(events)] == ["restart", "hdmi", "player_id"]


def test_ctrl_c_saves_and_raises_130() -> None:
    with pytest.raises(Interrupted) as info:
        start(
            ctx(), "demo", "self", None, None, False, prompter=ScriptedPrompter(["unsolved", "^C"])
        )
    assert info.value.code == ExitCode.SIGINT
    meta, events = journal()
    assert meta["status"] == "interrupted" and events[-1]["t"] == "quit"


def test_resume_after_the_tree_changed_keeps_what_left_the_path(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (DATA / "trees" / "demo.yaml").read_text()
    (tree_dir / "demo.yaml").write_text(source)
    c = AppContext(lang_option="en", trees_option=[tree_dir], no_color=True)
    start(
        c,
        "demo",
        "self",
        None,
        None,
        False,
        prompter=ScriptedPrompter(["unsolved", "yes", "yes", "!quit"]),
    )
    changed = source.replace("goto: net}", "goto: SWAP}").replace(
        "fi: Ei}, goto: player_id}", "fi: Ei}, goto: net}"
    )
    changed = changed.replace("goto: SWAP}", "goto: player_id}")
    (tree_dir / "demo.yaml").write_text(changed.replace("version: 2", "version: 3"))
    c = AppContext(lang_option="en", trees_option=[tree_dir], no_color=True)
    assert resume(c, None, prompter=ScriptedPrompter(["A-1"])) == 0
    meta, events = journal()
    assert meta["version"] == 3 and meta["outcome"] == "escalate"
    assert (
        "The tree demo changed since this session started (version 2 → 3); these answers are not"
        " on the new path for now, and come back if it leads to them: net, ask_net."
    ) in " ".join(capsys.readouterr().out.split())
    assert any(e["t"] == "rebase" for e in events)


def test_loop_guard_offers_escalation(tree_dir: Path) -> None:
    (tree_dir / "loop.yaml").write_text(
        "format: 1\nid: loop\ntitle: L\nstart: a\nnodes:\n"
        "  a: {kind: step, text: A, solved: ok, unsolved: b}\n"
        "  b: {kind: step, text: B, solved: ok, unsolved: a}\n"
        "  ok: {kind: end, outcome: resolved, text: OK}\n"
    )
    c = AppContext(lang_option="en", trees_option=[tree_dir], no_color=True)
    p = ScriptedPrompter(["unsolved", "unsolved", "unsolved", "Hand this over to support now"])
    assert start(c, "loop", "self", None, None, False, prompter=p) == 0
    meta, events = journal()
    assert meta["outcome"] == "escalate" and answers_of(events)[-1][1] == "!escalate"
