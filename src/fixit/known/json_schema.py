"""The JSON Schema (draft 2020-12, draft-07 keywords only) of known_issues.yaml format 1, for
editors: built from the validator's own tables (keys, statuses, patterns, limits, check ids),
so the two cannot drift. The rules a schema cannot say are named in its description. Values
are typed as an editor's YAML 1.2 reader sees them: where fixit reads text, a bare number or
true/false is allowed too (fixit reads `ticket: 1234` as the text "1234")."""

from __future__ import annotations

from typing import Any

from fixit.known import issues
from fixit.trees.json_schema import DIALECT, YAML11_BOOLS
from fixit.trees.reader import LANG, MAX_TEXT

Schema = dict[str, Any]

#: the file shipped beside the trees, which a known_issues.yaml's first line can name
FILE_NAME = "known_issues.schema.json"

#: what fixit checks that this schema cannot: the schema's description lists them
BEYOND = (
    "the YAML file itself: UTF-8, one document, no anchors, aliases or tags, no key twice, "
    "the size and nesting limits",
    "the issue ids of a file differ",
    "until is later than since",
    "every text written per language has each language any text of its issue has",
    "an id or ticket written bare (true, 0755) is read as text, as written: checked against "
    "its pattern by fixit only",
)


def _scalar(**more: Any) -> Schema:
    """A value fixit reads as text: any scalar but null."""
    return {"type": ["string", "number", "boolean"], **more}


def _text(what: str, max_length: int, min_length: int = 0) -> Schema:
    """A text: one string, or a mapping of language code to string."""
    one = _scalar(maxLength=max_length, **({"pattern": r"\S"} if min_length else {}))
    return {
        "description": what,
        "anyOf": [
            one,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": LANG.pattern},
                "additionalProperties": one,
            },
        ],
    }


def _list(item: Schema, what: str) -> Schema:
    return {"type": "array", "maxItems": issues.MAX_LIST, "items": item, "description": what}


def _affects() -> Schema:
    """What an issue touches: at least one list with at least one item."""
    from fixit.diagnostics.registry import KNOWN_CHECKS
    from fixit.trees.node_keys import TREE_ID

    known: Schema = {
        "trees": _list(_scalar(pattern=TREE_ID.pattern), "Tree ids."),
        "tags": _list(_scalar(pattern=issues.TAG.pattern), "Tags of trees."),
        "checks": _list({"enum": sorted(KNOWN_CHECKS)}, "Built-in check ids."),
        "urls": _list(_url(), "Service URLs (shown and matched, never fetched)."),
    }
    return {
        "type": "object",
        "description": "What the problem touches; a tree matches by its id, a tag or a check.",
        "properties": _described(known, issues.AFFECTS_KEYS),
        "additionalProperties": False,
        "anyOf": [{"required": [key], "properties": {key: {"minItems": 1}}} for key in known],
    }


def _url() -> Schema:
    return {"type": "string", "pattern": issues.URL.pattern, "maxLength": issues.MAX_URL}


def _time(what: str) -> Schema:
    return {"type": "string", "pattern": issues.TIME.pattern, "description": what}


def _issue() -> Schema:
    """One known problem."""
    known: Schema = {
        "id": _scalar(pattern=issues.ISSUE_ID.pattern, description="The problem's id."),
        "title": _text("What the problem is, in a line.", issues.MAX_TITLE, 1),
        "text": _text("More about it.", MAX_TEXT),
        "affects": {"$ref": "#/$defs/affects"},
        "since": _time("When it began (ISO 8601, e.g. 2026-12-07T08:00:00+02:00)."),
        "until": _time("When it is over: not shown after that."),
        "status": {"enum": list(issues.STATUSES), "description": "Where support is with it."},
        "ticket": _scalar(pattern=issues.TICKET.pattern, description="The help-desk ticket."),
        "workaround": _text("What users can do meanwhile.", MAX_TEXT),
        "new_reports": {
            "description": "Whether support wants more reports of it (default true).",
            "anyOf": [{"type": "boolean"}, {"enum": list(YAML11_BOOLS)}],
        },
        "url": {**_url(), "description": "A page about it: shown, never fetched."},
    }
    return {
        "type": "object",
        "properties": _described(known, issues.ISSUE_KEYS),
        "required": list(issues.REQUIRED),
        "additionalProperties": False,
    }


def _described(known: Schema, allowed: tuple[str, ...]) -> Schema:
    """The schemas of the validator's keys, in its order; a key it allows that this module does
    not describe is a KeyError (so a test fails until it is described here too)."""
    missing = sorted(set(allowed) - set(known))
    if missing:
        raise KeyError(f"the JSON Schema does not describe {missing}")
    return {key: known[key] for key in allowed}


def known_schema() -> Schema:
    """The JSON Schema of known_issues.yaml format 1."""
    beyond = "".join(f"\n- {rule}" for rule in BEYOND)
    top: Schema = {
        "format": {"const": issues.FORMAT, "description": "The format version."},
        "issues": {
            "type": ["array", "null"],
            "maxItems": issues.MAX_ISSUES,
            "items": {"$ref": "#/$defs/issue"},
            "description": "The known problems (none: an empty list).",
        },
    }
    return {
        "$schema": DIALECT,
        "title": "fixit known problems, format 1",
        "description": (
            "Known problems beside fixit's trees (docs/known.md). fixit checks all of this "
            "and more; a schema cannot say:" + beyond
        ),
        "type": "object",
        "properties": _described(top, issues.TOP_KEYS),
        "required": list(issues.TOP_KEYS),
        "additionalProperties": False,
        "$defs": {"issue": _issue(), "affects": _affects()},
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    import json

    return json.dumps(known_schema(), indent=2, ensure_ascii=False) + "\n"
