"""Rebuild a session's state from its journal events (pure: events in, state out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fixit import events as ev
from fixit.compat import assert_never
from fixit.engine import Answer, AnswerError, Engine, State
from fixit.i18n import Messages, _
from fixit.trees.nodes import probe


@dataclass
class History:
    """What a journal says: the engine state, notes, check results, caller, how it ended."""

    state: State = field(default_factory=State)
    notes: list[dict[str, str]] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: each answer's own check result, keyed by (node, time answered): a re-run keeps its own
    evidence: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    caller: dict[str, str] = field(default_factory=dict)
    caller_asked: dict[str, str] = field(default_factory=dict)
    ended: ev.End | None = None
    #: the known problems shown before the first step, and what was chosen
    known: ev.KnownMet | None = None
    misfits: list[Answer] = field(default_factory=list)
    #: the user's support code this agent session was picked up from, if it was
    handover: ev.Handover | None = None


def replay(engine: Engine, events: Sequence[ev.Event]) -> History:
    """Apply answer/back/rebase events in order; answers that no longer fit are collected.

    The engine keeps every answer, so the state holds those set aside by a changed answer too."""
    h = History()
    given: list[Answer] = []
    strict = True
    runs = _Runs()
    for event in events:
        match event:
            case ev.Answer():
                answer = event.given()
                given.append(answer)
                runs.settle(engine, answer, h.evidence)
                if strict:
                    try:
                        h.state, _ = engine.answer(h.state, answer)
                    except AnswerError:
                        strict = False
            case ev.Back():
                if strict:
                    h.state = engine.back(h.state)
            case ev.Rebase():  # onto a changed tree: the answers in force, then those set aside
                given, aside = list(event.answers), list(event.aside or ())
                h.state, h.misfits = engine.fit(given, aside)
                given = [*aside, *given]  # a later answer for a node outranks one set aside
                strict = True
            case ev.Handover():  # the user's answers before the call, from their support code
                given, h.handover, strict = list(event.answers), event, True
                h.state, h.misfits = engine.fit(given)
            case ev.Note() | ev.Check() | ev.Caller() | ev.End():
                _record(h, runs, event)
            case ev.KnownMet():
                h.known = event
            case ev.Start() | ev.Quit() | ev.Resume() | ev.Unknown():
                pass  # nothing an answer, a report or a resume reads back
            case _:
                assert_never(event)
    if not strict:  # the journal does not fit the snapshot: keep what still does
        h.state, h.misfits = engine.fit(*_active_guess(given))
    return h


def _record(h: History, runs: _Runs, event: ev.Note | ev.Check | ev.Caller | ev.End) -> None:
    """Keep what a note, a check run, the caller's details or the end add to a history."""
    match event:
        case ev.Note():
            h.notes.append({"node": event.node, "text": event.text, "at": event.at})
        case ev.Check():
            h.checks[event.id] = dict(event.result)
            runs.add(event)
        case ev.Caller():
            h.caller_asked = dict(event.caller)
            h.caller = {k: v for k, v in h.caller_asked.items() if v}
        case ev.End():
            h.ended = event
        case _:
            assert_never(event)


@dataclass
class _Runs:
    """Check runs waiting for the answer they belong to: the one a run names (`node`), else
    the next answer a check gave or a person corrected at a node that runs that check (older
    journals name no node, and a step may answer from the run just before it)."""

    named: dict[str, dict[str, Any]] = field(default_factory=dict)
    latest: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, event: ev.Check) -> None:
        """Note a `check` event."""
        result = dict(event.result)
        self.latest[event.id] = result
        if event.node:
            self.named[event.node] = result

    def settle(
        self, engine: Engine, answer: Answer, evidence: dict[tuple[str, str], dict[str, Any]]
    ) -> None:
        """Give `answer` the run that belongs to it, if one does."""
        result = self.named.pop(answer.node, None)
        if result is None and answer.by in ("check", "override"):
            try:
                cid = probe(engine.node(answer.node))
            except (KeyError, IndexError):  # a node the snapshot lacks: no evidence to give
                cid = None
            result = self.latest.get(cid) if cid else None
        if result is not None:
            evidence[(answer.node, answer.at)] = result


def rebase_event(digest: str, state: State) -> ev.Rebase:
    """The journal event that records a session moved onto a changed tree: what is in force,
    and every other answer still kept (stepped back over or set aside)."""
    return ev.Rebase(digest, state.active, state.held)


def rebase_notice(
    msgs: Messages,
    tree: str,
    versions: tuple[object, object],
    before: State,
    after: State,
    misfits: Sequence[Answer],
) -> str:
    """What moving onto a changed tree did: from which version to which, then the answers
    dropped, those now off the path (kept in case it comes back), or that every answer fits."""
    old, new = versions
    span = (
        msgs(_("version {old} → {new}", old=old, new=new))
        if old != new
        else msgs(_("still version {new}, but edited", new=new))
    )
    in_force = {(a.node, a.value) for a in after.active}
    dropped = {(a.node, a.value) for a in misfits}
    moved = [a for a in before.active if (a.node, a.value) not in in_force | dropped]
    details = []
    if misfits:
        details.append(
            msgs(_("these answers no longer fit and were dropped: {nodes}", nodes=_nodes(misfits)))
        )
    if moved:
        details.append(
            msgs(
                _(
                    "these answers are not on the new path for now, and come back if it "
                    "leads to them: {nodes}",
                    nodes=_nodes(moved),
                )
            )
        )
    detail = "; ".join(details) or msgs(_("your answers still fit"))
    return msgs(
        _(
            "The tree {tree} changed since this session started ({versions}); {detail}.",
            tree=tree,
            versions=span,
            detail=detail,
        )
    )


def _nodes(answers: Sequence[Answer]) -> str:
    return ", ".join(dict.fromkeys(a.node for a in answers))


def _active_guess(given: Sequence[Answer]) -> tuple[list[Answer], list[Answer]]:
    """The latest answer per node in visit order, and the older ones (kept aside), when the
    exact back/answer history cannot replay."""
    latest: dict[str, Answer] = {}
    for a in given:
        latest[a.node] = a
    chosen = {id(a) for a in latest.values()}
    return list(latest.values()), [a for a in reversed(given) if id(a) not in chosen]
