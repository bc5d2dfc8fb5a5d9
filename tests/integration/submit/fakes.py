"""Loopback fake help desks for submit-target tests: a small HTTP server in a daemon thread that
records every request, lets a test-specific app check its shape, and throws the faults real
servers throw (an error status first, a connection reset after the work was done)."""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import Attachment, Payload, SubmitError

CANARY = "CANARY-s3cr3t-7f1e2d"  # a secret value that must appear in no message, repr or output
MAX_BODY = 8 * 1024 * 1024


@dataclass
class Seen:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def header(self, name: str) -> str | None:
        """A header's value by case-insensitive name."""
        return self.headers.get(name.lower())

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)

    def arg(self, name: str) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class Reply:
    """What the app answers: a status, a JSON-able or bytes body, extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class Wrong(Exception):
    """Raised by an app when a request is not shaped as the real API documents it."""


@dataclass
class Fault:
    """A planned misbehaviour for requests matching method and path (a trailing * is a prefix)."""

    method: str
    path: str
    times: int
    status: int | None  # None: do the work, then reset the connection instead of answering
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # with status None: wait this long before resetting (a read timeout)


App = Callable[[Seen], Reply]


class FakeServer:
    """A loopback HTTP server driven by `app`; faults are consumed in the order planned."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.seen: list[Seen] = []
        self.problems: list[str] = []
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def answer(
        self,
        method: str,
        path: str,
        status: int,
        times: int = 1,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer `status` (without doing the work) to the next `times` matching requests."""
        self.faults.append(Fault(method, path, times, status, body, headers or {}))

    def reset_after(self, method: str, path: str, times: int = 1) -> None:
        """Do the work for the next matching requests, then reset the connection unanswered."""
        self.faults.append(Fault(method, path, times, None))

    def stall_after(self, method: str, path: str, seconds: float) -> None:
        """Do the work for the next matching request, then say nothing for `seconds`."""
        self.faults.append(Fault(method, path, 1, None, stall=seconds))

    def calls(self, method: str, path: str = "*") -> list[Seen]:
        """The recorded requests with this method and path (a trailing * matches a prefix)."""
        return [s for s in self.seen if s.method == method and _matches(path, s.path)]

    def _fault(self, seen: Seen) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if (
                    fault.times > 0
                    and fault.method == seen.method
                    and seen.path.startswith(fault.path)
                ):
                    fault.times -= 1
                    return fault
        return None

    def handle(self, seen: Seen) -> Reply | None:
        """The reply for one request, or None to reset the connection."""
        with self.lock:
            self.seen.append(seen)
        fault = self._fault(seen)
        if fault is not None and fault.status is not None:
            return Reply(fault.status, fault.body, fault.headers)
        try:
            with self.lock:
                reply = self.app(seen)
        except Wrong as exc:
            self.problems.append(f"{seen.method} {seen.path}: {exc}")
            reply = Reply(400, {"error": "fake: request not shaped as documented"})
        if fault is not None and fault.stall:
            time.sleep(fault.stall)
        return None if fault is not None else reply


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def _handler_for(fake: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if "chunked" in headers.get("transfer-encoding", ""):
                fake.problems.append(f"{self.command} {parts.path}: chunked body")
            length = min(int(headers.get("content-length", "0") or 0), MAX_BODY)
            body = self.rfile.read(length) if length else b""
            query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            reply = fake.handle(Seen(self.command, parts.path, query, headers, body))
            if reply is None:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
                return
            data = reply.body if isinstance(reply.body, bytes) else b""
            if reply.body is not None and not isinstance(reply.body, bytes):
                data = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            if not isinstance(reply.body, bytes):
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    return Handler


@contextmanager
def running(app: App) -> Iterator[FakeServer]:
    """A started fake; on exit it stops and fails the test if any request was misshapen."""
    fake = FakeServer(app)
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.httpd.shutdown()
        fake.httpd.server_close()
    assert fake.problems == [], fake.problems


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests must never go through a proxy from the environment."""
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def basic_auth(seen: Seen) -> tuple[str, str] | None:
    """The user and password of a Basic Authorization header."""
    value = seen.header("Authorization") or ""
    if not value.startswith("Basic "):
        return None
    user, _, password = base64.b64decode(value[6:]).decode().partition(":")
    return user, password


def multipart(seen: Seen) -> list[tuple[str, str | None, bytes]]:
    """The parts of a multipart/form-data body: (field name, file name, bytes)."""
    ctype = seen.header("Content-Type") or ""
    if not ctype.startswith("multipart/form-data"):
        raise Wrong(f"expected multipart/form-data, got {ctype!r}")
    head = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + seen.body)
    parts = []
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        parts.append((str(name), part.get_filename(), data if isinstance(data, bytes) else b""))
    return parts


def secrets(lookup: dict[str, str]) -> Callable[[str], str | None]:
    """A SecretLookup over a dict."""
    return lookup.get


def payload(tmp_path: Path, report_id: str = "fixit-20250101-abcd", files: int = 2) -> Payload:
    """A small report with real attachment files."""
    attachments = []
    for i in range(files):
        data = f"line {i}\n".encode() * (i + 3)
        path = tmp_path / f"log{i}.txt"
        path.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(Attachment(path, f"log{i}.txt", "text/plain", len(data), digest))
    report = {"title": "Printer offline", "urgency": "critical", "report_id": report_id}
    return Payload(
        report_id=report_id,
        title="Printer offline",
        report=report,
        markdown="# Printer offline\n\n**What happened:** nothing prints\n",
        text="Printer offline\n\nWhat happened: nothing prints\n",
        html="<h1>Printer offline</h1>",
        json=json.dumps(report, sort_keys=True),
        attachments=attachments,
        contact="user@example.fi",
    )


def assert_clean(exc: SubmitError, *secret_values: str) -> None:
    """No secret in the message, the hint or the repr of an error."""
    for value in (CANARY, *secret_values):
        for text in (str(exc), str(exc.message), str(exc.hint), repr(exc), repr(exc.args)):
            assert value not in text
    assert "Traceback" not in str(exc.message)


def assert_redirect_refused(exc: SubmitError, fake: FakeServer) -> None:
    """A 3xx ends the send: nothing follows it, and the error says a fix is needed."""
    assert [s for s in fake.seen if s.path == "/stolen"] == []
    assert_clean(exc)
    assert exc.retry is False
    assert "redirects to http://127.0.0.1:" in str(exc.message)  # where to, not its path or query
    assert "/stolen" not in str(exc.message)
