"""Light terminal output for the wizard's prompts: plain text and ANSI styles, no rich import.

rich costs ~20 ms to import; the wizard prints a heading, a text and (agent mode) a boxed script
before every prompt, so that path writes directly. Untrusted text goes through `visible`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TextIO

from fixit.textsafe import visible

STYLES = {
    "bold": "1",
    "dim": "2",
    "cyan": "1;36",
    "yellow": "33",
    "red": "31",
    "green": "32",
    "magenta": "35",
    "blue": "34",
}


class Screen:
    """Writes lines and boxes to a stream; colour only on a terminal, never with NO_COLOR.

    `plain` (screen readers, line terminals): no colour, no box drawing, no spinner; a box is its
    title as a word ("Say: ...") and every line is written once, never redrawn. Lines are broken
    between words only, in every mode.
    """

    def __init__(
        self, no_color: bool = False, stream: TextIO | None = None, plain: bool = False
    ) -> None:
        self.stream = stream or sys.stdout
        self.plain = plain
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        dumb = os.environ.get("TERM", "") in ("dumb", "")
        self.color = (
            tty and not dumb and not plain and not no_color and not os.environ.get("NO_COLOR")
        )

    @property
    def width(self) -> int:
        """The terminal's width in columns (80 when unknown)."""
        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _style(self, text: str, style: str) -> str:
        codes = ";".join(STYLES[s] for s in style.split() if s in STYLES)
        return f"\x1b[{codes}m{text}\x1b[0m" if self.color and codes else text

    def line(self, text: str = "", style: str = "") -> None:
        """Untrusted text, wrapped to the terminal, in a style."""
        out = []
        for para in visible(text).split("\n"):
            wrapped = wrap_words(para, self.width) or [""]
            out += [self._style(w, style) for w in wrapped]
        self._write("\n".join(out) + "\n")

    def box(self, text: str, title: str = "", style: str = "") -> None:
        """Untrusted text in a box with a title (the agent's script, help)."""
        if self.plain:
            self.line(f"{title}: {text}" if title else text)
            return
        inner = max(10, min(self.width, 100) - 4)
        body: list[str] = []
        for para in visible(text).split("\n"):
            body += wrap_words(para, inner) or [""]
        width = max([len(b) for b in body] + [len(title) + 2])
        top = (
            f"╭─ {title} " + "─" * max(0, width - len(title) - 1) + "╮"
            if title
            else "╭" + "─" * (width + 2) + "╮"
        )
        lines = [self._style(top, style)]
        lines += [
            self._style("│ ", style)
            + self._style(b.ljust(width), "bold")
            + self._style(" │", style)
            for b in body
        ]
        lines.append(self._style("╰" + "─" * (width + 2) + "╯", style))
        self._write("\n".join(lines) + "\n")

    @contextlib.contextmanager
    def status(self, text: str) -> Iterator[None]:
        """A spinner while something slow runs (rich is imported only now)."""
        if not self.color:
            self.line(text, "dim")
            yield
            return
        from rich.console import Console

        with Console(highlight=False, file=self.stream).status(visible(text)):
            yield

    def _write(self, data: str) -> None:
        self.stream.write(data)
        self.stream.flush()


def wrap_words(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width`, broken between words only: a word longer than a line (a URL, a
    path) stays whole for the terminal to fold, so it can still be copied."""
    return textwrap.wrap(
        text, width, break_long_words=False, break_on_hyphens=False, subsequent_indent=indent
    )


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a closed or odd stream counts as not)."""
    try:
        return sys.stdout.isatty()
    except (ValueError, OSError):
        return False


def page(text: str) -> None:
    """Print; on a terminal, a text taller than the screen goes to the pager."""
    if stdout_is_terminal() and text.count("\n") > shutil.get_terminal_size().lines - 2:
        import pydoc

        pydoc.pager(text)
    else:
        sys.stdout.write(text)
