"""What an SMTP, TLS or network failure of the e-mail target means, in one sentence, and
whether a retry can help; server text is shown on one line, short, through the scrubbing rule
(never a password, a user name or another secret of the target)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from fixit.submit import scrub
from fixit.submit.base import AGAIN, SubmitError

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Text safe in a header: every CR, LF and other control character becomes a space."""
    return _CONTROLS.sub(" ", text)


def translate(
    exc: BaseException, host: str, settings: Mapping[str, Any], before: Sequence[str] = ()
) -> SubmitError:
    """One sentence for an SMTP, TLS or network failure, and whether a retry can help
    (`before`: recipients an earlier try reached, named when the rest are refused)."""
    import smtplib

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SubmitError(
            f"the mail server {host} refused the user name or password ({exc.smtp_code}).",
            f"Check the username setting and the password in {settings['password_env']}.",
            retry=400 <= exc.smtp_code < 500,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return refusals(host, exc.recipients, (), before)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _reply(host, "refused the sender address", exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPDataError):
        hint = "The server refused the message itself (size or content): ask its administrator."
        return _reply(host, "refused the mail", exc.smtp_code, exc.smtp_error, hint)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(host, "answered with an error", exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):  # smtplib hides a read timeout in this
            return _transport(exc.__context__, host, settings)
        return SubmitError(f"the mail server {host} closed the connection.", AGAIN)
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "AUTH" in str(exc):
        return SubmitError(
            f"the mail server {host} does not offer a login (AUTH) on this connection.",
            "Check the port and security settings, or remove the username.",
            retry=False,
        )
    if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
        return _transport(exc, host, settings)
    return SubmitError(
        f"sending the mail through {host} failed ({_said(str(exc))}).",
        "Check the target's settings; the report stays in the outbox.",
        retry=False,
    )


def _transport(exc: OSError, host: str, settings: Mapping[str, Any]) -> SubmitError:
    """A TLS or network failure: a certificate needs a fix, the network a retry."""
    import socket
    import ssl

    if isinstance(exc, ssl.SSLCertVerificationError):
        return SubmitError(
            f"the certificate of the mail server {host} could not be verified "
            f"({_said(exc.verify_message or str(exc))}).",
            "Check the host name; a private certificate authority goes in SSL_CERT_FILE.",
            retry=False,
        )
    if isinstance(exc, ssl.SSLError):
        return SubmitError(
            f"the TLS connection to the mail server {host} failed ({_said(str(exc))}).",
            "Check the port and security settings (587 with starttls, 465 with tls).",
            retry=False,
        )
    if isinstance(exc, TimeoutError):
        timeout = float(settings["timeout"])
        return SubmitError(f"the mail server {host} did not answer within {timeout:g} s.", AGAIN)
    if isinstance(exc, socket.gaierror):
        return SubmitError(f"the mail server name {host} could not be resolved.", AGAIN)
    reason = exc.strerror or type(exc).__name__
    port = settings["port"]
    return SubmitError(f"could not reach the mail server {host}:{port} ({reason}).", AGAIN)


def refusals(
    host: str,
    refused: Mapping[str, tuple[int, bytes | str]],
    delivered: Sequence[str],
    before: Sequence[str] = (),
) -> SubmitError:
    """Recipients the server refused, each with its reason; `delivered` got the mail now and
    `before` on an earlier try, so a retry goes to the refused ones only. Any 5xx needs a fix
    first; only 4xx is temporary."""
    have = ", ".join([*before, *delivered])
    listed = "; ".join(f"{to} ({code} {_said(reply)})" for to, (code, reply) in refused.items())
    if all(400 <= code < 500 for code, _ in refused.values()):  # only temporary refusals
        if not have:
            return SubmitError(
                f"the mail server {host} refused every recipient for now: {listed}.", AGAIN
            )
        return SubmitError(
            f"the mail server {host} refused {listed} for now, so the report reached only {have}.",
            "The report stays in the outbox; `fixit outbox send` sends it to the refused "
            "recipients only.",
            delivered=delivered,
        )
    if not have:
        return SubmitError(
            f"the mail server {host} refused every recipient: {listed}.",
            "Check the target's to setting with the mail administrator.",
            retry=False,
        )
    return SubmitError(
        f"the mail server {host} refused {listed}, so the report reached only {have}.",
        "Check the target's to setting; the report stays in the outbox and `fixit outbox send` "
        "sends it to the refused recipients only.",
        retry=False,
        delivered=delivered,
    )


def _reply(host: str, what: str, code: int, reply: bytes | str, hint: str = "") -> SubmitError:
    """An SMTP error reply: 4xx is temporary (retry), 5xx needs a fix."""
    said = _said(reply)
    if 400 <= code < 500:
        return SubmitError(f"the mail server {host} {what} for now ({code} {said}).", AGAIN)
    return SubmitError(
        f"the mail server {host} {what} ({code} {said}).",
        hint or "Check the target's from and to settings with the mail administrator.",
        retry=False,
    )


def _said(reply: bytes | str) -> str:
    """A server's or library's words, as the scrubbing rule lets a message quote them."""
    return scrub.server_text(reply, 160)
