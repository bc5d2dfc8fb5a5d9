"""Prompt lines and choice labels broken between words to fit the terminal, never cut."""

from __future__ import annotations

import pytest

from fixit.prompts.interactive import fit_label, fit_prompt

HINT = "(valitse nuolinäppäimillä)"


def test_a_prompt_that_fits_is_left_alone() -> None:
    assert fit_prompt("Vastaus:", HINT, 100) == ("Vastaus:", HINT)


@pytest.mark.parametrize("width", [20, 30, 40, 60])
def test_a_long_prompt_and_hint_break_between_words_within_the_width(width: int) -> None:
    message = "Lähetetäänkö raportti nyt tukipalveluun sähköpostilla?"
    shown, hint = fit_prompt(message, HINT, width)
    lines = f"? {shown} {hint}".split("\n")
    assert all(len(line) < width for line in lines), lines
    assert " ".join(" ".join(lines).split()) == f"? {message} {HINT}"


def test_a_label_that_fits_is_one_line_and_a_long_one_is_indented_under_itself() -> None:
    assert fit_label("Verkkokaapeli", 36) == "Verkkokaapeli"
    label = "Vain infonäytöllä tai muulla tuen ylläpitämällä laitteella – muut laitteet toimivat"
    lines = fit_label(label, 36).split("\n")
    assert len(lines[0]) <= 36 and all(len(line) <= 36 + 3 for line in lines[1:])
    assert all(line.startswith("   ") for line in lines[1:])
    assert " ".join(" ".join(lines).split()) == label


def test_a_word_longer_than_the_line_stays_whole() -> None:
    url = "https://portal.example.fi/a/very/long/path/that/cannot/break"
    assert url in fit_label(f"Open {url} now", 30).split()
