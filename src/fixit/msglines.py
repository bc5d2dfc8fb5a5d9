"""Messages laid out together: one after its place in a file, several a line each.

A layout has nothing of its own to translate: its id holds only placeholders, so no catalogue
has it and gettext gives it back as it is, while each message in it renders in the language.
It is still an ordinary `Msg`: `to_json`/`from_json` keep it whole, `str()` is English.
"""

from __future__ import annotations

from collections.abc import Sequence

from fixit.i18n import Msg


def prefixed(prefix: str, message: Msg | str) -> Msg:
    """`message` after a prefix that is data and never translated: its place in a file
    (`file:line:col: `) or a fixed label (`  hint: `)."""
    return Msg("{prefix}{message}", {"prefix": prefix, "message": message})


def lines(messages: Sequence[Msg | str]) -> Msg:
    """Several messages, a line each (a plain string is shown as it is)."""
    values = {f"line{i}": m for i, m in enumerate(messages)}
    return Msg("\n".join("{" + key + "}" for key in values), values)
