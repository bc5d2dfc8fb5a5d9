"""What an SMTP, TLS or network failure of the e-mail target means, in one sentence, and
whether a retry can help; server text is shown on one line, short, through the scrubbing rule
(never a password, a user name or another secret of the target)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from fixit.i18n import N_, Msg, _
from fixit.oserrors import reason as os_reason
from fixit.submit import scrub
from fixit.submit.base import AGAIN, SubmitError

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Text safe in a header: every CR, LF and other control character becomes a space."""
    return _CONTROLS.sub(" ", text)


def smtp_failure(
    exc: BaseException, host: str, settings: Mapping[str, Any], before: Sequence[str] = ()
) -> SubmitError:
    """One sentence for an SMTP, TLS or network failure, and whether a retry can help
    (`before`: recipients an earlier try reached, named when the rest are refused)."""
    import smtplib

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SubmitError(
            _(
                "the mail server {host} refused the user name or password ({code}).",
                host=host,
                code=exc.smtp_code,
            ),
            _(
                "Check the username setting and the password in {var}.",
                var=settings["password_env"],
            ),
            retry=400 <= exc.smtp_code < 500,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return refusals(host, exc.recipients, (), before)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _reply(host, "sender", exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPDataError):
        hint = _("The server refused the message itself (size or content): ask its administrator.")
        return _reply(host, "data", exc.smtp_code, exc.smtp_error, hint)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(host, "other", exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):  # smtplib hides a read timeout in this
            return _transport(exc.__context__, host, settings)
        return SubmitError(_("the mail server {host} closed the connection.", host=host), AGAIN)
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "AUTH" in str(exc):
        return SubmitError(
            _(
                "the mail server {host} does not offer a login (AUTH) on this connection.",
                host=host,
            ),
            _("Check the port and security settings, or remove the username."),
            retry=False,
        )
    if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
        return _transport(exc, host, settings)
    return SubmitError(
        _("sending the mail through {host} failed ({said}).", host=host, said=_said(str(exc))),
        _("Check the target's settings; the report stays in the outbox."),
        retry=False,
    )


def _transport(exc: OSError, host: str, settings: Mapping[str, Any]) -> SubmitError:
    """A TLS or network failure: a certificate needs a fix, the network a retry."""
    import socket
    import ssl

    if isinstance(exc, ssl.SSLCertVerificationError):
        return SubmitError(
            _(
                "the certificate of the mail server {host} could not be verified ({said}).",
                host=host,
                said=_said(exc.verify_message or str(exc)),
            ),
            _("Check the host name; a private certificate authority goes in SSL_CERT_FILE."),
            retry=False,
        )
    if isinstance(exc, ssl.SSLError):
        return SubmitError(
            _(
                "the TLS connection to the mail server {host} failed ({said}).",
                host=host,
                said=_said(str(exc)),
            ),
            _("Check the port and security settings (587 with starttls, 465 with tls)."),
            retry=False,
        )
    if isinstance(exc, TimeoutError):
        timeout = float(settings["timeout"])
        return SubmitError(
            _(
                "the mail server {host} did not answer within {timeout:g} s.",
                host=host,
                timeout=timeout,
            ),
            AGAIN,
        )
    if isinstance(exc, socket.gaierror):
        return SubmitError(
            _("the mail server name {host} could not be resolved.", host=host), AGAIN
        )
    return SubmitError(
        _(
            "could not reach the mail server {host}:{port} ({reason}).",
            host=host,
            port=settings["port"],
            reason=os_reason(exc, type(exc).__name__),
        ),
        AGAIN,
    )


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
    if all(400 <= code < 500 for code, __ in refused.values()):  # only temporary refusals
        if not have:
            return SubmitError(
                _(
                    "the mail server {host} refused every recipient for now: {listed}.",
                    host=host,
                    listed=listed,
                ),
                AGAIN,
            )
        return SubmitError(
            _(
                "the mail server {host} refused {listed} for now, so the report reached only "
                "{have}.",
                host=host,
                listed=listed,
                have=have,
            ),
            _(
                "The report stays in the outbox; `fixit outbox send` sends it to the refused "
                "recipients only."
            ),
            delivered=delivered,
        )
    if not have:
        return SubmitError(
            _(
                "the mail server {host} refused every recipient: {listed}.",
                host=host,
                listed=listed,
            ),
            _("Check the target's to setting with the mail administrator."),
            retry=False,
        )
    return SubmitError(
        _(
            "the mail server {host} refused {listed}, so the report reached only {have}.",
            host=host,
            listed=listed,
            have=have,
        ),
        _(
            "Check the target's to setting; the report stays in the outbox and `fixit outbox "
            "send` sends it to the refused recipients only."
        ),
        retry=False,
        delivered=delivered,
    )


# An error reply to one step, temporary (4xx) and final (5xx): one whole sentence each
_REPLIES = {
    "sender": (
        N_("the mail server {host} refused the sender address for now ({code} {said})."),
        N_("the mail server {host} refused the sender address ({code} {said})."),
    ),
    "data": (
        N_("the mail server {host} refused the mail for now ({code} {said})."),
        N_("the mail server {host} refused the mail ({code} {said})."),
    ),
    "other": (
        N_("the mail server {host} answered with an error for now ({code} {said})."),
        N_("the mail server {host} answered with an error ({code} {said})."),
    ),
}


def _reply(
    host: str, step: str, code: int, reply: bytes | str, hint: Msg | None = None
) -> SubmitError:
    """An SMTP error reply to `step` (a key of _REPLIES): 4xx is temporary (retry), 5xx needs
    a fix."""
    for_now, final = _REPLIES[step]
    said = _said(reply)
    if 400 <= code < 500:
        return SubmitError(_(for_now, host=host, code=code, said=said), AGAIN)
    return SubmitError(
        _(final, host=host, code=code, said=said),
        hint or _("Check the target's from and to settings with the mail administrator."),
        retry=False,
    )


def _said(reply: bytes | str) -> str:
    """A server's or library's words, as the scrubbing rule lets a message quote them."""
    return scrub.server_text(reply, 160)
