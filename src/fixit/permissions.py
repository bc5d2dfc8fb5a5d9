"""Who may use fixit's own folders and files: only this user, privately, never through a link.

The policy (docs/state.md): a folder fixit owns is 0700 and a file 0600. One that is looser
but belongs to this user is made private with a one-line warning; a symbolic link, the wrong
kind of file, one that belongs to another user (root included: a root fixit writing into a
user's folder leaves files that user cannot read, and acts on links that user can plant) or
one others can change that cannot be made private is refused with a clear error.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from fixit.errors import StorageError

FOLDER, FILE = 0o700, 0o600
_POSIX = os.name == "posix"
_OTHERS = 0o077  # any permission for the group or other users
_OTHERS_WRITE = 0o022


class UnsafeStateError(StorageError):
    """A folder or file fixit owns is a link, the wrong kind, another user's, or open to others."""


def link_refused(path: Path) -> UnsafeStateError:
    """The error for a symbolic link found where fixit keeps its own folder or file."""
    return UnsafeStateError(
        f"{path} is a symbolic link; fixit will not follow it.",
        "Remove the link and run the command again.",
    )


def check(path: Path, st: os.stat_result, folder: bool, fd: int | None = None) -> None:
    """Apply the policy to `path` as `lstat` (or `fstat` of `fd`) saw it: refuse or tighten."""
    if stat.S_ISLNK(st.st_mode):
        raise link_refused(path)
    if folder and not stat.S_ISDIR(st.st_mode):
        raise UnsafeStateError(
            f"{path} is not a folder.", "Move it away and run the command again."
        )
    if not folder and not stat.S_ISREG(st.st_mode):
        raise UnsafeStateError(
            f"{path} is not a regular file.", "Move it away and run the command again."
        )
    if not _POSIX:  # pragma: no cover - Windows keeps its own access lists
        return
    if st.st_uid != os.geteuid():
        raise UnsafeStateError(
            f"{path} belongs to another user (uid {st.st_uid}); fixit will not use it.",
            "Run fixit as the user who owns it, or set FIXIT_HOME to a folder of your own.",
        )
    mode = stat.S_IMODE(st.st_mode)
    if mode & _OTHERS:
        _tighten(path, mode, fd)


def _tighten(path: Path, mode: int, fd: int | None) -> None:
    """Take the group's and other users' permissions away, keeping the owner's as they are."""
    private = mode & 0o700
    try:
        if fd is not None:
            os.fchmod(fd, private)
        else:
            os.chmod(path, private)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if mode & _OTHERS_WRITE:
            raise UnsafeStateError(
                f"{path} can be changed by other users ({mode:04o}) and fixit cannot make it "
                f"private: {reason}.",
                "Make it private with `chmod go-rwx` on it, or set FIXIT_HOME to a folder of "
                "your own.",
            ) from None
        warn(f"{path} is open to other users ({mode:04o}) and fixit cannot make it private.")
        return
    warn(f"{path} was open to other users ({mode:04o}); fixit made it private ({private:04o}).")


def warn(message: str) -> None:
    """One warning line on stderr, in the language errors are shown in."""
    from fixit.textsafe import visible

    try:
        from fixit.i18n.errors import error_language, translate

        message = translate(message, error_language(sys.argv[1:]))
    except Exception:  # the English text is still right: never lose a warning to translation
        pass
    try:
        sys.stderr.write(f"fixit: warning: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
