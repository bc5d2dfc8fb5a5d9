"""Checks for the outbox: a usable item.json, attachment copies that match the preview, and
whether a target's settings changed since an item failed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from fixit.errors import StorageError
from fixit.submit.base import Attachment, Target

STATUSES = ("waiting", "needs_fix", "sent")
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def problem(meta: Any) -> str | None:
    """Why an item.json cannot be used, or None."""
    if not isinstance(meta, dict):
        return "item.json is not an object"
    for key in ("session", "target", "report_id", "title", "status"):
        if not isinstance(meta.get(key), str):
            return f"item.json has no valid {key!r}"
    if meta["status"] not in STATUSES:
        return "item.json has an unknown status"
    if not isinstance(meta.get("attempts", 0), int):
        return "item.json has no valid 'attempts'"
    when = meta.get("next_try")
    try:
        if when is not None and dt.datetime.fromisoformat(when).tzinfo is None:
            raise ValueError(when)  # compared with an aware time: it needs an offset
    except (TypeError, ValueError):
        return "item.json has no valid 'next_try'"
    reached = meta.get("delivered_to", [])
    if not isinstance(reached, list) or not all(isinstance(r, str) for r in reached):
        return "item.json has no valid 'delivered_to'"
    files = meta.get("attachments")
    if not isinstance(files, list) or not all(_file_ok(f) for f in files):
        return "item.json has no valid 'attachments'"
    return None


def settings_hash(target: Target) -> str:
    """A fingerprint of a target's type and settings (they hold no secret, only its name)."""
    text = json.dumps([target.type, dict(target.settings)], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_ok(f: Any) -> bool:
    return (
        isinstance(f, dict)
        and all(isinstance(f.get(k), str) for k in ("stored", "name", "mime", "sha256"))
        and isinstance(f.get("size"), int)
        and f["stored"] not in ("", ".", "..")
        and "/" not in f["stored"]
        and "\\" not in f["stored"]
    )


def io_error(what: str, exc: OSError) -> StorageError:
    """A failed outbox write as a clear error (the reason, never a traceback)."""
    return StorageError(
        f"{what}: {exc.strerror or exc.__class__.__name__}.",
        "Check the disk and the state folder (`fixit config path` names it), then try again.",
    )


def copy_checked(a: Attachment, dest: Path) -> dict[str, Any]:
    """Copy an attachment through a hashing reader; refuse a special or changed file."""
    again = "Look at the preview again (`fixit submit --dry-run`), then send."
    try:  # non-blocking: a FIFO put in the file's place must not hang the command
        src = os.open(a.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise StorageError(
            f"cannot read the attached file {a.path}: {exc.strerror or exc}.", again
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):
            raise StorageError(f"the attached file {a.path} is not a regular file any more.", again)
        out = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600)
        digest, size = hashlib.sha256(), 0
        try:
            while size <= a.size and (chunk := os.read(src, 1 << 20)):
                digest.update(chunk)
                size += len(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view) :]
            os.fsync(out)
        finally:
            os.close(out)
    finally:
        os.close(src)
    if size != a.size or digest.hexdigest() != a.sha256:
        raise StorageError(f"the attached file {a.path} changed after the preview.", again)
    return {"stored": dest.name, "name": a.name, "mime": a.mime, "size": a.size, "sha256": a.sha256}
