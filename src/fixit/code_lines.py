"""A support code as the screen shows it: the code, how to read it out in the language's
spelling alphabet, and in self mode what it is for. The end summary and save-and-quit show
these lines; `fixit decode` the first two."""

from __future__ import annotations

from fixit.i18n import Messages, _


def spelled(code: str, lang: str) -> str:
    """A code's characters as the words of `lang`'s spelling alphabet, its groups apart."""
    from fixit.supportcode import spell

    return " – ".join(" ".join(spell(group, lang)) for group in code.split("-") if group)


def code_lines(msgs: Messages, code: str, mode: str, spell: bool = True) -> list[tuple[str, str]]:
    """The lines that show a support code, each with its style: the code; how to read it out
    (when `spell` and it has letters); in self mode, to give it to support when calling."""
    lines = [(msgs(_("Support code: {code}", code=code)), "bold")]
    if spell and any(c.isalpha() for c in code):
        words = spelled(code, msgs.lang)
        lines.append((msgs(_("Read it out as: {words}", words=words)), "dim"))
    if mode == "self":
        tell = _("If you call support, give them this code: it tells them your steps.")
        lines.append((msgs(tell), "dim"))
    return lines
