"""The whole-file validation entry point of tree format 1, and the rules across trees."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from fixit.i18n import _
from fixit.trees.graph import graph_problems
from fixit.trees.model import Summary, Tree
from fixit.trees.schema import read_tree
from fixit.trees.yamlsafe import Problem, YamlError, decode, parse_text, read_bytes


def check_text(text: str, name: str, stem: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Validate a tree's YAML text: safe parse, schema, graph. Never raises on bad input.

    Every problem that can be found is reported in one run, in the order of the file: a
    duplicate key is one problem among others, and the graph is checked as written even when
    some nodes could not be read."""
    problems: list[Problem] = []
    try:
        root = parse_text(text, name, problems=problems)
    except YamlError as exc:
        return None, [exc.problem]
    tree, schema = read_tree(root, name, stem)
    problems += schema + graph_problems(root, name)
    if problems or tree is None:
        return None, sorted(problems, key=lambda p: (p.line, p.col))
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
                message = _(
                    "node {node} runs tree {tree}, which is not loaded",
                    node=repr(node_id),
                    tree=repr(sub),
                )
                problems.append(Problem(tree.source, line, 1, message))
        cycle = _cycle_from(tree.id, trees)
        if cycle:
            message = _("trees run each other in a cycle: {cycle}", cycle=" -> ".join(cycle))
            problems.append(Problem(tree.source, 1, 1, message))
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
