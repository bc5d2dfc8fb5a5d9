"""What every command needs: language, configuration, consoles, trees — made once, passed in."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fixit.config import Config, load_config
from fixit.i18n import Messages, detect_language

if TYPE_CHECKING:
    from rich.console import Console

    from fixit.term import Screen
    from fixit.trees.library import Library


CURRENT: list[
    AppContext
] = []  # the run's context, once the command line is read: the error boundary's


def error_language(hint: str) -> str:
    """The language for an error or a warning: the run's own (read from its configuration, which
    is read at most once), else the hint the boundary took from --lang, FIXIT_LANG and the locale:
    before the command line is read, while the configuration is being read, or when reading it
    failed (it is not tried again)."""
    if not CURRENT or CURRENT[-1].config_state in ("reading", "failed"):
        return hint
    try:
        return CURRENT[-1].lang
    except Exception:  # the configuration is what failed
        return hint


@dataclass
class AppContext:
    """The injectable environment of one fixit run (tests build their own)."""

    lang_option: str | None = None
    trees_option: list[Path] = field(default_factory=list)
    config_path: Path | None = None
    no_color: bool = False
    debug: bool = False
    plain_option: bool = False

    config_state: str = field(default="unread", init=False, repr=False)

    @cached_property
    def config(self) -> Config:
        """The configuration, loaded and validated once."""
        self.config_state = "reading"
        try:
            loaded = load_config(self.config_path)
        except BaseException:
            self.config_state = "failed"
            raise
        self.config_state = "read"
        return loaded

    @cached_property
    def lang(self) -> str:
        """The UI language."""
        return detect_language(self.lang_option, self.config.lang)

    @cached_property
    def msgs(self) -> Messages:
        """UI messages in the current language."""
        return Messages(self.lang)

    @cached_property
    def console(self) -> Console:
        """Human output on stdout."""
        from fixit.ui import make_console

        no_color = self.no_color or bool(os.environ.get("NO_COLOR"))
        return make_console(no_color, plain=self.plain)

    @cached_property
    def plain(self) -> bool:
        """Plain mode: --plain or FIXIT_PLAIN, a dumb terminal, or typed input with output that
        is not a terminal (a screen reader's or a logging wrapper's)."""
        if self.plain_option or os.environ.get("TERM") == "dumb":
            return True
        return self.interactive() and not _isatty(sys.stdout)

    @cached_property
    def screen(self) -> Screen:
        """Light output for the wizard (no rich import on the way to the first prompt)."""
        from fixit.term import Screen

        return Screen(self.no_color, plain=self.plain)

    @cached_property
    def library(self) -> Library:
        """Every tree from every source."""
        from fixit.trees.library import default_sources, load_library

        return load_library(default_sources(self.config.trees, self.trees_option))

    def interactive(self) -> bool:
        """Whether a person can answer prompts here: a terminal, or with --plain a pipe (a
        braille or speech program's, or a line-based terminal's), never a file or /dev/null."""
        try:
            if sys.stdin is None:
                return False
            if sys.stdin.isatty():
                return True
            mode = os.fstat(sys.stdin.fileno()).st_mode
        except (ValueError, OSError, AttributeError):
            return False
        return self.plain_option and (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode))


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False
