"""GitHub target: an issue whose title carries the report's tag, found before creating by the
recent-issues list (immediate) and the search API (older issues; its index lags). A report for
an existing issue goes as a comment on it, once (its tag is looked for among the comments)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _, ngettext, pgettext
from fixit.submit import api, http, notes, scrub, waits
from fixit.submit.base import AGAIN, Attachment, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.submit.waits import WAIT_HINT
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

TITLE_MAX = 256
NEW = pgettext("submit step", "the new issue")
BODY_MAX = 65_000  # GitHub refuses bodies over 65,536 characters
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_REFERENCE = re.compile(r"(?<![\w&])(?:@(?=[A-Za-z0-9])|#(?=[0-9]))")
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
        token = self._checked()
        secrets = scrub.of_settings(self.target.settings, self.secret).plus(token)
        with scrub.guarding(secrets):
            return _Call(self.target, token).send(payload)

    def add_note(self, payload: Payload, ref: str) -> Ticket:
        """Add the report to issue `ref` as a comment, unless an earlier try already did."""
        number = notes.number(ref, self.target.name)
        token = self._checked()
        secrets = scrub.of_settings(self.target.settings, self.secret).plus(token)
        with scrub.guarding(secrets):
            return _Call(self.target, token).add_note(payload, number)

    def _checked(self) -> str:
        """The token, once the repository setting is known to be owner/name."""
        repo = str(self.target.settings["repo"])
        if not _REPO.fullmatch(repo) or ".." in repo:
            raise SubmitError(
                _(
                    "target '{target}' has repo {repo}.",
                    target=self.target.name,
                    repo=repr(visible(repo, True)),
                ),
                _("Set repo to owner/name, as in the repository's address."),
                retry=False,
            )
        return api.token(self.target, self.secret, _("GitHub token"))


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, token: str) -> None:
        self.settings = target.settings
        self.api = str(self.settings["api_url"]).rstrip("/")
        self.repo = str(self.settings["repo"])
        self.timeout = float(self.settings["timeout"])
        self.until: float | None = None  # set per send: http.send_deadline
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.api)
        self.s.headers["Authorization"] = f"Bearer {token}"
        self.s.headers["Accept"] = "application/vnd.github+json"
        self.s.headers["X-GitHub-Api-Version"] = "2022-11-28"

    def send(self, payload: Payload) -> Ticket:
        """Recent issues, then search, then create."""
        self.until = http.send_deadline(self.timeout, payload)
        return self.recent(payload) or self.search(payload) or self.create(payload)

    def add_note(self, payload: Payload, number: str) -> Ticket:
        """Look for the tag among the issue's comments, else comment."""
        self.until = http.send_deadline(self.timeout, payload)
        path = f"/repos/{self.repo}/issues/{number}"
        what = pgettext("submit step", "the issue's comments")
        noted = False
        for page in range(1, notes.PAGES + 1):
            params = {"per_page": 100, "page": page}
            items = self.call("GET", f"{path}/comments", what, params=params, missing=number)
            comments = _issues(items, self.api, what)
            noted = any(payload.tag in str(c.get("body") or "") for c in comments)
            if noted or len(comments) < 100:
                break
        if not noted:
            body = {"body": comment(payload)}
            self.call("POST", f"{path}/comments", pgettext("submit step", "the comment"), json=body)
        web = _web(self.api)
        url = f"{web}/{self.repo}/issues/{number}" if web else None
        return Ticket(f"#{number}", url, existing=noted, added=True)

    def call(self, method: str, path: str, what: Msg, missing: str = "", **kwargs: Any) -> Any:
        """One API request; its JSON answer, or a SubmitError."""
        url = f"{self.api}{path}"
        response = http.request(self.s, method, url, self.timeout, until=self.until, **kwargs)
        _rate_limited(response, url)
        if missing and response.status_code in (404, 410):
            raise notes.missing(url, f"#{missing}")
        http.check(response, what, url, self.secret_name)
        try:
            return response.json()
        except ValueError:
            raise api.odd(self.api, what) from None

    def recent(self, payload: Payload) -> Ticket | None:
        """The newest issues, read straight from the repository (no index lag)."""
        params = {"state": "all", "per_page": 50, "sort": "created", "direction": "desc"}
        what = pgettext("submit step", "the issue list")
        items = self.call("GET", f"/repos/{self.repo}/issues", what, params=params)
        return _match(_issues(items, self.api, what), payload.tag, self.api, what)

    def search(self, payload: Payload) -> Ticket | None:
        """Older issues by the search API: the report id in the title."""
        query = f'repo:{self.repo} is:issue in:title "{payload.report_id}"'
        what = pgettext("submit step", "the issue search")
        data = self.call("GET", "/search/issues", what, params={"q": query})
        items = data.get("items") if isinstance(data, dict) else None
        return _match(_issues(items, self.api, what), payload.tag, self.api, what)

    def create(self, payload: Payload) -> Ticket:
        """Open the issue."""
        title = f"{clip(payload.title, TITLE_MAX - len(payload.tag) - 1)} {payload.tag}"
        body: dict[str, Any] = {"title": title, "body": issue_body(payload)}
        if self.settings["labels"]:
            body["labels"] = list(self.settings["labels"])
        item = self.call(
            "POST",
            f"/repos/{self.repo}/issues",
            NEW,
            json=body,
        )
        ticket = _ticket(item) if isinstance(item, dict) else None
        if ticket is None:
            raise api.odd(self.api, NEW)
        return ticket


