"""The report as a typed value (SPEC §7), and its JSON form: exactly what `fixit report --schema`
publishes, key for key and in the same order.

Properties the schema added within schema_version 1 are optional: a value of None here means the
report has no such key (a report made before it), and `to_json` leaves it out, so an older report
read with `from_json` is written back as it was. Free-form values (a check's `data`) stay JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fixit.report.parts import (
    AttachedFile,
    CheckEntry,
    Choice,
    End,
    Environment,
    FieldValue,
    Generator,
    Handover,
    Json,
    KnownProblem,
    Note,
    Redaction,
    SessionInfo,
    Step,
    Ticket,
    TreeInfo,
    present,
)

SCHEMA_VERSION = 1


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
    #: the session's support code, and where an agent session took over from the caller's code
    support_code: str | None = None
    handover: Handover | None = None
    #: the known problem met before the first step, and (outcome `known`) its ticket, to add to
    known: KnownProblem | None = None
    related_ticket: str | None = None

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
            "known": self.known.to_json() if self.known is not None else None,
            "related_ticket": self.related_ticket,
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
            "support_code": self.support_code,
            "handover": self.handover.to_json() if self.handover is not None else None,
            **({} if self.redacted else said),
            "ticket": self.ticket.to_json() if self.ticket is not None else None,
            "generator": self.generator.to_json(),
            **(said if self.redacted else {}),
        }
        optional = ("choices", "as_typed", "known", "related_ticket", "support_code", "handover")
        return present(pairs, *optional)

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
            tree=TreeInfo.from_json(raw["tree"]),
            session=SessionInfo.from_json(raw["session"]),
            problem=dict(raw["problem"]),
            reporter=dict(raw["reporter"]),
            fields=tuple(FieldValue.from_json(f) for f in raw["fields"]),
            choices=_choices(raw.get("choices")),
            as_typed=tuple(raw["as_typed"]) if raw.get("as_typed") is not None else None,
            steps=tuple(Step.from_json(s) for s in raw["steps"]),
            notes=tuple(Note.from_json(n) for n in raw["notes"]),
            checks=_checks(raw["checks"]),
            environment=None if env is None else Environment(env["taken"], _checks(env["checks"])),
            attachments=tuple(AttachedFile.from_json(a) for a in raw["attachments"]),
            end=End.from_json(raw["end"]),
            redactions=tuple(Redaction.from_json(x) for x in raw["redactions"]),
            redacted=raw["redacted"],
            ticket=None
            if ticket is None
            else Ticket(ticket["target"], ticket["ref"], ticket.get("url")),
            generator=Generator.from_json(raw["generator"]),
            support_code=raw.get("support_code"),
            handover=Handover.from_json(raw["handover"]) if raw.get("handover") else None,
            known=KnownProblem.from_json(raw["known"]) if raw.get("known") is not None else None,
            related_ticket=raw.get("related_ticket"),
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
    return None if raw is None else {k: Choice.from_json(v) for k, v in raw.items()}


def _choices_json(choices: Mapping[str, Choice] | None) -> Json | None:
    return None if choices is None else {k: c.to_json() for k, c in choices.items()}
