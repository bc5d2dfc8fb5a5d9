"""Jira Service Management target against a loopback fake of the servicedeskapi REST API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit import jira as jira_module
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
    multipart,
    no_proxy,
    payload,
    running,
    secrets,
)

EMAIL = "agent@example.fi"
API = "/rest/servicedeskapi"


class Jira:
    """The slice of Jira Service Management fixit uses, checked as documented."""

    def __init__(self) -> None:
        self.base = ""
        self.requests: dict[str, dict[str, Any]] = {}
        self.temporary: dict[str, tuple[str, bytes]] = {}
        self.page_max = 50  # Jira gives at most this many per page, whatever limit asks
        self.lag = 0  # searches before a new request shows in them (Jira's index lags)
        self.searches = 0

    def __call__(self, seen: Seen) -> Reply:
        if basic_auth(seen) != (EMAIL, CANARY):
            return Reply(
                401, {"errorMessage": "Unauthorized", "echo": seen.header("Authorization")}
            )
        path = seen.path
        if path == f"{API}/request":
            return self.search(seen) if seen.method == "GET" else self.create(seen)
        if seen.method == "POST" and path == f"{API}/servicedesk/7/attachTemporaryFile":
            return self.temporary_files(seen)
        match = re.fullmatch(f"{API}/request/([A-Z]+-[0-9]+)/attachment", path)
        if match and match.group(1) in self.requests:
            item = self.requests[match.group(1)]
            return self.attach(seen, item) if seen.method == "POST" else self.listing(seen, item)
        raise Wrong("no such endpoint")

    def search(self, seen: Seen) -> Reply:
        """The worst case of Jira's text search: the term is split into words (quotes and "-"
        ignored) and any word matches; newest first, in pages."""
        term = seen.arg("searchTerm")
        if not term or seen.arg("requestOwnership") != "ALL_REQUESTS":
            raise Wrong("search takes searchTerm and requestOwnership=ALL_REQUESTS")
        self.searches += 1
        words = set(re.findall(r"[A-Za-z0-9]+", term))
        hits = [
            self.view(r)
            for r in reversed(self.requests.values())
            if r["visible"] <= self.searches
            and words & set(re.findall(r"[A-Za-z0-9]+", r["summary"]))
        ]
        start = int(seen.arg("start") or 0)
        limit = min(int(seen.arg("limit") or 50), self.page_max)
        values = hits[start : start + limit]
        last = start + limit >= len(hits)
        return Reply(
            200,
            {
                "size": len(values),
                "start": start,
                "limit": limit,
                "isLastPage": last,
                "values": values,
            },
        )

    def index(self) -> None:
        """Let every request show in searches."""
        for item in self.requests.values():
            item["visible"] = 0

    def add(self, summary: str) -> None:
        """A request made by someone else (or an earlier try), visible at once."""
        key = f"SD-{len(self.requests) + 1}"
        self.requests[key] = {"summary": summary, "description": "", "key": key, "visible": 0}
        self.requests[key]["attachments"] = []

    def create(self, seen: Seen) -> Reply:
        if seen.method != "POST" or not (seen.header("Content-Type") or "").startswith(
            "application/json"
        ):
            raise Wrong("create is a JSON POST")
        body = seen.json()
        fields = body.get("requestFieldValues")
        if set(body) != {"serviceDeskId", "requestTypeId", "requestFieldValues"}:
            raise Wrong(f"unexpected body keys {sorted(body)}")
        if body["serviceDeskId"] != "7" or body["requestTypeId"] != "25":
            raise Wrong("wrong service desk or request type")
        if not isinstance(fields, dict) or set(fields) != {"summary", "description"}:
            raise Wrong("requestFieldValues must hold summary and description")
        if len(fields["summary"]) > 255:
            return Reply(400, {"errorMessage": "summary: must be less than 255 characters"})
        key = f"SD-{len(self.requests) + 1}"
        visible = self.searches + self.lag + 1
        self.requests[key] = {**fields, "key": key, "attachments": [], "visible": visible}
        return Reply(201, self.view(self.requests[key]))

    def view(self, item: dict[str, Any]) -> dict[str, Any]:
        return {
            "issueId": str(10000 + len(self.requests)),
            "issueKey": item["key"],
            "requestFieldValues": [
                {"fieldId": "summary", "label": "Summary", "value": item["summary"]},
                {"fieldId": "description", "label": "Description", "value": item["description"]},
            ],
            "_links": {"web": f"{self.base}/servicedesk/customer/portal/1/{item['key']}"},
        }

    def temporary_files(self, seen: Seen) -> Reply:
        if seen.header("X-ExperimentalApi") != "opt-in":
            raise Wrong("attachTemporaryFile needs X-ExperimentalApi: opt-in")
        if seen.header("X-Atlassian-Token") != "no-check":
            raise Wrong("multipart uploads need X-Atlassian-Token: no-check")
        out = []
        for name, filename, data in multipart(seen):
            if name != "file" or not filename:
                raise Wrong("each file goes in a 'file' part with a file name")
            ident = f"temp{len(self.temporary) + 1}"
            self.temporary[ident] = (filename, data)
            out.append({"temporaryAttachmentId": ident, "fileName": filename})
        return Reply(201, {"temporaryAttachments": out})

    def attach(self, seen: Seen, item: dict[str, Any]) -> Reply:
        body = seen.json()
        if set(body) != {"temporaryAttachmentIds", "public"} or body["public"] is not True:
            raise Wrong("attach takes temporaryAttachmentIds and public")
        for ident in body["temporaryAttachmentIds"]:
            if ident not in self.temporary:
                raise Wrong(f"unknown temporary attachment {ident}")
            item["attachments"].append(self.temporary.pop(ident))
        values = [{"filename": n, "size": len(d)} for n, d in item["attachments"]]
        return Reply(201, {"attachments": {"values": values}})

    def listing(self, seen: Seen, item: dict[str, Any]) -> Reply:
        files = [{"filename": n, "size": len(d)} for n, d in item["attachments"]]
        start = int(seen.arg("start") or 0)
        limit = min(int(seen.arg("limit") or self.page_max), self.page_max)
        values = files[start : start + limit]
        last = start + limit >= len(files)
        return Reply(
            200, {"size": len(values), "start": start, "isLastPage": last, "values": values}
        )


@pytest.fixture
def jira() -> Jira:
    return Jira()


@pytest.fixture
def fake(jira: Jira) -> Iterator[FakeServer]:
    with running(jira) as server:
        jira.base = server.url
        yield server


def submitter(fake: FakeServer, token: str = CANARY, **extra: Any) -> Any:
    raw = {
        "type": "jira",
        "url": fake.url,
        "service_desk_id": "7",
        "request_type_id": 25,
        "email": EMAIL,
        "token_env": "JSM_TOKEN",
        "timeout": 5,
    }
    target = validate_target("servicedesk", {**raw, **extra})
    return make_submitter(target, secrets({"JSM_TOKEN": token}))


def test_request_shape_and_attachments(fake: FakeServer, jira: Jira, tmp_path: Path) -> None:
    p = payload(tmp_path)
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("SD-1", f"{fake.url}/servicedesk/customer/portal/1/SD-1")
    (search,) = fake.calls("GET", f"{API}/request")
    assert search.arg("searchTerm") == f'"{p.report_id}"' and search.arg("serviceDeskId") == "7"
    (create,) = fake.calls("POST", f"{API}/request")
    assert create.header("Accept") == "application/json"
    assert create.json()["requestFieldValues"] == {
        "summary": f"Printer offline {p.tag}",
        "description": p.text,
    }
    (upload,) = fake.calls("POST", f"{API}/servicedesk/7/attachTemporaryFile")
    assert [(n, f) for n, f, _ in multipart(upload)] == [("file", "log0.txt"), ("file", "log1.txt")]
    (attach,) = fake.calls("POST", f"{API}/request/SD-1/attachment")
    assert attach.json() == {"temporaryAttachmentIds": ["temp1", "temp2"], "public": True}
    files = jira.requests["SD-1"]["attachments"]
    assert files == [(a.name, a.path.read_bytes()) for a in p.attachments]


def test_long_title_and_description_are_clipped(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    p = payload(tmp_path, files=0)
    big = type(p)(**{**p.__dict__, "title": "t" * 300, "text": "x" * 40_000})
    submitter(fake).send(big)
    item = jira.requests["SD-1"]
    assert len(item["summary"]) == 255 and item["summary"].endswith(p.tag)
    assert len(item["description"]) < 32_767 and item["description"].endswith("Jira's limit]")
    assert fake.calls("POST", f"{API}/servicedesk/7/attachTemporaryFile") == []


def test_503_then_201_makes_exactly_one_request(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    fake.answer("POST", f"{API}/request", 503, body={"errorMessage": "busy"})
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True and "(503)" in str(info.value.message)
    assert_clean(info.value)
    ticket = submitter(fake).send(p)
    assert ticket.ref == "SD-1" and not ticket.existing
    assert list(jira.requests) == ["SD-1"] and len(jira.requests["SD-1"]["attachments"]) == 2


def test_reset_after_create_is_found_and_completed(
    fake: FakeServer, jira: Jira, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jira_module, "LAG_WAITS", (0.0, 0.0, 0.0))
    jira.lag = 100  # the searches right after the broken create do not see it yet
    fake.reset_after("POST", f"{API}/request")
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True and "broke before it answered" in str(info.value.message)
    assert len(fake.calls("GET", f"{API}/request")) == 1 + 3
    jira.index()
    ticket = submitter(fake).send(p)
    assert ticket.ref == "SD-1" and ticket.existing is True
    assert list(jira.requests) == ["SD-1"]
    assert [n for n, _ in jira.requests["SD-1"]["attachments"]] == ["log0.txt", "log1.txt"]


def test_failure_after_attaching_does_not_attach_twice(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    fake.reset_after("POST", f"{API}/request/SD-1/attachment")
    p = payload(tmp_path)
    with pytest.raises(SubmitError):
        submitter(fake).send(p)
    assert submitter(fake).send(p).existing is True
    assert len(jira.requests["SD-1"]["attachments"]) == 2
    assert len(fake.calls("POST", f"{API}/servicedesk/7/attachTemporaryFile")) == 1


def test_503_on_attach_then_retry_attaches_once(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    fake.answer("POST", f"{API}/servicedesk/7/attachTemporaryFile", 503)
    p = payload(tmp_path)
    with pytest.raises(SubmitError):
        submitter(fake).send(p)
    assert submitter(fake).send(p).existing is True
    assert list(jira.requests) == ["SD-1"] and len(jira.requests["SD-1"]["attachments"]) == 2


def test_401_needs_a_fix_and_hides_the_token(fake: FakeServer, tmp_path: Path) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, token=CANARY + "x").send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 refused the request search (HTTP 401: ")
    assert str(info.value.hint) == "Check the credentials in JSM_TOKEN."
    assert_clean(info.value, CANARY + "x")


def test_422_needs_a_fix(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("POST", f"{API}/request", 422, body={"errorMessage": "Field 'x' is required"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 rejected the new request (HTTP 422: ")
    assert_clean(info.value)


def test_redirect_is_refused(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("GET", f"{API}/request", 301, headers={"Location": fake.url + "/stolen"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert fake.calls("POST") == []
    assert_redirect_refused(info.value, fake)


def test_settings_and_secret_checked_before_any_request(fake: FakeServer, tmp_path: Path) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, service_desk_id="../admin").send(payload(tmp_path))
    assert str(info.value.message) == "target 'servicedesk' has service_desk_id '../admin'."
    with pytest.raises(SubmitError) as info:
        submitter(fake, token="").send(payload(tmp_path))
    assert str(info.value.message) == "the API token for target 'servicedesk' is not set."
    assert info.value.retry is False
    assert fake.seen == []


def odd(what: str) -> str:
    return f"127.0.0.1 answered in an unexpected way ({what})."


@pytest.mark.parametrize(
    "body",
    [
        {"values": [{"requestFieldValues": ["x"]}]},
        {"values": "oops"},
        {"values": ["oops"]},
        {"values": [{"issueKey": "SD-1", "requestFieldValues": {"summary": "x"}}]},
        {
            "values": [
                {
                    "issueKey": "SD-1",
                    "requestFieldValues": [{"fieldId": "summary", "value": "x [fixit-1]"}],
                    "_links": "https://example.invalid/",
                }
            ]
        },
    ],
)
def test_odd_search_answer_is_a_clear_retryable_error(
    fake: FakeServer, tmp_path: Path, body: Any
) -> None:
    fake.answer("GET", f"{API}/request", 200, body=body)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path, report_id="fixit-1"))
    assert str(info.value.message) == odd("the request search") and info.value.retry is True
    assert_clean(info.value)
    assert fake.calls("POST") == []


@pytest.mark.parametrize(
    ("method", "path", "body", "what"),
    [
        ("POST", f"{API}/request", {"issueKey": "SD-1", "_links": ["web"]}, "the new request"),
        ("POST", f"{API}/request", ["SD-1"], "the new request"),
        (
            "POST",
            f"{API}/servicedesk/7/attachTemporaryFile",
            {"temporaryAttachments": "x"},
            "the file upload",
        ),
        (
            "POST",
            f"{API}/servicedesk/7/attachTemporaryFile",
            {"temporaryAttachments": [1, 2]},
            "the file upload",
        ),
    ],
)
def test_odd_create_or_upload_answer_is_a_clear_retryable_error(
    fake: FakeServer, tmp_path: Path, method: str, path: str, body: Any, what: str
) -> None:
    fake.answer(method, path, 201, body=body)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert str(info.value.message) == odd(what) and info.value.retry is True
    assert_clean(info.value)


def test_search_pages_until_the_exact_tag(fake: FakeServer, jira: Jira, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    jira.add(f"Printer offline {p.tag}")
    for i in range(7):  # newer reports that share the id's words "fixit" and "20250101"
        jira.add(f"Scanner jam [fixit-20250101-{i:04d}]")
    jira.page_max = 2
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("SD-1", f"{fake.url}/servicedesk/customer/portal/1/SD-1", True)
    searches = fake.calls("GET", f"{API}/request")
    assert [s.arg("start") for s in searches] == ["0", "2", "4", "6"]
    assert fake.calls("POST", f"{API}/request") == []


def test_search_reads_at_most_five_pages(fake: FakeServer, jira: Jira, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    for i in range(20):
        jira.add(f"Scanner jam [fixit-20250101-{i:04d}]")
    jira.page_max = 2
    assert submitter(fake).send(p).ref == "SD-21"
    assert len(fake.calls("GET", f"{API}/request")) == 5


def test_broken_create_is_found_again_within_the_same_send(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    jira.lag = 1  # the first search after the create does not see it yet
    fake.reset_after("POST", f"{API}/request")
    p = payload(tmp_path)
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("SD-1", f"{fake.url}/servicedesk/customer/portal/1/SD-1", False)
    assert len(fake.calls("POST", f"{API}/request")) == 1 and list(jira.requests) == ["SD-1"]
    assert len(fake.calls("GET", f"{API}/request")) == 1 + 2
    assert [n for n, _ in jira.requests["SD-1"]["attachments"]] == ["log0.txt", "log1.txt"]


@pytest.mark.parametrize("bad", [CANARY + "\n", "\r\n" + CANARY, CANARY + "\u2603"])
def test_token_a_header_cannot_carry_is_refused_first(
    fake: FakeServer, tmp_path: Path, bad: str
) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, token=bad).send(payload(tmp_path))
    assert str(info.value.message) == (
        "the token for target 'servicedesk' contains characters an HTTP header cannot carry."
    )
    assert str(info.value.hint).startswith("Check JSM_TOKEN") and info.value.retry is False
    assert_clean(info.value, bad)
    assert fake.seen == []


def test_read_timeout_after_create_is_found_within_the_same_send(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    fake.stall_after("POST", f"{API}/request", 1.5)  # made, but the answer never comes in time
    p = payload(tmp_path)
    ticket = submitter(fake, timeout=1).send(p)
    assert ticket.ref == "SD-1" and ticket.existing is False
    assert len(fake.calls("POST", f"{API}/request")) == 1 and list(jira.requests) == ["SD-1"]
    assert [n for n, _ in jira.requests["SD-1"]["attachments"]] == ["log0.txt", "log1.txt"]


def test_refused_connection_is_not_searched_again(
    fake: FakeServer, jira: Jira, tmp_path: Path
) -> None:
    fake.answer("POST", f"{API}/request", 503)  # answered: Jira made nothing
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is True and info.value.maybe_delivered is False
    assert len(fake.calls("GET", f"{API}/request")) == 1


def test_attachment_list_is_read_page_by_page(fake: FakeServer, jira: Jira, tmp_path: Path) -> None:
    p = payload(tmp_path, files=5)
    fake.answer("POST", f"{API}/servicedesk/7/attachTemporaryFile", 503)
    with pytest.raises(SubmitError):
        submitter(fake).send(p)
    jira.page_max = 2
    items = [(a.name, a.path.read_bytes()) for a in p.attachments]
    jira.requests["SD-1"]["attachments"] = list(items)  # all five there already
    assert submitter(fake).send(p).existing is True
    listings = fake.calls("GET", f"{API}/request/SD-1/attachment")
    assert [s.arg("start") for s in listings] == ["0", "2", "4"]
    assert jira.requests["SD-1"]["attachments"] == items
