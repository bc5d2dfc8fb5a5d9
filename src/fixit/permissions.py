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
from collections.abc import Callable
from pathlib import Path

from fixit import oserrors
from fixit.errors import StorageError
from fixit.i18n import LANGUAGES, Msg, _, detect_language

FOLDER, FILE = 0o700, 0o600
_POSIX = os.name == "posix"
_OTHERS = 0o077  # any permission for the group or other users
_OTHERS_WRITE = 0o022


class UnsafeStateError(StorageError):
    """A folder or file fixit owns is a link, the wrong kind, another user's, or open to others."""


def link_refused(path: Path) -> UnsafeStateError:
    """The error for a symbolic link found where fixit keeps its own folder or file."""
    return UnsafeStateError(
        _("{path} is a symbolic link; fixit will not follow it.", path=str(path)),
        _("Remove the link and run the command again."),
    )


def check(path: Path, st: os.stat_result, folder: bool, fd: int | None = None) -> None:
    """Apply the policy to `path` as `lstat` (or `fstat` of `fd`) saw it: refuse or tighten."""
    if stat.S_ISLNK(st.st_mode):
        raise link_refused(path)
    if folder and not stat.S_ISDIR(st.st_mode):
        raise UnsafeStateError(
            _("{path} is not a folder.", path=str(path)),
            _("Move it away and run the command again."),
        )
    if not folder and not stat.S_ISREG(st.st_mode):
        raise UnsafeStateError(
            _("{path} is not a regular file.", path=str(path)),
            _("Move it away and run the command again."),
        )
    if not _POSIX:  # pragma: no cover - Windows keeps its own access lists
        return
    if st.st_uid != os.geteuid():
        raise UnsafeStateError(
            _(
                "{path} belongs to another user (uid {uid}); fixit will not use it.",
                path=str(path),
                uid=st.st_uid,
            ),
            _("Run fixit as the user who owns it, or set FIXIT_HOME to a folder of your own."),
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
        reason = oserrors.reason(exc, type(exc).__name__)
        if mode & _OTHERS_WRITE:
            raise UnsafeStateError(
                _(
                    "{path} can be changed by other users ({mode:04o}) and fixit cannot make it "
                    "private: {reason}.",
                    path=str(path),
                    mode=mode,
                    reason=reason,
                ),
                _(
                    "Make it private with `chmod go-rwx` on it, or set FIXIT_HOME to a folder "
                    "of your own."
                ),
            ) from None
        warn(
            _(
                "{path} is open to other users ({mode:04o}) and fixit cannot make it private.",
                path=str(path),
                mode=mode,
            )
        )
        return
    warn(
        _(
            "{path} was open to other users ({mode:04o}); fixit made it private ({private:04o}).",
            path=str(path),
            mode=mode,
            private=private,
        )
    )


def _asked_language() -> str:
    """Until the edge says which: the language FIXIT_LANG or the locale asks for."""
    env = os.environ.get("FIXIT_LANG")
    return detect_language(env if env in LANGUAGES else None)


_language: list[Callable[[], str]] = [_asked_language]


def warnings_in(language: Callable[[], str] | None) -> None:
    """The edge's choice of language for warnings, asked when one is shown (a warning can come
    before the configuration that decides the language has been read); None: FIXIT_LANG or the
    locale again, when the run that chose is over."""
    _language[:] = [language or _asked_language]


def warn(message: Msg | str) -> None:
    """One warning line on stderr, in the language the edge chose."""
    from fixit.textsafe import visible

    text = str(message)
    try:
        from fixit.i18n import localized

        text = localized(message, _language[-1]())
    except Exception:  # the English text is still right: never lose a warning to translation
        pass
    try:
        sys.stderr.write(f"fixit: warning: {visible(text)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
