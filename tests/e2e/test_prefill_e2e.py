"""Agent mode in a real terminal: the caller's details given at the start are already in the
inputs the tree links to them; Enter keeps one, and the agent can edit another."""

from __future__ import annotations

import pytest

from .harness import ENTER, Fixit

pytestmark = pytest.mark.e2e

TREE = """\
format: 1
id: asks
version: 1
title: {en: Asks the caller, fi: Kysyy soittajalta}
start: player_id
nodes:
  player_id:
    kind: input
    field: player_id
    label: {en: Player id, fi: Toistimen tunnus}
    prefill: device_id
    text: {en: "What is the player's id?", fi: Mikä on toistimen tunnus?}
    goto: name
  name:
    kind: input
    field: reporter_name
    prefill: name
    text: {en: Your name?, fi: Nimesi?}
    goto: done
  done:
    kind: end
    outcome: escalate
    text: {en: Thanks., fi: Kiitos.}
"""


@pytest.mark.parametrize("plain", [False, True], ids=["questionary", "plain"])
def test_the_caller_block_pre_fills_and_the_agent_can_change_it(fx: Fixit, plain: bool) -> None:
    folder = fx.base / "trees"
    folder.mkdir()
    (folder / "asks.yaml").write_text(TREE, "utf-8")
    args = ("--plain",) if plain else ()
    t = fx.spawn(*args, "--trees", str(folder), "start", "asks", "--agent", trees=False)
    for label, value in (
        ("Caller's name", "Maija"),
        ("Organisation", ""),
        ("Phone or e-mail", "040 123 4567"),
        ("Device id", "A-5678"),
    ):
        t.expect(label)
        t.child.send(value + ENTER)
    t.expect("What is the player's id?")
    t.expect("Filled in from the caller's details")
    t.at_text()
    t.keys(ENTER)  # keeps A-5678
    t.expect("Your name?")
    t.at_text()
    if plain:  # plain mode: Enter keeps the value, anything typed replaces it
        t.child.send("Maija Virtanen" + ENTER)
    else:  # the value is in the line, to edit
        t.child.send(" Virtanen" + ENTER)
    t.expect("Thanks.")
    t.wait()
    sid = fx.only_session()
    assert [a[:2] for a in fx.answers(sid)] == [
        ("player_id", "A-5678"),
        ("name", "Maija Virtanen"),
    ]
