"""The clock against a web server's Date header: a wrong clock breaks secure sites and logins."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError, clip
from fixit.diagnostics.result import CheckResult, errored
from fixit.i18n import Msg, _, ngettext
from fixit.i18n.format import decimal
from fixit.urls import redact_url

CID = "time.skew"


def amount(seconds: float) -> Msg:
    """A time difference in words, in the largest unit that counts about two of it or more."""
    span = abs(seconds)
    # 1.9, not 2: a measured 119.6 s reads better as "2 minutes" than as "120 seconds"
    if span >= 1.9 * 86400:
        return ngettext("{n} day", "{n} days", round(span / 86400))
    if span >= 1.9 * 3600:
        return ngettext("{n} hour", "{n} hours", round(span / 3600))
    if span >= 1.9 * 60:
        return ngettext("{n} minute", "{n} minutes", round(span / 60))
    return ngettext("{n} second", "{n} seconds", round(span))


def server_time(date: str) -> float | None:
    """The POSIX time of an HTTP Date header, None when it cannot be read."""
    import datetime
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": the sender does not say, and HTTP dates are in GMT
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.timestamp()


def offset(answer: Answer, server: float) -> float:
    """How far the local clock is ahead of the server (negative: behind).

    The server stamped its Date about half a round trip after the request left, and a Date
    has whole seconds, so the server's time is on average half a second past it.
    """
    round_trip = max(0.0, answer.answered_at - answer.sent_at)
    return (answer.sent_at + round_trip / 2) - (server + 0.5)


def _verdict(skew: float, warn: float, fail: float) -> tuple[str, Msg]:
    if abs(skew) <= warn:
        return "pass", _("the clock is right ({offset} s off)", offset=decimal(abs(skew)))
    if skew > 0:
        text = _("the clock is {amount} ahead", amount=amount(skew))
    else:
        text = _("the clock is {amount} behind", amount=amount(skew))
    return ("fail" if abs(skew) > fail else "warn"), text


def check_time_skew(params: Mapping[str, Any], probe: FetchProbe | None = None) -> CheckResult:
    """Compare the clock with a web server's Date; warn or fail past the thresholds."""
    import urllib.parse

    probe = probe or FetchProbe()
    started = time.monotonic()
    url, timeout = str(params["url"]), float(params["timeout"])
    host = clip(urllib.parse.urlsplit(url).hostname or url, 80)
    try:
        answer = probe.fetch(url, timeout, timeout, timeout)
    except ProbeError as err:
        text = _("could not compare the clock: {error}", error=err.words)
        return errored(CID, text, err.words, time.monotonic() - started)
    except Exception as exc:  # a broken probe is a result, not a crash
        text = _("could not compare the clock")
        return errored(CID, text, clip(f"{type(exc).__name__}: {exc}"), time.monotonic() - started)
    date = answer.headers.get("date", "")
    server = server_time(date) if date else None
    if server is None:
        text = _("{host} did not tell the time", host=host)
        if date:
            why = _("{host} sent an unreadable Date header: {date}", host=host, date=clip(date, 80))
        else:
            why = _("{host} sent no Date header", host=host)
        return errored(CID, text, why, time.monotonic() - started)
    skew = offset(answer, server)
    status, summary = _verdict(skew, float(params["warn_seconds"]), float(params["fail_seconds"]))
    data = {
        "url": redact_url(url),
        "server_date": clip(date, 80),
        "offset_seconds": round(skew, 1),
        "round_trip_ms": round(max(0.0, answer.answered_at - answer.sent_at) * 1000),
    }
    if answer.via:
        data["via"] = answer.via
    return CheckResult(CID, status, summary, data, time.monotonic() - started)
