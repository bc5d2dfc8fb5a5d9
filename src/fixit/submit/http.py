"""HTTP for submit targets: explicit timeouts, verified TLS, no redirects, no ~/.netrc, and
errors that say in one sentence what went wrong and whether a retry can help."""

from __future__ import annotations

import os
import threading
import time
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

from fixit import __version__
from fixit.i18n import Msg, _
from fixit.submit import scrub, waits
from fixit.submit.base import UPLINK, Payload, SubmitError
from fixit.submit.http_failures import TooLarge, failure
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

CONNECT_TIMEOUT = 10.0
NO_SECOND = _(
    "The report stays in the outbox; `fixit outbox send` tries again (a retry never makes a "
    "second ticket)."
)


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


MAX_ANSWER = 4 * 1024 * 1024  # a help desk's answer to one call; more is not an answer


SEND_CALLS = 6  # one send's budget in calls' timeouts: search, uploads, create, attach, a look


def send_deadline(timeout: float, payload: Payload) -> float:
    """When one whole send must be over (a `time.monotonic()` value): a few calls' timeouts,
    and the time a slow uplink needs for the report and its files."""
    size = len(payload.json) + len(payload.markdown) + sum(a.size for a in payload.attachments)
    return time.monotonic() + SEND_CALLS * timeout + size / UPLINK


def request(
    s: requests.Session,
    method: str,
    url: str,
    timeout: float,
    *,
    until: float | None = None,
    **kwargs: Any,
) -> requests.Response:
    """One request with connect and read timeouts, an overall deadline (and the send's, `until`),
    a capped answer and no redirects; failures become SubmitError (network trouble: retry later;
    anything a setting must fix first: retry=False). Messages never quote the exception text:
    it can hold the URL's path and query, or a header value with a token."""
    deadline = _deadline(url, timeout, until, kwargs)
    response = _in_thread(s, method, url, timeout, deadline, **kwargs)
    if 300 <= response.status_code < 400:
        raise _redirect(url, response)
    return response


def _deadline(url: str, timeout: float, until: float | None, kwargs: dict[str, Any]) -> float:
    """Seconds one request may take: its timeouts and its upload's time, no more than what is
    left of the send (`until`); SubmitError when that is already spent."""
    deadline = min(CONNECT_TIMEOUT, timeout) + 2 * timeout + _body_size(kwargs) / UPLINK
    if until is not None:
        left = until - time.monotonic()
        if left <= 0:
            raise SubmitError(
                _(
                    "sending to {host} took longer than fixit allows for one report.",
                    host=host_of(url),
                ),
                NO_SECOND,
                maybe_delivered=True,
            )
        deadline = min(deadline, left)
    return deadline


def _in_thread(
    s: requests.Session, method: str, url: str, timeout: float, deadline: float, **kwargs: Any
) -> requests.Response:
    """The request run in a worker thread that fixit waits for at most `deadline` seconds;
    its failure, or running out of time, becomes SubmitError."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["response"] = _fetch(s, method, url, timeout, **kwargs)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="submit-http", daemon=True)
    worker.start()
    worker.join(deadline)  # a server that drips its answer cannot hold fixit past this
    host = host_of(url)
    if worker.is_alive():
        raise SubmitError(
            _(
                "{host} did not finish answering within {seconds:g} s.",
                host=host,
                seconds=round(deadline, 1),
            ),
            NO_SECOND,
            maybe_delivered=True,
        )
    if "error" in outcome:
        raise failure(outcome["error"], host, timeout) from None
    response: requests.Response = outcome["response"]
    return response


def _redirect(url: str, response: requests.Response) -> SubmitError:
    """The error for a redirect: fixit does not follow one with a report; the new address is
    shown without its path or query, which may carry a token."""
    where = urllib.parse.urljoin(url, response.headers.get("Location", ""))
    parts = urllib.parse.urlsplit(where)
    port = _port(parts)
    shown = f"{parts.scheme}://{parts.hostname or '?'}" + (f":{port}" if port else "")
    return SubmitError(
        _(
            "{host} redirects to {where}; fixit does not follow redirects with a report.",
            host=host_of(url),
            where=clip(visible(shown, True), 120),
        ),
        _("Put the final address in the target's url setting."),
        retry=False,
    )


def _port(parts: urllib.parse.SplitResult) -> int | None:
    """The URL's port when it has a valid one."""
    try:
        return parts.port
    except ValueError:
        return None


def _body_size(kwargs: dict[str, Any]) -> int:
    """The bytes a request sends in `data` and `files` (to give a slow uplink its time)."""
    size = 0
    data = kwargs.get("data")
    if isinstance(data, (bytes, str)):
        size += len(data)
    for part in kwargs.get("files") or ():
        content = part[1][1] if isinstance(part, tuple) and isinstance(part[1], tuple) else b""
        size += len(content) if isinstance(content, (bytes, str)) else 0
    return size


def _fetch(
    s: requests.Session, method: str, url: str, timeout: float, **kwargs: Any
) -> requests.Response:
    """The request, its answer read with a size cap (in the worker thread)."""
    response = s.request(
        method,
        url,
        timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
        allow_redirects=False,
        stream=True,
        **kwargs,
    )
    body = bytearray()
    with response:
        for chunk in response.iter_content(64 * 1024):
            body += chunk
            if len(body) > MAX_ANSWER:
                raise TooLarge(MAX_ANSWER)
    response._content = bytes(body)
    return response


CHECK_SETTINGS = _("Check the target's settings; the report stays in the outbox.")


def check(response: requests.Response, what: Msg, url: str, secret_name: str = "") -> None:
    """Raise SubmitError for a failed status: 401/403/404/4xx need a fix, 429/5xx a retry
    (not before the time a Retry-After asks for). The server's text is quoted only through
    the scrubbing rule: error bodies often echo the request path, a webhook's secret."""
    code = response.status_code
    if code < 400:
        return
    host = host_of(url)
    text = scrub.server_text(response.text or "")
    body = f"{code}: {text}" if text else str(code)  # the server's words: data, never translated
    if code in (401, 403):
        hint = (
            _("Check the credentials in {name}.", name=secret_name)
            if secret_name
            else _("Check the target.")
        )
        raise SubmitError(
            _("{host} refused {what} (HTTP {body}).", host=host, what=what, body=body),
            hint,
            retry=False,
        )
    if code == 404:
        raise SubmitError(
            _("{host} has no such place for {what} (404).", host=host, what=what),
            _("Check the target's url, project or repository settings."),
            retry=False,
        )
    if code == 429 or code >= 500:
        raise waits.busy(host, what, code, waits.retry_after(response))
    raise SubmitError(
        _("{host} rejected {what} (HTTP {body}).", host=host, what=what, body=body),
        CHECK_SETTINGS,
        retry=False,
    )
