"""E-mail target: the report as a MIME message over SMTP, certificates always verified, with a
Message-ID stable for the report so a resend is recognised as the same mail."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.i18n import _
from fixit.oserrors import reason as os_reason
from fixit.submit import scrub
from fixit.submit.base import (
    UPLINK,
    Attachment,
    Payload,
    SecretLookup,
    SubmitError,
    Target,
    Ticket,
)
from fixit.submit.smtp_errors import one_line, refusals, smtp_failure
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

SECURITY = ("starttls", "tls", "none")
# Sent as the EHLO name: the machine's real name is personal data, and socket.getfqdn() (what
# smtplib does without it) can wait on reverse DNS for a long time on a broken network.
EHLO_NAME = "[127.0.0.1]"
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NOT_ATOM = re.compile(r"[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]")


def make(target: Target, secret: SecretLookup) -> EmailSubmitter:
    """The e-mail submitter for a validated target."""
    return EmailSubmitter(target, secret)


@dataclass(frozen=True)
class EmailSubmitter:
    """Sends one report as one mail to the target's recipients."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Build the message, then deliver it over SMTP; a resend carries the same Message-ID."""
        settings = self.target.settings
        sender = _address(str(settings["from"]), "from")
        recipients = [_address(str(to), "to") for to in settings["to"]]
        password = self._login_password()
        message = build_message(payload, settings, sender)
        done = {a.lower() for a in payload.delivered}
        pending = [to for to in recipients if to.lower() not in done]  # never twice to anyone
        before = [to for to in recipients if to.lower() in done]
        if pending:
            with scrub.guarding(scrub.of_settings(settings, self.secret).plus(password)):
                deliver(settings, sender, pending, message.as_bytes(), password, before)
        return Ticket(ref=str(message["Message-ID"]))

    def _login_password(self) -> str:
        """The SMTP password ('' without a username), refused where it would travel in clear."""
        settings = self.target.settings
        host = settings["host"]
        security = str(settings["security"])
        if security not in SECURITY:
            raise SubmitError(
                _(
                    "target '{target}' has security {security}.",
                    target=self.target.name,
                    security=repr(security),
                ),
                _("Set security to starttls, tls or none."),
                retry=False,
            )
        if not settings["username"]:
            return ""
        if security == "none":
            raise SubmitError(
                _(
                    "target '{target}' would send the password to {host} unencrypted.",
                    target=self.target.name,
                    host=host,
                ),
                _("Set security to starttls (port 587) or tls (port 465)."),
                retry=False,
            )
        name = str(settings["password_env"])
        value = self.secret(name) if name else None
        if not value:
            hint = (
                _(
                    "Set {var} in the environment or in the credentials file "
                    "(see `fixit config path`).",
                    var=name,
                )
                if name
                else _(
                    "Set password_env to a variable name and set it in the environment or in "
                    "the credentials file (see `fixit config path`)."
                )
            )
            raise SubmitError(
                _("the SMTP password for target '{target}' is not set.", target=self.target.name),
                hint,
                retry=False,
            )
        return value


def _address(value: str, setting: str) -> str:
    """The bare address of a configured sender or recipient; SubmitError when it is not one."""
    from email.utils import parseaddr

    bare = parseaddr(value)[1] if one_line(value) == value else ""
    if not _ADDRESS.fullmatch(bare):
        raise SubmitError(
            _(
                "the {setting} setting {value} is not an e-mail address.",
                setting=setting,
                value=repr(clip(visible(value, True), 80)),
            ),
            _("Fix the target's settings, for example `to: tuki@example.fi`."),
            retry=False,
        )
    return bare


def message_id(report_id: str, sender: str) -> str:
    """`<report_id@sender's domain>`: the same for every try of one report."""
    left = _NOT_ATOM.sub("-", report_id).strip(".") or "fixit"
    return f"<{left}@{sender.rpartition('@')[2]}>"


