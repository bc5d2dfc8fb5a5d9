"""Carrying on with an unfinished session, onto its tree as it is now: answers that no longer
fit a changed tree are dropped and said, the rest kept; then it is driven as a new one is."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from fixit import sessions
from fixit.context import AppContext
from fixit.engine import Engine, State
from fixit.errors import SessionError
from fixit.events import Event, Resume
from fixit.flows import drive as driving
from fixit.flows.drive import Ended
from fixit.flows.known import reminder_of
from fixit.history import History, rebase_event, rebase_notice, replay
from fixit.i18n import _
from fixit.prompts.base import Prompter
from fixit.trees.graph import with_subtrees
from fixit.trees.model import Tree, localize

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


def latest_unfinished() -> str:
    """The newest session that is not finished and not open elsewhere."""
    open_elsewhere = None
    for meta in sessions.listing():
        if meta.get("status") in ("paused", "interrupted"):
            return str(meta["id"])
        if meta.get("status") == "running" and open_elsewhere is None:
            open_elsewhere = str(meta["id"])
    if open_elsewhere is not None:
        holder = sessions.lock_holder(sessions.find(open_elsewhere))
        raise SessionError(
            _(
                "the only unfinished session, {id}, is open in {holder}.",
                id=open_elsewhere,
                holder=holder,
            ),
            _("Finish or quit it there first, or start a new one with `fixit`."),
        )
    raise SessionError(
        _("there is no unfinished session to carry on."),
        _("Start a new one with `fixit`, or list them with `fixit sessions`."),
    )


def time_spent(events: Iterable[Event]) -> float:
    """Seconds spent in a session's runs so far (each from its start or resume to its last
    event), not counting the time it lay paused in between."""
    total, first, last = 0.0, None, None
    for event in events:
        try:
            at = dt.datetime.fromisoformat(event.at)
        except ValueError:
            continue  # an event without a readable time adds nothing
        if at.tzinfo is None:  # written by hand: read as UTC, so times still subtract
            at = at.replace(tzinfo=dt.timezone.utc)
        if isinstance(event, Resume) or first is None:
            total += (last - first).total_seconds() if first and last else 0.0
            first = at
        last = at
    total += (last - first).total_seconds() if first and last else 0.0
    return max(0.0, total)


def resume(
    ctx: AppContext,
    sid: str | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> Ended:
    """Carry on an interrupted session; answers that no longer fit a changed tree are dropped."""
    loaded = sessions.load(sid or latest_unfinished())
    if loaded.meta.get("status") == "finished":
        raise SessionError(
            _("Session {id} is already finished.", id=loaded.id),
            _("See it with `fixit report {id}`.", id=loaded.id),
        )
    session = sessions.Session.reopen(loaded)  # first: "open elsewhere" beats "needs a terminal"
    try:
        prompter = prompter or driving.prompter(ctx, "")
        root_id = str(loaded.meta["tree"])
        trees, state, history = _rebased(ctx, loaded, session)
        session.append(Resume())
        session.save_meta(status="running")
        title = localize(trees[root_id].title, ctx.lang)
        ctx.screen.line(
            ctx.msgs(_("Carrying on with session {id}: {title}.", id=loaded.id, title=title)),
            "bold",
        )
        mode = str(loaded.meta.get("mode", "self"))
        checks_on = bool(loaded.meta.get("checks", mode == "self"))
        engine = Engine(trees, root_id)
        wizard = driving.wizard(ctx, engine, session, mode, prompter, runner, checks_on)
        wizard.view.reminder = reminder_of(ctx, history.known, mode)  # all through the call
        wizard.started = time.monotonic() - time_spent(loaded.events)  # the call timer goes on
        asked = history.caller_asked
        snapshot = (
            driving.snapshot(ctx, session, mode, checks_on) if not loaded.environment() else None
        )
        return driving.drive(
            ctx, wizard, state, ask_caller=mode == "agent", caller=asked, snapshot=snapshot
        )
    finally:
        session.close()


def _rebased(
    ctx: AppContext, loaded: sessions.Loaded, session: sessions.Session
) -> tuple[Mapping[str, Tree], State, History]:
    """The session's trees, state and history; when its tree changed since, the state is fitted
    onto the tree as it is now (saved, and what no longer fits is said)."""
    root_id = str(loaded.meta["tree"])
    history = replay(Engine(loaded.trees, root_id), loaded.events)
    trees: Mapping[str, Tree] = loaded.trees
    state = history.state
    current = ctx.library.by_id.get(root_id)
    if current and (current.summary is None or current.problems):
        ctx.screen.line(
            ctx.msgs(
                _(
                    "The tree has changed and no longer validates; carrying on with the version "
                    "this session started with."
                )
            ),
            "yellow",
        )
    elif current and current.summary and current.summary.digest != loaded.meta.get("digest"):
        trees = with_subtrees(ctx.library.get(root_id), ctx.library.tree)
        before, versions = state, (loaded.meta.get("version"), current.summary.version)
        state, misfits = Engine(trees, root_id).fit(state.active, state.held)
        session.replace_trees(trees)  # first: the journal never names trees not on disk
        session.append(rebase_event(current.summary.digest, state))
        session.save_meta(digest=current.summary.digest, version=current.summary.version)
        misfits += history.misfits
        notice = rebase_notice(ctx.msgs, root_id, versions, before, state, misfits)
        ctx.screen.line(notice, "yellow")
    return trees, state, history
