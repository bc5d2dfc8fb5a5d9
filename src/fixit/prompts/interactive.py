"""The real prompter: questionary, always through unsafe_ask so Ctrl-C is never swallowed."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from fixit.i18n import Messages, _
from fixit.prompts.base import Option, Prompter, Validator
from fixit.prompts.words import yes_no_keys
from fixit.term import wrap_words


class QuestionaryPrompter:
    """Asks with questionary (imported on first use: it costs ~300 ms)."""

    def __init__(
        self,
        input: Any = None,
        output: Any = None,
        select_hint: str = "",
        yes_no_hint: str = "",
        no_match: str = "",
    ) -> None:
        """`select_hint` and `yes_no_hint` replace questionary's English "(Use arrow keys)" and
        "(Y/n)" (the keys stay y and n: prompt_toolkit binds only those); `no_match` is said when
        a search finds nothing."""
        self.select_hint = select_hint
        self.yes_no_hint = yes_no_hint
        self.no_match = no_match
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

        width = self._width()
        asked = message
        message, hint = fit_prompt(message, instruction or self.select_hint, width)
        choices: list[Any] = []
        chosen = None
        for opt in options:
            if opt.separator_before:
                choices.append(questionary.Separator(" "))
            label = fit_label(opt.label, width - 4)
            title = _searched(label, opt) if search else label
            c = questionary.Choice(title=title, value=opt.value)
            if opt.value == default:
                chosen = c
            choices.append(c)
        question = questionary.select(
            message,
            choices=choices,
            default=chosen,
            use_search_filter=search,
            use_jk_keys=not search,
            instruction=hint or None,
            qmark="?",
            erase_when_done=True,  # the answer is echoed below, broken between words
            **self._io,
        )
        if search:
            from fixit.prompts.search import type_every_letter, word_no_match

            type_every_letter(question)
            if self.no_match:
                word_no_match(question, self.no_match)
        values = {o.value for o in options}
        value = str(question.unsafe_ask())
        while value not in values:  # Esc then Enter ends the list with "": not an answer
            value = str(question.unsafe_ask())
        self._echo(asked, next((o.label for o in options if o.value == value), value))
        return value

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
        else:
            message, instruction = fit_prompt(message, instruction, self._width())
            if instruction.startswith("\n"):  # the hint took lines of its own: so does the answer,
                instruction += "\n"  # else it starts where the hint ends and breaks at once
        question = questionary.text(
            message,
            default=default,
            multiline=multiline,
            validate=check,
            instruction=instruction or None,
            qmark="?",
            **({"key_bindings": _enter_on_empty_finishes()} if multiline else {}),
            **self._io,
        )
        return str(question.unsafe_ask())

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        import questionary

        message, hint = fit_prompt(message, self.yes_no_hint, self._width())
        question = questionary.confirm(
            message,
            default=default,
            qmark="?",
            instruction=f"{hint} " if hint else None,
            **self._io,
        )
        return bool(question.unsafe_ask())

    def _echo(self, message: str, answer: str) -> None:
        """The answered prompt as questionary leaves it ("? question answer"), but broken
        between words: prompt_toolkit would cut it, or break it mid-word, at the edge."""
        width = self._width()
        line = "\n".join(wrap_words(f"? {message} {answer}", width - 1, "  ")) + "\n"
        output = self._io.get("output")
        if output is not None:
            output.write(line)
            output.flush()
        else:
            sys.stdout.write(line)
            sys.stdout.flush()

    def _width(self) -> int:
        """The columns prompt_toolkit will draw in (its output's, else the terminal's)."""
        import shutil

        output = self._io.get("output")
        try:
            columns = int(output.get_size().columns) if output is not None else 0
        except Exception:  # a stand-in output without a size
            columns = 0
        return max(20, columns or shutil.get_terminal_size().columns)


def _searched(label: str, option: Option) -> str:
    """A title a search finds by the option's keywords too (the picker's only)."""
    from fixit.prompts.search import SearchTitle

    return SearchTitle(label, option.keywords, option.always)


def _enter_on_empty_finishes() -> Any:
    """In a multi-line answer, Enter adds a line; on an empty answer it finishes (skips an
    optional one, or says that the answer is needed) instead of filling it with blank lines."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("enter", filter=Condition(lambda: not get_app().current_buffer.text.strip()))
    def _finish(event: Any) -> None:
        event.current_buffer.text = ""
        event.current_buffer.validate_and_handle()

    return bindings


def fit_prompt(message: str, hint: str, width: int) -> tuple[str, str]:
    """The prompt line "? message hint" broken between words to fit `width`: prompt_toolkit
    cuts (or, wrapping, breaks mid-word) a line wider than the terminal. The hint goes on lines of
    its own when it does not fit after the message."""
    from fixit.term import wrap_words

    room = width - 1  # the last column stays free for the cursor
    lines = wrap_words(message, room - 3) or [message]
    message = "\n  ".join(lines)
    if hint and len(lines[-1]) + 4 + len(hint) > room:
        hint = "\n" + "\n".join(wrap_words(hint, room) or [hint])
    return message, hint


def fit_label(label: str, width: int) -> str:
    """A choice's label on as many lines as it needs, never cut: the lines after the first are
    indented under it (the pointer's column)."""
    from fixit.term import wrap_words

    if len(label) <= width:
        return label
    return "\n   ".join(wrap_words(label, max(10, width)) or [label])


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
        select_hint=msgs(_("(Use arrow keys)")),
        yes_no_hint=yes_no_keys(msgs),
        no_match=msgs(_("No problem matches this: type less, or choose Quit.")),
    )
