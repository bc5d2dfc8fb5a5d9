"""Journal events: one frozen value per kind a session's journal holds, each with the one JSON
form fixit writes (`to_json`); events_read.py reads a journal line back. Their repr, equality
and hash are `Record`'s, written once rather than compiled for each kind."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeAlias

from fixit.engine import Answer as Given
from fixit.known_seen import Seen
from fixit.records import Record

#: who can have given an answer (a journal saying anything else names no one: "")
BY = ("user", "agent", "check", "override", "answers", "guard")


def _head(t: str, at: str) -> dict[str, Any]:
    """The keys every event starts with: when it was written (first), then its kind."""
    return {"at": at, "t": t} if at else {"t": t}


def _given_json(a: Given) -> dict[str, str]:
    return {"node": a.node, "value": a.value, "by": a.by, "at": a.at}


@dataclass(frozen=True, repr=False, eq=False)
class Start(Record):
    """A session began: its tree, that tree's version and the mode."""

    tree: str
    version: int | None
    mode: str
    at: str = ""
    T: ClassVar[str] = "start"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {
            "tree": self.tree,
            "version": self.version,
            "mode": self.mode,
        }


@dataclass(frozen=True, repr=False, eq=False)
class Answer(Record):
    """An answer at a node (`sub/node` inside sub-trees): its value and who gave it."""

    node: str
    value: str
    by: str = "user"
    at: str = ""
    T: ClassVar[str] = "answer"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"node": self.node, "value": self.value, "by": self.by}

    def given(self) -> Given:
        """The engine's answer this event records."""
        return Given(self.node, self.value, self.by, self.at)


@dataclass(frozen=True, repr=False, eq=False)
class Back(Record):
    """One step back."""

    at: str = ""
    T: ClassVar[str] = "back"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at)


@dataclass(frozen=True, repr=False, eq=False)
class Note(Record):
    """A note typed at a node ("" for one given before the first step, by an answer file)."""

    node: str
    text: str
    at: str = ""
    T: ClassVar[str] = "note"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"node": self.node, "text": self.text}


@dataclass(frozen=True, repr=False, eq=False)
class Check(Record):
    """A check's result (CheckResult.to_json, read with CheckResult.from_json) and the step it
    ran for (`node`; older journals name none: "")."""

    id: str
    result: dict[str, Any]
    node: str = ""
    at: str = ""
    T: ClassVar[str] = "check"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object (`node` only when the run was for a step)."""
        data = _head(self.T, self.at) | {"id": self.id, "result": self.result}
        return (data | {"node": self.node}) if self.node else data


@dataclass(frozen=True, repr=False, eq=False)
class Caller(Record):
    """The caller's details as asked (agent mode): a detail not given is ""."""

    caller: dict[str, str]
    at: str = ""
    T: ClassVar[str] = "caller"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"caller": self.caller}


@dataclass(frozen=True, repr=False, eq=False)
class Quit(Record):
    """The wizard stopped before the end: `user` (save and quit), `answers` (an answer file
    ran out) or the name of the exit code (SIGINT, SIGTERM, SIGHUP)."""

    reason: str
    at: str = ""
    T: ClassVar[str] = "quit"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"reason": self.reason}


@dataclass(frozen=True, repr=False, eq=False)
class End(Record):
    """The session reached its end: the outcome and the end node (None when it has none)."""

    outcome: str | None
    end: str | None
    at: str = ""
    T: ClassVar[str] = "end"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"outcome": self.outcome, "end": self.end}


@dataclass(frozen=True, repr=False, eq=False)
class Rebase(Record):
    """The session moved onto a changed tree (its `digest`): the answers in force, then every
    other answer still kept (`aside`: None in journals older than set-aside answers)."""

    digest: str
    answers: tuple[Given, ...]
    aside: tuple[Given, ...] | None = ()
    at: str = ""
    T: ClassVar[str] = "rebase"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        data = _head(self.T, self.at) | {
            "digest": self.digest,
            "answers": [_given_json(a) for a in self.answers],
        }
        if self.aside is None:
            return data
        return data | {"aside": [_given_json(a) for a in self.aside]}


@dataclass(frozen=True, repr=False, eq=False)
class Resume(Record):
    """The session was carried on (`fixit resume`)."""

    at: str = ""
    T: ClassVar[str] = "resume"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at)


@dataclass(frozen=True, repr=False, eq=False)
class Handover(Record):
    """An agent session picked up from a user's support code: the code, and the answers the user
    gave before the call (replayed as a rebase is; input values are never in a code)."""

    code: str
    answers: tuple[Given, ...]
    at: str = ""
    T: ClassVar[str] = "handover"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {
            "code": self.code,
            "answers": [_given_json(a) for a in self.answers],
        }


@dataclass(frozen=True, repr=False, eq=False)
class KnownMet(Record):
    """Known problems shown before the first step, and what was chosen: `mine` (this is my
    problem: `problem` names which) or `carry_on` (troubleshooting went on anyway)."""

    problems: tuple[Seen, ...]
    choice: str
    problem: str = ""
    at: str = ""
    T: ClassVar[str] = "known"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {
            "problems": [p.to_json() for p in self.problems],
            "choice": self.choice,
            "problem": self.problem,
        }

    def chosen(self) -> Seen | None:
        """The problem chosen as mine (None when troubleshooting went on)."""
        return next((p for p in self.problems if p.id == self.problem), None)


@dataclass(frozen=True, repr=False, eq=False)
class Unknown(Record):
    """An event of a kind this fixit does not know (a newer fixit's): kept as it was read."""

    raw: dict[str, Any]

    @property
    def at(self) -> str:
        """When it was written, as the line says."""
        return str(self.raw.get("at", ""))

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object, as it was read."""
        return dict(self.raw)


Event: TypeAlias = (
    Start
    | Answer
    | Back
    | Note
    | Check
    | Caller
    | Quit
    | End
    | Rebase
    | Resume
    | Handover
    | KnownMet
    | Unknown
)


def stamped(event: Event, at: str) -> Event:
    """The event with the time it is written, unless it already carries one."""
    if event.at:
        return event
    if isinstance(event, Unknown):
        return Unknown({"at": at, **event.raw})
    return replace(event, at=at)
