"""Plain aligned columns for long listings: no rich import, fast for hundreds of rows."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from typing import TextIO

from fixit.textsafe import visible


def cell_width(text: str) -> int:
    """Terminal cells a string takes: wide East Asian characters count two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def print_columns(
    headers: list[str], rows: list[list[str]], out: TextIO | None = None, plain: bool = False
) -> None:
    """Aligned columns under a header; one record per row, `label: value`, when too wide or in
    plain mode (a screen reader reads a ruled table as a line of dashes and loose cells)."""
    out = out or sys.stdout
    width = shutil.get_terminal_size().columns
    cells = [[visible(c, True) for c in row] for row in rows]
    widths = [
        max([cell_width(h)] + [cell_width(r[i]) for r in cells]) for i, h in enumerate(headers)
    ]
    lines: list[str] = []
    if not plain and sum(widths) + 2 * (len(widths) - 1) <= width:

        def line(values: list[str]) -> str:
            padded = [v + " " * (w - cell_width(v)) for v, w in zip(values, widths, strict=True)]
            return "  ".join(padded).rstrip()

        lines.append(line(headers))
        lines.append("  ".join("─" * w for w in widths))
        lines += [line(row) for row in cells]
    else:
        for row in cells:
            lines.append(row[0])
            for h, v in zip(headers[1:], row[1:], strict=True):
                lines += _wrapped(f"  {h}: {v}", width) if v else []
    out.write("\n".join(lines) + "\n")


def _wrapped(line: str, width: int) -> list[str]:
    """A `label: value` line broken between words, its continuation indented under the label;
    a word longer than the line (a path, a command) stays whole so it can be copied."""
    if (len(line) < width and line.isascii()) or cell_width(line) < width:  # most: as they are
        return [line]
    from fixit.term import wrap_words

    return wrap_words(line, max(20, width - 1), "    ") or [line]
