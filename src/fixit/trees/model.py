"""The tree model: frozen dataclasses built only by the validator, and their JSON form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FORMAT = 1
# Bump when the model or validation rules change, so cached validation results are not reused.
REVISION = 6
KINDS = ("question", "step", "check", "input", "info", "tree", "end")
CATEGORIES = ("incident", "service_request", "advice")
AUDIENCES = ("self", "agent")
OUTCOMES = ("resolved", "escalate", "referred", "unresolved")
CHECK_STATUSES = ("pass", "warn", "fail", "error")
INPUT_TYPES = ("text", "multiline", "email", "number", "datetime", "choice", "path")
STEP_ANSWERS = ("solved", "unsolved")
#: the caller details given at the start of an agent session that an input may be pre-filled from
PREFILL_KEYS = ("name", "organisation", "contact", "device_id")
ANY_LANG = ""
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

Text = Mapping[str, str]


def localize(text: Text | None, lang: str) -> str:
    """The text in a language: that language, else the plain text, else English, else the
    first of its languages in alphabetical order (`trees.language.shown_language`'s order)."""
    if not text:
        return ""
    for key in (lang, ANY_LANG, "en"):
        if key in text:
            return text[key]
    return text[min(text)]


def fill(text: str, fields: Mapping[str, str]) -> str:
    """Replace `{field}` placeholders with collected values (no evaluation of any kind)."""
    return PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class Choice:
    """A choice of a question (with goto) or of a choice-type input (without)."""

    id: str
    label: Text
    goto: str | None = None


@dataclass(frozen=True)
class Node:
    """One node of a tree; which attributes matter depends on `kind`."""

    id: str
    kind: str
    text: Text | None = None
    say: Text | None = None
    agent_note: Text | None = None  # agent mode only: for the agent, never read out or reported
    help: Text | None = None
    choices: tuple[Choice, ...] = ()
    solved: str | None = None
    unsolved: str | None = None
    verify: str | None = None
    retry_attempts: int = 1
    retry_wait: int = 0
    check: str | None = None
    detect: Mapping[str, str] = field(default_factory=dict)
    on: Mapping[str, str] = field(default_factory=dict)
    fallback: str | None = None
    field: str | None = None
    type: str = "text"
    required: bool = False
    label: Text | None = None  # input: a short name for the field in summaries and reports
    redact: bool = True  # input: False when the value is the subject of the request, sent as typed
    prefill: str | None = None  # input: the caller detail (PREFILL_KEYS) that pre-fills it
    goto: str | None = None
    tree: str | None = None
    outcome: str | None = None
    line: int = 0

    @property
    def probe(self) -> str | None:
        """The check this node runs: a check node's, a question's `check`, a step's `verify`."""
        return self.check or self.verify

    def by_check(self, status: str) -> str | None:
        """The answer a check status gives this node, or None when a person must answer."""
        if self.kind == "check":
            return status
        if self.kind == "question":
            return self.detect.get(status)
        if self.kind == "step" and self.verify:
            # a warning still means trouble for most checks (a nearly full disk, a login page)
            return {"pass": "solved", "warn": "unsolved", "fail": "unsolved"}.get(status)
        return None

    def targets(self) -> list[str]:
        """Every node this node can lead to, in a stable order."""
        out = [c.goto for c in self.choices if c.goto]
        out += [t for t in (self.solved, self.unsolved, self.goto, self.fallback) if t]
        out += list(self.on.values())
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Tree:
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
        return sorted({n.tree for n in self.nodes.values() if n.tree})

    def ends(self) -> list[str]:
        """The ids of the end nodes."""
        return [n.id for n in self.nodes.values() if n.kind == "end"]


def _text_json(text: Text | None) -> dict[str, str] | None:
    return dict(text) if text is not None else None


def tree_to_json(tree: Tree) -> dict[str, Any]:
    """A JSON-safe dict of a tree, for the cache and the session's snapshot."""
    nodes = []
    for n in tree.nodes.values():
        nodes.append(
            {
                "id": n.id,
                "kind": n.kind,
                "text": _text_json(n.text),
                "say": _text_json(n.say),
                "agent_note": _text_json(n.agent_note),
                "help": _text_json(n.help),
                "choices": [
                    {"id": c.id, "label": dict(c.label), "goto": c.goto} for c in n.choices
                ],
                "solved": n.solved,
                "unsolved": n.unsolved,
                "verify": n.verify,
                "retry_attempts": n.retry_attempts,
                "retry_wait": n.retry_wait,
                "check": n.check,
                "detect": dict(n.detect),
                "on": dict(n.on),
                "fallback": n.fallback,
                "field": n.field,
                "type": n.type,
                "required": n.required,
                "label": _text_json(n.label),
                "redact": n.redact,
                "prefill": n.prefill,
                "goto": n.goto,
                "tree": n.tree,
                "outcome": n.outcome,
                "line": n.line,
            }
        )
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
        "nodes": nodes,
    }


def tree_from_json(data: Mapping[str, Any]) -> Tree:
    """Rebuild a tree from `tree_to_json` output (trusted: written by fixit itself)."""
    nodes: dict[str, Node] = {}
    for n in data["nodes"]:
        choices = tuple(Choice(c["id"], c["label"], c["goto"]) for c in n["choices"])
        nodes[n["id"]] = Node(**{**n, "choices": choices})
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


@dataclass(frozen=True)
class Summary:
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


def summarize(tree: Tree) -> Summary:
    """The summary of a validated tree."""
    runs = tuple((n.id, n.line, n.tree) for n in tree.nodes.values() if n.tree)
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
        "description": _text_json(s.description),
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
