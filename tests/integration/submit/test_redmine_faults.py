"""The redmine target against a loopback fake Redmine that checks each request's shape as the
REST API documents it and throws the faults real servers throw: 503, a reset after the issue
was made, 401, 422. A retry never makes a second issue; the API key shows up nowhere."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import socket
import struct
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from fixit.submit import redmine
from fixit.submit.base import Attachment, Payload, SubmitError, Ticket
from fixit.submit.registry import validate_target

CANARY = "CANARY-rm-9d41c0ffee"  # the API key: must appear in no message, hint or repr
PROJECT = "fixit-test"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@dataclass
class FakeRedmine:
    """The state of a fake Redmine: issues, uploads, what it received and faults to throw."""

    key: str = CANARY
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # shape violations: a test asserts none
    faults: list[str] = field(default_factory=list)  # for POST /issues.json, first one first
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def posts(self, path: str) -> int:
        """How many POSTs to `path` arrived."""
        return sum(1 for m, p in self.seen if (m, p) == ("POST", path))


class Handler(BaseHTTPRequestHandler):
    """Redmine's /issues.json (GET, POST) and /uploads.json (POST), nothing else."""

    fake: FakeRedmine

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        """Route a GET."""
        self._route("GET")

    def do_POST(self) -> None:
        """Route a POST."""
        self._route("POST")

    def _route(self, method: str) -> None:
        fake = self.fake
        path, _, query = self.path.partition("?")
        params = {k: v[0] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with fake.lock:
            fake.seen.append((method, path))
        if self.headers.get("Authorization") or "key" in params:
            fake.problems.append("the key went somewhere but the X-Redmine-API-Key header")
        if self.headers.get("X-Redmine-API-Key") != fake.key:
            self._answer(401, b"")
        elif (method, path) == ("GET", "/issues.json"):
            self._search(params)
        elif (method, path) == ("POST", "/uploads.json"):
            self._upload(params, body)
        elif (method, path) == ("POST", "/issues.json"):
            self._create(body)
        else:
            fake.problems.append(f"unexpected {method} {path}")
            self._answer(404, b"")

    def _search(self, params: dict[str, str]) -> None:
        fake = self.fake
        if params.get("project_id") != PROJECT or params.get("status_id") != "*":
            fake.problems.append(f"search without project or all statuses: {params}")
        text = params.get("subject", "")
        if not text.startswith("~") or len(text) < 2:
            fake.problems.append(f"search without a subject~ filter: {params}")
        with fake.lock:
            hits = [i for i in fake.issues.values() if text[1:] in i["subject"]]
        self._json(200, {"issues": hits, "total_count": len(hits), "offset": 0, "limit": 100})

    def _upload(self, params: dict[str, str], body: bytes) -> None:
        fake = self.fake
        if self.headers.get("Content-Type") != "application/octet-stream":
            fake.problems.append(f"upload as {self.headers.get('Content-Type')}")
        if not params.get("filename"):
            fake.problems.append("upload without ?filename=")
        with fake.lock:
            number = len(fake.uploads) + 1
            token = f"{number}.{hashlib.sha256(body).hexdigest()[:16]}"
            fake.uploads[token] = (params.get("filename", ""), body)
        self._json(201, {"upload": {"id": number, "token": token}})

    def _create(self, body: bytes) -> None:
        fake = self.fake
        with fake.lock:
            fault = fake.faults.pop(0) if fake.faults else ""
        if fault == "503":
            return self._answer(503, b"<html>Service Unavailable</html>")
        if fault == "401":
            return self._answer(401, b"")
        if fault == "422":
            return self._json(422, {"errors": ["Tracker cannot be blank", "Subject is too long"]})
        if fault == "403-echo":  # a server that repeats the key it was given
            return self._answer(403, f"no rights for key {fake.key}".encode())
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            fake.problems.append(f"issue as {self.headers.get('Content-Type')}")
        issue = json.loads(body)["issue"]
        self._check_issue(issue)
        with fake.lock:
            number = len(fake.issues) + 1
            fake.issues[number] = dict(issue, id=number)
        if fault == "reset":  # made, then the answer is lost: the socket closes with a RST
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.connection.close()
            self.close_connection = True
            return None
        return self._json(201, {"issue": {"id": number, "subject": issue["subject"]}})

    def _check_issue(self, issue: dict[str, Any]) -> None:
        fake = self.fake
        if issue.get("project_id") != PROJECT:
            fake.problems.append(f"issue for project {issue.get('project_id')!r}")
        if not 0 < len(issue.get("subject", "")) <= 255:
            fake.problems.append("issue subject empty or over 255 characters")
        for up in issue.get("uploads", []):
            if set(up) != {"token", "filename", "content_type"} or up["token"] not in fake.uploads:
                fake.problems.append(f"bad upload reference {up}")
            elif fake.uploads[up["token"]][0] != up["filename"]:
                fake.problems.append(f"upload {up['token']} renamed to {up['filename']}")

    def _json(self, code: int, body: dict[str, Any]) -> None:
        self._answer(code, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _answer(self, code: int, body: bytes, kind: str = "text/html") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def fake() -> Iterator[FakeRedmine]:
    """A fake Redmine on 127.0.0.1 in a daemon thread; no shape problems allowed at the end."""
    state = FakeRedmine()
    handler = type("BoundHandler", (Handler,), {"fake": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
    assert state.problems == []


def submitter(url: str, key: str | None = CANARY, **extra: Any) -> redmine.RedmineSubmitter:
    """A submitter built the way fixit builds one: validated settings, a secret lookup."""
    raw = {
        "type": "redmine",
        "url": url,
        "project": PROJECT,
        "api_key_env": "REDMINE_API_KEY",
        "priorities": {"critical": 5, "high": 4, "normal": 2, "low": 1},
        "timeout": 5,
        **extra,
    }
    target = validate_target("helpdesk", raw)
    return redmine.make(target, {"REDMINE_API_KEY": key}.get)


def payload(tmp: Path, report_id: str = "fixit-20250101-abcd", title: str = "VPN drops") -> Payload:
    """A payload with a PNG-ish file and a text file attached."""
    png, log = tmp / "screen.png", tmp / "vpn.log"
    png.write_bytes(PNG)
    log.write_text("line 1\nline 2\n")
    files = [
        Attachment(p, p.name, mime, p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p, mime in ((png, "image/png"), (log, "text/plain"))
    ]
    report = {"id": report_id, "title": title, "urgency": "high"}
    return Payload(
        report_id=report_id,
        title=title,
        report=report,
        markdown=f"# {title}\n\nThe VPN drops every hour.\n",
        text=f"{title}\n\nThe VPN drops every hour.\n",
        html=f"<h1>{title}</h1>",
        json=json.dumps(report),
        attachments=files,
    )


def clean(exc: SubmitError, *also: object) -> None:
    """The API key is in no text the error (or anything else given) can show."""
    for text in (str(exc), str(exc.message), str(exc.hint), repr(exc), *map(repr, also)):
        assert CANARY not in text


def test_creates_one_issue_with_the_files_and_finds_it_again(fake: FakeRedmine, tmp_path: Path):
    p = payload(tmp_path)
    s = submitter(fake.url, tracker_id=3)
    assert s.send(p) == Ticket("#1", f"{fake.url}/issues/1", existing=False)
    issue = fake.issues[1]
    assert issue["subject"] == "VPN drops [fixit-20250101-abcd]"
    assert issue["description"] == p.markdown
    assert (issue["priority_id"], issue["tracker_id"]) == (4, 3)
    names = [u["filename"] for u in issue["uploads"]]
    assert names == ["screen.png", "vpn.log", "report.md", "report.json", "report.html"]
    assert [u["content_type"] for u in issue["uploads"]][:2] == ["image/png", "text/plain"]
    assert fake.uploads[issue["uploads"][0]["token"]] == ("screen.png", PNG)
    assert s.send(p) == Ticket("#1", f"{fake.url}/issues/1", existing=True)
    assert (len(fake.issues), fake.posts("/uploads.json")) == (1, 5)
    assert CANARY not in repr(s)


def test_no_tracker_or_unmapped_urgency_leaves_redmine_defaults(fake: FakeRedmine, tmp_path):
    p = dataclasses.replace(payload(tmp_path), report={"urgency": None})
    submitter(fake.url).send(p)
    assert "priority_id" not in fake.issues[1] and "tracker_id" not in fake.issues[1]


def test_a_503_then_201_makes_exactly_one_issue(fake: FakeRedmine, tmp_path: Path):
    fake.faults = ["503"]
    p, s = payload(tmp_path), submitter(fake.url)
    with pytest.raises(SubmitError) as caught:
        s.send(p)
    assert caught.value.retry is True
    assert "503" in str(caught.value.message) and "127.0.0.1" in str(caught.value.message)
    clean(caught.value)
    assert s.send(p).existing is False
    assert list(fake.issues) == [1] and fake.posts("/issues.json") == 2


def test_a_reset_after_the_issue_was_made_is_found_on_retry(fake: FakeRedmine, tmp_path: Path):
    fake.faults = ["reset"]
    p, s = payload(tmp_path), submitter(fake.url)
    with pytest.raises(SubmitError) as caught:
        s.send(p)
    assert caught.value.retry is True
    clean(caught.value)
    assert s.send(p) == Ticket("#1", f"{fake.url}/issues/1", existing=True)
    assert list(fake.issues) == [1] and fake.posts("/issues.json") == 1


def test_a_wrong_key_is_401_and_needs_a_fix(fake: FakeRedmine, tmp_path: Path):
    fake.key = "the-right-key"
    with pytest.raises(SubmitError) as caught:
        submitter(fake.url).send(payload(tmp_path))
    assert caught.value.retry is False
    assert "401" in str(caught.value.message) and "REDMINE_API_KEY" in str(caught.value.hint)
    clean(caught.value)
    assert fake.issues == {} and fake.seen == [("GET", "/issues.json")]


def test_a_401_on_create_needs_a_fix(fake: FakeRedmine, tmp_path: Path):
    fake.faults = ["401"]
    with pytest.raises(SubmitError) as caught:
        submitter(fake.url).send(payload(tmp_path))
    assert caught.value.retry is False and "REDMINE_API_KEY" in str(caught.value.hint)
    clean(caught.value)


def test_a_422_names_redmines_errors_and_needs_a_fix(fake: FakeRedmine, tmp_path: Path):
    fake.faults = ["422"]
    with pytest.raises(SubmitError) as caught:
        submitter(fake.url).send(payload(tmp_path))
    err = caught.value
    assert err.retry is False
    assert str(err.message) == (
        "127.0.0.1 rejected the issue (HTTP 422: Tracker cannot be blank; Subject is too long)."
    )
    assert "tracker_id" in str(err.hint)
    clean(err)
    assert fake.issues == {}


def test_a_server_echoing_the_key_does_not_leak_it(fake: FakeRedmine, tmp_path: Path):
    fake.faults = ["403-echo"]
    with pytest.raises(SubmitError) as caught:
        submitter(fake.url).send(payload(tmp_path))
    assert caught.value.retry is False
    assert (
        str(caught.value.message)
        == "127.0.0.1 refused the issue (HTTP 403: no rights for key ***)."
    )
    clean(caught.value)


def test_a_similar_tag_is_not_taken_for_this_report(fake: FakeRedmine, tmp_path: Path):
    fake.issues[1] = {"id": 1, "subject": "older [fixit-20250101-abcd2]"}
    ticket = submitter(fake.url).send(payload(tmp_path))
    assert ticket == Ticket("#2", f"{fake.url}/issues/2", existing=False)


def test_a_long_title_is_clipped_and_keeps_the_tag(fake: FakeRedmine, tmp_path: Path):
    submitter(fake.url).send(payload(tmp_path, title="word\r\nBcc: x " * 60))
    subject = fake.issues[1]["subject"]
    assert len(subject) == 255 and subject.endswith("… [fixit-20250101-abcd]")
    assert "\r" not in subject and "\n" not in subject


def test_an_unreadable_attachment_is_a_clear_error(fake: FakeRedmine, tmp_path: Path):
    p = payload(tmp_path)
    p.attachments[1].path.unlink()
    with pytest.raises(SubmitError) as caught:
        submitter(fake.url).send(p)
    assert caught.value.retry is False
    assert str(caught.value.message).startswith("the attachment vpn.log could not be read")
    assert fake.issues == {}


def test_a_missing_key_says_which_variable_to_set():
    with pytest.raises(SubmitError) as caught:
        submitter("http://127.0.0.1:9", key=None)
    assert str(caught.value.message) == "the API key for target 'helpdesk' is not set."
    assert str(caught.value.hint).startswith("Set REDMINE_API_KEY in the environment")
    assert caught.value.retry is False


def test_a_key_a_header_cannot_carry_is_refused_without_showing_it():
    with pytest.raises(SubmitError) as caught:
        submitter("http://127.0.0.1:9", key=CANARY + "\r\nX-Evil: 1")
    assert caught.value.retry is False and "REDMINE_API_KEY" in str(caught.value.message)
    clean(caught.value)


def test_a_priority_that_is_not_a_number_is_a_configuration_error():
    with pytest.raises(SubmitError) as caught:
        submitter("http://127.0.0.1:9", priorities={"high": "Urgent"})
    assert caught.value.retry is False and "priorities.high" in str(caught.value.message)


def test_nothing_listening_is_a_retry(tmp_path: Path):
    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SubmitError) as caught:
        submitter(f"http://127.0.0.1:{port}").send(payload(tmp_path))
    assert caught.value.retry is True
    clean(caught.value)
