"""Fuzz the known-problem readers with hostile YAML and JSON: every answer is problems or a
named fault (each positioned in the file), never an exception of another kind, never a hang."""

from __future__ import annotations

import contextlib
import json

from hypothesis import example, given
from hypothesis import strategies as st

from fixit.known.model import Affects, FeedError
from fixit.known.settings import StatusPage
from fixit.known.sources import parse_yaml
from fixit.known.statuspage import read_summary
from fixit.trees.yamlfile import Problem as Fault
from tests.fuzz.support import VALUES, YAML_TEXT, assert_problem, splice

NAME = "fuzz/known_issues.yaml"
GOOD = """\
format: 1
issues:
  - id: portal-slow
    title: {en: The member portal is slow, fi: Jäsenportaali on hidas}
    affects: {trees: [web-service], tags: [portal]}
    since: 2026-12-07T08:00:00+02:00
    ticket: "1234"
"""
PAGE = StatusPage("https://s.example.fi/api/v2/summary.json", {"a": Affects(tags=("x",))})


def assert_read(text: str) -> None:
    """Problems, or a FeedError whose every fault is positioned inside the text."""
    try:
        parse_yaml(text.encode("utf-8", "surrogatepass"), NAME, None)
    except FeedError as exc:
        assert exc.faults
        for fault in exc.faults:
            assert isinstance(fault, Fault)
            assert_problem(fault, NAME, text)


@given(YAML_TEXT)
@example("format: 1\nissues: &a [1]\nx: *a\n")
@example("format: 1\nissues: [" + "[" * 5000)
@example("format: 1\nissues: [{id: a, since: 2026-02-30T00:00:00Z}]")
def test_any_yaml_text_is_read_or_named(text: str) -> None:
    assert_read(text)


@given(st.integers(0, len(GOOD)), st.sampled_from(["\x00", ":", "- ", "{", "]", "\t", "&a ", "!!"]))
def test_a_good_file_damaged_anywhere_is_read_or_named(at: int, insert: str) -> None:
    assert_read(splice(GOOD, at, insert))


@given(VALUES)
@example({"incidents": [{"id": "x", "name": "n", "status": "investigating", "components": 5}]})
@example({"components": [{"id": "a", "name": "A", "status": "major_outage"}] * 3})
@example({"incidents": [{"id": "x", "name": "n", "started_at": "not a time"}]})
def test_any_json_is_a_summary_or_a_named_fault(value: object) -> None:
    body = json.dumps(value, default=str).encode()
    try:
        problems = read_summary(body, PAGE, "s", None)
    except FeedError as exc:
        assert exc.faults
        return
    assert all(p.id.startswith("statuspage:") and p.title["en"] for p in problems)


@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_named(body: bytes) -> None:
    for read in (lambda: parse_yaml(body, NAME, None), lambda: read_summary(body, PAGE, "s", None)):
        with contextlib.suppress(FeedError):  # anything else fails the test
            read()
