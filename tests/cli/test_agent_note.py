"""`agent_note`: shown to the agent only, in its own box apart from Say, and never in a report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.i18n import LANGUAGES, Messages, _
from fixit.prompts.scripted import ScriptedPrompter
from fixit.trees.library import Source, load_library

from .conftest import Run

TREE = """\
format: 1
id: noted
version: 1
title: {en: A noted tree, fi: Muistiinpanopuu}
start: restart
nodes:
  restart:
    kind: step
    text: {en: Restart the player., fi: Käynnistä toistin uudelleen.}
    say: {en: Could you restart the player?, fi: Voisitko käynnistää toistimen uudelleen?}
    agent_note: {en: NOTE-EN open the admin page yourself, fi: NOTE-FI avaa hallintasivu itse}
    solved: done
    unsolved: player_id
  player_id:
    kind: input
    field: player_id
    text: {en: "What is the player's device id?", fi: Mikä on toistimen laitetunnus?}
    say: {en: Could you read me the id on the sticker?, fi: Voisitko lukea tarrassa olevan tunnuksen?}
    agent_note: {en: NOTE-EN check it in the register, fi: NOTE-FI tarkista rekisteristä}
    goto: read_back
  read_back:
    kind: info
    text: {en: "Player {player_id}.", fi: "Toistin {player_id}."}
    agent_note: {en: "NOTE-EN read back {player_id}", fi: "NOTE-FI lue takaisin {player_id}"}
    goto: escalate
  escalate:
    kind: end
    outcome: escalate
    text: {en: "Thank you (player {player_id}).", fi: "Kiitos (toistin {player_id})."}
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed., fi: Korjattu.}
"""


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "noted.yaml").write_text(TREE, "utf-8")
    return folder


def run(trees: Path, mode: str, lang: str, script: list[str]) -> None:
    ctx = AppContext(lang_option=lang, trees_option=[trees], no_color=True)
    assert start(ctx, "noted", mode, None, None, None, prompter=ScriptedPrompter(script)) == 0


def test_the_tree_format_takes_agent_note_and_wants_every_language(trees: Path) -> None:
    library = load_library([Source("test", trees)], use_cache=False)
    assert library.problems == []
    node = library.trees()["noted"].nodes["restart"]
    assert node.agent_note == {
        "en": "NOTE-EN open the admin page yourself",
        "fi": "NOTE-FI avaa hallintasivu itse",
    }
    (trees / "noted.yaml").write_text(TREE.replace(", fi: NOTE-FI avaa hallintasivu itse", ""))
    problems = load_library([Source("test", trees)], use_cache=False).problems
    assert any("agent_note has no fi translation" in str(p) for p in problems), problems


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_agent_mode_shows_the_note_in_its_own_box_after_say(
    trees: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(trees, "agent", lang, ["", "", "", "", "unsolved", "A-7", "ok"])
    out = capsys.readouterr().out
    m = Messages(lang)
    marker = f"NOTE-{lang.upper()}"
    say_title, note_title = m(_("Say")), m(_("For you only — do not read out"))
    say_box = out.index(f"╭─ {say_title} ")
    note_box = out.index(f"╭─ {note_title} ")
    assert say_box < note_box < out.index(marker)
    say_body = out[say_box : out.index("╰", say_box)]
    assert marker not in say_body  # apart from Say: never mixed into what is read out
    assert f"{marker} lue takaisin A-7" in out or f"{marker} read back A-7" in out  # placeholders


def test_self_mode_never_shows_the_note(trees: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(trees, "self", "en", ["unsolved", "A-7", "ok"])
    out = capsys.readouterr().out
    assert "NOTE-" not in out and Messages("en")(_("For you only — do not read out")) not in out
    assert "Could you restart the player?" not in out  # Say is agent mode only too


@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "json"])
def test_the_note_never_reaches_a_report(
    trees: Path, fmt: str, fixit: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    run(trees, "agent", "fi", ["Maija", "", "", "A-7", "unsolved", "A-7", "ok"])
    capsys.readouterr()
    sid = str(json.loads(fixit("sessions", "--json").out)[0]["id"])
    for lang in LANGUAGES:
        got = fixit("--lang", lang, "report", sid, "--format", fmt)
        assert got.code == 0, got.err
        assert "A-7" in got.out  # the report is really there, with the answers
        assert "NOTE-" not in got.out and "tarkista rekisteristä" not in got.out
        assert "check it in the register" not in got.out
