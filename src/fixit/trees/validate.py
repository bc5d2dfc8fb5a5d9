"""Graph rules of tree format 1 and the whole-file validation entry point."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from fixit.trees.model import Summary, Tree
from fixit.trees.schema import read_tree
from fixit.trees.yamlsafe import Problem, YamlError, decode, parse_text, read_bytes


def graph_problems(tree: Tree) -> list[Problem]:
    """Unreachable nodes and nodes with no way to an end node."""
    problems: list[Problem] = []
    nodes = tree.nodes
    seen: set[str] = set()
    todo = [tree.start]
    while todo:
        node_id = todo.pop()
        if node_id in seen or node_id not in nodes:
            continue
        seen.add(node_id)
        todo.extend(nodes[node_id].targets())
    for node in nodes.values():
        if node.id not in seen:
            problems.append(
                Problem(
                    tree.source, node.line, 1, f"node {node.id!r} is unreachable from the start"
                )
            )
    can_end = {n.id for n in nodes.values() if n.kind == "end" or n.kind == "tree"}
    changed = True
    while changed:
        changed = False
        for node in nodes.values():
            if node.id not in can_end and any(t in can_end for t in node.targets()):
                can_end.add(node.id)
                changed = True
    for node in nodes.values():
        if node.id in seen and node.id not in can_end:
            if node.targets():
                msg = f"node {node.id!r} is in a loop with no way out to an end node"
            else:
                msg = f"node {node.id!r} is a dead end but not an end node"
            problems.append(Problem(tree.source, node.line, 1, msg))
    return problems


def check_text(text: str, name: str, stem: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Validate a tree's YAML text: safe parse, schema, graph. Never raises on bad input."""
    try:
        root = parse_text(text, name)
    except YamlError as exc:
        return None, [exc.problem]
    tree, problems = read_tree(root, name, stem)
    if tree is None:
        return None, problems
    problems = graph_problems(tree)
    if problems:
        return None, problems
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _with(tree, digest=digest), []


def check_file(path: Path) -> tuple[Tree | None, list[Problem]]:
    """Validate one tree file; the id must match the file name."""
    try:
        text = decode(read_bytes(path), str(path))
    except YamlError as exc:
        return None, [exc.problem]
    return check_text(text, str(path), _stem(path))


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _with(tree: Tree, **changes: str) -> Tree:
    from dataclasses import replace

    return replace(tree, **changes)  # type: ignore[arg-type]


def library_problems(
    trees: Mapping[str, Summary], only: Iterable[str] | None = None
) -> list[Problem]:
    """Rules across trees: `tree` nodes name loaded trees; no cycles of trees running trees."""
    problems: list[Problem] = []
    wanted = set(only) if only is not None else set(trees)
    for tree in trees.values():
        if tree.id not in wanted:
            continue
        for node_id, line, sub in tree.runs:
            if sub not in trees:
                message = f"node {node_id!r} runs tree {sub!r}, which is not loaded"
                problems.append(Problem(tree.source, line, 1, message))
        cycle = _cycle_from(tree.id, trees)
        if cycle:
            problems.append(
                Problem(tree.source, 1, 1, "trees run each other in a cycle: " + " -> ".join(cycle))
            )
    return problems


def _cycle_from(start: str, trees: Mapping[str, Summary]) -> list[str]:
    path: list[str] = []

    def visit(tree_id: str) -> bool:
        if tree_id in path:
            path.append(tree_id)
            return True
        if tree_id not in trees:
            return False
        path.append(tree_id)
        for sub in sorted({r[2] for r in trees[tree_id].runs}):
            if visit(sub):
                return True
        path.pop()
        return False

    return path[path.index(path[-1]) :] if visit(start) and path[0] == start else []
