"""A small tree in three languages for the support-code tests, and helpers to run it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fixit.commands.decode_cmd import pickup
from fixit.commands.run import start
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

PRINTER = """\
format: 1
id: printer
version: 3
title: {en: The printer does not print, fi: Tulostin ei tulosta, sv: Skrivaren skriver inte ut}
start: model
nodes:
  model:
    kind: question
    text: {en: Which printer is it?, fi: Mikä tulostin on kyseessä?, sv: Vilken skrivare är det?}
    choices:
      - {id: office, label: {en: The office printer, fi: Toimiston tulostin, sv: Kontorets skrivare}, goto: power}
      - {id: home, label: {en: A home printer, fi: Kotitulostin, sv: En skrivare hemma}, goto: power}
  power:
    kind: step
    text: {en: Switch the printer off and on., fi: Sammuta tulostin ja käynnistä se., sv: Stäng av skrivaren och slå på den.}
    say: {en: Ask them to restart the printer., fi: Pyydä käynnistämään tulostin uudelleen., sv: Be dem starta om skrivaren.}
    solved: fixed
    unsolved: paper
  paper:
    kind: question
    text: {en: Is there paper in the tray?, fi: Onko lokerossa paperia?, sv: Finns det papper i facket?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä", sv: "Ja"}, goto: error}
      - {id: "no", label: {en: "No", fi: "Ei", sv: "Nej"}, goto: fixed}
  error:
    kind: input
    field: error_message
    text: {en: What does the printer's display say?, fi: Mitä tulostimen näytössä lukee?, sv: Vad står det på skrivarens display?}
    required: true
    goto: queue
  queue:
    kind: question
    text: {en: Are jobs stuck in the queue?, fi: Onko tulostusjonossa jumissa töitä?, sv: Har utskrifter fastnat i kön?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä", sv: "Ja"}, goto: escalate}
      - {id: "no", label: {en: "No", fi: "Ei", sv: "Nej"}, goto: escalate}
  fixed:
    kind: end
    outcome: resolved
    text: {en: "Good, it prints again.", fi: "Hyvä, tulostin toimii taas.", sv: "Bra, skrivaren fungerar igen."}
  escalate:
    kind: end
    outcome: escalate
    text: {en: Support takes it from here., fi: Tuki jatkaa tästä., sv: Supporten tar över härifrån.}
"""


def context(folder: Path, lang: str = "en") -> AppContext:
    """An app context with `folder` as an extra tree folder."""
    return AppContext(lang_option=lang, trees_option=[folder], no_color=True)


def user_session(folder: Path, replies: list[str], lang: str = "en") -> dict[str, Any]:
    """Run a self-mode session on the printer tree with `replies`; its metadata."""
    (folder / "printer.yaml").write_text(PRINTER)
    prompter = ScriptedPrompter(replies)
    before = folders()
    assert start(context(folder, lang), "printer", "self", None, None, False, prompter) == 0
    assert prompter.replies == [], prompter.replies
    return read(*(folders() - before))[0]


def agent_pickup(
    folder: Path, code: str, replies: list[str], lang: str = "en"
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Carry on from `code` as the agent with `replies`; the new session's metadata and events."""
    prompter = ScriptedPrompter(replies)
    before = folders()
    assert pickup(context(folder, lang), code, None, None, prompter) == 0
    assert prompter.replies == [], prompter.replies
    return read(*(folders() - before))


def folders() -> set[Path]:
    """The session folders there are now."""
    base = Path(os.environ["FIXIT_HOME"]) / "sessions"
    return set(base.iterdir()) if base.is_dir() else set()


def read(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A session's metadata and journal events."""
    meta = json.loads((folder / "meta.json").read_text())
    events = [json.loads(line) for line in (folder / "journal.jsonl").read_text().splitlines()]
    return meta, events
