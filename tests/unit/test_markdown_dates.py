"""Markdown escaping keeps dates readable and numbered lines inert: `7.12.2026` is not an
ordered list's marker, `1. text` and a lone `1.` are."""

from __future__ import annotations

import pytest

from fixit.report.markdown import escape, lines


@pytest.mark.parametrize(
    "text", ["7.12.2026 klo 8.00 UTC+02:00", "12.3.", "1.5 s", "2026-12-07 08:00", "3)x"]
)
def test_a_date_or_a_decimal_reads_as_written(text: str) -> None:
    assert escape(text) == text
    assert lines(text, "  ") == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("1. Open it", "1\\. Open it"), ("1.", "1\\."), ("  2) two", "  2\\) two"), ("# x", "\\# x")],
)
def test_what_would_open_a_block_is_still_escaped(text: str, escaped: str) -> None:
    assert escape(text) == escaped
