"""Zendesk target against a loopback fake of the Support API (tickets, requests, uploads)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import SubmitError, Ticket
from fixit.submit.registry import make_submitter, validate_target

from .fakes import (  # noqa: F401 - no_proxy is an autouse fixture
    CANARY,
    FakeServer,
    Reply,
    Seen,
    Wrong,
    assert_clean,
    assert_redirect_refused,
    basic_auth,
    no_proxy,
    payload,
    running,
    secrets,
)

EMAIL = "agent@example.fi"
PRIORITIES = ("urgent", "high", "normal", "low")


class Zendesk:
    """The slice of Zendesk fixit uses, checked as documented."""

    def __init__(self) -> None:
        self.items: dict[int, dict[str, Any]] = {}
        self.uploads: dict[str, tuple[str, str, bytes]] = {}
        self.keys: dict[str, tuple[Any, int]] = {}
        self.listing_works = True
        self.page_max = 100  # Zendesk gives at most 100 per page

    def __call__(self, seen: Seen) -> Reply:
        if basic_auth(seen) != (f"{EMAIL}/token", CANARY):
            # A careless server echoing the credentials: fixit must still not show them.
            echo = [seen.header("Authorization"), (basic_auth(seen) or ("", ""))[1]]
            return Reply(401, {"error": "Couldn't authenticate you", "echo": echo})
        if not (seen.header("User-Agent") or "").startswith("fixit/"):
            raise Wrong("no fixit User-Agent")
        route = (seen.method, seen.path)
        if route == ("POST", "/api/v2/uploads.json"):
            return self.upload(seen)
        if seen.method == "GET" and seen.path in ("/api/v2/tickets.json", "/api/v2/requests.json"):
            return self.listing(seen)
        if seen.method == "POST" and seen.path in ("/api/v2/tickets.json", "/api/v2/requests.json"):
            return self.create(seen)
        raise Wrong("no such endpoint")

    def upload(self, seen: Seen) -> Reply:
        name = seen.arg("filename")
        ctype = seen.header("Content-Type") or ""
        if not name or not seen.body or ctype.startswith(("application/json", "multipart/")):
            raise Wrong("an upload is ?filename=NAME with the raw file as the body")
        token = f"tok{len(self.uploads) + 1}"
        self.uploads[token] = (name, ctype, seen.body)
        return Reply(201, {"upload": {"token": token, "attachment": {"file_name": name}}})

    def listing(self, seen: Seen) -> Reply:
        kind = seen.path.split("/")[-1].split(".")[0]
        shown = list(self.items.values()) if self.listing_works else []
        if kind == "tickets":
            if not seen.arg("external_id"):
                raise Wrong("fixit looks tickets up by external_id")
            found = [t for t in shown if t.get("external_id") == seen.arg("external_id")]
            return Reply(200, {"tickets": found, "count": len(found)})
        if seen.arg("sort_by") != "created_at" or seen.arg("sort_order") != "desc":
            raise Wrong("fixit reads the newest requests first")
        size = min(int(seen.arg("per_page") or 100), self.page_max)
        page = int(seen.arg("page") or 1)
        newest = shown[::-1]
        rows = newest[(page - 1) * size : page * size]
        more = page * size < len(newest)
        following = f"/api/v2/requests.json?page={page + 1}" if more else None
        return Reply(200, {"requests": rows, "count": len(shown), "next_page": following})

    def create(self, seen: Seen) -> Reply:
        kind = seen.path.split("/")[-1].split(".")[0]
        if not (seen.header("Content-Type") or "").startswith("application/json"):
            raise Wrong("create takes JSON")
        body = seen.json()
        key = seen.header("Idempotency-Key")
        if not key:
            raise Wrong("no Idempotency-Key")
        if key in self.keys:
            first, ident = self.keys[key]
            if first != body:
                error = {"error": "IdempotentRequestError", "description": "parameters differ"}
                return Reply(400, error)
            return Reply(201, {kind[:-1]: self.items[ident]}, {"x-idempotency-lookup": "hit"})
        item = self.check(kind, body)
        ident = len(self.items) + 1
        self.items[ident] = {**item, "id": ident}
        self.keys[key] = (body, ident)
        return Reply(201, {kind[:-1]: self.items[ident]}, {"x-idempotency-lookup": "miss"})

    def check(self, kind: str, body: Any) -> dict[str, Any]:
        item = body.get(kind[:-1]) if isinstance(body, dict) else None
        if not isinstance(item, dict) or set(body) != {kind[:-1]}:
            raise Wrong(f"body must be {{{kind[:-1]!r}: {{...}}}}")
        comment = item.get("comment")
        if not isinstance(item.get("subject"), str) or not isinstance(comment, dict):
            raise Wrong("subject and comment are required")
        if not isinstance(comment.get("body"), str):
            raise Wrong("comment.body is required")
        if any(t not in self.uploads for t in comment.get("uploads", [])):
            raise Wrong("an upload token that was never issued")
        allowed = {"subject", "comment", "priority", "tags", "external_id"}
        if kind == "requests":
            allowed = {"subject", "comment"}
        if set(item) - allowed:
            raise Wrong(f"unknown fields {set(item) - allowed}")
        if "priority" in item and item["priority"] not in PRIORITIES:
            raise Wrong("bad priority")
        return item


@pytest.fixture
def zd() -> Zendesk:
    return Zendesk()


@pytest.fixture
def fake(zd: Zendesk) -> Iterator[FakeServer]:
    with running(zd) as server:
        yield server


def submitter(fake: FakeServer, token: str = CANARY, **extra: Any) -> Any:
    raw = {"type": "zendesk", "url": fake.url + "/", "email": EMAIL, "token_env": "ZD_TOKEN"}
    target = validate_target("helpdesk", {**raw, "timeout": 5, **extra})
    return make_submitter(target, secrets({"ZD_TOKEN": token}))


def test_ticket_with_uploads_priority_tag_and_idempotency_key(
    fake: FakeServer, zd: Zendesk, tmp_path: Path
) -> None:
    p = payload(tmp_path)
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("#1", f"{fake.url}/agent/tickets/1", existing=False)
    assert [s.arg("external_id") for s in fake.calls("GET")] == [p.report_id]
    uploads = fake.calls("POST", "/api/v2/uploads.json")
    assert [(s.arg("filename"), s.header("Content-Type")) for s in uploads] == [
        ("log0.txt", "text/plain"),
        ("log1.txt", "text/plain"),
    ]
    assert [s.body for s in uploads] == [a.path.read_bytes() for a in p.attachments]
    (create,) = fake.calls("POST", "/api/v2/tickets.json")
    assert create.header("Idempotency-Key") == p.report_id
    sent = create.json()["ticket"]
    assert sent == {
        "subject": f"Printer offline {p.tag}",
        "comment": {"body": p.text, "uploads": ["tok1", "tok2"]},
        "priority": "urgent",
        "tags": ["fixit"],
        "external_id": p.report_id,
    }
    assert CANARY not in repr(submitter(fake))


def test_priority_map_from_settings_and_long_title(fake: FakeServer, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    long = type(p)(**{**p.__dict__, "title": "x" * 400})
    submitter(fake, priorities={"critical": "high"}).send(long)
    sent = fake.calls("POST", "/api/v2/tickets.json")[0].json()["ticket"]
    assert sent["priority"] == "high"
    assert len(sent["subject"]) == 255 and sent["subject"].endswith(p.tag)
    assert "uploads" not in sent["comment"]


def test_requests_api_for_end_users(fake: FakeServer, zd: Zendesk, tmp_path: Path) -> None:
    p = payload(tmp_path, files=1)
    ticket = submitter(fake, api="requests").send(p)
    assert ticket == Ticket("#1", f"{fake.url}/hc/requests/1")
    (create,) = fake.calls("POST", "/api/v2/requests.json")
    assert create.header("Idempotency-Key") == p.report_id
    assert create.json() == {
        "request": {
            "subject": f"Printer offline {p.tag}",
            "comment": {"body": p.text, "uploads": ["tok1"]},
        }
    }
    again = submitter(fake, api="requests").send(p)
    assert again == Ticket("#1", f"{fake.url}/hc/requests/1", existing=True)
    assert len(zd.items) == 1


@pytest.mark.parametrize("path", ["/api/v2/tickets.json", "/api/v2/uploads.json"])
def test_503_then_201_makes_exactly_one_ticket(
    fake: FakeServer, zd: Zendesk, tmp_path: Path, path: str
) -> None:
    fake.answer("POST", path, 503, body={"error": "down"})
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True
    assert "could not take" in str(info.value.message) and "(503)" in str(info.value.message)
    assert_clean(info.value)
    ticket = submitter(fake).send(p)
    assert ticket.ref == "#1" and not ticket.existing
    assert len(zd.items) == 1


def test_reset_after_create_is_found_on_retry(
    fake: FakeServer, zd: Zendesk, tmp_path: Path
) -> None:
    fake.reset_after("POST", "/api/v2/tickets.json")
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True and "127.0.0.1" in str(info.value.message)
    assert len(zd.items) == 1
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("#1", f"{fake.url}/agent/tickets/1", existing=True)
    assert len(zd.items) == 1 and len(fake.calls("POST", "/api/v2/tickets.json")) == 1


def test_idempotency_key_dedupes_when_the_lookup_misses(
    fake: FakeServer, zd: Zendesk, tmp_path: Path
) -> None:
    zd.listing_works = False
    fake.reset_after("POST", "/api/v2/tickets.json")
    p = payload(tmp_path, files=0)
    with pytest.raises(SubmitError):
        submitter(fake).send(p)
    ticket = submitter(fake).send(p)
    assert ticket.ref == "#1" and ticket.existing is True
    assert len(zd.items) == 1


def test_key_reused_with_new_uploads_finds_the_earlier_ticket(
    fake: FakeServer, zd: Zendesk, tmp_path: Path
) -> None:
    zd.listing_works = False
    fake.reset_after("POST", "/api/v2/tickets.json")
    p = payload(tmp_path)
    with pytest.raises(SubmitError):
        submitter(fake).send(p)
    with pytest.raises(SubmitError) as info:  # the lookup still misses: wait, do not duplicate
        submitter(fake).send(p)
    assert info.value.retry is True and "still creating" in str(info.value.message)
    zd.listing_works = True
    assert submitter(fake).send(p).existing is True
    assert len(zd.items) == 1


def test_401_needs_a_fix_and_never_shows_the_token(fake: FakeServer, tmp_path: Path) -> None:
    target = validate_target(
        "helpdesk", {"type": "zendesk", "url": fake.url, "email": EMAIL, "token_env": "ZD_TOKEN"}
    )
    wrong = make_submitter(target, secrets({"ZD_TOKEN": CANARY + "-old"}))
    with pytest.raises(SubmitError) as info:
        wrong.send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 refused the ticket search (HTTP 401: ")
    assert str(info.value.hint) == "Check the credentials in ZD_TOKEN."
    assert_clean(info.value, CANARY + "-old")


def test_422_needs_a_fix(fake: FakeServer, tmp_path: Path) -> None:
    details = {"error": "RecordInvalid", "details": {"base": [{"description": "Subject: bad"}]}}
    fake.answer("POST", "/api/v2/tickets.json", 422, body=details)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 rejected the new ticket (HTTP 422: ")
    assert "RecordInvalid" in str(info.value.message)
    assert_clean(info.value)


def test_redirect_is_refused(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("GET", "/api/v2/tickets.json", 302, headers={"Location": fake.url + "/stolen"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert fake.calls("POST") == []
    assert_redirect_refused(info.value, fake)


def test_missing_token_and_bad_api(fake: FakeServer, tmp_path: Path) -> None:
    raw = {"type": "zendesk", "url": fake.url, "email": EMAIL, "token_env": "ZD_TOKEN"}
    with pytest.raises(SubmitError) as info:
        make_submitter(validate_target("helpdesk", raw), secrets({})).send(payload(tmp_path))
    assert str(info.value.message) == "the API token for target 'helpdesk' is not set."
    assert "Set ZD_TOKEN in the environment" in str(info.value.hint) and info.value.retry is False
    with pytest.raises(SubmitError) as info:
        submitter(fake, api="agents").send(payload(tmp_path))
    assert str(info.value.message) == "target 'helpdesk' has api 'agents'." and not info.value.retry
    assert fake.seen == []


def test_missing_attachment_is_named(fake: FakeServer, tmp_path: Path) -> None:
    p = payload(tmp_path)
    p.attachments[1].path.unlink()
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert str(info.value.message).startswith("the attachment log1.txt could not be read")
    assert info.value.retry is False
    assert fake.calls("POST", "/api/v2/tickets.json") == []


def odd(what: str) -> str:
    return f"127.0.0.1 answered in an unexpected way ({what})."


@pytest.mark.parametrize(
    ("api", "method", "path", "body", "what"),
    [
        ("tickets", "GET", "/api/v2/tickets.json", {"tickets": "oops"}, "the ticket search"),
        ("tickets", "GET", "/api/v2/tickets.json", {"tickets": ["oops"]}, "the ticket search"),
        ("tickets", "GET", "/api/v2/tickets.json", {"tickets": [{"id": "7"}]}, "the ticket search"),
        ("requests", "GET", "/api/v2/requests.json", {"requests": ["oops"]}, "the request list"),
        ("tickets", "POST", "/api/v2/uploads.json", {"upload": "tok1"}, "the upload of log0.txt"),
        ("tickets", "POST", "/api/v2/uploads.json", ["tok1"], "the upload of log0.txt"),
        ("tickets", "POST", "/api/v2/tickets.json", {"ticket": "oops"}, "the new ticket"),
        ("requests", "POST", "/api/v2/requests.json", {"request": {"id": None}}, "the new request"),
    ],
)
def test_odd_answer_is_a_clear_retryable_error(
    fake: FakeServer, tmp_path: Path, api: str, method: str, path: str, body: Any, what: str
) -> None:
    fake.answer(method, path, 200 if method == "GET" else 201, body=body)
    with pytest.raises(SubmitError) as info:
        submitter(fake, api=api).send(payload(tmp_path))
    assert str(info.value.message) == odd(what) and info.value.retry is True
    assert_clean(info.value)


@pytest.mark.parametrize("bad", [CANARY + "\n", "\r\n" + CANARY, CANARY + "\u2603"])
def test_token_a_header_cannot_carry_is_refused_first(
    fake: FakeServer, tmp_path: Path, bad: str
) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, token=bad).send(payload(tmp_path))
    assert str(info.value.message) == (
        "the token for target 'helpdesk' contains characters an HTTP header cannot carry."
    )
    assert str(info.value.hint).startswith("Check ZD_TOKEN") and info.value.retry is False
    assert_clean(info.value, bad)
    assert fake.seen == []


def test_request_list_is_read_page_by_page(fake: FakeServer, zd: Zendesk, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    zd.items[1] = {"id": 1, "subject": f"Printer offline {p.tag}"}
    for i in range(2, 9):  # newer requests of the same user
        zd.items[i] = {"id": i, "subject": f"Scanner jam [fixit-20250101-{i:04d}]"}
    zd.page_max = 2
    ticket = submitter(fake, api="requests").send(p)
    assert ticket == Ticket("#1", f"{fake.url}/hc/requests/1", existing=True)
    pages = [s.arg("page") for s in fake.calls("GET", "/api/v2/requests.json")]
    assert pages == ["1", "2", "3", "4"]
    assert fake.calls("POST", "/api/v2/requests.json") == []


def test_request_list_reads_at_most_five_pages(
    fake: FakeServer, zd: Zendesk, tmp_path: Path
) -> None:
    p = payload(tmp_path, files=0)
    for i in range(1, 21):
        zd.items[i] = {"id": i, "subject": f"Scanner jam [fixit-20250101-{i:04d}]"}
    zd.page_max = 2
    assert submitter(fake, api="requests").send(p).ref == "#21"
    assert len(fake.calls("GET", "/api/v2/requests.json")) == 5
