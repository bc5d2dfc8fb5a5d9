"""network.dns and network.internet with fake probes, the parallel helper, and a real run each."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fixit.diagnostics.internet import (
    DnsProbe,
    check_dns,
    check_internet,
    known_answer,
    nameservers,
    parallel,
)
from fixit.diagnostics.netprobe import Answer, FetchProbe
from fixit.diagnostics.probeerror import ProbeError
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

DNS = {"names": ("a.test", "b.test"), "timeout": 0.5, "warn_ms": 500.0}
WEB = {
    "urls": ("http://one.test/", "http://two.test/"),
    "connect_timeout": 0.3,
    "read_timeout": 0.3,
}


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of a test, so jobs that block on it do not outlive it."""
    event = threading.Event()
    yield event
    event.set()


# --- parallel --------------------------------------------------------------------------------


def test_parallel_returns_values_errors_and_times() -> None:
    def boom() -> int:
        raise RuntimeError("no")

    ok, bad = parallel([lambda: 7, boom], 2.0)
    assert ok.done and ok.value == 7 and ok.error is None and ok.seconds >= 0
    assert bad.done and bad.value is None and isinstance(bad.error, RuntimeError)


def test_parallel_abandons_a_stuck_job_at_its_limit(release: threading.Event) -> None:
    started = time.monotonic()
    stuck, quick = parallel([lambda: release.wait(30), lambda: 1], 0.2)
    assert not stuck.done and quick.value == 1
    assert time.monotonic() - started < 2.0


def test_parallel_stops_when_one_is_enough(release: threading.Event) -> None:
    started = time.monotonic()
    stuck, good = parallel([lambda: release.wait(30), lambda: 204], 10.0, enough=lambda v: v == 204)
    assert not stuck.done and good.value == 204
    assert time.monotonic() - started < 2.0


def test_nameservers_are_read_from_resolv_conf(tmp_path: Path) -> None:
    conf = tmp_path / "resolv.conf"
    conf.write_text("# comment\nnameserver 192.0.2.53\nsearch lan\nnameserver ::1\nnameserver\n")
    assert nameservers(str(conf)) == ["192.0.2.53", "::1"]
    assert nameservers(str(tmp_path / "missing")) == []


# --- network.dns -----------------------------------------------------------------------------


def dns(resolve: Callable[[str, float], list[str]], servers: list[str] | None = None) -> DnsProbe:
    return DnsProbe(resolve, lambda: ["192.0.2.53"] if servers is None else servers)


def answers(name: str, timeout: float) -> list[str]:
    return ["192.0.2.1", "192.0.2.2"]


def fails(kind: str) -> Callable[[str, float], list[str]]:
    def resolve(name: str, timeout: float) -> list[str]:
        raise ProbeError(kind, name, "test")

    return resolve


def test_dns_pass_when_all_names_resolve_quickly() -> None:
    r = well_formed(check_dns(DNS, dns(answers)), "pass")
    assert r.text("en").startswith("names resolve (slowest ")
    row = r.data["names"][0]
    assert row["ok"] and row["count"] == 2 and row["addresses"] == ["192.0.2.1", "192.0.2.2"]
    assert r.data["nameservers"] == ["192.0.2.53"]


def test_dns_warns_when_slow() -> None:
    def slow(name: str, timeout: float) -> list[str]:
        time.sleep(0.03)
        return ["192.0.2.1"]

    r = well_formed(check_dns({**DNS, "warn_ms": 1.0}, dns(slow)), "warn")
    assert "slowly" in r.text("en") and "hitaasti" in r.text("fi")


def test_dns_warns_when_some_names_fail() -> None:
    def half(name: str, timeout: float) -> list[str]:
        return fails("dns")(name, timeout) if name == "b.test" else ["192.0.2.1"]

    r = well_formed(check_dns(DNS, dns(half)), "warn")
    assert r.text("en") == "some names do not resolve (1 of 2): b.test"
    assert r.text("fi") == "osa nimistä ei löydy (1/2): b.test"
    assert r.data["names"][1]["error"] == "the name b.test does not resolve"


@pytest.mark.parametrize(
    ("resolve", "servers", "why"),
    [
        (fails("dns-timeout"), None, "the DNS server does not answer"),
        (fails("dns"), None, "the DNS server does not know them"),
        (fails("dns-timeout"), [], "no DNS server is configured"),
    ],
)
def test_dns_fails_when_no_name_resolves(
    resolve: Callable[[str, float], list[str]], servers: list[str] | None, why: str
) -> None:
    r = well_formed(check_dns(DNS, dns(resolve, servers)), "fail")
    assert r.text("en") == f"names do not resolve: {why}"
    assert r.text("fi").startswith("nimipalvelu ei toimi: ")


