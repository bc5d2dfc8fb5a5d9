"""`fixit trees graph --stats`: the figures of `fixit stats --json` laid over the drawn trees,
summed over the tree's versions, a sub-tree's nodes (`sub/node`) on its own box, and whatever
shape the JSON has never an error."""

from __future__ import annotations

from typing import Any

import pytest

from fixit.flows.graph import Subject, apply_figures
from fixit.i18n import Messages
from fixit.trees.draw import Marks
from fixit.trees.model import Choice, Tree
from fixit.trees.nodes import End, Question, Run, Step


def subject() -> Subject:
    root_nodes = [
        Question(
            id="ask", choices=(Choice("a", {"en": "A"}, "fix"), Choice("b", {"en": "B"}, "net"))
        ),
        Step(id="fix", solved="done", unsolved="net"),
        Run(id="net", tree="sub", on={"resolved": "done"}),
        End(id="done", outcome="resolved"),
    ]
    sub_nodes = [Step(id="cable", solved="ok", unsolved="ok"), End(id="ok", outcome="resolved")]
    trees = {
        "root": Tree("root", 2, {"en": "Root"}, "ask", {n.id: n for n in root_nodes}),
        "sub": Tree("sub", 1, {"en": "Sub"}, "cable", {n.id: n for n in sub_nodes}),
    }
    return Subject(trees, "root", Marks())


def node(nid: str, views: int, solved: int = 0, abandoned: int = 0, **answers: int) -> Any:
    return {"id": nid, "views": views, "solved": solved, "abandoned": abandoned, "answers": answers}


def test_figures_are_summed_over_versions_and_sub_tree_nodes_go_to_their_box() -> None:
    s = subject()
    data = {
        "schema_version": 1,
        "trees": [
            {
                "id": "root",
                "version": 1,
                "sessions": 3,
                "nodes": [node("ask", 3, a=2, b=1), node("fix", 2, solved=1, unsolved=1)],
            },
            {
                "id": "root",
                "version": 2,
                "sessions": 1,
                "nodes": [
                    node("ask", 1, abandoned=1),
                    node("sub/cable", 1, solved=1),
                    node("gone", 5),
                ],
            },
            {"id": "sub", "version": 1, "sessions": 9, "nodes": [node("cable", 9)]},
        ],
    }
    apply_figures(s, data, Messages("en"))
    assert s.marks.figures["root"] == {
        "ask": "4 views, 1 gave up here",
        "fix": "2 views, 50% solved",
    }
    assert s.marks.figures["sub"] == {"cable": "1 view, 100% solved"}  # the root's sessions only
    assert s.marks.answers["root"][("ask", "a")] == 2
    assert s.marks.answers["root"][("fix", "unsolved")] == 1
    assert s.marks.stats_about == "4 recorded sessions"


def test_finnish_figures() -> None:
    s = subject()
    data = {"trees": [{"id": "root", "sessions": 2, "nodes": [node("fix", 2, solved=1)]}]}
    apply_figures(s, data, Messages("fi"))
    assert s.marks.figures["root"]["fix"] == "2 näyttökertaa, ratkaisi 50 %"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"trees": None},
        {"trees": "root"},
        {"trees": [None, 3, "x", []]},
        {"trees": [{"id": "root", "sessions": "many", "nodes": {"ask": 1}}]},
        {"trees": [{"id": "root", "sessions": -4, "nodes": [None, {"id": None}, {"views": 3}]}]},
        {"trees": [{"id": "root", "nodes": [{"id": "ask", "views": True, "answers": [1, 2]}]}]},
        {"trees": [{"id": "root", "nodes": [{"id": "ask", "views": 1.5, "answers": {"a": "x"}}]}]},
        {"trees": [{"id": "root", "nodes": [{"id": "x/y/z/ask", "views": 1}]}]},
    ],
)
def test_any_json_shape_is_read_without_an_error(data: Any) -> None:
    s = subject()
    apply_figures(s, data, Messages("en"))
    assert all(
        line.startswith(("0 views", "1 view"))
        for f in s.marks.figures.values()
        for line in f.values()
    )
