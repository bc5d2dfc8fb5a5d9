"""The plain prompter: numbered choices, labels by their start, slash commands, typed lines."""

from __future__ import annotations

import io

import pytest

from fixit.i18n import Messages, _
from fixit.prompts.base import Option
from fixit.prompts.plain import PlainPrompter
from fixit.term import Screen
from fixit.wizard_text import command_words

OPTIONS = [
    Option("wifi", "Wi-Fi (wireless)"),
    Option("cable", "Network cable"),
    Option("unsure", "I don't know"),
    Option("!back", "← Back", separator_before=True),
    Option("!note", "✎ Add a note"),
    Option("!quit", "Save and quit"),
]


def prompter(typed: str, lang: str = "en") -> tuple[PlainPrompter, io.StringIO]:
    out = io.StringIO()
    return PlainPrompter(Messages(lang), command_words(), io.StringIO(typed), out), out


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("2\n", "cable"),
        ("net\n", "cable"),  # the start of a label, any case
        ("NETWORK\n", "cable"),
        ("know\n", "unsure"),  # else a part of one
        ("back\n", "!back"),  # decorations are not typed
        ("/back\n", "!back"),
        ("/takaisin\n", "!back"),
        ("/note\n", "!note"),
        ("9\nwi\n", "wifi"),  # out of range: asked again
    ],
)
def test_a_choice_is_its_number_the_start_of_its_label_or_a_slash_command(
    typed: str, value: str
) -> None:
    ask, _ = prompter(typed)
    assert ask.select("How is it connected?", OPTIONS) == value


def test_the_list_is_numbered_once_with_words_for_every_mark() -> None:
    ask, out = prompter("1\n")
    ask.select("Your answer:", OPTIONS, default="cable")
    lines = out.getvalue().splitlines()
    assert lines[:7] == [
        "Your answer:",
        "1. Wi-Fi (wireless)",
        "2. Network cable (Enter chooses this)",
        "3. I don't know",
        "4. Back",
        "5. Add a note",
        "6. Save and quit",
    ]
    assert "Type a number from 1 to 6 (Enter: 2):" in lines[7]
    assert "\x1b" not in out.getvalue()


def test_enter_takes_the_default_and_an_ambiguous_start_lists_the_matches() -> None:
    ask, _ = prompter("\n")
    assert ask.select("?", OPTIONS, default="unsure") == "unsure"
    ask, _ = prompter("i\n")  # starts "I don't know", is inside "Wi-Fi": a start wins
    assert ask.select("?", OPTIONS) == "unsure"
    ask, out = prompter("e\n2\n")  # inside several labels, at the start of none: listed
    assert ask.select("?", OPTIONS) == "cable"
    listed = out.getvalue().split("More than one answer matches. Type its number:\n")[1]
    assert listed.splitlines()[:4] == [
        "1. Wi-Fi (wireless)",
        "2. Network cable",
        "5. Add a note",
        "6. Save and quit",
    ]


def test_the_end_of_input_is_eof_not_a_guess() -> None:
    ask, _ = prompter("")
    with pytest.raises(EOFError):
        ask.select("?", OPTIONS)
    with pytest.raises(EOFError):
        ask.text("Name?")


def test_text_keeps_a_default_validates_and_reads_several_lines() -> None:
    ask, out = prompter("\n")
    assert ask.text("Name?", default="Liisa") == "Liisa"
    assert "Enter keeps: Liisa" in out.getvalue()
    ask, out = prompter("x\nA-12\n")
    got = ask.text("Id?", validate=lambda v: None if "-" in v else "Type an id like A-12.")
    assert got == "A-12" and "Type an id like A-12." in out.getvalue()
    ask, out = prompter("first\nsecond\n\n")
    hint = Messages("en")(_("(Enter starts a new line; Esc then Enter finishes)"))
    assert ask.text("What happened?", multiline=True, instruction=hint) == "first\nsecond"
    assert "finish with an empty line" in out.getvalue() and "Esc" not in out.getvalue()


@pytest.mark.parametrize(
    ("typed", "default", "answer"),
    [("y\n", False, True), ("kyllä\n", False, True), ("e\n", True, False), ("\n", True, True)],
)
def test_confirm_takes_words_in_either_language(typed: str, default: bool, answer: bool) -> None:
    ask, _ = prompter(typed, "fi")
    assert ask.confirm("Lähetetäänkö?", default=default) is answer


def test_finnish_prompts() -> None:
    ask, out = prompter("x\n1\n", "fi")
    ask.select("Valitse vastaus:", OPTIONS)
    assert "Kirjoita numero 1–6:" in out.getvalue()
    assert "Kirjoita numero 1–6 tai vastauksen alku." in out.getvalue()


def test_a_plain_screen_names_its_boxes_in_words_and_draws_nothing() -> None:
    out = io.StringIO()
    screen = Screen(stream=out, plain=True)
    screen.box("Could you press the power button once?", "Say", "magenta")
    screen.line("A sentence far longer than forty columns is written whole on one line.", "cyan")
    with screen.status("Checking the network…"):
        pass
    assert out.getvalue().splitlines() == [
        "Say: Could you press the power button once?",
        "A sentence far longer than forty columns is written whole on one line.",
        "Checking the network…",
    ]
