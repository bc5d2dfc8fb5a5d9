"""Outcome records on their way to the team's statistics store: written to the outbox when a
session ends or is left (finished, quit, interrupted), then sent right after the session, with
short timeouts, and by `fixit outbox send`. Nothing here ever stops a session's end: a record
that cannot be written or sent is said in one line at most, and waits."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.errors import FixitError
from fixit.i18n import _

if TYPE_CHECKING:
    from fixit.config_model import Config
    from fixit.context import AppContext
    from fixit.stats.team import TeamStoreError
    from fixit.stats.team_outbox import Pending

TARGET = "stats.store"  # what `fixit outbox list` names the team store as, beside report targets


def record_end(config: Config, sid: str) -> None:
    """Put the session's outcome record in the outbox, when the organisation has a team store.
    Quiet: statistics never get in the way of the session they are about."""
    if config.team is None:
        return
    from fixit import sessions
    from fixit.stats.record import outcome_record
    from fixit.stats.team import agent_id
    from fixit.stats.team_outbox import put

    with contextlib.suppress(FixitError, OSError, ValueError, KeyError):
        loaded = sessions.load(sid)
        agent = agent_id(config.team, str(loaded.meta.get("mode", "self")))
        record = outcome_record(loaded, agent=agent)
        if record is not None:
            put(dict(record))


@dataclass
class Sent:
    """How sending went: each record's outcome by session (`sent`, `not_due`, `busy`,
    `failed`, `needs_fix`), and the error of the tries that failed."""

    outcomes: dict[str, str] = field(default_factory=dict)
    error: TeamStoreError | None = None


def send_waiting(config: Config, force: bool = False, quick: bool = False) -> Sent:
    """Send the waiting outcome records that are due (all with `force`). `quick` (a session's
    end) does not try while the store was out of reach a moment ago."""
    from fixit.stats import team_outbox
    from fixit.stats.team import TeamStoreError, store_of
    from fixit.submit.outbox_item import now

    items = team_outbox.waiting()
    done = Sent({i.session: "needs_fix" for i in items if i.damaged is not None})
    at = now()
    due = [i for i in items if i.damaged is None and (force or i.due(at))]
    done.outcomes |= {i.session: "not_due" for i in items if i.damaged is None and i not in due}
    if not due or (quick and team_outbox.paused(at)):
        done.outcomes |= {i.session: "not_due" for i in due}
        return done
    try:
        store = store_of(config)
        _send(store, due, done)
    except TeamStoreError as exc:
        done.error = exc
        left = [i for i in due if i.session not in done.outcomes]
        until = [team_outbox.failed(i, exc.message, exc.retry) for i in left]
        team_outbox.pause(max(until) if until and exc.retry else None)
        status = "failed" if exc.retry else "needs_fix"
        done.outcomes |= {i.session: status for i in left}
    return done


def _send(store: Any, due: list[Pending], done: Sent) -> None:
    """One connection for all: each record in a transaction of its own, then its file removed.
    A TeamStoreError leaves the rest (not in `done`) for the caller to record."""
    from fixit.stats import team_outbox
    from fixit.stats.team import connect, driver, ensure_tables, put_record, query_error
    from fixit.submit.outbox import lock

    pg = driver()
    with connect(store) as conn:
        ensure_tables(store, conn)
        for item in due:
            with lock(item.lock_id) as mine:
                if not mine:
                    done.outcomes[item.session] = "busy"
                    continue
                current = team_outbox.read(item.path)
                if current.damaged is not None:
                    done.outcomes[item.session] = "needs_fix"
                    continue
                record = current.meta["record"]
                try:
                    put_record(conn, record)
                except pg.Error as exc:
                    raise query_error(store, exc) from None
                team_outbox.sent(item, record)
                done.outcomes[item.session] = "sent"
    team_outbox.pause(None)


def after_session(config: Config) -> None:
    """Right after a session's end: send what waits, quickly; a failure leaves it waiting (the
    outbox says why, `fixit outbox list`)."""
    if config.team is None:
        return
    with contextlib.suppress(FixitError, OSError):
        send_waiting(config, quick=True)


def send_command(ctx: AppContext, force: bool) -> bool:
    """`fixit outbox send`'s part for outcome records: send what is due, say it in one line
    (and the error, once); True when a try failed."""
    from fixit.flows.outbox import say
    from fixit.i18n import localized
    from fixit.textsafe import visible

    done = send_waiting(ctx.config, force=force)
    count = Counter(done.outcomes.values())
    waiting = count["not_due"] + count["busy"] + count["failed"]
    line = ctx.msgs(
        _(
            "Outcome records for the team statistics: sent {sent}, waiting {waiting}, "
            "needing a fix {fix}.",
            sent=count["sent"],
            waiting=waiting,
            fix=count["needs_fix"],
        )
    )
    if done.error is not None:
        sys.stderr.write(f"fixit: error: {visible(localized(done.error.message, ctx.lang))}\n")
        if done.error.hint is not None:
            sys.stderr.write(f"hint: {visible(localized(done.error.hint, ctx.lang))}\n")
    say(ctx, line, "bold")
    if count["not_due"] and not force:
        later = _("Those not due yet are tried at their next try, or now with --now.")
        say(ctx, ctx.msgs(later), "dim")
    return done.error is not None or count["needs_fix"] > 0


def rows() -> list[dict[str, Any]]:
    """The waiting outcome records as `fixit outbox list` shows them (beside the reports)."""
    from fixit.stats.team_outbox import waiting

    found = []
    for item in waiting():
        meta = item.meta
        title = (
            _("outcome record: {tree} ({outcome})", tree=meta["tree"], outcome=meta["outcome"])
            if item.damaged is None
            else None
        )
        found.append(
            {
                "session": item.session,
                "target": TARGET,
                "title": title,
                "attempts": meta.get("attempts"),
                "status": "damaged" if item.damaged is not None else meta.get("status"),
                "next_try": meta.get("next_try"),
                "last_error": item.damaged or item.last_error,
                "id": f"{item.session}--{TARGET}",
                "kind": "outcome",
            }
        )
    return found
