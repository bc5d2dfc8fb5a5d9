"""time.skew with fake answers (ahead, behind, no Date, no answer) and once for real on loopback."""

from __future__ import annotations

import email.utils
import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from fixit.diagnostics.clock import amount, check_time_skew, offset, server_time
from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

PARAMS = {"url": "http://time.test/", "timeout": 1.0, "warn_seconds": 60.0, "fail_seconds": 300.0}
NOW = 1_700_000_000.0


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


def server_at(server_offset: float | None, date: str | None = None) -> FetchProbe:
    """A server whose clock is `server_offset` seconds off ours; the round trip takes 0.2 s."""

    def fetch(url: str, connect: float, read: float, total: float) -> Answer:
        headers = {}
        if date is not None:
            headers["date"] = date
        elif server_offset is not None:
            headers["date"] = email.utils.formatdate(NOW + 0.1 + server_offset, usegmt=True)
        return Answer(url, 204, headers=headers, sent_at=NOW, answered_at=NOW + 0.2)

    return FetchProbe(fetch)


def raising(exc: BaseException) -> FetchProbe:
    def fetch(url: str, connect: float, read: float, total: float) -> Answer:
        raise exc

    return FetchProbe(fetch)


@pytest.mark.parametrize(
    ("seconds", "en", "fi"),
    [
        (1, "1 second", "1 sekunnin"),
        (-90, "90 seconds", "90 sekuntia"),
        (420, "7 minutes", "7 minuuttia"),
        (-2 * 3600, "2 hours", "2 tuntia"),
        (3 * 86400 + 100, "3 days", "3 päivää"),
    ],
)
def test_amount_in_words(seconds: float, en: str, fi: str) -> None:
    assert said(amount(seconds)) == {"en": en, "fi": fi}


def test_server_time_reads_http_dates() -> None:
    assert server_time("Tue, 14 Nov 2023 22:13:20 GMT") == NOW
    assert server_time("Tue, 14 Nov 2023 22:13:20 -0000") == NOW
    assert server_time("yesterday-ish") is None
    assert server_time("") is None


def test_offset_takes_half_the_round_trip_and_half_a_second() -> None:
    answer = Answer("u", 200, sent_at=NOW, answered_at=NOW + 2.0)
    assert offset(answer, NOW + 0.5) == pytest.approx(0.0)


def test_pass_when_the_clock_is_right() -> None:
    r = well_formed(check_time_skew(PARAMS, server_at(0.0)), "pass")
    assert r.text("en").startswith("the clock is right (")
    assert r.text("fi").startswith("kello on oikeassa ajassa (")
    assert abs(r.data["offset_seconds"]) <= 1.0 and r.data["round_trip_ms"] == 200


def test_warn_when_the_clock_is_a_few_minutes_ahead() -> None:
    r = well_formed(check_time_skew(PARAMS, server_at(-120.0)), "warn")
    assert said(r) == {"en": "the clock is 2 minutes ahead", "fi": "kello on 2 minuuttia edellä"}
    assert r.data["offset_seconds"] > 0


def test_fail_when_the_clock_is_far_behind() -> None:
    r = well_formed(check_time_skew(PARAMS, server_at(420.0)), "fail")
    assert said(r) == {
        "en": "the clock is 7 minutes behind",
        "fi": "kello on 7 minuuttia jäljessä",
    }
    assert r.data["offset_seconds"] < 0


def test_error_when_the_server_cannot_be_reached() -> None:
    r = well_formed(check_time_skew(PARAMS, raising(ProbeError("refused", "time.test"))), "error")
    assert r.text("en") == "could not compare the clock: time.test refused the connection"
    assert r.text("fi") == "kelloa ei voitu tarkistaa: time.test torjui yhteyden"
    assert str(r.reason) == "time.test refused the connection"


def test_error_when_the_probe_breaks() -> None:
    r = well_formed(check_time_skew(PARAMS, raising(RuntimeError("socket gone"))), "error")
    assert str(r.reason) == "RuntimeError: socket gone"


def test_error_without_a_date_header() -> None:
    r = well_formed(check_time_skew(PARAMS, server_at(None)), "error")
    assert str(r.reason) == "time.test sent no Date header"
    assert r.text("fi") == "time.test ei kertonut kellonaikaa"


def test_error_with_an_unreadable_date_header() -> None:
    r = well_formed(check_time_skew(PARAMS, server_at(None, date="soon\x1b[31m")), "error")
    assert str(r.reason).startswith("time.test sent an unreadable Date header")


class Quick(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(204)
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


def test_runs_for_real_on_this_machine(local_url: str) -> None:
    from fixit.diagnostics.runner import ThreadRunner

    r = ThreadRunner(settings={"time.skew": {"url": local_url}}).run(["time.skew"])["time.skew"]
    assert r.status in STATUSES and r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS["time.skew"].timeout
