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

_LOCATION = re.compile(r"(?s)(\S[^\n]*?:\d+:\d+: )(.*)")  # file:line:col: message
_HINT = re.compile(r"(?s)(\s*hint: )(.*)")
_DEPTH = 3  # phrases inside values inside values: enough, and never a runaway


def catalogue() -> dict[str, str]:
    """Every English template and its Finnish text."""
    from fixit.i18n import errors_fi_core, errors_fi_submit

    return {**errors_fi_core.MESSAGES, **errors_fi_submit.MESSAGES}


def pattern(template: str) -> re.Pattern[str]:
    """The regular expression that matches what a template renders to (each `{}` one value)."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append("(.+?)")
    return re.compile("".join(parts), re.DOTALL)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    # the most specific template first: more fixed text wins over a looser match
    table = catalogue()
    order = sorted(table, key=lambda k: len(re.sub(r"\{[^}]*\}", "", k)), reverse=True)
    return tuple((pattern(k), table[k]) for k in order)


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
    for regex, finnish in _compiled():
        found = regex.fullmatch(text)
        if found:
            values: Sequence[str] = found.groups()
            if depth < _DEPTH:  # a phrase, never a single token (a key, a name, a path)
                values = [_phrase(v, depth + 1) if " " in v.strip() else v for v in values]
            return finnish.format(*values)
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
        explicit = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--config"), None)
        try:
            from pathlib import Path

            from fixit.config import load_config

            configured = load_config(Path(explicit) if explicit else None).lang
        except Exception:  # the configuration may be what failed: the locale decides then
            configured = None
    return detect_language(os.environ.get("FIXIT_LANG") or None, configured)
