"""A tree's JSON form as bytes, made once per tree in a process: what the tree cache and the
sessions' stored snapshots (tree_store.py) hold. A tree read from the cache keeps the bytes it
was read from, so a session started on it stores them without encoding 10,000 nodes again.

The form is `tree_to_json`'s with each node's keys left out where they hold what reading it
back would fill in anyway (`node_from_json` takes a missing key's default): for a 10,000-node
tree a third of the size, read back twice as fast (docs/performance.md)."""

from __future__ import annotations

import dataclasses
import json
import weakref
from typing import Any

from fixit.trees.model import Tree, tree_to_json
from fixit.trees.nodes import NODE_TYPES

#: id(tree) -> (the tree, weakly: an id is reused once its tree is gone; its bytes)
_known: dict[int, tuple[weakref.ref[Tree], bytes]] = {}
_MISSING = object()


def _defaults(cls: type) -> dict[str, Any]:
    """A node class's fields and the value each takes when its key is missing (`_MISSING`
    when it has none: such a key is always written)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = _MISSING
        out[f.name] = list(default) if isinstance(default, tuple) else default  # as in JSON
    return out


_DEFAULTS = {cls.kind: _defaults(cls) for cls in NODE_TYPES}


def _lean(node: dict[str, Any]) -> dict[str, Any]:
    """A node's JSON with what reading it back fills in left out; its id and kind stay."""
    own = _DEFAULTS[node["kind"]]
    return {
        k: v
        for k, v in node.items()
        if k in ("id", "kind") or (k in own and (own[k] is _MISSING or v != own[k]))
    }


def tree_bytes(tree: Tree) -> bytes:
    """The tree's JSON form, lean and compact (without `indent`, `json` uses its C encoder:
    five times faster on a large tree), or the bytes it was read from."""
    known = _known.get(id(tree))
    if known is not None and known[0]() is tree:
        return known[1]
    data = tree_to_json(tree)
    data["nodes"] = [_lean(n) for n in data["nodes"]]
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    remember(tree, encoded)
    return encoded


def remember(tree: Tree, data: bytes) -> None:
    """Note that `data` is the JSON form `tree` was read from (`tree_from_json` of it)."""
    key = id(tree)
    _known[key] = (weakref.ref(tree, lambda _ref: _known.pop(key, None)), data)
