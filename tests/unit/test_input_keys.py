"""An input node's `label`, `redact` and `prefill` (docs/trees.md): read, checked, positioned."""

from __future__ import annotations

import textwrap

from fixit.trees.model import tree_from_json, tree_to_json
from fixit.trees.validate import check_text

TREE = """\
format: 1
id: t
title: {en: T, fi: T}
start: mail
nodes:
  mail:
    kind: input
    field: email
    type: email
    text: {en: "What is their e-mail address?", fi: "Mikä on hänen sähköpostiosoitteensa?"}
    KEYS
    goto: done
  done:
    kind: end
    outcome: resolved
    text: {en: Done, fi: Valmis}
"""


def check(keys: str, tree: str = TREE) -> list[str]:
    text = tree.replace("KEYS", keys.replace("\n", "\n    "))
    got, problems = check_text(textwrap.dedent(text), "t.yaml", "t")
    assert (got is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_keys_are_read_into_the_model_and_survive_the_cache() -> None:
    keys = "label: {en: E-mail address, fi: Sähköpostiosoite}\nredact: false\nprefill: contact"
    tree, problems = check_text(TREE.replace("KEYS", keys.replace("\n", "\n    ")), "t.yaml", "t")
    assert problems == [] and tree is not None
    node = tree.nodes["mail"]
    assert node.label == {"en": "E-mail address", "fi": "Sähköpostiosoite"}
    assert node.redact is False and node.prefill == "contact"
    again = tree_from_json(tree_to_json(tree)).nodes["mail"]
    assert (again.label, again.redact, again.prefill) == (node.label, False, "contact")


def test_defaults_redact_by_policy_and_prefill_nothing() -> None:
    tree, problems = check_text(TREE.replace("KEYS", "required: true"), "t.yaml", "t")
    assert problems == [] and tree is not None
    assert tree.nodes["mail"].redact is True
    assert tree.nodes["mail"].prefill is None and tree.nodes["mail"].label is None


def test_wrong_values_are_reported_with_their_position() -> None:
    found = check('label: {en: "E-mail"}\nredact: maybe\nprefill: phone')
    assert "t.yaml:11:12: node 'mail' label has no fi translation (the tree uses en, fi)" in found
    assert "t.yaml:12:13: node 'mail' redact must be true or false" in found
    assert any(
        p.startswith("t.yaml:13:14: node 'mail' prefill must be one of name, organisation")
        for p in found
    )


def test_a_label_is_short() -> None:
    long = "x" * 61
    found = check(f"label: {{en: Mail, fi: {long}}}")
    assert any(p.startswith("t.yaml:11:12: node 'mail' label (fi) is over 60") for p in found)


def test_the_keys_belong_to_input_nodes_only() -> None:
    tree = TREE.replace(
        "    goto: done\n  done:\n    kind: end\n",
        "    goto: done\n  done:\n    kind: end\n    label: {en: End, fi: Loppu}\n    redact: false\n",
    )
    found = check("required: true", tree)
    assert "t.yaml:15:5: node 'done': 'label' is only for input nodes, not end" in found
    assert "t.yaml:16:5: node 'done': 'redact' is only for input nodes, not end" in found


def test_a_choice_input_is_not_prefilled() -> None:
    tree = TREE.replace(
        "type: email", "type: choice\n    choices: [{id: a, label: {en: A, fi: A}}]"
    )
    found = check("prefill: name", tree)
    assert any("'prefill' is for typed answers, not choices" in p for p in found)


def test_every_shipped_input_has_a_short_label_that_reports_use() -> None:
    from pathlib import Path

    from fixit.report.model import field_labels
    from fixit.trees.library import Source, load_library

    shipped = Path(__file__).resolve().parents[2] / "decision_trees"
    trees = load_library([Source("shipped", shipped)], use_cache=False).trees()
    for tree in trees.values():
        for node in tree.nodes.values():
            if node.kind == "input":
                assert node.label, f"{tree.id}: {node.id} has no label"
                assert set(tree.languages) <= set(node.label), f"{tree.id}: {node.id}"
    assert field_labels(trees, "fi")["player_id"] == "Toistimen tunnus"
    assert field_labels(trees, "en")["floor"] == "Location"
    assert field_labels(trees, "fi")["photo"] == "Valokuva"
