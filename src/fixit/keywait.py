"""A wait that a key cuts short: the wizard's pause before it checks again."""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from typing import TextIO

try:
    import termios
    import tty
except ImportError:  # Windows: no termios; msvcrt reads the console's keys there
    termios = None  # type: ignore[assignment]


def key_wait(seconds: float, stdin: TextIO | None = None) -> bool:
    """Wait `seconds`, or less if a key is pressed on the terminal; True when a key cut it short.

    Keys pressed before the wait began are dropped (they belonged to an earlier prompt), and so
    are the ones that cut it short: they must not answer the prompt that follows.
    """
    stream = stdin or sys.stdin
    try:
        fd = stream.fileno()
        on_terminal = os.isatty(fd)
    except (AttributeError, ValueError, OSError):
        on_terminal = False
    if not on_terminal:  # piped input is the next answers, not a key: just wait
        time.sleep(seconds)
        return False
    if termios is None:
        return _console_wait(seconds)
    before = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)  # a key arrives alone, without Enter, and is not echoed
        termios.tcflush(fd, termios.TCIFLUSH)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                return True
        return False
    finally:
        with contextlib.suppress(termios.error):
            termios.tcflush(fd, termios.TCIFLUSH)
            termios.tcsetattr(fd, termios.TCSADRAIN, before)


def _console_wait(seconds: float) -> bool:  # pragma: no cover - Windows only
    """The same wait on a Windows console."""
    import msvcrt

    def drain() -> None:
        while msvcrt.kbhit():  # type: ignore[attr-defined]
            msvcrt.getwch()  # type: ignore[attr-defined]

    drain()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if msvcrt.kbhit():  # type: ignore[attr-defined]
            drain()
            return True
        time.sleep(0.05)
    return False
