"""Support's opening hours: parsing "Mon-Fri 09:00-16:00", open-or-closed, and what to expect."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from fixit.i18n import LANGUAGES, Msg, _, format, pgettext
from fixit.labels import SUPPORT
from fixit.params import ParamError

if TYPE_CHECKING:
    from fixit.i18n import Messages

URGENT = ("critical", "high")
EXAMPLE = '"Mon-Fri 09:00-16:00"'
_EN_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FI_DAYS = ("ma", "ti", "ke", "to", "pe", "la", "su")
_EN_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FI_FULL = (
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
)
#: Swedish as people write it ("mån–fre"); the catalogue's short names ("må", "fr") are taken too
_SV_DAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
_SV_FULL = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_WRITTEN = (_EN_DAYS, _FI_DAYS, _SV_DAYS, _EN_FULL, _FI_FULL, _SV_FULL)
_DASH = "[-–—]"
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_RANGE = re.compile(rf"{_TIME}\s*{_DASH}\s*{_TIME}")


@dataclass(frozen=True)
class Rule:
    """One written range: days `first` to `last` (0 = Monday, may wrap) and their opening times."""

    first: int
    last: int
    times: tuple[tuple[int, int], ...]  # (start, end) in minutes after midnight

    def days(self) -> tuple[int, ...]:
        """The weekdays this rule covers, in order."""
        return tuple((self.first + i) % 7 for i in range((self.last - self.first) % 7 + 1))


@dataclass(frozen=True)
class Hours:
    """Parsed opening hours: the rules as written, for describing them and for `status`."""

    text: str
    rules: tuple[Rule, ...]

    def windows(self, weekday: int) -> list[tuple[int, int]]:
        """The opening windows (start, end minutes) of one weekday, earliest first."""
        return sorted(t for r in self.rules if weekday in r.days() for t in r.times)


@functools.cache
def day_names() -> dict[str, int]:
    """Every weekday name opening hours may use (0 = Monday): the written forms above and the
    `weekday, short` names of every language fixit speaks. Built on first use, so that parsing
    configuration does not load every catalogue at import."""
    short = [tuple(WEEKDAY_SHORT[d].render(lang) for d in _EN_DAYS) for lang in LANGUAGES]
    return {n.lower(): i for names in (*_WRITTEN, *short) for i, n in enumerate(names)}


@functools.cache
def _part() -> re.Pattern[str]:
    """One part of the hours: days, the word for "at" of any language ("klo", "kl."), times."""
    words = {"klo"} | {
        pgettext("opening hours", "{days} {times}", days="", times="").render(lang).strip()
        for lang in LANGUAGES
    }
    at = "|".join(re.escape(w) for w in sorted(words - {""}, key=len, reverse=True))
    return re.compile(rf"(?P<days>[^\d]+?)\s+(?:(?:{at})\s+)?(?P<times>\d.*)", re.I)


def _day(word: str) -> int:
    key = word.strip().rstrip(".").lower()
    names = day_names()
    if key not in names:
        raise ParamError(
            _(
                "{day} is not a day (use Mon Tue Wed Thu Fri Sat Sun, or ma ti ke to pe la su)",
                day=repr(word.strip()),
            )
        )
    return names[key]


def _minutes(hour: str, minute: str | None, text: str) -> int:
    h, m = int(hour), int(minute or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise ParamError(_("{time} is not a time of day", time=repr(text)))
    return h * 60 + m


def _times(text: str, part: str) -> tuple[tuple[int, int], ...]:
    found = list(_RANGE.finditer(text))
    if not found or _RANGE.sub("", text).strip(" ,&") or not text.strip():
        raise ParamError(_("{part} needs opening times like 09:00-16:00", part=repr(part)))
    out = []
    for m in found:
        start, end = _minutes(m[1], m[2], m[0]), _minutes(m[3], m[4], m[0])
        if end <= start:
            raise ParamError(
                _(
                    "{range} ends before it starts (a range cannot pass midnight)",
                    range=repr(m[0]),
                )
            )
        out.append((start, end))
    return tuple(out)


def parse_hours(text: str) -> Hours:
    """Parse opening hours like "Mon-Thu 08:00-16:00, Fri 08:00-14:00" (or "ma-pe 9-16")."""
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if not parts:
        raise ParamError(
            _("the opening hours are empty; write them like {example}", example=EXAMPLE)
        )
    rules = []
    for part in parts:
        m = _part().fullmatch(part)
        if m is None:
            raise ParamError(
                _(
                    "{part} is not a day range with times; write it like {example}",
                    part=repr(part),
                    example=EXAMPLE,
                )
            )
        ends = re.split(_DASH, m["days"])
        if len(ends) > 2:
            raise ParamError(
                _(
                    "{days} is not a day or a range of days like Mon-Fri",
                    days=repr(m["days"].strip()),
                )
            )
        rules.append(Rule(_day(ends[0]), _day(ends[-1]), _times(m["times"], part)))
    return Hours(text, tuple(rules))


def describe(hours: Hours, lang: str) -> str:
    """The opening hours as people write them: "Mon-Fri 09:00-16:00" / "ma–pe klo 9.00–16.00"."""
    names = [WEEKDAY_SHORT[d].render(lang) for d in _EN_DAYS]
    out = []
    for r in hours.rules:
        first, last = names[r.first], names[r.last]
        days = first if r.first == r.last else format.span(first, last, lang)
        times = " ".join(
            format.span(format.clock(s, lang), format.clock(e, lang), lang) for s, e in r.times
        )
        out.append(pgettext("opening hours", "{days} {times}", days=days, times=times).render(lang))
    return ", ".join(out)


WEEKDAY_SHORT: dict[str, Msg] = {  # as opening hours are written
    "mon": pgettext("weekday, short", "Mon"),
    "tue": pgettext("weekday, short", "Tue"),
    "wed": pgettext("weekday, short", "Wed"),
    "thu": pgettext("weekday, short", "Thu"),
    "fri": pgettext("weekday, short", "Fri"),
    "sat": pgettext("weekday, short", "Sat"),
    "sun": pgettext("weekday, short", "Sun"),
}


@functools.lru_cache(maxsize=1)
def _have_database() -> bool:
    """Whether this computer has a time-zone database (Windows without `tzdata` has none)."""
    return bool(zoneinfo.available_timezones())


def zone(name: str | None) -> tuple[dt.tzinfo | None, bool]:
    """The time zone `name` and whether it was missing here (then None: use local time).

    Raises ValueError for a name that is not a time zone when this computer knows time zones."""
    if not name:
        return None, False
    try:
        return zoneinfo.ZoneInfo(name), False
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        if _have_database():
            raise ParamError(
                _("{zone} is not a time zone (use a name like Europe/Helsinki)", zone=repr(name))
            ) from None
        return None, True


def _local(now: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    """`now` on support's clock (a naive `now` is taken as support's wall-clock time)."""
    if now.tzinfo is None:
        return now.replace(tzinfo=tz) if tz is not None else now.astimezone()
    return now.astimezone(tz) if tz is not None else now.astimezone()


def status(hours: Hours, tz: dt.tzinfo | None, now: dt.datetime) -> tuple[bool, dt.datetime | None]:
    """Whether support is open at `now`, and (when closed) when it opens next, on its clock."""
    local = _local(now, tz)
    second = local.hour * 3600 + local.minute * 60 + local.second
    if any(s * 60 <= second < e * 60 for s, e in hours.windows(local.weekday())):
        return True, None
    for ahead in range(8):
        day = local.date() + dt.timedelta(days=ahead)
        for start, _end in hours.windows(day.weekday()):
            if ahead or start * 60 > second:
                at = dt.datetime.combine(day, dt.time(start // 60, start % 60))
                return False, at.replace(tzinfo=local.tzinfo)
    return False, None  # pragma: no cover - parse_hours never returns hours without a window


def _when(at: dt.datetime, local: dt.datetime, msgs: Messages) -> tuple[str, str]:
    ahead = (at.date() - local.date()).days
    name = "today" if ahead == 0 else "tomorrow" if ahead == 1 else _EN_FULL[at.weekday()]
    return msgs(SUPPORT[f"day.{name}"]), format.clock(at.hour * 60 + at.minute, msgs.lang)


class Desk(Protocol):
    """What `expectation` reads of the configuration (a `Config` is one): the support section
    (timezone, phone) and its parsed opening hours."""

    @property
    def support(self) -> Mapping[str, str]:
        """The support section: `timezone` and `phone` are read."""
        ...

    @property
    def hours(self) -> Hours | None:
        """The opening hours, when configured."""
        ...


def expectation(
    config: Desk, urgency: str | None, now: dt.datetime | None, msgs: Messages, ticket: str = ""
) -> str:
    """The line shown after a submission: when to expect an answer, or for an urgent report
    out of hours, whom to call with the ticket number. Empty when no hours are configured."""
    hours = getattr(config, "hours", None)
    if hours is None:
        return ""
    name = config.support.get("timezone")
    try:
        tz, missing = zone(name)
    except ValueError:
        tz, missing = None, True
    local = _local(now or dt.datetime.now(dt.timezone.utc), tz)
    open_now, next_at = status(hours, tz, local)
    where = f" ({name})" if tz is not None else ""
    phone = config.support.get("phone", "")
    if open_now:
        line = msgs(SUPPORT["open"], hours=describe(hours, msgs.lang), zone=where)
    elif urgency in URGENT and phone:
        key = "urgent" if ticket else "urgent.no_ticket"
        line = msgs(SUPPORT[key], phone=phone, ticket=ticket)
    elif next_at is not None:
        day, time = _when(next_at, local, msgs)
        line = msgs(SUPPORT["closed"], day=day, time=time, zone=where)
    else:  # pragma: no cover - see status
        return ""
    if missing:
        line += "\n" + msgs(SUPPORT["no_timezone"], zone=name)
    return line
