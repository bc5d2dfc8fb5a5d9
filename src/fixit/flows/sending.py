"""Sending a session's report from the screen: which target, what exactly leaves (the preview),
outbox first, then send and say how it went; for `fixit submit`, `fixit outbox send` and the
offer at the end of a session."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import ConfigError, FixitError, Interrupted
from fixit.i18n import Msg, _
from fixit.submit.base import Payload, Target, Ticket
from fixit.submit.outbox import Item

if TYPE_CHECKING:
    from fixit.flows.delivery import Attempt


def resolve_target(ctx: AppContext, name: str | None) -> Target:
    """The target named by --to, else the configured default, else the only one."""
    targets: dict[str, Target] = ctx.config.targets
    if not targets:
        raise ConfigError(
            _("no submit target is configured."),
            _(
                "Add one under submit.targets (see `fixit config init`), or save the report with "
                "`fixit report --output FILE` and send it yourself."
            ),
        )
    chosen = (
        name or ctx.config.default_target or (next(iter(targets)) if len(targets) == 1 else None)
    )
    if chosen is None:
        raise ConfigError(
            _("several submit targets are configured and none is the default."),
            _(
                "Choose one with --to ({targets}) or set submit.default.",
                targets=", ".join(targets),
            ),
        )
    if chosen not in targets:
        raise ConfigError(
            _("there is no submit target {target}.", target=repr(chosen)),
            _("Use one of: {names}.", names=", ".join(targets)),
        )
    return targets[chosen]


def describe(target: Target, lang: str) -> str:
    """A target in one line: its name, type and where it goes (in `lang`)."""
    from fixit.textsafe import visible
    from fixit.urls import short_url

    s = target.settings
    url = s.get("url")
    where = short_url(str(url)) if url else s.get("host") or s.get("path") or s.get("repo") or ""
    if target.type == "email":
        to = ", ".join(s.get("to", ()))
        where = _("{to} via {host}", to=to, host=str(s.get("host"))).render(lang)
    return visible(f"{target.name} ({target.type}, {where})", True)


NOT_SENT = _("Not sent: a {type} target takes no files, so support must ask for {files}.")
ADDS = _("Adds a note to the existing ticket {ref} (no new ticket).")
NAMES = _("A new report that names ticket {ref} (this target cannot add to a ticket).")
NOT_WITH_NOTE = _("Not sent: a note carries no files, so support must ask for {files}.")
AS_TYPED = _(
    "Sent as typed: {fields}. The topic “{tree}” marks these answers as what the "
    "request is about, so they are not hidden (passwords and other secrets still "
    "are)."
)


def preview(ctx: AppContext, payload: Payload, target: Target, body: bool = True) -> str:
    """Exactly what will leave, as a person reads it before confirming (without `body`: only
    where it goes, its title and files, for `--yes`, where no one reads it first)."""
    from fixit.report.as_typed import typed_labels
    from fixit.report.document import Report
    from fixit.submit.registry import TYPES, adds_note, sent_body, sent_files
    from fixit.textsafe import visible

    m = ctx.msgs
    attached = [f"{a.name} ({a.size} B, sha256 {a.sha256[:12]}…)" for a in payload.attachments]
    noting = adds_note(target, payload)
    takes = TYPES[target.type].takes_files and not noting
    files = sent_files(target, payload) + (attached if takes else [])
    text = visible(sent_body(target, payload))
    head = [
        m(_("To: {target}", target=describe(target, ctx.lang))),
        m(ADDS, ref=visible(str(payload.add_to), True))
        if noting
        else m(_("Title: {title}", title=visible(payload.title, True))),
        m(_("Files: {files}", files=visible(", ".join(files), True)))
        if files
        else m(_("Files: none (the report is the message itself)")),
    ]
    related = doc_related(payload)
    if related and not noting:  # a directory, webhook or e-mail: a report of its own
        head.append(m(NAMES, ref=visible(related, True)))
    if attached and noting:
        names = visible(", ".join(a.name for a in payload.attachments), True)
        head.append(m(NOT_WITH_NOTE, files=names))
    elif attached and not takes:
        names = visible(", ".join(a.name for a in payload.attachments), True)
        head.append(m(NOT_SENT, type=target.type, files=names))
    doc = payload.report  # the JSON form that leaves: read as typed when it names such fields
    typed = typed_labels(Report.from_json(doc), m) if doc.get("as_typed") else []
    if typed and doc.get("redacted"):  # the tree's word, not fixit's: say so
        tree = visible(str(doc["tree"]["title"]), True)
        head.append(m(AS_TYPED, fields=visible(", ".join(typed), True), tree=tree))
    if not body:
        return "\n".join(head)
    return "\n".join([*head, "-" * 40]) + "\n" + text


def doc_related(payload: Payload) -> str:
    """The ticket the report names in `related_ticket` ("" when none)."""
    ref = payload.report.get("related_ticket")
    return ref if isinstance(ref, str) else ""


def send_now(ctx: AppContext, sid: str, target: Target, payload: Payload) -> bool:
    """Under the item's lock: write the payload to the outbox, then send it. True when sent."""
    from fixit.submit import outbox

    item_id = f"{sid}--{target.name}"
    with outbox.lock(item_id) as mine:
        if not mine:
            raise outbox.busy(item_id)
        if already_sent(ctx, outbox.sent_item(sid, target.name), target):
            return True
        item = outbox.put(sid, target, payload)  # on disk before any network I/O
        return deliver(ctx, item, target)


