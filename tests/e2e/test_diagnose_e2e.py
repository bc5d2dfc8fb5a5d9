"""`fixit diagnose` in a real terminal: live progress while checks run, then the table."""

from __future__ import annotations

import re

import pytest

from .harness import Fixit

pytestmark = pytest.mark.e2e


def test_diagnose_shows_live_progress_then_the_table_and_the_count(fx: Fixit) -> None:
    t = fx.spawn("diagnose", "--check", "cpu.load", "--check", "system.info", trees=False)
    t.expect("Running checks")  # the live progress line, drawn while cpu.load samples
    t.expect("Processor load")
    t.expect("Checks: 2 in")
    code = t.wait()
    # a busy machine (the test suite itself) can make cpu.load fail: then, and only then, exit 1
    failed = re.search(r"Checks: 2 in .*\b\d failed", t.screen_text) is not None
    assert code == (1 if failed else 0), t.screen_text[-600:]
    tail = t.screen_text[t.screen_text.rindex("Processor load") - 200 :]
    assert "Running checks" not in tail  # the progress line is gone once the table is up


def test_diagnose_in_finnish_at_40_columns_without_colour(fx: Fixit) -> None:
    t = fx.spawn(
        "--lang",
        "fi",
        "diagnose",
        "--check",
        "system",
        "--check",
        "disk",
        trees=False,
        dimensions=(24, 40),
        env={"NO_COLOR": "1"},
    )
    t.expect("Tarkistuksia 2")
    assert t.wait() == 0
    assert "\x1b[3" not in t.output  # no colour codes
    text = t.screen_text
    assert "Järjestelmä" in text and "Levytila" in text
