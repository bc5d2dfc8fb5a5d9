"""`fixit submit --yes` says where the report goes and what it is, not the whole report: no one
reads it before it leaves (`--dry-run` and the confirmation still show all of it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import LANGUAGES


def finished_session(fixit: Callable[..., Any], tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "tree: info-screen\nanswers:\n  symptom: black\n  power: unsolved\n  restart: solved\n"
    )
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_yes_prints_the_head_of_the_preview_only(
    fixit: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"submit:\n  targets:\n    folder: {{type: directory, path: '{share}'}}\n")
    finished_session(fixit, tmp_path)
    full = fixit("--lang", lang, "--config", str(cfg), "submit", "--dry-run")
    assert full.code == 0
    body_line = "-" * 40
    assert body_line in full.out and len(full.out.splitlines()) > 20
    sent = fixit("--lang", lang, "--config", str(cfg), "submit", "--yes")
    assert sent.code == 0, sent.err
    head = full.out.split(body_line)[0].strip().splitlines()
    assert all(line in sent.out for line in head)  # where it goes, its title and its files
    assert body_line not in sent.out
    assert len(sent.out.splitlines()) < len(head) + 8, sent.out
    assert len(list(share.iterdir())) == 1
