"""Before a new ticket: is there one already? A known problem in force for the session's tree (with
its help-desk ticket), or an open ticket fixit itself filed for the same tree and end from this
organisation in the last hours. fixit offers to add the report to it instead; the choice goes
into the payload (and so into the outbox item, which every retry sends the same way)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import NeedsTerminalError
from fixit.i18n import Msg, _
from fixit.prompts.base import Option, Prompter
from fixit.submit.base import Payload, Target

if TYPE_CHECKING:
    from fixit.flows.report import Opened
    from fixit.known import Problem

NEW = "new"
FEED_WAIT = 3.0  # seconds the known-problem feeds may take here (their cached copy otherwise)


@dataclass(frozen=True)
class Existing:
    """A ticket the report could be added to: a known problem's, or fixit's own open one."""

    ref: str
    title: str  # untrusted (a feed's or the help desk's words): escaped where shown
    kind: str  # "known" or "open"
    new_reports: bool = True  # False: support wants no more reports of it (nothing is sent)


@dataclass(frozen=True)
class Decision:
    """How the report leaves: as a new ticket, added to `add_to`, or not at all (`off` says
    why: support wants no new reports of the known problem)."""

    add_to: str | None = None
    off: Msg | None = None


def with_case(ctx: AppContext, payload: Payload) -> Payload:
    """The payload with its case marker, which a new ticket carries (see `case_of`)."""
    return dataclasses.replace(payload, case=case_of(ctx, payload))


def case_of(ctx: AppContext, payload: Payload) -> str:
    """The case marker of a report (tree, end, organisation), or "" before an end."""
    from fixit.submit.notes import case_marker

    tree = payload.report.get("tree")
    end = payload.report.get("end")
    tree_id = tree.get("id") if isinstance(tree, dict) else None
    node = end.get("node") if isinstance(end, dict) else None
    if not isinstance(tree_id, str) or not isinstance(node, str):
        return ""
    return case_marker(tree_id, node, ctx.config.organisation)


def known_problems(ctx: AppContext, opened: Opened) -> tuple[Problem, ...]:
    """The known problems in force for the session's tree (the feeds, within FEED_WAIT)."""
    from fixit.known import folders, gather

    known = gather(ctx.config, folders(ctx.config, ctx.trees_option), timeout=FEED_WAIT)
    return known.for_tree(opened.root)


def decide(
    ctx: AppContext,
    opened: Opened,
    target: Target,
    payload: Payload,
    prompter: Prompter | None,
    *,
    new_ticket: bool = False,
    yes: bool = False,
) -> Decision:
    """Whether to add the report to an existing ticket: the report's own `related_ticket`
    (a session that ended on a known problem; one without a ticket goes as a new report about
    it, with no other ticket offered), else the question (`--new-ticket`: none; `--yes`: the
    configured `submit.existing_ticket`)."""
    problems = known_problems(ctx, opened)
    off = _not_wanted(payload, problems)
    if off is not None:
        return Decision(off=off)
    related = payload.report.get("related_ticket")
    if new_ticket:
        return Decision()
    if isinstance(related, str) and related:
        return Decision(add_to=related)
    if payload.report.get("outcome") == "known":  # the user said which problem is theirs:
        return Decision()  # without a ticket it goes as a new report about it, nothing else
    found = candidates(ctx, target, payload, problems)
    if not found:
        return Decision()
    if yes:
        return _default(ctx, found, target)
    return ask(ctx, found, prompter, target)


def _not_wanted(payload: Payload, problems: Sequence[Problem]) -> Msg | None:
    """Why nothing is sent: the session ended on a known problem ("this is my problem") whose
    feed wants no reports. One that only met it and carried on is asked, like any other."""
    known = payload.report.get("known")
    pid = known.get("id") if isinstance(known, dict) else None
    if payload.report.get("outcome") != "known":
        return None
    for p in problems:
        if p.id == pid and not p.new_reports:
            return off_line(_title(p, str(payload.report.get("lang") or "en")))
    return None


def off_line(title: str) -> Msg:
    """The line that says sending is off for a known problem."""
    from fixit.textsafe import visible

    return _(
        "Not sent: support already knows about “{title}” and asks for no new reports of it.",
        title=visible(title, True),
    )


def candidates(
    ctx: AppContext, target: Target, payload: Payload, problems: Sequence[Problem]
) -> list[Existing]:
    """The known problems with a ticket (or wanting no reports), then fixit's own open tickets
    of the same case (where the target can search), each ticket once."""
    lang = str(payload.report.get("lang") or ctx.lang)
    found = [
        Existing(p.ticket or "", _title(p, lang), "known", p.new_reports)
        for p in problems
        if p.ticket or not p.new_reports
    ]
    found += [Existing(t.ref, t.title, "open") for t in own_open(ctx, target, payload)]
    seen: set[str] = set()
    unique = []
    for e in found:
        key = e.ref.lstrip("#") or e.title
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


