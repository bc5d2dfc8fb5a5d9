"""Bounded network primitives for checks: every lookup, connect and read has a deadline."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from fixit.diagnostics.probeerror import ProbeError, classify, clip
from fixit.diagnostics.proxyroute import Route, route_for, tunnel
from fixit.urls import redact_url

if TYPE_CHECKING:
    import http.client
    import socket
    import urllib.parse

BODY_CAP = 64 * 1024


def bound_resolver() -> None:
    """glibc waits 10 s per DNS query by default; this must be set before the first lookup."""
    os.environ.setdefault("RES_OPTIONS", "timeout:1 attempts:1")


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status, a few headers, the capped body, timings and the TLS certificate.

    `sent_at`/`answered_at`: wall-clock times the request went and the headers came;
    `complete` is False when the byte cap or the read deadline cut the body; `cert` is
    `ssl.getpeercert()` of a verified peer; `via` is the proxy's host:port when the request
    went through the one the system settings name for it (as a browser's would).
    """

    url: str
    status: int
    reason: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    complete: bool = True
    connect_ms: float = 0.0
    total_ms: float = 0.0
    sent_at: float = 0.0
    answered_at: float = 0.0
    cert: dict[str, Any] | None = None
    via: str = ""


KEPT_HEADERS = ("date", "location", "server", "content-type", "content-length")


def lookup(host: str, port: int, timeout: float) -> list[tuple[Any, ...]]:
    """getaddrinfo in a daemon thread, abandoned (never joined) when it outlasts `timeout`."""
    import socket

    box: list[Any] = []
    done = threading.Event()

    def work() -> None:
        try:
            box.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except Exception as exc:  # handed to the waiting thread
            box.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name=f"fixit-resolve-{host[:40]}", daemon=True).start()
    if not done.wait(max(0.0, timeout)):
        raise ProbeError("dns-timeout", host, f"no answer within {timeout:g} s")
    if isinstance(box[0], BaseException):
        raise classify(box[0], host)
    infos: list[tuple[Any, ...]] = box[0]
    return infos


def resolve(name: str, timeout: float) -> list[str]:
    """The addresses `name` resolves to, within `timeout` seconds (ProbeError otherwise)."""
    addresses = [str(info[4][0]) for info in lookup(name, 0, timeout)]
    return list(dict.fromkeys(addresses))


