"""What every submit target shares: the payload it sends, the ticket it returns, its errors."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fixit.errors import FixitError
from fixit.i18n import Msg, _
from fixit.params import Param

AGAIN = _("The report stays in the outbox; `fixit outbox send` tries again.")
UPLINK = 64_000  # bytes per second a slow uplink still manages: time given to send files


@dataclass(frozen=True)
class Attachment:
    """A file to send with the report (only files the report lists without a problem)."""

    path: Path
    name: str
    mime: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Payload:
    """Exactly what leaves the machine: the redacted report in every format, and its files.

    `report_id` is stable for one report and target (`fixit-<session id>`): submitters use it
    as the idempotency key, the Message-ID's left part, and the tag they search for before
    creating a ticket, so a retry never makes a second one.
    """

    report_id: str
    title: str
    report: Mapping[str, Any]  # the redacted report's JSON form, as the outbox keeps it
    markdown: str
    text: str
    html: str
    json: str
    attachments: Sequence[Attachment] = ()
    contact: str = ""  # the reporter's contact as given (e-mail or phone), for a reply-to
    delivered: tuple[str, ...] = ()  # recipients an earlier try reached: never sent to again
    add_to: str | None = None  # an existing ticket to add the report to as a note, when chosen
    case: str = ""  # the marker of the tree, end and organisation (notes.case_marker), or ""

    @property
    def lang(self) -> str:
        """The report's language: what a target adds to it (a note, a file list) is said in it."""
        return str(self.report.get("lang") or "en")

    @property
    def tag(self) -> str:
        """The marker put in a ticket's subject or body and searched for on retries."""
        return f"[{self.report_id}]"


@dataclass(frozen=True)
class Ticket:
    """Where the report went: a reference people can quote, and a link when there is one."""

    ref: str
    url: str | None = None
    existing: bool = False  # found by search-before-create: an earlier try had already made it
    added: bool = False  # the report went as a note on this existing ticket, not a new one


@dataclass(frozen=True)
class OpenTicket:
    """An open ticket fixit filed earlier for the same case: found before making a new one."""

    ref: str
    title: str  # as the help desk holds it: untrusted text, escaped where shown
    url: str | None = None


class Masking(Protocol):
    """What `SubmitError.scrubbed` needs of a send's secrets: `submit.scrub.Secrets` is one
    (a protocol here, so that scrub, which raises SubmitErrors, is not imported back)."""

    def masked(self, said: Msg) -> Msg:
        """`said` with every secret masked in its values."""
        ...


class SubmitError(FixitError):
    """A send that failed. `retry` says whether trying again later may succeed (network down,
    5xx, 451) or not until something is fixed (401, 422, 535, a bad certificate).

    `maybe_delivered` is set when the request went out and the answer was lost (a reset, a
    read timeout): the server may have made the ticket, so a target may look for it at once.
    `delivered` names the recipients this try reached although others refused (e-mail), and
    `not_before` is when the server asked to be tried again (Retry-After), in UTC.
    """

    def __init__(
        self,
        message: Msg,
        hint: Msg | None = None,
        retry: bool = True,
        maybe_delivered: bool = False,
        *,
        delivered: Sequence[str] = (),
        not_before: dt.datetime | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.retry = retry
        self.maybe_delivered = maybe_delivered
        self.delivered = tuple(delivered)
        self.not_before = not_before

    def scrubbed(self, secrets: Masking) -> SubmitError:
        """The same error with every secret masked in its values, should a server have echoed
        one back (the messages' own words are fixit's and hold none)."""
        message = secrets.masked(self.message)
        hint = secrets.masked(self.hint) if self.hint is not None else None
        if (message, hint) == (self.message, self.hint):
            return self
        clean = copy.copy(self)
        clean.message, clean.hint, clean.args = message, hint, (str(message),)
        return clean


@dataclass(frozen=True)
class Target:
    """A configured target: its name in the configuration, its type and validated settings."""

    name: str
    type: str
    settings: Mapping[str, Any] = field(default_factory=dict)


class SecretLookup(Protocol):
    """Reads a secret by the variable name the configuration gives (`*_env` keys)."""

    def __call__(self, name: str) -> str | None:
        """The secret's value, or None when it is not set anywhere."""
        ...


class Submitter(Protocol):
    """One kind of target. `send` must be safe to call again after any failure: it finds a
    ticket an earlier try created (idempotency key, stable Message-ID, or search before
    create) instead of making a second one."""

    def send(self, payload: Payload) -> Ticket:
        """Deliver the payload; raise SubmitError with a clear message on failure."""
        ...


class Noter(Protocol):
    """A target that can add a report to an existing ticket (a note or a comment). `add_note`
    must be safe to call again after any failure: it looks for the payload's tag among the
    ticket's notes first, so a retry never adds a second one."""

    def add_note(self, payload: Payload, ref: str) -> Ticket:
        """Add the payload to ticket `ref` as a note; the ticket (`added` set)."""
        ...


class CaseFinder(Protocol):
    """A target that can search for the open tickets fixit filed for one case (its marker
    line, `notes.case_marker`) since a time: a few, newest first."""

    def open_cases(self, case: str, since: dt.datetime) -> list[OpenTicket]:
        """Open tickets whose text carries `case`, made at or after `since` (UTC)."""
        ...


@dataclass(frozen=True)
class TargetType:
    """A registry entry: the settings a target of this type takes, and how to build one."""

    type: str
    params: tuple[Param, ...]
    required: tuple[str, ...]
    secrets: tuple[str, ...]  # `*_env` settings naming where the secret lives
    module: str  # fixit.submit.<module>, imported when a target of this type is used
    factory: str  # the function in that module: (Target, SecretLookup) -> Submitter
    body: str = "markdown"  # the Payload field it sends as its body
    report_files: tuple[str, ...] = ()  # the report's own files it sends beside the body
    takes_files: bool = False  # whether the files attached to the report go with it
    preview: str = ""  # the function in its module: the body exactly as the service gets it
    note: str = ""  # the function in its module: a note's body as the service gets it (when
    # the type can add to an existing ticket; its submitter is then a Noter too)
    cases: bool = False  # its submitter is a CaseFinder too (it can search its own tickets)
