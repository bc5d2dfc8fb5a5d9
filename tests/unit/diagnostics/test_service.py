"""service.url with fake answers and certificates, and once for real through the runner."""

from __future__ import annotations

import http.server
import json
import ssl
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.service import cert_facts, check_service_url
from tests.unit.diagnostics.said import said

PARAMS = {"url": "https://svc.test/health", "timeout": 1.0, "warn_ms": 2000.0, "warn_days": 14.0}
NOW = 1_700_000_000.0
DAY = 86400


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


def cert(days: float, issuer: str = "Test CA") -> dict[str, Any]:
    """A certificate as `ssl.getpeercert()` shows it, expiring `days` after NOW."""
    not_after = time.strftime("%b %d %H:%M:%S %Y GMT", time.gmtime(NOW + days * DAY))
    return {
        "subject": ((("commonName", "svc.test"),),),
        "issuer": ((("countryName", "FI"),), (("commonName", issuer),)),
        "notAfter": not_after,
    }


def answering(
    status: int = 200, ms: float = 120.0, days: float | None = 90.5, location: str = ""
) -> FetchProbe:
    def fetch(url: str, connect: float, read: float, total: float) -> Answer:
        headers = {"location": location} if location else {}
        got = cert(days) if days is not None else None
        reason = "Service Unavailable" if status == 503 else ""
        return Answer(
            url,
            status,
            reason,
            headers,
            connect_ms=ms / 2,
            sent_at=NOW,
            answered_at=NOW + ms / 2000,
            cert=got,
        )

    return FetchProbe(fetch, clock=lambda: NOW)


def raising(exc: BaseException) -> FetchProbe:
    def fetch(url: str, connect: float, read: float, total: float) -> Answer:
        raise exc

    return FetchProbe(fetch, clock=lambda: NOW)


def test_cert_facts() -> None:
    facts = cert_facts(cert(30.5), NOW)
    assert facts == {
        "issuer": "Test CA",
        "subject": "svc.test",
        "days_left": 30,
        "not_after": cert(30.5)["notAfter"],
    }
    assert cert_facts(None, NOW) is None
    org = {"issuer": ((("organizationName", "Org"),),), "notAfter": "garbage"}
    assert cert_facts(org, NOW) == {
        "issuer": "Org",
        "subject": "",
        "days_left": None,
        "not_after": "garbage",
    }


@pytest.mark.parametrize("url", ["", "   "])
def test_skipped_without_a_url(url: str) -> None:
    r = well_formed(check_service_url({**PARAMS, "url": url}, answering()), "skipped")
    assert r.text("en") == "no service address configured"


def test_pass_with_status_latency_and_certificate() -> None:
    r = well_formed(check_service_url(PARAMS, answering()), "pass")
    assert said(r) == {
        "en": "svc.test answers (200) in 120 ms, certificate valid for another 90 days",
        "fi": "svc.test vastaa (200), vasteaika 120 ms, varmenne voimassa vielä 90 päivää",
    }
    assert r.data["status"] == 200 and r.data["ms"] == 120
    assert r.data["cert"]["issuer"] == "Test CA" and r.data["cert"]["days_left"] == 90


def test_pass_on_a_redirect_over_plain_http() -> None:
    to = "https://user:pw@login.test/?next=secret"
    params = {**PARAMS, "url": "http://svc.test/"}
    r = well_formed(check_service_url(params, answering(302, days=None, location=to)), "pass")
    assert r.text("en") == "svc.test answers (302) in 120 ms"
    assert r.data["location"] == "https://login.test/?…" and r.data["cert"] is None


def test_warn_when_slow() -> None:
    r = well_formed(check_service_url(PARAMS, answering(ms=3000.0)), "warn")
    assert said(r) == {
        "en": "svc.test answers slowly (3000 ms)",
        "fi": "svc.test vastaa hitaasti (3000 ms)",
    }


@pytest.mark.parametrize(("days", "en"), [(5.5, "5 days"), (1.5, "1 day")])
def test_warn_when_the_certificate_expires_soon(days: float, en: str) -> None:
    r = well_formed(check_service_url(PARAMS, answering(days=days)), "warn")
    assert r.text("en") == f"the certificate of svc.test expires in {en}"
    assert r.text("fi") == f"palvelun svc.test varmenne vanhenee {int(days)} päivän kuluttua"


def test_warn_when_the_certificate_expires_today() -> None:
    r = well_formed(check_service_url(PARAMS, answering(days=0.5)), "warn")
    assert said(r) == {
        "en": "the certificate of svc.test expires within a day",
        "fi": "palvelun svc.test varmenne vanhenee vuorokauden sisällä",
    }


def test_fail_when_the_certificate_has_expired_by_our_clock() -> None:
    r = well_formed(check_service_url(PARAMS, answering(days=-1.5)), "fail")
    assert r.text("fi") == "palvelun svc.test varmenne on vanhentunut"


@pytest.mark.parametrize("status", [404, 503])
def test_fail_on_an_error_status(status: int) -> None:
    r = well_formed(check_service_url(PARAMS, answering(status)), "fail")
    assert r.text("en").startswith(f"svc.test answers with an error ({status}")
    assert r.text("fi").startswith(f"svc.test vastaa virheellä ({status}")


def test_fail_on_an_invalid_certificate() -> None:
    bad = ProbeError("cert", "svc.test", "self-signed certificate")
    r = well_formed(check_service_url(PARAMS, raising(bad)), "fail")
    assert said(r) == {
        "en": "the certificate of svc.test is not valid (self-signed certificate)",
        "fi": "palvelimen svc.test varmenne ei kelpaa (itse allekirjoitettu)",
    }
    assert r.data["kind"] == "cert"


def test_fail_when_unreachable() -> None:
    r = well_formed(check_service_url(PARAMS, raising(ProbeError("timeout", "svc.test"))), "fail")
    assert said(r) == {
        "en": "the service does not answer: no answer from svc.test in time",
        "fi": "palvelu ei vastaa: svc.test ei vastannut ajoissa",
    }


def test_error_when_the_probe_breaks() -> None:
    r = well_formed(check_service_url(PARAMS, raising(ssl.SSLZeroReturnError())), "error")
    assert "SSLZeroReturnError" in str(r.reason)


def test_credentials_never_reach_the_result() -> None:
    params = {**PARAMS, "url": "https://admin:hunter2@svc.test/?apikey=k3y"}
    r = check_service_url(params, answering())
    text = json.dumps(r.to_json())
    assert "hunter2" not in text and "k3y" not in text and "admin" not in text


class Quick(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def local_url() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quick)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("configured", [False, True])
def test_runs_for_real_on_this_machine(configured: bool, local_url: str) -> None:
    from fixit.diagnostics.runner import ThreadRunner

    settings = {"service.url": {"url": local_url}} if configured else {}
    r = ThreadRunner(settings=settings).run(["service.url"])["service.url"]
    assert r.status in STATUSES and r.text("en") and r.text("fi")
    assert r.status == ("pass" if configured else "skipped")
    json.dumps(r.to_json())
    assert r.duration < CHECKS["service.url"].timeout
