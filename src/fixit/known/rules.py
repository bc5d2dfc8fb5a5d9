"""The rules of `known_issues.yaml`, format 1, as tables: the keys, statuses, patterns and
limits that the validator checks and the JSON Schema is built from, and how a time is read."""

from __future__ import annotations

import datetime as dt
import re

FORMAT = 1
FILE_NAMES = ("known_issues.yaml", "known_issues.yml")
TOP_KEYS = ("format", "issues")
ISSUE_KEYS = (
    "id",
    "title",
    "text",
    "affects",
    "since",
    "until",
    "status",
    "ticket",
    "workaround",
    "new_reports",
    "url",
)
REQUIRED = ("id", "title", "affects")
AFFECTS_KEYS = ("trees", "tags", "checks", "urls")
STATUSES = ("investigating", "identified", "monitoring", "active", "resolved")
TEXT_KEYS = ("title", "text", "workaround")
ISSUE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
TICKET = re.compile(r"^[A-Za-z0-9#][A-Za-z0-9#_./:-]{0,63}$")
URL = re.compile(r"^https?://[^\s/?#@]+(/[^\s]*)?$")
TAG = re.compile(r"^[^\s,]{1,64}$")
MAX_ISSUES = 200
MAX_LIST = 100
MAX_TITLE = 300
MAX_URL = 2000
TIME_EXAMPLE = "2026-12-07T08:00:00+02:00"
#: a date, or a date and time, with an optional offset (what every supported Python reads)
TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{3}|\.[0-9]{6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$"
)


def parse_time(text: str) -> dt.datetime | None:
    """An ISO 8601 date and time (`Z` or an offset; without one, this machine's local time;
    a date alone is its midnight), or None."""
    given = text.strip()
    if not TIME.match(given):
        return None
    if given[-1:] in ("Z", "z"):
        given = given[:-1] + "+00:00"
    if len(given) > 10 and given[10] in (" ", "t"):
        given = given[:10] + "T" + given[11:]
    try:
        when = dt.datetime.fromisoformat(given)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()
