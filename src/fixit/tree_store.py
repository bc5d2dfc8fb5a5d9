"""Tree snapshots stored once per content digest and shared by the sessions that ran them.

A snapshot is one tree's JSON form (`tree_to_json`), kept as `trees/<sha256 of its bytes>.json`
in the state folder, written once (atomically, 0600, never through a link) and verified against
its name whenever it is read: bytes that do not match are damage, kept aside as `.corrupt`.
The name covers everything the file holds (the tree's own digest leaves out its source path).
Nothing removes a snapshot: any number of sessions may name it in their `trees.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from fixit import paths, permissions, storage
from fixit.i18n import Msg, _
from fixit.session_shape import DIGEST, NOT_A_SNAPSHOT
from fixit.trees.encoded import tree_bytes
from fixit.trees.model import Tree

FOLDER = "trees"


class SnapshotError(Exception):
    """A stored snapshot that cannot be used; `problem` says why (missing, or damaged)."""

    def __init__(self, problem: Msg) -> None:
        super().__init__(str(problem))
        self.problem = problem


def store_dir() -> Path:
    """The private folder of the stored snapshots (made when missing, checked on the way)."""
    return storage.private_dir(storage.private_dir(paths.state_dir()) / FOLDER)


def encode(tree: Tree) -> tuple[str, bytes]:
    """A tree's snapshot bytes and their digest."""
    data = tree_bytes(tree)
    return hashlib.sha256(data).hexdigest(), data


def put(tree: Tree) -> str:
    """Store a tree's snapshot unless it is there already; its digest. A damaged copy in its
    place is kept aside and said; a link in its place is refused."""
    digest, data = encode(tree)
    path = store_dir() / f"{digest}.json"
    try:
        held, identity = _read(path)
    except FileNotFoundError:
        held, identity = None, None
    if held is not None and hashlib.sha256(held).hexdigest() == digest:
        return digest  # written by an earlier session: never rewritten
    kept = _set_aside(path, identity) if identity is not None else None
    if kept is not None:
        permissions.warn(
            _(
                "the tree snapshot {path} was damaged; it is kept as {kept} and written again.",
                path=str(path),
                kept=str(kept),
            )
        )
    storage.write_atomic(path, data)
    return digest


def read(digest: str) -> Any:
    """The JSON of a stored snapshot, verified against its digest; SnapshotError when it is
    missing or damaged (a damaged file is kept aside as `.corrupt`), StorageError when the
    policy refuses it (a link, another user's)."""
    if not DIGEST.fullmatch(digest):
        raise SnapshotError(NOT_A_SNAPSHOT)
    path = store_dir() / f"{digest}.json"
    try:
        data, identity = _read(path)
    except FileNotFoundError:
        kept = path.with_name(path.name + ".corrupt")
        if os.path.lexists(kept):  # set aside when an earlier command read it
            raise SnapshotError(_damaged(path, kept)) from None
        raise SnapshotError(_("its tree snapshot {path} is missing", path=str(path))) from None
    if hashlib.sha256(data).hexdigest() == digest:
        try:
            return json.loads(data.decode("utf-8"))
        except ValueError:  # bytes that hash to their name, yet no JSON: made, not torn
            pass
    raise SnapshotError(_damaged(path, _set_aside(path, identity)))


def _read(path: Path) -> tuple[bytes, tuple[int, int]]:
    """A stored snapshot's bytes and which file they were read from (device, inode), not
    through a link; FileNotFoundError when there is none."""
    try:
        fd = storage.open_checked(path, os.O_RDONLY)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if os.path.islink(path):
            raise permissions.link_refused(path) from None
        raise storage.failure("read", path, exc) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        return fh.read(), (st.st_dev, st.st_ino)


def _set_aside(path: Path, identity: tuple[int, int]) -> Path | None:
    """Move the damaged snapshot that was read aside as `.corrupt`; None when it cannot be
    moved now, or another fixit has already put a whole one in its place."""
    kept = storage.aside_name(path)
    try:
        st = os.lstat(path)
        if (st.st_dev, st.st_ino) != identity:
            return None
        os.replace(path, kept)
    except OSError:
        return None
    storage.fsync_dir(path.parent)
    return kept


def _damaged(path: Path, kept: Path | None) -> Msg:
    if kept is None:
        return _("its tree snapshot {path} is damaged", path=str(path))
    return _(
        "its tree snapshot {path} is damaged; it is kept as {kept}",
        path=str(path),
        kept=str(kept),
    )
