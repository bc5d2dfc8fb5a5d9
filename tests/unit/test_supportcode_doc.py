"""docs/support-code.md: its table of every shipped test case's code is the one the script
makes now."""

from __future__ import annotations

from .supportcode_support import lengths_script, shipped_cases


def test_the_table_of_codes_in_the_doc_is_current() -> None:
    script = lengths_script()
    text = script.DOC.read_text(encoding="utf-8")
    assert script.section(shipped_cases()) in text, (
        "run: python scripts/support_code_lengths.py --write"
    )


def test_the_table_has_a_row_for_every_shipped_case() -> None:
    table = lengths_script().table(shipped_cases())
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(shipped_cases()) > 100
