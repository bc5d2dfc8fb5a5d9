"""The words a person may type for yes and no: every language's, so a Finn who types "k" in an
English session is understood too. The words are catalogue entries, not code."""

from __future__ import annotations

import functools

from fixit.i18n import LANGUAGES, Messages, Msg, pgettext

YES = pgettext("words for yes a person may type, separated by spaces", "y yes")
NO = pgettext("words for no a person may type, separated by spaces", "n no")
# Translators: shown after a yes/no question; "-" keeps the prompt's own "(Y/n)" as it is
_KEYS = pgettext("keys of a yes/no question; - for the prompt's own (Y/n)", "-")


@functools.cache
def _words(msgid: str, context: str) -> frozenset[str]:
    message = pgettext(context, msgid)
    return frozenset(w for lang in LANGUAGES for w in message.render(lang).casefold().split())


def answer_words(kind: Msg) -> frozenset[str]:
    """Every word for `YES` or `NO` in every language fixit speaks."""
    return _words(kind.id, kind.context or "")


def yes_no_keys(msgs: Messages) -> str:
    """The keys to show after a yes/no question in this language; empty for the prompt's own."""
    shown = msgs(_KEYS)
    return "" if shown == "-" else shown
