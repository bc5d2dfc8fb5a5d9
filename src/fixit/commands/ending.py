"""The end of a finished session on the screen: its one next step and the offer to send it.

The summary (or, after `fixit report --new`, the report) comes first; then the line from
`fixit.next_step`, which never tells how to send a report that fixit is about to offer to send;
then the offer, so the screen ends with the ticket reference once the user sends it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fixit import sessions
from fixit.context import AppContext
from fixit.errors import FixitError
from fixit.next_step import SEND_OUTCOMES, delivery, line_for
from fixit.prompts.base import Option, Prompter
from fixit.i18n import _


def will_offer(ctx: AppContext, meta: Mapping[str, Any], prompter: Prompter | None) -> bool:
    """Whether fixit offers to send this finished session's report: it has to reach support,
    someone is there to answer, and one target is the one to send to."""
    if prompter is None or meta.get("outcome") not in SEND_OUTCOMES:
        return False
    return delivery(ctx.config, meta, True)[0] == "offer"


def next_line(ctx: AppContext, sid: str, offering: bool) -> str:
    """The one next step for a finished session (see next_step.next_step)."""
    from fixit.engine import Engine
    from fixit.history import replay

    loaded = sessions.load(sid)
    root = loaded.trees[str(loaded.meta["tree"])]
    engine = Engine(loaded.trees, root.id)
    walk = engine.walk(replay(engine, loaded.events).state.active)
    return line_for(ctx.msgs, loaded.meta, walk.fields, root.category, ctx.config, offering)


def offer_to_send(ctx: AppContext, sid: str, mode: str, prompter: Prompter) -> None:
    """Offer to send the report now (or show exactly what would leave first); a refusal or
    Ctrl-C ends with how to send it later. The session is finished and saved either way."""
    from fixit.commands.submit_cmd import resolve_target

    m = ctx.msgs
    agent = ".agent" if mode == "agent" else ""
    later = m(f"offer.how{agent}", id=sid)
    target = resolve_target(ctx, None)
    options = [
        Option("send", m(_("Send it now"))),
        Option("show", m(_("Show exactly what will be sent"))),
        Option("later", m(_("Not now"))),
    ]
    try:
        while True:
            title = m(f"offer.title{agent}", target=target.name)
            choice = prompter.select(title, options, default="send")
            if choice != "show":
                break
            _show_what_leaves(ctx, sid, target)
    except (KeyboardInterrupt, EOFError):
        ctx.screen.line(later, "dim")
        return
    if choice == "send":
        _send(ctx, sid, target, later)
    else:
        ctx.screen.line(later, "bold")


def _show_what_leaves(ctx: AppContext, sid: str, target: Any) -> None:
    from fixit.commands.report_cmd import _show
    from fixit.commands.submit_cmd import _payload, preview

    _show(preview(ctx, _payload(ctx, sid), target) + "\n")


def _send(ctx: AppContext, sid: str, target: Any, later: str) -> None:
    """Send; the delivery prints the ticket reference last, or why it is kept for later."""
    from fixit.commands.submit_cmd import _error, _payload, send_now

    try:
        send_now(ctx, sid, target, _payload(ctx, sid))
    except FixitError as exc:
        _error(ctx, exc.message, exc.hint)
        ctx.screen.line(later, "bold")
    except (KeyboardInterrupt, EOFError):  # cut short: the delivery said the report is kept
        return
