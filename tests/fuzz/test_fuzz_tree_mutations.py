"""Fuzz the tree validator with structure-aware mutations of the shipped trees."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from fixit.__main__ import main
from fixit.engine import Engine
from fixit.errors import ExitCode
from fixit.i18n import LANGUAGES
from fixit.trees.model import summarize, tree_from_json, tree_to_json
from fixit.trees.validate import check_text
from tests.fuzz.support import CHARS, CONTROLS, SHIPPED_DATA, VALUES, assert_problem, splice

NAME = "fuzz/mutated.yaml"
TARGET_KEYS = {"goto", "start", "solved", "unsolved", "fallback", "pass", "warn", "fail", "error"}


def _places(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a document, parents before children."""
    out: list[tuple[Any, Any]] = []
    todo = [doc]
    while todo:
        node = todo.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            out.append((node, key))
            if isinstance(node[key], (dict, list)):
                todo.append(node[key])
    return out


def _mutate(doc: Any, data: st.DataObject) -> None:
    """One mutation at a drawn place: drop, rename, retype, retarget, or spoil a text."""
    places = _places(doc)
    if not places:
        return
    container, key = places[data.draw(st.integers(0, len(places) - 1), label="place")]
    op = data.draw(st.sampled_from(["drop", "rename", "retype", "retarget", "text"]), label="op")
    node_ids = list(doc.get("nodes") or {}) if isinstance(doc, dict) else []
    if op == "drop" and isinstance(container, dict):
        del container[key]
    elif op == "drop":
        container.pop(key)
    elif op == "rename" and isinstance(container, dict):
        value = container.pop(key)
        new = data.draw(st.one_of(st.sampled_from(sorted(TARGET_KEYS)), st.text(CHARS)))
        container[new] = value
    elif op == "retype":
        container[key] = data.draw(VALUES, label="value")
    elif op == "retarget":
        targets = [(c, k) for c, k in places if k in TARGET_KEYS and isinstance(c[k], str)]
        pool = st.sampled_from([*node_ids, "nowhere", ""]) if node_ids else st.just("nowhere")
        if targets:
            where, k = data.draw(st.sampled_from(targets), label="target")
            where[k] = data.draw(pool, label="goto")
    elif isinstance(container[key], str):
        at = data.draw(st.integers(0, 10**6))
        container[key] = splice(container[key], at, data.draw(st.one_of(CONTROLS, st.text(CHARS))))


@given(st.sampled_from(sorted(SHIPPED_DATA)), st.integers(0, 6), st.booleans(), st.data())
def test_a_mutated_shipped_tree_is_a_tree_or_positioned_problems(
    name: str, count: int, unicode: bool, data: st.DataObject
) -> None:
    """Drop or rename keys, swap types, retarget gotos, spoil texts; dump; load and validate."""
    doc = copy.deepcopy(SHIPPED_DATA[name])
    for _ in range(count):
        _mutate(doc, data)
    text = yaml.safe_dump(doc, allow_unicode=unicode, sort_keys=False)
    tree, problems = check_text(text, NAME)
    for problem in problems:
        assert_problem(problem, NAME, text)
    if count == 0:
        assert tree is not None, problems
    if tree is None:
        assert problems
        return
    # a tree that validates can be cached, summarised and started
    assert tree_from_json(json.loads(json.dumps(tree_to_json(tree)))) == tree
    summarize(tree)
    if not tree.subtrees():
        assert Engine({tree.id: tree}, tree.id).walk([]).path[0] == tree.start


@given(st.sampled_from(sorted(SHIPPED_DATA)), st.data())
def test_a_goto_retargeted_anywhere_is_a_tree_or_a_graph_problem(
    name: str, data: st.DataObject
) -> None:
    """Every way of pointing gotos at other nodes validates or names the node that breaks it."""
    doc = copy.deepcopy(SHIPPED_DATA[name])
    for _ in range(data.draw(st.integers(1, 5))):
        places = [(c, k) for c, k in _places(doc) if k in TARGET_KEYS and isinstance(c[k], str)]
        where, key = data.draw(st.sampled_from(places))
        where[key] = data.draw(st.sampled_from([*doc["nodes"], "missing-node"]))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    tree, problems = check_text(text, NAME)
    assert (tree is None) == bool(problems)
    for problem in problems:
        assert_problem(problem, NAME, text)
        assert problem.line > 1 or "start" in str(problem.message), problem


@given(
    st.sampled_from(sorted(SHIPPED_DATA)),
    st.integers(0, 4),
    st.sampled_from(LANGUAGES),
    st.data(),
)
def test_fixit_trees_validate_shows_any_mutated_tree_s_problems(
    name: str, count: int, lang: str, data: st.DataObject
) -> None:
    """`fixit trees validate FILE` prints every problem (rich markup and escapes in the tree's
    words included) and exits 0 or 1, never 3."""
    doc = copy.deepcopy(SHIPPED_DATA[name])
    for _ in range(count):
        _mutate(doc, data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--lang", lang, "trees", "validate", str(path)], False)
    assert code in (ExitCode.OK, ExitCode.USER_ERROR), err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if code == ExitCode.USER_ERROR:
        assert f"{path}:" in " ".join((out.getvalue() + err.getvalue()).split()), err.getvalue()
