"""Safe loading (RELIABILITY policy 1): every hostile file becomes one file:line:col problem."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from fixit.trees.validate import check_file
from fixit.trees.yamlsafe import Map, Problem, Scalar, YamlError, load_file, parse_text


def problems_of(path: Path) -> list[str]:
    started = time.monotonic()
    tree, problems = check_file(path)
    assert time.monotonic() - started < 1.0, "rejecting a bad file must take under a second"
    assert tree is None
    return [str(p) for p in problems]


def write(tmp_path: Path, text: str | bytes, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: !!python/object:os.system x\n",
            "1:4: tags (tag:yaml.org,2002:python/object:os.system)",
        ),
        ("a: !!float x\n", "1:4: tags"),
        ("a: &x [1]\nb: *x\n", "1:4: anchors (&name) are not allowed"),
        ("a: 1\n---\nb: 2\n", "2:1: only one YAML document"),
        ("", "1:1: the file is empty"),
        ("# only a comment\n", "1:1: the file is empty"),
        ("a: [\n", "YAML syntax"),
        ("a:\n\tb: 1\n", "YAML syntax"),
    ],
)
def test_hostile_yaml_is_one_positioned_problem(tmp_path: Path, text: str, expected: str) -> None:
    found = problems_of(write(tmp_path, text))
    assert len(found) == 1
    assert expected in found[0]
    assert found[0].startswith(str(tmp_path / "t.yaml") + ":")


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert "anchors" in problems_of(write(tmp_path, "\n".join(lines)))[0]


@pytest.mark.parametrize("depth", [100, 30_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    found = problems_of(write(tmp_path, "[" * depth + "]" * depth))
    assert "nesting deeper than 64 levels" in found[0]


def test_cve_like_scalars_are_not_constructed(tmp_path: Path) -> None:
    # yaml.safe_load raises ValueError / IndexError on these; fixit never constructs them
    text = "format: 1\nid: t\n0b_: x\nbig: " + "9" * 5000 + "\n"
    found = problems_of(write(tmp_path, text))
    assert any("unknown key '0b_'" in p for p in found)
    assert any("unknown key 'big'" in p for p in found)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert "the limit is 1048576" in problems_of(path)[0]


def test_fifo_and_directory_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in problems_of(fifo)[0]
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert "not a regular file" in problems_of(folder)[0]


def test_invalid_utf8_and_nul_have_positions(tmp_path: Path) -> None:
    assert (
        ":2:4: the file is not valid UTF-8" in problems_of(write(tmp_path, b"a: 1\nb: \xff\n"))[0]
    )
    assert ":1:5: the file contains a NUL byte" in problems_of(write(tmp_path, b"a: b\x00\n"))[0]


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot read the file" in problems_of(tmp_path / "nope.yaml")[0]


def test_scalars_keep_what_was_written() -> None:
    root = parse_text("a: no\nb: 0755\nc: 2024-01-02\nd: 'yes'\n", "x")
    values = {k: v for k, v in root.items.items()}  # type: ignore[union-attr]
    for key, raw in (("a", "no"), ("b", "0755"), ("c", "2024-01-02"), ("d", "yes")):
        value = values[key]
        assert isinstance(value, Scalar) and value.value == raw


def test_yaml_error_carries_the_problem(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as info:
        load_file(write(tmp_path, "a: 1\na: 2\n"))
    assert info.value.problem.line == 2


@pytest.mark.parametrize(
    ("raw", "where", "code"),
    [
        (b"a: 1\nb: 2\nc: 123456\x07\n", "3:10", "U+0007"),  # a raw BEL in a plain scalar
        (b'a: 1\nb: "x\x01y"\n', "2:6", "U+0001"),  # inside double quotes, unescaped
        (b"a: \xc3\xa4\xc3\xa4\x1b[31m\n", "1:6", "U+001B"),  # columns count characters
        (b"a: 1\r\nb: \x7f\r\n", "2:4", "U+007F"),  # CRLF line ends count once
        (b"\xef\xbb\xbfa: \xc2\x9b\n", "1:4", "U+009B"),  # C1 after a BOM
    ],
)
def test_a_control_character_is_one_line_at_its_own_position(
    tmp_path: Path, raw: bytes, where: str, code: str
) -> None:
    found = problems_of(write(tmp_path, raw))
    assert found == [
        f"{tmp_path / 't.yaml'}:{where}: the file contains a control character ({code}), "
        "which YAML does not allow"
    ]


def test_escaped_control_characters_and_tabs_are_fine() -> None:
    root = parse_text('a: "bell \\x07 here"\nb: "tab\there"\n', "x")
    assert isinstance(root, Map)
    value = root.items["a"]
    assert isinstance(value, Scalar) and value.value == "bell \x07 here"


def test_invalid_utf8_and_nul_columns_count_characters(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, "ä: öö".encode() + b"\xff\n"))
    assert ":1:6: the file is not valid UTF-8" in found[0]
    assert (
        ":1:5: the file contains a NUL byte"
        in problems_of(write(tmp_path, "ä: ö\x00\n".encode()))[0]
    )


def test_a_duplicate_key_in_a_tree_is_one_problem_among_others(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, "a: 1\na: 2\n"))
    assert f"{tmp_path / 't.yaml'}:2:1: duplicate key 'a' (first at line 1)" in found
    assert any("missing required key 'nodes'" in p for p in found)


def test_duplicate_keys_are_collected_and_reading_goes_on() -> None:
    problems: list[Problem] = []
    root = parse_text("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n{x: 1}: 5\n", "f", problems=problems)
    assert [str(p) for p in problems] == [
        "f:4:3: duplicate key 'c' (first at line 3)",
        "f:5:1: duplicate key 'a' (first at line 1)",
        "f:6:1: a key must be plain text",
    ]
    assert isinstance(root, Map) and set(root.items) == {"a", "b"}
    first = root.items["a"]
    assert isinstance(first, Scalar) and first.value == "1"  # the first one written is kept


def test_refused_characters_are_exactly_pyyaml_s() -> None:
    """The control characters refused up front are the ones PyYAML's reader refuses, over
    every code point (the set is written as its complement, which compiles faster)."""
    import sys

    from yaml.reader import Reader

    from fixit.trees.yamlfile import not_printable

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    ours = [m.start() for m in not_printable().finditer(every)]
    assert ours == [m.start() for m in Reader.NON_PRINTABLE.finditer(every)]
    assert 0x0B in ours and 0xD800 in ours and 0x09 not in ours and 0x85 not in ours
