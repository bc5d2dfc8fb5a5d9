"""A prompter that replies from a list: the test double of the interactive prompter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fixit.errors import NeedsTerminalError
from fixit.i18n import _
from fixit.prompts.base import Option, Validator
from fixit.prompts.words import YES, answer_words


class ScriptedPrompter:
    """Replies in order; a select reply may be an option's value, its label, or a 1-based index."""

    def __init__(self, replies: Iterable[str | bool]) -> None:
        self.replies = list(replies)
        self.asked: list[str] = []

    def _next(self, message: str) -> str | bool:
        self.asked.append(message)
        if not self.replies:
            raise NeedsTerminalError(_("no scripted reply left for: {question}", question=message))
        reply = self.replies.pop(0)
        if reply == "^C":
            raise KeyboardInterrupt
        return reply

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        search: bool = False,
        instruction: str = "",
    ) -> str:
        """Return the option matching the next reply; an empty reply takes the default."""
        reply = str(self._next(message))
        if reply == "" and default is not None:
            return default
        for i, opt in enumerate(options, 1):
            if reply in (opt.value, opt.label, str(i)):
                return opt.value
        raise AssertionError(
            f"{reply!r} is not an option of {message!r}: {[o.value for o in options]}"
        )

    def text(
        self,
        message: str,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
        instruction: str = "",
    ) -> str:
        """Return the next reply, which must pass `validate` (as a person would be made to)."""
        reply = str(self._next(message)) or default
        if validate is not None:
            error = validate(reply)
            if error:
                raise AssertionError(f"{reply!r} was refused: {error}")
        return reply

    def confirm(self, message: str, default: bool = True) -> bool:
        """Return the next reply as a boolean (`y`, `yes`, True...)."""
        reply = self._next(message)
        if isinstance(reply, bool):
            return reply
        return default if reply == "" else reply.lower() in answer_words(YES) | {"true"}
