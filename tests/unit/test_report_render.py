"""Report renderers: snapshots of real reports, hostile text made inert in every format."""

from __future__ import annotations

import copy
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.render import FORMATS
from fixit.report.render import render as render_report

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
SNAPSHOTS = DATA / "snapshots"
SUFFIX = {"markdown": "md", "text": "txt", "html": "html"}
LONG = "A" * 10_000
SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"


def render(doc: dict[str, Any], fmt: str, msgs: Messages) -> str:
    """A report given in its JSON form, read as the typed model, rendered as `fmt`."""
    return render_report(Report.from_json(doc), fmt, msgs)


def example(lang: str) -> dict[str, Any]:
    return dict(json.loads((DATA / f"example-report-{lang}.json").read_text(encoding="utf-8")))


def check(cid: str, status: str, summary: str, **extra: Any) -> dict[str, Any]:
    base = {"id": cid, "title": cid.title(), "status": status, "summary": summary}
    return {**base, "data": {}, "duration": 0.1, "reason": "", **extra}


def rich() -> dict[str, Any]:
    """The English example with everything optional filled in."""
    r = example("en")
    r["urgency"] = "high"
    r["session"]["case"] = "CASE-42"
    r["session"]["duration_seconds"] = 3725
    r["problem"] = {"happened": "The screen went dark.", "since": "Monday", "affected": "Lobby"}
    r["checks"] = [
        check("network.dns", "pass", "Names resolve."),
        check(
            "display.outputs",
            "fail",
            "no screen connected to HDMI-A-1",
            plain="No screen is connected.",
            data={"connectors": [{"name": "HDMI-A-1", "type": "HDMI", "status": "disconnected"}]},
        ),
        check("network.wifi", "warn", "Weak signal."),
        check("power.battery", "skipped", "No battery.", reason="not a laptop"),
    ]
    r["environment"] = {"taken": "2026-12-01T12:35:00+02:00", "checks": [r["checks"][0]]}
    r["attachments"].append({**r["attachments"][0], "name": "big.mp4", "problem": "too_large"})
    r["attachments"][-1].update(size=30_500_000, sha256=None, mime="video/mp4")
    r["redactions"] = [
        {"kind": "token", "action": "remove", "count": 1},
        {"kind": "email", "action": "placeholder", "count": 2},
    ]
    r["redacted"] = True
    r["ticket"] = {"target": "helpdesk", "ref": "#1234", "url": "https://redmine.example.fi/1234"}
    return r


def hostile() -> dict[str, Any]:
    """A report whose every text tries to break out of its format."""
    r = rich()
    r["title"] = "# heading [bold red]x[/] \x1b[31m" + SCRIPT
    r["tree"]["title"] = "| a | b |\nsecond line"
    r["session"]["case"] = "| a | b |\n| c | d |"
    r["problem"] = {
        "happened": SCRIPT,
        "error_message": "\x1b[31mred\x9b31m\u202eevil\r\nnext",
        "doing": "# heading\n- item\n1. one\n===\n    code",
        "reproduce": LINK,
        "affected": "`code` *em* _u_ ~~s~~ &amp; <https://x>",
    }
    r["reporter"]["name"] = "[bold red]x[/]"
    r["steps"][0]["answer"] = LONG
    r["steps"][1]["answer"] = "line1\r\n# heading\n| a | b |"
    r["steps"][2]["question"] = "\x1b]8;;http://evil\x07link\x1b]8;;\x07"
    r["fields"][0]["value"] = "| a | b |\n---"
    r["notes"] = [{"text": "<img src=x onerror=alert(1)>", "node": "", "at": ""}]
    r["checks"][1]["data"] = {"<b>": SCRIPT}
    r["attachments"][0]["name"] = "<b>x</b>.png"
    r["end"]["text"] = "</section>" + SCRIPT
    return r


def minimal() -> dict[str, Any]:
    """A session just started: no steps, nothing optional."""
    return {
        "schema_version": 1,
        "id": "s1",
        "title": "Untitled",
        "lang": "en",
        "category": "advice",
        "urgency": None,
        "outcome": None,
        "status": "running",
        "tree": {"id": "t", "version": 1, "title": "T"},
        "session": {
            "id": "s1",
            "mode": "self",
            "lang": "en",
            "started": "not a time",
            "ended": None,
            "duration_seconds": None,
            "case": None,
        },
        "problem": {},
        "reporter": {},
        "fields": [],
        "steps": [],
        "notes": [],
        "checks": [],
        "environment": None,
        "attachments": [],
        "end": {"node": None, "text": "", "next": ""},
        "redactions": [],
        "redacted": True,
        "ticket": None,
        "generator": {"name": "fixit", "version": "0.1.0"},
    }


