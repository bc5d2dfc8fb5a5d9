"""A tree as a drawing: boxes, arrows and clusters with plain-text labels, before any format.

The drawing holds what `fixit trees graph` shows — each node's shape (its kind), its text in the
tree's language, where it leads, the sub-trees it runs as clusters — and the marks laid over it:
a session's path, what the tree tests never reach, and how often people pass each node. Labels
here are plain text made visible (controls and bidi overrides shown, never obeyed: see
`draw_words.py`); `draw_mermaid.py` and `draw_dot.py` escape them, each for its format. Ids
are never the tree's own: every box gets a generated one (`n1`, `n2`, …), so a node called
`end`, `graph` or `a"b` draws like any other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fixit.i18n import Messages
from fixit.labels import OUTCOME
from fixit.trees.draw_words import (
    KIND,
    LEGEND,
    WIDTH,
    edge_words,
    node_detail,
    plain_lines,
)
from fixit.trees.language import shown_language
from fixit.trees.model import Tree, localize
from fixit.trees.nodes import End, Node, Run


@dataclass(frozen=True)
class Box:
    """A node to draw: its generated id, kind, label lines and the marks on it."""

    key: str
    kind: str  # a node kind, "start", or "legend"
    lines: tuple[str, ...]
    marks: frozenset[str] = frozenset()  # outcome.X, path, stopped, uncovered


@dataclass(frozen=True)
class Arrow:
    """An edge: from box to box, its label lines; `link` goes into a sub-tree it runs."""

    src: str
    dst: str
    lines: tuple[str, ...] = ()
    link: bool = False
    marks: frozenset[str] = frozenset()  # path, uncovered


@dataclass(frozen=True)
class Cluster:
    """A sub-tree (or the legend) drawn in a box of its own."""

    key: str
    title: tuple[str, ...]
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Drawing:
    """Everything one graph shows, in the order it is written."""

    boxes: tuple[Box, ...]
    clusters: tuple[Cluster, ...]
    arrows: tuple[Arrow, ...]
    legend: Cluster | None = None


@dataclass
class Marks:
    """What is laid over the tree, per tree id: nodes and edges (node id pairs) of a session's
    path, where it stopped, what tests reach (None: no coverage shown), and node figures."""

    path_nodes: dict[str, set[str]] = field(default_factory=dict)
    path_edges: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    stopped: tuple[str, str] | None = None
    session: str | None = None
    covered_nodes: dict[str, set[str]] | None = None
    covered_edges: dict[str, set[tuple[str, str]]] | None = None
    #: tree id -> node id -> one line of figures (views, share solved)
    figures: dict[str, dict[str, str]] = field(default_factory=dict)
    #: tree id -> (node id, answer) -> how often it was given
    answers: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    stats_about: str | None = None  # what the figures count, for the legend


def draw(
    trees: Mapping[str, Tree],
    root: str,
    lang: str,
    msgs: Messages,
    marks: Marks | None = None,
    legend: bool = True,
) -> Drawing:
    """The drawing of `root` and every tree it runs (each once, as a cluster), in `lang` or the
    language each tree falls back to (`shown_language`), with `marks` laid over it."""
    marks = marks or Marks()
    order = _tree_order(trees, root)
    keys: dict[tuple[str, str], str] = {}
    for tid in order:
        for nid in trees[tid].nodes:
            keys[(tid, nid)] = f"n{len(keys) + 1}"
    start = Box("n0", "start", plain_lines(msgs(LEGEND["start"])))
    groups = {tid: _boxes(trees[tid], keys, lang, msgs, marks) for tid in order}
    arrows = [Arrow("n0", keys[(root, trees[root].start)])]
    for tid in order:
        arrows += _arrows(trees[tid], trees, keys, lang, msgs, marks)
    clusters = tuple(
        Cluster(f"c{i}", _title(trees[tid], lang), groups[tid])
        for i, tid in enumerate(order[1:], 1)
    )
    used = {b.kind for g in groups.values() for b in g}
    used |= {m for g in groups.values() for b in g for m in b.marks if m.startswith("outcome.")}
    return Drawing(
        (start, *groups[root]),
        clusters,
        tuple(arrows),
        _legend(used, msgs, marks) if legend else None,
    )


def _tree_order(trees: Mapping[str, Tree], root: str) -> list[str]:
    """The root, then the trees it runs in the order their `tree` nodes come."""
    order = [root]
    for tid in order:
        for node in trees[tid].nodes.values():
            if isinstance(node, Run) and node.tree in trees and node.tree not in order:
                order.append(node.tree)
    return order


def _title(tree: Tree, lang: str) -> tuple[str, ...]:
    shown = shown_language(tree.languages, lang)
    return plain_lines(f"{localize(tree.title, shown)} ({tree.id})", width=60)


def _boxes(
    tree: Tree, keys: Mapping[tuple[str, str], str], lang: str, msgs: Messages, marks: Marks
) -> tuple[Box, ...]:
    shown = shown_language(tree.languages, lang)
    out = []
    for node in tree.nodes.values():
        text = localize(node.text, shown)
        lines = plain_lines(text) if text.strip() else ()
        detail = " · ".join([node.id, *node_detail(node, msgs)])
        lines += plain_lines(detail, width=WIDTH + 10)
        figures = marks.figures.get(tree.id, {}).get(node.id)
        if figures:
            lines += plain_lines(figures, width=WIDTH + 10)
        out.append(Box(keys[(tree.id, node.id)], node.kind, lines, _node_marks(tree, node, marks)))
    return tuple(out)


def _node_marks(tree: Tree, node: Node, marks: Marks) -> frozenset[str]:
    out = {f"outcome.{node.outcome}"} if isinstance(node, End) else set()
    if node.id in marks.path_nodes.get(tree.id, ()):
        out.add("path")
    if marks.stopped == (tree.id, node.id):
        out.add("stopped")
    if marks.covered_nodes is not None and node.id not in marks.covered_nodes.get(tree.id, ()):
        out.add("uncovered")
    return frozenset(out)


def _arrows(
    tree: Tree,
    trees: Mapping[str, Tree],
    keys: Mapping[tuple[str, str], str],
    lang: str,
    msgs: Messages,
    marks: Marks,
) -> list[Arrow]:
    """A tree's arrows: one per pair of nodes (the words of every way between them joined by
    " / ", as a label may hold a comma), and from each `tree` node a dotted one into the
    sub-tree it runs."""
    shown = shown_language(tree.languages, lang)
    counts = marks.answers.get(tree.id, {})
    out: list[Arrow] = []
    for node in tree.nodes.values():
        joined: dict[str, list[str]] = {}
        for target, answer, words in edge_words(node, shown, msgs):
            n = counts.get((node.id, answer))
            words = f"{words} ({n})" if n is not None and words else (f"{n}" if n else words)
            joined.setdefault(target, []).append(words)
        for target, all_words in joined.items():
            lines = plain_lines(" / ".join(w for w in all_words if w), width=WIDTH)
            lines = lines if lines != ("",) else ()
            edge = (node.id, target)
            out.append(
                Arrow(
                    keys[(tree.id, node.id)],
                    keys[(tree.id, target)],
                    lines,
                    marks=_edge_marks(tree.id, edge, marks),
                )
            )
        if isinstance(node, Run) and node.tree in trees:
            sub = trees[node.tree]
            inner = _node_marks(tree, node, marks) & {"path", "uncovered"}
            out.append(
                Arrow(keys[(tree.id, node.id)], keys[(sub.id, sub.start)], link=True, marks=inner)
            )
    return out


def _edge_marks(tid: str, edge: tuple[str, str], marks: Marks) -> frozenset[str]:
    out = set()
    if edge in marks.path_edges.get(tid, ()):
        out.add("path")
    if marks.covered_edges is not None and edge not in marks.covered_edges.get(tid, ()):
        out.add("uncovered")
    return frozenset(out)


def _legend(used: set[str], msgs: Messages, marks: Marks) -> Cluster:
    """One box per kind of node drawn (an end per outcome) and per mark laid over them, each
    saying what it means."""
    boxes: list[Box] = []

    def add(kind: str, text: str, *marked: str) -> None:
        boxes.append(Box(f"l{len(boxes) + 1}", kind, plain_lines(text), frozenset(marked)))

    for kind in KIND:
        if kind in used and kind != "end":
            add(kind, msgs(KIND[kind]))
    for outcome, label in OUTCOME.items():  # the outcomes the trees end with
        if f"outcome.{outcome}" in used:
            add("end", f"{msgs(KIND['end'])}: {msgs(label)}", f"outcome.{outcome}")
    if "tree" in used:
        add("legend", msgs(LEGEND["runs"]))
    if marks.session is not None:
        add("legend", msgs(LEGEND["path"], session=marks.session), "path")
        add("legend", msgs(LEGEND["stopped"]), "stopped")
    if marks.covered_nodes is not None:
        add("legend", msgs(LEGEND["uncovered"]), "uncovered")
    if marks.stats_about is not None:
        add("legend", msgs(LEGEND["stats"], sessions=marks.stats_about))
    return Cluster("legend", plain_lines(msgs(LEGEND["title"])), tuple(boxes))
