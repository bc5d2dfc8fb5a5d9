"""The JSON form of a report, byte for byte: a report of each shipped tree, in English and
Finnish, equals its golden file in tests/data/reports/json/ and validates against the published
schema; in every other language it validates and has the English report's shape.

The golden files were written from the report model before it became typed (a dict literal), so
they pin the JSON form `fixit report --schema` publishes: key order, omitted keys, null against
absent. The session id, times and version are pinned as in test_report_snapshots. Set
FIXIT_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change (and read the diff)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit import __version__
from fixit.i18n import LANGUAGES
from fixit.report.schema import SCHEMA
from fixit.trees.library import Source, load_library
from fixit.trees.testing import case_file_for, load_cases

from ..conftest import DATA, SHIPPED

LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)
GOLDEN = DATA / "reports" / "json"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z)?")
SECONDS = re.compile(r'"duration_seconds": \d+')
#: the languages with golden files; the others are checked against the English report's shape
GOLDEN_LANGS = ("en", "fi")


def shape(value: Any) -> Any:
    """The structure of a JSON value without its texts: keys in order, list lengths, types."""
    if isinstance(value, dict):
        return [(key, shape(v)) for key, v in value.items()]
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


def pinned(text: str, sid: str) -> str:
    """The JSON text with its session id, times, duration and version fixed."""
    text = STAMP.sub("2026-12-01T09:00:00+00:00", text.replace(sid, "20261201-090000-test"))
    text = SECONDS.sub('"duration_seconds": 125', text)
    return text.replace(f'"version": "{__version__}"', '"version": "0.0.0"')


def session_of(fixit: Callable[..., Any], tmp_path: Path, tree_id: str) -> str:
    """A finished session of the tree's last test case (run in Finnish); its id."""
    case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[-1]
    data = {"tree": tree_id, "mode": case.get("mode", "self"), "lang": "fi"}
    data |= {"answers": case.get("answers", {}), "checks": case.get("checks", {})}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data, ensure_ascii=False))
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    return str(json.loads(fixit("sessions", "--json").out)[0]["id"])


@pytest.mark.parametrize("tree_id", sorted(LIBRARY.by_id))
def test_a_shipped_trees_json_report_is_byte_for_byte_its_golden_file(
    fixit: Callable[..., Any], tmp_path: Path, tree_id: str
) -> None:
    sid = session_of(fixit, tmp_path, tree_id)
    update = os.environ.get("FIXIT_UPDATE_SNAPSHOTS") == "1"
    docs: dict[str, Any] = {}
    for lang in GOLDEN_LANGS:
        got = pinned(fixit("--lang", lang, "report", sid, "--format", "json").out, sid)
        docs[lang] = json.loads(got)
        jsonschema.Draft202012Validator(SCHEMA).validate(docs[lang])
        path = GOLDEN / f"{tree_id}.{lang}.json"
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(got, "utf-8")
        assert path.exists(), f"no golden file {path.name}: run with FIXIT_UPDATE_SNAPSHOTS=1"
        assert got == path.read_text("utf-8"), f"{path.name} differs from its golden file"
    for lang in sorted(
        set(LANGUAGES) - set(GOLDEN_LANGS)
    ):  # no golden file: valid, and shaped as English
        doc = json.loads(pinned(fixit("--lang", lang, "report", sid, "--format", "json").out, sid))
        jsonschema.Draft202012Validator(SCHEMA).validate(doc)
        assert doc["lang"] == lang and shape(doc) == shape(docs["en"]), lang
