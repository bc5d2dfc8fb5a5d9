"""The whole-file validation entry point of tree format 1 (the rules across trees are in
`summaries`, which a listing uses without the schema)."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from fixit.trees.graph import graph_problems
from fixit.trees.model import Tree
from fixit.trees.schema import read_tree
from fixit.trees.yamlsafe import Problem, YamlError, decode, parse_text, read_bytes


def check_text(text: str, name: str, stem: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Validate a tree's YAML text: safe parse, schema, graph. Never raises on bad input.

    Every problem that can be found is reported in one run, in the order of the file: a
    duplicate key is one problem among others, and the graph is checked as written even when
    some nodes could not be read."""
    collecting = gc.isenabled()
    gc.disable()  # ~20 objects a node, none of them garbage: collections only cost (half, at 10k)
    try:
        return _checked(text, name, stem)
    finally:
        if collecting:
            gc.enable()


def _checked(text: str, name: str, stem: str | None) -> tuple[Tree | None, list[Problem]]:
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