def own_open(ctx: AppContext, target: Target, payload: Payload) -> list[Existing]:
    """fixit's own open tickets of the same case from the last `submit.existing_hours` (a
    failed search is a warning: the report can still go as a new ticket)."""
    from fixit.credentials import lookup
    from fixit.flows.sending import warn
    from fixit.i18n import localized
    from fixit.submit import scrub
    from fixit.submit.base import SubmitError
    from fixit.submit.registry import make_finder

    hours = ctx.config.existing_hours
    if not payload.case or hours <= 0:
        return []
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours)
    try:
        with scrub.guarding(scrub.of_targets([target], lookup)):
            finder = make_finder(target, lookup)
            tickets = finder.open_cases(payload.case, since) if finder is not None else []
    except SubmitError as exc:
        said = localized(exc.message, ctx.lang)
        warn(ctx.msgs(_("fixit could not look for its own open tickets: {error}", error=said)))
        return []
    return [Existing(t.ref, t.title, "open") for t in tickets]


def _title(p: Problem, lang: str) -> str:
    """A known problem's title in `lang` (else English, else any, else its id)."""
    return p.title.get(lang) or p.title.get("en") or next(iter(p.title.values()), p.id)


def _default(ctx: AppContext, found: Sequence[Existing], target: Target) -> Decision:
    """`--yes`: the configured choice, said on the screen."""
    first = found[0]
    if ctx.config.existing_ticket == NEW:
        ctx.screen.line(ctx.msgs(_("A new ticket (submit.existing_ticket is new).")), "dim")
        return Decision()
    return _chosen(ctx, first, target)


def _chosen(ctx: AppContext, chosen: Existing, target: Target) -> Decision:
    """The decision for one existing ticket (or known problem without reports), said as it
    will happen: added to the ticket, or (a target that cannot add) a new report naming it."""
    from fixit.submit.registry import can_add

    if not chosen.new_reports:
        return Decision(off=off_line(chosen.title))
    said = (
        _("Adding the report to {ref}.", ref=chosen.ref)
        if can_add(target)
        else _("Sending a new report that names ticket {ref}.", ref=chosen.ref)
    )
    ctx.screen.line(ctx.msgs(said), "dim")
    return Decision(add_to=chosen.ref)


def ask(
    ctx: AppContext, found: Sequence[Existing], prompter: Prompter | None, target: Target
) -> Decision:
    """Ask whether to add the report to one of the tickets found, or make a new one."""
    from fixit.submit.registry import can_add
    from fixit.textsafe import visible

    if prompter is None:
        if not ctx.interactive():
            raise NeedsTerminalError(
                _("there is a ticket to add this report to, but standard input is not a terminal."),
                _(
                    "Choose with --yes (submit.existing_ticket decides) or --new-ticket, or run "
                    "the command in a terminal."
                ),
            )
        from fixit.prompts.interactive import prompter_for

        prompter = prompter_for(ctx.msgs, ctx.plain)
    m = ctx.msgs
    options = [
        Option(str(i), m(_label(e, can_add(target)), ref=e.ref, title=visible(e.title, True)))
        for i, e in enumerate(found)
    ]
    options.append(Option(NEW, m(_("No, send a new ticket"))))
    default = "0" if ctx.config.existing_ticket != NEW else NEW
    question = m(_("There may already be a ticket for this problem. Add the report to it instead?"))
    choice = prompter.select(question, options, default=default)
    if choice == NEW:
        return Decision()
    return _chosen(ctx, found[int(choice)], target)


def _label(e: Existing, adds: bool) -> Msg:
    """An option's words: what kind of ticket it is (and, for a target that cannot add to a
    ticket, that a new report names it)."""
    if not e.new_reports:
        return _("It is “{title}”: support asks for no new reports (send nothing)")
    if e.kind == "known" and not adds:
        return _("Send a new report that names {ref}, the known problem “{title}”")
    if e.kind == "known":
        return _("Add to {ref}, the known problem “{title}”")
    return _("Add to {ref}, an open ticket of the same problem: “{title}”")


def applied(
    ctx: AppContext,
    opened: Opened,
    target: Target,
    payload: Payload,
    decision: Decision,
    attach: Sequence[Path] = (),
) -> Payload:
    """The payload as it leaves after the decision: a note on the ticket where the target can
    add one; else a report of its own that names the ticket in `related_ticket`."""
    from fixit.submit.registry import can_add

    if decision.add_to is None:
        return payload
    if can_add(target) or payload.report.get("related_ticket") == decision.add_to:
        return dataclasses.replace(payload, add_to=decision.add_to)
    return related_payload(ctx, opened, decision.add_to, attach)


def related_payload(
    ctx: AppContext, opened: Opened, ref: str, attach: Sequence[Path] = ()
) -> Payload:
    """The session's payload with `related_ticket` set in its report (every format says it)."""
    from fixit.flows.report import redactor, report_msgs, report_of, reporter_contact
    from fixit.report.redact import redact_report
    from fixit.submit.payload import make_payload

    msgs = report_msgs(ctx, opened.meta)
    report = report_of(opened, msgs, ctx.config.contact(), list(attach))
    report = dataclasses.replace(report, related_ticket=ref)
    redacted = redact_report(report, redactor(ctx.config, reporter_contact(report)))
    return with_case(ctx, make_payload(opened.id, report, redacted, msgs))
