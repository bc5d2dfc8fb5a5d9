"""The operating system's reasons for a failed call, as messages that translate.

An `OSError` says why in the C library's English (`strerror`: "Permission denied"). fixit puts
that reason inside its own sentences, so the reason must translate with them: the error number
picks a message here. A text that is not the system's own (a library's words, a server's) is
kept as it is, as data.
"""

from __future__ import annotations

import os
from errno import (
    EACCES,
    EBUSY,
    ECONNABORTED,
    ECONNREFUSED,
    ECONNRESET,
    EDQUOT,
    EEXIST,
    EFBIG,
    EHOSTDOWN,
    EHOSTUNREACH,
    EIO,
    EISDIR,
    ELOOP,
    EMFILE,
    ENAMETOOLONG,
    ENETDOWN,
    ENETUNREACH,
    ENFILE,
    ENOENT,
    ENOMEM,
    ENOSPC,
    ENOTDIR,
    ENOTEMPTY,
    ENXIO,
    EPERM,
    EPIPE,
    EROFS,
    ESTALE,
    ETIMEDOUT,
)

from fixit.i18n import N_, Msg, _

# errno -> (the reason as a sentence's own words, the same in lower case inside a sentence);
# the English is glibc's strerror, so English output is what the system itself says
REASONS: dict[int, tuple[str, str]] = {
    EACCES: (N_("Permission denied"), N_("permission denied")),
    EPERM: (N_("Operation not permitted"), N_("operation not permitted")),
    ENOSPC: (N_("No space left on device"), N_("no space left on device")),
    EDQUOT: (N_("Disk quota exceeded"), N_("disk quota exceeded")),
    EROFS: (N_("Read-only file system"), N_("read-only file system")),
    ENOENT: (N_("No such file or directory"), N_("no such file or directory")),
    EISDIR: (N_("Is a directory"), N_("is a directory")),
    ENOTDIR: (N_("Not a directory"), N_("not a directory")),
    EEXIST: (N_("File exists"), N_("file exists")),
    ENAMETOOLONG: (N_("File name too long"), N_("file name too long")),
    ELOOP: (N_("Too many levels of symbolic links"), N_("too many levels of symbolic links")),
    EIO: (N_("Input/output error"), N_("input/output error")),
    EBUSY: (N_("Device or resource busy"), N_("device or resource busy")),
    EFBIG: (N_("File too large"), N_("file too large")),
    EMFILE: (N_("Too many open files"), N_("too many open files")),
    ENFILE: (N_("Too many open files in system"), N_("too many open files in system")),
    ENOTEMPTY: (N_("Directory not empty"), N_("directory not empty")),
    ENXIO: (N_("No such device or address"), N_("no such device or address")),
    EPIPE: (N_("Broken pipe"), N_("broken pipe")),
    ESTALE: (N_("Stale file handle"), N_("stale file handle")),
    ENOMEM: (N_("Cannot allocate memory"), N_("cannot allocate memory")),
    ECONNREFUSED: (N_("Connection refused"), N_("connection refused")),
    ECONNRESET: (N_("Connection reset by peer"), N_("connection reset by peer")),
    ECONNABORTED: (N_("Software caused connection abort"), N_("software caused connection abort")),
    ETIMEDOUT: (N_("Connection timed out"), N_("connection timed out")),
    ENETUNREACH: (N_("Network is unreachable"), N_("network is unreachable")),
    ENETDOWN: (N_("Network is down"), N_("network is down")),
    EHOSTUNREACH: (N_("No route to host"), N_("no route to host")),
    EHOSTDOWN: (N_("Host is down"), N_("host is down")),
}

# fixit's own reasons, raised as OSError inside fixit (storage.open_checked)
NOT_REGULAR = N_("not a regular file")
_OWN = {NOT_REGULAR: NOT_REGULAR}


def reason(exc: OSError, fallback: str | None = None, *, lowercase: bool = False) -> Msg | str:
    """Why `exc` failed: a message for the system's own reason, else its text as it is.

    Without a text (`strerror` is empty) `fallback` is said, or `str(exc)` when none is given;
    `lowercase` gives the reason as it reads inside a sentence ("cannot read X: permission
    denied")."""
    text = exc.strerror
    if not text:
        plain = fallback if fallback is not None else str(exc) or type(exc).__name__
        return plain.lower() if lowercase else plain
    if text in _OWN:
        return _(_OWN[text])
    known = REASONS.get(exc.errno) if exc.errno is not None else None
    if known is not None and text in (known[0], _system_text(exc.errno)):
        return _(known[1] if lowercase else known[0])
    return text.lower() if lowercase else text


def _system_text(number: int | None) -> str:
    """The C library's own words for an error number ("" for none)."""
    if number is None:
        return ""
    try:
        return os.strerror(number)
    except ValueError:
        return ""
