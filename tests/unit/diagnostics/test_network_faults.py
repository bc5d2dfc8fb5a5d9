"""The network checks against real faults on 127.0.0.1: each ends in a clear reason, in bounded time.

RELIABILITY "Checks" faults: DNS that hangs, a connect that gets no answer, a body that never ends,
a server that never answers, a 500, a self-signed certificate; plus a real network-down namespace.
"""

from __future__ import annotations

import contextlib
import datetime
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.diagnostics.clock import check_time_skew
from fixit.diagnostics.internet import check_dns, check_internet
from fixit.diagnostics.result import CheckResult
from fixit.diagnostics.service import check_service_url
from tests.unit.diagnostics.said import said

pytestmark = pytest.mark.slow

FAST = {"connect_timeout": 0.5, "read_timeout": 0.5}
BOUND = 3.0  # generous upper bound for a check whose own deadline is 1 s
SKEW = {"/late": -420.0}  # the server's clock 7 minutes behind: ours is 7 minutes ahead


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes that misbehave on purpose; every loop is bounded and stops when the client leaves."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        return super().date_time_string(time.time() + SKEW.get(self.path, 0.0))

    def drip(self, data: bytes, pause: float, times: int) -> None:
        try:
            for _ in range(times):
                self.wfile.write(data)
                time.sleep(pause)
        except OSError:
            pass

    def do_GET(self) -> None:
        if self.path == "/slowheaders":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            return self.drip(b"X-Wait: 1\r\n", 0.05, 400)
        if self.path == "/nodate":
            self.send_response_only(200)
            self.end_headers()
            return None
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://user:pw@login.portal.test/?token=secret")
            self.end_headers()
            return None
        codes = {"/ok": 204, "/200": 200, "/late": 204, "/500": 500, "/endless": 200}
        self.send_response(codes.get(self.path, 200 if self.path == "/trickle" else 404))
        self.end_headers()
        if self.path == "/endless":
            self.drip(b"x" * 65536, 0.0, 2000)
        elif self.path == "/trickle":
            self.drip(b"x", 0.05, 400)
        return None

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(wrap: Callable[[socket.socket], socket.socket] | None = None) -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    if wrap is not None:
        srv.socket = wrap(srv.socket)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    scheme = "https" if wrap else "http"
    try:
        yield f"{scheme}://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def server() -> Iterator[str]:
    with serve() as url:
        yield url


def timed(check: Callable[[], CheckResult]) -> tuple[CheckResult, float]:
    started = time.monotonic()
    result = check()
    elapsed = time.monotonic() - started
    assert result.text("en") and result.text("fi")
    json.dumps(result.to_json())
    return result, elapsed


def internet(*urls: str) -> CheckResult:
    return check_internet({"urls": list(urls), **FAST})


# --- DNS that never answers ------------------------------------------------------------------


@pytest.fixture
def stuck_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """getaddrinfo blocks until the test ends (then it is let go, so no thread outlives the run)."""
    release = threading.Event()

    def getaddrinfo(*args: Any, **kwargs: Any) -> Any:
        release.wait(60)
        raise socket.gaierror(socket.EAI_AGAIN, "released")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield release
    release.set()


def test_a_dns_lookup_that_never_returns_is_abandoned(stuck_dns: threading.Event) -> None:
    params = {"names": ["hang.test", "hang2.test"], "timeout": 0.5, "warn_ms": 500.0}
    result, elapsed = timed(lambda: check_dns(params))
    assert result.status == "fail"
    assert result.text("en") == "names do not resolve: the DNS server does not answer"
    assert elapsed < BOUND
    stuck = [t for t in threading.enumerate() if t.name.startswith("fixit-resolve-hang")]
    assert stuck and all(t.daemon for t in stuck)


def test_internet_with_hanging_dns_fails_in_time(stuck_dns: threading.Event) -> None:
    result, elapsed = timed(lambda: internet("http://hang.test/"))
    assert result.status == "fail" and elapsed < BOUND
    assert "the DNS server does not answer for hang.test" in result.text("en")


def test_time_skew_with_hanging_dns_is_an_error(stuck_dns: threading.Event) -> None:
    params = {"url": "http://hang.test/", "timeout": 0.5, "warn_seconds": 60, "fail_seconds": 300}
    result, elapsed = timed(lambda: check_time_skew(params))
    assert result.status == "error" and elapsed < BOUND
    assert "hang.test" in str(result.reason)


# --- connects and answers that never come ----------------------------------------------------


