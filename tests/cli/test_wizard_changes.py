"""Changing an earlier answer through the wizard: what was answered before comes back (pre-selected
when asked again, re-attached when the path reaches it), through save, resume and a changed tree."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.commands.resume_cmd import resume
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from .test_wizard_scripted import answers_of, journal

DEVICE = """\
format: 1
id: device
version: 3
title: {en: The computer will not connect, fi: Tietokone ei saa yhteyttä}
start: device
nodes:
  device:
    kind: question
    text: {en: Which computer is it?, fi: Mikä tietokone on kyseessä?}
    choices:
      - {id: laptop, label: {en: A laptop, fi: Kannettava}, goto: wifi}
      - {id: desktop, label: {en: A desktop, fi: Pöytäkone}, goto: cable}
  wifi:
    kind: question
    text: {en: Is Wi-Fi on?, fi: Onko Wi-Fi päällä?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: name}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: name}
  cable:
    kind: question
    text: {en: Is the network cable plugged in?, fi: Onko verkkokaapeli kiinni?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: name}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: name}
  name:
    kind: input
    field: reporter_name
    text: {en: Your name?, fi: Nimesi?}
    required: true
    goto: where
  where:
    kind: question
    text: {en: Where are you?, fi: Missä olet?}
    choices:
      - {id: home, label: {en: At home, fi: Kotona}, goto: extra}
      - {id: office, label: {en: At the office, fi: Toimistolla}, goto: extra}
  extra:
    kind: input
    field: doing
    text: {en: What were you doing?, fi: Mitä olit tekemässä?}
    goto: escalate
  escalate:
    kind: end
    outcome: escalate
    text: {en: Support takes it from here., fi: Tuki jatkaa tästä.}
