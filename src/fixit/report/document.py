"""The report as typed values (SPEC §7), and its JSON form: exactly what `fixit report --schema`
publishes, key for key and in the same order.

Properties the schema added within schema_version 1 are optional: a value of None here means the
report has no such key (a report made before it), and `to_json` leaves it out, so an older report
read with `from_json` is written back as it was. Free-form values (a check's `data`) stay JSON."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1
Json = dict[str, Any]


def _present(pairs: Mapping[str, Any], *optional: str) -> Json:
    """`pairs` without the optional keys whose value is None (absent from the report)."""
    return {k: v for k, v in pairs.items() if k not in optional or v is not None}


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
        return _present(pairs, "plain", "step")

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
class TreeInfo:
    """The tree the session ran: its id, version and title in the report's language."""

    id: str
    version: int
    title: str

    def to_json(self) -> Json:
        """The tree's JSON form."""
        return {"id": self.id, "version": self.version, "title": self.title}


@dataclass(frozen=True)
class SessionInfo:
    """The session behind the report: who led it, its language, when it ran, its case number."""

    id: str
    mode: str
    lang: str
    started: str
    ended: str | None
    duration_seconds: int | None
    case: str | None

    def to_json(self) -> Json:
        """The session's JSON form."""
        return {
            "id": self.id,
            "mode": self.mode,
            "lang": self.lang,
            "started": self.started,
            "ended": self.ended,
            "duration_seconds": self.duration_seconds,
            "case": self.case,
        }


@dataclass(frozen=True)
class FieldValue:
    """A collected field the problem and reporter sections do not show, with its label."""

    id: str
    label: str
    value: str

    def to_json(self) -> Json:
        """The field's JSON form."""
        return {"id": self.id, "label": self.label, "value": self.value}


@dataclass(frozen=True)
class Choice:
    """The choice a field's value names (the model keeps the id) and its label."""

    id: str
    label: str

    def to_json(self) -> Json:
        """The choice's JSON form."""
        return {"id": self.id, "label": self.label}


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
        return _present(pairs, "field")

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
class Note:
    """A note the agent or user wrote during the session, at the step it was written."""

    text: str
    node: str
    at: str

    def to_json(self) -> Json:
        """The note's JSON form."""
        return {"text": self.text, "node": self.node, "at": self.at}


@dataclass(frozen=True)
class Environment:
    """The snapshot of the machine taken when the session started."""

    taken: str | None
    checks: tuple[CheckEntry, ...]

    def to_json(self) -> Json:
        """The snapshot's JSON form."""
        return {"taken": self.taken, "checks": [c.to_json() for c in self.checks]}


