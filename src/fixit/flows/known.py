"""Known problems before the tree (issue 17): gathered in the background from the moment a start
begins, shown before the first question when one matches the tree, with the choice: this is my
problem (the session ends at once with outcome `known`), carry on troubleshooting anyway, or
stop (nothing is saved, as when the list of trees is quit). See docs/known.md."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from fixit import events, sessions
from fixit.context import AppContext
from fixit.flows.drive import Ended
from fixit.flows.team import record_end
from fixit.i18n import _
from fixit.known_seen import seen_of
from fixit.known_view import (
    CARRY_ON,
    MINE,
    STOP,
    options,
    question,
    reminders,
    say_text,
    show_problems,
)
from fixit.labels import CALLER
from fixit.prompts.base import Prompter

if TYPE_CHECKING:
    from fixit.known import Known
    from fixit.trees.model import Summary, Tree

#: the outcome of a session that ended on a known problem ("this is my problem")
KNOWN = "known"
#: the most the first question waits for the feeds, in seconds from the start of `fixit`
WAIT = 1.0
#: the most the list of trees waits for them (files and the cached copies come at once)
LIST_WAIT = 0.3
#: the most problems shown before a tree (a feed gone wild must not bury the first question)
MOST = 3


class Gathering(Protocol):
    """Known problems being gathered (`fixit.known.Pending`, or a test's)."""

    def result(self, wait: float) -> Known:
        """What is known after at most `wait` seconds (the network's part only if it came)."""
        ...


@dataclass
class Feeds:
    """The known problems of one start: asked for once, waited for within one budget."""

    pending: Gathering | None
    started: float = field(default_factory=time.monotonic)

    def known(self, wait: float = WAIT) -> Known | None:
        """What is known now, waiting at most `wait` s and never past the start's budget."""
        if self.pending is None:
            return None
        left = max(0.0, min(wait, self.started + WAIT - time.monotonic()))
        return self.pending.result(left)


def begin(ctx: AppContext) -> Feeds:
    """Start reading the feeds in the background: the configured URLs and every tree folder's
    known_issues.yaml."""
    from fixit.known import folders, in_background

    return Feeds(in_background(ctx.config, folders(ctx.config, ctx.trees_option)))


def marked(known: Known | None, trees: Iterable[Summary]) -> set[str]:
    """The trees (of those listed) a known problem in force touches."""
    if known is None or not known.problems:
        return set()
    return {t.id for t in trees if known.for_tree(t)}


def meet(
    ctx: AppContext, root: Tree, feeds: Feeds, prompter: Prompter, mode: str
) -> events.KnownMet | None:
    """Show the known problems that match the tree and ask what to do; None when none match.
    The choice is `mine` (with the problem), `carry_on` or `stop`."""
    known = feeds.known()
    if known is None:
        return None
    matching = known.for_tree(root)
    if not matching:
        return None
    problems = tuple(seen_of(p) for p in matching[:MOST])
    msgs, agent = ctx.msgs, mode == "agent"
    show_problems(ctx.screen, msgs, problems, known.brief)  # the detail: `fixit known`
    if len(matching) > MOST:
        more = len(matching) - MOST
        ctx.screen.line(msgs(_("… and {n} more: see `fixit known`.", n=more)), "dim")
    if agent:  # the agent's words to the caller, before asking whether it is theirs
        ctx.screen.line()
        ctx.screen.box(say_text(msgs, problems), msgs(_("Say")), "magenta")
    ctx.screen.line()
    chosen = prompter.select(question(msgs, agent), options(msgs, problems, agent))
    if chosen == STOP:
        ctx.screen.line(msgs(_("Stopped before the first step: nothing was saved.")), "bold")
        return events.KnownMet(problems, STOP)
    if chosen.startswith(f"{MINE}:"):
        return events.KnownMet(problems, MINE, chosen.split(":", 1)[1])
    return events.KnownMet(problems, CARRY_ON)


def reminder_of(ctx: AppContext, met: events.KnownMet | None, mode: str) -> str:
    """The agent's line above the Say box at every step ("" in self mode, or when none met)."""
    if met is None or mode != "agent" or met.choice != CARRY_ON:
        return ""
    return reminders(ctx.msgs, met.problems)


def record(
    ctx: AppContext, session: sessions.Session, met: events.KnownMet, prompter: Prompter | None
) -> Ended | None:
    """Journal what was shown and chosen; "this is my problem" also ends the session (its
    Ended), carrying on gives None."""
    session.append(met)
    if met.choice != MINE or prompter is None:
        return None
    try:
        return end_mine(ctx, session, met, prompter)
    finally:
        session.close()


def end_mine(
    ctx: AppContext, session: sessions.Session, met: events.KnownMet, prompter: Prompter
) -> Ended:
    """This is my problem: the session ends with outcome `known` and no end node; then who to
    add to it (the caller's details in agent mode, a name and contact in self mode)."""
    mode = str(session.meta.get("mode", "self"))
    session.append(events.End(KNOWN, None))
    session.save_meta(status="finished", outcome=KNOWN)
    record_end(ctx.config, session.id)
    chosen = met.chosen()
    if chosen is not None and chosen.new_reports:
        _ask_who(ctx, session, prompter, mode)
    return Ended(session.id, KNOWN, mode, None, prompter)


_WHO = {
    "agent": {key: CALLER[key] for key in ("name", "organisation", "contact", "device_id")},
    "self": {
        "name": _("Your name"),
        "contact": _("Your phone or e-mail, so support can tell you when it is fixed"),
    },
}


def _ask_who(ctx: AppContext, session: sessions.Session, prompter: Prompter, mode: str) -> None:
    """Who to add to the known problem (leave blank what you don't have); what was typed is kept
    even after Ctrl-C."""
    asked = _WHO["agent" if mode == "agent" else "self"]
    ctx.screen.line()
    ctx.screen.line(_who_line(ctx, mode == "agent"), "bold")
    given: dict[str, str] = {}
    try:
        for key, label in asked.items():
            given[key] = prompter.text(ctx.msgs(label)).strip()
    finally:
        if any(given.values()):
            session.append(events.Caller(given))


def _who_line(ctx: AppContext, agent: bool) -> str:
    """The line before the details are asked."""
    if agent:
        return ctx.msgs(
            _("Whom to add to it: the caller's details (leave blank what you don't have).")
        )
    return ctx.msgs(_("So support can add you to it (leave blank what you'd rather not give):"))
