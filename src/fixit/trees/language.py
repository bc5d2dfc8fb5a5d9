"""The language a tree is shown in when it lacks the session's, and the line that says so."""

from __future__ import annotations

from collections.abc import Sequence

from fixit.i18n import N_, Msg, _

#: the language a tree falls back to first; after it, the tree's first language
FALLBACK = "en"

#: "in <language>" for the languages fixit speaks (a phrase, so that each language can inflect it)
IN_LANGUAGE = {"en": N_("in English"), "fi": N_("in Finnish"), "sv": N_("in Swedish")}


def shown_language(languages: Sequence[str], lang: str) -> str:
    """The language a tree with these `languages` is shown in for a session in `lang`: `lang`
    itself, else English, else the tree's first language in alphabetical order (the order
    `fixit trees list` shows). A tree of plain, untagged texts has no languages: it is shown as
    written, in `lang`'s place. `localize` picks the same language text by text."""
    if not languages or lang in languages:
        return lang
    if FALLBACK in languages:
        return FALLBACK
    return min(languages)


def in_language(code: str) -> Msg:
    """'in Swedish' ('ruotsiksi', 'på svenska'); a language fixit has no name for by its code."""
    name = IN_LANGUAGE.get(code)
    # Translators: {code} is a language code from a tree file, such as "de"
    return _(name) if name else _("in the language “{code}”", code=code)


def fallback_notice(languages: Sequence[str], lang: str) -> Msg | None:
    """The one line that says a tree is shown in another language than the session's, or None
    when it is shown in the session's own."""
    shown = shown_language(languages, lang)
    if shown == lang:
        return None
    # Translators: {missing} and {shown} are phrases such as "in Swedish" and "in English"
    return _(
        "This guide is not available {missing}; it is shown {shown}.",
        missing=in_language(lang),
        shown=in_language(shown),
    )
