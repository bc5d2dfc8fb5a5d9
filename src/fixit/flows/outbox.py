"""`fixit outbox send`'s part below the command: each waiting report tried when it is due (or
said why not), each line naming the report it is about (`<session> → <target>`), so the lines
of several reports, or of a cron job that keeps only standard error, can be told apart."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import FixitError, Interrupted
from fixit.i18n import _, localized
from fixit.submit.base import SubmitError, Target
from fixit.submit.outbox import Item

if TYPE_CHECKING:
    from fixit.flows.delivery import Attempt
    from fixit.i18n import Messages


def label(item: Item) -> str:
    """An item as people name it: its session and its target."""
    session, _, target = item.id.partition("--")
    return f"{session} → {target}"


def local_time(when: str, msgs: Messages, tz: dt.tzinfo | None = None) -> str:
    """A time from item.json as people here read it: local time with its date and UTC offset,
    as reports and `fixit sessions` write times (a cron job's log is read on another day)."""
    from fixit.report.outline import when as written

    return written(dt.datetime.fromisoformat(when).astimezone(tz).isoformat(), msgs)


def say(ctx: AppContext, text: str, style: str = "", indent: str = "") -> None:
    """A line wrapped at spaces only, so an id is never split (not even at its hyphens)."""
    from fixit.textsafe import visible

    lines = textwrap.wrap(
        visible(text, True),
        ctx.screen.width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    ctx.screen.line("\n".join(lines), style)


def send_due(ctx: AppContext, items: list[Item], force: bool, at: dt.datetime) -> list[str]:
    """Try each item that is due at `at` (every one with `force`); each one's outcome: `sent`,
    `not_due`, `busy`, `gone`, `failed`, `needs_fix`, `failed_fix` or `broken`."""
    return [_guarded(ctx, item, force, at) for item in items]


def _guarded(ctx: AppContext, item: Item, force: bool, at: dt.datetime) -> str:
    """One item; a problem of its own (its session gone, its files unreadable) is told, and the
    next items are still tried."""
    try:
        return _one(ctx, item, force, at)
    except FixitError as exc:
        _error(f"{label(item)}: {localized(exc.message, ctx.lang)}")
        if exc.hint:
            _hint(localized(exc.hint, ctx.lang))
        return "broken"


DAMAGED = _("{id} is damaged and cannot be sent: {reason}.")
RESEND = _(
    "Send the session's report again with `fixit submit SESSION`, or remove its folder from the "
    "outbox."
)
GONE_TARGET = _("{id}: the target {target!r} is no longer configured.")


def _one(ctx: AppContext, item: Item, force: bool, at: dt.datetime) -> str:
    """Try one item if it is due, or say why not; its outcome for the summary."""
    m, name = ctx.msgs, label(item)
    if item.damaged is not None:
        say(ctx, m(DAMAGED, id=name, reason=item.damaged), "yellow")
        say(ctx, m(RESEND), "dim")
        return "broken"
    target = ctx.config.targets.get(item.meta["target"])
    if target is None:
        say(ctx, m(GONE_TARGET, id=name, target=item.meta["target"]), "yellow")
        return "broken"
    if not force and item.meta["status"] == "needs_fix" and not item.fixed(target):
        error = localized(item.last_error or "", ctx.lang)
        say(ctx, m(_("{item}: needs a fix, so it was not tried: {error}", item=name, error=error)))
        say(ctx, _fix_text(ctx, item))
        return "needs_fix"
    if not force and not item.due(at):
        when = local_time(item.meta["next_try"], m)
        say(ctx, m(_("{id}: next try after {at} (use --now to try now).", id=name, at=when)), "dim")
        return "not_due"
    return _attempt(ctx, item, target)


def _fix_text(ctx: AppContext, item: Item) -> str:
    """What to fix (when the failure said), and that only a change or --now sends it again."""
    hint = item.hint
    fix = ctx.msgs(
        _(
            "After the fix, send it with --now: until the target's settings change, fixit does "
            "not try it again by itself."
        )
    )
    return f"{localized(hint, ctx.lang)} {fix}" if hint else fix


def _attempt(ctx: AppContext, item: Item, target: Target) -> str:
    """Send one item (see delivery.attempt); print the ticket or the reason, naming the item."""
    from fixit.flows.delivery import attempt, kept, waiting
    from fixit.flows.sending import expectation, unrecorded

    name = label(item)
    try:
        others = ctx.config.targets.values()
        tried = attempt(item, target, ctx.debug, lambda s, e: waiting(ctx, s, e, name), others)
    except (KeyboardInterrupt, Interrupted):  # the item is on disk: say so before the exit
        kept(ctx, name)
        raise
    outcome = _not_sent(ctx, item, target, tried)
    if outcome is not None or tried.ticket is None:
        return outcome or "failed"
    ticket = tried.ticket
    said = (
        _("{item}: added to {ref} as a note.", item=name, ref=ticket.ref)
        if ticket.added
        else _("{item}: sent as {ref}.", item=name, ref=ticket.ref)
    )
    say(ctx, ctx.msgs(said), "bold")
    if tried.unrecorded is not None:
        _warning(f"{name}: {unrecorded(ctx, ticket.ref, tried.unrecorded)}")
    if ticket.url:
        say(ctx, ticket.url)
    expectation(ctx, item, ticket)
    return "sent"


def _not_sent(ctx: AppContext, item: Item, target: Target, tried: Attempt) -> str | None:
    """Say why a try made no new ticket, naming the item; its outcome, or None when sent."""
    m, name = ctx.msgs, label(item)
    if tried.outcome == "busy":
        say(ctx, m(_("{id} is being sent by another fixit right now; skipped.", id=name)), "yellow")
        return "busy"
    if tried.outcome == "gone":
        line = _("{id} is no longer in the outbox (sent or removed elsewhere); skipped.", id=name)
        say(ctx, m(line), "yellow")
        return "gone"
    if tried.outcome == "already":
        ref = tried.ticket.ref if tried.ticket else "?"
        say(
            ctx,
            m(_("This report was already sent to {target} as {ref}.", target=target.name, ref=ref)),
        )
        return "sent"
    if tried.outcome == "failed" and tried.error is not None:
        return _failed(ctx, item, tried.error)
    if tried.outcome == "unexpected" or tried.ticket is None:
        what = _(
            "sending {id} failed with an unexpected error ({error}).", id=name, error=tried.kind
        )
        at = local_time(item.meta["next_try"], m)
        _error(m(what))
        _hint(m(_("Run the command again with --debug for details. Next try after {at}.", at=at)))
        return "failed"
    return None


def _failed(ctx: AppContext, item: Item, exc: SubmitError) -> str:
    """Say, once, how a try failed (recorded on the item) and what happens next: the next try,
    or what to fix."""
    _error(f"{label(item)}: {localized(exc.message, ctx.lang)}")
    if not exc.retry:
        _hint(_fix_text(ctx, item))
        return "failed_fix"
    # the target's own hint says the outbox will try again: the time says it better here
    _hint(ctx.msgs(_("Next try after {at}.", at=local_time(item.meta["next_try"], ctx.msgs))))
    return "failed"


def _error(message: str) -> None:
    from fixit.textsafe import visible

    sys.stderr.write(f"fixit: error: {visible(message)}\n")


def _warning(message: str) -> None:
    from fixit.textsafe import visible

    sys.stderr.write(f"fixit: warning: {visible(message)}\n")


def _hint(message: str) -> None:
    from fixit.textsafe import visible

    sys.stderr.write(f"hint: {visible(message)}\n")
