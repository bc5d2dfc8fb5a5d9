"""The end screen of a session that ended on a known problem ("this is my problem"): its short
summary, the one next step, then (when support still wants reports of it) the offer to send the
report, which adds the user to the problem's ticket (or, where the target cannot add to one,
goes as a new report that names it)."""

from __future__ import annotations

from dataclasses import replace

from fixit.context import AppContext
from fixit.flows.drive import Ended
from fixit.next_step import delivery, known_next
from fixit.report.known_part import met


def end_screen(ctx: AppContext, ended: Ended) -> None:
    """The short summary, the next step, and the offer to send."""
    from fixit import ui
    from fixit.flows.report import end_summary, open_session

    opened = open_session(ended.session)
    summary = end_summary(opened, ctx.msgs, ctx.config, ctx.config.contact())
    problem = met(opened.history)
    wanted = problem is None or problem.new_reports
    how, detail = delivery(ctx.config, opened.meta, ended.prompter is not None)
    ticket = problem.ticket if problem is not None else None
    mode = str(opened.meta.get("mode") or "self")
    from fixit.submit.registry import default_adds

    adds = default_adds(ctx.config.targets, ctx.config.default_target)
    line = known_next(
        ctx.msgs, mode, opened.id, ticket, wanted, how, detail or ctx.config.contact(), adds
    )
    ui.show_summary(ctx.console, replace(summary, next=line), ctx.msgs, ctx.plain)
    if wanted and how == "offer" and ended.prompter is not None:
        from fixit.flows.ending import offer_to_send

        offer_to_send(ctx, opened.id, mode, ended.prompter)
