"""One feed's HTTP GET: only the configured URL (and a redirect to the same host), connect and
read timeouts and a deadline, a size cap, no compression, no ~/.netrc, revalidation with
ETag / Last-Modified. Failures are FetchError with a message that quotes no path or query."""

from __future__ import annotations

import os
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fixit import __version__
from fixit.i18n import Msg, _
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 3
CHUNK = 16 * 1024


@dataclass(frozen=True)
class Fetched:
    """A server's answer: 200 with its body, or 304 (the copy fixit has is current)."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None


class FetchError(Exception):
    """A feed that could not be read; `reason` says why in a few words."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


def host_of(url: str) -> str:
    """The host (and port) of a URL, for messages: never its path or query."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return "?"
    host = parts.hostname or "?"
    return visible(f"{host}:{port}" if port else host, True)


def same_site(base: str, target: str) -> bool:
    """Whether a redirect stays on the configured host and port (http may become https)."""
    try:
        a, b = urllib.parse.urlsplit(base), urllib.parse.urlsplit(target)
        ports = (a.port or _default_port(a.scheme), b.port or _default_port(b.scheme))
    except ValueError:
        return False
    if a.hostname != b.hostname or b.username or b.password:
        return False
    if a.scheme == b.scheme:
        return ports[0] == ports[1]
    return (a.scheme, b.scheme) == ("http", "https") and b.port in (None, 443)


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _session(url: str) -> requests.Session:
    """A session that reads no ~/.netrc and uses the proxies the system names, unless the host
    is in no_proxy; certificates verified against SSL_CERT_FILE or requests' own store."""
    import requests

    from fixit.diagnostics.netprobe import bound_resolver

    bound_resolver()
    s = requests.Session()
    s.trust_env = False
    bundle = os.environ.get("SSL_CERT_FILE")
    s.verify = bundle if bundle and os.path.isfile(bundle) else True
    s.headers["User-Agent"] = f"fixit/{__version__}"
    s.headers["Accept-Encoding"] = "identity"  # a compressed answer could expand past any cap
    host = urllib.parse.urlsplit(url).hostname or ""
    if not urllib.request.proxy_bypass(host):
        proxies = urllib.request.getproxies()
        s.proxies = {k: v for k, v in proxies.items() if k in ("http", "https")}
    return s


def fetch(
    url: str,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET `url` within `timeout` seconds in all; 200 or 304, else FetchError."""
    deadline = time.monotonic() + timeout
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    with _session(url) as s:
        for _hop in range(MAX_REDIRECTS + 1):
            with _get(s, current, headers, deadline, timeout) as response:
                if response.is_redirect:
                    current = _redirect(url, current, response.headers.get("Location", ""))
                    continue
                return _answer(response, deadline, timeout, max_bytes)
    raise FetchError(_("too many redirects"))


def slow(timeout: float) -> FetchError:
    """The error of a server that did not answer in time."""
    from fixit.i18n.format import decimal

    seconds = round(timeout, 1)  # 0.5 s, 0,5 s in Finnish and Swedish; 3 s
    shown = decimal(seconds) if seconds != int(seconds) else str(int(seconds))
    return FetchError(_("no answer within {seconds} s", seconds=shown))


def _get(
    s: requests.Session, url: str, headers: dict[str, str], deadline: float, timeout: float
) -> requests.Response:
    """One GET, its headers read within what is left of the deadline, nothing followed."""
    import requests

    left = deadline - time.monotonic()
    if left <= 0:
        raise slow(timeout)
    try:
        return s.get(url, headers=headers, timeout=(left, left), allow_redirects=False, stream=True)
    except requests.exceptions.Timeout:
        raise slow(timeout) from None
    except requests.exceptions.SSLError:
        raise FetchError(_("its certificate could not be verified")) from None
    except (requests.exceptions.RequestException, OSError, ValueError):
        raise FetchError(_("could not connect to {host}", host=host_of(url))) from None


def _redirect(url: str, current: str, location: str) -> str:
    """Where a redirect leads, when it stays on the configured host; else FetchError."""
    target = urllib.parse.urljoin(current, location)
    if not same_site(url, target):
        where = clip(host_of(target), 80)
        raise FetchError(
            _("it redirects to {host}, which the configuration does not name", host=where)
        )
    return target


def _answer(response: requests.Response, deadline: float, timeout: float, cap: int) -> Fetched:
    """The status, validators and capped body of a final answer."""
    etag = response.headers.get("ETag")
    modified = response.headers.get("Last-Modified")
    if response.status_code == 304:
        return Fetched(304, b"", etag, modified)
    if response.status_code != 200:
        raise FetchError(_("the server answered HTTP {code}", code=response.status_code))
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise FetchError(_("the server sent a compressed answer fixit did not ask for"))
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > cap:
        raise FetchError(_("the answer is over the limit of {limit} bytes", limit=cap))
    body = _body(response, deadline, timeout, cap)
    return Fetched(200, body, _header(etag), _header(modified))


def _body(response: requests.Response, deadline: float, timeout: float, cap: int) -> bytes:
    """The body as sent (never decompressed), read in pieces as they come, so that neither the
    cap nor the deadline waits for a whole chunk from a server that drips."""
    raw = response.raw
    read = getattr(raw, "read1", None) or raw.read
    body = bytearray()
    while True:
        try:
            chunk = read(CHUNK, decode_content=False)
        except Exception as exc:  # urllib3's and the socket's own: a cut or a timeout
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise slow(timeout) from None
            raise FetchError(_("the answer was cut off")) from None
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > cap:
            raise FetchError(_("the answer is over the limit of {limit} bytes", limit=cap))
        if time.monotonic() > deadline:
            raise slow(timeout)


def _header(value: str | None) -> str | None:
    """A validator kept for the next request: printable ASCII, short, else none."""
    if value is None or len(value) > 512 or not value.isascii() or not value.isprintable():
        return None
    return value
