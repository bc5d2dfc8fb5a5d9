"""A session that ends at a known problem ("this is my problem", outcome `known`) gets a support
code like every other end: the code of its tree with no answers, ended at the known problem;
`fixit decode` says the user stopped at the known-problem screen, and the pickup says so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit.commands.decode_cmd import pickup
from fixit.context import AppContext
from fixit.engine import Answer
from fixit.prompts.scripted import ScriptedPrompter
from fixit.supportcode import decode, encode, read_header

from .conftest import Run
from .test_wizard_known import only_session, run, trees  # noqa: F401 (the fixture)

MINE = "This is my problem — add me to it"


def test_a_known_end_has_a_code_that_decodes_to_the_known_problem_screen(
    trees: Path,  # noqa: F811
    fixit: Callable[..., Run],
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(trees, [MINE, "Maija", "maija@example.fi"])
    meta = only_session().meta
    code = meta["support_code"]
    assert isinstance(code, str) and code
    assert f"Support code: {code}" in " ".join(capsys.readouterr().out.split())
    [row] = json.loads(fixit("sessions", "--json").out)
    assert row["support_code"] == code
    data = json.loads(fixit("--trees", str(trees), "decode", code, "--json").out)
    assert (data["outcome"], data["finished"], data["end"], data["path"]) == (
        "known",
        True,
        None,
        [],
    )
    out = " ".join(fixit("--trees", str(trees), "decode", code).out.split())
    assert (
        "Ended before the first question: on the known-problem screen the user chose “This is "
        "my problem” (which problem is not in the code)"
    ) in out


def test_the_agent_picking_up_a_known_end_is_told_where_the_caller_stopped(
    trees: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(trees, [MINE, "", ""])
    code = only_session().meta["support_code"]
    capsys.readouterr()
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    replies = ["Carry on troubleshooting anyway", "", "", "", "", "solved"]
    assert pickup(ctx, code, None, None, ScriptedPrompter(replies)) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "nothing had been answered yet" in out
    assert "on the known-problem screen the user chose “This is my problem”" in out


def test_the_known_end_is_the_unused_stopped_and_finished_header() -> None:
    from tests.unit.supportcode_support import shipped_cases

    case = next(c for c in shipped_cases() if c.tree == "computer-wont-start")
    plain = encode(case.trees, case.tree, case.digest, (), "self", False)
    known = encode(case.trees, case.tree, case.digest, (), "self", False, known=True)
    assert plain != known and len(known) <= len(plain) + 1
    assert read_header(plain).stop == "at" and read_header(known).stop == "known"
    decoded = decode(known, [(case.trees, case.tree, case.digest)])
    assert (decoded.outcome, decoded.finished, decoded.answers) == ("known", True, ())
    answered = [Answer(case.trees[case.tree].start, case.answers[0].value, "user")]
    later = encode(case.trees, case.tree, case.digest, answered, "agent", False, known=True)
    again = decode(later, [(case.trees, case.tree, case.digest)])
    assert again.outcome == "known" and len(again.answers) == 1 and again.mode == "agent"
