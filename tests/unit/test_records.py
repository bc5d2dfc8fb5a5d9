"""The values that take repr, equality and hash from `Record` (records.py): each behaves exactly
as the `@dataclass(frozen=True)` it replaces, compared over recorded journals, the shipped trees
(their nodes, summaries and parsed YAML), an engine's walk and a file's problems."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from fixit import paths
from fixit.engine import Answer as Given
from fixit.engine import Engine, State
from fixit.events import Back, Event, Start
from fixit.events_read import event_from_json
from fixit.i18n import Msg, _
from fixit.trees.library import tree_files
from fixit.trees.model import summarize
from fixit.trees.nodes import Question
from fixit.trees.validate import check_file
from fixit.trees.yamlsafe import Map, Problem, Value, load_file

DATA = Path(__file__).resolve().parent.parent / "data"


def _events() -> list[Event]:
    found = []
    for journal in sorted((DATA / "journals").glob("*.jsonl")):
        for line in journal.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(event_from_json(json.loads(line)))
    return found


def _nodes() -> list[Any]:
    """Every node and choice of the shipped trees, each tree and its summary."""
    found: list[Any] = []
    for path in tree_files(paths.shipped_trees_dir(), "shipped"):
        tree, problems = check_file(path)
        assert tree is not None, problems
        found += [tree, summarize(tree)]
        for node in tree.nodes.values():
            found.append(node)
            found += node.choices if isinstance(node, Question) else ()
    return found


def _yaml_values(value: Value) -> list[Any]:
    """A parsed file's values, all the way down."""
    inner = value.items.values() if isinstance(value, Map) else getattr(value, "items", [])
    return [value, *(v for item in inner for v in _yaml_values(item))]


def _walks() -> list[Any]:
    """The engine's values: answers, the states holding them, and where they lead."""
    tree, problems = check_file(paths.shipped_trees_dir() / "computer-wont-start.yaml")
    assert tree is not None, problems
    engine = Engine({tree.id: tree}, tree.id)
    answers: list[Given] = []
    found: list[Any] = [engine.walk([])]
    while (walk := found[-1]).node is not None and isinstance(walk.node, Question):
        answers.append(Given(walk.qid, walk.node.choices[0].id))
        found += [answers[-1], State(tuple(answers), len(answers)), engine.walk(answers)]
    nul = _("the file contains a NUL byte")
    problem = Problem("f.yaml", 2, 3, nul)
    plural = Msg("{n} step", {"n": 2}, plural="{n} steps", n=2)
    messages = [nul, Msg("{n} of {m}", {"n": 1, "m": nul}), plural, Msg("x", context="c")]
    return [*found, problem, Problem("f.yaml", 2, 3, "as written"), *messages]


_TWINS: dict[type, Any] = {}


def _as_dataclass(value: Any) -> Any:
    """The same value as a plain `@dataclass(frozen=True)` of the same name and fields (one
    such class for each class)."""
    own = dataclasses.fields(value)
    if type(value) not in _TWINS:
        _TWINS[type(value)] = dataclasses.make_dataclass(
            type(value).__qualname__, [(f.name, f.type) for f in own], frozen=True, kw_only=True
        )
    return _TWINS[type(value)](**{f.name: getattr(value, f.name) for f in own})


VALUES: list[Any] = (
    _events()
    + _nodes()
    + _walks()
    + _yaml_values(load_file(paths.shipped_trees_dir() / "no-internet.yaml"))
)


def test_every_kind_is_compared() -> None:
    kinds = {type(v).__name__ for v in VALUES}
    assert {"Start", "Answer", "Back", "Note", "Check", "Caller", "Rebase", "End"} <= kinds
    assert {"Question", "Step", "Input", "Info", "End", "Choice", "Tree", "Summary"} <= kinds
    assert {"Walk", "State", "Problem", "Map", "Seq", "Scalar", "Msg"} <= kinds


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_repr_and_hash_are_a_dataclass_s(value: Any) -> None:
    twin = _as_dataclass(value)
    assert repr(value) == repr(twin)
    try:
        expected: int | None = hash(twin)
    except TypeError:  # a dict among the fields: unhashable, as a dataclass would be
        expected = None
    if expected is None:
        with pytest.raises(TypeError):
            hash(value)
    else:
        assert hash(value) == expected


def test_equal_exactly_when_a_dataclass_would_be() -> None:
    twins = {id(v): _as_dataclass(v) for v in VALUES}
    # the same class, the same fields: equal; a field apart or another class: not
    for a in VALUES[:60]:
        for b in VALUES:
            assert (a == b) == (twins[id(a)] == twins[id(b)])
            assert (a != b) == (twins[id(a)] != twins[id(b)])
    assert Back("x") == Back("x") and Back("x") != Back("y") and Back("x") != "x"
    assert hash(Start("t", 1, "self")) == hash(Start("t", 1, "self"))


def test_still_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Back("x").at = "y"  # type: ignore[misc]
    node = _nodes()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.id = "other"  # type: ignore[misc]
