"""Zendesk target: a ticket (agent token) or a request (end user) with the files uploaded first;
a retry finds the earlier ticket by its external id and sends the same Idempotency-Key."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.submit import http
from fixit.submit.base import Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

APIS = ("tickets", "requests")
PRIORITIES = {"critical": "urgent", "high": "high", "normal": "normal", "low": "low"}
SUBJECT_MAX = 255
AGAIN = "The report stays in the outbox; `fixit outbox send` tries again."


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
        settings = self.target.settings
        api = str(settings["api"])
        if api not in APIS:
            raise SubmitError(
                f"target '{self.target.name}' has api {api!r}.",
                "Set api to tickets (an agent's token) or requests (an end user's).",
                retry=False,
            )
        token = self._token()
        user = f"{settings['email']}/token"
        basic = base64.b64encode(f"{user}:{token}".encode("latin-1", "replace")).decode()
        try:
            return _Call(self.target, user, token).send(payload)
        except SubmitError as exc:
            raise _scrubbed(exc, token, basic) from None

    def _token(self) -> str:
        """The API token, or a clear error naming the variable to set."""
        var = str(self.target.settings["token_env"])
        token = self.secret(var)
        if not token:
            raise SubmitError(
                f"the API token for target '{self.target.name}' is not set.",
                f"Set {var} in the environment or in the credentials file "
                "(see `fixit config path`).",
                retry=False,
            )
        if not _carriable(token):
            raise SubmitError(
                f"the token for target '{self.target.name}' contains characters an HTTP header "
                "cannot carry.",
                f"Check {var}: set it again without line breaks or letters outside Latin-1 "
                "(a stray newline from copying is common).",
                retry=False,
            )
        return token


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, user: str, token: str) -> None:
        self.settings = target.settings
        self.base = str(self.settings["url"]).rstrip("/")
        self.api = str(self.settings["api"])
        self.timeout = float(self.settings["timeout"])
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.base)
        self.s.auth = (user, token)

    def send(self, payload: Payload) -> Ticket:
        """Search by report id, upload, create with the idempotency key."""
        found = self.find(payload)
        if found is not None:
            return found
        uploads = [self.upload(a.path, a.name, a.mime) for a in payload.attachments]
        return self.create(payload, uploads)

    def call(self, method: str, path: str, what: str, **kwargs: Any) -> requests.Response:
        """One API request whose failure status becomes a SubmitError."""
        url = f"{self.base}{path}"
        response = http.request(self.s, method, url, self.timeout, **kwargs)
        http.check(response, what, url, self.secret_name)
        return response

    def fetch(self, method: str, path: str, what: str, **kwargs: Any) -> dict[str, Any]:
        """One API request and its JSON object."""
        return _json(self.call(method, path, what, **kwargs), self.base, what)

    def find(self, payload: Payload) -> Ticket | None:
        """A ticket an earlier try made: by external id (tickets) or subject tag (requests)."""
        if self.api == "tickets":
            what, params = "the ticket search", {"external_id": payload.report_id}
            data = self.fetch("GET", "/api/v2/tickets.json", what, params=params)
            items = _items(data, "tickets", self.base, what)
        else:
            what, params = "the request list", {"sort_by": "created_at", "sort_order": "desc"}
            data = self.fetch("GET", "/api/v2/requests.json", what, params=params)
            items = _items(data, "requests", self.base, what)
            items = [r for r in items if payload.tag in str(r.get("subject", ""))]
        return self.ticket(items[0], what, existing=True) if items else None

    def upload(self, path: Path, name: str, mime: str) -> str:
        """Upload one file; its token goes into the comment."""
        data = _read(path, name)
        what = f"the upload of {visible(name, True)}"
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
            raise _odd(self.base, what)
        return token

    def create(self, payload: Payload, uploads: list[str]) -> Ticket:
        """Create the ticket; the same Idempotency-Key makes Zendesk answer a repeat with it."""
        key = self.api[:-1]  # "ticket" or "request"
        path = f"/api/v2/{self.api}.json"
        headers = {"Idempotency-Key": payload.report_id}
        url = f"{self.base}{path}"
        body = {key: self.body(payload, uploads)}
        response = http.request(self.s, "POST", url, self.timeout, json=body, headers=headers)
        if response.status_code == 400 and "IdempotentRequestError" in response.text:
            # The key was used by an earlier try whose uploads differ: that try made the ticket.
            found = self.find(payload)
            if found is not None:
                return found
            raise SubmitError(f"{http.host_of(url)} is still creating the ticket.", AGAIN)
        what = f"the new {key}"
        http.check(response, what, url, self.secret_name)
        item = _json(response, url, what).get(key)
        if not isinstance(item, dict):
            raise _odd(url, what)
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

    def ticket(self, item: dict[str, Any], what: str, existing: bool) -> Ticket:
        """The reference people quote and the link they follow (Zendesk ids are numbers)."""
        ident = item.get("id")
        if not isinstance(ident, int) or isinstance(ident, bool) or ident <= 0:
            raise _odd(self.base, what)
        ref = str(ident)
        place = "agent/tickets" if self.api == "tickets" else "hc/requests"
        return Ticket(f"#{ref}", f"{self.base}/{place}/{ref}", existing=existing)


def _json(response: requests.Response, url: str, what: str) -> dict[str, Any]:
    """The JSON object of an answer, or a retryable error naming the host."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise _odd(url, what)
    return data


def _items(data: dict[str, Any], key: str, url: str, what: str) -> list[dict[str, Any]]:
    """The list of objects under `key` (absent: none), or an error when it is something else."""
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _odd(url, what)
    return items


def _odd(url: str, what: str) -> SubmitError:
    """A well-formed answer that is not shaped as the API documents it."""
    return SubmitError(f"{http.host_of(url)} answered in an unexpected way ({what}).", AGAIN)


def _carriable(text: str) -> bool:
    """Whether an HTTP header can carry the text: Latin-1, and no line break or NUL."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(c in text for c in "\r\n\0")


def _read(path: Path, name: str) -> bytes:
    """An attachment's bytes, or an error saying which file is missing."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise SubmitError(
            f"the attachment {visible(name, True)} could not be read ({exc.strerror}).",
            "Put the file back, or make the report again without it.",
            retry=False,
        ) from None


def _scrubbed(exc: SubmitError, *secrets: str) -> SubmitError:
    """The same error with secrets masked, should a server have echoed one back."""
    message, hint = exc.message, exc.hint
    for value in secrets:
        message, hint = message.replace(value, "***"), hint.replace(value, "***")
    return (
        exc if (message, hint) == (exc.message, exc.hint) else SubmitError(message, hint, exc.retry)
    )
