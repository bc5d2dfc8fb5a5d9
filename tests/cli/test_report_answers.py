"""What a report says of its answers: choices by their label where people read, by their id in
JSON; and none of the wizard's own "run `fixit report`" advice in a report that leaves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit.i18n import LANGUAGES, Messages
from fixit.labels import NEXT
from fixit.report.document import Report
from fixit.report.render import FORMATS, render
from fixit.report.schema import SCHEMA
from fixit.trees.library import Source, load_library
from fixit.trees.testing import case_file_for, load_cases

from ..conftest import SHIPPED
from .test_report import report_answers, run_answers

LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)


def test_a_choice_is_its_label_in_the_problem_section_and_its_id_in_json(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    data = {"tree": "report-problem", "answers": report_answers(frequency="always")}
    sid = run_answers(fixit, tmp_path, data)
    md = fixit("--lang", "fi", "report", sid).out
    assert "- **Kuinka usein:** Joka kerta" in md and "always" not in md
    text = fixit("--lang", "en", "report", sid, "--format", "text").out
    assert "How often:               Every time" in text and "always" not in text
    html = fixit("--lang", "en", "report", sid, "--format", "html").out
    assert "<td>Every time</td>" in html and "always" not in html
    doc = json.loads(fixit("--lang", "fi", "report", sid, "--format", "json").out)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert doc["problem"]["frequency"] == "always"
    assert doc["choices"]["frequency"] == {"id": "always", "label": "Joka kerta"}
    assert doc["choices"]["urgency"] == {"id": "high", "label": "En pysty tekemään työtäni"}
    assert "doing" not in doc["choices"]  # typed text is no choice


def test_a_collected_choice_field_is_its_label(fixit: Callable[..., Any], tmp_path: Path) -> None:
    case = load_cases(case_file_for(LIBRARY.by_id["website-error"].path))[-1]
    data = {"tree": "website-error", "answers": case["answers"], "checks": case.get("checks", {})}
    sid = run_answers(fixit, tmp_path, data)
    doc = json.loads(fixit("--lang", "fi", "report", sid, "--format", "json").out)
    logged_in = next(f for f in doc["fields"] if f["id"] == "logged_in")
    label = doc["choices"]["logged_in"]["label"]
    assert doc["choices"]["logged_in"]["id"] == logged_in["value"] and label != logged_in["value"]
    md = fixit("--lang", "fi", "report", sid).out
    assert f"** {label}" in md and f"** {logged_in['value']}\n" not in md


def test_an_old_report_without_choices_is_still_valid() -> None:
    doc = json.loads((SHIPPED.parent / "tests/data/reports/example-report-en.json").read_text())
    del doc["choices"]
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert "choices" in SCHEMA["properties"] and "choices" not in SCHEMA["required"]


def _one_case_per_outcome() -> list[tuple[str, int]]:
    out = []
    for tree_id in sorted(LIBRARY.by_id):
        seen: dict[object, int] = {}
        for i, case in enumerate(load_cases(case_file_for(LIBRARY.by_id[tree_id].path))):
            seen.setdefault((case.get("expect") or {}).get("outcome"), i)
        out += [(tree_id, i) for i in seen.values()]
    return out


UNRESOLVED = """\
format: 1
id: no-luck
version: 1
title: {en: No luck, fi: Ei onnea}
category: incident
start: which
nodes:
  which:
    kind: question
    text: {en: Which one?, fi: Kumpi?}
    choices:
      - {id: left, label: {en: Left, fi: Vasen}, goto: gone}
  gone:
    kind: end
    outcome: unresolved
    text: {en: Nothing helped., fi: Mikään ei auttanut.}
"""


@pytest.mark.parametrize(("tree_id", "index"), [*_one_case_per_outcome(), ("no-luck", 0)])
def test_no_report_tells_support_to_run_fixit_report(
    fixit: Callable[..., Any], tmp_path: Path, tree_dir: Path, tree_id: str, index: int
) -> None:
    if tree_id == "no-luck":
        (tree_dir / "no-luck.yaml").write_text(UNRESOLVED)
        case: dict[str, Any] = {"answers": {"which": "left"}}
    else:
        case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[index]
    data = {"tree": tree_id, "mode": case.get("mode", "self")}
    data |= {"answers": case.get("answers", {}), "checks": case.get("checks", {})}
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"support: {{email: tuki@example.fi}}\ntrees: [{tree_dir}]\n")
    sid = run_answers(fixit, tmp_path, data, "--config", str(cfg))
    for lang in LANGUAGES:
        doc = json.loads(
            fixit("--config", str(cfg), "--lang", lang, "report", sid, "--format", "json").out
        )
        outcome = doc["outcome"]
        assert tree_id != "no-luck" or outcome == "unresolved"
        wizard = Messages(lang)(NEXT[outcome], id=sid, contact=" (tuki@example.fi)")
        if outcome in ("escalate", "unresolved"):  # "run `fixit report` and send it": not here
            assert doc["end"]["next"] == ""
        else:
            assert doc["end"]["next"] == wizard
        assert doc["end"]["text"], "the tree's own end text is kept"
        for fmt in FORMATS:  # each format as it leaves (the CLI's own paths are tested above)
            out = render(Report.from_json(doc), fmt, Messages(lang))
            assert "fixit report" not in out and "tuki@example.fi)" not in out, (fmt, lang)
