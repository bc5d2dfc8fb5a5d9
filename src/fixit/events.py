"""Journal events: one frozen value per kind a session's journal holds, each with the one JSON
form fixit writes (`to_json`), and the one reader of a journal line (`event_from_json`). Their
repr, equality and hash are `Record`'s, written once rather than compiled for each kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeAlias

from fixit.engine import Answer as Given
from fixit.records import Record
from fixit.session_shape import result_ok

#: who can have given an answer (a journal saying anything else names no one: "")
BY = ("user", "agent", "check", "override", "answers", "guard")


class DamagedEventError(ValueError):
    """A journal line that is no event fixit can replay (a journal line that is damaged)."""


def _at(obj: Mapping[str, Any]) -> str:
    return str(obj.get("at", ""))


def _head(t: str, at: str) -> dict[str, Any]:
    """The keys every event starts with: when it was written (first), then its kind."""
    return {"at": at, "t": t} if at else {"t": t}


def _given(raw: Mapping[str, Any]) -> Given:
    """An answer as an `answer` event or a rebase's list records it."""
    by = raw.get("by", "user")
    return Given(str(raw["node"]), str(raw["value"]), by if by in BY else "", _at(raw))


def _given_json(a: Given) -> dict[str, str]:
    return {"node": a.node, "value": a.value, "by": a.by, "at": a.at}


def _texts(obj: Mapping[str, Any], *keys: str) -> bool:
    return all(isinstance(obj.get(k), str) for k in keys)


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Start:
        """Read back (nothing replays a start: any shape is kept)."""
        version = obj.get("version")
        return cls(
            str(obj.get("tree", "")),
            version if isinstance(version, int) else None,
            str(obj.get("mode", "")),
            _at(obj),
        )


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Answer:
        """Read back; a node and a value that are text are needed to replay it."""
        if not _texts(obj, "node", "value"):
            raise DamagedEventError("an answer needs a node and a value")
        given = _given(obj)
        return cls(given.node, given.value, given.by, given.at)

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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Back:
        """Read back."""
        return cls(_at(obj))


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Note:
        """Read back; a text that is a list or an object is damage."""
        if isinstance(obj.get("text"), (dict, list)):
            raise DamagedEventError("a note's text is not text")
        return cls(str(obj.get("node", "")), str(obj.get("text", "")), _at(obj))


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Check:
        """Read back; a result that CheckResult cannot read back is damage."""
        result = obj.get("result", {})
        if not result_ok(result):
            raise DamagedEventError("a check's result cannot be read")
        node = str(obj["node"]) if obj.get("node") else ""
        return cls(str(obj.get("id")), dict(result), node, _at(obj))


@dataclass(frozen=True, repr=False, eq=False)
class Caller(Record):
    """The caller's details as asked (agent mode): a detail not given is ""."""

    caller: dict[str, str]
    at: str = ""
    T: ClassVar[str] = "caller"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at) | {"caller": self.caller}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Caller:
        """Read back; details that are not an object are damage."""
        caller = obj.get("caller", {})
        if not isinstance(caller, dict):
            raise DamagedEventError("the caller's details are not an object")
        return cls({str(k): str(v) for k, v in caller.items()}, _at(obj))


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Quit:
        """Read back."""
        return cls(str(obj.get("reason", "")), _at(obj))


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> End:
        """Read back."""
        outcome, end = obj.get("outcome"), obj.get("end")
        return cls(
            None if outcome is None else str(outcome), None if end is None else str(end), _at(obj)
        )


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

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Rebase:
        """Read back; each answer needs a node and a value that are text."""
        lists = [obj.get(key, []) for key in ("answers", "aside")]
        if not all(
            isinstance(given, list)
            and all(isinstance(a, dict) and _texts(a, "node", "value") for a in given)
            for given in lists
        ):
            raise DamagedEventError("a rebase's answers cannot be read")
        answers, aside = (tuple(_given(a) for a in given) for given in lists)
        return cls(str(obj.get("digest", "")), answers, aside if "aside" in obj else None, _at(obj))


@dataclass(frozen=True, repr=False, eq=False)
class Resume(Record):
    """The session was carried on (`fixit resume`)."""

    at: str = ""
    T: ClassVar[str] = "resume"

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object."""
        return _head(self.T, self.at)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Resume:
        """Read back."""
        return cls(_at(obj))


@dataclass(frozen=True, repr=False, eq=False)
class Unknown(Record):
    """An event of a kind this fixit does not know (a newer fixit's): kept as it was read."""

    raw: dict[str, Any]

    @property
    def at(self) -> str:
        """When it was written, as the line says."""
        return _at(self.raw)

    def to_json(self) -> dict[str, Any]:
        """The journal line's JSON object, as it was read."""
        return dict(self.raw)


Event: TypeAlias = (
    Start | Answer | Back | Note | Check | Caller | Quit | End | Rebase | Resume | Unknown
)

_KINDS: dict[str, Callable[[Mapping[str, Any]], Event]] = {
    Start.T: Start.from_json,
    Answer.T: Answer.from_json,
    Back.T: Back.from_json,
    Note.T: Note.from_json,
    Check.T: Check.from_json,
    Caller.T: Caller.from_json,
    Quit.T: Quit.from_json,
    End.T: End.from_json,
    Rebase.T: Rebase.from_json,
    Resume.T: Resume.from_json,
}


def event_from_json(obj: object) -> Event:
    """The event a journal line's JSON holds: today's shapes and older ones; a kind fixit does
    not know is kept as `Unknown`. DamagedEventError when it is no event fixit can replay."""
    if not isinstance(obj, dict) or not isinstance(obj.get("t"), str):
        raise DamagedEventError("a journal line is not an event")
    read = _KINDS.get(obj["t"])
    return Unknown(obj) if read is None else read(obj)


def stamped(event: Event, at: str) -> Event:
    """The event with the time it is written, unless it already carries one."""
    if event.at:
        return event
    if isinstance(event, Unknown):
        return Unknown({"at": at, **event.raw})
    return replace(event, at=at)
