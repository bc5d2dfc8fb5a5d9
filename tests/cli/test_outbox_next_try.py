"""`fixit outbox` shows when a waiting report is tried next, and `outbox send` says that time
with its date and UTC offset; the list is a table when wide and one block per report when not."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def dead_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    s.close()
    return url


def queued(fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A report waiting in the outbox after a refused connection; the configuration."""
    monkeypatch.setenv("HOOK_TOKEN", "t0k3n")
    cfg = tmp_path / "config.yaml"
    cfg.write_text(
        "submit:\n  targets:\n"
        f"    hook: {{type: webhook, url: '{dead_url()}', token_env: HOOK_TOKEN}}\n"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("tree: info-screen\nanswers:\n  symptom: black\n  power: solved\n")
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    assert fixit("--config", str(cfg), "submit", "--yes").code == 1
    return cfg


WHEN_EN = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC([+-]\d\d:\d\d)?"
WHEN_FI = r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d UTC([+-]\d\d:\d\d)?"


@pytest.mark.parametrize(("lang", "when"), [("en", WHEN_EN), ("fi", WHEN_FI)])
def test_send_says_the_next_try_with_its_date_and_zone(
    fixit: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    when: str,
) -> None:
    cfg = queued(fixit, tmp_path, monkeypatch)
    out = " ".join(fixit("--lang", lang, "--config", str(cfg), "outbox", "send").out.split())
    said = "next try after" if lang == "en" else "seuraava yritys aikaisintaan"
    assert re.search(f"{said} {when}", out), out


@pytest.mark.parametrize(("lang", "when"), [("en", WHEN_EN), ("fi", WHEN_FI)])
def test_the_list_shows_the_next_try_wide_and_narrow(
    fixit: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    when: str,
) -> None:
    cfg = queued(fixit, tmp_path, monkeypatch)
    monkeypatch.setenv("COLUMNS", "200")
    wide = fixit("--lang", lang, "--config", str(cfg), "outbox").out
    header = "Next try" if lang == "en" else "Seuraava yritys"
    assert header in wide and re.search(when, wide), wide
    row = next(line for line in wide.splitlines() if re.search(when, line))
    assert re.search(when, row)  # the time whole, on the report's own line
    monkeypatch.setenv("COLUMNS", "40")
    narrow = fixit("--lang", lang, "--config", str(cfg), "outbox").out
    assert re.search(f"{header}: {when}", " ".join(narrow.split())), narrow
    assert all(len(line) <= 40 for line in narrow.splitlines()), narrow
    (item,) = json.loads(fixit("--config", str(cfg), "outbox", "--json").out)
    assert item["status"] == "waiting" and item["next_try"]
