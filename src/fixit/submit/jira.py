"""Jira Service Management target: a customer request whose summary carries the report's tag,
found by a search before creating; files go up as temporary attachments, then onto the request.
A report for an existing request goes as a public comment on it, once (its tag is looked for)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _, pgettext
from fixit.submit import api, http, jira_notes, notes, scrub
from fixit.submit.base import (
    Attachment,
    OpenTicket,
    Payload,
    SecretLookup,
    SubmitError,
    Target,
    Ticket,
)
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

SUMMARY_MAX = 255
DESCRIPTION_MAX = 32_000  # Jira's text fields hold 32,767 characters
_KEY = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]+")
_ID = re.compile(r"[0-9]+")
SEARCH = pgettext("submit step", "the request search")
NEW = pgettext("submit step", "the new request")
ATTACHED = pgettext("submit step", "the attachments")
COMMENT = pgettext("submit step", "the comment")
PAGE = 50  # Jira caps a page at 50 or 100 and may give fewer: isLastPage decides
PAGES = 5  # at most this many search pages before creating (the quoted id matches few)
LAG_WAITS = (0.25, 0.5, 1.0)  # re-searches after a create that broke: Jira's index lags


def make(target: Target, secret: SecretLookup) -> JiraSubmitter:
    """The Jira Service Management submitter for a validated target."""
    return JiraSubmitter(target, secret)


@dataclass(frozen=True)
class JiraSubmitter:
    """Creates one customer request per report in a service desk."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Find or create the request, then make sure every file is attached to it."""
        token = self._checked()
        with scrub.guarding(self._secrets(token)):
            return _Call(self.target, token).send(payload)

    def add_note(self, payload: Payload, ref: str) -> Ticket:
        """Add the report to request `ref` as a public comment, unless an earlier try did."""
        key = notes.jira_key(ref, self.target.name)
        token = self._checked()
        with scrub.guarding(self._secrets(token)):
            return _Call(self.target, token).add_note(payload, key)

    def open_cases(self, case: str, since: dt.datetime) -> list[OpenTicket]:
        """Open requests fixit filed since `since` whose description carries the marker."""
        token = self._checked()
        with scrub.guarding(self._secrets(token)):
            return jira_notes.open_cases(_Call(self.target, token), case, since)

    def _secrets(self, token: str) -> scrub.Secrets:
        settings = self.target.settings
        user = f"{settings['email']}:{token}"
        basic = base64.b64encode(user.encode("latin-1", "replace")).decode()
        return scrub.of_settings(settings, self.secret).plus(token, basic)

    def _checked(self) -> str:
        """The token, once the numeric settings are known to be numbers."""
        settings = self.target.settings
        for key in ("service_desk_id", "request_type_id"):
            if not _ID.fullmatch(str(settings[key])):
                raise SubmitError(
                    _(
                        "target '{target}' has {key} {value}.",
                        target=self.target.name,
                        key=key,
                        value=repr(str(settings[key])),
                    ),
                    _("Set {key} to the number Jira shows for it.", key=key),
                    retry=False,
                )
        return api.token(self.target, self.secret)


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, token: str) -> None:
        self.settings = target.settings
        self.base = str(self.settings["url"]).rstrip("/")
        self.desk = str(self.settings["service_desk_id"])
        self.timeout = float(self.settings["timeout"])
        self.until: float | None = None  # set per send: http.send_deadline
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.base)
        self.s.auth = (str(self.settings["email"]), token)
        self.s.headers["Accept"] = "application/json"

    def send(self, payload: Payload) -> Ticket:
        """Search, create when not found, attach what is missing."""
        self.until = http.send_deadline(self.timeout, payload)
        ticket = self.find(payload)
        answered = False
        if ticket is None:
            ticket, answered = self.create_or_recover(payload)
        if answered:
            missing = list(payload.attachments)
        else:
            have = self.attached(ticket.ref)
            missing = [a for a in payload.attachments if a.name not in have]
        if missing:
            self.attach(ticket.ref, missing)
        return ticket

    def add_note(self, payload: Payload, key: str) -> Ticket:
        """Look for the tag among the request's comments, else comment."""
        self.until = http.send_deadline(self.timeout, payload)
        noted = jira_notes.commented(self, key, payload.tag)
        if not noted:
            body = {"body": comment(payload), "public": True}
            self.call("POST", f"/request/{key}/comment", COMMENT, json=body)
        return Ticket(key, f"{self.base}/browse/{key}", existing=noted, added=True)

    def call(self, method: str, path: str, what: Msg, **kwargs: Any) -> requests.Response:
        """One API request whose failure status becomes a SubmitError."""
        url = f"{self.base}/rest/servicedeskapi{path}"
        response = http.request(self.s, method, url, self.timeout, until=self.until, **kwargs)
        http.check(response, what, url, self.secret_name)
        return response

    def fetch(self, method: str, path: str, what: Msg, **kwargs: Any) -> dict[str, Any]:
        """One API request and its JSON object."""
        return api.json_object(self.call(method, path, what, **kwargs), self.base, what)

    def create_or_recover(self, payload: Payload) -> tuple[Ticket, bool]:
        """Create the request (True: Jira answered). When the connection broke after sending,
        Jira may have made it: look again a few times (its search index lags) before leaving
        it to a later retry."""
        try:
            return self.create(payload), True
        except SubmitError as exc:
            if not exc.maybe_delivered:
                raise
            for wait in LAG_WAITS:
                time.sleep(wait)
                found = self.find(payload)
                if found is not None:
                    return replace(found, existing=False), False  # this try made it
            raise

    def find(self, payload: Payload) -> Ticket | None:
        """A request an earlier try made: its summary carries the exact tag."""
        # Jira's text search splits "fixit-20261201-103537-48bf" at each "-" and may match any
        # part, so a page can fill with other fixit reports. The whole id in quotes asks for
        # its parts in that order (a phrase); pages are read until the last one (at most
        # PAGES; past them a new request is made), and only the exact tag in a summary counts.
        params: dict[str, Any] = {
            "searchTerm": f'"{payload.report_id}"',
            "requestOwnership": "ALL_REQUESTS",
            "requestStatus": "ALL_REQUESTS",
            "serviceDeskId": self.desk,
            "limit": PAGE,
        }
        start = 0
        for __ in range(PAGES):
            data = self.fetch("GET", "/request", SEARCH, params={**params, "start": start})
            values = api.items(data, "values", self.base, SEARCH)
            for item in values:
                if payload.tag in _summary(item, self.base):
                    return self.ticket(item, SEARCH, existing=True)
            if not values or data.get("isLastPage") is True:
                return None
            start += len(values)
        return None

    def create(self, payload: Payload) -> Ticket:
        """Create the customer request."""
        summary = f"{clip(payload.title, SUMMARY_MAX - len(payload.tag) - 1)} {payload.tag}"
        text = description(payload)
        body = {
            "serviceDeskId": self.desk,
            "requestTypeId": str(self.settings["request_type_id"]),
            "requestFieldValues": {"summary": summary, "description": text},
        }
        item = self.fetch("POST", "/request", NEW, json=body)
        return self.ticket(item, NEW)

    def attached(self, key: str) -> set[str]:
        """The file names already on a request (an earlier try may have attached them)."""
        path = f"/request/{key}/attachment"
        what = pgettext("submit step", "the attachment list")
        names: set[str] = set()
        start = 0
        for __ in range(PAGES):
            data = self.fetch("GET", path, what, params={"start": start, "limit": PAGE})
            values = api.items(data, "values", self.base, what)
            names.update(str(a.get("filename")) for a in values)
            if not values or data.get("isLastPage") is True:
                return names
            start += len(values)
        return names

    def attach(self, key: str, files: list[Attachment]) -> None:
        """Upload the files as temporary attachments, then add them to the request."""
        parts = [("file", (a.name, api.read_file(a.path, a.name), a.mime)) for a in files]
        headers = {"X-ExperimentalApi": "opt-in", "X-Atlassian-Token": "no-check"}
        path = f"/servicedesk/{self.desk}/attachTemporaryFile"
        what = pgettext("submit step", "the file upload")
        data = self.fetch("POST", path, what, files=parts, headers=headers)
        ids = [
            t.get("temporaryAttachmentId")
            for t in api.items(data, "temporaryAttachments", self.base, what)
        ]
        if len(ids) != len(files) or not all(isinstance(i, str) and i for i in ids):
            raise api.odd(self.base, pgettext("submit step", "the file upload"))
        body = {"temporaryAttachmentIds": ids, "public": True}
        self.call(
            "POST",
            f"/request/{key}/attachment",
            ATTACHED,
            json=body,
        )

    def ticket(self, item: dict[str, Any], what: Msg, existing: bool = False) -> Ticket:
        """The issue key and the customer portal link of a request."""
        key = item.get("issueKey")
        links = item.get("_links", {})
        if not isinstance(key, str) or not _KEY.fullmatch(key) or not isinstance(links, dict):
            raise api.odd(self.base, what)
        web = links.get("web")
        url = web if isinstance(web, str) and web.startswith(("https://", "http://")) else None
        return Ticket(key, clip(visible(url, True), 500) if url else None, existing=existing)


def _summary(item: dict[str, Any], url: str) -> str:
    """The summary among a request's field values ("" when it has none)."""
    return jira_notes.field(item, "summary", url)


def comment(payload: Payload) -> str:
    """A comment exactly as Jira gets it: what it is, then the text report, within the limit."""
    return notes.note_text(payload, _clipped(payload))


def description(payload: Payload) -> str:
    """The request's description as Jira receives it: the text report, shortened to its limit,
    and the case marker fixit finds its own open requests by."""
    return notes.with_case(_clipped(payload), payload)


def _clipped(payload: Payload) -> str:
    """The text report, shortened to Jira's limit."""
    text = payload.text
    if len(text) > DESCRIPTION_MAX:
        note = _("report shortened to fit Jira's limit").render(payload.lang)
        text = text[:DESCRIPTION_MAX] + f"\n\n[{note}]"
    return text
