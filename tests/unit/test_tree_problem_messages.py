"""A tree file's problems are a place (data) and a message (translated at the edge): every line
`fixit trees validate` prints reads the same in English as before and wholly in Finnish."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from fixit.errors import TreeError
from fixit.trees.library import Library, Source, load_entry
from fixit.trees.validate import check_text
from fixit.trees.yamlsafe import Problem

BROKEN = """\
format: 2
id: other
title: {en: T, fi: T}
colour: red
start: nowhere
nodes:
  q:
    kind: question
    text: {en: Q?}
    redact: yes
    choices:
      - {id: a, label: {en: A, fi: A}, goto: gone}
      - {id: a, label: {en: B, fi: B}, goto: q}
  s:
    kind: step
    text: {en: S, fi: S}
    solved: q
"""

ENGLISH_WORDS = ("node", "must", "missing", "unknown", "translation", "does not", "choice ")


def problems() -> list[Problem]:
    tree, found = check_text(textwrap.dedent(BROKEN), "t.yaml", "t")
    assert tree is None
    return found


def test_the_english_is_what_it_was() -> None:
    assert [str(p) for p in problems()] == [
        "t.yaml:1:9: format must be 1 (this fixit reads tree format 1)",
        "t.yaml:2:5: id 'other' differs from the file name 't'",
        "t.yaml:4:1: unknown key 'colour' in the tree",
        "t.yaml:5:8: start node 'nowhere' does not exist",
        "t.yaml:9:11: node 'q' text has no fi translation (the tree uses en, fi)",
        "t.yaml:10:5: node 'q': 'redact' is only for input nodes, not question",
        "t.yaml:12:46: node 'q' goes to 'gone', which does not exist",
        "t.yaml:13:14: duplicate choice id 'a' in node 'q' (first at line 12)",
        "t.yaml:15:5: node 's' (step) is missing 'unsolved'",
    ]


def test_every_problem_reads_in_finnish() -> None:
    for problem in problems():
        finnish = problem.render("fi")
        assert finnish.startswith(f"{problem.where}: ")
        assert not any(word in finnish for word in ENGLISH_WORDS), finnish


def test_a_problem_comes_back_from_the_cache_as_it_was() -> None:
    for problem in problems():
        again = Problem.from_json(json.loads(json.dumps(problem.to_json())))
        assert again == problem and again.render("fi") == problem.render("fi")


def test_a_tree_that_does_not_validate_is_one_error_in_one_language(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent(BROKEN))
    entry = load_entry(path, Source("extra", tmp_path), use_cache=False)
    library = Library([entry], {"t": entry}, entry.problems)
    with pytest.raises(TreeError) as info:
        library.get("t")
    english = str(info.value.message).splitlines()
    assert english[0] == "tree 't' does not validate:"
    assert english[1:] == [str(p) for p in entry.problems]
    finnish = info.value.message.render("fi").splitlines()
    assert finnish[0] == "vianetsintäpolku 't' ei läpäise tarkistusta:"
    assert not any(word in line for line in finnish for word in ENGLISH_WORDS)
