"""Numbers, dates and times as each language writes them: the formats are catalogue entries
(`pgettext("time format", …)`), so a new language brings its own with its `.po`."""

from __future__ import annotations

import datetime as dt

from fixit.i18n import pgettext


def timestamp(when: dt.datetime, lang: str) -> str:
    """A date and a time: 2026-12-06 08:00 in English, 6.12.2026 klo 8.00 in Finnish."""
    return pgettext(
        "time format",
        "{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}",
        year=when.year,
        month=when.month,
        day=when.day,
        hour=when.hour,
        minute=when.minute,
    ).render(lang)


def day(when: dt.date, lang: str) -> str:
    """A date without a time: 2026-12-06 in English, 6.12.2026 in Finnish."""
    return pgettext(
        "date format", "{year}-{month:02d}-{day:02d}", year=when.year, month=when.month, day=when.day
    ).render(lang)


def clock(minutes: int, lang: str) -> str:
    """A time of day from minutes after midnight: 09:00 in English, klo 9.00 in Finnish."""
    hour, minute = divmod(minutes, 60)
    return pgettext("clock format", "{hour:02d}:{minute:02d}", hour=hour, minute=minute).render(
        lang
    )


def decimal_point(lang: str) -> str:
    """The character between a number's whole part and its decimals."""
    return pgettext("decimal separator", ".").render(lang)


def number(value: float, lang: str, digits: int = 1) -> str:
    """`value` with `digits` decimals, written with the language's decimal separator."""
    return f"{value:.{digits}f}".replace(".", decimal_point(lang))


def decimals(text: str, lang: str) -> str:
    """A number already written in English (`3.5`) with the language's decimal separator."""
    return text.replace(".", decimal_point(lang))


def percent(value: str, lang: str) -> str:
    """A number written as a percentage: 45% in English, 45 % in Finnish."""
    return pgettext("percent format", "{value}%", value=value).render(lang)
