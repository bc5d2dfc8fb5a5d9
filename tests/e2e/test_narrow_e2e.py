"""The questionary screens as a 40- and a 100-column terminal really shows them (pyte keeps the
screen): every label whole, no word broken across lines, the question once."""

from __future__ import annotations

import re
import time

import pyte
import pytest

from .harness import DOWN, ENTER, Fixit

pytestmark = pytest.mark.e2e

LONG = (
    "Vain infonäytön toistimella tai muulla tuen ylläpitämällä laitteella – muut laitteet toimivat"
)
QUESTION = (
    "Onko internetyhteys poikki vain yhdellä laitteella vai kaikilla saman verkon laitteilla?"
)


def screen_after(t: object, screen: pyte.Screen, stream: pyte.Stream, mark: str) -> list[str]:
    """Feed fixit's output to the screen until `mark` is on it (and the drawing settles)."""
    child = t.child  # type: ignore[attr-defined]
    deadline = time.monotonic() + 20
    seen = ""
    while time.monotonic() < deadline:
        try:
            chunk = child.read_nonblocking(65536, timeout=0.3)
        except Exception:  # a pause in the drawing: look at what is there
            chunk = ""
        if chunk:
            stream.feed(chunk)
            seen += chunk
        lines = [line.rstrip() for line in screen.display]
        if mark in " ".join(" ".join(lines).split()) and not chunk:
            return lines
    raise AssertionError(f"never showed {mark!r}:\n" + "\n".join(screen.display))


def words_whole(lines: list[str], text: str) -> bool:
    """Whether `text` appears on the screen with every line break between two of its words."""
    flat = " ".join(line.strip() for line in lines)
    return text in re.sub(r"\s+", " ", flat)


@pytest.mark.parametrize("columns", [40, 100])
def test_long_labels_wrap_whole_and_the_question_shows_once(fx: Fixit, columns: int) -> None:
    t = fx.spawn("--lang", "fi", "start", "no-internet", trees=False, dimensions=(40, columns))
    screen = pyte.Screen(columns, 40)
    stream = pyte.Stream(screen)
    lines = screen_after(t, screen, stream, "Tallenna ja lopeta")
    assert words_whole(lines, LONG), "\n".join(lines)
    assert words_whole(lines, QUESTION)
    flat = re.sub(r"\s+", " ", " ".join(lines))
    assert flat.count(QUESTION) == 1
    assert "(valitse nuolinäppäimillä)" in flat
    t.keys(DOWN, ENTER)  # the long one
    lines = screen_after(t, screen, stream, "Vaihe 2")
    answered = re.sub(r"\s+", " ", " ".join(lines))
    assert f"? Vastaus: {LONG}" in answered, "\n".join(lines)  # the answer line, whole too
    t.child.terminate(force=True)


def test_an_error_and_its_hint_break_between_words_at_40_columns(fx: Fixit) -> None:
    t = fx.spawn("start", "nosuchtree", trees=False, dimensions=(20, 40))
    screen = pyte.Screen(40, 20)
    stream = pyte.Stream(screen)
    lines = screen_after(t, screen, stream, "website-error")
    shown = [line for line in lines if line]
    assert shown[0].startswith("fixit: error:") and all(len(line) <= 40 for line in shown)
    assert any(line.startswith("hint:") for line in shown)
    flat = re.sub(r"\s+", " ", " ".join(shown))
    for word in ("account-request,", "computer-wont-start,", "info-screen,", "`fixit trees list`"):
        assert f" {word}" in flat, flat
    assert t.wait() == 1


def test_the_picker_searches_finnish_words_says_when_nothing_matches_and_quits(fx: Fixit) -> None:
    t = fx.spawn("--lang", "fi", trees=False, dimensions=(30, 40))
    screen = pyte.Screen(40, 30)
    stream = pyte.Stream(screen)
    lines = screen_after(t, screen, stream, "Lopeta")
    assert "Tietokone on hidas" in " ".join(lines)  # the whole list before a search
    t.keys(*"wlan")  # a Finnish tag: the title does not hold it
    lines = screen_after(t, screen, stream, "/ wlan...")
    flat = re.sub(r"\s+", " ", " ".join(lines))
    assert "Internetyhteys ei toimi" in flat and "Tietokone on hidas" not in flat, flat
    t.keys(*("\x7f" * 4), *"qqqq")
    lines = screen_after(t, screen, stream, "Haulla ei löydy mitään")
    assert all(len(line) <= 40 for line in lines)
    t.keys(ENTER)  # only Lopeta is left: Enter quits
    assert t.wait() == 0
    assert fx.session_ids() == []
