"""File locks: flock on POSIX (tried for real), the region lock on Windows (through a fake msvcrt)."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from fixit.filelock import try_lock, unlock


def test_a_second_open_file_cannot_take_a_held_lock(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    first = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    second = os.open(path, os.O_RDONLY)
    try:
        assert try_lock(first) is True
        assert try_lock(second) is False
        assert try_lock(second, shared=True) is False
        unlock(first)
        assert try_lock(second, shared=True) is True
        assert try_lock(first) is False  # a reader holds it now
    finally:
        os.close(first)
        os.close(second)


class FakeMsvcrt(types.ModuleType):
    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int, int]] = []
        self.held = False

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        if mode == self.LK_NBLCK:
            if self.held:
                raise PermissionError(13, "Permission denied")
            self.held = True
        elif not self.held:
            raise PermissionError(13, "Permission denied")
        else:
            self.held = False


def test_windows_locks_the_first_byte_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    fd = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"process 1 on host")  # the position moved: the lock must still be byte 0
        assert try_lock(fd) is True
        assert try_lock(fd, shared=True) is False  # no shared locks on Windows
        unlock(fd)
        unlock(fd)  # releasing what is not held is not an error
    finally:
        os.close(fd)
    assert fake.calls == [(0, 2, 1), (0, 2, 1), (0, 0, 1), (0, 0, 1)]
