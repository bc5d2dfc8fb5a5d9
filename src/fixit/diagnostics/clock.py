"""The clock against a web server's Date header: a wrong clock breaks secure sites and logins."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError, clip
from fixit.diagnostics.result import CheckResult, errored, say
from fixit.urls import redact_url

CID = "time.skew"
# (seconds, English one, English many, Finnish one, Finnish many)
UNITS = (
    (86400, "day", "days", "päivän", "päivää"),
    (3600, "hour", "hours", "tunnin", "tuntia"),
    (60, "minute", "minutes", "minuutin", "minuuttia"),
    (1, "second", "seconds", "sekunnin", "sekuntia"),
)


def amount(seconds: float) -> dict[str, str]:
    """A time difference in words, in the largest unit that counts about two of it or more."""
    span = abs(seconds)
    # 1.9, not 2: a measured 119.6 s reads better as "2 minutes" than as "120 seconds"
    size, en_one, en_many, fi_one, fi_many = next(
        u for u in UNITS if span >= 1.9 * u[0] or u[0] == 1
    )
    n = round(span / size)
    return say(f"{n} {en_one if n == 1 else en_many}", f"{n} {fi_one if n == 1 else fi_many}")


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


def _verdict(skew: float, warn: float, fail: float) -> tuple[str, dict[str, str]]:
    if abs(skew) <= warn:
        shown = f"{abs(skew):.1f}"
        fi = shown.replace(".", ",")
        return "pass", say(
            f"the clock is right ({shown} s off)", f"kello on oikeassa ajassa (heittoa {fi} s)"
        )
    words = amount(skew)
    en_way, fi_way = ("ahead", "edellä") if skew > 0 else ("behind", "jäljessä")
    text = say(f"the clock is {words['en']} {en_way}", f"kello on {words['fi']} {fi_way}")
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
        en, fi = err.words["en"], err.words["fi"]
        text = say(f"could not compare the clock: {en}", f"kelloa ei voitu tarkistaa: {fi}")
        return errored(CID, text, en, time.monotonic() - started)
    except Exception as exc:  # a broken probe is a result, not a crash
        text = say("could not compare the clock", "kelloa ei voitu tarkistaa")
        return errored(CID, text, clip(f"{type(exc).__name__}: {exc}"), time.monotonic() - started)
    date = answer.headers.get("date", "")
    server = server_time(date) if date else None
    if server is None:
        what = f"an unreadable Date header: {clip(date, 80)}" if date else "no Date header"
        text = say(f"{host} did not tell the time", f"{host} ei kertonut kellonaikaa")
        return errored(CID, text, f"{host} sent {what}", time.monotonic() - started)
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
