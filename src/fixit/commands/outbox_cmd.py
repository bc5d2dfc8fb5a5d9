"""`fixit outbox list` and `fixit outbox send`: what waits and why; send what is due.

Every line `fixit outbox send` prints about a report names it (`<session> → <target>`), so the
lines of several reports, or of a cron job that keeps only standard error, can be told apart.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any

from fixit.context import AppContext
from fixit.errors import ExitCode, FixitError, Interrupted
from fixit.i18n import _
from fixit.i18n.errors import localized
from fixit.labels import OUTBOX_COL, OUTBOX_STATUS
from fixit.submit.base import SubmitError, Target
from fixit.submit.outbox import Item

if TYPE_CHECKING:
    from fixit.i18n import Messages

COLUMNS = ("session", "target", "title", "attempts", "status", "next_try", "last_error")
WHOLE = ("session", "target", "attempts", "next_try")  # never broken across lines
ROOM = 10  # the least width for each other column; with less the list is one block per report
FAILED = ("failed", "failed_fix", "broken")  # outcomes that make `fixit outbox send` exit 1
SUMMARY = {  # outcome -> what the closing line counts it as
    "sent": "sent",
    "not_due": "waiting",
    "busy": "waiting",
    "failed": "waiting",
    "needs_fix": "fix",
    "failed_fix": "fix",
    "broken": "fix",
}  # "gone" (removed from the outbox, not sent) is said on its own line and counted in none


def label(item: Item) -> str:
    """An item as people name it: its session and its target."""
    session, _, target = item.id.partition("--")
    return f"{session} → {target}"


def local_time(when: str, msgs: Messages, tz: dt.tzinfo | None = None) -> str:
    """A time from item.json as people here read it: local time with its date and UTC offset,
    as reports and `fixit sessions` write times (a cron job's log is read on another day)."""
    from fixit.report.outline import when as written

    return written(dt.datetime.fromisoformat(when).astimezone(tz).isoformat(), msgs)


def _row(item: Item) -> dict[str, Any]:
    if item.damaged is not None:
        session, _, target = item.id.partition("--")
        return dict.fromkeys((*COLUMNS, "next_try")) | {
            "session": session,
            "target": target,
            "status": "damaged",
            "last_error": item.damaged,
            "id": item.id,
        }
    row = {k: item.meta.get(k) for k in (*COLUMNS, "next_try")} | {"id": item.id}
    return row | {"last_error": item.last_error}  # a message: shown in the reader's language


def outbox_list(ctx: AppContext, as_json: bool) -> int:
    """The reports waiting in the outbox and why (damaged ones too)."""
    from fixit.submit import outbox

    rows = [_row(i) for i in outbox.waiting()]
    if as_json:  # for programs: the reason in English, as item.json keeps it
        plain = [r | {"last_error": _english(r["last_error"])} for r in rows]
        sys.stdout.write(json.dumps(plain, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    if not rows:
        _say(ctx, ctx.msgs(_("The outbox is empty: no report is waiting to be sent.")))
        return ExitCode.OK
    cells = [{k: _cell(ctx, k, r[k]) for k in COLUMNS} for r in rows]
    for r, c in zip(rows, cells, strict=True):  # a time only where a try is waiting for it
        c["next_try"] = local_time(r["next_try"], ctx.msgs) if _retried(r) else ""
    if _fits(ctx, cells) and not ctx.plain:  # plain mode draws no table
        _table(ctx, cells)
    else:
        _blocks(ctx, cells)
    if any(r["status"] == "damaged" for r in rows):
        _say(
            ctx,
            ctx.msgs(
                _(
                    "Send the session's report again with `fixit submit SESSION`, or remove its "
                    "folder from the outbox."
                )
            ),
            "yellow",
        )
    return ExitCode.OK


def _retried(row: dict[str, Any]) -> bool:
    """Whether `fixit outbox send` tries the report again by itself, at its next try."""
    return row["status"] == "waiting" and isinstance(row.get("next_try"), str)


def _cell(ctx: AppContext, column: str, value: Any) -> Any:
    """A value as the list shows it: statuses and errors in the user's language."""
    if value is None:
        return ""
    if column == "status":
        return ctx.msgs(OUTBOX_STATUS[value])
    return localized(value, ctx.lang) if column == "last_error" else value


def _english(value: object) -> str | None:
    """A reason as the JSON list gives it: English, None when there is none."""
    return None if value is None else str(value)


def _fits(ctx: AppContext, rows: list[dict[str, Any]]) -> bool:
    """Whether a table fits: the whole columns, the borders, and room for the others' words."""
    from fixit.columns import cell_width

    whole = sum(
        max(cell_width(str(v)) for v in [ctx.msgs(OUTBOX_COL[k])] + [r[k] for r in rows])
        for k in WHOLE
    )
    borders = 3 * len(COLUMNS) + 1
    return whole + borders + ROOM * (len(COLUMNS) - len(WHOLE)) <= ctx.console.width


def _table(ctx: AppContext, rows: list[dict[str, Any]]) -> None:
    """One row per report; the session, target and tries are never broken across lines."""
    from rich.table import Table

    from fixit.ui import safe

    table = Table(expand=False)
    for key in COLUMNS:
        no_wrap = key in WHOLE
        table.add_column(ctx.msgs(OUTBOX_COL[key]), no_wrap=no_wrap, overflow="fold")
    for r in rows:
        table.add_row(*(safe(str(r[k])) for k in COLUMNS))
    ctx.console.print(table)


def _blocks(ctx: AppContext, rows: list[dict[str, Any]]) -> None:
    """For a narrow terminal: each report as a heading and its fields, indented."""
    for n, r in enumerate(rows):
        if n:
            _say(ctx, "")
        _say(ctx, f"{r['session']} → {r['target']}", "bold")
        for key in COLUMNS[2:]:
            if r[key] != "":
                _say(ctx, f"{ctx.msgs(OUTBOX_COL[key])}: {r[key]}", indent="  ")


def _say(ctx: AppContext, text: str, style: str = "", indent: str = "") -> None:
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


def outbox_send(ctx: AppContext, force: bool) -> int:
    """Try the reports that are due (all with --now): a report that needs a fix only once its
    target's settings changed. Exit 1 only when a try failed or a report cannot be sent."""
    from fixit.submit import outbox

    items = outbox.waiting()
    if not items:
        _say(ctx, ctx.msgs(_("The outbox is empty: no report is waiting to be sent.")))
        return ExitCode.OK
    at = outbox.now()
    outcomes = [_guarded(ctx, item, force, at) for item in items]
    if all(o in ("not_due", "needs_fix") for o in outcomes):
        _say(ctx, ctx.msgs(_("Nothing was due, so no report was tried.")))
    count = Counter(SUMMARY.get(o) for o in outcomes)
    summary = ctx.msgs(
        _(
            "Sent: {sent}. Still waiting: {waiting}. Needing a fix: {fix}.",
            sent=count["sent"],
            waiting=count["waiting"],
            fix=count["fix"],
        )
    )
    _say(ctx, summary, "bold")
    return ExitCode.USER_ERROR if any(o in FAILED for o in outcomes) else ExitCode.OK


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


def _one(ctx: AppContext, item: Item, force: bool, at: dt.datetime) -> str:
    """Try one item if it is due, or say why not; its outcome for the summary."""
    m, name = ctx.msgs, label(item)
    if item.damaged is not None:
        _say(
            ctx,
            m(_("{id} is damaged and cannot be sent: {reason}.", id=name, reason=item.damaged)),
            "yellow",
        )
        _say(
            ctx,
            m(
                _(
                    "Send the session's report again with `fixit submit SESSION`, or remove its "
                    "folder from the outbox."
                )
            ),
            "dim",
        )
        return "broken"
    target = ctx.config.targets.get(item.meta["target"])
    if target is None:
        _say(
            ctx,
            m(
                _(
                    "{id}: the target {target!r} is no longer configured.",
                    id=name,
                    target=item.meta["target"],
                )
            ),
            "yellow",
        )
        return "broken"
    if not force and item.meta["status"] == "needs_fix" and not item.fixed(target):
        error = localized(item.last_error or "", ctx.lang)
        _say(ctx, m(_("{item}: needs a fix, so it was not tried: {error}", item=name, error=error)))
        _say(ctx, _fix_text(ctx, item))
        return "needs_fix"
    if not force and not item.due(at):
        when = local_time(item.meta["next_try"], m)
        _say(
            ctx, m(_("{id}: next try after {at} (use --now to try now).", id=name, at=when)), "dim"
        )
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
    from fixit.flows.sending import expectation

    m, name = ctx.msgs, label(item)
    try:
        others = ctx.config.targets.values()
        tried = attempt(item, target, ctx.debug, lambda s, e: waiting(ctx, s, e, name), others)
    except (KeyboardInterrupt, Interrupted):  # the item is on disk: say so before the exit
        kept(ctx, name)
        raise
    if tried.outcome == "busy":
        _say(
            ctx, m(_("{id} is being sent by another fixit right now; skipped.", id=name)), "yellow"
        )
        return "busy"
    if tried.outcome == "gone":
        _say(
            ctx,
            m(_("{id} is no longer in the outbox (sent or removed elsewhere); skipped.", id=name)),
            "yellow",
        )
        return "gone"
    if tried.outcome == "already":
        ref = tried.ticket.ref if tried.ticket else "?"
        _say(
            ctx,
            m(_("This report was already sent to {target} as {ref}.", target=target.name, ref=ref)),
        )
        return "sent"
    if tried.outcome == "failed" and tried.error is not None:
        return _failed(ctx, item, tried.error)
    if tried.outcome == "unexpected" or tried.ticket is None:
        _error(
            m(
                _(
                    "sending {id} failed with an unexpected error ({error}).",
                    id=name,
                    error=tried.kind,
                )
            )
        )
        _hint(
            m(
                _(
                    "Run the command again with --debug for details. Next try after {at}.",
                    at=local_time(item.meta["next_try"], m),
                )
            )
        )
        return "failed"
    _say(ctx, m(_("{item}: sent as {ref}.", item=name, ref=tried.ticket.ref)), "bold")
    if tried.unrecorded is not None:
        from fixit.flows.sending import unrecorded

        _warning(f"{name}: {unrecorded(ctx, tried.ticket.ref, tried.unrecorded)}")
    if tried.ticket.url:
        _say(ctx, tried.ticket.url)
    expectation(ctx, item, tried.ticket)
    return "sent"


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
