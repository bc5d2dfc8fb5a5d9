"""The lines `fixit trees show` writes under a node: what it runs or collects, where it leads."""

from __future__ import annotations

from fixit.compat import assert_never
from fixit.trees.model import Node, localize
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step


def outline_lines(node: Node, lang: str) -> list[tuple[str, str]]:
    """(text, style) lines: the node's details, then each edge as `label → target`."""
    edges = [(f"{label} → {target}", "dim") for label, target in _edges(node, lang) if target]
    return _details(node, lang) + edges


def _edges(node: Node, lang: str) -> list[tuple[str, str | None]]:
    match node:
        case Question():
            return [(localize(c.label, lang), c.goto) for c in node.choices]
        case Step():
            return [("solved", node.solved), ("unsolved", node.unsolved)]
        case Check():
            return [("fallback", node.fallback), *node.on.items()]
        case Input() | Info():
            return [("→", node.goto)]
        case Run():
            return list(node.on.items())
        case End():
            return []
        case _:
            assert_never(node)


def _details(node: Node, lang: str) -> list[tuple[str, str]]:
    match node:
        case Question() | Check():
            return [(f"check: {node.check}", "")] if node.check else []
        case Input():
            required = ", required" if node.required else ""
            out = [(f"field: {node.field} ({node.type}{required})", "")]
            keys = [f"label: {localize(node.label, lang)}"] if node.label else []
            keys += ["redact: false"] if not node.redact else []
            keys += [f"prefill: {node.prefill}"] if node.prefill else []
            if keys:  # how the field is named, sent and filled in
                out.append((", ".join(keys), "dim"))
            return out
        case Run():
            return [(f"runs tree: {node.tree}", "")]
        case End():
            return [(f"outcome: {node.outcome}", "")]
        case Step() | Info():
            return []
        case _:
            assert_never(node)
