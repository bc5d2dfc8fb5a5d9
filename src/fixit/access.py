"""Why a file or folder cannot be reached: which folder stops the way, whose it is, what to do.

Used where fixit reads what the user or the organisation set up (configuration, credentials,
tree folders): a folder that cannot be entered is named with its owner and mode and a command
that fixes it, instead of a crash at the first `stat`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from fixit import oserrors, paths
from fixit.i18n import Msg, _

DENIED = (errno.EACCES, errno.EPERM)


def blocked_folder(path: Path) -> Path | None:
    """The first folder on the way to `path` (`path` itself when it is a folder) that this
    user cannot enter; None when nothing on the way is closed."""
    target = Path(os.path.abspath(path))
    for folder in [*reversed(target.parents), target]:
        try:
            st = os.stat(folder)
        except PermissionError:
            return folder.parent
        except OSError:
            return None  # missing from here on: nothing is closed
        if stat.S_ISDIR(st.st_mode) and not os.access(folder, os.X_OK):
            return folder
    return None


def closed(path: Path) -> bool:
    """Whether this user is kept from reading `path`: a closed folder on the way, or the file."""
    if blocked_folder(path) is not None:
        return True
    return os.path.exists(path) and not os.access(path, os.R_OK)


def _name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def _mine(folder: Path) -> bool:
    """Whether `folder` lies in the user's own area (home, configuration), where a folder of
    someone else's is a leftover to take back rather than a policy to ask about."""
    try:
        own = (Path.home(), paths.user_config_dir().parent)
    except RuntimeError:  # no home folder at all
        return False
    return any(folder == area or area in folder.parents for area in own)


def _hint(target: Path, st: os.stat_result | None) -> Msg:
    getuid = getattr(os, "getuid", None)
    if st is None or getuid is None:  # pragma: no cover - Windows, or a race
        return _("Check the permissions of the folder and the file.")
    me = getuid()
    if st.st_uid == me:
        return _("Give yourself access with `chmod u+rwX {path}`.", path=str(target))
    user = _name(me)
    user = str(me) if user.startswith("uid ") else user  # chown takes a number too
    if _mine(target) and st.st_uid == 0:
        return _(
            "Make it yours again with `sudo chown -R {user} {path}` "
            "(running fixit with sudo leaves files of root's behind).",
            user=user,
            path=str(target),
        )
    if _mine(target):
        return _(
            "Make it yours again with `sudo chown -R {user} {path}`.", user=user, path=str(target)
        )
    return _(
        "Ask your administrator to let you read it, for example `sudo chmod a+rX {path}`.",
        path=str(target),
    )


def why_denied(path: Path) -> Msg:
    """A short reason `path` cannot be read, for a message that already names it."""
    blocked = blocked_folder(path)
    _st, owner, mode = _owner(blocked or path)
    if blocked is not None:
        return _(
            "permission denied for the folder {folder} (owner {owner}, mode {mode})",
            folder=str(blocked),
            owner=owner,
            mode=mode,
        )
    return _("permission denied (owner {owner}, mode {mode})", owner=owner, mode=mode)


def _owner(target: Path) -> tuple[os.stat_result | None, str, str]:
    try:
        st = os.stat(target)
    except OSError:
        return None, "unknown", "unknown"
    return st, _name(st.st_uid), f"{stat.S_IMODE(st.st_mode):04o}"


def denied(path: Path, what: Msg | str, folder: Msg | str = "") -> tuple[Msg, Msg]:
    """(message, hint) for `path`, described as `what`, that this user may not read; `folder`
    describes the folder it is in, named alone when that folder is the one closed."""
    blocked = blocked_folder(path)
    target = blocked or path
    st, owner, mode = _owner(target)
    who = {"owner": owner, "mode": mode}
    if blocked is None:
        message = _(
            "cannot read {what} ({path}): permission denied (owner {owner}, mode {mode}).",
            what=what,
            path=str(path),
            **who,
        )
    elif blocked == Path(os.path.abspath(path)):
        message = _(
            "cannot open {what} ({path}): permission denied (owner {owner}, mode {mode}).",
            what=what,
            path=str(path),
            **who,
        )
    elif folder and blocked == Path(os.path.abspath(path)).parent:
        message = _(
            "cannot open {what} ({path}): permission denied (owner {owner}, mode {mode}).",
            what=folder,
            path=str(blocked),
            **who,
        )
    else:
        message = _(
            "cannot open the folder {folder}, so {what} ({path}) cannot be read: "
            "permission denied (owner {owner}, mode {mode}).",
            folder=str(blocked),
            what=what,
            path=str(path),
            **who,
        )
    return message, _hint(target, st)


def unreadable(
    path: Path, what: Msg | str, folder: Msg | str = "", *, exc: OSError
) -> tuple[Msg, Msg]:
    """(message, hint) for an error reading `path`: a denied one explained, others as they are."""
    if exc.errno in DENIED:
        return denied(path, what, folder)
    reason = oserrors.reason(exc, type(exc).__name__, lowercase=True)
    return (
        _("cannot read {what} ({path}): {reason}.", what=what, path=str(path), reason=reason),
        _("Check the file and the folders above it."),
    )
