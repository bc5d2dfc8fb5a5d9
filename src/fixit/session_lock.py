"""Who holds a session's lock and whether a live fixit does: the line a holder writes into it,
read back in words."""

from __future__ import annotations

import os
import re
from pathlib import Path

from fixit import storage
from fixit.errors import StorageError
from fixit.filelock import try_lock, unlock
from fixit.i18n import Msg, _
from fixit.session_shape import LOCK

# what a holder writes into a session's lock (sessions.Session.lock), in English: it is a file
HOLDER = "process {pid} on {host}"
THIS_COMPUTER = "this computer"
_HOLDER = re.compile(r"process (\d+) on (.+)")


def lock_holder(folder: Path) -> Msg | str:
    """Who holds a session's lock: what the holder wrote ("process N on HOST"), in words."""
    try:
        fd = storage.open_checked(folder / LOCK, os.O_RDONLY)
    except (OSError, StorageError):
        return _("another fixit")
    with os.fdopen(fd, "rb") as fh:
        return holder_words(fh.read(200).decode("utf-8", "replace"))


def holder_words(written: str) -> Msg | str:
    """A lock holder's line as a message; a line of another form as it is."""
    found = _HOLDER.fullmatch(written.strip())
    if found is None:
        return written.strip() or _("another fixit")
    pid, host = int(found.group(1)), found.group(2)
    if host == THIS_COMPUTER:
        return _("process {pid} on this computer", pid=pid)
    return _("process {pid} on {host}", pid=pid, host=host)


def is_locked(folder: Path) -> bool:
    """Whether a live fixit holds the session's lock."""
    try:
        fd = storage.open_checked(folder / LOCK, os.O_RDONLY)
    except (OSError, StorageError):
        return False
    try:
        if not try_lock(fd, shared=True):
            return True
        unlock(fd)
    finally:
        os.close(fd)
    return False
