"""An answer-file run that stops at a missing answer is saved as paused, says how to carry on,
and is not listed or reported as interrupted or still running."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_missing_answer_leaves_a_paused_session_and_says_how_to_carry_on(
    fixit: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    af = tmp_path / "answers.yaml"
    af.write_text("tree: info-screen\nanswers:\n  symptom: no_signal\n  restart: unsolved\n")
    r = fixit("--lang", lang, "start", "--answers", str(af), "--no-checks")
    assert r.code == 4
    assert "'player_id'" in r.err
    (row,) = json.loads(fixit("sessions", "--json").out)
    assert row["status"] == "paused"
    sid = row["id"]
    # its support code says where it stopped: at the missing answer
    stopped = json.loads(fixit("decode", row["support_code"], "--json").out)
    assert [s["answer"] for s in stopped["path"]] == ["no_signal", "unsolved"]
    assert stopped["stopped_at"] == "player_id" and not stopped["finished"]
    said = " ".join(r.out.split())
    if lang == "en":
        assert (
            f"The answers so far are saved in session {sid}: carry on with `fixit resume {sid}`"
            in said
        )
    else:
        assert (
            f"Tähänastiset vastaukset on tallennettu istuntoon {sid}: jatka komennolla `fixit resume {sid}`"
            in said
        )
    report = fixit("report", sid, "--format", "text", "--lang", "en").out
    assert "paused" in report and "still running" not in report and "interrupted" not in report
    # the answers given are kept: resume would carry on from the missing one
    journal = (Path(os.environ["FIXIT_HOME"]) / "sessions" / sid / "journal.jsonl").read_text()
    answers = [json.loads(line) for line in journal.splitlines()]
    assert sum(1 for e in answers if e.get("t") == "answer") == 2


def test_an_answer_file_that_reaches_its_end_is_finished(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    af = tmp_path / "answers.yaml"
    af.write_text("tree: info-screen\nanswers:\n  symptom: black\n  power: solved\n")
    r = fixit("start", "--answers", str(af), "--no-checks")
    assert r.code == 0 and "fixit resume" not in r.out
    (row,) = json.loads(fixit("sessions", "--json").out)
    assert row["status"] == "finished"
