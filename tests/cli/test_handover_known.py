"""A session picked up from a support code meets the tree's known problems as `fixit start
--agent` does: the screen before carrying on, the reminder above the Say box at every step,
and the journal's `known` event."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixit.supportcode import read_header

from .supportcode_tree import agent_pickup, folders, user_session

NO_CALLER = ["", "", "", ""]

ISSUES = """\
format: 1
issues:
  - id: printers-down
    title: {en: The office printers are down, fi: Toimiston tulostimet ovat rikki, sv: Kontorets skrivare fungerar inte}
    text: {en: The print server is being repaired., fi: Tulostuspalvelinta korjataan., sv: Utskriftsservern lagas.}
    affects: {trees: [printer]}
    status: identified
    ticket: "4321"
    new_reports: true
"""


def caller_code(tree_dir: Path) -> str:
    """A caller's code made before the problem was known (the caller saw no screen)."""
    code = user_session(tree_dir, ["office", "unsolved", "!quit"])["support_code"]
    (tree_dir / "known_issues.yaml").write_text(ISSUES, "utf-8")
    return str(code)


def test_the_pickup_shows_the_known_problem_and_reminds_at_every_step(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = caller_code(tree_dir)
    capsys.readouterr()
    script = ["Carry on troubleshooting anyway", *NO_CALLER, "yes", "Jam", "no"]
    meta, events = agent_pickup(tree_dir, code, script)
    out = capsys.readouterr().out
    assert "Known problem: The office printers are down" in out
    assert out.index("Known problem: The office") < out.index("Picked up from support code")
    reminder = "Known problem now: The office printers are down (ticket 4321)"
    steps = re.split(r"\nStep \d", out.split("Outcome:")[0])[1:]
    assert len(steps) == 3
    for step in steps:
        assert step.count(reminder) == 1
    [known] = [e for e in events if e["t"] == "known"]
    assert known["choice"] == "carry_on" and known["problems"][0]["id"] == "printers-down"
    assert meta["outcome"] == "escalate"


def test_the_callers_problem_ends_the_pickup_with_outcome_known(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = caller_code(tree_dir)
    capsys.readouterr()
    script = ["This is the caller's problem — add them to it", "Maija", "", "040 1", ""]
    meta, events = agent_pickup(tree_dir, code, script)
    assert meta["outcome"] == "known" and meta["from_code"] == code
    assert [e["t"] for e in events][:4] == ["start", "handover", "known", "end"]
    ended = read_header(meta["support_code"])  # its own code: the caller's path, ended known
    assert ended.finished and meta["support_code"] != code
    out = " ".join(capsys.readouterr().out.split())
    assert "Picked up from support code" not in out  # ended before the agent's part
    assert "ticket 4321" in out


def test_stop_at_the_known_problem_saves_nothing(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = caller_code(tree_dir)
    before = folders()
    from fixit.commands.decode_cmd import pickup
    from fixit.prompts.scripted import ScriptedPrompter

    from .supportcode_tree import context

    assert pickup(context(tree_dir), code, None, None, ScriptedPrompter(["Stop here"])) == 0
    assert folders() == before
    assert "nothing was saved" in capsys.readouterr().out
