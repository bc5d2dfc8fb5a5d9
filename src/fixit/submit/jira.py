"""Jira Service Management target: a customer request whose summary carries the report's tag,
found by a search before creating; files go up as temporary attachments, then onto the request."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.submit import http
from fixit.submit.base import Attachment, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

SUMMARY_MAX = 255
DESCRIPTION_MAX = 32_000  # Jira's text fields hold 32,767 characters
AGAIN = "The report stays in the outbox; `fixit outbox send` tries again."
_KEY = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]+")
_ID = re.compile(r"[0-9]+")


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
        settings = self.target.settings
        for key in ("service_desk_id", "request_type_id"):
            if not _ID.fullmatch(str(settings[key])):
                raise SubmitError(
                    f"target '{self.target.name}' has {key} {str(settings[key])!r}.",
                    f"Set {key} to the number Jira shows for it.",
                    retry=False,
                )
        token = self._token()
        basic = base64.b64encode(f"{settings['email']}:{token}".encode()).decode()
        try:
            return _Call(self.target, token).send(payload)
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
        return token


class _Call:
    """One send: a session with the credentials, and the steps that use it."""

    def __init__(self, target: Target, token: str) -> None:
        self.settings = target.settings
        self.base = str(self.settings["url"]).rstrip("/")
        self.desk = str(self.settings["service_desk_id"])
        self.timeout = float(self.settings["timeout"])
        self.secret_name = str(self.settings["token_env"])
        self.s = http.session(self.base)
        self.s.auth = (str(self.settings["email"]), token)
        self.s.headers["Accept"] = "application/json"

    def send(self, payload: Payload) -> Ticket:
        """Search, create when not found, attach what is missing."""
        ticket = self.find(payload)
        if ticket is None:
            ticket = self.create(payload)
            missing = list(payload.attachments)
        else:
            have = self.attached(ticket.ref)
            missing = [a for a in payload.attachments if a.name not in have]
        if missing:
            self.attach(ticket.ref, missing)
        return ticket

    def call(self, method: str, path: str, what: str, **kwargs: Any) -> requests.Response:
        """One API request whose failure status becomes a SubmitError."""
        url = f"{self.base}/rest/servicedeskapi{path}"
        response = http.request(self.s, method, url, self.timeout, **kwargs)
        http.check(response, what, url, self.secret_name)
        return response

    def find(self, payload: Payload) -> Ticket | None:
        """A request an earlier try made: its summary carries the tag."""
        params = {
            "searchTerm": payload.report_id,
            "requestOwnership": "ALL_REQUESTS",
            "requestStatus": "ALL_REQUESTS",
            "serviceDeskId": self.desk,
        }
        data = _json(self.call("GET", "/request", "the request search", params=params))
        for item in data.get("values") or []:
            fields = item.get("requestFieldValues") if isinstance(item, dict) else None
            summary = next(
                (f.get("value") for f in fields or [] if f.get("fieldId") == "summary"), None
            )
            if isinstance(summary, str) and payload.tag in summary:
                return self.ticket(item, existing=True)
        return None

    def create(self, payload: Payload) -> Ticket:
        """Create the customer request."""
        summary = f"{clip(payload.title, SUMMARY_MAX - len(payload.tag) - 1)} {payload.tag}"
        text = payload.text
        if len(text) > DESCRIPTION_MAX:
            text = text[:DESCRIPTION_MAX] + "\n\n[report shortened to fit Jira's limit]"
        body = {
            "serviceDeskId": self.desk,
            "requestTypeId": str(self.settings["request_type_id"]),
            "requestFieldValues": {"summary": summary, "description": text},
        }
        return self.ticket(_json(self.call("POST", "/request", "the new request", json=body)))

    def attached(self, key: str) -> set[str]:
        """The file names already on a request (an earlier try may have attached them)."""
        path = f"/request/{key}/attachment"
        data = _json(self.call("GET", path, "the attachment list", params={"limit": 100}))
        return {str(a.get("filename")) for a in data.get("values") or [] if isinstance(a, dict)}

    def attach(self, key: str, files: list[Attachment]) -> None:
        """Upload the files as temporary attachments, then add them to the request."""
        parts = [("file", (a.name, _read(a.path, a.name), a.mime)) for a in files]
        headers = {"X-ExperimentalApi": "opt-in", "X-Atlassian-Token": "no-check"}
        path = f"/servicedesk/{self.desk}/attachTemporaryFile"
        data = _json(self.call("POST", path, "the file upload", files=parts, headers=headers))
        ids = [
            t.get("temporaryAttachmentId")
            for t in data.get("temporaryAttachments") or []
            if isinstance(t, dict)
        ]
        if len(ids) != len(files) or not all(isinstance(i, str) and i for i in ids):
            raise _odd(self.base, "the file upload")
        body = {"temporaryAttachmentIds": ids, "public": True}
        self.call("POST", f"/request/{key}/attachment", "the attachments", json=body)

    def ticket(self, item: dict[str, Any], existing: bool = False) -> Ticket:
        """The issue key and the customer portal link of a request."""
        key = item.get("issueKey")
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise _odd(self.base, "the request")
        web = (item.get("_links") or {}).get("web")
        url = web if isinstance(web, str) and web.startswith(("https://", "http://")) else None
        return Ticket(key, clip(visible(url, True), 500) if url else None, existing=existing)


def _json(response: requests.Response) -> dict[str, Any]:
    """The JSON object of an answer, or a retryable error naming the host."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise _odd(response.url, "the request")
    return data


def _odd(url: str, what: str) -> SubmitError:
    return SubmitError(f"{http.host_of(url)} gave an unexpected answer to {what}.", AGAIN)


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
    if (message, hint) == (exc.message, exc.hint):
        return exc
    return SubmitError(message, hint, exc.retry)
