"""GitHub target: an issue whose title carries the report's tag, found before creating by the
recent-issues list (immediate) and the search API (older issues; its index lags)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.submit import http
from fixit.submit.base import Attachment, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

TITLE_MAX = 256
BODY_MAX = 65_000  # GitHub refuses bodies over 65,536 characters
AGAIN = "The report stays in the outbox; `fixit outbox send` tries again."
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~-])")


def make(target: Target, secret: SecretLookup) -> GitHubSubmitter:
    """The GitHub issues submitter for a validated target."""
    return GitHubSubmitter(target, secret)


@dataclass(frozen=True)
class GitHubSubmitter:
    """Opens one issue per report in a repository."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Find an issue an earlier try opened, else open one."""
        repo = str(self.target.settings["repo"])
        if not _REPO.fullmatch(repo) or ".." in repo:
            raise SubmitError(
                f"target '{self.target.name}' has repo {visible(repo, True)!r}.",
                "Set repo to owner/name, as in the repository's address.",
                retry=False,
            )
        token = self._token()
        try:
            return _Call(self.target, token).send(payload)
        except SubmitError as exc:
            raise _scrubbed(exc, token) from None

    def _token(self) -> str:
        """The token, or a clear error naming the variable to set."""
        var = str(self.target.settings["token_env"])
        token = self.secret(var)
        if not token:
            raise SubmitError(
                f"the GitHub token for target '{self.target.name}' is not set.",
                f"Set {var} in the environment or in the credentials file "
                "(see `fixit config path`).",
                retry=False,
            )
        return token


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, token: str) -> None:
        self.settings = target.settings
        self.api = str(self.settings["api_url"]).rstrip("/")
        self.repo = str(self.settings["repo"])
        self.timeout = float(self.settings["timeout"])
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.api)
        self.s.headers["Authorization"] = f"Bearer {token}"
        self.s.headers["Accept"] = "application/vnd.github+json"
        self.s.headers["X-GitHub-Api-Version"] = "2022-11-28"

    def send(self, payload: Payload) -> Ticket:
        """Recent issues, then search, then create."""
        return self.recent(payload) or self.search(payload) or self.create(payload)

    def call(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        """One API request; its JSON answer, or a SubmitError."""
        url = f"{self.api}{path}"
        response = http.request(self.s, method, url, self.timeout, **kwargs)
        _rate_limited(response, url)
        http.check(response, what, url, self.secret_name)
        try:
            return response.json()
        except ValueError:
            raise _odd(url, what) from None

    def recent(self, payload: Payload) -> Ticket | None:
        """The newest issues, read straight from the repository (no index lag)."""
        params = {"state": "all", "per_page": 50, "sort": "created", "direction": "desc"}
        items = self.call("GET", f"/repos/{self.repo}/issues", "the issue list", params=params)
        return _match(items if isinstance(items, list) else [], payload.tag)

    def search(self, payload: Payload) -> Ticket | None:
        """Older issues by the search API: the report id in the title."""
        query = f'repo:{self.repo} is:issue in:title "{payload.report_id}"'
        data = self.call("GET", "/search/issues", "the issue search", params={"q": query})
        items = data.get("items") if isinstance(data, dict) else None
        return _match(items if isinstance(items, list) else [], payload.tag)

    def create(self, payload: Payload) -> Ticket:
        """Open the issue."""
        title = f"{clip(payload.title, TITLE_MAX - len(payload.tag) - 1)} {payload.tag}"
        body: dict[str, Any] = {"title": title, "body": issue_body(payload)}
        if self.settings["labels"]:
            body["labels"] = list(self.settings["labels"])
        item = self.call("POST", f"/repos/{self.repo}/issues", "the new issue", json=body)
        ticket = _ticket(item) if isinstance(item, dict) else None
        if ticket is None:
            raise _odd(self.api, "the new issue")
        return ticket


def issue_body(payload: Payload) -> str:
    """The Markdown report, shortened to GitHub's limit, and the list of files it refers to."""
    files = _file_list(payload.attachments)
    room = BODY_MAX - len(files)
    text = payload.markdown
    if len(text) > room:
        text = text[: max(0, room - 80)] + "\n\n*(report shortened to fit GitHub's limit)*\n"
    return text + files


def _file_list(files: Sequence[Attachment]) -> str:
    """GitHub issues take no attachments: name each file so support can ask for it."""
    if not files:
        return ""
    lines = ["", "", "### Attachments (not uploaded: GitHub issues take no files)", ""]
    for a in files:
        name = _MARKDOWN.sub(r"\\\1", visible(a.name, True))
        lines.append(f"- {name}: {a.size} bytes, sha256 `{a.sha256}`")
    return "\n".join(lines) + "\n"


def _match(items: list[Any], tag: str) -> Ticket | None:
    """The first issue (not pull request) whose title carries the tag."""
    for item in items:
        is_issue = isinstance(item, dict) and "pull_request" not in item
        if is_issue and tag in str(item.get("title", "")):
            return _ticket(item, existing=True)
    return None


def _ticket(item: dict[str, Any], existing: bool = False) -> Ticket | None:
    """The issue number and its page."""
    number = item.get("number")
    if not isinstance(number, int):
        return None
    url = item.get("html_url")
    link = url if isinstance(url, str) and url.startswith(("https://", "http://")) else None
    return Ticket(f"#{number}", clip(visible(link, True), 500) if link else None, existing)


def _rate_limited(response: requests.Response, url: str) -> None:
    """GitHub answers 403 (or 429) with no remaining quota: a wait helps, not new credentials."""
    if response.status_code not in (403, 429):
        return
    if response.headers.get("x-ratelimit-remaining") == "0" or "retry-after" in response.headers:
        raise SubmitError(
            f"{http.host_of(url)} limits the requests of this token for now "
            f"({response.status_code}).",
            AGAIN,
        )


def _odd(url: str, what: str) -> SubmitError:
    return SubmitError(f"{http.host_of(url)} gave an unexpected answer to {what}.", AGAIN)


def _scrubbed(exc: SubmitError, *secrets: str) -> SubmitError:
    """The same error with secrets masked, should a server have echoed one back."""
    message, hint = exc.message, exc.hint
    for value in secrets:
        message, hint = message.replace(value, "***"), hint.replace(value, "***")
    if (message, hint) == (exc.message, exc.hint):
        return exc
    return SubmitError(message, hint, exc.retry)