def build_message(payload: Payload, settings: Mapping[str, Any], sender: str) -> EmailMessage:
    """The mail: plain text body, the report as Markdown, JSON and HTML, then the files."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import formatdate

    # 7bit: non-ASCII text goes quoted-printable, so no server needs 8BITMIME
    msg = EmailMessage(policy=policy.SMTP.clone(cte_type="7bit"))
    parts = (str(settings["subject_prefix"]).strip(), payload.title.strip(), payload.tag)
    msg["Subject"] = one_line(" ".join(p for p in parts if p))
    msg["From"] = one_line(str(settings["from"]))
    msg["To"] = ", ".join(one_line(str(to)) for to in settings["to"])
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id(payload.report_id, sender)
    contact = payload.contact.strip()
    if _ADDRESS.fullmatch(contact):
        msg["Reply-To"] = contact
    msg["X-Fixit-Report-Id"] = one_line(payload.report_id)
    msg.set_content(payload.text)
    msg.add_attachment(payload.markdown, subtype="markdown", filename="report.md")
    msg.add_attachment(
        payload.json.encode("utf-8"), maintype="application", subtype="json", filename="report.json"
    )
    msg.add_attachment(payload.html, subtype="html", filename="report.html")
    for attachment in payload.attachments:
        maintype, __, subtype = attachment.mime.partition("/")
        if not (maintype and subtype) or _NOT_ATOM.search(maintype + subtype):
            maintype, subtype = "application", "octet-stream"
        data = read_attachment(attachment)
        name = one_line(attachment.name).strip() or "attachment"
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def read_attachment(attachment: Attachment) -> bytes:
    """The file's bytes, refused when it is gone or no longer what the report lists."""
    import hashlib
    import os
    import stat

    name = clip(visible(attachment.name, True), 80)
    hint = _("Send the report again with `fixit submit` to attach the file as it is now.")
    try:
        # O_NONBLOCK: a FIFO put where the file was must not wait for a writer
        fd = os.open(attachment.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise SubmitError(
                    _("the attachment {name} is no longer a file.", name=name), hint, retry=False
                )
            data = file.read(attachment.size + 1)
    except OSError as exc:
        reason = os_reason(exc, type(exc).__name__)
        raise SubmitError(
            _("the attachment {name} cannot be read ({reason}).", name=name, reason=reason),
            hint,
            retry=False,
        ) from None
    if len(data) != attachment.size or hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise SubmitError(
            _("the attachment {name} changed after the report was built.", name=name),
            hint,
            retry=False,
        )
    return data


def deliver(
    settings: Mapping[str, Any],
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    password: str,
    before: Sequence[str] = (),
) -> None:
    """Connect, log in when a username is set, send; every failure becomes a SubmitError, and
    so does a refused recipient (smtplib returns those when another one was accepted)."""
    import smtplib

    from fixit.diagnostics.netprobe import bound_resolver

    bound_resolver()  # glibc's 10 s per DNS query would outlast the timeout
    host = str(settings["host"])
    try:
        smtp = connect(settings)
        try:
            if settings["username"]:
                smtp.login(str(settings["username"]), password)
            if smtp.sock is not None:  # sendall's timeout bounds the whole message, not a chunk
                smtp.sock.settimeout(float(settings["timeout"]) + len(data) / UPLINK)
            refused = smtp.sendmail(sender, list(recipients), data)
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()  # the mail is accepted: a failed goodbye changes nothing
        finally:
            smtp.close()
    except SubmitError:
        raise
    except Exception as exc:
        raise smtp_failure(exc, host, settings, before) from None
    if refused:
        reached = [to for to in recipients if to not in refused]
        raise refusals(host, refused, reached, before)


def connect(settings: Mapping[str, Any]) -> smtplib.SMTP:
    """An SMTP connection, encrypted as configured, with verified certificates."""
    import smtplib
    import ssl

    host, port, timeout = str(settings["host"]), int(settings["port"]), float(settings["timeout"])
    context = ssl.create_default_context()
    if settings["security"] == "tls":
        return smtplib.SMTP_SSL(
            host, port, local_hostname=EHLO_NAME, timeout=timeout, context=context
        )
    smtp = smtplib.SMTP(host, port, local_hostname=EHLO_NAME, timeout=timeout)
    try:
        if settings["security"] == "starttls":
            _ehlo(smtp)
            if not smtp.has_extn("starttls"):
                raise SubmitError(
                    _("the mail server {host} does not offer STARTTLS.", host=host),
                    _(
                        "Check the port (587 for starttls, 465 for tls) with the mail "
                        "administrator."
                    ),
                    retry=False,
                )
            smtp.starttls(context=context)
            _ehlo(smtp)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _ehlo(smtp: smtplib.SMTP) -> None:
    import smtplib

    code, reply = smtp.ehlo()
    if code != 250:
        raise smtplib.SMTPHeloError(code, reply)
