"""Typed answers as people give them: spoken dates, multi-line text with blank lines, and a slash
command typed after a pre-filled answer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.prompts.scripted import ScriptedPrompter
from fixit.wizard_menu import BACK, QUIT
from fixit.wizard_text import typed_command

TREE = """\
format: 1
id: inputs
version: 1
title: {en: Inputs, fi: Syötteet}
category: incident
start: ok
nodes:
  ok:
    kind: question
    text: {en: Shall we start?, fi: Aloitetaanko?}
    choices:
      - {id: yes, label: {en: "Yes", fi: "Kyllä"}, goto: device}
  device:
    kind: input
    field: device_id
    text: {en: The device id?, fi: Laitetunnus?}
    required: true
    goto: since
  since:
    kind: input
    field: since
    type: datetime
    text: {en: Since when?, fi: Mistä lähtien?}
    goto: what
  what:
    kind: input
    field: what
    type: multiline
    text: {en: What happened?, fi: Mitä tapahtui?}
    goto: done
  done:
    kind: end
    outcome: escalate
    text: {en: Noted., fi: Kirjattu.}
"""


def run(tmp_path: Path, replies: list[str], lang: str = "en") -> dict[str, str]:
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "inputs.yaml").write_text(TREE, encoding="utf-8")
    ctx = AppContext(lang_option=lang, trees_option=[folder], no_color=True)
    code = start(ctx, "inputs", "self", None, None, False, prompter=ScriptedPrompter(replies))
    assert code == ExitCode.OK
    [session] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    events = [json.loads(line) for line in (session / "journal.jsonl").read_text().splitlines()]
    return {str(e["node"]): str(e["value"]) for e in events if e["t"] == "answer"}


@pytest.mark.parametrize(
    ("typed", "default", "command"),
    [
        ("/back", "", BACK),
        (" /takaisin ", "", BACK),
        ("A-1234/back", "A-1234", BACK),  # typed after the pre-filled answer
        ("A-1234 /lopeta", "A-1234", QUIT),
        ("A-1234/back", "", None),  # nothing was pre-filled: it is an answer
        ("/backup", "", None),
        ("A-12/back", "A-1234", None),
    ],
)
def test_a_slash_command_after_a_pre_filled_answer_is_the_command(
    typed: str, default: str, command: str | None
) -> None:
    assert typed_command(typed, default) == command


def test_back_typed_into_a_pre_filled_answer_goes_back_and_keeps_the_id(tmp_path: Path) -> None:
    answers = run(
        tmp_path,
        # at `since`, back to the pre-filled id; from there back again; the same answer to the
        # first question brings the id back by itself
        ["yes", "A-1", "/back", "A-1/back", "", "2026-12-01", "\n\nIt froze.\n  \n"],
    )
    assert answers["device"] == "A-1"  # kept as given, not "A-1/back"
    assert answers["since"] == "2026-12-01"
    assert answers["what"] == "It froze."  # the blank lines around it are not the answer


def test_a_spoken_date_is_kept_with_the_date_it_meant(tmp_path: Path) -> None:
    answers = run(tmp_path, ["yes", "A-1", "eilen klo 8", "\n \n"], lang="fi")
    said, meant = answers["since"].split(" (")
    assert said == "eilen klo 8" and meant.endswith(" klo 8.00)")
    assert answers["what"] == ""  # only blank lines: no answer
