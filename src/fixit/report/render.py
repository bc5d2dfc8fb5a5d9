"""Rendering a report in one of its formats: Markdown, plain text, HTML or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.html import render_html
from fixit.report.markdown import render_markdown
from fixit.report.text import render_text

FORMATS = ("markdown", "text", "html", "json")
# json.dumps(ensure_ascii=False) escapes C0 controls but leaves C1 controls (\x9b is CSI on many
# terminals) and bidi overrides raw; escape them too, so JSON on a terminal is inert
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render_json(doc: Mapping[str, Any]) -> str:
    """A report's JSON form as indented JSON, with every control and bidi character escaped."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def render(report: Report, fmt: str, msgs: Messages) -> str:
    """The report as `fmt` (one of FORMATS), labelled in `msgs`' language."""
    if fmt == "json":
        return render_json(report.to_json())
    renderers = {"markdown": render_markdown, "text": render_text, "html": render_html}
    if fmt not in renderers:
        raise ValueError(f"there is no report format {fmt!r}")
    return renderers[fmt](report, msgs)
