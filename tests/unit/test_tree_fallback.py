"""The fallback language of a tree that lacks the session's, and the one line that says so."""

from __future__ import annotations

import pytest

from fixit.i18n import Messages
from fixit.trees.language import fallback_notice, in_language, shown_language
from fixit.trees.model import localize


@pytest.mark.parametrize(
    ("languages", "lang", "shown"),
    [
        (("en", "fi", "sv"), "sv", "sv"),  # the session's own language
        (("en", "fi"), "sv", "en"),  # else English
        (("fi", "sv"), "en", "fi"),  # else the first of the tree's languages, alphabetically
        (("de", "fi"), "sv", "de"),
        ((), "sv", "sv"),  # plain, untagged texts are shown as written
    ],
)
def test_the_language_a_tree_is_shown_in(languages: tuple[str, ...], lang: str, shown: str) -> None:
    assert shown_language(languages, lang) == shown


def test_localize_picks_the_same_language_text_by_text() -> None:
    """However a text's map is written, it falls back to the language the notice names."""
    written = [{"sv": "Klart.", "fi": "Valmis."}, {"fi": "Valmis.", "sv": "Klart."}]
    for text in written:
        assert localize(text, "en") == "Valmis."
        assert shown_language(tuple(sorted(text)), "en") == "fi"
    assert localize({"fi": "Valmis.", "en": "Done."}, "sv") == "Done."
    assert localize({"": "Done."}, "sv") == "Done."


def test_no_line_when_the_tree_has_the_language() -> None:
    assert fallback_notice(("en", "fi", "sv"), "sv") is None
    assert fallback_notice(("en", "fi"), "fi") is None
    assert fallback_notice((), "sv") is None


def test_the_line_in_english_and_finnish() -> None:
    notice = fallback_notice(("en", "fi"), "sv")
    assert notice is not None
    assert str(notice) == "This guide is not available in Swedish; it is shown in English."
    assert Messages("fi")(notice) == (
        "Tätä ohjetta ei ole saatavilla ruotsiksi, joten se näytetään englanniksi."
    )
    first = fallback_notice(("fi", "sv"), "en")
    assert first is not None
    assert str(first) == "This guide is not available in English; it is shown in Finnish."


def test_a_language_fixit_has_no_name_for_is_named_by_its_code() -> None:
    assert str(in_language("de")) == "in the language “de”"
    assert Messages("fi")(in_language("de")) == "kielellä ”de”"
    notice = fallback_notice(("de",), "fi")
    assert notice is not None
    assert Messages("fi")(notice) == (
        "Tätä ohjetta ei ole saatavilla suomeksi, joten se näytetään kielellä ”de”."
    )
