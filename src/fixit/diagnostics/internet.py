"""Name resolution and internet reachability, probed in parallel under one deadline."""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from fixit.diagnostics.netprobe import Answer, FetchProbe, resolve
from fixit.diagnostics.probeerror import ProbeError, clip, failure_data
from fixit.diagnostics.result import CheckResult, skipped, verbatim
from fixit.i18n import Msg, _
from fixit.urls import redact_url

T = TypeVar("T")
GRACE = 0.25  # on top of a probe's own deadline, so a probe can report its own timeout first
MAX_TARGETS = 10
GOOD = (200, 204)
# The public connectivity-check addresses give exactly this answer (status, body stripped; None:
# no body wanted). A captive portal's login page also comes with a 200, so any other answer from
# them means something stands between this machine and the internet.
KNOWN: dict[tuple[str, str], tuple[int, bytes | None]] = {
    ("*", "/generate_204"): (204, None),
    ("*", "/gen_204"): (204, None),
    ("detectportal.firefox.com", "/success.txt"): (200, b"success"),
    ("www.msftconnecttest.com", "/connecttest.txt"): (200, b"Microsoft Connect Test"),
    ("www.msftncsi.com", "/ncsi.txt"): (200, b"Microsoft NCSI"),
    ("captive.apple.com", "/hotspot-detect.html"): (
        200,
        b"<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>",
    ),
}
Verdict = tuple[str, Msg, str]


@dataclass
class Outcome(Generic[T]):
    """What one parallel job gave: its value or its exception, or `done=False` if still running."""

    value: T | None = None
    error: Exception | None = None
    done: bool = False
    seconds: float = 0.0


def parallel(
    jobs: Sequence[Callable[[], T]], limit: float, enough: Callable[[T], bool] | None = None
) -> list[Outcome[T]]:
    """Run jobs in daemon threads until all are done, one is `enough`, or `limit` seconds pass.

    Jobs still running then are abandoned, never joined: a stuck lookup cannot hold the check.
    """
    outcomes: list[Outcome[T]] = [Outcome() for _job in jobs]
    changed = threading.Condition()
    started = time.monotonic()

    def run(i: int, job: Callable[[], T]) -> None:
        value: T | None = None
        error: Exception | None = None
        try:
            value = job()
        except Exception as exc:  # kept for the check to judge
            error = exc
        with changed:
            outcomes[i] = Outcome(value, error, True, time.monotonic() - started)
            changed.notify_all()

    for i, job in enumerate(jobs):
        threading.Thread(target=run, args=(i, job), name=f"fixit-probe-{i}", daemon=True).start()

    def finished() -> bool:
        done = [o.value for o in outcomes if o.done and o.value is not None]
        return all(o.done for o in outcomes) or (enough is not None and any(map(enough, done)))

    with changed:
        changed.wait_for(finished, max(0.0, limit))
        return [replace(o) for o in outcomes]


def nameservers(path: str = "/etc/resolv.conf") -> list[str]:
    """The DNS servers listed in resolv.conf; empty when it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read(65536).splitlines()
    except OSError:
        return []
    found = [f[1] for f in map(str.split, lines) if len(f) > 1 and f[0] == "nameserver"]
    return [clip(server, 60) for server in found[:10]]


@dataclass(frozen=True)
class DnsProbe:
    """How network.dns reads the machine: a bounded lookup and the configured servers."""

    resolve: Callable[[str, float], list[str]] = resolve
    nameservers: Callable[[], list[str]] = nameservers


def _failure(outcome: Outcome[Any], host: str, kind: str) -> tuple[str, Msg]:
    """(kind, words) for a probe that did not give a value; kind "broken" is a probe that raised."""
    if not outcome.done:
        error = ProbeError(kind, host, "no answer in time")
    elif isinstance(outcome.error, ProbeError):
        error = outcome.error
    else:
        text = clip(f"{type(outcome.error).__name__}: {outcome.error}")
        return "broken", verbatim(text)
    return error.kind, error.words


def _dns_row(name: str, outcome: Outcome[list[str]]) -> dict[str, Any]:
    if outcome.done and outcome.value is not None:
        found = [clip(a, 60) for a in outcome.value]
        ms = round(outcome.seconds * 1000)
        return {"name": name, "ok": True, "count": len(found), "addresses": found[:4], "ms": ms}
    kind, words = _failure(outcome, name, "dns-timeout")
    return {"name": name, "ok": False, "count": 0, **failure_data(kind, words)}


def _dns_none(failed: list[dict[str, Any]], servers: list[str] | None) -> Verdict:
    """No name resolved: say why in the user's words, or `error` when every probe broke."""
    real = [r for r in failed if r["kind"] != "broken"]
    if not real:
        return "error", _("could not test name resolution"), failed[0]["error"]
    if servers == []:
        why = _("no DNS server is configured")
    elif all(r["kind"] == "dns" for r in real):
        why = _("the DNS server does not know them")
    else:
        why = _("the DNS server does not answer")
    return "fail", _("names do not resolve: {why}", why=why), ""


def _dns_verdict(rows: list[dict[str, Any]], servers: list[str] | None, warn_ms: float) -> Verdict:
    failed = [r for r in rows if not r["ok"]]
    if len(failed) == len(rows):
        return _dns_none(failed, servers)
    if failed:
        text = _(
            "some names do not resolve ({failed} of {total}): {first}",
            failed=len(failed),
            total=len(rows),
            first=failed[0]["name"],
        )
        return "warn", text, ""
    slowest = max(r["ms"] for r in rows)
    if slowest > warn_ms:
        return "warn", _("names resolve, but slowly ({ms} ms)", ms=slowest), ""
    return "pass", _("names resolve (slowest {ms} ms)", ms=slowest), ""