def test_dns_with_a_resolver_that_never_returns(release: threading.Event) -> None:
    def stuck(name: str, timeout: float) -> list[str]:
        release.wait(30)
        return []

    started = time.monotonic()
    r = well_formed(check_dns({**DNS, "timeout": 0.2}, dns(stuck)), "fail")
    assert r.text("en") == "names do not resolve: the DNS server does not answer"
    assert time.monotonic() - started < 2.0


def test_dns_with_a_raising_probe_is_an_error() -> None:
    def broken(name: str, timeout: float) -> list[str]:
        raise RuntimeError("resolver exploded")

    r = well_formed(check_dns(DNS, dns(broken)), "error")
    assert "resolver exploded" in str(r.reason)


def test_dns_says_why_even_when_one_probe_broke() -> None:
    def mixed(name: str, timeout: float) -> list[str]:
        if name == "a.test":
            raise RuntimeError("bug")
        return fails("dns")(name, timeout)

    r = well_formed(check_dns(DNS, dns(mixed)), "fail")
    assert r.text("en") == "names do not resolve: the DNS server does not know them"
    # no stray "niitä" (A7)
    assert r.text("fi") == "nimipalvelu ei toimi: haettuja osoitteita ei löydy"


def test_dns_without_names_is_skipped() -> None:
    well_formed(check_dns({**DNS, "names": ()}, dns(answers)), "skipped")


def test_dns_nameservers_unknown_on_windows_or_when_unreadable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable() -> list[str]:
        raise PermissionError("denied")

    r = well_formed(check_dns(DNS, DnsProbe(answers, unreadable)), "pass")
    assert r.data["nameservers"] is None
    monkeypatch.setattr("sys.platform", "win32")
    r = well_formed(check_dns(DNS, dns(answers)), "pass")
    assert r.data["nameservers"] is None


# --- network.internet ------------------------------------------------------------------------


def web(**by_host: Any) -> FetchProbe:
    """A fetch that answers per host: an int status, a (status, location), or an exception."""

    def fetch(url: str, connect: float, read: float, total: float) -> Answer:
        got = by_host[url.split("/")[2]]
        if isinstance(got, BaseException):
            raise got
        if callable(got):
            return got()  # type: ignore[no-any-return]
        if isinstance(got, Answer):
            return replace(got, url=url)
        status, location = got if isinstance(got, tuple) else (got, "")
        return Answer(url, status, headers={"location": location} if location else {}, total_ms=42)

    return FetchProbe(fetch)


@pytest.mark.parametrize("status", [200, 204])
def test_internet_passes_on_200_or_204_from_any(status: int) -> None:
    probe = web(**{"one.test": ProbeError("refused", "one.test"), "two.test": status})
    r = well_formed(check_internet(WEB, probe), "pass")
    assert said(r) == {
        "en": "the internet answers (two.test, 42 ms)",
        "fi": "internetyhteys toimii (two.test, 42 ms)",
    }
    assert r.data["probes"][0]["error"] == "one.test refused the connection"


def test_internet_warns_on_a_login_page() -> None:
    r = well_formed(check_internet(WEB, web(**{"one.test": 511, "two.test": 403})), "warn")
    assert r.text("en") == "one.test answered 511: a login page or proxy may be in the way"
    assert "kirjautumissivu" in r.text("fi")


def test_internet_warns_on_a_redirect_and_hides_its_secrets() -> None:
    to = (302, "https://user:pw@portal.test/login?session=secret")
    r = well_formed(check_internet(WEB, web(**{"one.test": to, "two.test": to})), "warn")
    assert r.text("en") == "one.test redirects to portal.test: a login page may be in the way"
    assert r.data["probes"][0]["location"] == "https://portal.test/login?…"
    assert "secret" not in json.dumps(r.to_json()) and "pw" not in json.dumps(r.to_json())


LOGIN = Answer("", 200, headers={"content-type": "text/html"}, body=b"<html>Sign in</html>")
PORTALS = {
    "urls": (
        "http://connectivitycheck.gstatic.com/generate_204",
        "http://detectportal.firefox.com/success.txt",
        "http://www.msftconnecttest.com/connecttest.txt",
    ),
    "connect_timeout": 0.3,
    "read_timeout": 0.3,
}


def test_a_captive_portal_answering_200_is_not_the_internet() -> None:
    hosts = [u.split("/")[2] for u in PORTALS["urls"]]
    r = well_formed(check_internet(PORTALS, web(**dict.fromkeys(hosts, LOGIN))), "warn")
    assert said(r) == {
        "en": "connectivitycheck.gstatic.com answered, but not with its usual reply: "
        "a login page may be in the way",
        "fi": "connectivitycheck.gstatic.com vastasi poikkeavasti: "
        "välissä voi olla kirjautumissivu",
    }
    assert [p["good"] for p in r.data["probes"]] == [False, False, False]


