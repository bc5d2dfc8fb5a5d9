"""Attachments: files named by the user or a tree field, checked and fingerprinted, never followed
into FIFOs or devices."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
from pathlib import Path
from typing import Any

MAX_BYTES = 25 * 1000 * 1000  # what most mail servers and help desks accept
PROBLEMS = ("missing", "not_a_file", "unreadable", "too_large")


def describe(path: Path, cap: int = MAX_BYTES) -> dict[str, Any]:
    """Name, size, sha256 and MIME type of a file, or the reason (`problem`) it is refused."""
    entry: dict[str, Any] = {
        "path": str(path),
        "name": path.name,
        "size": None,
        "sha256": None,
        "mime": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        "problem": None,
    }
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return {**entry, "problem": "missing"}
    except OSError:
        return {**entry, "problem": "unreadable"}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return {**entry, "problem": "not_a_file"}
        if info.st_size > cap:
            return {**entry, "size": info.st_size, "problem": "too_large"}
        digest = hashlib.sha256()
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > cap:  # the file grew while being read
                return {**entry, "size": size, "problem": "too_large"}
            digest.update(chunk)
    except OSError:
        return {**entry, "problem": "unreadable"}
    finally:
        os.close(fd)
    return {**entry, "size": size, "sha256": digest.hexdigest()}
