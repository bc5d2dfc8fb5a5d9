"""`fixit submit`: a new ticket or an existing one, preview, confirm, outbox first, send, record
the ticket."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fixit.context import AppContext
from fixit.errors import ExitCode, NeedsTerminalError
from fixit.flows import sending
from fixit.i18n import _
from fixit.prompts.base import Prompter
from fixit.submit.base import Target

UNFINISHED = _(
    "session {session} is not finished: support gets only the answers so far. To "
    "finish it first, run `fixit resume {session}`."
)
TOO_LATE = _(
    "this report was already sent to {target}, so {files} did not go with it. "
    "Send the file to support another way, or send the report to another "
    "target with --to."
)


def submit(
    ctx: AppContext,
    sid: str | None,
    to: str | None,
    yes: bool,
    dry_run: bool,
    prompter: Prompter | None = None,
    attach: Sequence[Path] = (),
    new_ticket: bool = False,
) -> int:
    """Ask whether to add to an existing ticket (unless `new_ticket`), preview, confirm, write
    to the outbox, send; the ticket goes to the session and report."""
    from fixit.flows import existing, report
    from fixit.submit import outbox
    from fixit.term import page

    target = sending.resolve_target(ctx, to)
    opened = report.open_session(sid or report.latest())
    sid = opened.id
    if opened.meta.get("status") != "finished":
        sending.warn(ctx.msgs(UNFINISHED, session=sid))
    files = report.attachable(ctx, attach)
    if not dry_run and sending.already_sent(ctx, outbox.sent_item(sid, target.name), target):
        if files:
            names = ", ".join(f.name for f in files)
            sending.warn(ctx.msgs(TOO_LATE, target=target.name, files=names))
        return ExitCode.OK
    payload = existing.with_case(ctx, report.payload_of(ctx, opened, files))
    asks = not yes and not (dry_run and prompter is None and not ctx.interactive())
    decision = existing.decide(
        ctx, opened, target, payload, prompter, new_ticket=new_ticket, yes=not asks
    )
    if decision.off is not None:
        ctx.screen.line(ctx.msgs(decision.off), "bold")
        return ExitCode.OK
    payload = existing.applied(ctx, opened, target, payload, decision, files)
    if yes and not dry_run:  # sent without a look: say where and what, not the whole report
        ctx.screen.line(sending.preview(ctx, payload, target, body=False))
    else:
        page(sending.preview(ctx, payload, target) + "\n")
    if dry_run:  # nothing is sent, and nothing changes: the files are not kept either
        ctx.screen.line(ctx.msgs(_("Dry run: nothing was sent.")), "dim")
        return ExitCode.OK
    if not yes and not _confirm(ctx, prompter, target, payload.add_to):
        ctx.screen.line(ctx.msgs(_("Not sent. Send it later with `fixit submit`.")), "dim")
        return ExitCode.OK
    report.keep(sid, files)  # sent with this report: later reports of the session list them too
    return ExitCode.OK if sending.send_now(ctx, sid, target, payload) else ExitCode.USER_ERROR


def _confirm(ctx: AppContext, prompter: Prompter | None, target: Target, ref: str | None) -> bool:
    if prompter is None:
        if not ctx.interactive():
            raise NeedsTerminalError(
                _("sending needs a confirmation, but standard input is not a terminal."),
                _("Check the preview with --dry-run, then send with --yes."),
            )
        from fixit.prompts.interactive import prompter_for

        prompter = prompter_for(ctx.msgs, ctx.plain)
    from fixit.submit.registry import can_add

    question = (
        _("Add this report to {ref} on {target}?", ref=ref, target=target.name)
        if ref and can_add(target)
        else _("Send this report to {target}?", target=target.name)
    )
    return prompter.confirm(ctx.msgs(question), default=True)
