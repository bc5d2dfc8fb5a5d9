"""Markdown reports, ticket-ready for a help desk; report text can never become markup."""

from __future__ import annotations

import re

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.outline import Block, Items, Rows, Steps, build_outline, colon

# escaped anywhere: emphasis, code, links, tables, strikethrough, backslashes, entities
_ANYWHERE = re.compile(r"([\\`*_\[\]|~&])")
# escaped at a line's start: headings, list items, setext underlines, ordered lists (a number
# opens a list only when its `.` or `)` is followed by a space or ends the line: a date such as
# 7.12.2026 is left as it reads)
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)](?:[ \t]|$)))")


def escape(line: str, block: bool = True) -> str:
    """One line of report text as Markdown that shows exactly that text, with no markup.

    `block=False` is for table cells, where a line's start cannot open a block.
    """
    text = _ANYWHERE.sub(r"\\\1", line).replace("<", "&lt;").replace(">", "&gt;")
    start = _LINE_START.match(text) if block else None
    if start is None:
        return text
    if start.group(2)[0].isdigit():  # `1.` stays a number, not a list: escape the dot
        cut = start.end()
        return f"{text[:cut]}\\{text[cut:]}"
    return f"{start.group(1)}\\{text[len(start.group(1)) :]}"


def heading(text: str) -> str:
    """A heading's text: also every `#`, so none closes the heading early."""
    return re.sub(r"(?<!\\)#", r"\\#", escape(text))


def lines(text: str, indent: str) -> str:
    """Multi-line text inside a paragraph or list item: hard line breaks, each line escaped."""
    return ("\\\n" + indent).join(escape(line) for line in text.split("\n"))


def cell(text: str) -> str:
    """Text for a table cell: escaped, its line breaks as `<br>`, never breaking the row."""
    return "<br>".join(escape(line.strip(), block=False) for line in text.split("\n")) or " "


def _rows(block: Rows) -> list[str]:
    out = [f"### {heading(block.title)}", ""] if block.title else []
    if block.table:
        out += ["| | |", "|---|---|"]
        out += [f"| **{cell(label)}** | {cell(value)} |" for label, value in block.rows]
    else:
        out += [f"- **{escape(colon(label))}** {lines(value, '  ')}" for label, value in block.rows]
    return out


def _steps(block: Steps) -> list[str]:
    _, _, answer, by = block.head
    out = []
    for n, question, reply, who in block.rows:
        pad = " " * (len(n) + 2)
        out.append(f"{n}. {lines(question, pad)}\\")
        out.append(f"{pad}**{escape(colon(answer))}** {lines(reply, pad)}\\")
        out.append(f"{pad}**{escape(colon(by))}** {escape(who)}")
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Rows):
        return _rows(block)
    if isinstance(block, Steps):
        return _steps(block)
    if isinstance(block, Items):
        out = [f"### {heading(block.title)}", ""] if block.title else []
        return out + [f"- {lines(item, '  ')}" for item in block.items]
    out = []
    for para in block.paragraphs:
        out += [lines(para, ""), ""]
    return out[:-1]


def render_markdown(report: Report, msgs: Messages) -> str:
    """The report as Markdown: a summary table, then one `##` section per part."""
    outline = build_outline(report, msgs)
    out = [f"# {heading(outline.title)}", ""]
    for section in outline.sections:
        out += [f"## {heading(section.title)}", ""]
        for block in section.blocks:
            out += [*_block(block), ""]
    out += ["---", "", f"*{escape(outline.footer)}*"]
    return "\n".join(out) + "\n"
