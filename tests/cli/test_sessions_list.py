"""`fixit sessions` names each session's problem by its title in the user's language and writes
its start time as the report does; at 40 columns each session is a block that fits."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import LANGUAGES


def run_one(fixit: Callable[..., Any], tmp_path: Path) -> Path:
    """A finished info-screen session; its folder."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("tree: info-screen\nanswers:\n  symptom: black\n  power: solved\n")
    assert fixit("start", "--answers", str(answers)).code == 0
    (folder,) = (Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir()
    return folder


def set_meta(folder: Path, **changes: Any) -> None:
    meta = json.loads((folder / "meta.json").read_text())
    meta.update(changes)
    (folder / "meta.json").write_text(json.dumps(meta))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_sessions_show_the_title_and_the_date_as_the_report_writes_it(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = run_one(fixit, tmp_path)
    set_meta(folder, started="2026-12-07T01:28:05+02:00")
    monkeypatch.setenv("COLUMNS", "100")
    fi = flat(fixit("--lang", "fi", "sessions").out)
    assert "Aihe: Infonäyttö on pimeä tai näyttää väärää sisältöä" in fi
    assert "Aloitettu: 7.12.2026 klo 1.28 UTC+02:00" in fi
    assert "info-screen" not in fi
    en = flat(fixit("sessions").out)
    assert "Topic: An info screen is blank or shows the wrong content" in en
    assert "Started: 2026-12-07 01:28 UTC+02:00" in en
    # the same words as the report's header
    report = fixit("--lang", "fi", "report", folder.name, "--format", "text").out
    assert "7.12.2026 klo 1.28 UTC+02:00" in report


def test_a_session_without_a_usable_title_is_named_by_its_tree_id(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    folder = run_one(fixit, tmp_path)
    meta = json.loads((folder / "meta.json").read_text())
    del meta["title"]  # sessions written before titles were kept
    (folder / "meta.json").write_text(json.dumps(meta))
    r = fixit("sessions")
    assert r.code == 0 and "info-screen" in r.out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_40_columns_a_session_is_a_block_that_fits(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    folder = run_one(fixit, tmp_path)
    monkeypatch.setenv("COLUMNS", "40")
    out = fixit("--lang", lang, "sessions").out
    lines = out.splitlines()
    assert lines[0] == folder.name
    assert all(len(line) <= 40 for line in lines), out
    monkeypatch.setenv("COLUMNS", "200")
    wide = fixit("--lang", lang, "sessions").out.splitlines()
    assert len(wide) == 3 and wide[2].startswith(folder.name)  # header, rule, one row
