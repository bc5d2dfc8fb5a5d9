"""The plain prompter: numbered choices and typed lines, for screen readers and line terminals.

Nothing is redrawn and nothing moves: every prompt is written once, as whole lines, and read as
one line of input. A choice is the number in front of it, or the start of its label; slash
commands (/back, /note, ...) name the wizard's own options in either language.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from fixit.i18n import Messages, _
from fixit.prompts.base import Option, Validator
from fixit.prompts.words import NO, YES, answer_words
from fixit.textsafe import visible

_MARKS = "←✎?·•-* "  # the decorations some labels start with; typed text never has them


class PlainPrompter:
    """Asks on plain lines; Ctrl-C raises KeyboardInterrupt, end of input raises EOFError."""

    def __init__(
        self,
        msgs: Messages,
        commands: Mapping[str, str] | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.msgs = msgs
        self.commands = dict(commands or {})
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        search: bool = False,
        instruction: str = "",
    ) -> str:
        """Numbered options; the answer is a number, the start of a label or a slash command."""
        m = self.msgs
        self._say(message)
        self._list(options, default)
        numbers = {str(i): o.value for i, o in enumerate(options, 1)}
        chosen = next((i for i, o in enumerate(options, 1) if o.value == default), None)
        ask = m(_("Type a number from 1 to {last}:", last=len(options)))
        if chosen is not None:
            ask = m(
                _(
                    "Type a number from 1 to {last} (Enter: {default}):",
                    last=len(options),
                    default=chosen,
                )
            )
        while True:
            typed = self._read(ask).strip()
            if not typed and chosen is not None:
                return options[chosen - 1].value
            if typed in numbers:
                return numbers[typed]
            value = self.commands.get(typed.lower())
            if value is not None and value in numbers.values():
                return value
            found = _matching(typed, options) if typed else []
            if len(found) == 1:
                return found[0].value
            if len(found) > 1:
                self._say(m(_("More than one answer matches. Type its number:")))
                self._list(found, None, [options.index(o) + 1 for o in found])
            else:
                self._say(
                    m(
                        _(
                            "Type a number from 1 to {last}, or the start of an answer.",
                            last=len(options),
                        )
                    )
                )

    def text(
        self,
        message: str,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
        instruction: str = "",
    ) -> str:
        """A line (or, with multiline, lines up to an empty one); refused input is asked again."""
        m = self.msgs
        if multiline:
            instruction = instruction.replace(
                m(_("(Enter starts a new line; Esc then Enter finishes)")),
                m(_("(finish with an empty line)")),
            )
        self._say(message)
        if instruction.strip():
            self._say(instruction.strip())
        if default:
            self._say(m(_("Enter keeps: {value}", value=visible(default, True))))
        while True:
            value = self._lines() if multiline else self._read("> ")
            if not value.strip() and default:
                value = default
            error = validate(value) if validate else None
            if error is None:
                return value
            self._say(error)

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no, typed as a word or its first letter, in any language fixit speaks."""
        m = self.msgs
        ask = m(_("Yes or no? (y/n, Enter: yes)") if default else _("Yes or no? (y/n, Enter: no)"))
        self._say(message)
        while True:
            typed = self._read(ask).strip().lower()
            if not typed:
                return default
            if typed in answer_words(YES):
                return True
            if typed in answer_words(NO):
                return False
            self._say(m(_("Type y for yes or n for no.")))

    def _list(
        self, options: Sequence[Option], default: str | None, numbers: list[int] | None = None
    ) -> None:
        marker = self.msgs(_("(Enter chooses this)"))
        for n, opt in zip(numbers or range(1, len(options) + 1), options, strict=True):
            extra = f" {marker}" if opt.value == default else ""
            label = opt.label.lstrip(_MARKS) or opt.label  # a screen reader would read ✎ aloud
            self._say(f"{n}. {visible(label, True)}{extra}", " " * (len(str(n)) + 2))

    def _lines(self) -> str:
        lines: list[str] = []
        while True:
            line = self._read("> ")
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt if prompt.endswith(" ") else prompt + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def _say(self, text: str, indent: str = "") -> None:
        import shutil

        from fixit.term import wrap_words

        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        lines = [
            line for para in visible(text).split("\n") for line in wrap_words(para, width, indent)
        ]
        self.stdout.write("\n".join(lines) + "\n")
        self.stdout.flush()


def _matching(typed: str, options: Sequence[Option]) -> list[Option]:
    """The options whose label starts with what was typed (case and decorations ignored);
    failing that, those whose label or search words hold it."""
    want = typed.casefold()
    labels = [(o, o.label.lstrip(_MARKS).casefold()) for o in options]
    starts = [o for o, label in labels if label.startswith(want)]
    return starts or [o for o, label in labels if want in f"{label} {o.keywords.casefold()}"]
