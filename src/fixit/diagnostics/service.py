"""A configured service URL: does it answer, how fast, and is its certificate good for long."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError, clip
from fixit.diagnostics.result import CheckResult, errored, say, skipped
from fixit.urls import redact_url

CID = "service.url"
Verdict = tuple[str, dict[str, str]]


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


def _days(n: int) -> dict[str, str]:
    return say(f"{n} day" if n == 1 else f"{n} days", f"{n} päivän" if n == 1 else f"{n} päivää")


def _unreachable(err: ProbeError) -> dict[str, str]:
    en, fi = err.words["en"], err.words["fi"]
    if err.kind == "cert":
        return say(f"the certificate of {err.host} is not valid ({err.detail})", fi)
    return say(f"the service does not answer: {en}", f"palvelu ei vastaa: {fi}")


def _verdict(
    host: str, answer: Answer, ms: int, days: int | None, params: Mapping[str, Any]
) -> Verdict:
    status = answer.status
    if status >= 400:
        what = f"{status} {answer.reason}".strip()
        return "fail", say(
            f"{host} answers with an error ({what})", f"{host} vastaa virheellä ({what})"
        )
    if days is not None and days < 0:
        en = f"the certificate of {host} has expired"
        return "fail", say(en, f"palvelun {host} varmenne on vanhentunut")
    if days is not None and days <= float(params["warn_days"]):
        en = f"the certificate of {host} expires in {_days(days)['en']}"
        fi = f"palvelun {host} varmenne vanhenee {days} päivän kuluttua"
        if days == 0:
            en = f"the certificate of {host} expires within a day"
            fi = f"palvelun {host} varmenne vanhenee vuorokauden sisällä"
        return "warn", say(en, fi)
    if ms > float(params["warn_ms"]):
        return "warn", say(f"{host} answers slowly ({ms} ms)", f"{host} vastaa hitaasti ({ms} ms)")
    en, fi = f"{host} answers ({status}) in {ms} ms", f"{host} vastaa ({status}), vasteaika {ms} ms"
    if days is not None:
        en += f", certificate valid for another {_days(days)['en']}"
        fi += f", varmenne voimassa vielä {_days(days)['fi']}"
    return "pass", say(en, fi)


def check_service_url(params: Mapping[str, Any], probe: FetchProbe | None = None) -> CheckResult:
    """GET the service URL: fail on 4xx/5xx, no answer or a bad certificate; warn when slow or
    when the certificate expires within warn_days."""
    import urllib.parse

    url = str(params.get("url") or "").strip()
    if not url:
        text = say("no service address configured", "palvelun osoitetta ei ole määritetty")
        return skipped(CID, text, "checks.service.url.url is not set")
    probe = probe or FetchProbe()
    started = time.monotonic()
    host = clip(urllib.parse.urlsplit(url).hostname or url, 80)
    timeout = float(params["timeout"])
    data: dict[str, Any] = {"url": redact_url(url)}
    try:
        answer = probe.fetch(url, timeout, timeout, timeout)
    except ProbeError as err:
        data.update(kind=err.kind, error=err.words["en"])
        return CheckResult(CID, "fail", _unreachable(err), data, time.monotonic() - started)
    except Exception as exc:  # a broken probe is a result, not a crash
        text = say("could not test the service", "palvelua ei voitu testata")
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
