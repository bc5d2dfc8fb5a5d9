"""A code as a person typed it: normalised, split into groups and checked, every fault turned
into a CodeError that says which group is wrong and what to do."""

from __future__ import annotations

import unicodedata

from fixit.errors import FixitError
from fixit.i18n import Msg, _, pgettext
from fixit.supportcode.alphabet import (
    ALIASES,
    ALPHABET,
    BLOCK,
    CHECKS,
    GROUP,
    SEPARATORS,
    SPACES,
    VALUE,
    Fault,
    syndromes,
    valid_length,
    verify,
)

MAX_BLOCKS = 8
MAX_LENGTH = MAX_BLOCKS * BLOCK  # 248 characters: no code read over a phone is longer
MAX_TYPED = 4 * MAX_LENGTH  # what is looked at, separators and spaces included

#: a character's place in its group, as in "it is probably the third one"
ORDINALS = (
    pgettext("a character of a group", "first"),
    pgettext("a character of a group", "second"),
    pgettext("a character of a group", "third"),
    pgettext("a character of a group", "fourth"),
)


class CodeError(FixitError):
    """A support code that cannot be read: mistyped, for a tree this machine lacks, or none."""


def read_again() -> Msg:
    """The hint for a code that is no code, or not this one: read it all again."""
    return _("Ask the user to read the whole code again, group by group.")


def _too_long(n: int) -> CodeError:
    return CodeError(
        _("that is too long to be a support code ({n} characters)", n=n),
        _("A support code has at most {max} characters; check what was pasted.", max=MAX_LENGTH),
    )


def symbols(code: str) -> list[int]:
    """The characters of a typed code as values: case, dashes and spaces do not matter, I, L
    and O read as 1, 1 and 0, and full-width forms (２ＪＶＫ) as their plain ones (NFKC). CodeError
    for anything else, and for a wrong number of characters in a group the person separated
    with dashes."""
    if len(code) > MAX_TYPED:
        raise _too_long(len(code))
    code = unicodedata.normalize("NFKC", code)
    out: list[int] = []
    for i, ch in enumerate(code):
        if ch in SEPARATORS or ch in SPACES:
            continue
        up = ch.upper()
        value = VALUE.get(up, ALIASES.get(up))
        if value is None:
            raise CodeError(
                _(
                    "character {pos} of the code, {char}, is not used in support codes",
                    pos=i + 1,
                    char=repr(ch),
                ),
                _(
                    "Support codes use the digits 0-9 and the letters A-Z except I, L, O and U; "
                    "ask the user to read the code again."
                ),
            )
        out.append(value)
    if not out:
        raise CodeError(
            _("the support code is empty"),
            _("Type the code the user reads out, for example FX7K-3MQ9-ZD2A."),
        )
    _check_groups(code)
    return out


def _check_groups(code: str) -> None:
    """Groups typed with dashes: each but the last must have four characters."""
    if not any(c in SEPARATORS for c in code):
        return  # no dashes: spaces may fall anywhere
    bare = "".join("-" if c in SEPARATORS else c for c in code if c not in SPACES)
    parts = [p for p in bare.split("-") if p]
    for number, part in enumerate(parts[:-1], 1):
        if len(part) != GROUP:
            raise CodeError(
                _(
                    "group {group} ({text}) has {n} characters, but every group but the last has 4",
                    group=number,
                    text=part.upper(),
                    n=len(part),
                ),
                _("A character is missing or extra there: ask the user to read that group again."),
            )


def checked(code: str) -> list[int]:
    """The data symbols of a typed code whose check characters match; CodeError naming the
    group (and the character) that is wrong."""
    word = symbols(code)
    if len(word) > MAX_LENGTH:
        raise _too_long(len(word))
    if not valid_length(len(word)):
        raise CodeError(
            _("no support code has {n} characters", n=len(word)),
            _(
                "A character is missing or extra: ask the user to read the code again, group by "
                "group."
            ),
        )
    data, faults = verify(word)
    if faults:
        raise _fault_error(word, faults[0] if len(faults) == 1 else None)
    if len(data) > 1 and data[0] == 0:  # a code never starts with a zero that adds nothing
        raise CodeError(_("this is not a support code fixit makes"), read_again())
    return data


def _group(word: list[int], index: int) -> tuple[int, str]:
    """The number (from 1) and text of the group holding character `index`."""
    start = index - index % GROUP
    return index // GROUP + 1, "".join(ALPHABET[s] for s in word[start : start + GROUP])


def _fault_error(word: list[int], fault: Fault | None) -> CodeError:
    """The error for a word that fails its checks, as precise as the fault allows."""
    if fault is not None and fault.wrong == len(word) - 1 and _checks_match(word[fault.block : -1]):
        group, text = _group(word, fault.wrong)  # the code and one character more
        return CodeError(
            _(
                "the code has one character too many: the last one, in group {group} ({text})",
                group=group,
                text=text,
            ),
            _("Ask the user to read the last group again, character by character."),
        )
    if fault is not None and fault.wrong is not None:
        group, text = _group(word, fault.wrong)
        return CodeError(
            _(
                "group {group} ({text}) has a mistyped character; it is probably the {nth} one",
                group=group,
                text=text,
                nth=ORDINALS[fault.wrong % GROUP],
            ),
            _("Ask the user to read group {group} again, character by character.", group=group),
        )
    if fault is not None and fault.swapped is not None:
        return _swap_error(word, fault.swapped)
    if (
        fault is not None
        and fault.block + fault.size == len(word)
        and _one_off(word[fault.block :])
    ):
        return CodeError(
            _(
                "the code's check characters do not match: a character seems to be missing or "
                "extra (or more than one is mistyped)"
            ),
            _(
                "Ask the user to read the code again, group by group, and count the characters "
                "of each group (every group but the last has 4)."
            ),
        )
    return CodeError(
        _("the code's check characters do not match: more than one character is mistyped"),
        read_again(),
    )


def _one_off(block: list[int]) -> bool:
    """Whether one character left out of or added to the code's last block would make its
    checks match (a character missing or typed twice, the commonest slip after a typo)."""
    longer = [
        [*block[:i], s, *block[i:]]
        for i in range(len(block) + 1)
        for s in range(len(ALPHABET))
        if len(block) < BLOCK
    ]
    shorter = [block[:i] + block[i + 1 :] for i in range(len(block))]
    return any(_checks_match(word) for word in (*longer, *shorter))


def _checks_match(block: list[int]) -> bool:
    """Whether a block (data and checks) passes its checks."""
    return len(block) > CHECKS and syndromes(block) == (0, 0)


def _swap_error(word: list[int], i: int) -> CodeError:
    """The error for characters `i` and `i + 1` that seem swapped."""
    group, text = _group(word, i)
    if i % GROUP < GROUP - 1:
        return CodeError(
            _(
                "in group {group} ({text}) two characters seem swapped: the {first} and the "
                "{second}",
                group=group,
                text=text,
                first=ORDINALS[i % GROUP],
                second=ORDINALS[i % GROUP + 1],
            ),
            _("Ask the user to read group {group} again, character by character.", group=group),
        )
    after, after_text = _group(word, i + 1)
    return CodeError(
        _(
            "the last character of group {group} ({text}) and the first of group {next} "
            "({next_text}) seem swapped",
            group=group,
            text=text,
            next=after,
            next_text=after_text,
        ),
        _("Ask the user to read groups {group} and {next} again.", group=group, next=after),
    )
