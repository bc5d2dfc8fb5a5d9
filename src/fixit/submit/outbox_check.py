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
from fixit.i18n import Msg, _
from fixit.oserrors import reason
from fixit.submit.base import Attachment, Target

STATUSES = ("waiting", "needs_fix", "sent")
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def problem(meta: Any) -> Msg | None:
    """Why an item.json cannot be used, or None."""
    if not isinstance(meta, dict):
        return _("item.json is not an object")
    for key in ("session", "target", "report_id", "title", "status"):
        if not isinstance(meta.get(key), str):
            return _invalid(key)
    if meta["status"] not in STATUSES:
        return _("item.json has an unknown status")
    if not isinstance(meta.get("attempts", 0), int):
        return _invalid("attempts")
    when = meta.get("next_try")
    try:
        if when is not None and dt.datetime.fromisoformat(when).tzinfo is None:
            raise ValueError(when)  # compared with an aware time: it needs an offset
    except (TypeError, ValueError):
        return _invalid("next_try")
    if not isinstance(meta.get("add_to") or "", str):
        return _invalid("add_to")
    reached = meta.get("delivered_to", [])
    if not isinstance(reached, list) or not all(isinstance(r, str) for r in reached):
        return _invalid("delivered_to")
    files = meta.get("attachments")
    if not isinstance(files, list) or not all(_file_ok(f) for f in files):
        return _invalid("attachments")
    return None


def _invalid(key: str) -> Msg:
    return _("item.json has no valid {key}", key=repr(key))


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


def io_error(message: Msg, exc: OSError) -> StorageError:
    """A failed outbox write as a clear error: `message` says what failed, with a `{reason}`
    for why (never a traceback)."""
    return StorageError(
        message.with_values(reason=reason(exc, exc.__class__.__name__)),
        _("Check the disk and the state folder (`fixit config path` names it), then try again."),
    )


def copy_checked(a: Attachment, dest: Path) -> dict[str, Any]:
    """Copy an attachment through a hashing reader; refuse a special or changed file."""
    again = _("Look at the preview again (`fixit submit --dry-run`), then send.")
    try:  # non-blocking: a FIFO put in the file's place must not hang the command
        src = os.open(a.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise StorageError(
            _(
                "cannot read the attached file {path}: {reason}.",
                path=str(a.path),
                reason=reason(exc),
            ),
            again,
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):
            raise StorageError(
                _("the attached file {path} is not a regular file any more.", path=str(a.path)),
                again,
            )
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
        raise StorageError(
            _("the attached file {path} changed after the preview.", path=str(a.path)), again
        )
    return {"stored": dest.name, "name": a.name, "mime": a.mime, "size": a.size, "sha256": a.sha256}
