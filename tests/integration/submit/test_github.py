"""GitHub issues target against a loopback fake of the REST API (issues, search)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import Attachment, SubmitError, Ticket
from fixit.submit.github import issue_body
from fixit.submit.registry import make_submitter, validate_target

from .fakes import (  # noqa: F401 - no_proxy is an autouse fixture
    CANARY,
    FakeServer,
    Reply,
    Seen,
    Wrong,
    assert_clean,
    assert_redirect_refused,
    no_proxy,
    payload,
    running,
    secrets,
)

REPO = "acme/helpdesk"
ISSUES = f"/repos/{REPO}/issues"


class GitHub:
    """The slice of the GitHub REST API fixit uses; the search index lags until `index()`."""

    def __init__(self) -> None:
        self.base = ""
        self.issues: list[dict[str, Any]] = []  # oldest first
        self.indexed = 0

    def __call__(self, seen: Seen) -> Reply:
        if seen.header("Authorization") != f"Bearer {CANARY}":
            doc = "https://docs.github.com/rest"
            return Reply(401, {"message": "Bad credentials", "documentation_url": doc})
        if seen.header("Accept") != "application/vnd.github+json":
            raise Wrong("Accept must be application/vnd.github+json")
        if seen.header("X-GitHub-Api-Version") != "2022-11-28":
            raise Wrong("X-GitHub-Api-Version must be 2022-11-28")
        if (seen.method, seen.path) == ("GET", ISSUES):
            return self.recent(seen)
        if (seen.method, seen.path) == ("GET", "/search/issues"):
            return self.search(seen)
        if (seen.method, seen.path) == ("POST", ISSUES):
            return self.create(seen)
        raise Wrong("no such endpoint")

    def add(self, title: str, pull: bool = False) -> dict[str, Any]:
        number = len(self.issues) + 1
        item = {"number": number, "title": title, "html_url": f"{self.base}/{REPO}/issues/{number}"}
        if pull:
            item["pull_request"] = {"url": "x"}
        self.issues.append(item)
        return item

    def index(self) -> None:
        self.indexed = len(self.issues)

    def recent(self, seen: Seen) -> Reply:
        if seen.arg("state") != "all" or seen.arg("sort") != "created":
            raise Wrong("the list must include closed issues, newest first")
        per_page = int(seen.arg("per_page") or 30)
        return Reply(200, self.issues[::-1][:per_page])

    def search(self, seen: Seen) -> Reply:
        q = seen.arg("q") or ""
        words = re.findall(r'"([^"]+)"', q)
        if f"repo:{REPO}" not in q.split() or "in:title" not in q.split() or len(words) != 1:
            raise Wrong(f"unexpected search query {q!r}")
        found = [i for i in self.issues[: self.indexed] if words[0] in i["title"]]
        return Reply(200, {"total_count": len(found), "incomplete_results": False, "items": found})

    def create(self, seen: Seen) -> Reply:
        body = seen.json()
        if not isinstance(body.get("title"), str) or set(body) - {"title", "body", "labels"}:
            raise Wrong("an issue is title, body and labels")
        if len(body["title"]) > 256 or len(body.get("body", "")) > 65536:
            return Reply(422, {"message": "Validation Failed", "errors": [{"code": "custom"}]})
        item = self.add(body["title"])
        item.update(body=body.get("body"), labels=[{"name": n} for n in body.get("labels", [])])
        return Reply(201, item)


@pytest.fixture
def gh() -> GitHub:
    return GitHub()


@pytest.fixture
def fake(gh: GitHub) -> Iterator[FakeServer]:
    with running(gh) as server:
        gh.base = server.url
        yield server


def submitter(fake: FakeServer, token: str = CANARY, **extra: Any) -> Any:
    raw = {"type": "github", "repo": REPO, "token_env": "GH_TOKEN", "api_url": fake.url}
    target = validate_target("issues", {**raw, "timeout": 5, **extra})
    return make_submitter(target, secrets({"GH_TOKEN": token}))


def test_issue_shape_headers_and_file_list(fake: FakeServer, gh: GitHub, tmp_path: Path) -> None:
    p = payload(tmp_path)
    ticket = submitter(fake, labels=["support", "fixit"]).send(p)
    assert ticket == Ticket("#1", f"{fake.url}/{REPO}/issues/1")
    (create,) = fake.calls("POST", ISSUES)
    sent = create.json()
    assert sent["title"] == f"Printer offline {p.tag}"
    assert sent["labels"] == ["support", "fixit"]
    assert sent["body"].startswith(p.markdown)
    for a in p.attachments:
        assert f"- {a.name}: {a.size} bytes, sha256 `{a.sha256}`" in sent["body"]
    assert "GitHub issues take no files" in sent["body"]
    assert [s.path for s in fake.seen] == [ISSUES, "/search/issues", ISSUES]


def test_no_labels_key_without_labels(fake: FakeServer, tmp_path: Path) -> None:
    submitter(fake).send(payload(tmp_path, files=0))
    sent = fake.calls("POST", ISSUES)[0].json()
    assert "labels" not in sent and "Attachments" not in sent["body"]


def test_older_issue_found_by_search(fake: FakeServer, gh: GitHub, tmp_path: Path) -> None:
    p = payload(tmp_path)
    gh.add(f"Printer offline {p.tag}")
    gh.add("a pull request", pull=True)
    for i in range(60):
        gh.add(f"another report [fixit-{i}]")
    gh.index()
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("#1", f"{fake.url}/{REPO}/issues/1", existing=True)
    assert fake.calls("POST", ISSUES) == []


def test_pull_requests_are_not_matches(fake: FakeServer, gh: GitHub, tmp_path: Path) -> None:
    p = payload(tmp_path)
    gh.add(f"Printer offline {p.tag}", pull=True)
    gh.index()
    assert submitter(fake).send(p) == Ticket("#2", f"{fake.url}/{REPO}/issues/2")


def test_503_then_201_makes_exactly_one_issue(fake: FakeServer, gh: GitHub, tmp_path: Path) -> None:
    fake.answer("POST", ISSUES, 503, body={"message": "Service unavailable"})
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True and "(503)" in str(info.value.message)
    assert_clean(info.value)
    assert submitter(fake).send(p).ref == "#1"
    assert len(gh.issues) == 1


def test_reset_after_create_found_although_search_lags(
    fake: FakeServer, gh: GitHub, tmp_path: Path
) -> None:
    fake.reset_after("POST", ISSUES)
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True
    assert gh.indexed == 0  # the search would not find it yet
    ticket = submitter(fake).send(p)
    assert ticket == Ticket("#1", f"{fake.url}/{REPO}/issues/1", existing=True)
    assert len(gh.issues) == 1


def test_401_needs_a_fix_and_hides_the_token(fake: FakeServer, tmp_path: Path) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, token=CANARY[::-1]).send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 refused the issue list (HTTP 401: ")
    assert "Bad credentials" in str(info.value.message)
    assert str(info.value.hint) == "Check the credentials in GH_TOKEN."
    assert_clean(info.value, CANARY[::-1])


def test_rate_limit_403_is_worth_a_retry(fake: FakeServer, tmp_path: Path) -> None:
    limit = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1999999999"}
    fake.answer("GET", "/search/issues", 403, body={"message": "rate limit"}, headers=limit)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is True
    assert str(info.value.message) == (  # the reset is years away: fixit waits a day at most
        "127.0.0.1 limits the requests of this token for now (403) and asked to be tried "
        "again in 24 h."
    )
    assert info.value.not_before is not None


def test_422_needs_a_fix(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("POST", ISSUES, 422, body={"message": "Validation Failed"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 rejected the new issue (HTTP 422: ")
    assert_clean(info.value)


def test_redirect_is_refused(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("GET", ISSUES, 307, headers={"Location": fake.url + "/stolen"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert fake.calls("POST") == []
    assert_redirect_refused(info.value, fake)


def test_settings_and_secret_checked_first(fake: FakeServer, tmp_path: Path) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, repo="acme/../../user").send(payload(tmp_path))
    assert str(info.value.message) == "target 'issues' has repo 'acme/../../user'."
    with pytest.raises(SubmitError) as info:
        submitter(fake, token="").send(payload(tmp_path))
    assert str(info.value.message) == "the GitHub token for target 'issues' is not set."
    assert info.value.retry is False and "Set GH_TOKEN" in str(info.value.hint)
    assert fake.seen == []


def test_body_escapes_file_names_and_fits_the_limit(tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    odd = Attachment(tmp_path / "x", "a`b[c](http://evil)\x1b.log", "text/plain", 3, "ab" * 32)
    big = type(p)(**{**p.__dict__, "markdown": "m" * 70_000, "attachments": [odd]})
    body = issue_body(big)
    assert len(body) <= 65_536 and "*(report shortened to fit GitHub's limit)*" in body
    assert "- a\\`b\\[c\\]\\(http://evil\\)\\\\x1b.log: 3 bytes" in body


def odd(what: str) -> str:
    return f"127.0.0.1 answered in an unexpected way ({what})."


@pytest.mark.parametrize(
    ("method", "path", "body", "what"),
    [
        ("GET", ISSUES, {"message": "not a list"}, "the issue list"),
        ("GET", ISSUES, ["oops"], "the issue list"),
        ("GET", ISSUES, [{"title": "x [fixit-20250101-abcd]", "number": "1"}], "the issue list"),
        ("GET", "/search/issues", {"items": "oops"}, "the issue search"),
        ("GET", "/search/issues", ["oops"], "the issue search"),
        ("GET", "/search/issues", {"items": [7]}, "the issue search"),
        ("POST", ISSUES, {"number": None}, "the new issue"),
        ("POST", ISSUES, ["oops"], "the new issue"),
    ],
)
def test_odd_answer_is_a_clear_retryable_error(
    fake: FakeServer, tmp_path: Path, method: str, path: str, body: Any, what: str
) -> None:
    fake.answer(method, path, 201 if method == "POST" else 200, body=body)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert str(info.value.message) == odd(what) and info.value.retry is True
    assert_clean(info.value)
    if method == "GET":
        assert fake.calls("POST") == []


@pytest.mark.parametrize("bad", [CANARY + "\n", "\r\n" + CANARY, CANARY + "\u2603"])
def test_token_a_header_cannot_carry_is_refused_first(
    fake: FakeServer, tmp_path: Path, bad: str
) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, token=bad).send(payload(tmp_path))
    assert str(info.value.message) == (
        "the token for target 'issues' contains characters an HTTP header cannot carry."
    )
    assert str(info.value.hint).startswith("Check GH_TOKEN") and info.value.retry is False
    assert_clean(info.value, bad)
    assert fake.seen == []


def test_body_mentions_and_issue_references_are_inert(tmp_path: Path) -> None:
    from fixit.report.markdown import escape

    said = "Ask @alice or @acme/support, as in #12 and (#3); mail bob@example.fi, ticket &#9"
    p = payload(tmp_path, files=0)
    body = issue_body(type(p)(**{**p.__dict__, "markdown": f"# Title\n\n{escape(said)}\n"}))
    assert body.startswith("# Title\n\n")
    assert "@&#8203;alice" in body and "@&#8203;acme/support" in body
    assert "#&#8203;12" in body and "(#&#8203;3)" in body
    assert "bob@example.fi" in body and "\\&#9" in body  # an address and escaped text stay
    assert re.search(r"(?<![\w&])[@#](?!&#8203;)[\w]", body.replace("# Title", "")) is None
