"""The stripped outcome record of a session (version 1): what statistics keep of it, and nothing a
person typed. The local index and the team store are both built from these records.

Never in a record: field values (an input's answer is ""), notes, the caller's details, host or
user names, free text. See docs/stats.md for the shape and what each part means."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from fixit import events
from fixit.engine import ESCALATE, AnswerError, Engine, State, Walk
from fixit.engine import Answer as Given
from fixit.stats.result import OUTCOMES as OUTCOMES
from fixit.stats.tables import seconds as seconds

if TYPE_CHECKING:
    from fixit.sessions import Loaded

RECORD = 1
SOURCES = ("interactive", "answers", "test")
_QUIET = ("input", "info")  # their answers are a person's words or a plain "ok": never kept


class StepRecord(TypedDict):
    """One node shown: the answer given there (or none: where the session stopped)."""

    seq: int
    node: str
    kind: str
    answer: str
    by: str
    shown: str
    answered: str | None
    undone: bool


class CheckRecord(TypedDict):
    """One check run for a node: its status, and whether its finding answered the node or a
    person overrode it."""

    seq: int
    check: str
    node: str
    status: str
    answered: bool
    overridden: bool


class OutcomeRecord(TypedDict):
    """A session as statistics see it (`record`: 1)."""

    record: int
    session: str
    tree: str
    version: int | None
    digest: str
    mode: str
    source: str
    started: str
    ended: str | None
    outcome: str
    end: str | None
    guard: bool
    agent: str | None
    steps: list[StepRecord]
    checks: list[CheckRecord]


def source_of(meta: dict[str, Any]) -> str:
    """How a session was run: from an answer file, by a tree test, or by a person."""
    if meta.get("test"):
        return "test"
    return "answers" if meta.get("answers_file") else "interactive"


def outcome_record(
    loaded: Loaded, *, open_now: bool = False, agent: str | None = None
) -> OutcomeRecord | None:
    """The outcome record of a session read with `sessions.load`; None while it is open in a
    fixit right now (`open_now`) and has no end yet: it is neither finished nor abandoned."""
    meta = loaded.meta
    # without Back or a rebase every answer stays in force: no need to walk the engine for each
    moves = (events.Back, events.Rebase, events.Handover)
    straight = not any(isinstance(e, moves) for e in loaded.events)
    replay = _Replay(loaded, straight)
    for event in loaded.events:
        replay.feed(event)
    steps, stopped = replay.finish()
    if replay.ended is None and open_now:
        return None
    outcome = replay.outcome or "abandoned"
    return {
        "record": RECORD,
        "session": loaded.id,
        "tree": str(meta["tree"]),
        "version": meta.get("version") if isinstance(meta.get("version"), int) else None,
        "digest": str(meta.get("digest") or ""),
        "mode": replay.mode or str(meta.get("mode") or "self"),
        "source": source_of(meta),
        "started": str(meta.get("started") or replay.first),
        "ended": replay.ended,
        "outcome": outcome,
        "end": replay.end if replay.ended is not None else stopped,
        "guard": replay.guard,
        "agent": agent,
        "steps": steps,
        "checks": _checks(loaded.events),
    }


class _Replay:
    """A journal walked event by event: each answer a step, Back and rebases through the
    engine (so an answer re-attached after Back is in force again), the end."""

    def __init__(self, loaded: Loaded, straight: bool = False) -> None:
        self.straight = straight
        self.engine = Engine(loaded.trees, str(loaded.meta["tree"]))
        self.state = State()
        self.in_step = True  # the engine follows the journal (a tree changed under it: not)
        self.stack: list[int] = []  # the answers in force by the plain rule: Back undoes one
        self.given: list[Given] = []
        self.steps: list[StepRecord] = []
        self.first = self.last = str(loaded.meta.get("started") or "")
        self.mode = ""
        self.ended: str | None = None
        self.outcome: str | None = None
        self.end: str | None = None
        self.guard = False

    def feed(self, event: events.Event) -> None:
        """Take one journal event."""
        if isinstance(event, events.Answer):
            self._answer(event)
        elif isinstance(event, events.Back):
            self._back(event)
        elif isinstance(event, events.Rebase):
            self._rebase(event)
        elif isinstance(event, events.Handover):  # the user's steps before the call count too
            for given in event.answers:
                self._answer(events.Answer(given.node, given.value, given.by, given.at))
            self._rebase(events.Rebase("", event.answers, ()))
        elif isinstance(event, events.End):
            self.ended = event.at or self.last
            self.outcome = event.outcome if event.outcome in OUTCOMES else "unresolved"
            self.end = event.end or (self.end if self.guard else None)  # guard: its node
        if isinstance(event, events.Start):
            self.mode = event.mode if event.mode in ("self", "agent") else ""
            self.first = self.first or event.at
        if not isinstance(event, (events.Note, events.Check, events.Unknown, events.Quit)):
            self.last = event.at or self.last  # the next step is shown from here

    def _answer(self, event: events.Answer) -> None:
        given = Given(event.node, event.value, event.by, event.at)
        kind = self._kind(event.node)
        guard = event.value == ESCALATE
        if guard:
            self.guard, self.end = True, event.node
        self.steps.append(
            {
                "seq": len(self.steps) + 1,
                "node": event.node,
                "kind": kind,
                "answer": "" if kind in _QUIET and not guard else event.value,
                "by": "guard" if guard else event.by,
                "shown": self.last,
                "answered": event.at or self.last,
                "undone": False,
            }
        )
        self.given.append(given)
        self.stack.append(len(self.steps) - 1)
        if self.in_step and not self.straight:
            try:
                self.state = self.engine.answer(self.state, given)[0]
            except (AnswerError, KeyError, IndexError):
                self.in_step = False

    def _back(self, event: events.Back) -> None:
        """One step back: the node on screen was shown and left unanswered (a view of its own,
        never in force), then the last answer is undone."""
        walk = self._walk()
        if walk is not None and not walk.finished:
            self._unanswered(walk.qid, event.at or self.last)
            self.given.append(Given(walk.qid, "", "", "(back)"))  # steps and answers aligned
        if self.stack:
            self.stack.pop()
        if self.in_step:
            self.state = self.engine.back(self.state)

    def _rebase(self, event: events.Rebase) -> None:
        """The session moved onto a changed tree: the rebase's answers are those in force."""
        self.stack = [i for i in map(self._index, event.answers) if i is not None]
        try:
            self.state = self.engine.fit(event.answers, event.aside or ())[0]
            self.in_step = True
        except (AnswerError, KeyError, IndexError):
            self.in_step = False

    def _index(self, given: Given) -> int | None:
        """The step an answer (the same object, or one a rebase copied) was recorded as."""
        for i in range(len(self.given) - 1, -1, -1):
            g = self.given[i]
            if g is given or (g.node, g.value, g.at) == (given.node, given.value, given.at):
                return i
        return None

    def _kind(self, qid: str) -> str:
        try:
            return str(self.engine.node(qid).kind)
        except (KeyError, IndexError):
            return ""

    def finish(self) -> tuple[list[StepRecord], str | None]:
        """The steps with `undone` set, and the node the session stopped at (None when it
        ended, or it cannot be told); that node is a step of its own, never answered."""
        if self.in_step and self.straight:
            self.state = State(tuple(self.given), len(self.given))
            kept = set(range(len(self.given)))
        elif self.in_step:
            kept = {i for i in map(self._index, self.state.active) if i is not None}
        else:
            kept = set(self.stack)
        for i, step in enumerate(self.steps):
            step["undone"] = i not in kept
        stopped = None if self.ended is not None else self._stopped()
        if stopped is not None:
            self._unanswered(stopped, None)
        return self.steps, stopped

    def _unanswered(self, node: str, left: str | None) -> None:
        """A step at a node shown and never answered: left by Back at `left` (undone, never in
        force), or where the session stopped (`left` None)."""
        self.steps.append(
            {
                "seq": len(self.steps) + 1,
                "node": node,
                "kind": self._kind(node),
                "answer": "",
                "by": "",
                "shown": self.last,
                "answered": left,
                "undone": left is not None,
            }
        )

    def _walk(self) -> Walk | None:
        """Where the answers in force lead now (None when the journal cannot be followed)."""
        if not self.in_step:
            return None
        try:
            return self.engine.walk(self.state.active)
        except (AnswerError, KeyError, IndexError):
            return None

    def _stopped(self) -> str | None:
        """Where the walk waits; a walk the answers took to its end while the end itself was
        never written (the process killed in between) ends there."""
        walk = self._walk()
        if walk is None:
            return None
        if walk.finished:
            self.ended, self.outcome, self.end = self.last, walk.outcome, walk.end
            return None
        return walk.qid


def _checks(journal: list[events.Event]) -> list[CheckRecord]:
    """The checks run for nodes, each with what the next answer at its node did with it (a
    journal older than checks naming their node: the next answer by a check or an override)."""
    found: list[CheckRecord] = []
    for i, event in enumerate(journal):
        if not isinstance(event, events.Check):
            continue
        node, by = _answered(journal[i + 1 :], event.node)
        status = event.result.get("status")
        found.append(
            {
                "seq": len(found) + 1,
                "check": event.id,
                "node": node,
                "status": str(status) if isinstance(status, str) else "",
                "answered": by == "check",
                "overridden": by == "override",
            }
        )
    return found


def _answered(after: list[events.Event], node: str) -> tuple[str, str]:
    """The node a check ran for and who answered it next (`check`, `override`, ...; "" when the
    session stopped first)."""
    for event in after:
        if isinstance(event, events.Answer):
            if not node and event.by not in ("check", "override"):
                continue
            if not node or event.node == node:
                return event.node, event.by
            return node, ""  # the walk went on without answering it here (another node first)
        if isinstance(event, (events.Back, events.Rebase, events.End)):
            break
    return node, ""