def already_sent(ctx: AppContext, done: Item | None, target: Target) -> bool:
    """Say so when the report was sent (and finish what a cut-short send left undone)."""
    from fixit.flows.delivery import already

    if done is None:
        return False
    ticket = already(done, target).ticket
    ref = ticket.ref if ticket is not None else "?"
    ctx.screen.line(
        ctx.msgs(
            _("This report was already sent to {target} as {ref}.", target=target.name, ref=ref)
        )
    )
    return True


KEPT = _("The report is kept in the outbox. Send it again with: fixit outbox send --now")


def deliver(ctx: AppContext, item: Item, target: Target) -> bool:
    """Send one outbox item (see delivery.attempt) and say how it went. True when sent."""
    from fixit.flows.delivery import attempt, kept, waiting

    try:
        others = ctx.config.targets.values()
        tried = attempt(item, target, ctx.debug, lambda s, e: waiting(ctx, s, e), others)
    except (KeyboardInterrupt, Interrupted):  # the item is on disk: say so before the exit
        kept(ctx)
        raise
    told = _not_sent(ctx, item, target, tried)
    if told is not None or tried.ticket is None:
        return bool(told)
    m, ticket = ctx.msgs, tried.ticket
    ctx.screen.line(m(sent_line(target.name, ticket)), "bold")
    if tried.unrecorded is not None:
        warn(unrecorded(ctx, ticket.ref, tried.unrecorded))
    if ticket.url:
        ctx.screen.line(ticket.url)
    expectation(ctx, item, ticket)
    return True


def sent_line(target: str, ticket: Ticket) -> Msg:
    """How a send ended, naming the ticket: a new one, or the existing one it was added to."""
    if ticket.added:
        return _("Added to {ref} on {target} as a note.", ref=ticket.ref, target=target)
    return _("Sent to {target}: {ref}", target=target, ref=ticket.ref)


def _not_sent(ctx: AppContext, item: Item, target: Target, tried: Attempt) -> bool | None:
    """Say why a try made no new ticket; True when the report was sent before, False when it
    is still to be sent, None when this try sent it."""
    m = ctx.msgs
    if tried.outcome == "busy":
        line = _("{id} is being sent by another fixit right now; skipped.", id=item.id)
        ctx.screen.line(m(line), "yellow")
        return False
    if tried.outcome == "gone":
        line = _(
            "{id} is no longer in the outbox (sent or removed elsewhere); skipped.", id=item.id
        )
        ctx.screen.line(m(line), "yellow")
        return False
    if tried.outcome == "already":
        ref = tried.ticket.ref if tried.ticket else "?"
        line = _("This report was already sent to {target} as {ref}.", target=target.name, ref=ref)
        ctx.screen.line(m(line))
        return True
    if tried.outcome == "failed" and tried.error is not None:
        error(ctx, tried.error.message, tried.error.hint)
        if tried.error.not_before is None:
            ctx.screen.line(m(KEPT), "yellow")
        return False
    if tried.outcome == "unexpected" or tried.ticket is None:
        what = _(
            "sending {id} failed with an unexpected error ({error}).", id=item.id, error=tried.kind
        )
        debug = _("The report stays in the outbox. Run the command again with --debug for details.")
        error(ctx, m(what), m(debug))
        ctx.screen.line(m(KEPT), "yellow")
        return False
    return None


def error(ctx: AppContext, message: Msg | str, hint: Msg | str | None) -> None:
    """An error and its hint on stderr, in the user's language (a str is said as it is, or
    matched as old English while errors.localized exists)."""
    from fixit.i18n import localized
    from fixit.textsafe import visible

    sys.stderr.write(f"fixit: error: {visible(localized(message, ctx.lang))}\n")
    if hint:
        sys.stderr.write(f"hint: {visible(localized(hint, ctx.lang))}\n")


def unrecorded(ctx: AppContext, ref: str, exc: FixitError) -> str:
    """The warning for a ticket made but not noted in its session."""
    from fixit.i18n import localized

    return ctx.msgs(
        _(
            "the ticket {ref} was made, but it could not be noted in the session: {error}",
            ref=ref,
            error=localized(exc.message, ctx.lang),
        )
    )


def warn(message: str) -> None:
    """`fixit: warning:` and the message (already in the reader's language) on stderr."""
    from fixit.textsafe import visible

    sys.stderr.write(f"fixit: warning: {visible(message)}\n")


def expectation(ctx: AppContext, item: Item, ticket: Ticket) -> None:
    """When to expect an answer, and whom to call for an urgent problem out of hours."""
    try:
        from fixit.support_hours import expectation as expect
    except ImportError:  # pragma: no cover
        return
    urgency = json.loads((item.folder / "report.json").read_text("utf-8")).get("urgency")
    line = expect(ctx.config, urgency, None, ctx.msgs, ticket.ref)
    if line:
        ctx.screen.line(line)
