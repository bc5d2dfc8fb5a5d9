"""Spelling a code out loud: the Finnish and Swedish spelling alphabets and ICAO's, with the
digits in each language, because that is how codes are read over a bad line."""

from __future__ import annotations

from fixit.supportcode.alphabet import ALPHABET
from fixit.supportcode.typed import symbols

#: the Finnish spelling alphabet (Suomen puhelinaakkoset), and the digits in Finnish
FINNISH = {
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ", (
        "Aarne", "Bertta", "Celsius", "Daavid", "Eemeli", "Faarao", "Gideon", "Heikki", "Iivari",
        "Jussi", "Kalle", "Lauri", "Matti", "Niilo", "Otto", "Paavo", "Kuu", "Risto", "Sakari",
        "Tyyne", "Urho", "Vihtori", "Wiski", "Äksä", "Yrjö", "Tseta", "Åke", "Äiti", "Öljy",
    ), strict=True)),
    **dict(zip("0123456789", (
        "Nolla", "Yksi", "Kaksi", "Kolme", "Neljä", "Viisi", "Kuusi", "Seitsemän", "Kahdeksan",
        "Yhdeksän",
    ), strict=True)),
}  # fmt: skip

#: the Swedish spelling alphabet (svenska bokstaveringsalfabetet), and the digits in Swedish
SWEDISH = {
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ", (
        "Adam", "Bertil", "Cesar", "David", "Erik", "Filip", "Gustav", "Helge", "Ivar", "Johan",
        "Kalle", "Ludvig", "Martin", "Niklas", "Olof", "Petter", "Qvintus", "Rudolf", "Sigurd",
        "Tore", "Urban", "Viktor", "Wilhelm", "Xerxes", "Yngve", "Zäta", "Åke", "Ärlig", "Östen",
    ), strict=True)),
    **dict(zip("0123456789", (
        "Noll", "Ett", "Två", "Tre", "Fyra", "Fem", "Sex", "Sju", "Åtta", "Nio",
    ), strict=True)),
}  # fmt: skip

#: the ICAO (NATO) spelling alphabet, and the digits in English
ICAO = {
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
        "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
    ), strict=True)),
    **dict(zip("0123456789", (
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    ), strict=True)),
}  # fmt: skip

TABLES = {"fi": FINNISH, "sv": SWEDISH, "en": ICAO}


def spell(code: str, lang: str) -> tuple[str, ...]:
    """The code's characters as spelling words, one a character (dashes left out): Finnish for
    `fi`, Swedish for `sv`, ICAO for any other language. CodeError for a character no code has
    (its check characters are not checked: `decode` does that)."""
    table = TABLES.get(lang, ICAO)
    return tuple(table[ALPHABET[s]] for s in symbols(code))
