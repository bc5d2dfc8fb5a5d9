"""Numbers, dates and times as each language writes them: the formats are catalogue entries
(`pgettext("time format", …)`), so a new language brings its own with its `.po`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import overload

from fixit.i18n import Msg, pgettext

#: how each language writes a date with a time, and a date alone (read back by `inputs`)
TIME_FORMAT = pgettext("time format", "{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}")
DATE_FORMAT = pgettext("date format", "{year}-{month:02d}-{day:02d}")


def timestamp(when: dt.datetime, lang: str) -> str:
    """A date and a time: 2026-12-06 08:00 in English, 6.12.2026 klo 8.00 in Finnish."""
    return TIME_FORMAT.with_values(
        year=when.year, month=when.month, day=when.day, hour=when.hour, minute=when.minute
    ).render(lang)


def day(when: dt.date, lang: str) -> str:
    """A date without a time: 2026-12-06 in English, 6.12.2026 in Finnish."""
    return DATE_FORMAT.with_values(year=when.year, month=when.month, day=when.day).render(lang)


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


def number_separator(lang: str) -> str:
    """What stands between numbers with decimals in a list: not a comma where the decimal
    separator is one (2.5, 3.2 in English, 2,5; 3,2 in Finnish)."""
    return pgettext("separator of numbers with decimals", ", ").render(lang)


@overload
def series(items: Sequence[Msg]) -> Msg: ...
@overload
def series(items: Sequence[Msg | str]) -> Msg | str: ...
def series(items: Sequence[Msg | str]) -> Msg | str:
    """Items one after another as the language writes a list ("a, b, c"), as a message."""
    return _joined(
        items, lambda done, item: pgettext("list", "{items}, {item}", items=done, item=item)
    )


@overload
def entries(items: Sequence[Msg]) -> Msg: ...
@overload
def entries(items: Sequence[Msg | str]) -> Msg | str: ...
def entries(items: Sequence[Msg | str]) -> Msg | str:
    """Entries that may hold lists of their own, one after another ("a (x, y); b")."""
    return _joined(
        items,
        lambda done, item: pgettext("list of entries", "{items}; {item}", items=done, item=item),
    )


def _joined(items: Sequence[Msg | str], join: Callable[[Msg | str, Msg | str], Msg]) -> Msg | str:
    if not items:
        raise ValueError("nothing to list")
    out = items[0]
    for item in items[1:]:
        out = join(out, item)
    return out
