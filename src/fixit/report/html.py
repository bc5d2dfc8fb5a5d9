"""HTML reports: one standalone page (no scripts, nothing external) for the screen and print."""

from __future__ import annotations

import html

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.outline import Block, Items, Rows, Steps, build_outline

STYLE = """\
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid #d6d6d6; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
h1, h2, h3, p, li, th, td { overflow-wrap: anywhere; }
p, li, td { white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .4rem 0; }
th, td { padding: .35rem .55rem; border: 1px solid #d6d6d6; text-align: left;
  vertical-align: top; }
thead th { background: #f2f2f2; }
tbody th { width: 32%; font-weight: 600; background: #fafafa; }
col.n { width: 3rem; }
col.by { width: 16%; }
td.n { text-align: right; }
h3.fail, h3.error { color: #a4000f; }
h3.warn { color: #8a5300; }
ul { padding-left: 1.4rem; }
footer { margin-top: 2rem; color: #5c5c5c; font-size: .85rem; }
@media print {
  body { font-size: 10pt; color: #000; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th, tbody th { background: none; }
  h3.fail, h3.error, h3.warn { color: #000; }
}
"""


def esc(text: str) -> str:
    """Report text as HTML text: every markup character escaped, quotes too."""
    return html.escape(text, quote=True)


def _rows(block: Rows) -> list[str]:
    tone = f' class="{esc(block.tone)}"' if block.tone else ""
    out = [f"<h3{tone}>{esc(block.title)}</h3>"] if block.title else []
    out.append('<table class="pairs"><tbody>')
    out += [f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in block.rows]
    return [*out, "</tbody></table>"]


def _steps(block: Steps) -> list[str]:
    heads = "".join(f'<th scope="col">{esc(h)}</th>' for h in block.head)
    out = [
        '<table class="steps">',
        '<colgroup><col class="n"><col class="q"><col class="a"><col class="by"></colgroup>',
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for n, question, answer, by in block.rows:
        cells = "".join(f"<td>{esc(text)}</td>" for text in (question, answer, by))
        out.append(f'<tr><td class="n">{esc(n)}</td>{cells}</tr>')
    return [*out, "</tbody></table>"]


def _block(block: Block) -> list[str]:
    if isinstance(block, Rows):
        return _rows(block)
    if isinstance(block, Steps):
        return _steps(block)
    if isinstance(block, Items):
        out = [f"<h3>{esc(block.title)}</h3>"] if block.title else []
        return [*out, "<ul>", *(f"<li>{esc(item)}</li>" for item in block.items), "</ul>"]
    return [f"<p>{esc(para)}</p>" for para in block.paragraphs]


def render_html(report: Report, msgs: Messages) -> str:
    """The report as one HTML document with an inline style sheet."""
    outline = build_outline(report, msgs)
    out = [
        "<!doctype html>",
        f'<html lang="{esc(outline.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(outline.title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(outline.title)}</h1>",
    ]
    for section in outline.sections:
        out += [f'<section class="{esc(section.key)}">', f"<h2>{esc(section.title)}</h2>"]
        out += [line for block in section.blocks for line in _block(block)]
        out.append("</section>")
    out += [f"<footer>{esc(outline.footer)}</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