@dataclass(frozen=True)
class AttachedFile:
    """A file named for the report: its fingerprint, or the `problem` it is refused for."""

    path: str
    name: str
    size: int | None
    sha256: str | None
    mime: str
    problem: str | None

    def to_json(self) -> Json:
        """The file's JSON form."""
        return {
            "path": self.path,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "mime": self.mime,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class End:
    """Where the session ended, what the tree said there, and the next step for support."""

    node: str | None
    text: str
    next: str

    def to_json(self) -> Json:
        """The end's JSON form."""
        return {"node": self.node, "text": self.text, "next": self.next}


@dataclass(frozen=True)
class Redaction:
    """What redaction did to one kind of data: the action and how many times."""

    kind: str
    action: str
    count: int

    def to_json(self) -> Json:
        """The line's JSON form."""
        return {"kind": self.kind, "action": self.action, "count": self.count}


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
class Generator:
    """The program that made the report."""

    name: str
    version: str

    def to_json(self) -> Json:
        """The generator's JSON form."""
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class Report:
    """Everything support needs from one session, in one language.

    `problem` and `reporter` map their keys (model.PROBLEM_KEYS, REPORTER_KEYS) to the values
    given, in the order they were put together; `choices` and `as_typed` are None in a report
    made before they existed."""

    id: str
    title: str
    lang: str
    category: str
    urgency: str | None
    outcome: str | None
    status: str
    tree: TreeInfo
    session: SessionInfo
    problem: Mapping[str, str]
    reporter: Mapping[str, str]
    fields: tuple[FieldValue, ...]
    choices: Mapping[str, Choice] | None
    as_typed: tuple[str, ...] | None
    steps: tuple[Step, ...]
    notes: tuple[Note, ...]
    checks: tuple[CheckEntry, ...]
    environment: Environment | None
    attachments: tuple[AttachedFile, ...]
    end: End
    redactions: tuple[Redaction, ...]
    redacted: bool
    ticket: Ticket | None
    generator: Generator

    def to_json(self) -> Json:
        """The report's JSON form. A redacted report says what was redacted last, where
        redaction has always put it; one not redacted says so before its ticket."""
        said = {
            "redactions": [x.to_json() for x in self.redactions],
            "redacted": self.redacted,
        }
        pairs = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "category": self.category,
            "urgency": self.urgency,
            "outcome": self.outcome,
            "status": self.status,
            "tree": self.tree.to_json(),
            "session": self.session.to_json(),
            "problem": dict(self.problem),
            "reporter": dict(self.reporter),
            "fields": [f.to_json() for f in self.fields],
            "choices": _choices_json(self.choices),
            "as_typed": list(self.as_typed) if self.as_typed is not None else None,
            "steps": [s.to_json() for s in self.steps],
            "notes": [n.to_json() for n in self.notes],
            "checks": [c.to_json() for c in self.checks],
            "environment": self.environment.to_json() if self.environment is not None else None,
            "attachments": [a.to_json() for a in self.attachments],
            "end": self.end.to_json(),
            **({} if self.redacted else said),
            "ticket": self.ticket.to_json() if self.ticket is not None else None,
            "generator": self.generator.to_json(),
            **(said if self.redacted else {}),
        }
        return _present(pairs, "choices", "as_typed")

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Report:
        """A report read from its JSON form (one that validates against the published schema)."""
        env, ticket = raw["environment"], raw["ticket"]
        return cls(
            id=raw["id"],
            title=raw["title"],
            lang=raw["lang"],
            category=raw["category"],
            urgency=raw["urgency"],
            outcome=raw["outcome"],
            status=raw["status"],
            tree=TreeInfo(**raw["tree"]),
            session=SessionInfo(**raw["session"]),
            problem=dict(raw["problem"]),
            reporter=dict(raw["reporter"]),
            fields=tuple(FieldValue(**f) for f in raw["fields"]),
            choices=_choices(raw.get("choices")),
            as_typed=tuple(raw["as_typed"]) if raw.get("as_typed") is not None else None,
            steps=tuple(Step.from_json(s) for s in raw["steps"]),
            notes=tuple(Note(**n) for n in raw["notes"]),
            checks=_checks(raw["checks"]),
            environment=None if env is None else Environment(env["taken"], _checks(env["checks"])),
            attachments=tuple(AttachedFile(**a) for a in raw["attachments"]),
            end=End(**raw["end"]),
            redactions=tuple(Redaction(**x) for x in raw["redactions"]),
            redacted=raw["redacted"],
            ticket=None
            if ticket is None
            else Ticket(ticket["target"], ticket["ref"], ticket.get("url")),
            generator=Generator(**raw["generator"]),
        )

    def choice_label(self, value: object, *fields: str) -> str:
        """A value as people read it: the label of the choice it names when one of `fields`
        (where it may come from) holds that choice (the model keeps the id), else the value."""
        for f in fields:
            choice = (self.choices or {}).get(f)
            if choice is not None and choice.id == value and choice.label:
                return choice.label
        return str(value)


def _checks(raw: Sequence[Mapping[str, Any]]) -> tuple[CheckEntry, ...]:
    return tuple(CheckEntry.from_json(c) for c in raw)


def _choices(raw: Mapping[str, Mapping[str, str]] | None) -> dict[str, Choice] | None:
    return None if raw is None else {k: Choice(**v) for k, v in raw.items()}


def _choices_json(choices: Mapping[str, Choice] | None) -> Json | None:
    return None if choices is None else {k: c.to_json() for k, c in choices.items()}
