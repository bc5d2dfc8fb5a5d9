"""Schema and graph rules of tree format 1 (SPEC §3): every problem at once, with positions."""

from __future__ import annotations

import subprocess
import sys
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


FOUR = """\
format: 1
id: t
title: T
start: q
nodes:
  q:
    kind: question
    text: Q?
    colour: red
    choices:
      - {id: a, label: A, goto: done}
      - {id: b, label: B, goto: nowhere}
  done:
    kind: end
    text: Done
    text: Done again
    outcome: resolved
  island:
    kind: end
    text: Nobody comes here
    outcome: resolved
"""


def test_four_kinds_of_problem_in_one_run_with_their_positions() -> None:
    """A duplicate key, an unknown key, a goto to nowhere and an unreachable node: one run."""
    assert check(FOUR) == [
        "t.yaml:9:5: unknown key 'colour' in node 'q'",
        "t.yaml:12:33: node 'q' goes to 'nowhere', which does not exist",
        "t.yaml:16:5: duplicate key 'text' (first at line 15)",
        "t.yaml:18:3: node 'island' is unreachable from the start",
    ]


def test_the_cli_reports_them_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(FOUR)
    run = subprocess.run(
        [sys.executable, "-m", "fixit", "trees", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.count(f"{path}:") == 4, run.stderr
    assert "4 problems in 1 of 1 tree files." in run.stderr


def test_graph_problems_are_found_beside_schema_problems() -> None:
    """An unreadable node still routes as written; its own routing problems are not doubled."""
    text = GOOD.replace("{id: no, label: {en: No, fi: Ei}, goto: done}", "{id: no, label: X}")
    text += "  broken:\n    kind: teleport\n    goto: behind\n"
    text += "  behind:\n    kind: info\n    text: {en: B, fi: B}\n    goto: broken\n"
    text += "  loop1:\n    kind: info\n    text: {en: L, fi: L}\n    goto: loop2\n"
    text += "  loop2:\n    kind: info\n    text: {en: L, fi: L}\n    goto: loop1\n"
    text += "  nodup:\n    kind: info\n    text: {en: D, fi: D}\n    goto: done\n    goto: done\n"
    found = check(text)
    assert any(":11:9: a choice of node 'q' is missing 'goto'" in p for p in found)
    assert any(":17:11: node 'broken' kind must be one of" in p for p in found)
    assert "t.yaml:35:5: duplicate key 'goto' (first at line 34)" in found
    # nothing reaches them: each is reported at its id, nothing is said of their routing
    for node_id, line in (("broken", 16), ("behind", 19), ("loop1", 23), ("loop2", 27)):
        assert f"t.yaml:{line}:3: node {node_id!r} is unreachable from the start" in found
    assert not any("loop with no way out" in p or "dead end" in p for p in found), found
    assert found == sorted(found, key=lambda p: [int(x) for x in p.split(":")[1:3]])


def test_a_loop_is_found_while_another_node_is_broken() -> None:
    text = GOOD.replace("goto: done}\n  done", "goto: a}\n  done").replace(
        "kind: end\n    outcome", "kind: end\n    colour: red\n    outcome"
    )
    text += "  a:\n    kind: info\n    text: {en: A, fi: A}\n    goto: b\n"
    text += "  b:\n    kind: info\n    text: {en: B, fi: B}\n    goto: a\n"
    found = check(text)
    assert "t.yaml:14:5: unknown key 'colour' in node 'done'" in found
    assert "t.yaml:17:3: node 'a' is in a loop with no way out to an end node" in found
    assert "t.yaml:21:3: node 'b' is in a loop with no way out to an end node" in found


def test_a_node_written_twice_is_a_duplicate_and_both_copies_route() -> None:
    text = GOOD + "  q:\n    kind: info\n    text: {en: X, fi: X}\n    goto: extra\n"
    text += "  extra:\n    kind: end\n    outcome: resolved\n    text: {en: E, fi: E}\n"
    found = check(text)
    assert found == ["t.yaml:16:3: duplicate key 'q' (first at line 6)"]


def test_every_goto_to_nowhere_is_reported_where_it_is_written_and_not_as_a_loop() -> None:
    found = check(GOOD.replace("goto: done}", "goto: nowhere}"))
    assert found == [
        "t.yaml:10:58: node 'q' goes to 'nowhere', which does not exist",
        "t.yaml:11:49: node 'q' goes to 'nowhere', which does not exist",
        "t.yaml:12:3: node 'done' is unreachable from the start",
    ]
