"""Schema and graph rules of tree format 1 (SPEC §3): every problem at once, with positions."""

from __future__ import annotations

import textwrap
from pathlib import Path

from fixit.trees.validate import check_file, check_text

GOOD = """\
format: 1
id: t
title: {en: T, fi: T}
start: q
nodes:
  q:
    kind: question
    text: {en: Q?, fi: K?}
    choices:
      - {id: yes, label: {en: "Yes", fi: "Kyllä"}, goto: done}
      - {id: no, label: {en: No, fi: Ei}, goto: done}
  done:
    kind: end
    outcome: resolved
    text: {en: Done, fi: Valmis}
"""


def check(text: str) -> list[str]:
    tree, problems = check_text(textwrap.dedent(text), "t.yaml", "t")
    assert (tree is None) == bool(problems)
    return [str(p) for p in problems]


def test_good_tree_and_text_read_as_written() -> None:
    tree, problems = check_text(GOOD, "t.yaml", "t")
    assert problems == []
    assert tree is not None
    choices = tree.nodes["q"].choices
    assert [c.id for c in choices] == ["yes", "no"]
    assert choices[1].label == {"en": "No", "fi": "Ei"}
    assert tree.languages == ("en", "fi")
    assert len(tree.digest) == 64


def test_every_problem_is_reported_at_once() -> None:
    bad = GOOD.replace("goto: done}\n  done", "goto: nowhere}\n  done").replace(
        "start: q", "start: q\ncolour: red"
    )
    bad = bad.replace("kind: end", "kind: end\n    extra: 1")
    found = check(bad)
    assert "t.yaml:5:1: unknown key 'colour' in the tree" in found
    assert any("goes to 'nowhere', which does not exist" in p and ":12:" in p for p in found)
    assert any("unknown key 'extra' in node 'done'" in p for p in found)


def test_missing_required_keys_and_wrong_types() -> None:
    found = check("format: 2\nid: Bad Id\ntitle: [x]\nnodes: {}\n")
    assert any("format must be 1" in p for p in found)
    assert any("id 'Bad Id' is not a valid id" in p for p in found)
    assert any("title must be text" in p for p in found)
    assert any("missing required key 'start'" in p for p in found)
    assert any("nodes must be a non-empty mapping" in p for p in found)


def test_duplicate_choice_ids_and_fields() -> None:
    text = GOOD.replace("{id: no,", "{id: yes,")
    assert any("duplicate choice id 'yes'" in p for p in check(text))


def test_unreachable_and_loop_without_exit() -> None:
    text = GOOD + "  island:\n    kind: info\n    text: {en: I, fi: S}\n    goto: done\n"
    assert any("node 'island' is unreachable" in p for p in check(text))
    loop = GOOD.replace("goto: done}\n  done", "goto: a}\n  done")
    loop += "  a:\n    kind: info\n    text: {en: A, fi: A}\n    goto: b\n"
    loop += "  b:\n    kind: info\n    text: {en: B, fi: B}\n    goto: a\n"
    found = check(loop)
    assert any("node 'a' is in a loop with no way out" in p for p in found)


def test_unknown_check_field_and_translation() -> None:
    text = GOOD.replace("text: {en: Done, fi: Valmis}", "text: {en: 'Done {ticket}'}")
    text = text.replace(
        "  done:",
        "  c:\n    kind: check\n    check: magic.ball\n    on: {pass: done}\n"
        "    fallback: done\n  done:",
    )
    found = check(text)
    assert any("uses {ticket}, but no input node collects that field" in p for p in found)
    assert any("has no fi translation" in p for p in found)
    assert any("unknown check 'magic.ball'" in p for p in found)


def test_start_must_exist_and_id_must_match_file(tmp_path: Path) -> None:
    assert any(
        "start node 'x' does not exist" in p for p in check(GOOD.replace("start: q", "start: x"))
    )
    path = tmp_path / "other.yaml"
    path.write_text(GOOD)
    _, problems = check_file(path)
    assert any("id 't' differs from the file name 'other'" in str(p) for p in problems)


def test_unquoted_boolean_label_is_text_but_booleans_where_expected() -> None:
    text = GOOD.replace('label: {en: "Yes", fi: "Kyllä"}', "label: yes").replace(
        "label: {en: No, fi: Ei}", "label: no"
    )
    tree, problems = check_text(text, "t.yaml", "t")
    assert problems == [] and tree is not None
    assert tree.nodes["q"].choices[1].label == {"": "no"}
    bad = GOOD.replace(
        "  done:",
        "  i:\n    kind: input\n    field: f\n    text: x\n"
        "    required: maybe\n    goto: done\n  done:",
    )
    assert any("required must be true or false" in p for p in check(bad))


def test_rich_markup_and_escapes_in_labels_are_kept_as_text() -> None:
    text = GOOD.replace('"Yes"', '"[red]x[/red] \\x1b]8;;http://evil\\x07 [/x]"')
    tree, problems = check_text(text, "t.yaml", "t")
    assert problems == [] and tree is not None
    assert "\x1b" in tree.nodes["q"].choices[0].label["en"]


def test_every_node_kind_validates() -> None:
    text = textwrap.dedent("""\
        format: 1
        id: all
        version: 3
        title: All kinds
        description: Every kind of node
        category: advice
        audience: [self]
        tags: [x]
        start: q
        nodes:
          q: {kind: question, text: Q, choices: [{id: a, label: A, goto: s}]}
          s: {kind: step, text: S, solved: end1, unsolved: c, verify: disk.space}
          c: {kind: check, check: disk.space, on: {pass: i, warn: i}, fallback: i}
          i: {kind: input, field: f, text: F, type: choice, choices: [{id: x, label: X}], goto: inf}
          inf: {kind: info, text: 'Got {f}', goto: sub}
          sub: {kind: tree, tree: other, on: {resolved: end1}}
          end1: {kind: end, outcome: resolved, text: Bye}
    """)
    tree, problems = check_text(text, "all.yaml", "all")
    assert problems == []
    assert tree is not None and tree.subtrees() == ["other"] and tree.version == 3