@pytest.mark.parametrize(
    ("host", "answer"),
    [
        ("connectivitycheck.gstatic.com", Answer("", 204)),
        ("detectportal.firefox.com", Answer("", 200, body=b"success\n")),
        ("www.msftconnecttest.com", Answer("", 200, body=b"Microsoft Connect Test")),
    ],
)
def test_each_known_address_passes_on_its_own_reply(host: str, answer: Answer) -> None:
    others = {h.split("/")[2]: LOGIN for h in PORTALS["urls"]}
    r = well_formed(check_internet(PORTALS, web(**{**others, host: answer})), "pass")
    assert r.text("en") == f"the internet answers ({host}, 0 ms)"


def test_a_portal_page_does_not_stop_the_wait_for_the_real_reply() -> None:
    def late() -> Answer:
        time.sleep(0.2)
        return Answer("http://www.msftconnecttest.com/connecttest.txt", 204)

    probe = web(
        **{
            "connectivitycheck.gstatic.com": LOGIN,
            "detectportal.firefox.com": Answer("", 200, body=b"success"),
            "www.msftconnecttest.com": late,
        }
    )
    r = well_formed(check_internet(PORTALS, probe), "pass")
    assert r.text("en").startswith("the internet answers (detectportal.firefox.com")


@pytest.mark.parametrize(
    ("url", "known"),
    [
        ("http://clients3.google.com/generate_204", (204, None)),
        ("https://WWW.MSFTCONNECTTEST.COM/connecttest.txt", (200, b"Microsoft Connect Test")),
        ("http://www.example.fi/", None),
        ("http://detectportal.firefox.com/other.txt", None),
    ],
)
def test_known_answer(url: str, known: tuple[int, bytes | None] | None) -> None:
    assert known_answer(url) == known


def test_internet_fails_with_the_first_error_in_words() -> None:
    probe = web(
        **{"one.test": ProbeError("dns", "one.test"), "two.test": ProbeError("timeout", "two.test")}
    )
    r = well_formed(check_internet(WEB, probe), "fail")
    assert said(r) == {
        "en": "no test address answered: the name one.test does not resolve",
        "fi": "yksikään testiosoite ei vastannut: nimeä one.test ei löydy",
    }


def test_internet_fails_when_nothing_answers_in_time(release: threading.Event) -> None:
    def stuck() -> Answer:
        release.wait(30)
        raise AssertionError("released")

    started = time.monotonic()
    r = well_formed(check_internet(WEB, web(**{"one.test": stuck, "two.test": stuck})), "fail")
    assert r.text("en") == "no test address answered: no answer from one.test in time"
    assert time.monotonic() - started < 2.0


def test_internet_does_not_wait_for_the_others_once_one_passes(release: threading.Event) -> None:
    def stuck() -> Answer:
        release.wait(30)
        raise AssertionError("released")

    probe = web(**{"one.test": stuck, "two.test": 204})
    r = well_formed(check_internet({**WEB, "connect_timeout": 5.0}, probe), "pass")
    assert r.data["probes"][0] == {"url": "http://one.test/", "ok": False, "pending": True}
    assert r.duration < 2.0


def test_internet_with_a_raising_probe_is_an_error() -> None:
    probe = web(**{"one.test": KeyError("boom"), "two.test": KeyError("boom")})
    r = well_formed(check_internet(WEB, probe), "error")
    assert "KeyError" in str(r.reason)


def test_internet_fails_in_words_even_when_one_probe_broke() -> None:
    probe = web(**{"one.test": KeyError("boom"), "two.test": ProbeError("refused", "two.test")})
    r = well_formed(check_internet(WEB, probe), "fail")
    assert r.text("en") == "no test address answered: two.test refused the connection"


def test_internet_without_urls_is_skipped() -> None:
    well_formed(check_internet({**WEB, "urls": ()}, web()), "skipped")


# --- for real, through the runner, on loopback only -----------------------------------------


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
    yield f"http://127.0.0.1:{srv.server_address[1]}/generate_204"
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("cid", ["network.dns", "network.internet"])
def test_runs_for_real_on_this_machine(cid: str, local_url: str) -> None:
    from fixit.diagnostics.runner import ThreadRunner

    settings = {"network.dns": {"names": ["localhost"]}, "network.internet": {"urls": [local_url]}}
    r = ThreadRunner(settings=settings).run([cid])[cid]
    assert r.id == cid and r.status in STATUSES
    assert r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS[cid].timeout
