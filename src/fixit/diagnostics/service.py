"""A configured service URL: does it answer, how fast, and is its certificate good for long."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics import skip_reasons
from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError, cert_problem, clip, failure_data
from fixit.diagnostics.result import CheckResult, errored, skipped
from fixit.i18n import Msg, _, ngettext
from fixit.urls import redact_url

CID = "service.url"
Verdict = tuple[str, Msg]


def cert_facts(cert: Mapping[str, Any] | None, now: float) -> dict[str, Any] | None:
    """Issuer, subject, expiry and days left of an `ssl.getpeercert()` dict (None without TLS)."""
    import ssl

    if cert is None:
        return None

    def name(key: str) -> str:
        pairs = dict(pair for rdn in cert.get(key, ()) for pair in rdn)
        return clip(pairs.get("commonName") or pairs.get("organizationName") or "", 120)

    not_after = str(cert.get("notAfter") or "")
    try:
        days: int | None = math.floor((ssl.cert_time_to_seconds(not_after) - now) / 86400)
    except ValueError:
        days = None
    facts = {"issuer": name("issuer"), "subject": name("subject"), "days_left": days}
    return {**facts, "not_after": clip(not_after, 60)}


def _unreachable(err: ProbeError) -> Msg:
    if err.kind == "cert":
        detail = cert_problem(err.detail)
        return _("the certificate of {host} is not valid ({detail})", host=err.host, detail=detail)
    return _("the service does not answer: {error}", error=err.words)


def _verdict(
    host: str, answer: Answer, ms: int, days: int | None, params: Mapping[str, Any]
) -> Verdict:
    status = answer.status
    if status >= 400:
        what = f"{status} {answer.reason}".strip()
        return "fail", _("{host} answers with an error ({what})", host=host, what=what)
    if days is not None and days < 0:
        return "fail", _("the certificate of {host} has expired", host=host)
    if days is not None and days <= float(params["warn_days"]):
        if days == 0:
            return "warn", _("the certificate of {host} expires within a day", host=host)
        return "warn", ngettext(
            "the certificate of {host} expires in {n} day",
            "the certificate of {host} expires in {n} days",
            days,
            host=host,
        )
    if ms > float(params["warn_ms"]):
        return "warn", _("{host} answers slowly ({ms} ms)", host=host, ms=ms)
    if days is not None:
        return "pass", ngettext(
            "{host} answers ({status}) in {ms} ms, certificate valid for another {n} day",
            "{host} answers ({status}) in {ms} ms, certificate valid for another {n} days",
            days,
            host=host,
            status=status,
            ms=ms,
        )
    return "pass", _("{host} answers ({status}) in {ms} ms", host=host, status=status, ms=ms)


def check_service_url(params: Mapping[str, Any], probe: FetchProbe | None = None) -> CheckResult:
    """GET the service URL: fail on 4xx/5xx, no answer or a bad certificate; warn when slow or
    when the certificate expires within warn_days."""
    import urllib.parse

    url = str(params.get("url") or "").strip()
    if not url:
        text = _("no service address configured")
        return skipped(CID, text, _(skip_reasons.NO_SERVICE_URL))
    probe = probe or FetchProbe()
    started = time.monotonic()
    host = clip(urllib.parse.urlsplit(url).hostname or url, 80)
    timeout = float(params["timeout"])
    data: dict[str, Any] = {"url": redact_url(url)}
    try:
        answer = probe.fetch(url, timeout, timeout, timeout)
    except ProbeError as err:
        data.update(failure_data(err.kind, err.words))
        return CheckResult(CID, "fail", _unreachable(err), data, time.monotonic() - started)
    except Exception as exc:  # a broken probe is a result, not a crash
        text = _("could not test the service")
        return errored(CID, text, clip(f"{type(exc).__name__}: {exc}"), time.monotonic() - started)
    ms = round(answer.connect_ms + max(0.0, answer.answered_at - answer.sent_at) * 1000)
    cert = cert_facts(answer.cert, probe.clock())
    data.update(status=answer.status, ms=ms, cert=cert)
    if answer.via:
        data["via"] = answer.via
    if answer.headers.get("location"):
        data["location"] = redact_url(answer.headers["location"])
    days = None if cert is None else cert["days_left"]
    status, summary = _verdict(host, answer, ms, days, params)
    return CheckResult(CID, status, summary, data, time.monotonic() - started)
