"""The known problem a session met, as its report holds it: the part, its ticket to add to (outcome
`known`), and the end text of a session that ended on it."""

from __future__ import annotations

from fixit.history import History
from fixit.i18n import Messages, _
from fixit.known_seen import Seen
from fixit.report.parts import KnownProblem
from fixit.trees.summaries import localize

#: the outcome of a session that ended on a known problem ("this is my problem")
KNOWN = "known"


def met(history: History) -> Seen | None:
    """The problem the session met: the one chosen as mine, else the first one shown."""
    event = history.known
    if event is None or not event.problems:
        return None
    return event.chosen() or event.problems[0]


def known_part(history: History, lang: str) -> KnownProblem | None:
    """The report's `known` part in `lang` (None when the session met no known problem)."""
    p = met(history)
    if p is None:
        return None
    return KnownProblem(
        id=p.id,
        kind=p.kind,
        source=p.source,
        title=p.title_in(lang),
        ticket=p.ticket,
        status=p.status,
        since=p.since,
        workaround=localize(dict(p.workaround), lang),
        url=p.url,
        new_reports=p.new_reports,
    )


def ended_known(history: History) -> bool:
    """Whether the session ended on a known problem ("this is my problem")."""
    return history.ended is not None and history.ended.outcome == KNOWN


def related_ticket(history: History) -> str | None:
    """The help-desk ticket a report of outcome `known` adds to (None for any other)."""
    p = met(history)
    return p.ticket if ended_known(history) and p is not None else None


def next_text(history: History, msgs: Messages) -> str:
    """The report's next step after "this is my problem", by what is true of the problem: add
    to its ticket, a new report about it (no ticket), or nothing to send (no reports wanted)."""
    p = met(history)
    if p is not None and not p.new_reports:
        return msgs(
            _(
                "Nothing to send: support wants no new reports of this problem, and this "
                "session records that the user has it."
            )
        )
    if p is not None and p.ticket:
        return msgs(
            _(
                "Support already knows about this problem and is on it: add this report to "
                "ticket {ticket}.",
                ticket=p.ticket,
            )
        )
    return msgs(
        _(
            "Support already knows about this problem, but it has no ticket: take this report "
            "as a new report about it."
        )
    )


def end_text(history: History, msgs: Messages) -> str:
    """What the session's end says when it ended on a known problem."""
    p = met(history)
    if p is None:
        return ""
    title = p.title_in(msgs.lang)
    if p.ticket:
        return msgs(
            _(
                "This is a known problem: {title}. Support is already on it as ticket {ticket}.",
                title=title,
                ticket=p.ticket,
            )
        )
    return msgs(_("This is a known problem: {title}. Support already knows about it.", title=title))
