"""Numbers, dates and times as each language writes them: the formats are catalogue entries
(`pgettext("time format", …)`), so a new language brings its own with its `.po`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fixit.i18n import Msg, pgettext


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
        "date format",
        "{year}-{month:02d}-{day:02d}",
        year=when.year,
        month=when.month,
        day=when.day,
    ).render(lang)


def clock(minutes: int, lang: str) -> str:
    """A time of day from minutes after midnight: 09:00 in English, 9.00 in Finnish."""
    hour, minute = divmod(minutes, 60)
    return pgettext("time of day", "{hour:02d}:{minute:02d}", hour=hour, minute=minute).render(lang)


def span(start: str, end: str, lang: str) -> str:
    """A range of days or times: Mon-Fri and 09:00-16:00 in English, ma–pe and 9.00–16.00 in
    Finnish."""
    return pgettext("range", "{start}-{end}", start=start, end=end).render(lang)


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


def decimal(value: float, digits: int = 1) -> Msg | str:
    """`value` with `digits` decimals, kept as a message so that the language it is shown in
    writes its own decimal separator (2.5 in English, 2,5 in Finnish); no decimals: a string."""
    whole, _point, fraction = f"{value:.{max(0, digits)}f}".partition(".")
    if not fraction:
        return whole
    return pgettext("decimal number", "{whole}.{fraction}", whole=whole, fraction=fraction)


def series(items: Sequence[object]) -> object:
    """Items one after another as the language writes a list ("a, b, c"), as a message."""
    if not items:
        return ""
    out = items[0]
    for item in items[1:]:
        out = pgettext("list", "{items}, {item}", items=out, item=item)
    return out