@pytest.fixture
def full_backlog() -> Iterator[int]:
    """A listener whose accept queue is full: the kernel drops further SYNs unanswered."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    held: list[socket.socket] = []
    for _ in range(8):
        probe = socket.socket()
        probe.settimeout(0.2)
        held.append(probe)
        try:
            probe.connect(("127.0.0.1", port))
        except TimeoutError:
            break
    else:
        pytest.skip("the kernel answers SYNs past a full backlog here")
    yield port
    for sock in [*held, listener]:
        sock.close()


def test_a_connect_that_gets_no_answer_is_bounded(full_backlog: int) -> None:
    result, elapsed = timed(lambda: internet(f"http://127.0.0.1:{full_backlog}/"))
    assert result.status == "fail" and elapsed < BOUND
    assert result.text("en") == "no test address answered: no answer from 127.0.0.1 in time"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """The kernel completes the handshake, but nobody ever reads or writes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield int(listener.getsockname()[1])
    listener.close()


def test_a_server_that_accepts_and_never_answers(silent_port: int) -> None:
    result, elapsed = timed(lambda: internet(f"http://127.0.0.1:{silent_port}/"))
    assert result.status == "fail" and elapsed < BOUND
    assert "accepted the connection but did not answer in time" in result.text("en")
    params = {"url": f"http://127.0.0.1:{silent_port}/", "timeout": 0.5, "warn_ms": 2000.0}
    service, elapsed = timed(lambda: check_service_url({**params, "warn_days": 14.0}))
    assert service.status == "fail" and elapsed < BOUND
    assert service.text("fi").startswith("palvelu ei vastaa: ")


def test_headers_that_trickle_forever_are_cut_by_the_deadline(server: str) -> None:
    result, elapsed = timed(lambda: internet(f"{server}/slowheaders"))
    assert result.status == "fail" and elapsed < BOUND
    assert "did not answer in time" in result.text("en")


def test_a_refused_connection_is_named() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    result, elapsed = timed(lambda: internet(f"http://127.0.0.1:{port}/"))
    assert result.text("en") == "no test address answered: 127.0.0.1 refused the connection"
    assert result.status == "fail" and elapsed < BOUND


# --- bodies that never end -------------------------------------------------------------------


def test_an_endless_body_is_read_with_a_cap(server: str) -> None:
    result, elapsed = timed(lambda: internet(f"{server}/endless"))
    assert result.status == "pass" and elapsed < BOUND
    assert result.data["probes"][0]["status"] == 200


def test_a_body_that_trickles_forever_is_cut_by_the_read_deadline(server: str) -> None:
    result, elapsed = timed(lambda: internet(f"{server}/trickle"))
    assert result.status == "pass" and elapsed < BOUND
    params = {"url": f"{server}/trickle", "timeout": 0.5, "warn_ms": 2000.0, "warn_days": 14.0}
    service, elapsed = timed(lambda: check_service_url(params))
    assert service.status == "pass" and elapsed < BOUND


# --- answers that are not what we hoped ------------------------------------------------------


def test_a_500_warns_for_the_internet_and_fails_the_service(server: str) -> None:
    result, elapsed = timed(lambda: internet(f"{server}/500"))
    assert result.status == "warn" and elapsed < BOUND
    assert "answered 500" in result.text("en")
    params = {"url": f"{server}/500", "timeout": 1.0, "warn_ms": 2000.0, "warn_days": 14.0}
    service, _ = timed(lambda: check_service_url(params))
    assert service.status == "fail" and "500" in service.text("en")


def test_a_redirect_is_reported_not_followed(server: str) -> None:
    result, elapsed = timed(lambda: internet(f"{server}/redirect"))
    assert result.status == "warn" and elapsed < BOUND
    assert "redirects to login.portal.test" in result.text("en")
    text = json.dumps(result.to_json())
    assert "secret" not in text and "pw" not in text


def test_the_clock_against_a_server_seven_minutes_behind(server: str) -> None:
    params = {"url": f"{server}/late", "timeout": 1.0, "warn_seconds": 60, "fail_seconds": 300}
    result, elapsed = timed(lambda: check_time_skew(params))
    assert result.status == "fail" and elapsed < BOUND
    assert said(result) == {
        "en": "the clock is 7 minutes ahead",
        "fi": "kello on 7 minuuttia edellä",
    }


def test_the_clock_against_a_server_without_a_date(server: str) -> None:
    params = {"url": f"{server}/nodate", "timeout": 1.0, "warn_seconds": 60, "fail_seconds": 300}
    result, elapsed = timed(lambda: check_time_skew(params))
    assert result.status == "error" and elapsed < BOUND
    assert str(result.reason) == "127.0.0.1 sent no Date header"


# --- certificates ----------------------------------------------------------------------------