def snapshot(name: str, text: str) -> None:
    """Compare with the stored file; FIXIT_UPDATE_SNAPSHOTS=1 writes it instead."""
    path = SNAPSHOTS / name
    if os.environ.get("FIXIT_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{name}: no snapshot; run with FIXIT_UPDATE_SNAPSHOTS=1"
    assert text == path.read_bytes().decode("utf-8"), f"{name} changed"


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("lang", ["en", "fi"])
def test_examples_match_snapshots(lang: str, fmt: str) -> None:
    report = example(lang)
    text = render(report, fmt, Messages(lang))
    assert text == render(copy.deepcopy(report), fmt, Messages(lang))
    snapshot(f"example-report-{lang}.{SUFFIX[fmt]}", text)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_full_report_matches_snapshot(fmt: str) -> None:
    snapshot(f"full-report-en.{SUFFIX[fmt]}", render(rich(), fmt, Messages("en")))


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_finnish_and_english_labels(lang: str) -> None:
    md = render(rich(), "markdown", Messages(lang))
    wanted = {
        "en": [
            "## Summary",
            "## Steps and answers",
            "**Answered by:**",
            "## Attachments",
            "## Automatic checks",
            "## What was hidden",
            "e-mail addresses: 2 replaced by placeholders",
            "big.mp4 — not attached: too large (30.5 MB)",
            "| **Duration** | 1 h 2 min |",
            "| **Urgency** | Blocks my work |",
            "## Ticket",
            "## The problem",
        ],
        "fi": [
            "## Yhteenveto",
            "## Vaiheet ja vastaukset",
            "| **Aihe** |",
            "**Kuka vastasi:**",
            "## Liitteet",
            "## Automaattiset tarkistukset",
            "## Piilotetut tiedot",
            "sähköpostiosoitteet: 2 korvattu paikkamerkeillä",
            "liian suuri (30,5 Mt)",
            "| **Aloitettu** | 1.12.2026 klo 10.35 UTC |",
            "## Tukipyyntö",
            "## Ongelman kuvaus",
        ],
    }[lang]
    for text in wanted:
        assert text in md
    assert "Nothing has been hidden" not in md


def test_failed_and_warning_checks_come_first_in_full() -> None:
    text = render(rich(), "text", Messages("en"))
    failed, warned = text.index("Display.Outputs — FAILED"), text.index("Network.Wifi — warning")
    other = text.index("Other checks")
    assert failed < warned < other
    assert "  In short:  No screen is connected.\n" in text  # the plain sentence, then details
    assert "  Connector: HDMI-A-1 — type: HDMI; status: not connected\n" in text
    assert "- Network.Dns: OK — Names resolve." in text[other:]
    assert "- Power.Battery: skipped — No battery." in text[other:]
    env = text[text.index("Environment") :]
    assert "Collected: 2026-12-01 12:35 UTC+02:00" in env


def test_minimal_report_renders_in_every_format() -> None:
    for fmt in FORMATS:
        text = render(minimal(), fmt, Messages("fi"))
        assert text.endswith("\n")
    md = render(minimal(), "markdown", Messages("en"))
    assert md.count("\n## ") == 1  # the summary only: empty sections are left out
    assert "| **Outcome** | Not finished (still running) |" in md
    assert "| **Started** | not a time |" in md
    assert "Duration" not in md and "Case" not in md


def test_json_round_trips() -> None:
    for report in (example("fi"), hostile(), minimal()):
        assert json.loads(render(report, "json", Messages("en"))) == report


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="pdf"):
        render(minimal(), "pdf", Messages("en"))


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_hostile_text_is_inert_everywhere(fmt: str) -> None:
    text = render(hostile(), fmt, Messages("en"))
    for raw in ("\x1b", "\x9b", "\u202e", "\r", "\x07"):
        assert raw not in text
    assert LONG in text  # a user's answer is never cut
    assert "<U+202E>evil" in text.replace("&lt;", "<").replace("&gt;", ">")


