"""Terminal escaping, typed input validation and the message catalogues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fixit.i18n import Messages, _, detect_language
from fixit.inputs import input_error, parse_datetime
from fixit.textsafe import clip, visible
from fixit.trees.nodes import Choice, Input


def test_visible_shows_controls_and_bidi() -> None:
    hostile = "a\x1b]8;;http://x\x07b\x9b31m\u202eevil\r\n\tend"
    shown = visible(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown == "a\\x1b]8;;http://x\\x07b\\x9b31m<U+202E>evil\\x0d\n\tend"
    assert "\n" not in visible("a\nb", one_line=True)
    assert clip("abcdef", 4) == "abc…"


def field(kind: str, required: bool = False) -> Input:
    return Input(
        id="n",
        goto="end",
        type=kind,
        required=required,
        field="f",
        choices=(Choice("a", {"en": "Apple"}),) if kind == "choice" else (),
    )


@pytest.mark.parametrize(
    ("kind", "good", "bad", "message"),
    [
        ("email", "maija@example.fi", "maija@", "e-mail"),
        ("number", "42", "forty", "number"),
        ("datetime", "20.11.2026 14:30", "some time last week", "date"),
        ("choice", "a", "b", "Apple"),
        ("text", "one line", "two\nlines", "one line"),
    ],
)
def test_input_types(kind: str, good: str, bad: str, message: str) -> None:
    msgs = Messages("en")
    assert input_error(field(kind), good, msgs) is None
    error = input_error(field(kind), bad, msgs)
    assert error is not None and message in error


def test_required_long_and_path_inputs(tmp_path: Path) -> None:
    msgs = Messages("fi")
    assert (
        input_error(field("text", required=True), " ", msgs)
        == "Tämä tieto tarvitaan. Kirjoita vastaus."
    )
    assert input_error(field("text"), "", msgs) is None
    assert "liian pitkä" in (input_error(field("multiline"), "x" * 10_001, msgs) or "")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8")
    assert input_error(field("path"), str(photo), msgs) is None
    assert input_error(field("path"), str(tmp_path), msgs) == "Tämä ei ole tiedosto."
    assert (
        input_error(field("path"), str(tmp_path / "no.jpg"), msgs)
        == "Tiedostoa ei löydy. Tarkista polku."
    )
    assert parse_datetime("2026-11-20") is not None


@pytest.mark.parametrize(
    "written",
    [
        "2026-11-20 14:30",
        "20.11.2026 14:30",
        "20.11.2026 14.30",
        "20.11.2026 klo 14.30",
        " 20.11.2026  klo 14:30 ",
    ],
)
def test_dates_as_people_write_them(written: str) -> None:
    assert parse_datetime(written) == dt.datetime(2026, 11, 20, 14, 30)


def test_the_finnish_date_hint_is_accepted_as_written() -> None:
    hint = Messages("fi")(
        _("Please give a date, e.g. 2026-11-20 14:30, 20.11. at 14:30 or yesterday 8:00.")
    )
    example = hint.split("esim. ", 1)[1].split(",")[0]
    assert parse_datetime(example) == dt.datetime(2026, 11, 20, 14, 30)
    assert parse_datetime("31.12.2026 klo 25.00") is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LC_ALL": "fi_FI"}, "fi"),
        ({"LANG": "de_DE"}, "en"),
        ({}, "en"),
    ],
)
def test_language_detection(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert detect_language() == expected
    assert detect_language("en", "fi") == "en"
    assert detect_language(None, "fi") == "fi"


def test_columns_align_and_stack_when_narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from fixit.columns import cell_width, print_columns

    assert cell_width("näyttö") == 6 and cell_width("日本") == 4
    out = io.StringIO()
    monkeypatch.setenv("COLUMNS", "80")
    print_columns(["Id", "Title"], [["a", "Näyttö \x1b[31m"]], out)
    assert out.getvalue().splitlines() == ["Id  Title", "──  " + "─" * 15, "a   Näyttö \\x1b[31m"]
    out = io.StringIO()
    monkeypatch.setenv("COLUMNS", "10")
    print_columns(["Id", "Title"], [["a", "A long title"], ["b", "x /a/very/long/path/file"]], out)
    # blocks: a value broken between words (at 20 at least), a word too long for a line kept whole
    assert out.getvalue().splitlines() == [
        "a",
        "  Title: A long",
        "    title",
        "b",
        "  Title: x",
        "    /a/very/long/path/file",
    ]


def test_screen_escapes_wraps_and_colours_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from fixit.term import Screen

    monkeypatch.setenv("COLUMNS", "30")
    out = io.StringIO()
    screen = Screen(stream=out)
    assert not screen.color  # not a terminal
    screen.line("evil \x1b]8;;http://x\x07 " + "word " * 10, "bold")
    screen.box("Ask the caller to restart it.", "Say")
    text = out.getvalue()
    assert "\x1b" not in text and "\\x1b]8;;http://x\\x07" in text
    assert all(len(line) <= 30 for line in text.splitlines())
    assert "╭─ Say " in text and "│ Ask the caller to restart │" in text and "│ it.  " in text

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    tty = Tty()
    Screen(stream=tty).line("hi", "cyan")
    assert tty.getvalue() == "\x1b[1;36mhi\x1b[0m\n"
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Tty()
    Screen(stream=plain).line("hi", "cyan")
    assert plain.getvalue() == "hi\n"


@pytest.mark.parametrize(
    "written",
    ["7.12.2026 kl. 9.05", "7.12.2026 KL. 9.05", "7.12.2026 klo 9.05", "2026-12-07 09:05"],
)
def test_a_date_is_accepted_as_fixit_writes_it_in_every_language(written: str) -> None:
    assert parse_datetime(written) == dt.datetime(2026, 12, 7, 9, 5)


def test_a_written_date_that_does_not_exist_is_refused() -> None:
    assert parse_datetime("31.2.2026 kl. 9.05") is None
    assert parse_datetime("7.12.2026 kl. 99.05") is None