@contextlib.contextmanager
def tls_server(tmp_path: Path, cert: Any, key: Any) -> Iterator[str]:
    cert.write_to_path(str(tmp_path / "server.pem"))
    key.write_to_path(str(tmp_path / "server.key"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(tmp_path / "server.pem"), str(tmp_path / "server.key"))
    with serve(lambda sock: context.wrap_socket(sock, server_side=True)) as url:
        yield url


@pytest.fixture
def ca() -> Any:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


def service(url: str) -> CheckResult:
    params = {"url": url, "timeout": 1.0, "warn_ms": 2000.0, "warn_days": 14.0}
    result, elapsed = timed(lambda: check_service_url(params))
    assert elapsed < BOUND
    return result


def test_a_self_signed_certificate_is_refused(tmp_path: Path, ca: Any) -> None:
    with tls_server(tmp_path, ca.cert_pem, ca.private_key_pem) as url:
        result = service(f"{url}/200")
        assert result.status == "fail"
        assert said(result) == {
            "en": "the certificate of 127.0.0.1 is not valid (self-signed certificate)",
            "fi": "palvelimen 127.0.0.1 varmenne ei kelpaa (itse allekirjoitettu)",
        }
        reached = internet(f"{url}/ok")
        assert reached.status == "fail"
        assert "TLS failed with 127.0.0.1: certificate verify failed" in reached.text("en")


def test_a_certificate_from_an_unknown_authority_is_refused(tmp_path: Path, ca: Any) -> None:
    leaf = ca.issue_cert("127.0.0.1")
    with tls_server(tmp_path, leaf.cert_chain_pems[0], leaf.private_key_pem) as url:
        result = service(f"{url}/200")
        assert result.status == "fail" and "not valid" in result.text("en")
        assert "myöntäjään ei luoteta" in result.text("fi")


def trusted(ca: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))


def test_a_trusted_certificate_passes_with_its_facts(
    tmp_path: Path, ca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted(ca, tmp_path, monkeypatch)
    leaf = ca.issue_cert("127.0.0.1")
    with tls_server(tmp_path, leaf.cert_chain_pems[0], leaf.private_key_pem) as url:
        result = service(f"{url}/200")
        assert result.status == "pass", result
        cert = result.data["cert"]
        assert cert["days_left"] > 14 and cert["issuer"]
        assert "certificate valid for another" in result.text("en")
        assert internet(f"{url}/ok").status == "pass"


def test_a_certificate_about_to_expire_warns(
    tmp_path: Path, ca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted(ca, tmp_path, monkeypatch)
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=5, hours=1)
    leaf = ca.issue_cert("127.0.0.1", not_after=soon)
    with tls_server(tmp_path, leaf.cert_chain_pems[0], leaf.private_key_pem) as url:
        result = service(f"{url}/200")
        assert result.status == "warn"
        assert result.text("en") == "the certificate of 127.0.0.1 expires in 5 days"


def test_an_expired_certificate_fails(
    tmp_path: Path, ca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted(ca, tmp_path, monkeypatch)
    past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=2)
    leaf = ca.issue_cert("127.0.0.1", not_before=past - datetime.timedelta(days=30), not_after=past)
    with tls_server(tmp_path, leaf.cert_chain_pems[0], leaf.private_key_pem) as url:
        result = service(f"{url}/200")
        assert result.status == "fail"
        assert "certificate has expired" in result.text("en")
        assert "vanhentunut" in result.text("fi")


# --- the network really down -----------------------------------------------------------------

NETNS_CHILD = """
import json
from fixit.diagnostics.internet import check_internet
from fixit.diagnostics.clock import check_time_skew
r = check_internet({"urls": ["http://127.0.0.1:9/"], "connect_timeout": 1.0, "read_timeout": 1.0})
s = check_time_skew({"url": "http://127.0.0.1:9/", "timeout": 1.0, "warn_seconds": 60,
                     "fail_seconds": 300})
print(json.dumps([r.to_json(), s.to_json()]))
"""


def test_network_down_in_an_empty_namespace() -> None:
    """A new network namespace has only a loopback that is down: nothing can leave it."""
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or unshare is None:
        pytest.skip("needs Linux and unshare")
    started = time.monotonic()
    done = subprocess.run(
        [unshare, "--net", sys.executable, "-c", NETNS_CHILD],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if done.returncode != 0 and "unshare" in done.stderr:
        pytest.skip(f"network namespaces not permitted here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    internet_result, skew = json.loads(done.stdout)
    assert internet_result["status"] == "fail"
    assert "no route to 127.0.0.1: the network may be down" in internet_result["summary"]["en"]
    assert skew["status"] == "error" and "no route" in skew["reason"]["en"]
    assert time.monotonic() - started < 20