"""


def context(folder: Path, lang: str = "en") -> AppContext:
    return AppContext(lang_option=lang, trees_option=[folder], no_color=True)


def run(folder: Path, replies: list[str], lang: str = "en") -> int:
    prompter = ScriptedPrompter(replies)
    code = start(context(folder, lang), "device", "self", None, None, False, prompter=prompter)
    assert prompter.replies == [], prompter.replies
    return code


def carry_on(folder: Path, replies: list[str], lang: str = "en") -> int:
    prompter = ScriptedPrompter(replies)
    code = resume(context(folder, lang), None, prompter=prompter)
    assert prompter.replies == [], prompter.replies
    return code


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_a_changed_answer_keeps_later_ones_through_save_and_resume(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    # laptop, Wi-Fi off, Liisa, office; back to the first question; desktop; save at the new one
    replies = ["laptop", "no", "Liisa", "office", "!back", "!back", "!back", "!back"]
    assert run(tree_dir, [*replies, "desktop", "!quit"]) == 0
    capsys.readouterr()
    # after resume: the new question, then name and where come back without being asked; back at
    # `extra`, each earlier answer is offered pre-selected or pre-filled: "" takes it
    assert carry_on(tree_dir, ["yes", "!back", "", "!back", "!back", "", "Reading mail"]) == 0
    out = one_line(capsys.readouterr().out)
    assert "Kept the later answers that still apply (2)." in out  # name and where, after cable
    meta, events = journal()
    assert meta["status"] == "finished"
    assert answers_of(events)[-4:] == [
        ("cable", "yes", "user"),
        ("where", "office", "user"),  # offered pre-selected, taken with Enter
        ("name", "Liisa", "user"),  # offered pre-filled; `where` then came back by itself
        ("extra", "Reading mail", "user"),
    ]
    sid = str(meta["id"])
    report = json.loads(fixit("--trees", str(tree_dir), "report", sid, "--format", "json").out)
    steps = [(s["node"], s["value"]) for s in report["steps"]]
    assert steps == [
        ("device", "desktop"),
        ("cable", "yes"),
        ("name", "Liisa"),
        ("where", "office"),
        ("extra", "Reading mail"),
    ]  # the laptop's Wi-Fi answer is kept aside, never reported
    assert report["reporter"]["name"] == "Liisa"


def test_an_earlier_answer_is_pre_selected_when_asked_again(tree_dir: Path) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    replies = ["laptop", "no", "Liisa", "!back", "!back", "!back", ""]  # "" keeps laptop
    assert run(tree_dir, [*replies, "!quit"]) == 0
    _, events = journal()
    assert answers_of(events)[-1] == ("device", "laptop", "user")
    # the same answer again: what followed comes straight back, and resume lands after it
    assert carry_on(tree_dir, ["home", ""]) == 0
    _, events = journal()
    assert [a[:2] for a in answers_of(events)[-2:]] == [("where", "home"), ("extra", "")]


def test_set_aside_answers_survive_a_resume_and_come_back(tree_dir: Path) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    replies = ["laptop", "no", "Liisa", "office", "!back", "!back", "!back", "!back", "desktop"]
    assert run(tree_dir, [*replies, "!quit"]) == 0
    # resume at `cable`; change the computer back: Wi-Fi, name and where all return
    assert carry_on(tree_dir, ["!back", "laptop", "!quit"]) == 0
    assert carry_on(tree_dir, ["Printing"]) == 0
    _, events = journal()
    assert answers_of(events)[-1] == ("extra", "Printing", "user")
    meta, _ = journal()
    assert meta["outcome"] == "escalate"


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        (
            "en",
            "The tree device changed since this session started (version 3 → 4); "
            "your answers still fit.",
        ),
        (
            "fi",
            "Vianetsintäpolku device on muuttunut sen jälkeen, kun aloitit tämän istunnon "
            "(versio 3 → 4); vastauksesi sopivat siihen edelleen.",
        ),
    ],
)
def test_resume_onto_a_changed_tree_says_so_even_when_everything_fits(
    tree_dir: Path, capsys: pytest.CaptureFixture[str], lang: str, notice: str
) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    assert run(tree_dir, ["laptop", "no", "!quit"], lang) == 0
    changed = DEVICE.replace("version: 3", "version: 4").replace("Your name?", "Your full name?")
    (tree_dir / "device.yaml").write_text(changed)
    capsys.readouterr()
    assert carry_on(tree_dir, ["Liisa", "home", ""], lang) == 0
    assert notice in one_line(capsys.readouterr().out)
    meta, _ = journal()
    assert meta["version"] == 4 and meta["outcome"] == "escalate"


def test_an_edit_without_a_new_version_number_is_named_too(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    assert run(tree_dir, ["laptop", "!quit"]) == 0
    (tree_dir / "device.yaml").write_text(DEVICE.replace("Your name?", "Your full name?"))
    capsys.readouterr()
    assert carry_on(tree_dir, ["!quit"]) == 0
    assert (
        "The tree device changed since this session started (still version 3, but edited); "
        "your answers still fit." in one_line(capsys.readouterr().out)
    )


def test_resume_drops_what_no_longer_fits_and_keeps_what_left_the_path(
    tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "device.yaml").write_text(DEVICE)
    assert run(tree_dir, ["laptop", "no", "Liisa", "!quit"]) == 0
    changed = (
        DEVICE.replace("version: 3", "version: 5")
        .replace(
            '{id: "no", label: {en: "No", fi: "Ei"}, goto: name}\n  cable',
            '{id: off, label: {en: "No", fi: "Ei"}, goto: name}\n  cable',
        )
        .replace("goto: wifi}", "goto: SWAP}")
        .replace("goto: cable}", "goto: wifi}")
        .replace("goto: SWAP}", "goto: cable}")
    )  # Wi-Fi's "no" is now "off", and a laptop goes to the cable question
    (tree_dir / "device.yaml").write_text(changed)
    capsys.readouterr()
    assert carry_on(tree_dir, ["!quit"]) == 0
    out = one_line(capsys.readouterr().out)
    assert (
        "The tree device changed since this session started (version 3 → 5); these answers no "
        "longer fit and were dropped: wifi; these answers are not on the new path for now, and come "
        "back if it leads to them: name." in out
    )
    # the set-aside name survives the rebase in the journal: answering cable brings it back
    assert carry_on(tree_dir, ["yes", "!quit"]) == 0
    _, events = journal()
    rebase = next(e for e in events if e["t"] == "rebase")
    assert [a["node"] for a in rebase["aside"]] == ["name"]
    assert "Kept the later answers that still apply (1)." in one_line(capsys.readouterr().out)
