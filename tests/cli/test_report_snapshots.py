"""Snapshots of every renderer for a report from each shipped tree, in English and Finnish; in
every other language each format has the English rendering's skeleton (its sections and markup).

The report of each tree's last test case is built through the CLI, its session id and times are
pinned, and every format is compared with tests/data/reports/trees/. Set FIXIT_UPDATE_SNAPSHOTS=1
to rewrite the files after an intended change (and read the diff before committing it)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import LANGUAGES, Messages
from fixit.report.document import Report
from fixit.report.render import render
from fixit.trees.library import Source, load_library
from fixit.trees.testing import case_file_for, load_cases

from ..conftest import DATA, SHIPPED

LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)
SNAPSHOTS = DATA / "reports" / "trees"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z)?")
SUFFIX = {"markdown": "md", "text": "txt", "html": "html"}
#: the languages with snapshots; the others are checked against the English rendering's skeleton
SNAPSHOT_LANGS = ("en", "fi")


def skeleton(fmt: str, text: str) -> list[str]:
    """A rendering without its words: HTML's tags, Markdown's headings and table rows, the plain
    text's heading underlines; the same in every language."""
    lines = text.splitlines()
    if fmt == "html":
        return re.findall(r"</?[a-zA-Z][\w-]*", text)
    if fmt == "markdown":
        return [line.split(" ")[0] for line in lines if line.startswith(("#", "|"))]
    return [line[0] for line in lines if len(line) > 2 and set(line) in ({"="}, {"-"})]


def pinned(doc_text: str, sid: str) -> dict[str, Any]:
    """The report with its session id, times and version fixed, so snapshots are stable."""
    text = STAMP.sub("2026-12-01T09:00:00+00:00", doc_text.replace(sid, "20261201-090000-test"))
    doc: dict[str, Any] = json.loads(text)
    doc["session"]["duration_seconds"] = 125
    doc["generator"]["version"] = "0.0.0"
    return doc


@pytest.mark.parametrize("tree_id", sorted(LIBRARY.by_id))
def test_every_format_of_a_shipped_trees_report_matches_its_snapshot(
    fixit: Callable[..., Any], tmp_path: Path, tree_id: str
) -> None:
    case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[-1]
    data = {"tree": tree_id, "mode": case.get("mode", "self"), "lang": "fi"}
    data |= {"answers": case.get("answers", {}), "checks": case.get("checks", {})}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data, ensure_ascii=False))
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    sid = str(json.loads(fixit("sessions", "--json").out)[0]["id"])
    update = os.environ.get("FIXIT_UPDATE_SNAPSHOTS") == "1"
    english: dict[str, str] = {}
    for lang in SNAPSHOT_LANGS:
        doc = pinned(fixit("--lang", lang, "report", sid, "--format", "json").out, sid)
        for fmt, suffix in SUFFIX.items():
            got = render(Report.from_json(doc), fmt, Messages(lang))
            if lang == "en":
                english[fmt] = got
            path = SNAPSHOTS / f"{tree_id}.{lang}.{suffix}"
            if update:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(got, "utf-8")
            assert path.exists(), f"no snapshot {path.name}: run with FIXIT_UPDATE_SNAPSHOTS=1"
            assert got == path.read_text("utf-8"), f"{path.name} differs from its snapshot"

    for lang in sorted(set(LANGUAGES) - set(SNAPSHOT_LANGS)):  # no snapshots: the English skeleton
        doc = pinned(fixit("--lang", lang, "report", sid, "--format", "json").out, sid)
        for fmt in SUFFIX:
            got = render(Report.from_json(doc), fmt, Messages(lang))
            assert skeleton(fmt, got) == skeleton(fmt, english[fmt]), (lang, fmt)
