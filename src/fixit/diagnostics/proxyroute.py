"""Which proxy an HTTP probe must go through, as a browser would, and the tunnel through it."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fixit.diagnostics.probeerror import ProbeError, clip

if TYPE_CHECKING:
    import socket
    import urllib.parse

HEAD_CAP = 16 * 1024


@dataclass(frozen=True)
class Route:
    """An HTTP proxy to go through; `auth` is a ready Proxy-Authorization value or ""."""

    host: str
    port: int
    auth: str = ""

    @property
    def label(self) -> str:
        """host:port, safe to show: never the proxy's user name or password."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return clip(f"{host}:{self.port}", 80)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _system_proxies() -> Mapping[str, str]:
    import urllib.request

    return urllib.request.getproxies()


def _system_bypass(host: str) -> bool:
    import urllib.request

    return bool(urllib.request.proxy_bypass(host))


def parse_proxy(value: str) -> Route | None:
    """The Route for a proxy setting such as `http://user:pw@proxy:3128` or `proxy:3128`.

    None for what an HTTP probe cannot speak (SOCKS, TLS to the proxy) or cannot read.
    """
    import base64
    import urllib.parse

    text = value.strip()
    parts = urllib.parse.urlsplit(text if "://" in text else f"http://{text}")
    try:
        port = parts.port or 80
    except ValueError:
        return None
    if parts.scheme.lower() != "http" or not parts.hostname:
        return None
    auth = ""
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        secret = urllib.parse.unquote(parts.password or "")
        auth = "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
    return Route(parts.hostname, port, auth)


def route_for(
    parts: urllib.parse.SplitResult,
    proxies: Callable[[], Mapping[str, str]] = _system_proxies,
    bypass: Callable[[str], bool] = _system_bypass,
) -> Route | None:
    """The proxy the system settings name for this URL, or None to go direct.

    Loopback addresses always go direct, as browsers do; a setting that cannot be read, or a
    proxy kind a probe cannot speak, also goes direct (network.proxy reports the settings).
    """
    host = parts.hostname or ""
    if not host or _loopback(host):
        return None
    try:
        value = proxies().get(parts.scheme.lower(), "")
        if not value or bypass(host):
            return None
    except Exception:  # unreadable system settings: test directly rather than not at all
        return None
    return parse_proxy(value)


def tunnel(sock: socket.socket, route: Route, target: str, end: float) -> None:
    """Ask the proxy for a CONNECT tunnel to `target` (host:port) before TLS, by `end`.

    Reads exactly the proxy's answer head, so the TLS handshake starts on a clean stream.
    """
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    if route.auth:
        lines.append(f"Proxy-Authorization: {route.auth}")
    sock.settimeout(max(0.01, end - time.monotonic()))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    head = b""
    try:
        while b"\r\n\r\n" not in head and len(head) <= HEAD_CAP:
            sock.settimeout(max(0.01, end - time.monotonic()))
            chunk = sock.recv(1)  # a byte at a time: no byte of the tunnel may be read here
            if not chunk:
                break
            head += chunk
    except OSError as exc:
        raise ProbeError("proxy-broken", route.label, f"{type(exc).__name__}: {exc}") from None
    fields = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
    if b"\r\n\r\n" not in head or len(fields) < 2 or not fields[1].isdigit():
        raise ProbeError("proxy-broken", route.label, f"answer head {head[:80]!r}")
    if fields[1] == "407":
        raise ProbeError("proxy-auth", route.label, " ".join(fields[1:]))
    if not 200 <= int(fields[1]) < 300:
        raise ProbeError("proxy", route.label, " ".join(fields[1:]))
