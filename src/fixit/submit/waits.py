"""A help desk that cannot take a report now: when it asks to be tried again (Retry-After),
and the error that says so."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from fixit.i18n import Msg, _
from fixit.submit.base import SubmitError

if TYPE_CHECKING:
    import requests

WAIT_HINT = _(
    "The report stays in the outbox; `fixit outbox send` tries again once that time has come."
)
MAX_WAIT = 86_400  # a Retry-After further off than a day is held to a day: the outbox goes on


def retry_after(response: requests.Response) -> dt.datetime | None:
    """When the server asks to be tried again (Retry-After: seconds or an HTTP-date), in UTC."""
    import email.utils

    value = (response.headers.get("Retry-After") or "").strip()
    now = dt.datetime.now(dt.timezone.utc)
    if value.isdigit():
        return now + dt.timedelta(seconds=min(int(value[:9]), MAX_WAIT))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT
        when = when.replace(tzinfo=dt.timezone.utc)
    return min(max(when, now), now + dt.timedelta(seconds=MAX_WAIT))


def busy(host: str, what: Msg, code: int, not_before: dt.datetime | None) -> SubmitError:
    """A server that cannot take the report now; when it names a time, the message says it."""
    if not_before is None:
        return SubmitError(
            _("{host} could not take {what} now ({code}).", host=host, what=what, code=code),
            _("The report stays in the outbox; `fixit outbox send` tries again later."),
        )
    wait = (not_before - dt.datetime.now(dt.timezone.utc)).total_seconds()
    return SubmitError(
        _(
            "{host} could not take {what} now ({code}) and asked to be tried again in {wait}.",
            host=host,
            what=what,
            code=code,
            wait=duration(wait),
        ),
        WAIT_HINT,
        not_before=not_before,
    )


def duration(seconds: float) -> str:
    """A wait as people say it: `40 s`, `5 min`, `2 h` (the units read the same in Finnish)."""
    seconds = max(0.0, seconds)
    if seconds < 120:
        return f"{math.ceil(seconds)} s"
    if seconds < 7200:
        return f"{math.ceil(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"
