"""The bounded network primitives: lookups abandoned at a deadline, capped reads, errors in words."""

from __future__ import annotations

import contextlib
import errno
import http.client
import http.server
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from fixit.diagnostics import netprobe
from fixit.diagnostics.netprobe import (
    BODY_CAP,
    Watchdog,
    bound_resolver,
    connect,
    fetch,
    lookup,
    peer_cert,
    redact_url,
    resolve,
)
from fixit.diagnostics.probeerror import WORDS, ProbeError, classify, clip
from tests.unit.diagnostics.said import said


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect"):
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.test/next")
            self.end_headers()
            return
        self.send_response(200 if self.path != "/ok" else 204)
        self.send_header("X-Secret", "not kept")
        if self.path == "/sized":
            self.send_header("Content-Length", "5")
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            if self.path == "/big":
                for _ in range(200):
                    self.wfile.write(b"y" * 65536)
            elif self.path == "/slow":
                for _ in range(200):
                    self.wfile.write(b"s")
                    time.sleep(0.05)
            elif self.path.startswith(("/small", "/sized")):
                self.wfile.write(b"hello")
        except OSError:
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


# --- text ------------------------------------------------------------------------------------


def test_clip_makes_one_short_line() -> None:
    assert clip("a\r\nb\tc") == "a b c"
    long = clip("x" * 500)
    assert len(long) == 200 and long.endswith("…")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pw@host.test:8443/a/b?token=s#frag", "https://host.test:8443/a/b?…"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("http://host.test", "http://host.test"),
        ("/login?next=x", "/login?…"),
        ("http://[::1", "(an unreadable URL)"),
        ("http://u:p@host.test:99999/?k=v", "http://host.test:99999/?…"),
    ],
)
def test_redact_url_drops_credentials_and_queries(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize("kind", sorted(WORDS))
def test_every_error_kind_reads_in_both_languages(kind: str) -> None:
    words = said(ProbeError(kind, "host.test", "detail").words)
    assert "host.test" in words["en"] and "host.test" in words["fi"]
    assert words["en"] != words["fi"]


def test_unknown_kind_is_other_and_host_is_clipped() -> None:
    error = ProbeError("weird", "h" * 300)
    assert error.kind == "other" and len(error.host) == 80


#: the words that tell OpenSSL's verify messages apart, and what Finnish says for each
CERT_FI = (
    ("expired", "vanhentunut"),
    ("not yet valid", "ei vielä voimassa – onko kello oikeassa?"),
    ("self-signed", "itse allekirjoitettu"),
    ("self signed", "itse allekirjoitettu"),
    ("issuer", "myöntäjään ei luoteta"),
    ("mismatch", "myönnetty toiselle nimelle"),
)


@pytest.mark.parametrize(("message", "fi"), CERT_FI)
def test_certificate_problems_are_told_in_finnish(message: str, fi: str) -> None:
    words = said(ProbeError("cert", "host.test", f"certificate {message} here").words)
    assert words["fi"] == f"palvelimen host.test varmenne ei kelpaa ({fi})"
    assert "certificate verify failed" in words["en"]


def test_bound_resolver_sets_short_resolver_timeouts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RES_OPTIONS", raising=False)
    bound_resolver()
    assert netprobe.os.environ["RES_OPTIONS"] == "timeout:1 attempts:1"
    monkeypatch.setenv("RES_OPTIONS", "timeout:3")
    bound_resolver()
    assert netprobe.os.environ["RES_OPTIONS"] == "timeout:3"


# --- classify --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (ssl.SSLCertVerificationError(1, "certificate verify failed"), "cert"),
        (ssl.SSLError(1, "wrong version number"), "tls"),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), "dns-timeout"),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "dns"),
        (TimeoutError("timed out"), "timeout"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), "refused"),
        (ConnectionResetError(errno.ECONNRESET, "reset"), "reset"),
        (http.client.RemoteDisconnected("closed"), "reset"),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), "unreachable"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "unreachable"),
        (http.client.BadStatusLine("garbage"), "protocol"),
        (ValueError("odd"), "other"),
        (ProbeError("silent", "h"), "silent"),
    ],
)
def test_classify(exc: BaseException, kind: str) -> None:
    assert classify(exc, "h").kind == kind


# --- lookup, resolve, connect ----------------------------------------------------------------


