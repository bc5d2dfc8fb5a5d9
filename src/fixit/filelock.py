"""Non-blocking locks on an open file: flock on POSIX, a one-byte region lock on Windows."""

from __future__ import annotations

import contextlib
import os
import sys


def try_lock(fd: int, shared: bool = False) -> bool:
    """Take the lock on `fd` without waiting; False when another process holds it.

    Windows has no shared locks: a shared request takes the exclusive one (callers that only
    ask "is it held?" release it at once with `unlock`)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)  # the region starts at the file position
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def unlock(fd: int) -> None:
    """Release a lock taken with `try_lock` (closing the file releases it too)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):  # not held: nothing to release
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
