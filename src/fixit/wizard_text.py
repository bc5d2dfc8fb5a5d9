"""The text prompt of an input node: the slash commands typed at it, and the answer it gives."""

from __future__ import annotations

import functools

from fixit.i18n import LANGUAGES, Messages, _, pgettext
from fixit.inputs import input_error, settle_datetime
from fixit.prompts.base import Prompter
from fixit.trees.nodes import Input
from fixit.wizard_menu import BACK, HELP, NOTE, QUIT

# typed at a text prompt; each language's word for it is a catalogue entry, and every language's
# is understood whatever the session's language
_COMMAND_WORDS = {
    BACK: pgettext("slash command typed at a text prompt", "/back"),
    NOTE: pgettext("slash command typed at a text prompt", "/note"),
    HELP: pgettext("slash command typed at a text prompt", "/help"),
    QUIT: pgettext("slash command typed at a text prompt", "/quit"),
}


@functools.cache
def command_words() -> dict[str, str]:
    """Every language's word for each command, to the command: rendered on first use, as it
    loads every catalogue (a few ms a start that only the first typed answer needs)."""
    return {
        word.render(lang): value for value, word in _COMMAND_WORDS.items() for lang in LANGUAGES
    }


def typed_command(value: str, default: str = "") -> str | None:
    """The command a text answer is (/back, /huom…), also when typed after a pre-filled answer
    ("A-1234/back" is /back, not a new id); None when it is an answer."""
    text, words = value.strip(), command_words()
    if text in words:
        return words[text]
    if default and text.startswith(default.strip()):
        rest = text[len(default.strip()) :].strip()
        return words.get(rest)
    return None


def ask_text(
    prompter: Prompter, node: Input, msgs: Messages, default: str | None, check_paths: bool
) -> str:
    """An input's typed answer; a command typed instead (/back…) comes back as the command."""
    m = msgs

    def validate(value: str) -> str | None:
        if typed_command(value, default or "") is not None:
            return None
        return input_error(node, value, m, check_paths=check_paths)

    hint = (
        m(_("(Enter starts a new line; Esc then Enter finishes)"))
        if node.type == "multiline"
        else ""
    )
    if not node.required:
        optional = m(_("(optional: Enter on an empty answer skips it)"))
        hint = f"{hint} {optional}".strip()
    value = prompter.text(
        m(_("Your answer:")),  # the question itself is shown once, above
        default=default or "",
        multiline=node.type == "multiline",
        validate=validate,
        instruction=f"{hint} {' '.join(m(word) for word in _COMMAND_WORDS.values())}".strip(),
    )
    command = typed_command(value, default or "")
    if command is not None:
        return command
    if node.type == "multiline":  # blank lines around the answer are not part of it
        value = "\n".join(line.rstrip() for line in value.splitlines()).strip("\n")
    if node.type == "datetime":
        value = settle_datetime(value, msgs.lang)
    return value if value.strip() else ""
