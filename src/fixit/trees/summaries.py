"""What listing a tree needs without its nodes: its summary, texts in a language, and the rules
across trees. Kept apart from the node classes so that a warm `trees list`, which reads only
cached summaries, does not create them (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fixit.i18n import _
from fixit.records import Record
from fixit.trees.yamlfile import Problem

#: a text in its languages, by language code (ANY_LANG: written without one)
Text = Mapping[str, str]
ANY_LANG = ""
# Bump when the model or validation rules change, so cached validation results are not reused.
REVISION = 6


def localize(text: Text | None, lang: str) -> str:
    """The text in a language: that language, else the plain text, else English, else the
    first of its languages in alphabetical order (`trees.language.shown_language`'s order)."""
    if not text:
        return ""
    for key in (lang, ANY_LANG, "en"):
        if key in text:
            return text[key]
    return text[min(text)]


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Summary(Record):
    """What listing and cross-tree checks need of a tree, without loading its nodes."""

    id: str
    version: int
    title: Text
    category: str
    audience: tuple[str, ...]
    languages: tuple[str, ...]
    digest: str
    source: str
    runs: tuple[tuple[str, int, str], ...] = ()  # (node id, line, tree id) of its `tree` nodes
    description: Text | None = None
    tags: tuple[str, ...] = ()


def summary_to_json(s: Summary) -> dict[str, Any]:
    """A JSON-safe dict of a summary."""
    return {
        "id": s.id,
        "version": s.version,
        "title": dict(s.title),
        "category": s.category,
        "audience": list(s.audience),
        "languages": list(s.languages),
        "digest": s.digest,
        "source": s.source,
        "runs": [list(r) for r in s.runs],
        "description": dict(s.description) if s.description is not None else None,
        "tags": list(s.tags),
    }


def summary_from_json(d: Mapping[str, Any]) -> Summary:
    """Rebuild a summary written by `summary_to_json`."""
    return Summary(
        d["id"],
        d["version"],
        d["title"],
        d["category"],
        tuple(d["audience"]),
        tuple(d["languages"]),
        d["digest"],
        d["source"],
        tuple((str(a), int(b), str(c)) for a, b, c in d["runs"]),
        d["description"],
        tuple(str(t) for t in d.get("tags", ())),
    )


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
