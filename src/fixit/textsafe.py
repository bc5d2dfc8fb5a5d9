"""Make untrusted text inert at the terminal: controls and bidi overrides shown, never obeyed."""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _show(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str, one_line: bool = False) -> str:
    """Replace control characters (keeping newline and tab unless one_line) and bidi overrides."""
    return (_UNSAFE_LINE if one_line else _UNSAFE).sub(_show, text)


def clip(text: str, limit: int) -> str:
    """Shorten text for a list or a heading, marking the cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"
