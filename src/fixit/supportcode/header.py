"""What a code says before any tree is needed: its format, the mode, which tree and version
(a short hash of the id, a prefix of the content digest) and how its answers end."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from fixit.supportcode.digits import Packer, Unpacker
from fixit.trees.model import Tree

FORMAT = 0  # the one format so far; 1 is kept for a later one
MODES = ("self", "agent")
TREE_BITS = 12
DIGEST_BITS = 16
#: how the answers end: at an end node (no count needed: the walk stops there), by a hand-over
#: to support (ESCALATE after `count` answers), or at the node reached after `count` answers
STOPS = ("end", "escalate", "at")
#: a session that ended at a known problem ("this is my problem", outcome `known`) at the node
#: reached after `count` answers: written as "at" with the finished bit set, which no other
#: session gives (one stopped at a node is unfinished), so every earlier code reads as before
KNOWN = "known"
_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Header:
    """What a code says without trees: the tree's id hash, version and digest prefix (hex), the
    mode; and how the answers end (`stop`), whether the session finished, and how many answers
    it holds when that is not told by an end node (`count`)."""

    tree_hash: str
    version: int | None
    digest_prefix: str
    mode: str
    finished: bool = False
    stop: str = "end"
    count: int | None = None


def tree_hash(tree_id: str) -> str:
    """The short hash of a tree id a code carries (hex, TREE_BITS bits)."""
    return _prefix(hashlib.sha256(tree_id.encode("utf-8", "surrogatepass")).hexdigest(), TREE_BITS)


def digest_prefix(digest: str) -> str:
    """The prefix of a content digest (sha256 hex) a code carries; a digest that is not one
    is hashed first, so any string has a prefix."""
    if not _HEX.fullmatch(digest):
        digest = hashlib.sha256(digest.encode("utf-8", "surrogatepass")).hexdigest()
    return _prefix(digest, DIGEST_BITS)


def subtrees(trees: Mapping[str, Tree], root: str) -> list[str]:
    """The ids of the trees `root` runs, transitively, sorted; KeyError for one not in `trees`."""
    seen: set[str] = set()
    todo = list(trees[root].subtrees())
    while todo:
        tid = todo.pop()
        if tid not in seen and tid != root:
            seen.add(tid)
            todo += trees[tid].subtrees()
    return sorted(seen)


def content_prefix(trees: Mapping[str, Tree], root: str, digest: str) -> str:
    """The digest prefix a code carries: the root's content `digest`'s, or, for a tree that
    runs others, that of the root's digest with the ids, versions and digests of the trees it
    runs (a code must not be read over other sub-trees). KeyError when one is not in `trees`."""
    ids = subtrees(trees, root)
    if not ids:
        return digest_prefix(digest)
    runs = "".join(f"\n{t}\0{trees[t].version}\0{trees[t].digest}" for t in ids)
    return digest_prefix(
        hashlib.sha256((digest + runs).encode("utf-8", "surrogatepass")).hexdigest()
    )


def _prefix(hexdigest: str, bits: int) -> str:
    return hexdigest[: bits // 4]


def pack_header(packer: Packer, header: Header) -> None:
    """Put a header's digits first (the lowest: read back without any tree)."""
    packer.put(FORMAT, 2)
    packer.put(MODES.index(header.mode), len(MODES))
    packer.put(int(header.tree_hash, 16), 1 << TREE_BITS)
    packer.put(int(header.digest_prefix, 16), 1 << DIGEST_BITS)
    packer.put_gamma(0 if header.version is None else header.version + 1)
    stop, finished = ("at", True) if header.stop == KNOWN else (header.stop, header.finished)
    packer.put(STOPS.index(stop) * 2 + finished, 2 * len(STOPS))
    if header.stop != "end":
        assert header.count is not None
        packer.put_gamma(header.count)


def unpack_header(unpacker: Unpacker) -> Header | int:
    """The header at the start of a code; the format number instead when it is not FORMAT."""
    fmt = unpacker.take(2)
    if fmt != FORMAT:
        return fmt
    mode = MODES[unpacker.take(len(MODES))]
    tree = unpacker.take(1 << TREE_BITS)
    digest = unpacker.take(1 << DIGEST_BITS)
    version = unpacker.take_gamma()
    stop, finished = divmod(unpacker.take(2 * len(STOPS)), 2)
    count = unpacker.take_gamma() if STOPS[stop] != "end" else None
    known = STOPS[stop] == "at" and finished
    return Header(
        f"{tree:0{TREE_BITS // 4}x}",
        None if version == 0 else version - 1,
        f"{digest:0{DIGEST_BITS // 4}x}",
        mode,
        bool(finished),
        KNOWN if known else STOPS[stop],
        count,
    )
