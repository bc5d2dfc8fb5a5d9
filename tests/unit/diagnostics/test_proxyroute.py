"""HTTP probes go through the proxy the system names, as a browser would: a real proxy on loopback.

The targets have `.test` names that cannot resolve here, so an answer proves it came through the
proxy; the proxy itself never resolves them.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import socket
import socketserver
import ssl
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.diagnostics.internet import check_internet
from fixit.diagnostics.netprobe import fetch
from fixit.diagnostics.probeerror import ProbeError
from fixit.diagnostics.proxyroute import Route, parse_proxy, route_for
from fixit.diagnostics.service import check_service_url
from tests.unit.diagnostics.said import said

SECRET = "pw-canary-7731"
FAST = 1.0


class Proxy(socketserver.ThreadingTCPServer):
    """A forward proxy that records each request head and answers as `mode` says."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, upstream: tuple[str, int] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.mode = mode
        self.upstream = upstream
        self.heads: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class ProxyHandler(socketserver.BaseRequestHandler):
    server: Proxy

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(5)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                return
            head += chunk
        self.server.heads.append(head.decode("latin-1"))
        mode = self.server.mode
        if mode == "silent":
            time.sleep(3)
        elif mode == "close":
            return
        elif mode == "407":
            sock.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        elif mode == "502":
            sock.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
        elif head.startswith(b"CONNECT"):
            self.tunnel(sock)
        else:  # plain HTTP: the proxy answers for the origin, as a real one relays
            sock.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")

    def tunnel(self, sock: socket.socket) -> None:
        assert self.server.upstream is not None
        with socket.create_connection(self.server.upstream, timeout=5) as up:
            sock.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")

            def pump(src: socket.socket, dst: socket.socket) -> None:
                with contextlib.suppress(OSError):
                    while data := src.recv(65536):
                        dst.sendall(data)
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)

            back = threading.Thread(target=pump, args=(up, sock), daemon=True)
            back.start()
            pump(sock, up)
            back.join(5)


@contextlib.contextmanager
def proxy(mode: str, upstream: tuple[str, int] | None = None) -> Iterator[Proxy]:
    srv = Proxy(mode, upstream)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def use_proxy(monkeypatch: pytest.MonkeyPatch, url: str, secret: bool = True) -> None:
    netloc = url.split("://", 1)[1]
    value = f"http://fixit:{SECRET}@{netloc}" if secret else url
    monkeypatch.setenv("http_proxy", value)
    monkeypatch.setenv("https_proxy", value)


# --- which proxy, from the settings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "route"),
    [
        ("proxy.corp:3128", Route("proxy.corp", 3128)),
        ("http://proxy.corp", Route("proxy.corp", 80)),
        ("http://[fd00::1]:8080/", Route("fd00::1", 8080)),
        ("socks5://proxy.corp:1080", None),
        ("https://proxy.corp:443", None),
        ("http://proxy.corp:port", None),
        ("http://", None),
    ],
)
def test_parse_proxy(value: str, route: Route | None) -> None:
    assert parse_proxy(value) == route


def test_parse_proxy_makes_basic_auth_from_the_user_info() -> None:
    route = parse_proxy("http://me%40corp:p%3Ass@proxy.corp:3128")
    assert route is not None and route.label == "proxy.corp:3128"
    assert base64.b64decode(route.auth.removeprefix("Basic ")) == b"me@corp:p:ss"
    assert "p:ss" not in repr(route.label)


def parts(url: str) -> urllib.parse.SplitResult:
    return urllib.parse.urlsplit(url)


def test_route_for_picks_the_proxy_of_the_scheme() -> None:
    table = {"http": "http://plain.corp:80", "https": "http://secure.corp:8443"}
    never = lambda host: False  # noqa: E731
    assert route_for(parts("http://a.test/"), lambda: table, never) == Route("plain.corp", 80)
    assert route_for(parts("https://a.test/"), lambda: table, never) == Route("secure.corp", 8443)
    assert route_for(parts("https://a.test/"), lambda: {"http": "x:1"}, never) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "app.localhost"])
def test_loopback_always_goes_direct(host: str) -> None:
    assert (
        route_for(parts(f"http://{host}:8080/"), lambda: {"http": "p:1"}, lambda h: False) is None
    )


def test_bypassed_hosts_and_unreadable_settings_go_direct() -> None:
    table = {"http": "p:1"}
    assert (
        route_for(parts("http://intra.corp/"), lambda: table, lambda h: h == "intra.corp") is None
    )

    def broken() -> dict[str, str]:
        raise OSError("registry unreadable")

    assert route_for(parts("http://a.test/"), broken, lambda h: False) is None


def test_route_for_reads_the_environment_and_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://proxy.corp:3128")
    monkeypatch.setenv("no_proxy", "intra.corp")
    assert route_for(parts("http://a.test/")) == Route("proxy.corp", 3128)
    assert route_for(parts("http://intra.corp/")) is None