def test_hostile_markdown() -> None:
    md = render(hostile(), "markdown", Messages("en"))
    assert "<script" not in md and "<img" not in md and "</section" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[x\\](javascript:alert(1))" in md
    assert re.search(r"(?<!\\)\]\(javascript", md) is None
    assert "\\[bold red\\]x\\[/\\]" in md
    assert "\\`code\\` \\*em\\* \\_u\\_ \\~\\~s\\~\\~ \\&amp; &lt;https://x&gt;" in md
    assert md.startswith("# \\# heading \\[bold red\\]x\\[/\\] \\\\x1b\\[31m&lt;script")
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 9  # header, rule, nine summary rows: none broken by a cell
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 3 for line in table)
    assert "| **Case** | \\| a \\| b \\| \\| c \\| d \\| |" in md
    body = md.splitlines()[1:]
    assert not [line for line in body if re.match(r"\s*(#+ heading|- item|1\. one|===)", line)]
    assert "\\# heading\\" in md and "\\- item\\" in md and "1\\. one\\" in md


def test_hostile_text_output() -> None:
    text = render(hostile(), "text", Messages("en"))
    assert SCRIPT in text and LINK in text and "[bold red]x[/]" in text
    assert "\\x1b[31mred\\x9b31m<U+202E>evil\\x0d" not in text  # CRLF is a line break
    assert "\\x1b[31mred\\x9b31m<U+202E>evil" in text
    assert "\\x1b]8;;http://evil\\x07link" in text
    for line in text.splitlines():
        assert len(line) <= 78 or max(len(word) for word in line.split()) > 40, line


class Tags(HTMLParser):
    """Collects start tags and checks that every opened element is closed in order."""

    VOID = frozenset({"meta", "br", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("report", [example("en"), example("fi"), hostile(), minimal()])
def test_html_is_one_clean_document(report: dict[str, Any]) -> None:
    page = render(report, "html", Messages(report["lang"]))
    assert page.startswith('<!doctype html>\n<html lang="' + report["lang"] + '">')
    assert '<meta charset="utf-8">' in page and "@media print" in page
    assert "<script" not in page.lower() and "http" not in page.split("</style>")[0]
    parser = Tags()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2"}
    allowed |= {"h3", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    assert parser.seen <= allowed | {"p", "footer"}


def test_hostile_html_shows_the_text() -> None:
    page = render(hostile(), "html", Messages("en"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    parser = Tags()
    parser.feed(page)
    shown = "".join(parser.text)
    assert SCRIPT in shown and LINK in shown and "| a | b | | c | d |" in shown
    assert "line1\n# heading\n| a | b |" in shown  # an answer keeps its lines


def test_markdown_escapes_each_construct() -> None:
    from fixit.report.markdown import cell, escape, heading

    assert cell("a | b\n# c\n") == "a \\| b<br># c<br>"  # a cell cannot open a block
    assert escape("  12) x") == "  12\\) x" and escape("+ x") == "\\+ x"
    assert escape("<b>&amp;</b>") == "&lt;b&gt;\\&amp;&lt;/b&gt;"
    assert heading("C# and F#") == "C\\# and F\\#"


def chosen() -> dict[str, Any]:
    """A Finnish report whose problem, reporter and fields hold choice ids, as the model keeps
    them, with each choice's label beside it."""
    r = example("fi")
    r["problem"] = {"happened": "Sivu ei aukea", "frequency": "always", "affected": "several"}
    r["reporter"]["device_id"] = "lobby"
    r["fields"] = [{"id": "device", "label": "Millä laitteella?", "value": "computer"}]
    r["choices"] = {
        "frequency": {"id": "always", "label": "Joka kerta"},
        "affected": {"id": "someone_else", "label": "Joku muu"},  # not the value: shown as is
        "device_id": {"id": "lobby", "label": "Aulan näyttö"},
        "device": {"id": "computer", "label": "Tietokone"},
    }
    return r


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_choice_answers_read_as_their_labels(fmt: str) -> None:
    text = render(chosen(), fmt, Messages("fi"))
    text = text.replace("&#x27;", "'").replace("\\_", "_")
    for label in ("Joka kerta", "Aulan näyttö", "Tietokone"):
        assert label in text, label
    for raw in ("always", "lobby", "computer"):
        assert not re.search(rf"\b{raw}\b", text), raw
    assert "several" in text and "Joku muu" not in text  # a label only for the value it names


def test_json_keeps_the_choice_ids_and_carries_their_labels() -> None:
    doc = json.loads(render(chosen(), "json", Messages("fi")))
    assert doc["problem"]["frequency"] == "always" and doc["fields"][0]["value"] == "computer"
    assert doc["choices"]["frequency"] == {"id": "always", "label": "Joka kerta"}


def test_a_next_step_the_model_carries_is_shown() -> None:
    r = example("en")
    r["outcome"], r["end"]["next"] = "resolved", "Good — the problem is fixed."
    assert "Next: Good — the problem is fixed." in render(r, "text", Messages("en"))
