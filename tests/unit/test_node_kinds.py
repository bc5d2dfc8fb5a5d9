"""Node kinds as a tagged union: every kind is read from YAML as its own class, routed by the
engine, written to JSON in one shape, and a `match` that forgets a kind fails mypy."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import get_args

import pytest
from mypy import api as mypy_api

from fixit.engine import AnswerError, Engine, route
from fixit.trees.model import Tree, tree_from_json, tree_to_json
from fixit.trees.nodes import (
    KINDS,
    NODE_TYPES,
    Asked,
    Check,
    End,
    Info,
    Input,
    Kind,
    Node,
    Question,
    Run,
    Step,
    node_from_json,
    node_to_json,
    targets,
)
from fixit.trees.validate import check_text


def tree(text: str, name: str) -> Tree:
    t, problems = check_text(textwrap.dedent(text), f"{name}.yaml", name)
    assert problems == [] and t is not None
    return t


EVERY_KIND = tree(
    """\
    format: 1
    id: every
    title: Every kind
    start: q
    nodes:
      q: {kind: question, text: Q, choices: [{id: on, label: On, goto: s}]}
      s: {kind: step, text: S, solved: i, unsolved: i, verify: disk.space}
      i: {kind: input, text: I, field: who, goto: c}
      c: {kind: check, check: disk.space, on: {pass: n}, fallback: n}
      n: {kind: info, text: N, goto: r}
      r: {kind: tree, tree: sub, on: {resolved: e}}
      e: {kind: end, outcome: resolved, text: E}
    """,
    "every",
)
SUB = tree(
    """\
    format: 1
    id: sub
    title: Sub
    start: done
    nodes:
      done: {kind: end, outcome: resolved, text: Done}
    """,
    "sub",
)
CLASSES: dict[str, type[Node]] = {
    "q": Question,
    "s": Step,
    "i": Input,
    "c": Check,
    "n": Info,
    "r": Run,
    "e": End,
}


def test_each_kind_is_one_class_and_the_kinds_are_the_literal() -> None:
    assert tuple(get_args(Kind)) == KINDS
    assert [t.kind for t in NODE_TYPES] == list(KINDS)
    assert {t.kind for t in get_args(Asked)} == set(KINDS) - {"tree", "end"}


def test_every_kind_is_read_from_yaml_as_its_own_class() -> None:
    assert {n.kind for n in EVERY_KIND.nodes.values()} == set(KINDS)
    for node_id, cls in CLASSES.items():
        assert type(EVERY_KIND.nodes[node_id]) is cls, node_id


@pytest.mark.parametrize(
    ("node_id", "answer", "target"),
    [
        ("q", "on", "s"),
        ("s", "solved", "i"),
        ("i", "Maija", "c"),
        ("c", "pass", "n"),
        ("c", "skipped", "n"),
        ("n", "ok", "r"),
    ],
)
def test_every_answered_kind_routes(node_id: str, answer: str, target: str) -> None:
    node = EVERY_KIND.nodes[node_id]
    assert route(node, answer) == target
    assert target in targets(node)


@pytest.mark.parametrize("node_id", ["r", "e"])
def test_a_tree_node_and_an_end_take_no_answer(node_id: str) -> None:
    with pytest.raises(AnswerError, match="takes no answer"):
        route(EVERY_KIND.nodes[node_id], "ok")


def test_a_walk_passes_every_kind_and_through_the_sub_tree_to_the_end() -> None:
    from fixit.engine import Answer

    engine = Engine({"every": EVERY_KIND, "sub": SUB}, "every")
    given = [("q", "on"), ("s", "solved"), ("i", "Maija"), ("c", "pass"), ("n", "ok")]
    walk = engine.walk([Answer(node, value) for node, value in given])
    assert walk.finished and walk.outcome == "resolved"
    assert walk.path == ("q", "s", "i", "c", "n", "r", "sub/done", "e")
    assert walk.fields == {"who": "Maija"}


def test_the_json_form_is_one_shape_for_every_kind_and_reads_back() -> None:
    shapes = {tuple(node_to_json(n)) for n in EVERY_KIND.nodes.values()}
    assert len(shapes) == 1
    assert tree_from_json(tree_to_json(EVERY_KIND)) == EVERY_KIND
    step = node_to_json(EVERY_KIND.nodes["s"])
    with pytest.raises(TypeError):  # a key of another kind, with a value: not a step any more
        node_from_json({**step, "goto": "e"})
    with pytest.raises(KeyError):
        node_from_json({**step, "kind": "teleport"})


MISSES_A_KIND = """\
from fixit.compat import assert_never
from fixit.trees.nodes import Check, End, Info, Input, Node, Question, Run, Step


def describe(node: Node) -> str:
    match node:
        case Question() | Step() | Check() | Input() | Info() | Run():
            return node.id
        case _:
            assert_never(node)
"""


def test_a_match_that_forgets_a_kind_fails_type_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What makes "mypy names every place a new kind must touch" true."""
    module = tmp_path / "forgets.py"
    module.write_text(MISSES_A_KIND)
    src = Path(__file__).resolve().parents[2] / "src"
    monkeypatch.setenv("MYPYPATH", str(src))
    cache = str(tmp_path / "cache")
    args = ["--strict", "--python-version", "3.10", "--config-file", "", "--cache-dir", cache]
    out, _, code = mypy_api.run([*args, str(module)])
    assert code == 1, out
    assert 'Argument 1 to "assert_never" has incompatible type "End"' in out, out
