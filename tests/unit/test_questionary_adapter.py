"""The real questionary prompter, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fixit.prompts.base import Option
from fixit.prompts.interactive import QuestionaryPrompter

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


@pytest.fixture
def pipe() -> Iterator[object]:
    with create_pipe_input() as inp:
        yield inp


def prompter(inp: object) -> QuestionaryPrompter:
    return QuestionaryPrompter(input=inp, output=DummyOutput())


OPTIONS = [
    Option("yes", "Yes"),
    Option("no", "No"),
    Option("!back", "← Back", separator_before=True),
]


def test_select_with_arrows_and_default(pipe: object) -> None:
    pipe.send_text(DOWN + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Q?", OPTIONS) == "no"
    pipe.send_text(DOWN + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Q?", OPTIONS, default="no") == "!back"  # the separator is skipped


def test_search_filter(pipe: object) -> None:
    pipe.send_text("No" + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Pick", OPTIONS, search=True) == "no"


def test_text_validates_in_place(pipe: object) -> None:
    pipe.send_text("bad" + ENTER + "\x7f\x7f\x7fgood" + ENTER)  # type: ignore[attr-defined]
    answer = prompter(pipe).text("Id?", validate=lambda v: None if v == "good" else "say good")
    assert answer == "good"


def test_ctrl_c_raises_instead_of_returning_none(pipe: object) -> None:
    pipe.send_text(CTRL_C)  # type: ignore[attr-defined]
    with pytest.raises(KeyboardInterrupt):
        prompter(pipe).select("Q?", OPTIONS)


def test_confirm(pipe: object) -> None:
    pipe.send_text("n")  # type: ignore[attr-defined]
    assert prompter(pipe).confirm("Sure?") is False


TREES = [
    Option("no-internet", "Internet does not work", keywords="netti wlan langaton"),
    Option("slow", "The computer is slow", keywords="hidas jumittaa"),
    Option("!quit", "Quit", separator_before=True, always=True),
]


@pytest.mark.parametrize(("typed", "value"), [("wlan", "no-internet"), ("JUMITT", "slow")])
def test_search_finds_by_keywords_it_does_not_show(pipe: object, typed: str, value: str) -> None:
    pipe.send_text(typed + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Pick", TREES, search=True) == value


@pytest.mark.parametrize(("typed", "value"), [("ström", "power"), ("NÄYTTÖ", "screen")])
def test_search_takes_letters_beyond_ascii(pipe: object, typed: str, value: str) -> None:
    """questionary's own search drops them: `ström` would become `strm` and find nothing."""
    pipe.send_text(typed + ENTER)  # type: ignore[attr-defined]
    options = [
        Option("screen", "The screen is dark", keywords="näyttö pimeä skärm"),
        Option("power", "The computer does not start", keywords="virta ström"),
        Option("!quit", "Quit", separator_before=True, always=True),
    ]
    assert prompter(pipe).select("Pick", options, search=True) == value


def test_an_always_kept_choice_is_left_when_nothing_matches(pipe: object) -> None:
    pipe.send_text("zzzz" + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Pick", TREES, search=True) == "!quit"


def test_enter_on_an_empty_multiline_answer_finishes_it(pipe: object) -> None:
    pipe.send_text(ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).text("What happened?", multiline=True) == ""


def test_enter_in_a_multiline_answer_starts_a_new_line(pipe: object) -> None:
    pipe.send_text("first" + ENTER + "second" + "\x1b" + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).text("What happened?", multiline=True) == "first\nsecond"


def test_enter_on_an_empty_required_multiline_answer_is_refused_in_place(pipe: object) -> None:
    pipe.send_text(ENTER + "now" + "\x1b" + ENTER)  # type: ignore[attr-defined]
    answer = prompter(pipe).text(
        "What happened?", multiline=True, validate=lambda v: None if v else "needed"
    )
    assert answer == "now"


def test_escape_then_enter_in_a_list_is_no_answer_and_the_list_stays(pipe: object) -> None:
    # questionary ends a list with "" on Esc then Enter; fixit crashed on that (exit 3)
    pipe.send_text("\x1b" + ENTER)  # type: ignore[attr-defined]
    pipe.send_text(DOWN + ENTER)  # type: ignore[attr-defined]
    assert prompter(pipe).select("Q?", OPTIONS) == "no"
