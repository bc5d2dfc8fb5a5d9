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


Key = tuple[str, str]  # (tree id, node id)


class Counter:
    """Longest ways to an end, in screens, over a root tree and the trees it runs.

    Walked with a stack of its own, not by recursion: a chain of thousands of nodes would
    exceed Python's recursion limit. Each node is counted once, whichever node is asked about."""

    def __init__(self, trees: Mapping[str, Tree], checks_on: bool) -> None:
        self.trees = trees
        self.checks_on = checks_on
        self._memo: dict[Key, int] = {}

    def longest(self, tree_id: str, node_id: str) -> int:
        """The most screens from `node_id` (itself included) to its tree's end."""
        first = (tree_id, node_id)
        memo = self._memo
        if first in memo:
            return memo[first]
        on_way = {first}
        stack = [(first, *self._needs(first), 0)]
        while stack:
            key, own, run, needs, at = stack[-1]
            while at < len(needs) and needs[at] in memo:
                at += 1
            if at < len(needs):  # count what it needs first
                need = needs[at]
                if need in on_way:
                    raise _Loop
                stack[-1] = (key, own, run, needs, at + 1)
                on_way.add(need)
                stack.append((need, *self._needs(need), 0))
                continue
            stack.pop()
            on_way.discard(key)
            if run:  # the sub-tree's screens, then the most of where it leads
                memo[key] = memo[needs[0]] + max((memo[n] for n in needs[1:]), default=0)
            else:
                memo[key] = own + max((memo[n] for n in needs), default=0)
        return memo[first]

    def _needs(self, key: Key) -> tuple[int, bool, list[Key]]:
        """A node's own screens (one, none for an end, a tree node, or a check while checks
        are off), whether it is a tree node, and the nodes its count is made of."""
        tree_id, node_id = key
        node = self.trees[tree_id].nodes[node_id]
        match node:
            case End():
                return 0, False, []
            case Run():
                sub = self.trees[node.tree]
                return 0, True, [(sub.id, sub.start), *((tree_id, t) for t in node.on.values())]
            case Question() | Step() | Input() | Info() | Check():
                own = not isinstance(node, Check) or self.checks_on  # a check: while checks run
                return int(own), False, [(tree_id, t) for t in _successors(node, self.checks_on)]
            case _:
                assert_never(node)

    def after(self, tree_id: str, tree_node: Run) -> int:
        """The most screens once the tree a `tree` node runs has ended."""
        return max((self.longest(tree_id, t) for t in tree_node.on.values()), default=0)


_last: tuple[Mapping[str, Tree], bool, Counter] | None = None  # the session's trees: one count


def _counter(trees: Mapping[str, Tree], checks_on: bool) -> Counter:
    """The counter of these trees, kept from the screen before: the trees of a session do not
    change while it runs (a rebase makes new ones), so each node is counted once a session."""
    global _last
    if _last is None or _last[0] is not trees or _last[1] != checks_on:
        _last = (trees, checks_on, Counter(trees, checks_on))
    return _last[2]


def steps_left(
    trees: Mapping[str, Tree],
    frames: tuple[str, ...],
    path: tuple[str, ...],
    qid: str,
    checks_on: bool,
) -> int | None:
    """At most how many steps are left from the node `qid` (the one about to be shown), given
    the walk's tree frames and path; None when a loop makes any number possible."""
    counter = _counter(trees, checks_on)
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
