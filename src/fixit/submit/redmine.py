"""Redmine issues over the REST API: search for the report's tag, upload the files, create;
or add the report to an existing issue as a note (once: its tag is looked for first)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.i18n import _, pgettext
from fixit.submit import api, http, notes, scrub
from fixit.submit import redmine_answers as _answers
from fixit.submit.base import OpenTicket, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

SUBJECT_MAX = 255  # Redmine's issues.subject column
SEARCH_LIMIT = 100
CASES = 25  # newest open fixit issues read when looking for one of the same case
EARLIER = pgettext("submit step", "the search for an earlier issue")
ISSUE = pgettext("submit step", "the issue")
NOTE = pgettext("submit step", "the note")
_REPORT_FILES = (
    ("report.md", "text/markdown", "markdown"),
    ("report.json", "application/json", "json"),
    ("report.html", "text/html", "html"),
)


@dataclass(frozen=True)
class RedmineSubmitter:
    """One Redmine project; `send` finds an issue an earlier try made instead of a second one."""

    url: str
    project: str
    key_env: str
    key: str = field(repr=False)
    tracker_id: int = 0
    priorities: Mapping[str, int] = field(default_factory=dict)
    timeout: float = 20.0
    secrets: scrub.Secrets = field(default_factory=scrub.Secrets, repr=False)
    name: str = "redmine"  # the target's name in the configuration, for messages

    @contextlib.contextmanager
    def _session(self) -> Iterator[requests.Session]:
        """An HTTP session with the API key, its errors scrubbed of every secret."""
        with scrub.guarding(self.secrets.plus(self.key)):
            s = http.session(self.url)
            with s:
                s.headers["X-Redmine-API-Key"] = self.key
                yield s

    def send(self, payload: Payload) -> Ticket:
        """Search by tag, else upload the files and create the issue."""
        with self._session() as s:
            until = http.send_deadline(self.timeout, payload)
            found = self._find(s, payload, until)
            if found is not None:
                return self._ticket(found, existing=True)
            uploads = self._upload_all(s, payload, until)
            return self._ticket(self._create(s, payload, uploads, until))

    def add_note(self, payload: Payload, ref: str) -> Ticket:
        """Add the report to issue `ref` as a note, unless an earlier try already did."""
        number = int(notes.number(ref, self.name))
        with self._session() as s:
            until = http.send_deadline(self.timeout, payload)
            noted = self._noted(s, number, payload, until)
            if not noted:
                url = f"{self.url}/issues/{number}.json"
                body = {"issue": {"notes": note(payload)}}
                response = http.request(s, "PUT", url, self.timeout, until=until, json=body)
                _answers.check(response, NOTE, url, self.key_env)
            return Ticket(f"#{number}", f"{self.url}/issues/{number}", noted, added=True)

    def open_cases(self, case: str, since: dt.datetime) -> list[OpenTicket]:
        """The newest open issues (at most CASES) fixit filed since `since` whose description
        carries the case marker."""
        url = f"{self.url}/issues.json"
        params = {
            "project_id": self.project,
            "status_id": "open",
            "subject": "~fixit-",
            "created_on": ">=" + since.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sort": "id:desc",
            "limit": str(CASES),
        }
        what = pgettext("submit step", "the search for open issues")
        with self._session() as s:
            response = http.request(s, "GET", url, self.timeout, params=params)
            http.check(response, what, url, self.key_env)
            issues = _answers.json_of(response, what, url).get("issues")
        if not isinstance(issues, list):
            raise _answers.not_redmine(what, url)
        return [
            OpenTicket(f"#{i['id']}", str(i.get("subject") or ""), f"{self.url}/issues/{i['id']}")
            for i in issues
            if isinstance(i, dict)
            and isinstance(i.get("id"), int)
            and case in str(i.get("description") or "").splitlines()
        ]

    def _noted(self, s: requests.Session, number: int, payload: Payload, until: float) -> bool:
        """Whether one of the issue's notes carries the payload's tag (an earlier try's)."""
        url = f"{self.url}/issues/{number}.json"
        response = http.request(
            s, "GET", url, self.timeout, until=until, params={"include": "journals"}
        )
        if response.status_code == 404:
            raise notes.missing(url, f"#{number}")
        http.check(response, ISSUE, url, self.key_env)
        issue = _answers.json_of(response, ISSUE, url).get("issue")
        journals = issue.get("journals") if isinstance(issue, dict) else None
        if not isinstance(journals, list):
            raise _answers.not_redmine(ISSUE, url)
        return any(
            isinstance(j, dict) and payload.tag in str(j.get("notes") or "") for j in journals
        )

    def _find(self, s: requests.Session, payload: Payload, until: float) -> int | None:
        """The id of an issue whose subject carries the payload's tag (any status), if any."""
        url = f"{self.url}/issues.json"
        params = {
            "project_id": self.project,
            "subject": f"~{payload.report_id}",
            "status_id": "*",
            "sort": "id",
            "limit": str(SEARCH_LIMIT),
        }
        response = http.request(s, "GET", url, self.timeout, until=until, params=params)
        http.check(response, EARLIER, url, self.key_env)
        issues = _answers.json_of(response, EARLIER, url).get("issues")
        if not isinstance(issues, list):
            raise _answers.not_redmine(EARLIER, url)
        ids = [
            issue["id"]
            for issue in issues
            if isinstance(issue, dict)
            and isinstance(issue.get("id"), int)
            and payload.tag in str(issue.get("subject", ""))
        ]
        return min(ids) if ids else None

    def _upload_all(
        self, s: requests.Session, payload: Payload, until: float
    ) -> list[dict[str, str]]:
        """Upload every attachment and the report files; the tokens that tie them to the issue."""
        uploads = []
        for a in payload.attachments:
            body = api.read_file(a.path, a.name)
            uploads.append(self._upload(s, a.name, a.mime, body, until))
        for name, mime, attr in _REPORT_FILES:
            body = str(getattr(payload, attr)).encode("utf-8")
            uploads.append(self._upload(s, name, mime, body, until))
        return uploads

    def _upload(
        self, s: requests.Session, name: str, mime: str, body: bytes, until: float
    ) -> dict[str, str]:
        """One file to /uploads.json; Redmine answers 201 with a token."""
        url = f"{self.url}/uploads.json"
        what = pgettext("submit step", "the upload of {name}", name=clip(visible(name, True), 80))
        response = http.request(
            s,
            "POST",
            url,
            self.timeout,
            until=until,
            params={"filename": name},
            data=body,
            headers={"Content-Type": "application/octet-stream"},
        )
        _answers.check(response, what, url, self.key_env)
        upload = _answers.json_of(response, what, url).get("upload")
        token = upload.get("token") if isinstance(upload, dict) else None
        if not isinstance(token, str) or not token:
            raise _answers.not_redmine(what, url)
        return {"token": token, "filename": name, "content_type": mime}

    def _create(
        self, s: requests.Session, payload: Payload, uploads: list[dict[str, str]], until: float
    ) -> int:
        """POST the issue; its id. A lost answer is safe: the retry's search finds the issue."""
        url = f"{self.url}/issues.json"
        issue: dict[str, Any] = {
            "project_id": self.project,
            "subject": subject(payload.title, payload.tag),
            "description": description(payload),
            "uploads": uploads,
        }
        priority = self.priorities.get(str(payload.report.get("urgency") or ""))
        if priority is not None:
            issue["priority_id"] = priority
        if self.tracker_id:
            issue["tracker_id"] = self.tracker_id
        response = http.request(s, "POST", url, self.timeout, until=until, json={"issue": issue})
        _answers.check(response, ISSUE, url, self.key_env)
        created = _answers.json_of(response, ISSUE, url, retry=True).get("issue")
        number = created.get("id") if isinstance(created, dict) else None
        if not isinstance(number, int):
            raise _answers.not_redmine(ISSUE, url, retry=True)
        return number

    def _ticket(self, number: int, existing: bool = False) -> Ticket:
        return Ticket(f"#{number}", f"{self.url}/issues/{number}", existing)


def description(payload: Payload) -> str:
    """A new issue's description exactly as Redmine gets it: the Markdown report and the case
    marker fixit finds its own open issues by."""
    return notes.with_case(payload.markdown, payload)


def note(payload: Payload) -> str:
    """A note's text exactly as Redmine gets it: what it is, then the Markdown report."""
    return notes.note_text(payload, payload.markdown)


def subject(title: str, tag: str) -> str:
    """The issue subject: the title on one line, clipped to fit Redmine's limit, then the tag."""
    line = " ".join(title.split())
    return f"{clip(line, max(0, SUBJECT_MAX - len(tag) - 1))} {tag}".strip()


def make(target: Target, secret: SecretLookup) -> RedmineSubmitter:
    """A submitter for a validated redmine target; the API key is read here, never shown."""
    settings = target.settings
    key_env = str(settings["api_key_env"])
    key = secret(key_env)
    if not key:
        raise api.unset(_("API key"), target.name, key_env)
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise SubmitError(
            _(
                "the API key in {var} for target '{target}' has characters an HTTP header cannot "
                "carry.",
                var=key_env,
                target=target.name,
            ),
            _("Copy the key again from Redmine's 'My account' page into {var}.", var=key_env),
            retry=False,
        )
    return RedmineSubmitter(
        url=str(settings["url"]).rstrip("/"),
        project=str(settings["project"]),
        key_env=key_env,
        key=key,
        tracker_id=int(settings.get("tracker_id") or 0),
        priorities=_priorities(target.name, settings.get("priorities") or {}),
        timeout=float(settings.get("timeout") or 20.0),
        secrets=scrub.of_settings(settings, secret).plus(key),
        name=target.name,
    )


def _priorities(name: str, raw: Mapping[str, Any]) -> dict[str, int]:
    """urgency -> priority id; an id that is not a number is a configuration error."""
    out = {}
    for urgency, value in raw.items():
        text = str(value).strip()
        if not text.isdigit():
            raise SubmitError(
                _(
                    "target '{target}': priorities.{urgency} must be a Redmine priority id, "
                    "not {value}.",
                    target=name,
                    urgency=str(urgency),
                    value=repr(clip(visible(text, True), 40)),
                ),
                _("Use the numbers Redmine lists under Administration > Enumerations."),
                retry=False,
            )
        out[str(urgency)] = int(text)
    return out
