"""Fuzz the tree loader and validator with raw YAML text and bytes: problems, never crashes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from fixit.trees.library import Source, load_entry
from fixit.trees.validate import check_file, check_text
from fixit.trees.yamlsafe import MAX_BYTES
from tests.fuzz.support import (
    CHARS,
    CONTROLS,
    FRAGMENTS,
    HEAVY,
    NESTING,
    SHIPPED_TEXT,
    YAML_TEXT,
    assert_problem,
    bounded,
    splice,
)

NAME = "fuzz/t.yaml"
TREE_TEXT = st.sampled_from(sorted(SHIPPED_TEXT)).map(SHIPPED_TEXT.__getitem__)


def assert_checked(text: str, name: str = NAME) -> None:
    """A tree and no problems, or no tree and positioned problems; nothing raised."""
    tree, problems = check_text(text, name)
    if tree is not None:
        assert problems == []
        assert tree.start in tree.nodes
    else:
        assert problems, "no tree and no problem"
        for problem in problems:
            assert_problem(problem, name, text)


@given(YAML_TEXT)
@example("0b_: 1")
@example("!!float")
@example("a: " + "9" * 5000)
@example("[" * 60_000)
@example("a: &x [1]\nb: *x")
@example("1: a\ntrue: b\n'1': c")
@example("--- a\n--- b")
@example("")
def test_any_yaml_text_is_a_tree_or_positioned_problems(text: str) -> None:
    """Hostile YAML (tags, anchors, deep nesting, huge ints, odd scalars) ends in problems."""
    assert_checked(text)


@given(TREE_TEXT, st.integers(0, 10**6), st.one_of(FRAGMENTS, CONTROLS, NESTING), st.integers(0, 8))
def test_a_spliced_shipped_tree_is_a_tree_or_positioned_problems(
    text: str, at: int, insert: str, cut: int
) -> None:
    """A valid tree with a hostile fragment put anywhere into its text."""
    assert_checked(splice(text, at, insert, cut))


@given(TREE_TEXT, st.integers(0, 10**6), st.text(CHARS, min_size=1, max_size=4))
def test_unicode_anywhere_in_a_tree_is_a_tree_or_positioned_problems(
    text: str, at: int, insert: str
) -> None:
    """Any characters (controls, bidi, astral, BOM) anywhere in a valid tree."""
    assert_checked(splice(text, at, insert))


@given(st.one_of(st.binary(max_size=300), TREE_TEXT.map(str.encode)), st.binary(max_size=6))
@example(b"\xef\xbb\xbfformat: 1", b"")
@example(b"id: x\n", b"\xff\xfe")
@example(b"id: x\n", b"\x00")
def test_any_file_bytes_are_a_tree_or_positioned_problems(data: bytes, tail: bytes) -> None:
    """Invalid UTF-8, NUL bytes and BOMs are problems at their place in the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.yaml"
        written = data[: len(data) // 2] + tail + data[len(data) // 2 :]
        path.write_bytes(written)
        tree, problems = check_file(path)
        entry = load_entry(path, Source("extra", Path(folder)), use_cache=True)
        again = load_entry(path, Source("extra", Path(folder)), use_cache=True)  # from the cache
    text = written.decode("utf-8", "replace")
    for problem in problems:
        assert_problem(problem, str(path), text)
    assert (tree is None) == bool(problems) == bool(entry.problems) == bool(again.problems)
    assert entry.problems == again.problems == problems


def _where(text: str, offset: int) -> tuple[int, int]:
    """Line and column (characters) of `text[offset]`; shipped trees break lines with \\n only."""
    assert not any(c in text for c in "\r\x85\u2028\u2029")
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


REFUSED = st.sampled_from(
    [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x9B, 0xFFFE)]
)


@given(TREE_TEXT, st.integers(0, 10**6), REFUSED)
@example(SHIPPED_TEXT["no-internet"], 26, "\x01")  # was reported at 1:1, not 3:1
def test_a_control_character_is_reported_where_it_is(text: str, at: int, char: str) -> None:
    """A raw control character (which YAML refuses) is the problem, at its own line:col."""
    offset = at % (len(text) + 1)
    tree, problems = check_text(splice(text, offset, char), NAME)
    assert tree is None
    assert (problems[0].line, problems[0].col) == _where(text, offset), problems[0]
    assert f"U+{ord(char):04X}" in str(problems[0].message)


@given(TREE_TEXT, st.integers(0, 10**6), st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80"]))
def test_invalid_utf8_is_reported_where_it_is(text: str, at: int, bad: bytes) -> None:
    """A byte sequence that is not UTF-8 is reported at the character it spoils."""
    offset = at % (len(text) + 1)
    data = text[:offset].encode() + bad + text[offset:].encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.yaml"
        path.write_bytes(data)
        tree, problems = check_file(path)
    assert tree is None and "UTF-8" in str(problems[0].message)
    assert (problems[0].line, problems[0].col) == _where(text, offset), problems[0]


def _quoted(key: str) -> str:
    """A YAML double-quoted scalar of `key`, every character outside plain text escaped."""
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in key)
        + '"'
    )


@given(st.text(CHARS, min_size=1, max_size=6).filter(lambda key: not key.isprintable()))
@example("\n")  # found in a configuration: 'redaction.\n is not a kind' split its message in two
@example("support\u2028")
def test_a_key_that_is_not_one_line_of_visible_text_is_a_problem_at_its_place(key: str) -> None:
    """Keys name things in every message: one with a line break or a control is refused."""
    text = f"format: 1\n{_quoted(key)}: x\n"
    tree, problems = check_text(text, NAME)
    assert tree is None
    found = [p for p in problems if "a key must be one line of visible text" in str(p.message)]
    assert [(p.line, p.col) for p in found] == [(2, 1)], problems


def _big_document(shape: str, size: int) -> str:
    unit = {
        "keys": "k{i}: value {i}\n",
        "flow": "[a, {{b: c}}, {i}], ",
        "nest": "- ",
        "long": "x" * 1000,
        "items": "- {i}\n",
    }[shape]
    parts, total, i = [], 0, 0
    while total < size:
        piece = unit.format(i=i) if "{" in unit else unit
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)


@HEAVY
@given(
    st.sampled_from(["keys", "flow", "nest", "long", "items"]),
    st.integers(MAX_BYTES // 4, MAX_BYTES - 1),
)
def test_a_large_document_stays_within_memory_and_time(shape: str, size: int) -> None:
    """A document up to the size cap is answered under 300 MB more memory and 20 s of CPU."""
    text = _big_document(shape, size)

    def run() -> str:
        tree, problems = check_text(text, NAME)
        return "tree" if tree else str(problems[0])

    out = bounded(run)
    assert out.startswith("ok:"), out
