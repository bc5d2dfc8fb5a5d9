"""Adding a report to an existing ticket (a Redmine note, a Jira Service Management comment, a
Zendesk comment, a GitHub comment) against loopback fakes of each API: the note as previewed,
exactly once across a retry (also after the server made it and the answer was lost), a ticket
that is not there, a reference the target cannot take; and the search for fixit's own open
tickets of the same case (Redmine, Jira)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import Payload, SubmitError, Target
from fixit.submit.notes import case_marker
from fixit.submit.registry import make_finder, make_noter, sent_body, validate_target

from .fakes import (  # noqa: F401 - no_proxy is an autouse fixture
    CANARY,
    FakeServer,
    Reply,
    Seen,
    Wrong,
    assert_clean,
    no_proxy,
    payload,
    running,
    secrets,
)

REPO = "acme/helpdesk"
JSM = "/rest/servicedeskapi"
CASE = case_marker("printer", "driver-broken", "Example Oy")


class Desk:
    """Every help desk's comments endpoints at once, each ticket's notes in a list."""

    def __init__(self) -> None:
        self.notes: dict[str, list[str]] = {"1234": ["first caller"], "SD-7": []}
        self.cases: list[dict[str, Any]] = []
        self.created: list[str] = []  # titles of new GitHub issues

    def __call__(self, seen: Seen) -> Reply:
        path = seen.path
        for prefix, kind in (
            ("/issues/", "redmine"),
            (f"{JSM}/request/", "jira"),
            ("/api/v2/tickets/", "zendesk"),
            (f"/repos/{REPO}/issues/", "github"),
        ):
            if path.startswith(prefix):
                ref = path[len(prefix) :].split("/")[0].removesuffix(".json")
                if ref not in self.notes:
                    return Reply(404, {"error": "not found"})
                return getattr(self, kind)(seen, ref)
        if path in ("/issues.json", f"{JSM}/request"):
            return self.search(seen)
        if path == "/search/issues":
            return Reply(200, {"items": []})
        if path == f"/repos/{REPO}/issues":  # a new GitHub issue, when one is chosen
            if seen.method == "GET":
                return Reply(200, [])
            self.created.append(seen.json()["title"])
            return Reply(201, {"number": 99, "html_url": f"https://github.com/{REPO}/issues/99"})
        raise Wrong("no such endpoint")

    def redmine(self, seen: Seen, ref: str) -> Reply:
        if seen.header("X-Redmine-API-Key") != CANARY:
            return Reply(401, {})
        if seen.method == "GET":
            if seen.arg("include") != "journals":
                raise Wrong("the notes come with include=journals")
            journals = [{"id": i, "notes": n} for i, n in enumerate(self.notes[ref])]
            return Reply(200, {"issue": {"id": int(ref), "journals": journals}})
        self.notes[ref].append(seen.json()["issue"]["notes"])
        return Reply(204)

    def jira(self, seen: Seen, ref: str) -> Reply:
        if seen.method == "GET":
            values = [{"id": str(i), "body": n} for i, n in enumerate(self.notes[ref])]
            return Reply(200, {"values": values, "isLastPage": True})
        body = seen.json()
        if body.get("public") is not True:
            raise Wrong("the comment must be public: the customer sees it")
        self.notes[ref].append(body["body"])
        return Reply(201, {"id": "9", "body": body["body"]})

    def zendesk(self, seen: Seen, ref: str) -> Reply:
        if seen.method == "GET":
            if seen.arg("sort_order") != "desc":
                raise Wrong("newest first")
            comments = [{"id": i, "body": n} for i, n in enumerate(self.notes[ref])][::-1]
            return Reply(200, {"comments": comments, "next_page": None})
        self.notes[ref].append(seen.json()["ticket"]["comment"]["body"])
        return Reply(200, {"ticket": {"id": int(ref)}})

    def github(self, seen: Seen, ref: str) -> Reply:
        if seen.method == "GET":
            return Reply(200, [{"id": i, "body": n} for i, n in enumerate(self.notes[ref])])
        self.notes[ref].append(seen.json()["body"])
        return Reply(201, {"id": 5, "html_url": "x"})

    def search(self, seen: Seen) -> Reply:
        if seen.path == "/issues.json":
            if seen.arg("status_id") != "open" or not (seen.arg("created_on") or "").startswith(
                ">="
            ):
                raise Wrong("open issues since a time")
            return Reply(200, {"issues": self.cases})
        if seen.arg("requestStatus") != "OPEN_REQUESTS":
            raise Wrong("open requests only")
        return Reply(200, {"values": self.cases, "isLastPage": True})


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def fake(desk: Desk) -> Iterator[FakeServer]:
    with running(desk) as server:
        yield server


def target(kind: str, url: str) -> Target:
    """A validated target of `kind` at the fake."""
    raw: dict[str, Any] = {
        "redmine": {"url": url, "project": "it", "api_key_env": "TOKEN"},
        "jira": {
            "url": url,
            "service_desk_id": "1",
            "request_type_id": "2",
            "email": "a@example.fi",
            "token_env": "TOKEN",
        },
        "zendesk": {"url": url, "email": "a@example.fi", "token_env": "TOKEN"},
        "github": {"repo": REPO, "token_env": "TOKEN", "api_url": url},
    }[kind]
    return validate_target("helpdesk", {"type": kind, "timeout": 5, **raw})


REFS = {"redmine": "#1234", "jira": "SD-7", "zendesk": "1234", "github": "1234"}
PLACES = {
    "redmine": "PUT /issues/1234.json",
    "jira": f"POST {JSM}/request/SD-7/comment",
    "zendesk": "PUT /api/v2/tickets/1234.json",
    "github": f"POST /repos/{REPO}/issues/1234/comments",
}


def noted(tmp_path: Path, kind: str) -> Payload:
    return dataclasses.replace(payload(tmp_path), add_to=REFS[kind])


def tickets(desk: Desk, kind: str) -> list[str]:
    return desk.notes["SD-7" if kind == "jira" else "1234"]


@pytest.mark.parametrize("kind", list(REFS))
def test_the_note_is_the_preview_and_is_added_once(
    kind: str, fake: FakeServer, desk: Desk, tmp_path: Path
) -> None:
    t, p = target(kind, fake.url), noted(tmp_path, kind)
    noter = make_noter(t, secrets({"TOKEN": CANARY}))
    first = noter.add_note(p, REFS[kind])
    assert first.added and not first.existing
    assert first.ref == ("SD-7" if kind == "jira" else "#1234")
    notes = tickets(desk, kind)
    assert notes[-1] == sent_body(t, p)  # exactly the bytes the preview shows
    assert p.tag in notes[-1] and "nothing prints" in notes[-1]
    again = noter.add_note(p, REFS[kind])
    assert again.added and again.existing and again.ref == first.ref
    assert len([n for n in tickets(desk, kind) if p.tag in n]) == 1


@pytest.mark.parametrize("kind", list(REFS))
def test_a_reset_after_the_note_was_made_never_makes_a_second(
    kind: str, fake: FakeServer, desk: Desk, tmp_path: Path
) -> None:
    method, path = PLACES[kind].split(" ")
    fake.reset_after(method, path)
    t, p = target(kind, fake.url), noted(tmp_path, kind)
    noter = make_noter(t, secrets({"TOKEN": CANARY}))
    with pytest.raises(SubmitError) as caught:
        noter.add_note(p, REFS[kind])
    assert caught.value.retry is True
    assert_clean(caught.value)
    assert noter.add_note(p, REFS[kind]).existing is True
    assert len([n for n in tickets(desk, kind) if p.tag in n]) == 1
    assert len(fake.calls(method, path)) == 1


@pytest.mark.parametrize("kind", list(REFS))
def test_a_ticket_that_is_not_there_needs_a_fix(
    kind: str, fake: FakeServer, tmp_path: Path
) -> None:
    ref = "SD-99" if kind == "jira" else "99"
    noter = make_noter(target(kind, fake.url), secrets({"TOKEN": CANARY}))
    with pytest.raises(SubmitError) as caught:
        noter.add_note(noted(tmp_path, kind), ref)
    err = caught.value
    assert err.retry is False
    shown = ref if kind == "jira" else f"#{ref}"
    assert str(err.message) == f"127.0.0.1 has no ticket {shown} that this account can add to."
    assert "--new-ticket" in str(err.hint)
    assert fake.calls("PUT") == [] and fake.calls("POST") == []


@pytest.mark.parametrize("kind", list(REFS))
def test_a_reference_the_target_cannot_take_is_refused_before_any_request(
    kind: str, fake: FakeServer, tmp_path: Path
) -> None:
    noter = make_noter(target(kind, fake.url), secrets({"TOKEN": CANARY}))
    with pytest.raises(SubmitError) as caught:
        noter.add_note(noted(tmp_path, kind), "12; DROP")
    assert caught.value.retry is False
    assert "the ticket reference '12; DROP' is not one target" in str(caught.value.message)
    assert fake.seen == []


def test_redmine_finds_its_own_open_issue_of_the_same_case(fake: FakeServer, desk: Desk) -> None:
    desk.cases = [
        {"id": 7, "subject": "Printer [fixit-a]", "description": f"report\n\n{CASE}\n"},
        {"id": 6, "subject": "Printer [fixit-b]", "description": f"report\n\n{CASE}x\n"},
        {"id": 5, "subject": "Printer [fixit-c]", "description": "no marker"},
    ]
    finder = make_finder(target("redmine", fake.url), secrets({"TOKEN": CANARY}))
    assert finder is not None
    since = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.timezone.utc)
    found = finder.open_cases(CASE, since)
    assert [(t.ref, t.title) for t in found] == [("#7", "Printer [fixit-a]")]
    (search,) = fake.calls("GET", "/issues.json")
    assert search.arg("created_on") == ">=2026-12-07T02:00:00Z"
    assert search.arg("subject") == "~fixit-" and search.arg("limit") == "25"


def test_jira_finds_its_own_open_request_of_the_same_case_made_since(
    fake: FakeServer, desk: Desk
) -> None:
    since = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.timezone.utc)
    ms = int(since.timestamp() * 1000)

    def request(key: str, made: int, description: str) -> dict[str, Any]:
        return {
            "issueKey": key,
            "createdDate": {"epochMillis": made},
            "requestFieldValues": [
                {"fieldId": "summary", "value": f"Printer [fixit-{key}]"},
                {"fieldId": "description", "value": description},
            ],
            "_links": {"web": f"{fake.url}/portal/{key}"},
        }

    desk.cases = [
        request("SD-3", ms + 1, f"text\n\n{CASE}\n"),
        request("SD-2", ms - 1, f"text\n\n{CASE}\n"),  # older than the window
        request("SD-1", ms + 5, "text without the marker"),
    ]
    finder = make_finder(target("jira", fake.url), secrets({"TOKEN": CANARY}))
    assert finder is not None
    found = finder.open_cases(CASE, since)
    assert [t.ref for t in found] == ["SD-3"]
    (search,) = fake.calls("GET", f"{JSM}/request")
    assert search.arg("searchTerm") == "fixit" and search.arg("serviceDeskId") == "1"


def test_targets_without_a_search_have_no_finder() -> None:
    for kind in ("zendesk", "github"):
        assert make_finder(target(kind, "http://127.0.0.1:9"), secrets({"TOKEN": CANARY})) is None


def test_a_new_ticket_carries_the_case_marker_as_its_last_line(tmp_path: Path) -> None:
    p = dataclasses.replace(payload(tmp_path), case=CASE)
    for kind in ("redmine", "jira"):
        assert sent_body(target(kind, "http://127.0.0.1:9"), p).splitlines()[-1] == CASE
