"""Mistyped support codes: every single substitution and every swap of neighbours in a sample
of codes is detected, a single typo is located to its group and character, and any string at
all is either a code or a clear CodeError."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixit.supportcode import CodeError, decode, read_header
from fixit.supportcode.alphabet import ALPHABET, grouped, protect
from fixit.supportcode.digits import Packer
from fixit.supportcode.header import (
    STOPS,
    Header,
    content_prefix,
    pack_header,
    tree_hash,
)
from fixit.supportcode.typed import MAX_LENGTH, checked

from .supportcode_support import shipped_cases

CASES = shipped_cases()
SAMPLE = [c.code for c in CASES[::9]]
ORDINAL = ("first", "second", "third", "fourth")


def _swap_in(code: str, i: int, ch: str) -> str:
    bare = code.replace("-", "")
    return grouped([ALPHABET.index(c) for c in bare[:i] + ch + bare[i + 1 :]])


@pytest.mark.parametrize("code", SAMPLE)
def test_every_single_substitution_is_detected_and_located(code: str) -> None:
    bare = code.replace("-", "")
    for i, right in enumerate(bare):
        for wrong in ALPHABET.replace(right, ""):
            with pytest.raises(CodeError) as err:
                read_header(_swap_in(code, i, wrong))
            group = i // 4 + 1
            text = _swap_in(code, i, wrong).split("-")[group - 1]
            assert str(err.value.message) == (
                f"group {group} ({text}) has a mistyped character; it is probably the "
                f"{ORDINAL[i % 4]} one"
            )
            assert str(err.value.hint) == (
                f"Ask the user to read group {group} again, character by character."
            )


@pytest.mark.parametrize("code", SAMPLE)
def test_every_swap_of_two_neighbours_is_detected(code: str) -> None:
    bare = code.replace("-", "")
    for i in range(len(bare) - 1):
        if bare[i] == bare[i + 1]:
            continue
        swapped = bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :]
        with pytest.raises(CodeError):
            read_header(swapped)


def test_a_swap_is_named_when_no_single_typo_explains_it() -> None:
    named = 0
    for code in [c.code for c in CASES]:
        bare = code.replace("-", "")
        for i in range(len(bare) - 1):
            swapped = bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :]
            if swapped == bare:
                continue
            with pytest.raises(CodeError) as err:
                read_header(swapped)
            message = str(err.value.message)
            if "swapped" in message:
                named += 1
                group = i // 4 + 1
                if i % 4 < 3:
                    assert message.startswith(f"in group {group} (")
                    assert message.endswith(
                        f"two characters seem swapped: the {ORDINAL[i % 4]} and the "
                        f"{ORDINAL[i % 4 + 1]}"
                    )
                else:
                    assert message.startswith(f"the last character of group {group} (")
    assert named > 0


def test_long_codes_detect_every_typo_in_every_block() -> None:
    rng = random.Random(18)
    for length in (29, 30, 58, 59, 100, 200):
        data = [rng.randrange(1, 32)] + [rng.randrange(32) for _ in range(length - 1)]
        word = protect(data)
        assert checked(grouped(word)) == data
        for i in range(len(word)):
            bad = list(word)
            bad[i] = (bad[i] + rng.randrange(1, 32)) % 32
            with pytest.raises(CodeError):
                checked(grouped(bad))
            if i + 1 < len(word) and word[i] != word[i + 1]:
                bad = list(word)
                bad[i], bad[i + 1] = bad[i + 1], bad[i]
                with pytest.raises(CodeError):
                    checked(grouped(bad))


@pytest.mark.parametrize(
    ("typed", "message", "hint"),
    [
        (
            "",
            "the support code is empty",
            "Type the code the user reads out, for example FX7K-3MQ9-ZD2A.",
        ),
        (
            " - -",
            "the support code is empty",
            "Type the code the user reads out, for example FX7K-3MQ9-ZD2A.",
        ),
        (
            "FX7K-3UQ9",
            "character 7 of the code, 'U', is not used in support codes",
            "Support codes use the digits 0-9 and the letters A-Z except I, L, O and U; ask the "
            "user to read the code again.",
        ),
        (
            "FX\x1b[31m",
            "character 3 of the code, '\\x1b', is not used in support codes",
            "Support codes use the digits 0-9 and the letters A-Z except I, L, O and U; ask the "
            "user to read the code again.",
        ),
        (
            "FX\x1cZ",
            "character 3 of the code, '\\x1c', is not used in support codes",
            "Support codes use the digits 0-9 and the letters A-Z except I, L, O and U; ask the "
            "user to read the code again.",
        ),
        (
            "FX7K-3MQ-9ZD2",
            "group 2 (3MQ) has 3 characters, but every group but the last has 4",
            "A character is missing or extra there: ask the user to read that group again.",
        ),
        (
            "FX",
            "no support code has 2 characters",
            "A character is missing or extra: ask the user to read the code again, group by group.",
        ),
        (
            "7" * 300,
            "that is too long to be a support code (300 characters)",
            f"A support code has at most {MAX_LENGTH} characters; check what was pasted.",
        ),
        (
            "-" * 5000,
            "that is too long to be a support code (5000 characters)",
            f"A support code has at most {MAX_LENGTH} characters; check what was pasted.",
        ),
    ],
)
def test_what_is_no_code_is_said_plainly(typed: str, message: str, hint: str) -> None:
    with pytest.raises(CodeError) as err:
        read_header(typed)
    assert (str(err.value.message), str(err.value.hint)) == (message, hint)


def test_pasted_spaces_and_dashes_are_ignored() -> None:
    code = CASES[0].code
    pasted = code.replace("-", "\u2013").replace(code[2], code[2] + "\u00a0", 1)
    assert read_header(f" {pasted}\n") == read_header(code)


def test_full_width_characters_read_as_plain_ones() -> None:
    code = CASES[0].code
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code)  # ２ＪＶＫ－… as an IME types them
    assert read_header(wide.lower() + "\u3000") == read_header(code)


@pytest.mark.parametrize("code", SAMPLE)
def test_a_left_out_or_doubled_last_character_is_said_to_be_missing_or_extra(code: str) -> None:
    with pytest.raises(CodeError) as err:
        read_header(code[:-1])
    assert str(err.value.message) == (
        "the code's check characters do not match: a character seems to be missing or "
        "extra (or more than one is mistyped)"
    )
    assert "count the characters of each group" in str(err.value.hint)
    longer = _swap_in(code + "0", len(code.replace("-", "")), code[-1])  # regrouped by four
    with pytest.raises(CodeError) as err:
        read_header(longer)
    last = longer.split("-")[-1]
    group = len(longer.split("-"))
    assert str(err.value.message) == (
        f"the code has one character too many: the last one, in group {group} ({last})"
    )


def test_a_leading_zero_is_no_code() -> None:
    code = CASES[0].code
    with pytest.raises(CodeError) as err:
        read_header("0" + code.replace("-", ""))
    assert str(err.value.message) == "this is not a support code fixit makes"


def test_a_code_of_a_newer_format_asks_for_a_newer_fixit() -> None:
    packer = Packer()
    packer.put(1, 2)
    packer.put(5, 7)
    code = grouped(protect(_symbols(packer.number())))
    with pytest.raises(CodeError) as err:
        read_header(code)
    assert str(err.value.message) == "this code was made by a newer fixit (code format 1)"
    assert str(err.value.hint) == "Update fixit on this machine to read it."


def _symbols(n: int) -> list[int]:
    out = []
    while True:
        n, s = divmod(n, 32)
        out.append(s)
        if not n:
            return out[::-1]


def _candidates() -> list[tuple[Any, str, str]]:
    seen: dict[str, tuple[Any, str, str]] = {}
    for c in CASES:
        seen.setdefault(c.tree, (c.trees, c.tree, c.digest))
    return list(seen.values())


@given(st.text(max_size=60))
def test_any_text_is_a_code_or_a_clear_error(text: str) -> None:
    try:
        decode(text, _candidates())
    except CodeError as err:
        assert err.hint is not None


@given(
    st.lists(
        st.sampled_from([*ALPHABET, "-", " ", "I", "l", "o", "U", "\x00", "\u202e", "é"]),
        max_size=40,
    )
)
def test_any_string_of_code_like_characters_is_a_code_or_a_clear_error(chars: list[str]) -> None:
    try:
        decode("".join(chars), _candidates())
    except CodeError as err:
        assert err.hint is not None


@given(st.lists(st.integers(0, 31), min_size=1, max_size=90))
def test_any_code_whose_checks_match_is_read_or_refused_clearly(data: list[int]) -> None:
    data = [max(data[0], 1), *data[1:]] if len(data) > 1 else data
    try:
        decode(grouped(protect(data)), _candidates())
    except CodeError as err:
        assert err.hint is not None


@given(
    case=st.sampled_from(CASES),
    stop=st.sampled_from(STOPS),
    finished=st.booleans(),
    count=st.integers(0, 5000),
    rest=st.integers(0, 2**200),
)
def test_a_random_path_on_a_real_tree_is_read_or_refused_clearly(
    case: Any, stop: str, finished: bool, count: int, rest: int
) -> None:
    tree = case.trees[case.tree]
    header = Header(
        tree_hash(case.tree),
        tree.version,
        content_prefix(case.trees, case.tree, case.digest),
        case.mode,
        finished,
        stop,
        None if stop == "end" else count,
    )
    packer = Packer()
    pack_header(packer, header)
    scale = 1
    for _digit, base in packer.digits:
        scale *= base
    number = packer.number() + scale * rest
    try:
        decoded = decode(grouped(protect(_symbols(number))), [(case.trees, case.tree, case.digest)])
    except CodeError as err:
        assert str(err.message).startswith(("the code does not fit tree", "that is too long"))
    else:
        assert decoded.tree == case.tree


def test_typos_no_single_one_explains_ask_for_the_whole_code_again() -> None:
    bare = CASES[0].code.replace("-", "")
    seen = set()
    for i in range(len(bare)):
        for j in range(i + 2, len(bare)):
            for a in "0Z":
                for b in "1Y":
                    typed = bare[:i] + a + bare[i + 1 : j] + b + bare[j + 1 :]
                    if typed[i] == bare[i] or typed[j] == bare[j]:
                        continue
                    with pytest.raises(CodeError) as err:
                        read_header(typed)
                    seen.add(str(err.value.message))
    assert "the code's check characters do not match: more than one character is mistyped" in seen