def connect(host: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to `host`: the lookup and the connects to its addresses share `timeout`."""
    import socket

    end = time.monotonic() + timeout
    last: ProbeError | None = None
    for family, kind, proto, _name, address in lookup(host, port, timeout)[:4]:
        left = end - time.monotonic()
        if left <= 0:
            break
        sock = socket.socket(family, kind, proto)
        sock.settimeout(left)
        try:
            sock.connect(address)
        except OSError as exc:
            sock.close()
            last = classify(exc, host)
            continue
        return sock
    raise last or ProbeError("timeout", host, f"no connection within {timeout:g} s")


class Watchdog:
    """Shuts a socket down at a deadline: a reader blocked on it wakes whatever it waits for."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._lock = threading.Lock()
        self._stopped = False
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.name = "fixit-watchdog"
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        import socket

        with self._lock:
            if self._stopped:
                return
            self.fired = True
            # the plain socket's shutdown: an SSLSocket's own drops its state under the reader
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def stop(self) -> None:
        """Disarm; after this the socket may be closed safely."""
        with self._lock:
            self._stopped = True
        self._timer.cancel()


def peer_cert(sock: Any) -> dict[str, Any] | None:
    """The verified peer certificate as `ssl.getpeercert()` gives it (None without TLS)."""
    import ssl

    return dict(sock.getpeercert() or {}) if isinstance(sock, ssl.SSLSocket) else None


def read_body(
    response: http.client.HTTPResponse, sock: socket.socket, end: float, cap: int
) -> tuple[bytes, bool]:
    """At most `cap` bytes of the body, stopping at monotonic time `end`; (body, complete)."""
    import http.client

    chunks: list[bytes] = []
    size = 0
    while size < cap:
        left = end - time.monotonic()
        if left <= 0:
            break
        if response.isclosed():  # 3.13 closes it (and its socket) once the body is read in full
            return b"".join(chunks), True
        try:
            sock.settimeout(left)
            chunk = response.read1(min(16384, cap - size))
        except (OSError, http.client.HTTPException):
            break  # a body cut short: the status line is what the checks judge
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def _open(
    parts: urllib.parse.SplitResult, end: float, connect_timeout: float, route: Route | None
) -> socket.socket:
    """A connection ready for the request: direct or through `route`, TLS-wrapped for https."""
    import ssl

    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    if route is None:
        sock = connect(host, port, connect_timeout)
    else:
        try:
            sock = connect(route.host, route.port, connect_timeout)
        except ProbeError as exc:
            raise ProbeError("proxy-down", route.label, exc.kind) from None
    if not secure:
        return sock
    try:
        if route is not None:
            tunnel(sock, route, f"[{host}]:{port}" if ":" in host else f"{host}:{port}", end)
        sock.settimeout(max(0.05, end - time.monotonic()))
        return ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    except BaseException:
        sock.close()
        raise


def _host_header(parts: urllib.parse.SplitResult) -> str:
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{parts.port}" if parts.port else host


def _exchange(
    sock: socket.socket,
    parts: urllib.parse.SplitResult,
    read_end: float,
    watchdog: Watchdog,
    route: Route | None,
) -> Answer:
    import http.client

    conn = http.client.HTTPConnection("fixit.invalid", 80)  # never connects: it gets our socket
    conn.sock = sock
    sock.settimeout(max(0.01, read_end - time.monotonic()))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": _host_header(parts), "User-Agent": "fixit", "Connection": "close"}
    if route is not None and parts.scheme != "https":  # plain HTTP goes to the proxy whole
        path = f"http://{headers['Host']}{path}"
        if route.auth:
            headers["Proxy-Authorization"] = route.auth
    cert = peer_cert(sock)  # now: once the response is closed, an SSLSocket forgets its peer
    sent_at = time.time()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    answered_at = time.time()
    if watchdog.fired:  # the shutdown ended the headers early: they never really came
        raise TimeoutError("headers unfinished at the deadline")
    try:
        body, complete = read_body(response, sock, read_end, BODY_CAP)
    finally:
        response.close()
    complete = complete and not watchdog.fired  # a shutdown also looks like the end of a body
    kept = {k: clip(response.getheader(k) or "") for k in KEPT_HEADERS if response.getheader(k)}
    return Answer(
        "",
        response.status,
        clip(response.reason, 80),
        kept,
        body,
        complete,
        sent_at=sent_at,
        answered_at=answered_at,
        cert=cert,
    )


def fetch(url: str, connect_timeout: float, read_timeout: float, total: float) -> Answer:
    """GET `url` once, no redirects followed: connect, TLS and reading all end within `total`."""
    import urllib.parse

    started = time.monotonic()
    end = started + total
    host = redact_url(url)
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or host
        route = route_for(parts)
        sock = _open(parts, end, min(connect_timeout, total), route)
    except Exception as exc:
        raise classify(exc, host) from None
    connected = time.monotonic()
    read_end = min(end, connected + read_timeout)
    watchdog = Watchdog(sock, read_end - connected)
    try:
        answer = _exchange(sock, parts, read_end, watchdog, route)
    except Exception as exc:
        error = classify(exc, host)
        if watchdog.fired or error.kind == "timeout":
            error = ProbeError("silent", host, f"no answer within {total:g} s")
        raise error from None
    finally:
        watchdog.stop()
        sock.close()
    done = time.monotonic()
    return replace(
        answer,
        url=redact_url(url),
        via=route.label if route else "",
        connect_ms=round((connected - started) * 1000, 1),
        total_ms=round((done - started) * 1000, 1),
    )


@dataclass(frozen=True)
class FetchProbe:
    """How the HTTP checks reach the world (a GET, the wall clock); tests pass fakes."""

    fetch: Callable[[str, float, float, float], Answer] = fetch
    clock: Callable[[], float] = time.time
