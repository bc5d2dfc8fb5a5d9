"""The tree model: frozen dataclasses built only by the validator, and their JSON form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fixit.records import Record
from fixit.trees.nodes import KINDS as KINDS
from fixit.trees.nodes import Choice as Choice
from fixit.trees.nodes import End, Run, node_from_json, node_to_json
from fixit.trees.nodes import Node as Node
from fixit.trees.summaries import ANY_LANG as ANY_LANG  # re-exported: the model's one vocabulary
from fixit.trees.summaries import REVISION as REVISION
from fixit.trees.summaries import Summary as Summary
from fixit.trees.summaries import Text as Text
from fixit.trees.summaries import localize as localize
from fixit.trees.summaries import summary_from_json as summary_from_json
from fixit.trees.summaries import summary_to_json as summary_to_json

FORMAT = 1
CATEGORIES = ("incident", "service_request", "advice")
AUDIENCES = ("self", "agent")
OUTCOMES = ("resolved", "escalate", "referred", "unresolved")
CHECK_STATUSES = ("pass", "warn", "fail", "error")
INPUT_TYPES = ("text", "multiline", "email", "number", "datetime", "choice", "path")
STEP_ANSWERS = ("solved", "unsolved")
#: the caller details given at the start of an agent session that an input may be pre-filled from
PREFILL_KEYS = ("name", "organisation", "contact", "device_id")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(text: str, fields: Mapping[str, str]) -> str:
    """Replace `{field}` placeholders with collected values (no evaluation of any kind)."""
    return PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Tree(Record):
    """A validated decision tree."""

    id: str
    version: int
    title: Text
    start: str
    nodes: Mapping[str, Node]
    category: str = "incident"
    audience: tuple[str, ...] = AUDIENCES
    tags: tuple[str, ...] = ()
    description: Text | None = None
    languages: tuple[str, ...] = ()
    source: str = ""
    digest: str = ""

    def subtrees(self) -> list[str]:
        """The ids of the trees this tree runs through `tree` nodes."""
        return sorted({n.tree for n in self.nodes.values() if isinstance(n, Run)})

    def ends(self) -> list[str]:
        """The ids of the end nodes."""
        return [n.id for n in self.nodes.values() if isinstance(n, End)]


def _text_json(text: Text | None) -> dict[str, str] | None:
    return dict(text) if text is not None else None


def tree_to_json(tree: Tree) -> dict[str, Any]:
    """A JSON-safe dict of a tree, for the cache and the session's snapshot."""
    return {
        "id": tree.id,
        "version": tree.version,
        "title": dict(tree.title),
        "start": tree.start,
        "category": tree.category,
        "audience": list(tree.audience),
        "tags": list(tree.tags),
        "description": _text_json(tree.description),
        "languages": list(tree.languages),
        "source": tree.source,
        "digest": tree.digest,
        "nodes": [node_to_json(n) for n in tree.nodes.values()],
    }


def tree_from_json(data: Mapping[str, Any]) -> Tree:
    """Rebuild a tree from `tree_to_json` output (trusted: written by fixit itself)."""
    nodes = {n["id"]: node_from_json(n) for n in data["nodes"]}
    return Tree(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        start=data["start"],
        nodes=nodes,
        category=data["category"],
        audience=tuple(data["audience"]),
        tags=tuple(data["tags"]),
        description=data["description"],
        languages=tuple(data["languages"]),
        source=data["source"],
        digest=data["digest"],
    )


def summarize(tree: Tree) -> Summary:
    """The summary of a validated tree."""
    runs = tuple((n.id, n.line, n.tree) for n in tree.nodes.values() if isinstance(n, Run))
    return Summary(
        tree.id,
        tree.version,
        tree.title,
        tree.category,
        tree.audience,
        tree.languages,
        tree.digest,
        tree.source,
        runs,
        tree.description,
        tree.tags,
    )
