"""Checks answering in the wizard: a question's `detect`, a step's `verify` with retries,
agent mode, answer files forcing results, and the environment snapshot."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.diagnostics.result import CheckResult
from fixit.prompts.scripted import ScriptedPrompter
from fixit.snapshot import SNAPSHOT_CHECKS
from fixit.trees.validate import check_text
from tests.unit.diagnostics.said import say

TREE = """\
format: 1
id: probe-demo
title: {en: Probe demo, fi: Koetus}
start: screen
nodes:
  screen:
    kind: question
    text: {en: Is a screen connected?, fi: Onko näyttö kytketty?}
    check: display.outputs
    detect: {pass: "yes", fail: "no"}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: cable}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: cable}
  cable:
    kind: step
    text: {en: Reconnect the network cable., fi: Kytke verkkokaapeli uudelleen.}
    verify: network.internet
    retry: {attempts: 3, wait: 0}
    solved: fixed
    unsolved: broken
  fixed: {kind: end, outcome: resolved, text: {en: Fixed., fi: Korjattu.}}
  broken: {kind: end, outcome: escalate, text: {en: Support takes over., fi: Tuki jatkaa.}}
"""


class ScriptedRunner:
    """Statuses per check id, one per run, the last repeated; counts the runs."""

    def __init__(self, **statuses: list[str]) -> None:
        self.statuses = {k.replace("_", "."): v for k, v in statuses.items()}
        self.runs: list[str] = []

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        out = {}
        for cid in ids:
            self.runs.append(cid)
            queue = self.statuses[cid]
            status = queue.pop(0) if len(queue) > 1 else queue[0]
            out[cid] = CheckResult(cid, status, say(f"{cid} says {status}", f"{cid}: {status}"))
        return out


@pytest.fixture
def trees(tree_dir: Path) -> Path:
    (tree_dir / "probe-demo.yaml").write_text(TREE)
    return tree_dir


def ctx(trees: Path, lang: str = "en") -> AppContext:
    return AppContext(lang_option=lang, trees_option=[trees], no_color=True)


def session() -> tuple[Path, list[dict[str, object]]]:
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    lines = (folder / "journal.jsonl").read_text().splitlines()
    return folder, [json.loads(line) for line in lines]


def answers(events: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(e["node"], e["value"], e["by"]) for e in events if e["t"] == "answer"]


def checks(events: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(e["id"], e["result"]["status"]) for e in events if e["t"] == "check"]  # type: ignore[index]


def test_detect_preselects_and_verify_retries_until_it_passes(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = ScriptedRunner(display_outputs=["fail"], network_internet=["fail", "fail", "pass"])
    p = ScriptedPrompter(["", "!verify"])  # Enter accepts the detected answer
    assert start(ctx(trees), "probe-demo", "self", None, None, None, p, runner) == 0
    _, events = session()
    assert answers(events) == [("screen", "no", "check"), ("cable", "solved", "check")]
    assert checks(events) == [
        ("display.outputs", "fail"),
        ("network.internet", "fail"),
        ("network.internet", "fail"),
        ("network.internet", "pass"),
    ]
    out = capsys.readouterr().out
    # what a user can confirm, not the technical summary (that stays for the report)
    assert "Detected: No screen is connected" in out and "says fail" not in out
    assert out.count("Not yet: The internet does not answer.") == 2
    assert "it works now" in out
    ran = [(e["id"], e.get("node")) for e in events if e["t"] == "check"]
    assert ran == [("display.outputs", "screen")] + [("network.internet", "cable")] * 3


def test_choosing_another_answer_than_detected_is_an_override(trees: Path) -> None:
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["fail"])
    p = ScriptedPrompter(["no", "!verify"])
    assert start(ctx(trees), "probe-demo", "self", None, None, None, p, runner) == 0
    _, events = session()
    assert answers(events) == [("screen", "no", "override"), ("cable", "unsolved", "check")]
    assert [c for c in checks(events) if c[0] == "network.internet"] == [
        ("network.internet", "fail")
    ] * 3  # retried: attempts 3


def test_a_check_that_cannot_tell_leaves_the_answer_to_the_person(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = ScriptedRunner(display_outputs=["skipped"], network_internet=["error"])
    p = ScriptedPrompter(["yes", "!verify", "solved"])
    assert start(ctx(trees), "probe-demo", "self", None, None, None, p, runner) == 0
    _, events = session()
    assert answers(events) == [("screen", "yes", "user"), ("cable", "solved", "user")]
    out = " ".join(capsys.readouterr().out.split())  # as read, whatever the line breaks
    assert "does not settle it" in out and "could not tell" in out
    assert "Checked automatically: This cannot be checked on this computer" in out


def test_agent_mode_runs_no_local_check_unless_asked(trees: Path) -> None:
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["pass"])
    p = ScriptedPrompter(["", "", "", "", "yes", "unsolved"])  # caller details left blank
    assert start(ctx(trees), "probe-demo", "agent", None, None, None, p, runner) == 0
    _, events = session()
    assert runner.runs == []
    assert answers(events) == [("screen", "yes", "agent"), ("cable", "unsolved", "agent")]
    assert "!verify" not in json.dumps(p.asked)


def test_agent_mode_with_checks_on_runs_them(trees: Path, tmp_path: Path) -> None:
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["pass"])
    p = ScriptedPrompter(["", "", "", "", "", "!verify"])
    assert start(ctx(trees), "probe-demo", "agent", None, None, True, p, runner) == 0
    _, events = session()
    assert answers(events) == [("screen", "yes", "check"), ("cable", "solved", "check")]


def test_an_answer_file_forcing_results_answers_detect_and_verify(
    trees: Path, tmp_path: Path
) -> None:
    af = tmp_path / "a.yaml"
    af.write_text(
        "tree: probe-demo\nmode: self\n"
        "checks: {display.outputs: fail, network.internet: pass}\nanswers: {}\n"
    )
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["fail"])
    assert start(ctx(trees), None, None, af, None, None, None, runner) == 0
    _, events = session()
    assert runner.runs == []  # forced: nothing ran
    assert answers(events) == [("screen", "no", "check"), ("cable", "solved", "check")]
    assert checks(events) == [("display.outputs", "fail"), ("network.internet", "pass")]


def test_self_mode_stores_an_environment_snapshot_and_agent_mode_does_not(
    trees: Path,
) -> None:
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["pass"])
    assert (
        start(
            ctx(trees),
            "probe-demo",
            "self",
            None,
            None,
            None,
            ScriptedPrompter(["", "!verify"]),
            runner,
        )
        == 0
    )
    folder, _ = session()
    snapshot = json.loads((folder / "environment.json").read_text())
    assert set(snapshot["checks"]) == set(SNAPSHOT_CHECKS)
    assert snapshot["checks"]["system.info"]["status"] in ("pass", "warn")
    assert oct((folder / "environment.json").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    check: display.outputs\n", "", "'check' and 'detect' go together"),
        ('detect: {pass: "yes", fail: "no"}', 'detect: {pass: "maybe"}', "'maybe' is not a choice"),
        ('detect: {pass: "yes", fail: "no"}', 'detect: {passed: "yes"}', "unknown key 'passed'"),
        ("    verify: network.internet\n", "", "'retry' needs 'verify'"),
        ("attempts: 3", "attempts: 0", "attempts must be a whole number from 1 to 10"),
        ("wait: 0}", "wait: 600}", "wait must be a whole number from 0 to 60"),
        ("verify: network.internet", "verify: network.web", "unknown check 'network.web'"),
    ],
)
def test_detect_and_retry_are_validated(old: str, new: str, message: str) -> None:
    assert old in TREE
    _, problems = check_text(TREE.replace(old, new), "probe-demo.yaml", "probe-demo")
    assert any(message in str(p) for p in problems), problems


def test_the_report_keeps_the_answer_a_person_gave_against_a_question_check(
    trees: Path, fixit: Any
) -> None:
    """A question's check suggested Yes, the person said No: the report says No, and the step
    keeps the check's own runs (the verify's third run is the cable step's evidence)."""
    runner = ScriptedRunner(display_outputs=["pass"], network_internet=["fail"])
    assert (
        start(
            ctx(trees),
            "probe-demo",
            "self",
            None,
            None,
            None,
            ScriptedPrompter(["no", "!verify"]),
            runner,
        )
        == 0
    )
    folder, _ = session()
    done = fixit("--trees", str(trees), "report", folder.name, "--format", "json")
    assert done.code == 0, done.err
    steps = json.loads(done.out)["steps"]
    assert [(s["node"], s["answer"]) for s in steps] == [
        ("screen", "No"),
        ("cable", "Done — still not working"),
    ]
    assert [s["check"]["id"] for s in steps] == ["display.outputs", "network.internet"]
    assert [s["check"]["status"] for s in steps] == ["pass", "fail"]
