"""Rebuild a session's state from its journal events (pure: events in, state out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fixit.engine import Answer, AnswerError, Engine, State


@dataclass
class History:
    """What a journal says: the engine state, notes, check results, caller, how it ended."""

    state: State = field(default_factory=State)
    notes: list[dict[str, str]] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    caller: dict[str, str] = field(default_factory=dict)
    caller_asked: dict[str, str] = field(default_factory=dict)
    ended: dict[str, Any] | None = None
    misfits: list[Answer] = field(default_factory=list)


def answer_of(event: Mapping[str, Any]) -> Answer:
    """The Answer an `answer` event records."""
    return Answer(
        str(event["node"]),
        str(event["value"]),
        str(event.get("by", "user")),
        str(event.get("at", "")),
    )


def replay(engine: Engine, events: Sequence[Mapping[str, Any]]) -> History:
    """Apply answer/back/rebase events in order; answers that no longer fit are collected."""
    h = History()
    given: list[Answer] = []
    strict = True
    for event in events:
        kind = event.get("t")
        if kind == "answer":
            answer = answer_of(event)
            given.append(answer)
            if strict:
                try:
                    h.state, _ = engine.answer(h.state, answer)
                except AnswerError:
                    strict = False
        elif kind == "back" and strict:
            h.state = engine.back(h.state)
        elif kind == "rebase":
            given = [answer_of(a) for a in event.get("answers", [])]
            h.state, h.misfits = engine.fit(given)
            strict = True
        elif kind == "note":
            h.notes.append(
                {
                    "node": str(event.get("node", "")),
                    "text": str(event.get("text", "")),
                    "at": str(event.get("at", "")),
                }
            )
        elif kind == "check":
            h.checks[str(event.get("id"))] = dict(event.get("result", {}))
        elif kind == "caller":
            h.caller_asked = {str(k): str(v) for k, v in event.get("caller", {}).items()}
            h.caller = {k: v for k, v in h.caller_asked.items() if v}
        elif kind == "end":
            h.ended = dict(event)
    if not strict:  # the journal does not fit the snapshot: keep what still does
        h.state, h.misfits = engine.fit(_active_guess(given))
    return h


def _active_guess(given: Sequence[Answer]) -> list[Answer]:
    """The latest answer per node visit order, when the exact back/answer history cannot replay."""
    latest: dict[str, Answer] = {}
    for a in given:
        latest[a.node] = a
    return list(latest.values())
