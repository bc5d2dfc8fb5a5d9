"""Dates as callers say them, read against a fixed now, and kept with the date they meant."""

from __future__ import annotations

import datetime as dt

import pytest

from fixit.i18n import Messages, _
from fixit.inputs import input_error, parse_datetime, settle_datetime
from fixit.spoken_dates import read_spoken
from fixit.trees.nodes import Input

NOW = dt.datetime(2026, 12, 7, 10, 15)


@pytest.mark.parametrize(
    ("said", "when", "has_time"),
    [
        ("eilen klo 8", dt.datetime(2026, 12, 6, 8, 0), True),
        ("Eilen kello 8.30", dt.datetime(2026, 12, 6, 8, 30), True),
        ("6.12. klo 8", dt.datetime(2026, 12, 6, 8, 0), True),
        ("klo 8 6.12.", dt.datetime(2026, 12, 6, 8, 0), True),
        ("yesterday 8:00", dt.datetime(2026, 12, 6, 8, 0), True),
        ("today at 9", dt.datetime(2026, 12, 7, 9, 0), True),
        ("igår kl 14.30", dt.datetime(2026, 12, 6, 14, 30), True),
        ("eilen aamulla", dt.datetime(2026, 12, 6, 0, 0), False),
        ("yesterday in the morning", dt.datetime(2026, 12, 6, 0, 0), False),
        ("toissapäivänä", dt.datetime(2026, 12, 5, 0, 0), False),
        ("klo 14.30", dt.datetime(2026, 12, 7, 14, 30), True),
        ("24.12.", dt.datetime(2025, 12, 24, 0, 0), False),  # not yet this year: last year's
    ],
)
def test_spoken_dates_are_read_against_now(said: str, when: dt.datetime, has_time: bool) -> None:
    got = read_spoken(said, NOW)
    assert got is not None and (got.when, got.has_time) == (when, has_time)


@pytest.mark.parametrize(
    "said", ["eilen joskus", "klo", "klo 25", "klo 8.75", "huomenna", "8", "31.2.", "eilen eilen"]
)
def test_anything_not_understood_is_no_date_rather_than_a_guess(said: str) -> None:
    assert read_spoken(said, NOW) is None


def test_a_spoken_date_is_kept_with_the_date_it_meant_and_reads_back() -> None:
    kept = settle_datetime("eilen  klo 8", "fi", NOW)
    assert kept == "eilen klo 8 (6.12.2026 klo 8.00)"
    assert parse_datetime(kept) == dt.datetime(2026, 12, 6, 8, 0)
    assert settle_datetime("yesterday", "en", NOW) == "yesterday (2026-12-06)"
    assert settle_datetime("20.11.2026 klo 14.30", "fi", NOW) == "20.11.2026 klo 14.30"
    assert settle_datetime("whenever", "en", NOW) == "whenever"  # refused before it gets here


HINT = _("Please give a date, e.g. 2026-11-20 14:30, 20.11. at 14:30 or yesterday 8:00.")


@pytest.mark.parametrize(
    ("lang", "examples"),
    [
        ("en", ["2026-11-20 14:30", "20.11. at 14:30", "yesterday 8:00"]),
        ("fi", ["20.11.2026 klo 14.30", "20.11. klo 14.30", "eilen klo 8"]),
    ],
)
def test_every_example_in_the_date_hint_is_accepted(lang: str, examples: list[str]) -> None:
    hint = Messages(lang)(HINT)
    node = Input(id="since", field="since", goto="end", type="datetime")
    for example in examples:
        assert example in hint
        assert input_error(node, example, Messages(lang)) is None, example


@pytest.mark.parametrize("phrase", ["i går kl. 8", "igår kl. 8", "I går kl. 8"])
def test_swedish_yesterday_written_apart_or_together(phrase: str) -> None:
    spoken = read_spoken(phrase, NOW)
    assert spoken is not None and spoken.written("sv") == "6.12.2026 kl. 8.00"
