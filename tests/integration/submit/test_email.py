"""The e-mail target against a real SMTP server (aiosmtpd) on 127.0.0.1: STARTTLS and implicit TLS
with a trustme certificate, AUTH, and the failures that must say whether a retry can help."""

from __future__ import annotations

import email
import email.message
import email.policy
import hashlib
import smtplib
import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from fixit.submit.base import Attachment, Payload, SubmitError
from fixit.submit.email import make, message_id, one_line
from fixit.submit.registry import validate_target

USER = "fixit"
PASSWORD = "canary-Pw-7f3a9c"  # must appear in no message, repr or mail
LOG_BYTES = "caf\u00e9 \r\nline two\n".encode() + bytes(range(256))
IMAGE_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


class Recorder:
    """An aiosmtpd handler that keeps what it was given, answering DATA and RCPT as told."""

    def __init__(self, data_reply: str = "250 OK", rcpt_reply: str = "") -> None:
        self.data_reply = data_reply
        self.rcpt_reply = rcpt_reply
        self.refuse: dict[str, str] = {}  # address -> the reply that refuses it at RCPT
        self.mails: list[tuple[str, list[str], bytes]] = []
        self.helo: list[str] = []
        self.logins: list[str] = []

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        self.helo.append(str(session.host_name))
        content = envelope.original_content or b""
        self.mails.append((str(envelope.mail_from), list(envelope.rcpt_tos), content))
        return self.data_reply

    def authenticate(
        self, server: Any, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data == (USER.encode(), PASSWORD.encode())
        self.logins.append(f"{mechanism}:{ok}")
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    """A port nothing listens on (just released by the kernel)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    """The test certificate authority."""
    return trustme.CA()


@pytest.fixture
def trusted(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The client trusts the test CA through SSL_CERT_FILE, as a private CA would be configured."""
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    return path


@pytest.fixture(scope="module")
def server_ctx(ca: trustme.CA) -> ssl.SSLContext:
    """The server side of TLS: a certificate for IP 127.0.0.1 issued by the test CA."""
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(ctx)
    return ctx


def serve(handler: Recorder, **kwargs: Any) -> Iterator[Controller]:
    """Run an SMTP server on a free loopback port for one test."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def handler() -> Recorder:
    """What the server received."""
    return Recorder()


@pytest.fixture
def starttls(handler: Recorder, server_ctx: ssl.SSLContext) -> Iterator[Controller]:
    """Port-587 style: STARTTLS required, then AUTH required."""
    yield from serve(
        handler,
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=handler.authenticate,
        auth_required=True,
    )


def target(port: int, **settings: Any) -> Any:
    """A validated e-mail target pointing at the loopback server."""
    raw = {
        "type": "email",
        "to": ["tuki@example.fi", "Help Desk <desk@example.fi>"],
        "from": "Fixit <fixit@example.fi>",
        "host": "127.0.0.1",
        "port": port,
        "username": USER,
        "password_env": "SMTP_PASSWORD",
        "timeout": 5.0,
        **settings,
    }
    return validate_target("mail", raw)


def secrets(password: str = PASSWORD) -> Any:
    """A secret lookup holding the SMTP password."""
    return lambda name: {"SMTP_PASSWORD": password}.get(name)


def file_attachment(path: Path, name: str, mime: str, data: bytes) -> Attachment:
    """A real file on disk, described as the report lists it."""
    path.write_bytes(data)
    return Attachment(path, name, mime, len(data), hashlib.sha256(data).hexdigest())


def make_payload(tmp_path: Path, title: str = "VPN drops every hour", **kwargs: Any) -> Payload:
    """A payload as submit.payload.make_payload makes it, with two real files."""
    files = [
        file_attachment(tmp_path / "vpn.log", "vpn.log", "text/plain", LOG_BYTES),
        file_attachment(tmp_path / "shot.png", "screen shot.png", "image/png", IMAGE_BYTES),
    ]
    fields: dict[str, Any] = {
        "report_id": "fixit-20240102-abcd",
        "title": title,
        "report": {"title": title},
        "markdown": "# VPN drops\n\n- **since**: Monday\n",
        "text": "VPN drops every hour.\nSince Monday, rähmä.\n",
        "html": "<h1>VPN drops</h1>",
        "json": '{"title": "VPN drops", "schema_version": 1}',
        "attachments": files,
        "contact": "maija.meikalainen@example.fi",
        **kwargs,
    }
    return Payload(**fields)


def parsed(raw: bytes) -> email.message.EmailMessage:
    """A received mail, parsed as a mail client would."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def parts(msg: email.message.EmailMessage) -> dict[str, email.message.EmailMessage]:
    """The attachments by file name."""
    found = {}
    for part in msg.iter_attachments():
        assert isinstance(part, email.message.EmailMessage)
        found[str(part.get_filename())] = part
    return found


def failure(submitter: Any, payload: Payload) -> SubmitError:
    """The SubmitError a send raises; the canary password is in none of its text."""
    with pytest.raises(SubmitError) as info:
        submitter.send(payload)
    err = info.value
    for text in (str(err), str(err.message), str(err.hint), repr(err), repr(submitter)):
        assert PASSWORD not in text
    return err


def test_starttls_delivers_the_report_with_its_files(
    starttls: Controller,
    handler: Recorder,
    trusted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(socket, "getfqdn", lambda name="": "maija-laptop.corp.example")
    submitter = make(target(starttls.port), secrets())
    ticket = submitter.send(make_payload(tmp_path))

    assert ticket.ref == "<fixit-20240102-abcd@example.fi>" and ticket.url is None
    assert handler.logins and handler.logins[-1].endswith(":True")
    assert handler.helo == ["[127.0.0.1]"]  # the machine's name is personal data
    [(mail_from, rcpt, raw)] = handler.mails
    assert mail_from == "fixit@example.fi"
    assert rcpt == ["tuki@example.fi", "desk@example.fi"]
    msg = parsed(raw)
    assert msg["Subject"] == "[fixit] VPN drops every hour [fixit-20240102-abcd]"
    assert msg["Message-ID"] == ticket.ref
    assert msg["X-Fixit-Report-Id"] == "fixit-20240102-abcd"
    assert msg["Reply-To"] == "maija.meikalainen@example.fi"
    assert msg["From"] == "Fixit <fixit@example.fi>"
    assert msg["To"] == "tuki@example.fi, Help Desk <desk@example.fi>"
    assert msg["Date"] and "Bcc" not in msg
    body = msg.get_body(("plain",))
    assert body is not None
    assert (
        body.get_content().replace("\r\n", "\n") == "VPN drops every hour.\nSince Monday, rähmä.\n"
    )
    files = parts(msg)
    assert list(files) == ["report.md", "report.json", "report.html", "vpn.log", "screen shot.png"]
    assert files["report.md"].get_content_type() == "text/markdown"
    assert files["report.json"].get_content_type() == "application/json"
    assert files["report.html"].get_content_type() == "text/html"
    assert files["report.md"].get_content().replace("\r\n", "\n").startswith("# VPN drops\n")
    assert (
        files["report.json"].get_payload(decode=True)
        == b'{"title": "VPN drops", "schema_version": 1}'
    )
    assert files["report.html"].get_content().strip() == "<h1>VPN drops</h1>"
    assert files["vpn.log"].get_content_type() == "text/plain"
    assert files["vpn.log"].get_payload(decode=True) == LOG_BYTES
    assert files["screen shot.png"].get_content_type() == "image/png"
    assert files["screen shot.png"].get_payload(decode=True) == IMAGE_BYTES
    assert PASSWORD.encode() not in raw and PASSWORD not in repr(submitter)
    assert all(b < 0x80 for b in raw)  # 7bit on the wire: no server needs 8BITMIME


def test_a_resend_carries_the_same_message_id(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    submitter = make(target(starttls.port), secrets())
    payload = make_payload(tmp_path)
    first = submitter.send(payload)
    second = submitter.send(payload)

    assert first == second
    ids = [parsed(raw)["Message-ID"] for _, _, raw in handler.mails]
    assert ids == [first.ref, first.ref]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_delivers(
    handler: Recorder, server_ctx: ssl.SSLContext, trusted: Path, tmp_path: Path
) -> None:
    # aiosmtpd counts only STARTTLS as TLS for AUTH; this connection is encrypted from the start
    tls = {"ssl_context": server_ctx, "auth_require_tls": False}
    for controller in serve(handler, authenticator=handler.authenticate, auth_required=True, **tls):
        ticket = make(target(controller.port, security="tls"), secrets()).send(
            make_payload(tmp_path)
        )
    [(_, rcpt, raw)] = handler.mails
    assert rcpt == ["tuki@example.fi", "desk@example.fi"]
    assert parsed(raw)["Message-ID"] == ticket.ref
    assert handler.logins[-1].endswith(":True")


def test_an_untrusted_certificate_is_refused(
    starttls: Controller, handler: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert err.retry is False
    assert str(err.message).startswith(
        "the certificate of the mail server 127.0.0.1 could not be verified"
    )
    assert "SSL_CERT_FILE" in str(err.hint)
    assert handler.mails == [] and handler.logins == []


def test_a_certificate_from_another_ca_is_refused(
    handler: Recorder, server_ctx: ssl.SSLContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    for controller in serve(handler, ssl_context=server_ctx):
        err = failure(
            make(target(controller.port, security="tls"), secrets()), make_payload(tmp_path)
        )
    assert err.retry is False and "could not be verified" in str(err.message)
    assert handler.mails == []


def test_a_wrong_password_is_535_and_not_retried(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    wrong = "canary-wrong-Pw-19d2"
    submitter = make(target(starttls.port), secrets(wrong))
    err = failure(submitter, make_payload(tmp_path))
    assert err.retry is False
    assert str(err.message) == "the mail server 127.0.0.1 refused the user name or password (535)."
    assert str(err.hint) == "Check the username setting and the password in SMTP_PASSWORD."
    for text in (str(err), str(err.hint), repr(err), repr(submitter)):
        assert wrong not in text
    assert handler.mails == []


def test_451_at_data_is_retried(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.data_reply = "451 4.3.0 Try again later"
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert err.retry is True
    assert (
        str(err.message)
        == "the mail server 127.0.0.1 refused the mail for now (451 4.3.0 Try again later)."
    )
    assert "outbox" in str(err.hint)


def test_554_at_data_is_not_retried(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.data_reply = "554 5.6.0 Message rejected"
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert err.retry is False and "(554 5.6.0 Message rejected)" in str(err.message)


def test_550_at_rcpt_is_not_retried(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.rcpt_reply = "550 5.1.1 No such user"
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert err.retry is False and err.delivered == ()
    assert str(err.message) == (
        "the mail server 127.0.0.1 refused every recipient: "
        "tuki@example.fi (550 5.1.1 No such user); desk@example.fi (550 5.1.1 No such user)."
    )
    assert handler.mails == []


def test_one_refused_recipient_fails_the_send_and_names_who_got_it(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.refuse["desk@example.fi"] = "550 5.1.1 <desk@example.fi>: mailbox unavailable"
    submitter = make(target(starttls.port), secrets())
    err = failure(submitter, make_payload(tmp_path))
    assert err.retry is False and err.delivered == ("tuki@example.fi",)
    assert str(err.message) == (
        "the mail server 127.0.0.1 refused desk@example.fi (550 5.1.1 <desk@example.fi>: "
        "mailbox unavailable), so the report reached only tuki@example.fi."
    )
    assert "refused recipients only" in str(err.hint)
    [(_, rcpt, _)] = handler.mails
    assert rcpt == ["tuki@example.fi"]

    # the next try goes to the refused recipient only, as the same mail
    del handler.refuse["desk@example.fi"]
    payload = make_payload(tmp_path, delivered=("tuki@example.fi",))
    ticket = submitter.send(payload)
    assert [m[1] for m in handler.mails] == [["tuki@example.fi"], ["desk@example.fi"]]
    assert {parsed(m[2])["Message-ID"] for m in handler.mails} == {ticket.ref}
    # and once everyone has it, nothing is sent at all
    everyone = make_payload(tmp_path, delivered=("TUKI@example.fi", "desk@example.fi"))
    assert submitter.send(everyone) == ticket and len(handler.mails) == 2


def test_a_temporary_refusal_of_one_recipient_is_retried_for_that_one(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.refuse["tuki@example.fi"] = "450 4.2.1 Mailbox busy, try later"
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert err.retry is True and err.delivered == ("desk@example.fi",)
    assert str(err.message).startswith(
        "the mail server 127.0.0.1 refused tuki@example.fi (450 4.2.1 Mailbox busy, try later) "
        "for now, so the report reached only desk@example.fi."
    )


def test_a_reply_echoing_the_user_name_or_password_is_scrubbed(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    handler.data_reply = f"554 5.7.1 rejected for {PASSWORD} (user {USER}), see outbox"
    err = failure(make(target(starttls.port), secrets()), make_payload(tmp_path))
    assert str(err.message) == (
        "the mail server 127.0.0.1 refused the mail (554 5.7.1 rejected for *** (user fixit), "
        "see outbox)."
    )


def test_a_title_cannot_add_headers_or_recipients(
    starttls: Controller, handler: Recorder, trusted: Path, tmp_path: Path
) -> None:
    title = "VPN\r\nBcc: evil@example.org\r\n\r\nInjected body\x00\x1b[31m\u2028"
    payload = make_payload(tmp_path, title=title, contact="x@example.org\r\nBcc: evil@example.org")
    make(target(starttls.port), secrets()).send(payload)

    [(_, rcpt, raw)] = handler.mails
    assert rcpt == ["tuki@example.fi", "desk@example.fi"]
    msg = parsed(raw)
    assert "Bcc" not in msg and "Reply-To" not in msg
    assert msg["Subject"].startswith("[fixit] VPN  Bcc: evil@example.org    Injected body")
    assert msg["Subject"].endswith("[fixit-20240102-abcd]")
    headers = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert [line for line in headers.split("\r\n") if line.lower().startswith("bcc")] == []


def test_starttls_not_offered_is_refused(handler: Recorder, tmp_path: Path) -> None:
    for controller in serve(handler):
        err = failure(make(target(controller.port), secrets()), make_payload(tmp_path))
    assert err.retry is False
    assert str(err.message) == "the mail server 127.0.0.1 does not offer STARTTLS."
    assert handler.mails == []


def test_security_none_without_username_sends_in_clear(handler: Recorder, tmp_path: Path) -> None:
    for controller in serve(handler):
        settings = target(controller.port, security="none", username="", password_env="")
        ticket = make(settings, secrets()).send(make_payload(tmp_path))
    [(_, _, raw)] = handler.mails
    assert parsed(raw)["Message-ID"] == ticket.ref


def test_a_closed_port_is_retried_quickly(tmp_path: Path) -> None:
    start = time.monotonic()
    err = failure(make(target(free_port()), secrets()), make_payload(tmp_path))
    assert time.monotonic() - start < 2
    assert err.retry is True
    assert str(err.message).startswith("could not reach the mail server 127.0.0.1:")
    assert "outbox" in str(err.hint)


def test_security_none_with_a_username_never_connects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_connection(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("connected")

    monkeypatch.setattr(smtplib, "SMTP", no_connection)
    err = failure(make(target(25, security="none"), secrets()), make_payload(tmp_path))
    assert err.retry is False
    assert str(err.message) == "target 'mail' would send the password to 127.0.0.1 unencrypted."


def test_a_missing_password_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smtplib, "SMTP", None)
    err = failure(make(target(587), lambda name: None), make_payload(tmp_path))
    assert err.retry is False
    assert str(err.message) == "the SMTP password for target 'mail' is not set."
    assert str(err.hint).startswith(
        "Set SMTP_PASSWORD in the environment or in the credentials file"
    )


@pytest.mark.parametrize("change", ["vanished", "grew", "edited"])
def test_a_file_changed_since_the_report_is_refused(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(smtplib, "SMTP", None)
    payload = make_payload(tmp_path)
    log = tmp_path / "vpn.log"
    if change == "vanished":
        log.unlink()
    elif change == "grew":
        log.write_bytes(LOG_BYTES + b"more")
    else:
        log.write_bytes(LOG_BYTES[:-1] + b"!")
    err = failure(make(target(587), secrets()), payload)
    assert err.retry is False
    assert "the attachment vpn.log" in str(err.message)
    expected = "cannot be read" if change == "vanished" else "changed after the report was built"
    assert expected in str(err.message)


def test_header_helpers() -> None:
    assert one_line("a\r\nb\tc\x1bd\u2028e") == "a  b c d e"
    assert message_id("fixit-abc", "fixit@example.fi") == "<fixit-abc@example.fi>"
    assert message_id("fixit <x>@y", "f@mail.example.fi") == "<fixit--x--y@mail.example.fi>"


def test_a_server_that_never_greets_times_out(tmp_path: Path) -> None:
    with socket.socket() as listener:  # the kernel accepts; nobody ever answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        start = time.monotonic()
        err = failure(make(target(port, timeout=1.0), secrets()), make_payload(tmp_path))
    assert time.monotonic() - start < 3
    assert err.retry is True
    assert str(err.message) == "the mail server 127.0.0.1 did not answer within 1 s."


def test_a_name_that_does_not_resolve_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dns(*args: Any, **kwargs: Any) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", no_dns)
    settings = target(587, host="smtp.example.invalid")
    err = failure(make(settings, secrets()), make_payload(tmp_path))
    assert err.retry is True
    assert str(err.message) == "the mail server name smtp.example.invalid could not be resolved."


def test_a_big_mail_gets_time_to_travel(
    starttls: Controller,
    handler: Recorder,
    trusted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[float | None] = []
    sendmail = smtplib.SMTP.sendmail

    def timed(self: smtplib.SMTP, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.sock.gettimeout() if self.sock else None)
        return sendmail(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "sendmail", timed)
    payload = make_payload(tmp_path)
    big = file_attachment(
        tmp_path / "dump.bin", "dump.bin", "application/octet-stream", bytes(3_000_000)
    )
    payload = Payload(**{**payload.__dict__, "attachments": [*payload.attachments, big]})
    make(target(starttls.port, timeout=1.0), secrets()).send(payload)
    # socket.sendall's timeout covers the whole 4 MB: at 1 s it would fail on any real uplink
    assert seen and seen[0] is not None and seen[0] > 60
    assert parts(parsed(handler.mails[0][2]))["dump.bin"].get_payload(decode=True) == bytes(
        3_000_000
    )
