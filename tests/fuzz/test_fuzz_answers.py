"""Fuzz answer files (SPEC §4): loaded, or one positioned error; a run with them never crashes."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, example, given
from hypothesis import strategies as st

from fixit.__main__ import main
from fixit.answers import AnswerFile, AnswerFileError, load_answer_file
from fixit.errors import ExitCode, FixitError
from fixit.i18n import Messages
from fixit.trees.model import CHECK_STATUSES
from fixit.trees.testing import load_cases, run_case
from fixit.trees.validate import check_text
from tests.fuzz.support import (
    CHARS,
    SHIPPED_CASES,
    SHIPPED_DATA,
    SHIPPED_TEXT,
    VALUES,
    YAML_TEXT,
    assert_positioned,
)

DATES = st.datetimes().map(lambda d: d.strftime(st_format_pick(d)))


def st_format_pick(d: Any) -> str:
    """A date format chosen from the datetime's own digits (so each form shows up)."""
    forms = ("%d.%m.%Y klo %H.%M", "%Y-%m-%d %H:%M", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S")
    return forms[d.minute % len(forms)]


def _answer_values(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Answers a node might be given: its own choices, labels and indexes, or anything at all."""
    own: list[Any] = ["solved", "unsolved", "1", "0", "99", "", " ", "fallback", "!escalate"]
    for i, choice in enumerate(node.get("choices") or [], start=1):
        if isinstance(choice, dict):
            own += [choice.get("id"), str(i), *(dict(choice.get("label") or {}).values())]
    return st.one_of(st.sampled_from(own), DATES, st.text(CHARS, max_size=20), VALUES)


@st.composite
def answer_documents(draw: st.DrawFn) -> dict[str, Any]:
    """An answer file made from a shipped tree's test case, some of its answers changed."""
    name, case = draw(st.sampled_from(SHIPPED_CASES))
    nodes = SHIPPED_DATA[name]["nodes"]
    answers: dict[Any, Any] = dict(case.get("answers") or {})
    checks: dict[Any, Any] = dict(case.get("checks") or {})
    for _ in range(draw(st.integers(0, 3))):
        node_id = draw(st.sampled_from(sorted(nodes)))
        what = draw(st.sampled_from(["change", "drop", "check"]))
        if what == "change":
            values = _answer_values(nodes[node_id])
            answers[node_id] = draw(st.one_of(values, st.lists(values, max_size=3)))
        elif what == "drop":
            answers.pop(node_id, None)
        else:
            checks[node_id] = draw(st.one_of(st.sampled_from(CHECK_STATUSES), VALUES))
    doc: dict[Any, Any] = {"tree": name, "answers": answers}
    if checks:
        doc["checks"] = checks
    optional = {
        "mode": st.one_of(st.sampled_from(["self", "agent"]), VALUES),
        "lang": st.one_of(st.sampled_from(["en", "fi", "sv"]), VALUES),
        "caller": st.one_of(st.dictionaries(st.sampled_from(["name", "contact"]), VALUES), VALUES),
        "notes": st.one_of(st.lists(st.text(CHARS, max_size=10)), VALUES),
        "unknown": VALUES,
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=2)):
        doc[key] = draw(optional[key])
    return doc


def _load(text: str) -> tuple[Path, AnswerFile | AnswerFileError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return path, load_answer_file(path)
        except AnswerFileError as exc:
            return path, exc


@given(YAML_TEXT)
@example("answers: {a: [1, [2]]}")
@example("answers: !!python/object:os.system x")
@example("caller: {name: {x: 1}}")
def test_any_text_is_an_answer_file_or_a_positioned_error(text: str) -> None:
    """Hostile YAML in an answer file is one error at file:line:col."""
    path, got = _load(text)
    if isinstance(got, AnswerFileError):
        assert_positioned(got, path)
    else:
        assert all(isinstance(v, str) for vs in got.answers.values() for v in vs)


@given(answer_documents())
def test_a_structured_answer_file_loads_or_names_its_place(doc: dict[str, Any]) -> None:
    """Answer files of the right and the wrong shape: values as text, or a positioned error."""
    path, got = _load(yaml.safe_dump(doc, allow_unicode=True))
    event(type(got).__name__)
    if isinstance(got, AnswerFileError):
        assert_positioned(got, path)
        return
    assert got.tree == doc["tree"]
    assert all(isinstance(v, str) for vs in got.answers.values() for v in vs)
    assert set(got.checks.values()) <= set(CHECK_STATUSES)


@given(answer_documents())
@example(  # found: a check node answered 'solved' crashed the run (exit 3)
    {
        "tree": "slow-computer",
        "answers": {"what_slow": "everything", "battery_check": "solved"},
    }
)
def test_a_run_with_any_answer_file_ends_in_an_outcome_or_a_user_error(
    doc: dict[str, Any],
) -> None:
    """`fixit start TREE --answers FILE --no-checks`: never an internal error (exit 3)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                ["start", doc["tree"], "--answers", str(path), "--no-checks"], handle_signals=False
            )
    event(f"exit {int(code)}")
    assert code in (ExitCode.OK, ExitCode.USER_ERROR, ExitCode.NEEDS_TERMINAL), err.getvalue()
    if code != ExitCode.OK:
        assert err.getvalue().startswith("fixit: error: "), err.getvalue()
        assert "Traceback" not in err.getvalue()


TREES = {
    name: tree
    for name, text in SHIPPED_TEXT.items()
    if (tree := check_text(text, f"{name}.yaml", name)[0]) is not None
}


@st.composite
def case_files(draw: st.DrawFn) -> tuple[str, str]:
    """A `*.test.yaml` text: shipped cases with fields changed, or hostile YAML."""
    if draw(st.booleans()):
        return draw(st.sampled_from(sorted(TREES))), draw(YAML_TEXT)
    name = draw(st.sampled_from(sorted({tree for tree, _ in SHIPPED_CASES} & set(TREES))))
    cases = [dict(case) for tree, case in SHIPPED_CASES if tree == name]
    for _ in range(draw(st.integers(0, 3))):
        case = draw(st.sampled_from(cases))
        key = draw(st.sampled_from(["name", "answers", "checks", "mode", "expect", "other"]))
        case[key] = draw(VALUES)
    return name, yaml.safe_dump(cases, allow_unicode=True)


@given(case_files())
@example(("no-internet", "- {answers: {scope: [[1]]}}"))
@example(("no-internet", "- {expect: {path: 5}}"))
def test_a_tree_test_file_runs_or_names_its_place(named: tuple[str, str]) -> None:
    """`fixit trees test`: a test file's cases each pass or fail with reasons; never a crash."""
    name, text = named
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.test.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            cases = load_cases(path)
        except FixitError as exc:
            assert_positioned(exc, path)
            return
    for case in cases:
        result = run_case(TREES, name, case, Messages("en"))
        assert result.passed or result.problems
