"""The characters of a support code: Crockford's base32, groups of four, and two Reed–Solomon
check characters over GF(32) per block of at most 31 characters.

Two check symbols give the code a distance of 3: every single mistyped character and every
swap of two neighbours (two wrong symbols) is detected, and a single mistyped character can be
located. A block is a GF(32) codeword, so at most 31 characters long (29 data characters and
its 2 checks); a longer code is cut into blocks of 31 characters, each with its own checks, the
last one shorter (3 to 31 characters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
ALIASES = {"I": 1, "L": 1, "O": 0}  # read as the characters they look like
SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212_")  # dashes as typed or pasted
SPACES = frozenset(" \t\r\n\u00a0\u2009\u202f")  # spaces as typed or pasted (no controls)
GROUP = 4
BLOCK = 31  # a Reed–Solomon codeword over GF(32) holds at most 31 symbols
CHECKS = 2
BLOCK_DATA = BLOCK - CHECKS

_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)
_EXP = [0] * 62
_LOG = [0] * 32
_x = 1
for _i in range(31):
    _EXP[_i] = _EXP[_i + 31] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 32:
        _x ^= _POLY


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


# g(x) = (x + a)(x + a^2) = x^2 + (a + a^2) x + a^3
_G1 = _EXP[1] ^ _EXP[2]
_G0 = _EXP[3]


def check_symbols(data: Sequence[int]) -> tuple[int, int]:
    """The two check symbols that make `data` + checks a codeword (x^2 m(x) mod g(x))."""
    r0, r1 = 0, 0
    for s in data:
        feedback = s ^ r0
        r0 = r1 ^ _mul(feedback, _G1)
        r1 = _mul(feedback, _G0)
    return r0, r1


def syndromes(word: Sequence[int]) -> tuple[int, int]:
    """The codeword polynomial at a and a^2: both 0 for a word without errors."""
    s1 = s2 = 0
    for s in word:  # Horner, highest power first
        s1 = _mul(s1, _EXP[1]) ^ s
        s2 = _mul(s2, _EXP[2]) ^ s
    return s1, s2


def locate(word: Sequence[int]) -> int | None:
    """The index of the one wrong symbol of a word that fails its checks, when a single wrong
    symbol explains it; None when it takes more (or the word is right)."""
    s1, s2 = syndromes(word)
    if s1 == 0 or s2 == 0:
        return None
    power = (_LOG[s2] - _LOG[s1]) % 31
    if power >= len(word):
        return None
    return len(word) - 1 - power


def block_sizes(data_length: int) -> list[int]:
    """How many data characters each block holds: 29 each, the last one the rest (at least 1)."""
    sizes = [BLOCK_DATA] * (data_length // BLOCK_DATA)
    if data_length % BLOCK_DATA or not sizes:
        sizes.append(data_length % BLOCK_DATA or BLOCK_DATA)
    return sizes


def protect(data: Sequence[int]) -> list[int]:
    """Data symbols with each block's two check symbols after it."""
    out: list[int] = []
    start = 0
    for size in block_sizes(len(data)):
        chunk = list(data[start : start + size])
        out += chunk + list(check_symbols(chunk))
        start += size
    return out


@dataclass(frozen=True)
class Fault:
    """Where a word fails its checks: the block's first index, and the wrong symbol's or the
    swapped pair's index when one explains it."""

    block: int
    size: int
    wrong: int | None = None
    swapped: int | None = None  # the first of two neighbours that seem swapped


def verify(word: Sequence[int]) -> tuple[list[int], list[Fault]]:
    """The data symbols of a protected word, and the blocks that fail their checks."""
    data: list[int] = []
    faults: list[Fault] = []
    for start in range(0, len(word), BLOCK):
        block = list(word[start : start + BLOCK])
        data += block[:-CHECKS]
        if syndromes(block) != (0, 0):
            faults.append(_fault(block, start))
    return data, faults


def _fault(block: list[int], start: int) -> Fault:
    """What explains a failing block: one wrong symbol, else two swapped neighbours."""
    wrong = locate(block)
    if wrong is not None:
        return Fault(start, len(block), wrong=start + wrong)
    for i in range(len(block) - 1):
        swapped = [*block[:i], block[i + 1], block[i], *block[i + 2 :]]
        if syndromes(swapped) == (0, 0):
            return Fault(start, len(block), swapped=start + i)
    return Fault(start, len(block))


def valid_length(length: int) -> bool:
    """Whether a code of `length` characters can be cut into blocks (a last block of 1 or 2
    characters would hold no data)."""
    return length >= CHECKS + 1 and length % BLOCK not in (1, 2)


def grouped(symbols: Sequence[int]) -> str:
    """Symbols as characters in groups of four joined by dashes."""
    text = "".join(ALPHABET[s] for s in symbols)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))
