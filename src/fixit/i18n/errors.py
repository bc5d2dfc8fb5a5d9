"""Error messages in the user's language. fixit raises its errors in English, and logs, outbox
files and crash logs keep that text; at the terminal a message is shown from the Finnish
catalogue, whose keys are the English templates (`{}` for each value, as the f-string had it).

A value that is itself a known phrase of several words (a reason such as "connection refused")
is translated too, a single token (a key, a name, a path) never; a message the catalogue does not
know is shown in English (a test keeps it complete).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from fixit.i18n import Msg

_LOCATION = re.compile(r"(?s)(\S[^\n]*?:\d+:\d+: )(.*)")  # file:line:col: message
_HINT = re.compile(r"(?s)(\s*hint: )(.*)")
_DEPTH = 2  # a fixed phrase inside a message's value
LONGEST = 2000  # characters: a longer line is shown as it is


def catalogue() -> dict[str, str]:
    """Every English template and its Finnish text."""
    from fixit.i18n import errors_fi_core, errors_fi_submit

    return {**errors_fi_core.MESSAGES, **errors_fi_submit.MESSAGES}


@dataclass(frozen=True)
class Template:
    """A catalogue key split at its values: the fixed pieces around each `{}`."""

    pieces: tuple[str, ...]  # one more than there are values
    finnish: str
    loose: bool  # under two words of its own: every value must be a single token

    def match(self, text: str) -> list[str] | None:
        """The values, when `text` is what the template renders to; else None.

        Plain `str.find`, each value as short as it can be and never empty: linear in the text,
        where a regular expression of lazy groups backtracks for minutes on hostile text."""
        if len(self.pieces) == 1:
            return [] if text == self.pieces[0] else None
        first, *middle, last = self.pieces
        if not text.startswith(first) or not text.endswith(last):
            return None
        end = len(text) - len(last)
        values, at = [], len(first)
        for piece in middle:
            found = text.find(piece, at + 1, end)
            if found < 0:
                return None
            values.append(text[at:found])
            at = found + len(piece)
        if end <= at:
            return None
        values.append(text[at:end])
        if self.loose and any(len(v.split()) != 1 for v in values):
            return None
        return values


def parse(template: str, finnish: str) -> Template:
    """A catalogue entry ready to match."""
    pieces, literal = [], ""
    for text, field, _spec, _conv in string.Formatter().parse(template):
        literal += text
        if field is not None:
            pieces.append(literal)
            literal = ""
    pieces.append(literal)
    words = re.findall(r"[A-Za-z]{2,}", "".join(pieces))
    return Template(tuple(pieces), finnish, loose=len(pieces) > 1 and len(words) < 2)


@functools.cache
def _compiled() -> tuple[Template, ...]:
    # the most specific template first: more fixed text wins over a looser match
    table = catalogue()
    order = sorted(table, key=lambda k: len(re.sub(r"\{[^}]*\}", "", k)), reverse=True)
    return tuple(parse(k, table[k]) for k in order)


def translate(text: str, lang: str) -> str:
    """`text` (a message or hint, one or several lines) in `lang`; English stays as it is."""
    if lang != "fi" or not text:
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    for prefix in (_LOCATION, _HINT):
        found = prefix.fullmatch(line)
        if found:
            return found.group(1) + _phrase(found.group(2), 0)
    indent = line[: len(line) - len(line.lstrip())]
    return indent + _phrase(line.strip(), 0) if line.strip() else line


def _phrase(text: str, depth: int) -> str:
    if len(text) > LONGEST:
        return text
    for template in _compiled():
        if depth and len(template.pieces) > 1:
            continue  # inside a value only fixed phrases: never reword a server's or a tree's text
        values = template.match(text)
        if values is not None:
            if depth < _DEPTH:  # a phrase of several words, never a token (a key, a name)
                values = [_phrase(v, depth + 1) if " " in v.strip() else v for v in values]
            return template.finnish.format(*values)
    return text


def error_language(args: Sequence[str]) -> str:
    """The language to show an error in, found without trusting anything that may have failed:
    --lang, FIXIT_LANG, the configuration's defaults.lang (when it loads), the locale."""
    from fixit.i18n import LANGUAGES, detect_language

    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else ""
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGUAGES:
            return value
    configured = None
    if os.environ.get("FIXIT_LANG") not in LANGUAGES:
        try:
            from fixit.config import load_config
            from fixit.paths import config_option

            configured = load_config(config_option(args)).lang
        except Exception:  # the configuration may be what failed: the locale decides then
            configured = None
    return detect_language(os.environ.get("FIXIT_LANG") or None, configured)


def localized(message: Msg | str, lang: str) -> str:
    """An error's message in `lang`: a `Msg` renders itself; an English string (code not yet
    converted to messages) is matched against the catalogue as before."""
    if isinstance(message, Msg):
        return message.render(lang)
    return translate(message, lang) if message else message
