"""Plain-text reports: an e-mail body, readable without markup, wrapped at 78 columns."""

from __future__ import annotations

import textwrap

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.outline import Block, Items, Rows, Steps, build_outline, colon

WIDTH = 78
LABEL_MAX = 30  # longer labels (questions) go on a line of their own above the value
INDENT = "    "


def wrap(text: str, first: str = "", indent: str = "") -> list[str]:
    """Lines of `text` wrapped at WIDTH, its own line breaks kept, long tokens never broken."""
    lines: list[str] = []
    for i, para in enumerate(text.split("\n")):
        prefix = first if i == 0 else indent
        if not para.strip():
            lines.append(prefix.rstrip())
            continue
        lines += textwrap.wrap(
            para,
            WIDTH,
            initial_indent=prefix,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return lines


def _heading(text: str, rule: str) -> list[str]:
    lines = wrap(text)
    return [*lines, rule * min(WIDTH, max(len(line) for line in lines))]


def _rows(block: Rows) -> list[str]:
    out = wrap(block.title) if block.title else []
    pad = "  " if block.title else ""
    width = max(len(label) for label, _ in block.rows) + 2
    for label, value in block.rows:
        if width > LABEL_MAX:
            out += wrap(colon(label), pad, pad)
            out += wrap(value, pad + INDENT, pad + INDENT)
        else:
            out += wrap(value, pad + colon(label).ljust(width), pad + " " * width)
    return out


def _steps(block: Steps) -> list[str]:
    _, _, answer, by = block.head
    width = max(len(answer), len(by)) + 2
    out: list[str] = []
    for n, question, reply, who in block.rows:
        pad = " " * (len(n) + 2)
        out += wrap(question, f"{n}. ", pad)
        out += wrap(reply, pad + colon(answer).ljust(width), pad + " " * width)
        out += wrap(who, pad + colon(by).ljust(width), pad + " " * width)
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Rows):
        return _rows(block)
    if isinstance(block, Steps):
        return _steps(block)
    if isinstance(block, Items):
        out = wrap(block.title) if block.title else []
        for item in block.items:
            out += wrap(item, "- ", "  ")
        return out
    out = []
    for para in block.paragraphs:
        out += [*wrap(para), ""]
    return out[:-1]


def render_text(report: Report, msgs: Messages) -> str:
    """The report as plain text, section headings underlined."""
    outline = build_outline(report, msgs)
    lines = [*_heading(outline.title, "="), ""]
    for section in outline.sections:
        lines += [*_heading(section.title, "-"), ""]
        for block in section.blocks:
            lines += [*_block(block), ""]
    lines += wrap(outline.footer)
    return "\n".join(lines) + "\n"
