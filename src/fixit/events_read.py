"""Reading a journal line back into an event: today's shapes and older ones, a kind this fixit
does not know kept as it was read, and DamagedEventError for a line fixit cannot replay."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fixit.engine import Answer as Given
from fixit.events import (
    BY,
    Answer,
    Back,
    Caller,
    Check,
    End,
    Event,
    Handover,
    KnownMet,
    Note,
    Quit,
    Rebase,
    Resume,
    Start,
    Unknown,
)
from fixit.known_seen import Seen
from fixit.session_shape import result_ok


class DamagedEventError(ValueError):
    """A journal line that is no event fixit can replay (a journal line that is damaged)."""


def event_from_json(obj: object) -> Event:
    """The event a journal line's JSON holds: today's shapes and older ones; a kind fixit does
    not know is kept as `Unknown`. DamagedEventError when it is no event fixit can replay."""
    if not isinstance(obj, dict) or not isinstance(obj.get("t"), str):
        raise DamagedEventError("a journal line is not an event")
    read = _KINDS.get(obj["t"])
    return Unknown(obj) if read is None else read(obj)


def _at(obj: Mapping[str, Any]) -> str:
    """When the line says it was written ("" when it does not)."""
    return str(obj.get("at", ""))


def _given(raw: Mapping[str, Any]) -> Given:
    """An answer as an `answer` event or a rebase's list records it."""
    by = raw.get("by", "user")
    return Given(str(raw["node"]), str(raw["value"]), by if by in BY else "", _at(raw))


def _texts(obj: Mapping[str, Any], *keys: str) -> bool:
    """Whether each of `keys` holds text."""
    return all(isinstance(obj.get(k), str) for k in keys)


def _start(obj: Mapping[str, Any]) -> Start:
    """A `start` line read back (nothing replays a start: any shape is kept)."""
    version = obj.get("version")
    return Start(
        str(obj.get("tree", "")),
        version if isinstance(version, int) else None,
        str(obj.get("mode", "")),
        _at(obj),
    )


def _answer(obj: Mapping[str, Any]) -> Answer:
    """An `answer` line read back; a node and a value that are text are needed to replay it."""
    if not _texts(obj, "node", "value"):
        raise DamagedEventError("an answer needs a node and a value")
    given = _given(obj)
    return Answer(given.node, given.value, given.by, given.at)


def _back(obj: Mapping[str, Any]) -> Back:
    """A `back` line read back."""
    return Back(_at(obj))


def _note(obj: Mapping[str, Any]) -> Note:
    """A `note` line read back; a text that is a list or an object is damage."""
    if isinstance(obj.get("text"), (dict, list)):
        raise DamagedEventError("a note's text is not text")
    return Note(str(obj.get("node", "")), str(obj.get("text", "")), _at(obj))


def _check(obj: Mapping[str, Any]) -> Check:
    """A `check` line read back; a result that CheckResult cannot read back is damage."""
    result = obj.get("result", {})
    if not result_ok(result):
        raise DamagedEventError("a check's result cannot be read")
    node = str(obj["node"]) if obj.get("node") else ""
    return Check(str(obj.get("id")), dict(result), node, _at(obj))


def _caller(obj: Mapping[str, Any]) -> Caller:
    """A `caller` line read back; details that are not an object are damage."""
    caller = obj.get("caller", {})
    if not isinstance(caller, dict):
        raise DamagedEventError("the caller's details are not an object")
    return Caller({str(k): str(v) for k, v in caller.items()}, _at(obj))


def _quit(obj: Mapping[str, Any]) -> Quit:
    """A `quit` line read back."""
    return Quit(str(obj.get("reason", "")), _at(obj))


def _end(obj: Mapping[str, Any]) -> End:
    """An `end` line read back."""
    outcome, end = obj.get("outcome"), obj.get("end")
    return End(
        None if outcome is None else str(outcome), None if end is None else str(end), _at(obj)
    )


def _rebase(obj: Mapping[str, Any]) -> Rebase:
    """A `rebase` line read back; each answer needs a node and a value that are text."""
    lists = [obj.get(key, []) for key in ("answers", "aside")]
    if not all(
        isinstance(given, list)
        and all(isinstance(a, dict) and _texts(a, "node", "value") for a in given)
        for given in lists
    ):
        raise DamagedEventError("a rebase's answers cannot be read")
    answers, aside = (tuple(_given(a) for a in given) for given in lists)
    return Rebase(str(obj.get("digest", "")), answers, aside if "aside" in obj else None, _at(obj))


def _handover(obj: Mapping[str, Any]) -> Handover:
    """A `handover` line read back; each answer needs a node and a value that are text."""
    given = obj.get("answers", [])
    if not isinstance(given, list) or not all(
        isinstance(a, dict) and _texts(a, "node", "value") for a in given
    ):
        raise DamagedEventError("a handover's answers cannot be read")
    return Handover(str(obj.get("code", "")), tuple(_given(a) for a in given), _at(obj))


def _resume(obj: Mapping[str, Any]) -> Resume:
    """A `resume` line read back."""
    return Resume(_at(obj))


def _known(obj: Mapping[str, Any]) -> KnownMet:
    """A `known` line read back; problems that cannot be read are damage."""
    raw = obj.get("problems", [])
    if not isinstance(raw, list):
        raise DamagedEventError("the known problems are not a list")
    try:
        problems = tuple(Seen.from_json(p) for p in raw)
    except ValueError:
        raise DamagedEventError("a known problem cannot be read") from None
    return KnownMet(problems, str(obj.get("choice", "")), str(obj.get("problem", "")), _at(obj))


_KINDS: dict[str, Callable[[Mapping[str, Any]], Event]] = {
    Start.T: _start,
    Answer.T: _answer,
    Back.T: _back,
    Note.T: _note,
    Check.T: _check,
    Caller.T: _caller,
    Quit.T: _quit,
    End.T: _end,
    Rebase.T: _rebase,
    Resume.T: _resume,
    Handover.T: _handover,
    KnownMet.T: _known,
}
