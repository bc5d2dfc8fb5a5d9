"""What a report says of the known problem it met is true of it: a problem whose support wants
no new reports is recorded, with nothing to send; one with no ticket gets a new report about it;
a ticket the report adds to that no known problem named is shown in every format."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import sessions
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.flows.report import build
from fixit.i18n import Messages
from fixit.prompts.scripted import ScriptedPrompter
from fixit.report.render import render

from ..conftest import DATA
from .conftest import Run

TREE = (DATA / "known" / "portal.yaml").read_text("utf-8")  # one question, one end

PROBLEM = """\
format: 1
issues:
  - id: portal-slow
    title: {en: The member portal is slow, fi: Jäsenportaali on hidas, sv: Medlemsportalen är långsam}
    affects: {tags: [portal]}
    status: identified
"""


def trees(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "portal.yaml").write_text(TREE, "utf-8")
    if extra:
        (folder / "known_issues.yaml").write_text(PROBLEM + extra, "utf-8")
    return folder


def session(folder: Path, script: list[str], mode: str = "self", lang: str = "en") -> str:
    ctx = AppContext(lang_option=lang, trees_option=[folder], no_color=True)
    assert start(ctx, "portal", mode, None, None, None, ScriptedPrompter(script)) == 0
    (meta,) = sessions.listing()
    return str(meta["id"])


def words(fixit: Callable[..., Run], *args: str) -> str:
    run = fixit("report", *args)
    assert run.code == 0, run.err
    return " ".join(run.out.split())


@pytest.mark.parametrize("mode", ["self", "agent"])
def test_no_new_reports_wanted_the_report_records_it_and_sends_nothing(
    tmp_path: Path, fixit: Callable[..., Run], mode: str
) -> None:
    folder = trees(tmp_path, '    ticket: "77"\n    new_reports: false\n')
    session(folder, ["mine:portal-slow"], mode)
    md = words(fixit)
    assert "add them to ticket" not in md and "add this report" not in md
    assert "Support wants no new reports of it: there is nothing to send" in md
    assert "Next: Nothing to send: support wants no new reports of this problem" in md
    doc = json.loads(fixit("report", "--format", "json").out)
    assert doc["known"]["new_reports"] is False and doc["related_ticket"] == "77"
    fi = words(fixit, "--lang", "fi")
    assert "tukipyyntöön 77" not in fi and "liitä tämä raportti" not in fi


def test_a_problem_with_no_ticket_gets_a_new_report_about_it(
    tmp_path: Path, fixit: Callable[..., Run]
) -> None:
    folder = trees(tmp_path, "    new_reports: true\n")
    session(folder, ["This is my problem — add me to it", "", ""])
    md = words(fixit)
    assert "It has no ticket: this report is a new report about it." in md
    assert "it has no ticket: take this report as a new report about it" in md
    assert "its ticket" not in md
    sv = words(fixit, "--lang", "sv")
    assert "i dess ärende" not in sv


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_a_ticket_chosen_at_submit_is_shown_as_the_related_ticket(tmp_path: Path, fmt: str) -> None:
    folder = trees(tmp_path, "")
    sid = session(folder, ["no"])
    ctx = AppContext(lang_option="en", trees_option=[folder], no_color=True)
    report = build(ctx, sid)
    assert "Related ticket" not in render(report, fmt, Messages("en"))
    related = dataclasses.replace(report, related_ticket="77")
    out = " ".join(render(related, fmt, Messages("en")).split())
    assert "Related ticket" in out and "77" in out.split("Related ticket", 1)[1][:40]
