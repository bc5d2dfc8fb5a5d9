"""`fixit --lang sv start` in a real terminal: a tree without Swedish says once that it is shown in
English; a Swedish tree speaks Swedish."""

from __future__ import annotations

import pytest

from .harness import ENTER, Fixit, strip_ansi

pytestmark = pytest.mark.e2e

IN_ENGLISH = "De här anvisningarna finns inte på svenska, så de visas på engelska."


def test_a_tree_without_swedish_says_so_once(fx: Fixit) -> None:
    t = fx.spawn("--lang", "sv", "--plain", "start", "e2e-flow")
    t.expect(IN_ENGLISH)
    t.expect("Is the power light on?")
    t.child.send("1" + ENTER)  # Yes, it is on
    t.expect("Restart the device from its power button.")
    t.child.send("1" + ENTER)  # solved
    assert t.wait() == 0
    assert strip_ansi(t.output).count(IN_ENGLISH) == 1  # two steps, one line
    assert fx.meta(fx.only_session())["outcome"] == "resolved"


def test_a_swedish_tree_speaks_swedish(fx: Fixit) -> None:
    t = fx.spawn("--lang", "sv", "--plain", "start", "computer-wont-start", trees=False)
    t.expect("Tryck en gång på datorns strömbrytare.")
    t.child.send("1" + ENTER)  # Nej, ingenting händer
    t.expect("Kontrollera att datorns strömsladd sitter ordentligt")
    t.child.send("1" + ENTER)  # solved
    assert t.wait() == 0
    shown = strip_ansi(t.output)
    assert "Bra, datorn fungerar igen!" in shown  # the end node's text
    assert IN_ENGLISH not in shown and "Press the computer's power button" not in shown
    assert fx.meta(fx.only_session())["outcome"] == "resolved"