def _servers(probe: DnsProbe) -> list[str] | None:
    if sys.platform == "win32":
        return None  # Windows keeps them per adapter; ipconfig is not worth a subprocess here
    try:
        return list(probe.nameservers())
    except Exception:  # a probe that cannot read resolv.conf leaves the field unknown
        return None


def check_dns(params: Mapping[str, Any], probe: DnsProbe | None = None) -> CheckResult:
    """Resolve each name in parallel: pass when all resolve within warn_ms, fail when none do."""
    probe = probe or DnsProbe()
    started = time.monotonic()
    timeout, warn_ms = float(params["timeout"]), float(params["warn_ms"])
    names = [clip(name, 253) for name in params["names"]][:MAX_TARGETS]
    if not names:
        return skipped("network.dns", _("no names to look up"), _("names is empty"))
    jobs = [functools.partial(probe.resolve, name, timeout) for name in names]
    rows = [_dns_row(n, o) for n, o in zip(names, parallel(jobs, timeout + GRACE), strict=True)]
    servers = _servers(probe)
    status, summary, reason = _dns_verdict(rows, servers, warn_ms)
    data = {"names": rows, "nameservers": servers}
    return CheckResult("network.dns", status, summary, data, time.monotonic() - started, reason)


def _host(url: str) -> str:
    import urllib.parse

    return clip(urllib.parse.urlsplit(url).hostname or url, 80)


def known_answer(url: str) -> tuple[int, bytes | None] | None:
    """What a well-known connectivity-check URL answers when nothing is in the way."""
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    return KNOWN.get((host, parts.path)) or KNOWN.get(("*", parts.path))


def reaches(answer: Answer) -> bool:
    """Whether this answer proves the internet is there: the known reply, or else a 200/204."""
    expected = known_answer(answer.url)
    if expected is None:
        return answer.status in GOOD
    status, body = expected
    return answer.status == status and (body is None or answer.body.strip() == body)


def _web_row(url: str, outcome: Outcome[Answer]) -> tuple[dict[str, Any], Msg | None]:
    row: dict[str, Any] = {"url": redact_url(url), "ok": False}
    answer = outcome.value
    if outcome.done and answer is not None:
        good = reaches(replace(answer, url=url))
        row.update(ok=True, status=answer.status, ms=round(answer.total_ms), good=good)
        if answer.via:
            row["via"] = answer.via
        if answer.headers.get("location"):
            row["location"] = redact_url(answer.headers["location"])
        return row, None
    kind, words = _failure(outcome, _host(url), "timeout")
    row.update(failure_data(kind, words))
    return row, words


def _in_the_way(row: dict[str, Any]) -> Msg:
    """Why an answer that came does not prove the internet: a portal, a login page, a proxy."""
    host, status = _host(row["url"]), row["status"]
    if "location" in row:
        to = _host(row["location"])
        return _("{host} redirects to {to}: a login page may be in the way", host=host, to=to)
    if status in GOOD:
        return _(
            "{host} answered, but not with its usual reply: a login page may be in the way",
            host=host,
        )
    return _(
        "{host} answered {status}: a login page or proxy may be in the way",
        host=host,
        status=status,
    )


def _internet_verdict(rows: list[dict[str, Any]], errors: list[Msg | None]) -> Verdict:
    good = [r for r in rows if r.get("good")]
    if good:
        where, via = f"{_host(good[0]['url'])}, {good[0]['ms']} ms", good[0].get("via")
        if via:
            return (
                "pass",
                _("the internet answers through the proxy {via} ({where})", via=via, where=where),
                "",
            )
        return "pass", _("the internet answers ({where})", where=where), ""
    answered = [r for r in rows if r["ok"]]
    if answered:
        return "warn", _in_the_way(answered[0]), ""
    real = [e for e, r in zip(errors, rows, strict=True) if e and r.get("kind") != "broken"]
    if not real:
        return "error", _("could not test the connection"), str(rows[0].get("error", ""))
    return "fail", _("no test address answered: {error}", error=real[0]), ""


def check_internet(params: Mapping[str, Any], probe: FetchProbe | None = None) -> CheckResult:
    """GET each test URL in parallel: pass on a proof of the internet, warn on other answers."""
    probe = probe or FetchProbe()
    started = time.monotonic()
    connect, read = float(params["connect_timeout"]), float(params["read_timeout"])
    urls = [str(url) for url in params["urls"]][:MAX_TARGETS]
    if not urls:
        text = _("no test addresses configured")
        return skipped("network.internet", text, _("urls is empty"))
    jobs = [functools.partial(probe.fetch, url, connect, read, connect + read) for url in urls]
    outcomes = parallel(jobs, connect + read + GRACE, enough=reaches)
    pairs = [_web_row(u, o) for u, o in zip(urls, outcomes, strict=True)]
    rows = [row for row, _words in pairs]
    if any(r.get("good") for r in rows):  # the unfinished were not waited for
        for i, outcome in enumerate(outcomes):
            if not outcome.done:
                rows[i] = {"url": rows[i]["url"], "ok": False, "pending": True}
    status, summary, reason = _internet_verdict(rows, [words for _row, words in pairs])
    data = {"probes": rows}
    return CheckResult(
        "network.internet", status, summary, data, time.monotonic() - started, reason
    )
