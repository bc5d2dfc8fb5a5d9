"""A tree of 10,000 nodes on the way to its first prompt: validated, counted and stored without
recursion past Python's limit or work that grows with the square of its size."""

from __future__ import annotations

import time

from fixit import tree_store
from fixit.remaining import steps_left
from fixit.trees.graph import GraphNode, _can_end
from fixit.trees.model import Tree, tree_from_json
from fixit.trees.validate import check_text
from fixit.trees.yamlsafe import Scalar

NODES = 10_000


def chain_yaml(nodes: int = NODES) -> str:
    """A tree whose nodes are one long chain of info nodes, written start first: the order
    that made every pass of the old fixed-point loop find one more node."""
    lines = ["format: 1", "id: chain", "version: 1", "title: {en: A long chain}", "start: n0"]
    lines.append("nodes:")
    for i in range(nodes - 1):
        after = f"n{i + 1}" if i + 2 < nodes else "done"
        lines.append(f"  n{i}: {{kind: info, text: {{en: Step {i}.}}, goto: {after}}}")
    lines.append("  done: {kind: end, outcome: resolved, text: {en: Done.}}")
    return "\n".join(lines) + "\n"


def chain() -> Tree:
    tree, problems = check_text(chain_yaml(), "chain.yaml", "chain")
    assert tree is not None and problems == []
    return tree


def test_a_chain_of_ten_thousand_nodes_validates_and_counts_its_steps() -> None:
    tree = chain()
    assert len(tree.nodes) == NODES
    trees = {"chain": tree}
    assert steps_left(trees, ("chain",), (), "n0", True) == NODES - 1  # no RecursionError
    assert steps_left(trees, ("chain",), ("n0",), "n5000", True) == NODES - 1 - 5000


def test_which_nodes_can_end_is_found_in_one_walk_back() -> None:
    n = 20_000  # the fixed-point loop took n passes over n nodes: minutes
    key = Scalar("x", "tag:yaml.org,2002:str", True, 1, 1)
    graph = {f"n{i}": GraphNode(key, (f"n{i + 1}",), False, True) for i in range(n)}
    graph[f"n{n}"] = GraphNode(key, (), True, True)
    graph["stuck"] = GraphNode(key, ("stuck",), False, True)
    started = time.perf_counter()
    can_end = _can_end(graph)
    assert time.perf_counter() - started < 5
    assert can_end == set(graph) - {"stuck"}


def test_a_large_tree_is_stored_once_and_read_back_whole() -> None:
    tree = chain()
    digest = tree_store.put(tree)
    assert tree_store.put(tree) == digest
    assert tree_from_json(tree_store.read(digest)) == tree