# --- through a real proxy on loopback ------------------------------------------------------


def test_plain_http_goes_to_the_proxy_whole_with_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with proxy("relay") as srv:
        use_proxy(monkeypatch, srv.url)
        answer = fetch("http://portal.test/generate_204", FAST, FAST, 2.0)
    assert answer.status == 204 and answer.via == srv.url.removeprefix("http://")
    head = srv.heads[0]
    assert head.startswith("GET http://portal.test/generate_204 HTTP/1.1\r\n")
    token = base64.b64encode(f"fixit:{SECRET}".encode()).decode()
    assert f"Proxy-Authorization: Basic {token}" in head


def test_internet_passes_through_the_proxy_and_never_shows_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    params = {"urls": ("http://portal.test/generate_204",), **{"connect_timeout": FAST}}
    with proxy("relay") as srv:
        use_proxy(monkeypatch, srv.url)
        result = check_internet({**params, "read_timeout": FAST})
    via = srv.url.removeprefix("http://")
    assert result.status == "pass", result
    assert result.text("en").startswith(f"the internet answers through the proxy {via} (")
    assert f"välityspalvelimen {via} kautta" in result.text("fi")
    assert result.data["probes"][0]["via"] == via
    assert SECRET not in json.dumps(result.to_json()) and "fixit:" not in json.dumps(
        result.to_json()
    )


def expect_error(url: str, kind: str) -> ProbeError:
    started = time.monotonic()
    with pytest.raises(ProbeError) as caught:
        fetch(url, FAST, FAST, 2.0)
    assert time.monotonic() - started < 3.0
    assert caught.value.kind == kind, caught.value
    assert SECRET not in str(caught.value) and SECRET not in json.dumps(said(caught.value.words))
    return caught.value


def test_a_proxy_that_cannot_be_reached_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    use_proxy(monkeypatch, f"http://127.0.0.1:{port}")
    error = expect_error("http://portal.test/", "proxy-down")
    assert said(error.words) == {
        "en": f"the proxy 127.0.0.1:{port} cannot be reached",
        "fi": f"välityspalvelimeen 127.0.0.1:{port} ei saada yhteyttä",
    }


@pytest.mark.parametrize(
    ("mode", "kind", "en"),
    [
        ("407", "proxy-auth", "asks for a user name and password"),
        ("502", "proxy", "did not let the connection through (502 Bad Gateway)"),
        ("close", "proxy-broken", "gave no usable answer"),
        ("silent", "proxy-broken", "gave no usable answer"),
    ],
)
def test_a_tunnel_the_proxy_refuses_is_told_in_words(
    monkeypatch: pytest.MonkeyPatch, mode: str, kind: str, en: str
) -> None:
    with proxy(mode) as srv:
        use_proxy(monkeypatch, srv.url)
        error = expect_error("https://portal.test/", kind)
    assert str(error.words) == f"the proxy {srv.url.removeprefix('http://')} {en}"
    assert srv.heads[0].startswith("CONNECT portal.test:443 HTTP/1.1\r\nHost: portal.test:443\r\n")


class Origin(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def tls_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    """An HTTPS server with a certificate for portal.test from a CA this test trusts."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    leaf = ca.issue_cert("portal.test")
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    leaf.configure_cert(context)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    srv.daemon_threads = True
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield ("127.0.0.1", srv.server_address[1])
    srv.shutdown()
    srv.server_close()


def test_https_goes_through_a_connect_tunnel_with_the_origins_certificate(
    monkeypatch: pytest.MonkeyPatch, tls_origin: tuple[str, int]
) -> None:
    with proxy("tunnel", tls_origin) as srv:
        use_proxy(monkeypatch, srv.url)
        answer = fetch("https://portal.test/ok", FAST, FAST, 3.0)
        service = check_service_url(
            {"url": "https://portal.test/", "timeout": 2.0, "warn_ms": 2000.0, "warn_days": 14.0}
        )
    assert answer.status == 200 and answer.body == b"ok" and answer.cert
    token = base64.b64encode(f"fixit:{SECRET}".encode()).decode()
    assert f"Proxy-Authorization: Basic {token}\r\n" in srv.heads[0]
    assert service.status == "pass", service
    assert service.data["via"] == srv.url.removeprefix("http://")
    assert service.data["cert"]["days_left"] > 14


def test_a_tunnel_to_a_server_with_the_wrong_name_fails_on_the_certificate(
    monkeypatch: pytest.MonkeyPatch, tls_origin: tuple[str, int]
) -> None:
    with proxy("tunnel", tls_origin) as srv:
        use_proxy(monkeypatch, srv.url, secret=False)
        error = expect_error("https://other.test/", "cert")
    assert "other.test" in str(error.words)
