"""Spelling a support code out loud: the Finnish, Swedish and ICAO tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixit.supportcode import CodeError, spell
from fixit.supportcode.alphabet import ALPHABET
from fixit.supportcode.spelling import FINNISH, ICAO, SWEDISH


@pytest.mark.parametrize("table", [FINNISH, SWEDISH, ICAO])
def test_every_character_of_a_code_has_one_distinct_word(table: dict[str, str]) -> None:
    words = [table[c] for c in ALPHABET]
    assert len(set(words)) == len(ALPHABET)
    assert all(w[0].isupper() for w in words)


def test_the_finnish_table_is_the_finnish_spelling_alphabet() -> None:
    assert [FINNISH[c] for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"] == [
        "Aarne",
        "Bertta",
        "Celsius",
        "Daavid",
        "Eemeli",
        "Faarao",
        "Gideon",
        "Heikki",
        "Iivari",
        "Jussi",
        "Kalle",
        "Lauri",
        "Matti",
        "Niilo",
        "Otto",
        "Paavo",
        "Kuu",
        "Risto",
        "Sakari",
        "Tyyne",
        "Urho",
        "Vihtori",
        "Wiski",
        "Äksä",
        "Yrjö",
        "Tseta",
        "Åke",
        "Äiti",
        "Öljy",
    ]
    assert [FINNISH[c] for c in "0123456789"] == [
        "Nolla",
        "Yksi",
        "Kaksi",
        "Kolme",
        "Neljä",
        "Viisi",
        "Kuusi",
        "Seitsemän",
        "Kahdeksan",
        "Yhdeksän",
    ]


def test_the_swedish_table_is_the_swedish_spelling_alphabet() -> None:
    assert [SWEDISH[c] for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"] == [
        "Adam",
        "Bertil",
        "Cesar",
        "David",
        "Erik",
        "Filip",
        "Gustav",
        "Helge",
        "Ivar",
        "Johan",
        "Kalle",
        "Ludvig",
        "Martin",
        "Niklas",
        "Olof",
        "Petter",
        "Qvintus",
        "Rudolf",
        "Sigurd",
        "Tore",
        "Urban",
        "Viktor",
        "Wilhelm",
        "Xerxes",
        "Yngve",
        "Zäta",
        "Åke",
        "Ärlig",
        "Östen",
    ]
    assert [SWEDISH[c] for c in "0123456789"] == [
        "Noll",
        "Ett",
        "Två",
        "Tre",
        "Fyra",
        "Fem",
        "Sex",
        "Sju",
        "Åtta",
        "Nio",
    ]


def test_the_english_table_is_icao() -> None:
    assert [ICAO[c] for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] == [
        "Alfa",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "India",
        "Juliett",
        "Kilo",
        "Lima",
        "Mike",
        "November",
        "Oscar",
        "Papa",
        "Quebec",
        "Romeo",
        "Sierra",
        "Tango",
        "Uniform",
        "Victor",
        "Whiskey",
        "X-ray",
        "Yankee",
        "Zulu",
    ]
    assert [ICAO[c] for c in "0123456789"] == [
        "Zero",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
    ]


def test_a_code_is_spelt_a_word_a_character_in_the_session_language() -> None:
    assert spell("FX7K-3MQ9", "fi") == (
        "Faarao", "Äksä", "Seitsemän", "Kalle", "Kolme", "Matti", "Kuu", "Yhdeksän",
    )  # fmt: skip
    assert spell("fx7k 3mq9", "sv") == (
        "Filip", "Xerxes", "Sju", "Kalle", "Tre", "Martin", "Qvintus", "Nio",
    )  # fmt: skip
    assert spell("FX7K-3MQ9", "en") == (
        "Foxtrot", "X-ray", "Seven", "Kilo", "Three", "Mike", "Quebec", "Nine",
    )  # fmt: skip


def test_a_language_without_a_table_spells_with_icao() -> None:
    assert spell("A1", "de") == ("Alfa", "One")


def test_look_alikes_are_spelt_as_what_they_are_read_as() -> None:
    assert spell("IlO", "en") == ("One", "One", "Zero")


def test_a_character_no_code_has_is_a_clear_error() -> None:
    with pytest.raises(CodeError) as err:
        spell("AU", "fi")
    assert str(err.value.message) == "character 2 of the code, 'U', is not used in support codes"


@given(st.text(max_size=40))
def test_any_text_is_spelt_or_refused_clearly(text: str) -> None:
    try:
        words = spell(text, "fi")
    except CodeError as err:
        assert err.hint is not None
    else:
        assert all(w in FINNISH.values() for w in words)
