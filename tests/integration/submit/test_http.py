"""The HTTP layer every submit target uses: no ~/.netrc, verified TLS (SSL_CERT_FILE honoured),
no redirects, timeouts, and errors that say whether a retry can help."""

from __future__ import annotations

import ssl
import struct
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from fixit.submit import http
from fixit.submit.base import SubmitError
from fixit.submit.scrub import Secrets

SEEN: list[dict[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        SEEN.append(dict(self.headers))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.example/login?token=abc")
            self.end_headers()
            return
        code = 401 if self.path == "/denied" else 200
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def serve(context: ssl.SSLContext | None = None) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    scheme = "http"
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"{scheme}://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def plain() -> Iterator[str]:
    SEEN.clear()
    server, url = serve()
    yield url
    server.shutdown()


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(ca: trustme.CA) -> Iterator[str]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server, url = serve(context)
    yield url
    server.shutdown()


def test_netrc_is_never_read(plain: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login someone password canary-netrc-51d2\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(netrc))
    response = http.request(http.session(plain), "GET", f"{plain}/ok", 5)
    assert response.status_code == 200
    assert "Authorization" not in SEEN[-1]


def test_a_private_ca_is_trusted_through_ssl_cert_file(
    tls: str, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    assert http.request(http.session(tls), "GET", f"{tls}/ok", 5).status_code == 200


def test_an_untrusted_certificate_is_refused_and_needs_a_fix(
    tls: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    with pytest.raises(SubmitError) as err:
        http.request(http.session(tls), "GET", f"{tls}/ok", 5)
    assert err.value.retry is False
    assert "the certificate of 127.0.0.1 could not be verified" in str(err.value.message)
    assert "SSL_CERT_FILE" in str(err.value.hint)


def test_a_redirect_is_not_followed(plain: str) -> None:
    with pytest.raises(SubmitError) as err:
        http.request(http.session(plain), "GET", f"{plain}/moved", 5)
    assert err.value.retry is False and str(err.value.message) == (
        "127.0.0.1 redirects to https://elsewhere.example; fixit does not follow redirects "
        "with a report."
    )
    assert len(SEEN) == 1


def test_status_errors_say_whether_a_retry_helps(plain: str) -> None:
    response = http.request(http.session(plain), "GET", f"{plain}/denied", 5)
    with pytest.raises(SubmitError) as err:
        http.check(response, "the report", plain, "HOOK_TOKEN")
    assert err.value.retry is False and "(HTTP 401)" in str(err.value.message)
    assert "HOOK_TOKEN" in str(err.value.hint)


def test_nothing_listening_is_a_retry_later() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}/"
    s.close()
    with pytest.raises(SubmitError) as err:
        http.request(http.session(url), "GET", url, 2)
    assert err.value.retry is True and "could not reach 127.0.0.1" in str(err.value.message)
    assert err.value.maybe_delivered is False  # nothing went out: no need to look for a ticket


def test_a_server_dripping_its_answer_cannot_hold_a_send_past_the_deadline() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def drip() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 201 Created\r\nContent-Length: 100000\r\n\r\n")
        try:
            for _ in range(100):
                conn.sendall(b"x")
                time.sleep(0.3)
        except OSError:
            pass

    threading.Thread(target=drip, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    started = time.monotonic()
    with pytest.raises(SubmitError) as err:
        http.request(http.session(url), "POST", url, 1.0, data=b"{}")
    assert time.monotonic() - started < 4.5  # 1 s connect + 2 x 1 s, and a margin
    assert err.value.retry is True and "did not finish answering" in str(err.value.message)
    assert err.value.maybe_delivered is True
    listener.close()


def test_a_connection_lost_after_sending_may_have_delivered() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def take_and_drop() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # a reset, not a clean end

    threading.Thread(target=take_and_drop, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    with pytest.raises(SubmitError) as err:
        http.request(http.session(url), "POST", url, 2.0, data=b"{}")
    assert str(err.value.message) == "the connection to 127.0.0.1 broke before it answered."
    assert err.value.retry is True and err.value.maybe_delivered is True
    masked = err.value.scrubbed(Secrets(frozenset({"127.0.0.1"})))
    assert str(masked.message) == "the connection to *** broke before it answered."
    assert masked.retry is True and masked.maybe_delivered is True
    listener.close()


def test_a_read_timeout_may_have_delivered() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    with pytest.raises(SubmitError) as err:  # accepted by the kernel, never answered
        http.request(http.session(url), "POST", url, 1.0, data=b"{}")
    assert str(err.value.message) == "127.0.0.1 did not answer within 1 s."
    assert err.value.retry is True and err.value.maybe_delivered is True
    listener.close()


def test_a_token_with_a_line_break_is_refused_without_showing_it(plain: str) -> None:
    token = "leaky-token-xyz987\n"
    with pytest.raises(SubmitError) as err:
        http.request(
            http.session(plain),
            "GET",
            f"{plain}/ok",
            5,
            headers={"Authorization": f"Bearer {token}"},
        )
    assert err.value.retry is False
    assert "leaky-token" not in str(err.value.message) + str(err.value.hint) + repr(err.value)


def test_a_secret_in_the_url_never_reaches_the_message() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}/hooks/T0/SECRETPATH9?token=SECRETQUERY9"
    s.close()
    with pytest.raises(SubmitError) as err:
        http.request(http.session(url), "POST", url, 2, data=b"{}")
    text = str(err.value.message) + str(err.value.hint)
    assert "SECRET" not in text and "connection refused" in text


def test_one_send_has_a_deadline_over_all_its_calls() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    s = http.session(url)
    started = time.monotonic()
    with pytest.raises(SubmitError) as err:  # the call alone could take 1 + 2 x 5 s
        http.request(s, "POST", url, 5.0, until=started + 1.0, data=b"{}")
    assert 0.9 < time.monotonic() - started < 2.0
    assert str(err.value.message) == "127.0.0.1 did not finish answering within 1 s."
    with pytest.raises(SubmitError) as err:  # the budget is spent: no further call starts
        http.request(s, "GET", url, 5.0, until=time.monotonic() - 0.1)
    assert str(err.value.message) == (
        "sending to 127.0.0.1 took longer than fixit allows for one report."
    )
    assert err.value.retry is True and err.value.maybe_delivered is True
    listener.close()


def test_the_send_deadline_gives_a_slow_uplink_time_for_the_files(tmp_path: Path) -> None:
    from .fakes import payload

    small = payload(tmp_path, files=0)
    big = payload(tmp_path, files=1)
    big = type(big)(
        **{
            **big.__dict__,
            "attachments": [
                type(big.attachments[0])(**{**big.attachments[0].__dict__, "size": 6_400_000})
            ],
        }
    )
    now = time.monotonic()
    room = http.send_deadline(20.0, small) - now
    assert 120.0 <= room < 121.0  # six calls' timeouts and a small report
    assert http.send_deadline(20.0, big) - now - room > 99.0  # 6.4 MB at 64 kB/s
