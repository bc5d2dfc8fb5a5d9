"""Sending one outbox item, for `fixit submit` and `fixit outbox send` alike: under its lock,
with a short in-run retry, the ticket or the reason recorded; each command says it its own way."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit import sessions
from fixit.errors import FixitError
from fixit.i18n import _
from fixit.submit.base import Payload, SubmitError, Target, Ticket
from fixit.submit.outbox import Item

if TYPE_CHECKING:
    from fixit.context import AppContext

RETRY_WAITS = (1.0, 3.0)  # in one run, a transient failure is tried again after these waits
Waiting = Callable[[float, SubmitError], None]  # told before a wait the server asked for


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


def attempt(
    item: Item,
    target: Target,
    debug: bool = False,
    on_wait: Waiting | None = None,
    others: Collection[Target] = (),
) -> Attempt:
    """Send one item under its lock; record the ticket (item and session) or the reason (item).
    Ctrl-C, SIGTERM and SIGHUP pass through (KeyboardInterrupt and Interrupted are not
    Exceptions): the item stays in the outbox as it was, to be sent again."""
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
            ticket = send(item, target, on_wait, others)
        except SubmitError as exc:
            hint = None if exc.retry else exc.hint
            item.failed(exc.message, exc.retry, hint, target, exc.not_before)
            return Attempt("failed", error=exc)
        except Exception as exc:  # never str(exc): it may hold a token
            kind = exc.__class__.__name__
            item.failed(_("unexpected error: {kind}", kind=kind), True, target=target)
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
    ticket = Ticket(
        str(fields.get("ref", "?")), fields.get("url"), True, added=fields.get("added") is True
    )
    with contextlib.suppress(FixitError, OSError, ValueError, TypeError):
        record_ticket(str(done.meta["session"]), target.name, ticket)
    return Attempt("already", ticket)


def send(
    item: Item, target: Target, on_wait: Waiting | None = None, others: Collection[Target] = ()
) -> Ticket:
    """Send with a short in-run retry for transient failures (safe: sends never duplicate).

    A server's Retry-After is honoured while it ends before the send's deadline; one further
    off ends the run at once (the item's next try is then that time). Every error leaving
    here is scrubbed of the secrets of this target and the `others` configured, whatever part
    of the send raised it."""
    from fixit.credentials import lookup
    from fixit.submit import http, scrub

    with scrub.guarding(scrub.of_targets([target, *others], lookup)):
        payload = item.payload()
        go = _sender(target, payload)
        until = http.send_deadline(float(target.settings.get("timeout") or 20.0), payload)
        for wait in (*RETRY_WAITS, None):
            try:
                return go(payload)
            except SubmitError as exc:
                payload = _reached(item, payload, exc)
                pause = _pause(exc, wait, until)
                if pause is None:
                    raise
                if exc.not_before is not None and on_wait is not None:
                    on_wait(pause, exc)
                time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def _sender(target: Target, payload: Payload) -> Callable[[Payload], Ticket]:
    """How this item leaves: as a note on the ticket chosen (kept in the item, so every retry
    does the same) where the target can add one, else as a report of its own (which then
    carries `related_ticket` in its text)."""
    from fixit.credentials import lookup
    from fixit.submit.registry import adds_note, make_noter, make_submitter

    if adds_note(target, payload):
        noter, ref = make_noter(target, lookup), str(payload.add_to)
        return lambda p: noter.add_note(p, ref)
    return make_submitter(target, lookup).send


def _reached(item: Item, payload: Payload, exc: SubmitError) -> Payload:
    """Note recipients a partly refused try reached (at once: they never get it twice)."""
    if not exc.delivered:
        return payload
    item.reached(exc.delivered)
    return dataclasses.replace(payload, delivered=(*payload.delivered, *exc.delivered))


def _pause(exc: SubmitError, wait: float | None, until: float) -> float | None:
    """Seconds to wait before trying again in this run, or None to stop trying now."""
    if not exc.retry or wait is None:
        return None
    if exc.not_before is not None:
        asked = (exc.not_before - dt.datetime.now(dt.timezone.utc)).total_seconds()
        wait = max(wait, asked)
    return wait if time.monotonic() + wait <= until else None


def kept(ctx: AppContext, name: str = "") -> None:
    """Say the report is safe in the outbox, if the terminal is still there (after SIGHUP it
    may not be: the exit code must stay the signal's, never become a crash). `name` starts
    the line when several reports are being sent (`<session> → <target>: `)."""
    with contextlib.suppress(OSError):
        ctx.screen.line(
            _named(
                name,
                ctx.msgs(
                    _(
                        "The report is kept in the outbox. Send it again with: fixit outbox send "
                        "--now"
                    )
                ),
            ),
            "yellow",
        )


def waiting(ctx: AppContext, seconds: float, exc: SubmitError, name: str = "") -> None:
    """Before a wait the help desk asked for (Retry-After): what fixit is doing meanwhile."""
    from fixit.i18n import localized
    from fixit.submit.waits import duration

    said = localized(exc.message, ctx.lang)
    line = ctx.msgs(
        _("{error} Trying again in {wait}, as it asked.", error=said, wait=duration(seconds))
    )
    ctx.screen.line(_named(name, line), "dim")


def _named(name: str, line: str) -> str:
    return f"{name}: {line}" if name else line


def record_ticket(sid: str, target: str, ticket: Ticket) -> None:
    """Store the ticket in the session's metadata (the report shows the latest from there)."""
    entry = {"target": target, "ref": ticket.ref, "url": ticket.url}

    def add(meta: dict[str, Any]) -> None:
        meta["ticket"] = entry  # the latest, which the report shows
        earlier = meta.get("tickets")
        kept = [t for t in earlier if t != entry] if isinstance(earlier, list) else []
        meta["tickets"] = [*kept, entry]  # every target's

    sessions.amend_meta(sid, add)
