"""What a failed HTTP call of a submit target means, in one sentence worded from the failure's
kind (never its text: it can hold a URL's secret path or a header's token), and whether a retry
can help."""

from __future__ import annotations

from fixit.i18n import N_, Msg, _
from fixit.submit.base import SubmitError


class TooLarge(Exception):
    """An answer went past the `limit` in bytes a help desk's answer may have."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


RETRY_LATER = _(
    "Check the network connection; the report stays in the outbox for `fixit outbox send`."
)


def failure(exc: BaseException, host: str, timeout: float) -> SubmitError:
    """The SubmitError for a failed call, worded from the exception's kind, never its text."""
    import requests

    if isinstance(exc, TooLarge):
        return SubmitError(
            _("{host} answered with more than {limit} bytes.", host=host, limit=exc.limit),
            RETRY_LATER,
        )
    if isinstance(exc, requests.exceptions.SSLError):
        return SubmitError(
            _("the certificate of {host} could not be verified.", host=host),
            _("Check the target's address; a private certificate authority goes in SSL_CERT_FILE."),
            retry=False,
        )
    late = _("{host} did not answer within {timeout:g} s.", host=host, timeout=timeout)
    if isinstance(exc, requests.exceptions.ReadTimeout):  # the request went out
        return SubmitError(late, RETRY_LATER, maybe_delivered=True)
    if isinstance(exc, requests.exceptions.Timeout):
        return SubmitError(late, RETRY_LATER)
    if isinstance(exc, (requests.exceptions.InvalidHeader, ValueError, UnicodeError)):
        return SubmitError(
            _(
                "a request to {host} cannot be sent: a setting or secret holds characters that "
                "HTTP cannot carry (a line break, or a letter outside Latin-1).",
                host=host,
            ),
            _("Check the target's settings and its token or key (a stray newline is common)."),
            retry=False,
        )
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _broke_after_sending(exc):
            return SubmitError(
                _("the connection to {host} broke before it answered.", host=host),
                _(
                    "The ticket may already exist: a retry looks for it before creating "
                    "another; the report stays in the outbox for `fixit outbox send`."
                ),
                maybe_delivered=True,
            )
        return SubmitError(
            _("could not reach {host} ({reason}).", host=host, reason=_reason(exc)), RETRY_LATER
        )
    kind = exc.__class__.__name__
    if isinstance(exc, requests.exceptions.RequestException):
        return SubmitError(
            _("the request to {host} failed ({kind}).", host=host, kind=kind), RETRY_LATER
        )
    return SubmitError(
        _("the request to {host} failed unexpectedly ({kind}).", host=host, kind=kind),
        RETRY_LATER,
    )


_REASONS = (  # a mark in the exception's repr, and what it means
    ("NameResolutionError", N_("the name does not resolve")),
    ("gaierror", N_("the name does not resolve")),
    ("ConnectionRefusedError", N_("connection refused")),
    ("Connection refused", N_("connection refused")),
    ("Network is unreachable", N_("the network is unreachable")),
    ("No route to host", N_("no route to the host")),
    ("ProxyError", N_("the proxy did not pass the request on")),
)


def _reason(exc: BaseException) -> Msg | str:
    """Why a connection failed, in words, from the exception's kind (not its text; an unknown
    kind is named as it is)."""
    text = repr(exc)
    for mark, words in _REASONS:
        if mark in text:
            return _(words)
    return exc.__class__.__name__


def _broke_after_sending(exc: BaseException) -> bool:
    """A reset or a dropped connection while waiting for the answer (the request went out)."""
    text = repr(exc)
    return any(
        mark in text
        for mark in ("RemoteDisconnected", "ConnectionResetError", "Connection aborted", "reset by")
    )
