"""The end of a finished session on the screen: its one next step and the offer to send it.

The summary (or, after `fixit report --new`, the report) comes first; then the line from
`fixit.next_step`, which never tells how to send a report that fixit is about to offer to send;
then the offer, so the screen ends with the ticket reference once the user sends it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from fixit.context import AppContext
from fixit.engine import Engine, Walk
from fixit.errors import FixitError
from fixit.flows.drive import Ended
from fixit.flows.report import Opened, end_summary, open_session
from fixit.i18n import _
from fixit.labels import OFFER
from fixit.next_step import SEND_OUTCOMES, delivery, line_for
from fixit.prompts.base import Option, Prompter
from fixit.submit.base import Payload, Target


def end_screen(ctx: AppContext, ended: Ended) -> None:
    """After a finished run: the summary with its one next step, then the offer to send the
    report (after the summary, so the screen ends with the ticket)."""
    if ended.how != "finished" or ended.walk is None:
        return
    offering = show_summary(ctx, ended.session, ended.walk, ended.prompter)
    if offering and ended.prompter is not None:
        offer_to_send(ctx, ended.session, ended.mode, ended.prompter)


def show_summary(ctx: AppContext, sid: str, walk: Walk, prompter: Prompter | None) -> bool:
    """Show a finished session's summary with its one next step. True when fixit is to offer to
    send the report next (a `prompter` to ask with, and a target to send to)."""
    from fixit import ui

    opened = open_session(sid)
    summary = end_summary(opened, ctx.msgs, ctx.config, ctx.config.contact())
    offering = will_offer(ctx, opened.meta, prompter)
    category = opened.root.category
    nxt = line_for(ctx.msgs, opened.meta, walk.fields, category, ctx.config, offering)
    summary = replace(summary, next=nxt)
    ui.show_summary(ctx.console, summary, ctx.msgs, ctx.plain)
    return offering


def will_offer(ctx: AppContext, meta: Mapping[str, Any], prompter: Prompter | None) -> bool:
    """Whether fixit offers to send this finished session's report: it has to reach support,
    someone is there to answer, and one target is the one to send to."""
    if prompter is None or meta.get("outcome") not in SEND_OUTCOMES:
        return False
    return delivery(ctx.config, meta, True)[0] == "offer"


def next_line(ctx: AppContext, opened: Opened, offering: bool) -> str:
    """The one next step for a finished session (see next_step.next_step)."""
    engine = Engine(opened.trees, opened.root.id)
    walk = engine.walk(opened.history.state.active)
    return line_for(ctx.msgs, opened.meta, walk.fields, opened.root.category, ctx.config, offering)


def after_new_report(ctx: AppContext, sid: str, prompter: Prompter | None) -> None:
    """After a new report (`fixit report --new`): the next step, then the offer to send it."""
    opened = open_session(sid)
    if prompter is None and ctx.interactive():
        from fixit.flows.drive import prompter as interactive

        prompter = interactive(ctx)
    offering = will_offer(ctx, opened.meta, prompter)
    line = next_line(ctx, opened, offering)
    if line:
        sys.stdout.flush()
        ctx.screen.line()
        ctx.screen.line(line, "bold")
    if offering and prompter is not None:
        offer_to_send(ctx, sid, str(opened.meta.get("mode", "self")), prompter)


def offer_to_send(ctx: AppContext, sid: str, mode: str, prompter: Prompter) -> None:
    """Offer to send the report now (or show exactly what would leave first); a refusal or
    Ctrl-C ends with how to send it later. The session is finished and saved either way."""
    from fixit.flows.sending import resolve_target

    m = ctx.msgs
    agent = ".agent" if mode == "agent" else ""
    later = m(OFFER[f"how{agent}"], id=sid)
    target = resolve_target(ctx, None)
    payload = _decided(ctx, sid, target, prompter, later)
    if payload is None:
        return
    options = [
        Option("send", m(_("Send it now"))),
        Option("show", m(_("Show exactly what will be sent"))),
        Option("later", m(_("Not now"))),
    ]
    try:
        while True:
            title = m(OFFER[f"title{agent}"], target=target.name)
            choice = prompter.select(title, options, default="send")
            if choice != "show":
                break
            _show_what_leaves(ctx, payload, target)
    except (KeyboardInterrupt, EOFError):
        ctx.screen.line(later, "dim")
        return
    if choice == "send":
        _send(ctx, sid, target, payload, later)
    else:
        ctx.screen.line(later, "bold")


def _decided(
    ctx: AppContext, sid: str, target: Target, prompter: Prompter, later: str
) -> Payload | None:
    """The report as it would leave, after asking whether to add it to an existing ticket;
    None when it is not to be sent now: support wants no new reports of the known problem,
    or the question failed or was cut short (each said, with `later`, how to send it)."""
    from fixit.flows import existing
    from fixit.flows.report import open_session, payload_of
    from fixit.flows.sending import error

    try:
        opened = open_session(sid)
        payload = existing.with_case(ctx, payload_of(ctx, opened))
        decision = existing.decide(ctx, opened, target, payload, prompter)
        if decision.off is None:
            return existing.applied(ctx, opened, target, payload, decision)
        ctx.screen.line(ctx.msgs(decision.off), "bold")
    except FixitError as exc:
        error(ctx, exc.message, exc.hint)
        ctx.screen.line(later, "bold")
    except (KeyboardInterrupt, EOFError):
        ctx.screen.line(later, "dim")
    return None


def _show_what_leaves(ctx: AppContext, payload: Payload, target: Target) -> None:
    from fixit.flows.sending import preview
    from fixit.term import page

    page(preview(ctx, payload, target) + "\n")


def _send(ctx: AppContext, sid: str, target: Target, payload: Payload, later: str) -> None:
    """Send; the delivery prints the ticket reference last, or why it is kept for later."""
    from fixit.flows.sending import error, send_now

    try:
        send_now(ctx, sid, target, payload)
    except FixitError as exc:
        error(ctx, exc.message, exc.hint)
        ctx.screen.line(later, "bold")
    except (KeyboardInterrupt, EOFError):  # cut short: the delivery said the report is kept
        return
