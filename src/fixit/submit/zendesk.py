"""Zendesk target: a ticket (agent token) or a request (end user) with the files uploaded first;
a retry finds the earlier ticket by its external id and sends the same Idempotency-Key. A report
for an existing ticket goes as a comment on it, once (its tag is looked for among the comments)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _, pgettext
from fixit.submit import api, http, notes, scrub
from fixit.submit.base import AGAIN, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

APIS = ("tickets", "requests")
PRIORITIES = {"critical": "urgent", "high": "high", "normal": "normal", "low": "low"}
SUBJECT_MAX = 255
PAGES = 5  # request-list pages read when looking for an earlier try


def make(target: Target, secret: SecretLookup) -> ZendeskSubmitter:
    """The Zendesk submitter for a validated target."""
    return ZendeskSubmitter(target, secret)


@dataclass(frozen=True)
class ZendeskSubmitter:
    """Creates one Zendesk ticket (or end-user request) per report."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Find an earlier ticket for the report, else upload the files and create one."""
        return self._call(lambda c: c.send(payload))

    def add_note(self, payload: Payload, ref: str) -> Ticket:
        """Add the report to ticket `ref` as a comment, unless an earlier try already did."""
        number = notes.number(ref, self.target.name)
        return self._call(lambda c: c.add_note(payload, number))

    def _call(self, step: Callable[[_Call], Ticket]) -> Ticket:
        """Run one step with the credentials, every secret scrubbed from its errors."""
        settings = self.target.settings
        kind = str(settings["api"])
        if kind not in APIS:
            raise SubmitError(
                _("target '{target}' has api {api}.", target=self.target.name, api=repr(kind)),
                _("Set api to tickets (an agent's token) or requests (an end user's)."),
                retry=False,
            )
        token = api.token(self.target, self.secret)
        user = f"{settings['email']}/token"
        basic = base64.b64encode(f"{user}:{token}".encode("latin-1", "replace")).decode()
        secrets = scrub.of_settings(settings, self.secret).plus(token, basic)
        with scrub.guarding(secrets):
            return step(_Call(self.target, user, token))


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, user: str, token: str) -> None:
        self.settings = target.settings
        self.base = str(self.settings["url"]).rstrip("/")
        self.api = str(self.settings["api"])
        self.timeout = float(self.settings["timeout"])
        self.until: float | None = None  # set per send: http.send_deadline
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.base)
        self.s.auth = (user, token)

    def send(self, payload: Payload) -> Ticket:
        """Search by report id, upload, create with the idempotency key."""
        self.until = http.send_deadline(self.timeout, payload)
        found = self.find(payload)
        if found is not None:
            return found
        uploads = [self.upload(a.path, a.name, a.mime) for a in payload.attachments]
        return self.create(payload, uploads)

    def add_note(self, payload: Payload, number: str) -> Ticket:
        """Look for the tag among the ticket's comments, else add a public comment."""
        self.until = http.send_deadline(self.timeout, payload)
        key = self.api[:-1]  # "ticket" or "request"
        noted = self.commented(number, payload.tag)
        if not noted:
            body = {key: {"comment": {"body": comment(payload), "public": True}}}
            what = pgettext("submit step", "the comment")
            self.call("PUT", f"/api/v2/{self.api}/{number}.json", what, json=body)
        place = "agent/tickets" if self.api == "tickets" else "hc/requests"
        return Ticket(f"#{number}", f"{self.base}/{place}/{number}", noted, added=True)

    def commented(self, number: str, tag: str) -> bool:
        """Whether a comment on the ticket carries the tag: newest first, notes.PAGES pages."""
        what = pgettext("submit step", "the ticket's comments")
        url = f"{self.base}/api/v2/{self.api}/{number}/comments.json"
        params: dict[str, Any] = {"sort_order": "desc", "per_page": 100}
        for page in range(1, notes.PAGES + 1):
            response = http.request(
                self.s, "GET", url, self.timeout, until=self.until, params={**params, "page": page}
            )
            if response.status_code == 404:
                raise notes.missing(url, f"#{number}")
            http.check(response, what, url, self.secret_name)
            data = api.json_object(response, self.base, what)
            items = api.items(data, "comments", self.base, what)
            if any(tag in str(c.get("body") or c.get("plain_body") or "") for c in items):
                return True
            if not data.get("next_page"):
                return False
        return False

    def call(self, method: str, path: str, what: Msg, **kwargs: Any) -> requests.Response:
        """One API request whose failure status becomes a SubmitError."""
        url = f"{self.base}{path}"
        response = http.request(self.s, method, url, self.timeout, until=self.until, **kwargs)
        http.check(response, what, url, self.secret_name)
        return response

    def fetch(self, method: str, path: str, what: Msg, **kwargs: Any) -> dict[str, Any]:
        """One API request and its JSON object."""
        return api.json_object(self.call(method, path, what, **kwargs), self.base, what)

    def find(self, payload: Payload) -> Ticket | None:
        """A ticket an earlier try made: by external id (tickets) or subject tag (requests)."""
        if self.api == "tickets":
            what, params = (
                pgettext("submit step", "the ticket search"),
                {"external_id": payload.report_id},
            )
            data = self.fetch("GET", "/api/v2/tickets.json", what, params=params)
            items = api.items(data, "tickets", self.base, what)
        else:
            items = self.own_requests(payload.tag)
            what = pgettext("submit step", "the request list")
        return self.ticket(items[0], what, existing=True) if items else None

    def own_requests(self, tag: str) -> list[dict[str, Any]]:
        """The end user's requests whose subject carries the tag, newest first, page by page
        (an earlier try is among the newest; past PAGES pages a new request is made)."""
        what = pgettext("submit step", "the request list")
        params: dict[str, Any] = {"sort_by": "created_at", "sort_order": "desc", "per_page": 100}
        for page in range(1, PAGES + 1):
            data = self.fetch("GET", "/api/v2/requests.json", what, params={**params, "page": page})
            found = [
                r
                for r in api.items(data, "requests", self.base, what)
                if tag in str(r.get("subject", ""))
            ]
            if found or not data.get("next_page"):
                return found
        return []

    def upload(self, path: Path, name: str, mime: str) -> str:
        """Upload one file; its token goes into the comment."""
        data = api.read_file(path, name)
        what = pgettext("submit step", "the upload of {name}", name=visible(name, True))
        answer = self.fetch(
            "POST",
            "/api/v2/uploads.json",
            what,
            params={"filename": name},
            data=data,
            headers={"Content-Type": mime or "application/octet-stream"},
        )
        upload = answer.get("upload")
        token = upload.get("token") if isinstance(upload, dict) else None
        if not isinstance(token, str) or not token:
            raise api.odd(self.base, what)
        return token

    def create(self, payload: Payload, uploads: list[str]) -> Ticket:
        """Create the ticket; the same Idempotency-Key makes Zendesk answer a repeat with it."""
        key = self.api[:-1]  # "ticket" or "request"
        path = f"/api/v2/{self.api}.json"
        headers = {"Idempotency-Key": payload.report_id}
        url = f"{self.base}{path}"
        body = {key: self.body(payload, uploads)}
        response = http.request(
            self.s, "POST", url, self.timeout, until=self.until, json=body, headers=headers
        )
        if response.status_code == 400 and "IdempotentRequestError" in response.text:
            # The key was used by an earlier try whose uploads differ: that try made the ticket.
            found = self.find(payload)
            if found is not None:
                return found
            raise SubmitError(
                _("{host} is still creating the ticket.", host=http.host_of(url)), AGAIN
            )
        what = (
            pgettext("submit step", "the new ticket")
            if key == "ticket"
            else pgettext("submit step", "the new request")
        )
        http.check(response, what, url, self.secret_name)
        item = api.json_object(response, url, what).get(key)
        if not isinstance(item, dict):
            raise api.odd(url, what)
        hit = response.headers.get("x-idempotency-lookup", "").lower() == "hit"
        return self.ticket(item, what, existing=hit)

    def body(self, payload: Payload, uploads: list[str]) -> dict[str, Any]:
        """The ticket or request fields."""
        subject = f"{clip(payload.title, SUBJECT_MAX - len(payload.tag) - 1)} {payload.tag}"
        comment: dict[str, Any] = {"body": payload.text}
        if uploads:
            comment["uploads"] = uploads
        fields: dict[str, Any] = {"subject": subject, "comment": comment}
        if self.api == "tickets":
            fields.update(tags=["fixit"], external_id=payload.report_id)
            priority = self.priority(payload.report.get("urgency"))
            if priority:
                fields["priority"] = priority
        return fields

    def priority(self, urgency: Any) -> str | None:
        """The Zendesk priority for the report's urgency (configured map over the default)."""
        if not urgency:
            return None
        mapping = {**PRIORITIES, **dict(self.settings["priorities"] or {})}
        return mapping.get(str(urgency)) or None

    def ticket(self, item: dict[str, Any], what: Msg, existing: bool) -> Ticket:
        """The reference people quote and the link they follow (Zendesk ids are numbers)."""
        ident = item.get("id")
        if not isinstance(ident, int) or isinstance(ident, bool) or ident <= 0:
            raise api.odd(self.base, what)
        ref = str(ident)
        place = "agent/tickets" if self.api == "tickets" else "hc/requests"
        return Ticket(f"#{ref}", f"{self.base}/{place}/{ref}", existing=existing)


def comment(payload: Payload) -> str:
    """A comment exactly as Zendesk gets it: what it is, then the text report."""
    return notes.note_text(payload, payload.text)
