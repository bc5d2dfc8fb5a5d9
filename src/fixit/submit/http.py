"""HTTP for submit targets: explicit timeouts, verified TLS, no redirects, no ~/.netrc, and
errors that say in one sentence what went wrong and whether a retry can help."""

from __future__ import annotations

import os
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

from fixit import __version__
from fixit.submit.base import SubmitError
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

CONNECT_TIMEOUT = 10.0


def ca_bundle() -> str | bool:
    """The trust store: SSL_CERT_FILE (as for the standard library), else requests' own."""
    for var in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):
        path = os.environ.get(var)
        if path and os.path.isfile(path):
            return path
    return True


def session(url: str) -> requests.Session:
    """A session for one target. trust_env is off so requests never reads ~/.netrc; proxies
    from the environment are applied explicitly unless the host is in no_proxy."""
    import requests

    from fixit.diagnostics.netprobe import bound_resolver

    bound_resolver()  # glibc's 10 s per DNS query would outlast every timeout here
    s = requests.Session()
    s.trust_env = False
    s.verify = ca_bundle()
    s.headers["User-Agent"] = f"fixit/{__version__}"
    host = urllib.parse.urlsplit(url).hostname or ""
    if not urllib.request.proxy_bypass(host):
        proxies = urllib.request.getproxies()
        s.proxies = {k: v for k, v in proxies.items() if k in ("http", "https")}
    return s


def host_of(url: str) -> str:
    """The host part of a URL, for messages."""
    return urllib.parse.urlsplit(url).hostname or url


def request(
    s: requests.Session, method: str, url: str, timeout: float, **kwargs: Any
) -> requests.Response:
    """One request with connect and read timeouts and no redirects; transport failures become
    SubmitError (network trouble: retry later; a certificate problem: fix first)."""
    import requests

    host = host_of(url)
    try:
        response = s.request(
            method,
            url,
            timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
            allow_redirects=False,
            **kwargs,
        )
    except requests.exceptions.SSLError as exc:
        raise SubmitError(
            f"the certificate of {host} could not be verified ({_short(exc)}).",
            "Check the target's address; a private certificate authority goes in SSL_CERT_FILE.",
            retry=False,
        ) from None
    except requests.exceptions.Timeout:
        raise SubmitError(
            f"{host} did not answer within {timeout:g} s.",
            "The report stays in the outbox; `fixit outbox send` tries again.",
        ) from None
    except requests.exceptions.ConnectionError as exc:
        if _broke_after_sending(exc):
            raise SubmitError(
                f"the connection to {host} broke before it answered ({_short(exc)}).",
                "The ticket may already exist: a retry looks for it before creating another; "
                "the report stays in the outbox for `fixit outbox send`.",
            ) from None
        raise SubmitError(
            f"could not reach {host} ({_short(exc)}).",
            "Check the network connection; the report stays in the outbox for `fixit outbox send`.",
        ) from None
    except requests.exceptions.RequestException as exc:
        raise SubmitError(
            f"could not reach {host} ({_short(exc)}).",
            "Check the network connection; the report stays in the outbox for `fixit outbox send`.",
        ) from None
    if 300 <= response.status_code < 400:
        where = response.headers.get("Location", "?")
        raise SubmitError(
            f"{host} redirects to {clip(visible(where, True), 120)}; fixit does not follow "
            "redirects with a report.",
            "Put the final address in the target's url setting.",
            retry=False,
        )
    return response


def check(response: requests.Response, what: str, url: str, secret_name: str = "") -> None:
    """Raise SubmitError for a failed status: 401/403/404/4xx need a fix, 429/5xx a retry."""
    code = response.status_code
    if code < 400:
        return
    host = host_of(url)
    text = clip(visible(response.text or "", True).strip(), 200)
    body = f"{code}: {text}" if text else str(code)
    if code in (401, 403):
        hint = f"Check the credentials in {secret_name}." if secret_name else "Check the target."
        raise SubmitError(f"{host} refused {what} ({body}).", hint, retry=False)
    if code == 404:
        raise SubmitError(
            f"{host} has no such place for {what} (404).",
            "Check the target's url, project or repository settings.",
            retry=False,
        )
    if code == 429 or code >= 500:
        raise SubmitError(
            f"{host} could not take {what} now ({code}).",
            "The report stays in the outbox; `fixit outbox send` tries again later.",
        )
    raise SubmitError(
        f"{host} rejected {what} ({body}).",
        "Check the target's settings; the report stays in the outbox.",
        retry=False,
    )


def _short(exc: BaseException) -> str:
    return clip(visible(str(exc), True), 160)


def _broke_after_sending(exc: BaseException) -> bool:
    """A reset or a dropped connection while waiting for the answer (the request went out)."""
    text = repr(exc)
    return any(
        mark in text
        for mark in ("RemoteDisconnected", "ConnectionResetError", "Connection aborted", "reset by")
    )
