"""The parts of a report (see document.py) as typed values, each with its JSON form."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

Json = dict[str, Any]


def present(pairs: Mapping[str, Any], *optional: str) -> Json:
    """`pairs` without the optional keys whose value is None (absent from the report)."""
    return {k: v for k, v in pairs.items() if k not in optional or v is not None}


P = TypeVar("P", bound="Flat")


@dataclass(frozen=True)
class Flat:
    """A part of the report whose JSON form is its fields, in their order, each a JSON value."""

    def to_json(self) -> Json:
        """The part's JSON form."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls: type[P], raw: Mapping[str, Any]) -> P:
        """The part read from its JSON form."""
        return cls(**{f.name: raw[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class CheckEntry:
    """One check's result as the report shows it, in the report's language.

    `plain` (the sentence a user can confirm) and `step` (the number of the step whose run this
    is, in the report's `checks` only) came within schema_version 1."""

    id: str
    title: str
    status: str
    summary: str
    data: Mapping[str, Any]
    duration: float
    reason: str
    plain: str | None = None
    step: int | None = None

    def to_json(self) -> Json:
        """The check's JSON form."""
        pairs = {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "plain": self.plain,
            "summary": self.summary,
            "data": copy.deepcopy(dict(self.data)),
            "duration": self.duration,
            "reason": self.reason,
            "step": self.step,
        }
        return present(pairs, "plain", "step")

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CheckEntry:
        """A check read from its JSON form."""
        return cls(
            raw["id"],
            raw["title"],
            raw["status"],
            raw["summary"],
            copy.deepcopy(dict(raw["data"])),
            raw["duration"],
            raw["reason"],
            raw.get("plain"),
            raw.get("step"),
        )


def _check_or_none(raw: Mapping[str, Any] | None) -> CheckEntry | None:
    return CheckEntry.from_json(raw) if raw is not None else None


@dataclass(frozen=True)
class TreeInfo(Flat):
    """The tree the session ran: its id, version and title in the report's language."""

    id: str
    version: int
    title: str


@dataclass(frozen=True)
class SessionInfo(Flat):
    """The session behind the report: who led it, its language, when it ran, its case number."""

    id: str
    mode: str
    lang: str
    started: str
    ended: str | None
    duration_seconds: int | None
    case: str | None


@dataclass(frozen=True)
class FieldValue(Flat):
    """A collected field the problem and reporter sections do not show, with its label."""

    id: str
    label: str
    value: str


@dataclass(frozen=True)
class Choice(Flat):
    """The choice a field's value names (the model keeps the id) and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Step:
    """One answered step: what was asked, the answer as read and as stored, who gave it, when.

    `check` is the step's own check run, if it ran one; `field` the field an input step
    collects (left out of the JSON when the step collects none)."""

    n: int
    node: str
    question: str
    answer: str
    value: str
    by: str
    by_label: str
    at: str
    check: CheckEntry | None = None
    field: str | None = None

    def to_json(self) -> Json:
        """The step's JSON form."""
        pairs = {
            "n": self.n,
            "node": self.node,
            "question": self.question,
            "answer": self.answer,
            "value": self.value,
            "by": self.by,
            "by_label": self.by_label,
            "at": self.at,
            "check": self.check.to_json() if self.check is not None else None,
            "field": self.field,
        }
        return present(pairs, "field")

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Step:
        """A step read from its JSON form (a report older than step checks has none)."""
        return cls(
            raw["n"],
            raw["node"],
            raw["question"],
            raw["answer"],
            raw["value"],
            raw["by"],
            raw["by_label"],
            raw["at"],
            _check_or_none(raw.get("check")),
            raw.get("field"),
        )


@dataclass(frozen=True)
class Note(Flat):
    """A note the agent or user wrote during the session, at the step it was written."""

    text: str
    node: str
    at: str


@dataclass(frozen=True)
class Environment:
    """The snapshot of the machine taken when the session started."""

    taken: str | None
    checks: tuple[CheckEntry, ...]

    def to_json(self) -> Json:
        """The snapshot's JSON form."""
        return {"taken": self.taken, "checks": [c.to_json() for c in self.checks]}


@dataclass(frozen=True)
class AttachedFile(Flat):
    """A file named for the report: its fingerprint, or the `problem` it is refused for."""

    path: str
    name: str
    size: int | None
    sha256: str | None
    mime: str
    problem: str | None


@dataclass(frozen=True)
class End(Flat):
    """Where the session ended, what the tree said there, and the next step for support."""

    node: str | None
    text: str
    next: str


@dataclass(frozen=True)
class Redaction(Flat):
    """What redaction did to one kind of data: the action and how many times."""

    kind: str
    action: str
    count: int


@dataclass(frozen=True)
class Ticket:
    """The ticket the report became, the last time it was sent."""

    target: str
    ref: str
    url: str | None = None

    def to_json(self) -> Json:
        """The ticket's JSON form."""
        return {"target": self.target, "ref": self.ref, "url": self.url}


@dataclass(frozen=True)
class KnownProblem(Flat):
    """A known problem the session met before its first step, in the report's language: what
    it is, since when, support's ticket and status, the workaround, where fixit read it."""

    id: str
    kind: str
    source: str
    title: str
    ticket: str | None
    status: str
    since: str | None
    workaround: str
    url: str | None
    new_reports: bool = True  # False: support wants no more reports of it (came within v1)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> KnownProblem:
        """The part read from its JSON form (one made before `new_reports` wants them)."""
        return cls(**{f.name: raw[f.name] for f in fields(cls) if f.name in raw})


@dataclass(frozen=True)
class Generator(Flat):
    """The program that made the report."""

    name: str
    version: str


@dataclass(frozen=True)
class Handover(Flat):
    """An agent session picked up from a caller's support code: the code, when, and how many of
    the report's first steps are the caller's own, answered before the call."""

    code: str
    at: str
    steps: int
