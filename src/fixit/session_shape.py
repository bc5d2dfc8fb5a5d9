"""What a session's files must hold to be used: the metadata's fields and types, a tree
snapshot, journal events. Valid JSON of the wrong shape is as damaged as a truncated file."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from fixit.i18n import Msg, _
from fixit.trees.model import Tree
from fixit.trees.nodes import Check, Run, routes

JOURNAL = "journal.jsonl"
META = "meta.json"
TREES = "trees.json"
LOCK = "lock"
ENVIRONMENT = "environment.json"
#: how trees.json names a stored snapshot: the SHA-256 of its bytes (tree_store.py)
DIGEST = re.compile(r"[0-9a-f]{64}")
#: the checks of the environment snapshot (snapshot.py): the facts of a report's environment
SNAPSHOT_CHECKS = (
    "system.info",
    "power.battery",
    "network.interfaces",
    "network.proxy",
    "browser.versions",
    "display.outputs",
)
STATUSES = ("running", "paused", "interrupted", "finished")
MODES = ("self", "agent")


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v)


def _optional(kind: type | tuple[type, ...]) -> Callable[[Any], bool]:
    return lambda v: v is None or (isinstance(v, kind) and not isinstance(v, bool))


# each field fixit reads from meta.json, and what it must be (absent counts as None)
FIELDS: dict[str, Callable[[Any], bool]] = {
    "id": _text,
    "tree": _text,
    "status": lambda v: v in STATUSES,
    "started": _text,
    "mode": lambda v: v is None or v in MODES,
    "outcome": _optional(str),
    "lang": _optional(str),
    "case": _optional(str),
    "checks": lambda v: v is None or isinstance(v, bool),
    "digest": _optional(str),
    "version": _optional(int),
    "title": _optional(dict),
    "attachments": _optional(list),
}


def meta_problem(meta: Any, sid: str) -> Msg | None:
    """Why a session's metadata cannot be used, or None."""
    if not isinstance(meta, dict):
        return _("meta.json is not a JSON object")
    for key, ok in FIELDS.items():
        if not ok(meta.get(key)):
            return _("meta.json has no valid '{key}'", key=key)
    if meta["id"] != sid:
        return _("meta.json belongs to another session")
    return None


NOT_A_SNAPSHOT = _("trees.json is not a tree snapshot")


def snapshot_problem(data: Any, root: str) -> Msg | None:
    """Why a session's trees.json cannot be used with its session's tree `root`, or None.

    Each tree id names the digest of a stored snapshot (tree_store.py); a session saved before
    snapshots were shared holds each tree's JSON in its place instead."""
    if not isinstance(data, dict) or not all(_tree_or_digest(t) for t in data.values()):
        return NOT_A_SNAPSHOT
    if root not in data:
        return _("its tree snapshot does not hold the session's tree")
    return None


def _tree_or_digest(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, str) and bool(DIGEST.fullmatch(value)))


def snapshot_intact(trees: Mapping[str, Tree]) -> bool:
    """Whether every tree of a snapshot hangs together: it starts at a node it has, every route
    leads to one of its nodes, and a `tree` node runs a tree of the snapshot."""
    for tree in trees.values():
        nodes = tree.nodes
        if not isinstance(tree.title, Mapping) or tree.start not in nodes:
            return False
        for node in nodes.values():
            if isinstance(node, (Check, Run)) and not isinstance(node.on, Mapping):
                return False
            if isinstance(node, Run) and node.tree not in trees:
                return False
            if not all(t is None or t in nodes for t in routes(node)):
                return False
    return True


def result_ok(raw: Any) -> bool:
    """Whether a stored check result can be read back (diagnostics.result.CheckResult)."""
    if not isinstance(raw, dict):
        return False
    summary, duration = raw.get("summary", ""), raw.get("duration")
    return (
        isinstance(summary, (str, dict))
        and isinstance(raw.get("data") or {}, dict)
        and (duration is None or isinstance(duration, (int, float)))
    )


def environment_ok(data: Any) -> bool:
    """Whether an environment snapshot (environment.json) can go into a report."""
    if not isinstance(data, dict):
        return False
    checks = data.get("checks", {})
    return isinstance(checks, dict) and all(result_ok(r) for r in checks.values())
