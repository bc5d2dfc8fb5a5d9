"""Dates as callers say them: "eilen klo 8", "6.12. klo 8", "yesterday 8:00", "today at 9".

A phrase is read against a given "now" into a date (and a time, when one was said). Only these
pieces are understood, in any order: a day word (today, yesterday, the day before, in English,
Finnish or Swedish), a day and month without a year ("6.12."), a time ("klo 8", "kello 8.30",
"at 9", "14:30", "14.30") and a part of the day ("aamulla", "in the morning"), which narrows
nothing and is only allowed. Anything else makes the phrase unreadable (None): a wrong guess in
a ticket is worse than asking again.
"""

from __future__ import annotations

import datetime as dt
import re

DAYS = {
    "today": 0,
    "tänään": 0,
    "idag": 0,
    "yesterday": -1,
    "eilen": -1,
    "igår": -1,
    "toissapäivänä": -2,
    "toissapäivä": -2,
    "förrgår": -2,
    "iförrgår": -2,
}
PARTS = {
    "aamulla",
    "aamupäivällä",
    "päivällä",
    "iltapäivällä",
    "illalla",
    "yöllä",
    "morning",
    "afternoon",
    "evening",
    "night",
    "in",
    "the",
    "at",
    "i",
    "på",
    "morgonen",
    "eftermiddagen",
    "kvällen",
}
_TIME_WORD = re.compile(r"^(?:klo|kello|kl\.?|at|kl)$")
_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.$")


class SpokenDate:
    """A date read from a phrase, with the time when one was said."""

    def __init__(self, when: dt.datetime, has_time: bool) -> None:
        self.when = when
        self.has_time = has_time

    def written(self, lang: str) -> str:
        """The date as a report writes it (`i18n.format`'s timestamp and day):
        6.12.2026 klo 8.00 in Finnish, 2026-12-06 08:00 in English."""
        from fixit.i18n import format

        return format.timestamp(self.when, lang) if self.has_time else format.day(self.when, lang)


_APART = re.compile(r"\bi\s+(går|dag|förrgår)\b")


def read_spoken(phrase: str, now: dt.datetime) -> SpokenDate | None:
    """The date `phrase` names, counted from `now`; None when any part of it is not understood
    or it names no day and no time."""
    # Swedish writes "i går" and "i dag" apart as often as together
    joined = _APART.sub(r"i\1", phrase.casefold())
    words = joined.replace(",", " ").split()
    day: dt.date | None = None
    time: tuple[int, int] | None = None
    expect_time = False
    for word in words:
        if _TIME_WORD.match(word):
            expect_time = True
            continue
        clock = _TIME.match(word)
        if clock and (expect_time or clock.group(2) is not None) and time is None:
            hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
            if hour > 23 or minute > 59:
                return None
            time, expect_time = (hour, minute), False
        elif word in DAYS and day is None:
            day = now.date() + dt.timedelta(days=DAYS[word])
        elif (date := _DAY_MONTH.match(word)) and day is None:
            day = _latest(int(date.group(1)), int(date.group(2)), now.date())
            if day is None:
                return None
        elif word not in PARTS or expect_time:
            return None
    if expect_time or (day is None and time is None):
        return None
    hour, minute = time or (0, 0)
    when = dt.datetime.combine(day or now.date(), dt.time(hour, minute))
    return SpokenDate(when, time is not None)


def _latest(day: int, month: int, today: dt.date) -> dt.date | None:
    """The last day.month on or before today (this year's, else last year's)."""
    for year in (today.year, today.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= today:
            return date
    return None
