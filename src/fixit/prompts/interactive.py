"""The real prompter: questionary, always through unsafe_ask so Ctrl-C is never swallowed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fixit.i18n import Messages
from fixit.prompts.base import Option, Prompter, Validator


class QuestionaryPrompter:
    """Asks with questionary (imported on first use: it costs ~300 ms)."""

    def __init__(
        self,
        input: Any = None,
        output: Any = None,
        select_hint: str = "",
        yes_no_hint: str = "",
    ) -> None:
        """`select_hint` and `yes_no_hint` replace questionary's English "(Use arrow keys)" and
        "(Y/n)" (the keys stay y and n: prompt_toolkit binds only those)."""
        self.select_hint = select_hint
        self.yes_no_hint = yes_no_hint
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        search: bool = False,
        instruction: str = "",
    ) -> str:
        """A select list; with `search`, typing filters the list."""
        import questionary

        choices: list[Any] = []
        chosen = None
        for opt in options:
            if opt.separator_before:
                choices.append(questionary.Separator(" "))
            c = questionary.Choice(title=opt.label, value=opt.value)
            if opt.value == default:
                chosen = c
            choices.append(c)
        question = questionary.select(
            message,
            choices=choices,
            default=chosen,
            use_search_filter=search,
            use_jk_keys=not search,
            instruction=instruction or self.select_hint or None,
            qmark="?",
            **self._io,
        )
        return str(question.unsafe_ask())

    def text(
        self,
        message: str,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
        instruction: str = "",
    ) -> str:
        """A line of text (or several with multiline); invalid input is refused in place."""
        import questionary

        def check(value: str) -> bool | str:
            error = validate(value) if validate else None
            return error or True

        if multiline:
            message, instruction = _above_input(message, instruction)
        question = questionary.text(
            message,
            default=default,
            multiline=multiline,
            validate=check,
            instruction=instruction or None,
            qmark="?",
            **self._io,
        )
        return str(question.unsafe_ask())

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        import questionary

        hint = f"{self.yes_no_hint} " if self.yes_no_hint else None
        question = questionary.confirm(
            message, default=default, qmark="?", instruction=hint, **self._io
        )
        return bool(question.unsafe_ask())


def _above_input(message: str, instruction: str) -> tuple[str, str]:
    """A multiline prompt's question and hint, wrapped to the terminal, on lines of their own.

    prompt_toolkit draws nothing at all for a multiline prompt whose first line is wider than
    the terminal (seen at 100 columns with a long question), and it truncates, never wraps, the
    lines above the input: so wrap them here, and end with a newline.
    """
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size().columns - 4)
    question = "\n".join(textwrap.wrap(message, width)) or message
    hint = "\n".join(textwrap.wrap(instruction, width))
    return question, f"\n{hint}\n" if hint else "\n"


def prompter_for(
    msgs: Messages, plain: bool = False, commands: Mapping[str, str] | None = None
) -> Prompter:
    """The prompter for a person: plain numbered lines in plain mode, else questionary with its
    own hints in the user's language. `commands` maps typed slash commands to option values."""
    if plain:
        from fixit.prompts.plain import PlainPrompter

        return PlainPrompter(msgs, commands)
    return QuestionaryPrompter(
        select_hint=msgs("prompt.select_hint"), yes_no_hint=msgs("prompt.yes_no_hint")
    )
