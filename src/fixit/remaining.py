"""At most how many steps are left: the "Step 3 of at most 7" a screen reader user (and anyone
else) can plan by. Pure: trees in, a number out."""

from __future__ import annotations

from collections.abc import Mapping

from fixit.compat import assert_never
from fixit.trees.model import Node, Tree
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step, targets


class _Loop(Exception):
    """A way back to a node already on the way: no upper bound."""


def _successors(node: Node, checks_on: bool) -> list[str]:
    if isinstance(node, Check) and not checks_on:
        return [node.fallback] if node.fallback else []
    return targets(node)


class Counter:
    """Longest ways to an end, in screens, over a root tree and the trees it runs."""

    def __init__(self, trees: Mapping[str, Tree], checks_on: bool) -> None:
        self.trees = trees
        self.checks_on = checks_on
        self._memo: dict[tuple[str, str], int] = {}
        self._on_way: set[tuple[str, str]] = set()

    def longest(self, tree_id: str, node_id: str) -> int:
        """The most screens from `node_id` (itself included) to its tree's end."""
        key = (tree_id, node_id)
        if key in self._memo:
            return self._memo[key]
        if key in self._on_way:
            raise _Loop
        self._on_way.add(key)
        node = self.trees[tree_id].nodes[node_id]
        match node:
            case End():
                count = 0
            case Run():
                sub = self.trees[node.tree]
                count = self.longest(sub.id, sub.start) + self.after(tree_id, node)
            case Question() | Step() | Input() | Info() | Check():
                own = not isinstance(node, Check) or self.checks_on  # a check: while checks run
                nexts = [self.longest(tree_id, t) for t in _successors(node, self.checks_on)]
                count = int(own) + max(nexts, default=0)
            case _:
                assert_never(node)
        self._on_way.discard(key)
        self._memo[key] = count
        return count

    def after(self, tree_id: str, tree_node: Run) -> int:
        """The most screens once the tree a `tree` node runs has ended."""
        return max((self.longest(tree_id, t) for t in tree_node.on.values()), default=0)


def steps_left(
    trees: Mapping[str, Tree],
    frames: tuple[str, ...],
    path: tuple[str, ...],
    qid: str,
    checks_on: bool,
) -> int | None:
    """At most how many steps are left from the node `qid` (the one about to be shown), given
    the walk's tree frames and path; None when a loop makes any number possible."""
    counter = Counter(trees, checks_on)
    node_id = qid.rsplit("/", 1)[-1]
    try:
        total = counter.longest(frames[-1], node_id)
        for level in range(len(frames) - 1):  # each enclosing tree goes on after its sub-tree
            prefix = "".join(f"{t}/" for t in frames[1 : level + 1])
            launcher = _launcher(trees[frames[level]], frames[level + 1], prefix, path)
            if launcher is not None:
                total += counter.after(frames[level], launcher)
    except _Loop:
        return None
    return total


def _launcher(tree: Tree, sub_id: str, prefix: str, path: tuple[str, ...]) -> Run | None:
    """The `tree` node of `tree` (at `prefix`) that the path last went through into `sub_id`."""
    for step in reversed(path):
        rest = step[len(prefix) :] if step.startswith(prefix) else ""
        node = tree.nodes.get(rest) if rest and "/" not in rest else None
        if isinstance(node, Run) and node.tree == sub_id:
            return node
    return None