def issue_body(payload: Payload) -> str:
    """The Markdown report, shortened to GitHub's limit, and the list of files it refers to."""
    files = _file_list(payload.attachments, payload.lang)
    room = BODY_MAX - len(files)
    text = inert(payload.markdown)
    if len(text) > room:
        note = _("report shortened to fit GitHub's limit").render(payload.lang)
        text = text[: max(0, room - 80)] + f"\n\n*({note})*\n"
    return text + files


def comment(payload: Payload) -> str:
    """A comment exactly as GitHub gets it: what it is, then the report made inert, shortened
    to GitHub's limit."""
    text = inert(payload.markdown)
    if len(text) > BODY_MAX - 200:
        note = _("report shortened to fit GitHub's limit").render(payload.lang)
        text = text[: BODY_MAX - 280] + f"\n\n*({note})*\n"
    return notes.note_text(payload, text)


def _web(api_url: str) -> str | None:
    """The web address of a GitHub API (github.com, or an Enterprise server's /api/v3)."""
    if api_url == "https://api.github.com":
        return "https://github.com"
    return api_url[: -len("/api/v3")] if api_url.endswith("/api/v3") else None


def inert(markdown: str) -> str:
    """The report without GitHub's side effects: `@name` and `@org/team` would notify people and
    `#12` would link (and leave a note on) another issue. A zero-width space after the sign
    keeps the text as written but no longer a mention or reference; e-mail addresses (a letter
    before the `@`) are left alone."""
    return _REFERENCE.sub(lambda m: m.group(0) + "&#8203;", markdown)


def _file_list(files: Sequence[Attachment], lang: str) -> str:
    """GitHub issues take no attachments: name each file (in the report's language) so support
    can ask for it."""
    if not files:
        return ""
    heading = _("Attachments (not uploaded: GitHub issues take no files)").render(lang)
    lines = ["", "", f"### {heading}", ""]
    for a in files:
        name = _MARKDOWN.sub(r"\\\1", visible(a.name, True))
        size = ngettext("{n} byte", "{n} bytes", a.size).render(lang)
        lines.append(f"- {name}: {size}, sha256 `{a.sha256}`")
    return "\n".join(lines) + "\n"


def _issues(items: Any, url: str, what: Msg) -> list[dict[str, Any]]:
    """A list of issue objects, or an error when the answer is something else."""
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise api.odd(url, what)
    return items


def _match(items: list[dict[str, Any]], tag: str, url: str, what: Msg) -> Ticket | None:
    """The first issue (not pull request) whose title carries the tag."""
    for item in items:
        title = item.get("title")
        if "pull_request" not in item and isinstance(title, str) and tag in title:
            ticket = _ticket(item, existing=True)
            if ticket is None:  # it is there, but without a number: creating would duplicate it
                raise api.odd(url, what)
            return ticket
    return None


def _ticket(item: dict[str, Any], existing: bool = False) -> Ticket | None:
    """The issue number and its page."""
    number = item.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    url = item.get("html_url")
    link = url if isinstance(url, str) and url.startswith(("https://", "http://")) else None
    return Ticket(f"#{number}", clip(visible(link, True), 500) if link else None, existing)


def _rate_limited(response: requests.Response, url: str) -> None:
    """GitHub answers 403 (or 429) with no remaining quota: a wait helps, not new credentials;
    Retry-After, else x-ratelimit-reset, says when."""
    if response.status_code not in (403, 429):
        return
    if response.headers.get("x-ratelimit-remaining") == "0" or "retry-after" in response.headers:
        when = waits.retry_after(response)
        reset = str(response.headers.get("x-ratelimit-reset") or "")
        if when is None and reset.isdigit():
            now = dt.datetime.now(dt.timezone.utc)
            wait = min(max(int(reset[:12]) - now.timestamp(), 0.0), waits.MAX_WAIT)
            when = now + dt.timedelta(seconds=wait)
        if when is not None:
            left = (when - dt.datetime.now(dt.timezone.utc)).total_seconds()
            raise SubmitError(
                _(
                    "{host} limits the requests of this token for now ({code}) and asked to be "
                    "tried again in {wait}.",
                    host=http.host_of(url),
                    code=response.status_code,
                    wait=waits.duration(left),
                ),
                WAIT_HINT,
                not_before=when,
            )
        raise SubmitError(
            _(
                "{host} limits the requests of this token for now ({code}).",
                host=http.host_of(url),
                code=response.status_code,
            ),
            AGAIN,
        )
