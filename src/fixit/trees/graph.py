"""The node graph of a tree as written: unreachable nodes, loops and dead ends.

It is read from the positioned YAML values, not from the validated model, so graph problems are
found in the same run as schema problems: a node that could not be read still has the gotos
written in it, and a node whose routing is itself wrong is given the benefit of the doubt (it
may lead to an end once fixed) rather than reported twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fixit.compat import assert_never
from fixit.i18n import _
from fixit.trees.model import Tree
from fixit.trees.nodes import Kind, as_kind
from fixit.trees.yamlsafe import Map, Problem, Scalar, Seq, Value, is_null

# keys whose value names the next node
TARGET_KEYS = ("solved", "unsolved", "goto", "fallback")


def routing_keys(kind: Kind) -> tuple[str, ...]:
    """The keys a kind of node must have to route at all."""
    match kind:
        case "question":
            return ("choices",)
        case "step":
            return ("solved", "unsolved")
        case "check":
            return ("on", "fallback")
        case "input" | "info":
            return ("goto",)
        case "tree":
            return ("on",)
        case "end":
            return ()
        case _:
            assert_never(kind)


@dataclass(frozen=True)
class GraphNode:
    """One node as written: where its id is, where it can go, and how far it can be judged."""

    key: Scalar
    edges: tuple[str, ...]
    terminal: bool  # an end, or a tree node (the sub-tree ends it)
    sure: bool  # read well enough to judge whether it reaches an end


def _pairs(m: Map) -> Iterator[tuple[str, Value]]:
    """A mapping's entries, with those set aside as duplicates (they were written too)."""
    yield from m.items.items()
    for key, value in m.dropped:
        if isinstance(key, Scalar):
            yield key.value, value


def target_scalars(node: Map) -> list[Scalar]:
    """Every scalar in a node that names a next node: gotos, routes and choices' gotos."""
    found: list[Value] = []
    for key, value in _pairs(node):
        if key in TARGET_KEYS:
            found.append(value)
        elif key == "on" and isinstance(value, Map):
            found += [v for _, v in _pairs(value)]
        elif key == "choices" and isinstance(value, Seq):
            found += [
                c.items["goto"] for c in value.items if isinstance(c, Map) and "goto" in c.items
            ]
    return [v for v in found if isinstance(v, Scalar) and not is_null(v)]


def _routes_fully(node: Map, kind: Kind) -> bool:
    """Whether every routing key the kind needs is written, in a form that can route."""
    items = node.items
    if any(key not in items for key in routing_keys(kind)):
        return False
    on = items.get("on")
    if on is not None and not (isinstance(on, Map) and on.items):
        return False
    choices = items.get("choices")
    if kind == "question" and isinstance(choices, Seq):
        return bool(choices.items) and all(
            isinstance(c, Map) and "goto" in c.items for c in choices.items
        )
    return kind != "question"


def read_graph(nodes: Map) -> dict[str, GraphNode]:
    """The graph of a tree's `nodes` mapping as written."""
    out: dict[str, GraphNode] = {}
    known = set(nodes.items)
    twice = {k.value for k, _ in nodes.dropped if isinstance(k, Scalar)}
    for node_id, value in nodes.items.items():
        key = nodes.keys[node_id]
        if not isinstance(value, Map):
            out[node_id] = GraphNode(key, (), False, False)
            continue
        edges = [t.value for t in target_scalars(value)]
        for dup, other in nodes.dropped:  # a node written twice: either may be meant
            if isinstance(dup, Scalar) and dup.value == node_id and isinstance(other, Map):
                edges += [t.value for t in target_scalars(other)]
        kind_value = value.items.get("kind")
        kind = as_kind(kind_value.value) if isinstance(kind_value, Scalar) else None
        sure = (
            kind is not None
            and not value.dropped
            and node_id not in twice
            and all(e in known for e in edges)
            and _routes_fully(value, kind)
        )
        out[node_id] = GraphNode(key, tuple(edges), kind in ("end", "tree"), sure)
    return out


def _reach(graph: dict[str, GraphNode], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        node_id = todo.pop()
        if node_id in seen or node_id not in graph:
            continue
        seen.add(node_id)
        todo.extend(graph[node_id].edges)
    return seen


def _can_end(graph: dict[str, GraphNode]) -> set[str]:
    """Nodes with a way to an end; a node that cannot be judged is taken to have one."""
    can_end = {i for i, n in graph.items() if n.terminal or not n.sure}
    leads_here: dict[str, list[str]] = {}  # walked backwards from the ends: once a node
    for node_id, node in graph.items():
        for target in node.edges:
            leads_here.setdefault(target, []).append(node_id)
    todo = list(can_end)
    while todo:
        for before in leads_here.get(todo.pop(), ()):
            if before not in can_end:
                can_end.add(before)
                todo.append(before)
    return can_end


def graph_problems(root: Value, name: str) -> list[Problem]:
    """Unreachable nodes, and nodes with no way to an end node, at the node's id."""
    if not isinstance(root, Map) or not isinstance(root.items.get("nodes"), Map):
        return []
    nodes = root.items["nodes"]
    assert isinstance(nodes, Map)
    graph = read_graph(nodes)
    start = root.items.get("start")
    problems: list[Problem] = []
    judged = set(graph)
    if isinstance(start, Scalar) and start.value in graph:
        judged = _reach(graph, start.value)
        for node_id, node in graph.items():
            if node_id not in judged:
                message = _("node {node} is unreachable from the start", node=repr(node_id))
                problems.append(Problem(name, node.key.line, node.key.col, message))
    can_end = _can_end(graph)
    for node_id, node in graph.items():
        if node_id in judged and node_id not in can_end:
            if node.edges:
                msg = _(
                    "node {node} is in a loop with no way out to an end node", node=repr(node_id)
                )
            else:  # pragma: no cover - a node that routes fully always has an edge
                msg = _("node {node} is a dead end but not an end node", node=repr(node_id))
            problems.append(Problem(name, node.key.line, node.key.col, msg))
    return problems


def with_subtrees(root: Tree, lookup: Callable[[str], Tree]) -> dict[str, Tree]:
    """The root tree and every tree it runs, transitively."""
    out = {root.id: root}
    todo = list(root.subtrees())
    while todo:
        tid = todo.pop()
        if tid not in out:
            out[tid] = lookup(tid)
            todo += out[tid].subtrees()
    return out
