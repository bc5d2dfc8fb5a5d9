"""`fixit config show` names the configuration files it read (one that sets nothing too), and
`fixit config path` marks the file that has errors; both stay readable at 40 columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import LANGUAGES


def flat(text: str) -> str:
    return " ".join(text.split())


def test_show_names_each_file_read_and_one_that_sets_nothing(
    fixit: Callable[..., Any], isolated: Path, tmp_path: Path
) -> None:
    assert fixit("config", "init").code == 0  # every line commented out
    explicit = tmp_path / "extra.yaml"
    explicit.write_text("defaults:\n  mode: agent\n")
    r = fixit("--config", str(explicit), "config", "show")
    assert r.code == 0, r.err
    out = flat(r.out)
    user = isolated / "config" / "fixit" / "config.yaml"
    assert f"Organisation's configuration {isolated / 'etc' / 'config.yaml'} not found" in out
    assert f"Your configuration {user} read; sets nothing (every line is a comment)" in out
    assert f"--config / FIXIT_CONFIG {explicit} read" in out
    assert f"defaults.mode agent {explicit}:2" in out
    fi = flat(fixit("--lang", "fi", "--config", str(explicit), "config", "show").out)
    assert f"Omat asetukset {user} luettu; ei asetuksia (kaikki rivit ovat kommentteja)" in fi
    assert f"{explicit} luettu" in fi


def test_without_config_show_lists_the_two_usual_files(
    fixit: Callable[..., Any], isolated: Path
) -> None:
    out = flat(fixit("config", "show").out)
    assert f"Your configuration {isolated / 'config' / 'fixit' / 'config.yaml'} not found" in out
    assert "--config / FIXIT_CONFIG" not in out


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_path_marks_the_file_with_errors(
    fixit: Callable[..., Any], isolated: Path, tmp_path: Path, lang: str
) -> None:
    assert fixit("config", "init").code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("defaults:\n  mode: bad\n")
    r = fixit("--lang", lang, "--config", str(bad), "config", "path")
    assert r.code == 0
    out = flat(r.out)
    user = isolated / "config" / "fixit" / "config.yaml"
    if lang == "en":
        assert f"--config / FIXIT_CONFIG {bad} exists, but has errors (below)" in out
        assert f"Your configuration {user} exists" in out
        assert f"{user} exists, but" not in out
        assert f"{bad}:2:9: defaults.mode must be self or agent" in out
    else:
        assert f"{bad} löytyy, mutta siinä on virheitä (alla)" in out
        assert "defaults.mode arvon on oltava self tai agent" in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_show_at_40_columns_is_one_block_per_setting(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    explicit = tmp_path / "extra.yaml"
    explicit.write_text("organisation: Example Oy\nsupport: {email: help@example.fi}\n")
    monkeypatch.setenv("COLUMNS", "40")
    r = fixit("--lang", lang, "--config", str(explicit), "config", "show")
    lines = r.out.splitlines()
    assert "organisation" in lines and "support.email" in lines
    # only a path, kept whole for copying, may run past the edge
    assert all(len(line) <= 40 or len(line.split()) <= 2 for line in lines), r.out
    assert not any("│" in line or "┃" in line for line in lines)
