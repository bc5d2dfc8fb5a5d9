"""The verify's wait on a real pseudo-terminal: a key stops it, an earlier key does not, nothing
typed is left for the next prompt, and the terminal's settings come back."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import TextIO

import pytest

from fixit.keywait import key_wait

termios = pytest.importorskip("termios")


@pytest.fixture
def terminal() -> Iterator[tuple[int, TextIO]]:
    """The keyboard side (master) and the program's stdin (slave) of a fresh pty."""
    master, slave = os.openpty()
    stdin = os.fdopen(slave, "r")
    yield master, stdin
    stdin.close()
    os.close(master)


def press_later(master: int, key: bytes, after: float) -> None:
    threading.Timer(after, os.write, (master, key)).start()


def pending(fd: int) -> bool:
    import select

    return bool(select.select([fd], [], [], 0)[0])


def test_a_key_stops_the_wait_and_is_not_left_for_the_next_prompt(
    terminal: tuple[int, TextIO],
) -> None:
    master, stdin = terminal
    before = termios.tcgetattr(stdin.fileno())
    press_later(master, b"x", 0.2)
    began = time.monotonic()
    assert key_wait(10, stdin) is True
    assert time.monotonic() - began < 3
    assert termios.tcgetattr(stdin.fileno()) == before  # canonical mode and echo are back
    time.sleep(0.1)
    assert not pending(stdin.fileno())


def test_no_key_waits_the_whole_time_and_a_key_typed_before_does_not_count(
    terminal: tuple[int, TextIO],
) -> None:
    master, stdin = terminal
    os.write(master, b"\n")  # typed at the prompt before: the wait must not take it
    began = time.monotonic()
    assert key_wait(0.5, stdin) is False
    assert time.monotonic() - began >= 0.45


def test_input_that_is_not_a_terminal_just_waits() -> None:
    read, write = os.pipe()
    os.write(write, b"1\n")  # the next answers of a pipe: never taken for a key
    with os.fdopen(read, "r") as piped:
        assert key_wait(0.1, piped) is False
        os.close(write)
        assert piped.read() == "1\n"


def test_ctrl_c_during_the_wait_gives_the_terminal_back_as_it_was(
    terminal: tuple[int, TextIO],
) -> None:
    _, stdin = terminal
    before = termios.tcgetattr(stdin.fileno())
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
    with pytest.raises(KeyboardInterrupt):
        key_wait(10, stdin)
    assert termios.tcgetattr(stdin.fileno()) == before
