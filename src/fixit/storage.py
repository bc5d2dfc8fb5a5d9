"""Private files: a 0700 state directory, 0600 files written atomically, synced appends."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from fixit import oserrors, paths, permissions
from fixit.errors import StorageError
from fixit.i18n import N_, _

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


Operation = Literal["create the folder", "open", "read", "write", "save to"]

# one whole sentence for each operation, so that a translator sees what failed
_CANNOT: dict[str, str] = {
    "create the folder": N_("cannot create the folder {path}: {reason}."),
    "open": N_("cannot open {path}: {reason}."),
    "read": N_("cannot read {path}: {reason}."),
    "write": N_("cannot write {path}: {reason}."),
    "save to": N_("cannot save to {path}: {reason}."),
}


def failure(what: Operation, path: Path, exc: OSError) -> StorageError:
    """A failed read or write of `path` as a clear error: the reason and what to do."""
    if exc.errno == errno.ENOSPC:
        hint = _("Free some disk space, then run the command again.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = _("Set FIXIT_HOME to a folder you can write to, or fix the folder's permissions.")
    else:
        hint = _("Check the folder and the disk, then run the command again.")
    return StorageError(_(_CANNOT[what], path=str(path), reason=oserrors.reason(exc)), hint)


def private_dir(path: Path) -> Path:
    """Create a folder (and its parents) readable only by this user.

    Every folder from fixit's own top (the state or cache folder) down to `path` is checked
    before fixit goes into it: a link is refused, a loose one made private (permissions.py)."""
    top = _own_top(path)
    try:
        missing = []  # the folders above the top this call creates: each 0700 too
        for folder in top.parents:
            if os.path.lexists(folder):
                break
            missing.append(folder)
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):  # made by another fixit just now
                os.mkdir(folder, 0o700)
    except OSError as exc:
        raise failure("create the folder", path, exc) from None
    folder = top
    _enter(folder)
    for part in path.relative_to(top).parts:
        folder = folder / part
        _enter(folder)
    return path


def _own_top(path: Path) -> Path:
    """The highest of fixit's own folders (state, cache) holding `path`, else `path` itself."""
    best = path
    for root in (paths.state_dir(), paths.cache_dir()):
        if (root == path or root in path.parents) and len(root.parts) < len(best.parts):
            best = root
    return best


def _enter(folder: Path) -> None:
    """Check one of fixit's folders (making it when missing) before going into it."""
    try:
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
            st = os.lstat(folder)
    except OSError as exc:
        raise failure("create the folder", folder, exc) from None
    permissions.check(folder, st, folder=True)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a 0600 file via temp file, fsync and rename, so readers see old or new, never half."""
    try:
        _replace_with(path, data)
    except OSError as exc:
        raise failure("write", path, exc) from None


def _replace_with(path: Path, data: bytes, mode: int = 0o600) -> None:
    """The atomic write itself; OSError on failure, the temp file removed."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode != 0o600:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def write_output(path: Path, data: bytes, new_mode: int = 0o600) -> None:
    """Write a file the user named (`--output`): through a symlink to its target, straight into
    a device or pipe (`/dev/stdout`, a FIFO), else atomically, keeping an existing file's mode
    (a new one is `new_mode`, 0600 unless told: reports hold personal data)."""
    real = path.resolve()
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _output_failed(path, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise StorageError(
            _("{path} is a folder.", path=str(path)), _("Give a file name inside it instead.")
        )
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:  # non-blocking open: a pipe nobody reads must not hang fixit
            fd = os.open(real, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise StorageError(
                    _("nothing is reading the pipe {path}.", path=str(path)),
                    _("Start the program that reads it first, or write to a file."),
                ) from None
            raise _output_failed(path, exc) from None
        try:
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)  # a reader is there: let it take the bytes at its pace
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise _output_failed(path, exc) from None
        return
    try:
        _replace_with(real, data, stat.S_IMODE(st.st_mode) if st is not None else new_mode)
    except OSError as exc:
        raise _output_failed(path, exc) from None


def _output_failed(path: Path, exc: OSError) -> StorageError:
    hint = (
        _("Free some disk space, then run the command again.")
        if exc.errno == errno.ENOSPC
        else _("Choose a place you can write to with --output.")
    )
    reason = oserrors.reason(exc, type(exc).__name__)
    return StorageError(_("cannot write {path}: {reason}.", path=str(path), reason=reason), hint)


def write_json(path: Path, value: Any) -> None:
    """Write JSON atomically."""
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))


def read_json(path: Path) -> Any:
    """Read one of fixit's JSON files, never through a symlink.

    OSError when it cannot be read (ELOOP for a link), ValueError for damaged content,
    UnsafeStateError when the policy refuses it (another user's, say)."""
    fd = open_checked(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as fh:
        return json.loads(fh.read().decode("utf-8"))


def open_checked(path: Path, flags: int) -> int:
    """`os.open` of one of fixit's files, not through a link (OSError ELOOP), then the policy:
    a regular file of this user's, made private if it was not (permissions.py)."""
    # non-blocking: a FIFO planted in a file's place must not hang the command
    fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, 0o600)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, oserrors.NOT_REGULAR, str(path))
        permissions.check(path, st, folder=False, fd=fd)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_private(path: Path, flags: int) -> int:
    """`open_checked` with every failure a clear error: a link refused, the reason said."""
    try:
        return open_checked(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise permissions.link_refused(path) from None
        raise failure("open", path, exc) from None


def open_append(path: Path) -> int:
    """Open a 0600 file for appending, never through a symlink."""
    return open_private(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)


def append_line(fd: int, path: Path, line: str) -> None:
    """Append one line and sync it to disk before returning."""
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    try:
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    except OSError as exc:
        raise failure("save to", path, exc) from None


def aside_name(path: Path) -> Path:
    """The name a damaged file is kept under: `.corrupt`, numbered when one exists."""
    target = path.with_name(path.name + ".corrupt")
    n = 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{path.name}.corrupt{n}")
    return target


def keep_aside(path: Path) -> Path:
    """Move a damaged file aside as `.corrupt` (numbered if one exists) and return the new name."""
    target = aside_name(path)
    with contextlib.suppress(OSError):
        os.replace(path, target)
    return target


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """Temporarily set the process umask."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)
