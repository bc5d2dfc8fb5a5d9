"""Finnish words where users meet them: fixit diagnose's counts and fixit sessions' columns."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .conftest import Run
from .test_diagnose import offline_config


def test_diagnose_counts_read_as_finnish(fixit: Callable[..., Run], tmp_path: Path) -> None:
    config = offline_config(tmp_path)
    run = fixit("--lang", "fi", "--config", str(config), "diagnose", "--check", "network.internet")
    assert run.code == 1
    assert "1 vika" in run.out  # not "vikoja 1"
    assert "vikoja" not in run.out and "1 vikaa" not in run.out


def test_sessions_name_the_mode_as_the_report_does(
    fixit: Callable[..., Run], tmp_path: Path
) -> None:
    answers = tmp_path / "a.json"
    answers_to = {"any_sign": "nothing", "power_cable": "solved"}
    case = {"tree": "computer-wont-start", "mode": "agent", "lang": "fi", "answers": answers_to}
    answers.write_text(json.dumps(case))
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    out = fixit("--lang", "fi", "sessions").out
    assert "Asiointitapa" in out and "tukihenkilön ohjaamana" in out
    assert "Aihe" in out and "Vianetsintäpolku" not in out
