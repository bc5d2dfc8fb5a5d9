"""Sending one outbox item, for `fixit submit` and `fixit outbox send` alike: under its lock,
with a short in-run retry, the ticket or the reason recorded; each command says it its own way."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

from fixit import sessions
from fixit.errors import FixitError
from fixit.submit.base import SubmitError, Target, Ticket
from fixit.submit.outbox import Item

RETRY_WAITS = (1.0, 3.0)  # in one run, a transient failure is tried again after these waits


@dataclass(frozen=True)
class Attempt:
    """How one try ended.

    `outcome` is `sent` (ticket), `already` (sent before: `ticket` from the sent item), `busy`
    (another fixit holds the item), `gone` (it left the outbox and was not sent), `failed`
    (error, recorded on the item) or `unexpected` (a bug's exception class name in `kind`).
    """

    outcome: str
    ticket: Ticket | None = None
    error: SubmitError | None = None
    kind: str = ""
    unrecorded: FixitError | None = None  # sent, but the session could not be told the ticket


def attempt(item: Item, target: Target, debug: bool = False) -> Attempt:
    """Send one item under its lock; record the ticket (item and session) or the reason (item).
    KeyboardInterrupt passes through: the item stays in the outbox as it was."""
    from fixit.submit import outbox

    with outbox.locked(item) as mine:
        if not mine:
            return Attempt("busy")
        if not item.reload():  # sent and moved by another fixit meanwhile, or damaged
            done = outbox.sent_item(str(item.meta.get("session", "")), target.name)
            return Attempt("gone") if done is None else already(done, target)
        if item.meta["status"] == "sent":  # sent, but the move to outbox/sent was cut short
            return already(item, target)
        try:
            ticket = send(item, target)
        except SubmitError as exc:
            item.failed(exc.message, exc.retry, "" if exc.retry else exc.hint, target)
            return Attempt("failed", error=exc)
        except Exception as exc:  # never str(exc): it may hold a token
            kind = exc.__class__.__name__
            item.failed(f"unexpected error: {kind}", True, target=target)
            if debug:
                raise
            return Attempt("unexpected", kind=kind)
        # sent all the same when this fails: a retry finds the ticket, it never sends again
        with contextlib.suppress(FixitError, OSError):
            item.sent(ticket)
    try:
        record_ticket(str(item.meta["session"]), target.name, ticket)
    except FixitError as exc:  # the session is gone, damaged or open elsewhere: the ticket stands
        return Attempt("sent", ticket, unrecorded=exc)
    return Attempt("sent", ticket)


def already(done: Item, target: Target) -> Attempt:
    """A report sent before: finish its move to outbox/sent if that was cut short, and make sure
    the session knows the ticket."""
    from fixit.submit import outbox

    if done.folder.parent.name != "sent":
        with outbox.locked(done) as mine:
            if mine and done.reload() and done.meta["status"] == "sent":
                done.finish()
    saved = done.meta.get("ticket")
    fields: dict[str, Any] = saved if isinstance(saved, dict) else {}
    ticket = Ticket(str(fields.get("ref", "?")), fields.get("url"), existing=True)
    with contextlib.suppress(FixitError, OSError, ValueError, TypeError):
        record_ticket(str(done.meta["session"]), target.name, ticket)
    return Attempt("already", ticket)


def send(item: Item, target: Target) -> Ticket:
    """Send with a short in-run retry for transient failures (safe: sends never duplicate)."""
    from fixit.credentials import lookup
    from fixit.submit.registry import make_submitter

    submitter = make_submitter(target, lookup)
    payload = item.payload()
    for wait in (*RETRY_WAITS, None):
        try:
            return submitter.send(payload)
        except SubmitError as exc:
            if not exc.retry or wait is None:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def record_ticket(sid: str, target: str, ticket: Ticket) -> None:
    """Store the ticket in the session's metadata (the report shows the latest from there)."""
    entry = {"target": target, "ref": ticket.ref, "url": ticket.url}

    def add(meta: dict[str, Any]) -> None:
        meta["ticket"] = entry  # the latest, which the report shows
        earlier = meta.get("tickets")
        kept = [t for t in earlier if t != entry] if isinstance(earlier, list) else []
        meta["tickets"] = [*kept, entry]  # every target's

    sessions.amend_meta(sid, add)
