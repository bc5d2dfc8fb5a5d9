"""The team store's faults on loopback fakes (no PostgreSQL needed): a server whose certificate
this machine does not trust is refused (certificates are verified unless the URL says
otherwise), and a server that accepts the connection but never answers ends the try within the
store's timeout; either way the session's record waits in the outbox with the reason."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import trustme

from tests.conftest import DATA

from .conftest import Run

TREES = str(DATA / "trees")
ANSWERS = "tree: demo\nmode: self\nanswers: {restart: solved}\n"


class Fake:
    """A loopback server: `tls` answers PostgreSQL's SSLRequest and shakes hands with a
    certificate of its own CA; `plain` refuses TLS (and records what the client sends next);
    `silent` accepts and never says a word."""

    def __init__(self, kind: str, tls: ssl.SSLContext | None) -> None:
        self.kind = kind
        self.said: list[bytes] = []
        self.tls = tls
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = int(self.sock.getsockname()[1])
        self.held: list[socket.socket] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.kind == "silent":
                continue  # the client waits for an answer that never comes
            if self.kind == "plain":
                with contextlib.suppress(OSError):
                    conn.recv(8)  # SSLRequest
                    conn.sendall(b"N")
                    self.said.append(b"N")
                    conn.settimeout(1)
                    more = conn.recv(1024)
                    if more:
                        self.said.append(more)
                continue
            assert self.tls is not None
            with contextlib.suppress(OSError):
                conn.recv(8)  # SSLRequest
                conn.sendall(b"S")
                self.tls.wrap_socket(conn, server_side=True).recv(1)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def fake(request: pytest.FixtureRequest, ca: trustme.CA) -> Iterator[Fake]:
    tls = None
    if request.param == "tls":
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(tls)
    server = Fake(request.param, tls)
    yield server
    server.close()


def configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, timeout: int) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"stats: {{store: '{url}', password_env: TEAM_PW, timeout: {timeout}}}\n")
    monkeypatch.setenv("TEAM_PW", "CANARY-password-5ec7")
    monkeypatch.setenv("FIXIT_CONFIG", str(path))


def run_session(fixit: Callable[..., Run], tmp_path: Path) -> Run:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    return fixit("start", "--answers", str(answers), "--trees", TREES)


def waiting_reason() -> str:
    [path] = (Path(os.environ["FIXIT_HOME"]) / "outbox" / "outcomes").glob("*.json")
    return str(json.loads(path.read_text())["last_error"]["en"])


@pytest.mark.parametrize("fake", ["tls"], indirect=True)
def test_a_certificate_this_machine_does_not_trust_is_refused(
    fixit: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: Fake
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    configure(tmp_path, monkeypatch, f"postgresql://fixit@127.0.0.1:{fake.port}/fixit", 3)
    r = run_session(fixit, tmp_path)
    assert r.code == 0 and r.err == ""
    assert waiting_reason() == (
        f"the team statistics store at postgresql://127.0.0.1:{fake.port}/… failed the "
        "certificate check."
    )
    r = fixit("outbox", "send", "--now")
    assert r.code == 1
    assert r.err.splitlines()[1] == (
        "hint: Give the server a certificate this machine trusts (SSL_CERT_FILE is honoured), "
        "or name its CA with sslrootcert in stats.store."
    )
    assert "CANARY" not in r.out + r.err


@pytest.mark.parametrize("fake", ["tls"], indirect=True)
def test_with_its_ca_trusted_the_handshake_passes(
    fixit: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake: Fake,
    ca: trustme.CA,
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    configure(tmp_path, monkeypatch, f"postgresql://fixit@127.0.0.1:{fake.port}/fixit", 3)
    run_session(fixit, tmp_path)
    assert "certificate" not in waiting_reason()  # verified; then the fake says nothing more


@pytest.mark.parametrize("fake", ["silent"], indirect=True)
def test_a_server_that_never_answers_ends_the_try_within_the_timeout(
    fixit: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: Fake
) -> None:
    url = f"postgresql://fixit@127.0.0.1:{fake.port}/fixit?sslmode=disable"
    configure(tmp_path, monkeypatch, url, 2)
    started = time.monotonic()
    r = run_session(fixit, tmp_path)
    took = time.monotonic() - started
    assert r.code == 0 and r.err == ""
    assert took < 8, took  # libpq's 2 s connect timeout, and the session's own work
    assert waiting_reason().startswith("cannot reach the team statistics store at")


@pytest.mark.parametrize("fake", ["plain"], indirect=True)
def test_a_server_without_tls_is_not_talked_to_in_the_clear(
    fixit: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: Fake
) -> None:
    configure(tmp_path, monkeypatch, f"postgresql://fixit@127.0.0.1:{fake.port}/fixit", 3)
    run_session(fixit, tmp_path)
    assert waiting_reason() == (
        f"the team statistics store at postgresql://127.0.0.1:{fake.port}/… does not offer TLS."
    )
    assert fake.said == [b"N"]  # it refused the SSLRequest: nothing else was sent
