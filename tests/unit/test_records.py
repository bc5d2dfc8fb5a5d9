"""Node kinds and journal events take repr, equality and hash from `Record` (records.py): each
behaves exactly as the `@dataclass(frozen=True)` it replaces, compared over recorded journals
and the shipped trees."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from fixit import paths
from fixit.events import Back, Event, Start, event_from_json
from fixit.trees.library import tree_files
from fixit.trees.nodes import Choice, Node, Question
from fixit.trees.validate import check_file

DATA = Path(__file__).resolve().parent.parent / "data"


def _events() -> list[Event]:
    found = []
    for journal in sorted((DATA / "journals").glob("*.jsonl")):
        for line in journal.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(event_from_json(json.loads(line)))
    return found


def _nodes() -> list[Node | Choice]:
    found: list[Node | Choice] = []
    for path in tree_files(paths.shipped_trees_dir(), "shipped"):
        tree, problems = check_file(path)
        assert tree is not None, problems
        for node in tree.nodes.values():
            found.append(node)
            found += node.choices if isinstance(node, Question) else ()
    return found


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


VALUES: list[Any] = _events() + _nodes()


def test_every_kind_is_compared() -> None:
    kinds = {type(v).__name__ for v in VALUES}
    assert {"Start", "Answer", "Back", "Note", "Check", "Caller", "Rebase", "End"} <= kinds
    assert {"Question", "Step", "Input", "Info", "End", "Choice"} <= kinds


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
