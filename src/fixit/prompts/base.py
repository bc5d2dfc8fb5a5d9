"""The Prompter protocol: the only way the wizard asks a person anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

Validator = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Option:
    """A selectable option: the value returned and the label shown (plain text)."""

    value: str
    label: str
    separator_before: bool = False
    keywords: str = ""  # more words a search finds it by (a tree's tags, other languages)
    always: bool = False  # kept in a searched list whatever is typed (e.g. Quit)


class Prompter(Protocol):
    """Asks questions; Ctrl-C raises KeyboardInterrupt, end of input raises EOFError."""

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        search: bool = False,
        instruction: str = "",
    ) -> str:
        """Pick one option; returns its value."""
        ...

    def text(
        self,
        message: str,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
        instruction: str = "",
    ) -> str:
        """Type a line (or lines); `validate` returns an error message or None."""
        ...

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        ...
