"""The JSON Schema of the report model (`fixit report --schema`); every JSON report validates."""

from __future__ import annotations

from typing import Any

from fixit.i18n import LANGUAGES
from fixit.report.attachments import PROBLEMS
from fixit.report.document import SCHEMA_VERSION
from fixit.report.model import CATEGORIES, PROBLEM_KEYS, REPORTER_KEYS, URGENCIES

STR: dict[str, Any] = {"type": "string"}
OPT_STR: dict[str, Any] = {"type": ["string", "null"]}
STATUS = {"enum": ["pass", "warn", "fail", "error", "skipped"]}
OUTCOME = {"enum": ["resolved", "escalate", "referred", "unresolved", "known", None]}


def _object(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props) if required is None else required,
        "additionalProperties": False,
    }


CHECK_KEYS: dict[str, Any] = {
    "id": STR,
    "title": STR,
    "status": STATUS,
    "summary": STR,
    "data": {"type": "object"},
    "duration": {"type": "number", "minimum": 0},
    "reason": STR,
}
# within schema_version 1 came, optional: `plain` (what it found, in words a user can confirm)
# and, in `checks`, `step` (the number of the step whose run this is)
CHECK = _object(
    {**CHECK_KEYS, "plain": STR, "step": {"type": "integer", "minimum": 1}}, list(CHECK_KEYS)
)

#: properties added within schema_version 1: a report made before them is still valid
OPTIONAL = ("choices", "as_typed", "known", "related_ticket", "support_code", "handover")
PROPERTIES: dict[str, Any] = {
    "schema_version": {"const": SCHEMA_VERSION},
    "id": STR,
    "title": STR,
    "lang": {"enum": list(LANGUAGES)},  # every language fixit has a catalogue for
    "category": {"enum": list(CATEGORIES)},
    "urgency": {"enum": [*URGENCIES, None]},
    "outcome": OUTCOME,
    "status": {"enum": ["running", "paused", "interrupted", "finished"]},
    # within schema_version 1, optional: the known problem the session met before its first
    # step, and, for outcome `known`, the help-desk ticket this report adds to
    "known": _object(
        {
            "id": STR,
            "kind": {"enum": ["file", "statuspage"]},
            "source": STR,
            "title": STR,
            "ticket": OPT_STR,
            "status": STR,
            "since": OPT_STR,
            "workaround": STR,
            "url": OPT_STR,
            "new_reports": {"type": "boolean"},  # came within schema_version 1: optional
        },
        ["id", "kind", "source", "title", "ticket", "status", "since", "workaround", "url"],
    ),
    "related_ticket": STR,
    "tree": _object({"id": STR, "version": {"type": "integer"}, "title": STR}),
    "session": _object(
        {
            "id": STR,
            "mode": {"enum": ["self", "agent"]},
            "lang": STR,
            "started": STR,
            "ended": OPT_STR,
            "duration_seconds": {"type": ["integer", "null"], "minimum": 0},
            "case": OPT_STR,
        }
    ),
    "problem": _object({k: STR for k in PROBLEM_KEYS}, required=[]),
    "reporter": _object({k: STR for k in REPORTER_KEYS}, required=[]),
    "fields": {
        "type": "array",
        "items": _object({"id": STR, "label": STR, "value": STR}),
    },
    # field id -> the choice its value names (problem and fields keep the id) and that
    # choice's label in the report's language, which rendered reports show
    "choices": {
        "type": "object",
        "additionalProperties": _object({"id": STR, "label": STR}),
    },
    # the fields the tree declares the subject of the request (`redact: false`): their values
    # are sent as typed, secrets removed; the same text elsewhere follows the policy
    "as_typed": {"type": "array", "items": STR},
    "steps": {
        "type": "array",
        "items": _object(
            {
                "n": {"type": "integer", "minimum": 1},
                "node": STR,
                "question": STR,
                "answer": STR,
                "value": STR,
                "by": {"enum": ["user", "agent", "check", "override", "answers", "guard", ""]},
                "by_label": STR,
                "at": STR,
                # the result of the check this step ran (its own run), if it ran one
                "check": {"oneOf": [{"type": "null"}, CHECK]},
                # within schema_version 1, optional: the field an input step collects
                "field": STR,
            },
            ["n", "node", "question", "answer", "value", "by", "by_label", "at"],
        ),
    },
    "notes": {"type": "array", "items": _object({"text": STR, "node": STR, "at": STR})},
    "checks": {"type": "array", "items": CHECK},
    "environment": {
        "oneOf": [
            {"type": "null"},
            _object({"taken": OPT_STR, "checks": {"type": "array", "items": CHECK}}),
        ]
    },
    "attachments": {
        "type": "array",
        "items": _object(
            {
                "path": STR,
                "name": STR,
                "size": {"type": ["integer", "null"], "minimum": 0},
                "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                "mime": STR,
                "problem": {"enum": [*PROBLEMS, None]},
            }
        ),
    },
    "end": _object({"node": OPT_STR, "text": STR, "next": STR}),
    # the session's support code (docs/support-code.md); an agent session picked up from a
    # caller's code says which, when, and how many first steps are the caller's own
    "support_code": STR,
    "handover": _object({"code": STR, "at": STR, "steps": {"type": "integer", "minimum": 0}}),
    "redactions": {
        "type": "array",
        "items": _object({"kind": STR, "action": STR, "count": {"type": "integer", "minimum": 1}}),
    },
    "redacted": {"type": "boolean"},
    "ticket": {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "properties": {"target": STR, "ref": STR, "url": OPT_STR},
                "required": ["target", "ref"],
            },
        ]
    },
    "generator": _object({"name": {"const": "fixit"}, "version": STR}),
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://fixit.invalid/schema/report-{SCHEMA_VERSION}.json",
    "title": "fixit report",
    **_object(PROPERTIES, [k for k in PROPERTIES if k not in OPTIONAL]),
}
