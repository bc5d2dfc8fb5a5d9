"""Fuzz the typed inputs (dates, numbers, e-mail, paths), opening hours, zones and settings."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fixit.i18n import LANGUAGES, Messages
from fixit.inputs import DATETIME_FORMATS, input_error, parse_datetime
from fixit.params import KINDS, Param, ParamError, convert
from fixit.support_hours import describe, parse_hours, status, zone
from fixit.trees.model import INPUT_TYPES
from fixit.trees.nodes import Choice, Input
from tests.fuzz.support import CHARS, CONTROLS

DATETIMES = st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31))
SPACES = st.sampled_from([" ", "  ", "\t", " \u00a0", "\u2003"])
DATE_TEXT = st.one_of(
    st.text(CHARS, max_size=25),
    st.text("0123456789.:-T klo", max_size=25),
    st.tuples(DATETIMES, st.sampled_from(DATETIME_FORMATS)).map(lambda t: t[0].strftime(t[1])),
    st.sampled_from(["31.2.2026", "29.2.2025 klo 25.00", "0.0.0", "٣١.١٢.٢٠٢٦", "1.1.10000"]),
)
NUMBER_TEXT = st.one_of(
    st.text(CHARS, max_size=12),
    st.text("0123456789+-.,e ", max_size=12),
    st.sampled_from(["nan", "inf", "1e400", "٣", "３", "1,5", "+-1", "9" * 5000]),
)


@given(DATE_TEXT)
@example("20.11.2026 klo 14.30")
@example("31.12.2026  klo\t14:00")
def test_any_text_is_a_date_or_none(text: str) -> None:
    """A date/time input: a datetime or None (then the wizard asks again), never an error."""
    got = parse_datetime(text)
    assert got is None or isinstance(got, dt.datetime)


@given(DATETIMES, st.sampled_from(DATETIME_FORMATS), SPACES)
@example(dt.datetime(2026, 11, 20, 14, 30), "%d.%m.%Y klo %H.%M", " ")
def test_every_written_form_of_a_date_reads_back(when: dt.datetime, fmt: str, space: str) -> None:
    """ISO and Finnish forms (20.11.2026 klo 14.30), any run of spaces between the parts."""
    text = when.strftime(fmt).replace(" ", space)
    precision = {"%S": 0, "%M": 1, "%H": 2}
    kept = min((v for k, v in precision.items() if k in fmt), default=3)
    expected = when.replace(microsecond=0)
    if kept >= 1:
        expected = expected.replace(second=0)
    if kept >= 3:
        expected = expected.replace(hour=0, minute=0)
    assert parse_datetime(text) == expected, text


def _node(kind: str) -> Input:
    choices = (Choice("a", {"en": "A", "fi": "Ä"}), Choice("b", {"": "[b]"}))
    return Input(
        id="n", text={"": "?"}, field="f", goto="end", type=kind, required=True, choices=choices
    )


@given(
    st.sampled_from(INPUT_TYPES),
    st.one_of(DATE_TEXT, NUMBER_TEXT, CONTROLS, st.text(CHARS, max_size=40)),
    st.sampled_from(LANGUAGES),
    st.booleans(),
)
@example("path", "a\x00b", "en", True)  # found: a NUL in a path answer raised ValueError
@example("path", "~" + "x" * 5000, "en", True)
def test_any_answer_to_a_typed_input_fits_or_says_why(
    kind: str, value: str, lang: str, check_paths: bool
) -> None:
    """Every input type answers None (fits) or a message in the user's language."""
    got = input_error(_node(kind), value, Messages(lang), check_paths=check_paths)
    assert got is None or (isinstance(got, str) and got.strip())


HOURS_TEXT = st.one_of(
    st.text(CHARS, max_size=30),
    st.text("MonTueFrimatipeklo 0123456789:.-–,;", max_size=30),
    st.text("månfretislördagkl. 0123456789:.-–,;", max_size=30),
    st.sampled_from(["Mon-Fri 09:00-16:00", "ma–pe klo 9.00–16.00", "Sun-Mon 0-24", "pe 9-9"]),
    st.sampled_from(["mån–fre 9.00–16.00", "må–fr kl. 9.00–16.00", "lördag 10-14"]),
)


@given(HOURS_TEXT)
@example("Mon-Fri 09:00-16:00, Sat 10-14")
@example("ma-ke-pe 9-16")
def test_any_opening_hours_parse_or_say_why(text: str) -> None:
    """support.hours: parsed rules, or a ValueError the configuration shows at its place."""
    try:
        hours = parse_hours(text)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert hours.rules and all(0 <= s < e <= 24 * 60 for r in hours.rules for s, e in r.times)


@given(HOURS_TEXT, st.sampled_from(LANGUAGES), DATETIMES, st.sampled_from([None, "UTC"]))
def test_parsed_hours_read_back_from_their_description_and_answer_any_time(
    text: str, lang: str, now: dt.datetime, tz_name: str | None
) -> None:
    """describe() writes what parse_hours() reads; status() answers for any moment."""
    try:
        hours = parse_hours(text)
    except ValueError:
        return
    assert parse_hours(describe(hours, lang)).rules == hours.rules
    tz, _ = zone(tz_name)
    open_now, next_at = status(hours, tz, now.replace(tzinfo=dt.timezone.utc))
    assert open_now or next_at is not None


@given(st.one_of(st.text(CHARS, max_size=40), st.sampled_from(["Europe/../UTC", "/etc/x", "."])))
@example("Europe/Helsinki")
@example("\x00")
@example("Europe")
def test_any_time_zone_name_is_a_zone_or_a_value_error(name: str) -> None:
    """support.timezone: a zone, or a ValueError naming it; no other exception."""
    try:
        zone(name)
    except ValueError as exc:
        assert "time zone" in str(exc)


PARAMS = st.builds(
    Param,
    name=st.just("x"),
    kind=st.sampled_from(KINDS),
    default=st.none(),
    minimum=st.one_of(st.none(), st.floats(-10, 10)),
    maximum=st.one_of(st.none(), st.floats(10, 1000)),
)
ANY: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), NUMBER_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(), inner)),
    max_leaves=5,
)


@given(PARAMS, ANY)
@example(Param("x", "float", None, 0.1, 3.0), "nan")  # found: nan passed the range check
@example(Param("x", "int", None, 1, 65535), "9" * 5000)
@example(Param("x", "int", None, None, None), float("inf"))  # found: OverflowError
def test_any_setting_converts_or_names_its_key(p: Param, value: Any) -> None:
    """A check or target setting: a value of its kind (numbers finite, in range) or ParamError."""
    try:
        got = convert(p, value, "checks.c.x")
    except ParamError as exc:
        assert str(exc).startswith("checks.c.x")
        return
    if p.kind in ("int", "float"):
        assert math.isfinite(got)
        assert p.minimum is None or got >= p.minimum
        assert p.maximum is None or got <= p.maximum
