"""Support's opening hours: parsing, open or closed across days and time zones (a fixed `now`),
and the line shown after a submission, in English and Finnish; Swedish day names are read too."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from fixit import support_hours
from fixit.config import Config
from fixit.i18n import LANGUAGES, Messages
from fixit.support_hours import (
    WEEKDAY_SHORT,
    day_names,
    describe,
    expectation,
    parse_hours,
    status,
    zone,
)

HEL = zoneinfo.ZoneInfo("Europe/Helsinki")
NYC = zoneinfo.ZoneInfo("America/New_York")
WEEKDAYS = "Mon-Fri 09:00-16:00"


def at(y: int, mo: int, d: int, h: int, mi: int = 0, tz: dt.tzinfo = HEL) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=tz)


# 2025-06-02 is a Monday
MON, WED, FRI, SAT, SUN = 2, 4, 6, 7, 8


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        (WEEKDAYS, {d: [(540, 960)] for d in range(5)}),
        (
            "Mon-Thu 08:00-16:00, Fri 08:00-14:00",
            {**{d: [(480, 960)] for d in range(4)}, 4: [(480, 840)]},
        ),
        ("ma-pe 9-16", {d: [(540, 960)] for d in range(5)}),
        ("ma–pe klo 8.00–16.00", {d: [(480, 960)] for d in range(5)}),
        ("mån–fre 9.00–16.00", {d: [(540, 960)] for d in range(5)}),
        (
            "må–fr kl. 9.00–16.00, lö 10-12",
            {**{d: [(540, 960)] for d in range(5)}, 5: [(600, 720)]},
        ),
        (
            "Måndag - torsdag 8-16; Fre 8-14",
            {**{d: [(480, 960)] for d in range(4)}, 4: [(480, 840)]},
        ),
        ("Monday - Friday 9:00 - 17:30", {d: [(540, 1050)] for d in range(5)}),
        ("Sat 10:00-14:00; su 12-14", {5: [(600, 840)], 6: [(720, 840)]}),
        ("Mon-Fri 08:00-11:00 12:00-16:00", {d: [(480, 660), (720, 960)] for d in range(5)}),
        ("Fri-Mon 10-12", {4: [(600, 720)], 5: [(600, 720)], 6: [(600, 720)], 0: [(600, 720)]}),
        ("Mon 00:00-24:00", {0: [(0, 1440)]}),
    ],
)
def test_parse_hours(text: str, windows: dict[int, list[tuple[int, int]]]) -> None:
    hours = parse_hours(text)
    assert hours.text == text
    assert {d: hours.windows(d) for d in range(7) if hours.windows(d)} == windows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", 'the opening hours are empty; write them like "Mon-Fri 09:00-16:00"'),
        (" , ", 'the opening hours are empty; write them like "Mon-Fri 09:00-16:00"'),
        (
            "Mon-Fri",
            "'Mon-Fri' is not a day range with times; write it like \"Mon-Fri 09:00-16:00\"",
        ),
        (
            "09:00-16:00",
            "'09:00-16:00' is not a day range with times; write it like \"Mon-Fri 09:00-16:00\"",
        ),
        (
            "Mun-Fri 9-16",
            "'Mun' is not a day (use Mon Tue Wed Thu Fri Sat Sun, or ma ti ke to pe la su)",
        ),
        ("Mon-Tue-Wed 9-16", "'Mon-Tue-Wed' is not a day or a range of days like Mon-Fri"),
        ("Mon-Fri 9-16 lunch", "'Mon-Fri 9-16 lunch' needs opening times like 09:00-16:00"),
        ("Mon-Fri 9", "'Mon-Fri 9' needs opening times like 09:00-16:00"),
        ("Mon-Fri 09:00-25:00", "'09:00-25:00' is not a time of day"),
        ("Mon-Fri 09:75-16:00", "'09:75-16:00' is not a time of day"),
        (
            "Mon-Fri 16:00-09:00",
            "'16:00-09:00' ends before it starts (a range cannot pass midnight)",
        ),
        ("Mon 22:00-02:00", "'22:00-02:00' ends before it starts (a range cannot pass midnight)"),
    ],
)
def test_parse_errors_are_clear(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_hours(text)
    assert str(info.value) == message


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_languages_weekday_names_are_read_as_their_own_days(lang: str) -> None:
    names = [WEEKDAY_SHORT[d].render(lang) for d in WEEKDAY_SHORT]
    assert [day_names()[n.lower()] for n in names] == list(range(7)), names  # no clash


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", [WEEKDAYS, "ma-to 8-16, pe 8-14", "Sat 10:30-14:00 15-16"])
def test_hours_as_described_in_any_language_read_back_the_same(text: str, lang: str) -> None:
    hours = parse_hours(text)
    assert parse_hours(describe(hours, lang)).rules == hours.rules


@pytest.mark.parametrize(
    ("text", "en", "fi", "sv"),
    [
        (WEEKDAYS, "Mon-Fri 09:00-16:00", "ma–pe klo 9.00–16.00", "må–fr kl. 9.00–16.00"),
        (
            "ma-to 8-16, pe 8-14",
            "Mon-Thu 08:00-16:00, Fri 08:00-14:00",
            "ma–to klo 8.00–16.00, pe klo 8.00–14.00",
            "må–to kl. 8.00–16.00, fr kl. 8.00–14.00",
        ),
        (
            "Sat 10:30-14:00 15-16",
            "Sat 10:30-14:00 15:00-16:00",
            "la klo 10.30–14.00 15.00–16.00",
            "lö kl. 10.30–14.00 15.00–16.00",
        ),
    ],
)
def test_describe_in_each_language(text: str, en: str, fi: str, sv: str) -> None:
    hours = parse_hours(text)
    assert (describe(hours, "en"), describe(hours, "fi"), describe(hours, "sv")) == (en, fi, sv)


@pytest.mark.parametrize(
    ("now", "open_now", "next_open"),
    [
        (at(2025, 6, WED, 10), True, None),
        (at(2025, 6, WED, 9), True, None),  # opening minute is open
        (at(2025, 6, FRI, 15, 59), True, None),
        (at(2025, 6, FRI, 16), False, at(2025, 6, 9, 9)),  # closing minute is closed: Monday
        (at(2025, 6, WED, 8, 59), False, at(2025, 6, WED, 9)),  # later today
        (at(2025, 6, WED, 17), False, at(2025, 6, 5, 9)),  # tomorrow
        (at(2025, 6, SAT, 12), False, at(2025, 6, 9, 9)),
        (at(2025, 6, SUN, 23, 59), False, at(2025, 6, 9, 9)),
        # the same instants given in UTC are judged on Helsinki's clock
        (dt.datetime(2025, 6, WED, 6, 30, tzinfo=dt.timezone.utc), True, None),  # 09:30 there
        (dt.datetime(2025, 6, WED, 5, 30, tzinfo=dt.timezone.utc), False, at(2025, 6, WED, 9)),
        (dt.datetime(2025, 6, FRI, 21, 30, tzinfo=dt.timezone.utc), False, at(2025, 6, 9, 9)),
    ],
)
def test_status_on_support_clock(
    now: dt.datetime, open_now: bool, next_open: dt.datetime | None
) -> None:
    assert status(parse_hours(WEEKDAYS), HEL, now) == (open_now, next_open)


def test_one_instant_is_open_in_one_zone_and_closed_in_another() -> None:
    hours = parse_hours(WEEKDAYS)
    now = dt.datetime(2025, 6, WED, 7, 0, tzinfo=dt.timezone.utc)  # 10:00 Helsinki, 03:00 NYC
    assert status(hours, HEL, now) == (True, None)
    closed, then = status(hours, NYC, now)
    assert not closed and then == at(2025, 6, WED, 9, tz=NYC)
    assert then is not None and then.astimezone(dt.timezone.utc).hour == 13


def test_next_opening_after_a_daylight_saving_change_keeps_wall_clock_time() -> None:
    # Finland moves the clocks forward on Sunday 2025-03-30
    closed, then = status(parse_hours(WEEKDAYS), HEL, at(2025, 3, 29, 12))
    assert not closed and then is not None
    assert (then.date(), then.hour, then.utcoffset()) == (
        dt.date(2025, 3, 31),
        9,
        dt.timedelta(hours=3),
    )


def test_several_ranges_and_a_short_friday() -> None:
    hours = parse_hours("Mon-Thu 08:00-16:00, Fri 08:00-14:00")
    assert status(hours, HEL, at(2025, 6, 5, 15)) == (True, None)  # Thursday
    assert status(hours, HEL, at(2025, 6, FRI, 14, 30)) == (False, at(2025, 6, 9, 8))


def test_a_naive_now_is_support_clock_time() -> None:
    assert status(parse_hours(WEEKDAYS), NYC, dt.datetime(2025, 6, WED, 10)) == (True, None)


def test_without_a_zone_local_time_is_used() -> None:
    now = dt.datetime(2025, 6, WED, 12, 0).astimezone()  # noon here, wherever "here" is
    assert status(parse_hours(WEEKDAYS), None, now) == (True, None)


def test_zone_names() -> None:
    assert zone(None) == (None, False)
    assert zone("Europe/Helsinki") == (HEL, False)
    with pytest.raises(ValueError, match="'Mars/Olympus' is not a time zone"):
        zone("Mars/Olympus")
    with pytest.raises(ValueError, match="is not a time zone"):
        zone("../../etc/passwd")


def test_without_a_zone_database_the_zone_falls_back_to_local_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(support_hours.zoneinfo, "ZoneInfo", missing)
    monkeypatch.setattr(support_hours, "_have_database", lambda: False)
    assert zone("Europe/Helsinki") == (None, True)


# the line after a submission


def config(
    hours: str | None = WEEKDAYS, phone: str = "+358 10 123 4567", tz: str = "Europe/Helsinki"
) -> Config:
    cfg = Config(support={"phone": phone, "timezone": tz} if phone else {"timezone": tz})
    cfg.hours = parse_hours(hours) if hours else None
    return cfg


EN, FI = Messages("en"), Messages("fi")
OPEN_WED = at(2025, 6, WED, 10)
FRIDAY_EVENING = at(2025, 6, FRI, 18)


@pytest.mark.parametrize(
    ("now", "urgency", "ticket", "en", "fi"),
    [
        (
            OPEN_WED,
            "normal",
            "#123",
            "Support is open Mon-Fri 09:00-16:00 (Europe/Helsinki); expect an answer during opening hours.",
            "Tuki on avoinna ma–pe klo 9.00–16.00 (Europe/Helsinki). Saat vastauksen aukioloaikana.",
        ),
        (
            OPEN_WED,
            "critical",
            "#123",  # open: urgent or not, support answers now
            "Support is open Mon-Fri 09:00-16:00 (Europe/Helsinki); expect an answer during opening hours.",
            "Tuki on avoinna ma–pe klo 9.00–16.00 (Europe/Helsinki). Saat vastauksen aukioloaikana.",
        ),
        (
            FRIDAY_EVENING,
            "normal",
            "#123",
            "Support opens again Monday at 09:00 (Europe/Helsinki).",
            "Tuki avautuu taas maanantaina klo 9.00 (Europe/Helsinki).",
        ),
        (
            FRIDAY_EVENING,
            None,
            "",
            "Support opens again Monday at 09:00 (Europe/Helsinki).",
            "Tuki avautuu taas maanantaina klo 9.00 (Europe/Helsinki).",
        ),
        (
            at(2025, 6, WED, 7),
            "low",
            "#1",
            "Support opens again today at 09:00 (Europe/Helsinki).",
            "Tuki avautuu taas tänään klo 9.00 (Europe/Helsinki).",
        ),
        (
            at(2025, 6, WED, 20),
            "normal",
            "#1",
            "Support opens again tomorrow at 09:00 (Europe/Helsinki).",
            "Tuki avautuu taas huomenna klo 9.00 (Europe/Helsinki).",
        ),
        (
            FRIDAY_EVENING,
            "critical",
            "#123",
            "This is urgent and support is closed: call +358 10 123 4567 and give the ticket number #123.",
            "Asia on kiireellinen, mutta tuki on nyt kiinni. Soita numeroon +358 10 123 4567 ja kerro "
            "tukipyynnön numero #123.",
        ),
        (
            FRIDAY_EVENING,
            "high",
            "",
            "This is urgent and support is closed: call +358 10 123 4567.",
            "Asia on kiireellinen, mutta tuki on nyt kiinni. Soita numeroon +358 10 123 4567.",
        ),
    ],
)
def test_expectation_lines(
    now: dt.datetime, urgency: str | None, ticket: str, en: str, fi: str
) -> None:
    cfg = config()
    assert expectation(cfg, urgency, now, EN, ticket) == en
    assert expectation(cfg, urgency, now, FI, ticket) == fi


def test_urgent_without_a_phone_number_says_when_support_opens() -> None:
    line = expectation(config(phone=""), "critical", FRIDAY_EVENING, EN, "#9")
    assert line == "Support opens again Monday at 09:00 (Europe/Helsinki)."


def test_no_hours_configured_means_no_line() -> None:
    assert expectation(config(hours=None), "critical", FRIDAY_EVENING, EN, "#9") == ""
    assert expectation(Config(), "normal", None, FI) == ""


def test_the_current_time_is_used_when_now_is_not_given() -> None:
    line = expectation(config(hours="Mon-Sun 00:00-24:00"), "normal", None, EN, "#1")
    assert line.startswith("Support is open Mon-Sun 00:00-24:00")


def test_a_missing_zone_database_adds_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support_hours, "zone", lambda name: (None, True))
    now = dt.datetime(2025, 6, FRI, 18).astimezone()  # Friday evening on this computer's clock
    assert expectation(config(), "normal", now, EN, "#1") == (
        "Support opens again Monday at 09:00.\nThe time zone Europe/Helsinki is not known on this "
        "computer, so the times above are local time."
    )
    assert expectation(config(), "normal", now, FI, "#1") == (
        "Tuki avautuu taas maanantaina klo 9.00.\nTämä kone ei tunne aikavyöhykettä "
        "Europe/Helsinki, joten yllä olevat ajat ovat koneen paikallista aikaa."
    )