def test_a_stuck_lookup_is_abandoned_in_a_daemon_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: release.wait(30))
    started = time.monotonic()
    try:
        with pytest.raises(ProbeError) as caught:
            lookup("stuck.test", 80, 0.2)
        assert time.monotonic() - started < 2.0
        assert caught.value.kind == "dns-timeout"
        stuck = [t for t in threading.enumerate() if t.name == "fixit-resolve-stuck.test"]
        assert stuck and all(t.daemon for t in stuck)
    finally:
        release.set()


def test_a_failed_lookup_says_the_name_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def nope(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", nope)
    with pytest.raises(ProbeError) as caught:
        resolve("nope.test", 1.0)
    assert str(caught.value.words) == "the name nope.test does not resolve"


def test_resolve_lists_each_address_once() -> None:
    addresses = resolve("localhost", 2.0)
    assert "127.0.0.1" in addresses and len(addresses) == len(set(addresses))


def test_connect_is_refused_by_a_closed_port() -> None:
    with pytest.raises(ProbeError) as caught:
        connect("127.0.0.1", closed_port(), 1.0)
    assert caught.value.kind == "refused"


def test_connect_tries_the_next_address(monkeypatch: pytest.MonkeyPatch) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    good = listener.getsockname()[1]
    infos = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", closed_port())),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", good)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: infos)
    with contextlib.closing(listener), contextlib.closing(connect("two.test", 80, 1.0)) as sock:
        assert sock.getpeername()[1] == good


# --- watchdog and fetch ----------------------------------------------------------------------


def test_watchdog_wakes_a_blocked_reader_and_stops_cleanly() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.settimeout(10)
        dog = Watchdog(left, 0.1)
        started = time.monotonic()
        assert left.recv(1) == b""
        assert dog.fired and time.monotonic() - started < 2.0
        quiet = Watchdog(right, 0.05)
        quiet.stop()
        time.sleep(0.1)
        assert not quiet.fired


def test_fetch_answers_with_status_headers_and_timings(server: str) -> None:
    answer = fetch(f"{server}/small?key=secret", 1.0, 1.0, 2.0)
    assert answer.status == 200 and answer.body == b"hello" and answer.complete
    assert "date" in answer.headers and "x-secret" not in answer.headers
    assert answer.url.endswith("/small?…") and answer.cert is None
    assert 0 <= answer.connect_ms <= answer.total_ms
    assert answer.sent_at <= answer.answered_at


def test_fetch_reads_a_sized_body_whole_on_every_python(server: str) -> None:
    # Python 3.13 closes the response and its socket once a Content-Length body is read: the
    # next read must not touch the socket (it raised EBADF and every HTTP check failed)
    answer = fetch(f"{server}/sized", 1.0, 1.0, 2.0)
    assert (answer.status, answer.body, answer.complete) == (200, b"hello", True)


def test_fetch_does_not_follow_redirects(server: str) -> None:
    answer = fetch(f"{server}/redirect", 1.0, 1.0, 2.0)
    assert answer.status == 301 and answer.headers["location"] == "https://elsewhere.test/next"


def test_fetch_reads_at_most_the_cap(server: str) -> None:
    answer = fetch(f"{server}/big", 1.0, 2.0, 3.0)
    assert answer.status == 200 and len(answer.body) == BODY_CAP and not answer.complete


def test_fetch_stops_a_trickling_body_at_the_read_deadline(server: str) -> None:
    started = time.monotonic()
    answer = fetch(f"{server}/slow", 1.0, 0.4, 2.0)
    assert answer.status == 200 and not answer.complete and 0 < len(answer.body) < 200
    assert time.monotonic() - started < 2.0


def test_fetch_turns_failures_into_probe_errors() -> None:
    with pytest.raises(ProbeError) as caught:
        fetch(f"http://127.0.0.1:{closed_port()}/", 1.0, 1.0, 2.0)
    assert str(caught.value.words) == "127.0.0.1 refused the connection"


def test_peer_cert_is_none_without_tls() -> None:
    left, right = socket.socketpair()
    with left, right:
        assert peer_cert(left) is None


def test_fetch_over_ipv6_loopback() -> None:
    class Server6(http.server.ThreadingHTTPServer):
        address_family = socket.AF_INET6

    try:
        srv = Server6(("::1", 0), Handler)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        answer = fetch(f"http://[::1]:{srv.server_address[1]}/ok", 1.0, 1.0, 2.0)
    finally:
        srv.shutdown()
        srv.server_close()
    assert answer.status == 204 and answer.url.startswith("http://[::1]:")


def test_fetch_of_an_unreadable_url_is_a_probe_error() -> None:
    with pytest.raises(ProbeError) as caught:
        fetch("http://[::1/", 1.0, 1.0, 2.0)
    assert caught.value.kind == "other"
