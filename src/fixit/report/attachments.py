"""Attachments: files named by the user or a tree field, checked and fingerprinted, never followed
into FIFOs or devices."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
from dataclasses import replace
from pathlib import Path

from fixit.report.parts import AttachedFile

MAX_BYTES = 25 * 1000 * 1000  # what most mail servers and help desks accept
PROBLEMS = ("missing", "not_a_file", "unreadable", "too_large")


def describe(path: Path, cap: int = MAX_BYTES) -> AttachedFile:
    """Name, size, sha256 and MIME type of a file, or the reason (`problem`) it is refused."""
    entry = AttachedFile(
        path=str(path),
        name=path.name,
        size=None,
        sha256=None,
        mime=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        problem=None,
    )
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return replace(entry, problem="missing")
    except OSError:
        return replace(entry, problem="unreadable")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return replace(entry, problem="not_a_file")
        if info.st_size > cap:
            return replace(entry, size=info.st_size, problem="too_large")
        digest = hashlib.sha256()
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > cap:  # the file grew while being read
                return replace(entry, size=size, problem="too_large")
            digest.update(chunk)
    except OSError:
        return replace(entry, problem="unreadable")
    finally:
        os.close(fd)
    return replace(entry, size=size, sha256=digest.hexdigest())
