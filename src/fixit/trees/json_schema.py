"""The JSON Schema (draft 2020-12) of tree format 1, for editors: built from the validator's own
tables (kinds, keys, check ids, input types, outcomes, id and language patterns), so the two
cannot drift. It says what a schema can; the rules it cannot say are named in its description.

Only keywords that draft-07 knows too (`if`/`then`, `$ref`, `propertyNames`...) are used: the
YAML language server behind VS Code's YAML extension validates with draft-07 today. Values are
typed as that server reads YAML (1.2 core): `id: yes` is text, `id: 0755` a number; fixit reads
both as text, so where fixit takes text the schema takes a bare number or true/false too."""

from __future__ import annotations

import re
from typing import Any

from fixit.compat import assert_never
from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.trees import model
from fixit.trees.input_node import MAX_LABEL
from fixit.trees.node_keys import CHOICE_ID, CHOICE_KEYS, FIELD_ID, NODE_ID, RETRY_LIMITS, TREE_ID
from fixit.trees.node_schema import NEXT_KEYS, TEXT_KEYS, kind_keys
from fixit.trees.nodes import KINDS, Kind
from fixit.trees.reader import LANG, MAX_TEXT
from fixit.trees.schema import REQUIRED, TOP_KEYS

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: the file shipped beside the trees, which their first line names
FILE_NAME = "tree.schema.json"


def header(name: str = FILE_NAME) -> str:
    """The first line of a tree that names the schema file `name` beside it, for editors."""
    return f"# yaml-language-server: $schema={name}"


#: booleans as YAML 1.1 (fixit's reader) spells them and YAML 1.2 (editors) reads as text
YAML11_BOOLS = ("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
#: the digits fixit reads in a whole number (no 5000-digit integers)
MAX_INT = 10**12 - 1

#: what fixit checks that this schema cannot: the schema's description lists them
BEYOND = (
    "the YAML file itself: UTF-8, one document, no anchors, aliases or tags, no key twice, "
    "the size and nesting limits",
    "the tree's id matches its file's name",
    "start, goto and every other route names a node of the tree",
    "every node is reachable from the start, no loop lacks a way out, only end nodes end",
    "every text has each language any text of the tree has",
    "a {field} placeholder names a field an input node collects, each field collected once",
    "the choice ids of a node differ, and detect names a choice of its question",
    "an id or number written bare (true, 0755) is read as text, as written: "
    "checked against the id rules by fixit only",
)


def _pattern(regex: re.Pattern[str]) -> str:
    """A Python pattern as JSON Schema writes it (ECMA-262: no `\\Z`; these use none)."""
    return regex.pattern


def _scalar(**more: Any) -> Schema:
    """A value fixit reads as text: any scalar but null (a bare 12 or true is text too)."""
    return {"type": ["string", "number", "boolean"], **more}


def _id(regex: re.Pattern[str], what: str) -> Schema:
    """An id: text matching `regex` (a bare number or true/false is checked by fixit only)."""
    return _scalar(pattern=_pattern(regex), description=what)


def _enum(options: tuple[str, ...] | list[str], what: str) -> Schema:
    return {"enum": list(options), "description": what}


def _text(what: str, max_length: int = MAX_TEXT) -> Schema:
    """A text: one string, or a mapping of language code to string."""
    one = _scalar(maxLength=max_length)
    return {
        "description": what,
        "anyOf": [
            one,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": _pattern(LANG)},
                "additionalProperties": one,
            },
        ],
    }


def _flag(what: str) -> Schema:
    """A flag: true or false, or the yes/no/on/off that fixit's YAML reads as one."""
    return {"description": what, "anyOf": [{"type": "boolean"}, {"enum": list(YAML11_BOOLS)}]}


def _routes(keys: tuple[str, ...], to: str, what: str) -> Schema:
    """A mapping of statuses or outcomes to what they lead to, at least one."""
    return {
        "type": "object",
        "description": what,
        "minProperties": 1,
        "properties": {key: {"$ref": f"#/$defs/{to}"} for key in keys},
        "additionalProperties": False,
    }


def _choices(keys: tuple[str, ...], what: str) -> Schema:
    item = {
        "type": "object",
        "properties": {k: _CHOICE_VALUES[k] for k in keys},
        "required": list(keys),
        "additionalProperties": False,
    }
    return {"type": "array", "minItems": 1, "items": item, "description": what}


def _ref(name: str, what: str) -> Schema:
    """One of the shared definitions, with what it is for here."""
    return {"$ref": f"#/$defs/{name}", "description": what}


#: what a key is for, shown by editors on hover
ABOUT = {
    "text": "What the node says.",
    "say": "What the agent reads aloud to the caller (spoken, second person).",
    "agent_note": "For the agent only: never read out or reported.",
    "help": "A longer explanation, shown when asked for.",
    "solved": "The next node when the step solved the problem.",
    "unsolved": "The next node when it did not.",
    "goto": "The next node.",
    "fallback": "The next node when the check cannot run or its status is not routed.",
    "check": "A check whose status picks a choice (with detect).",
    "check.check": "The built-in check to run.",
    "verify": "A check that tells whether the step solved the problem.",
}
_CHOICE_VALUES: dict[str, Schema] = {
    "id": _ref("choice_id", "The answer's id: answer files and reports name it."),
    "label": _ref("text", "What the answer says."),
    "goto": _ref("node_id", "The next node."),
}


def _retry() -> Schema:
    props = {
        key: {"type": "integer", "minimum": low, "maximum": high}
        for key, (low, high) in RETRY_LIMITS.items()
    }
    return {
        "type": "object",
        "description": "Re-run the verify check while it does not pass.",
        "properties": props,
        "additionalProperties": False,
    }


def key_schemas(kind: Kind) -> dict[str, Schema]:
    """The schema of each key a node of `kind` may have (a key the validator allows but this
    does not know is a KeyError: a new key must be described here too)."""
    known: dict[str, Schema] = {
        "kind": {"const": kind},
        **{key: _ref("text", ABOUT[key]) for key in TEXT_KEYS},
        **{key: _ref("node_id", ABOUT[key]) for key in NEXT_KEYS},
        "check": _ref("check_id", ABOUT[f"check.{kind}" if kind == "check" else "check"]),
        "verify": _ref("check_id", ABOUT["verify"]),
        "field": _id(FIELD_ID, "The report field the answer is collected into."),
        "type": _enum(model.INPUT_TYPES, "The kind of answer (default text)."),
        "required": _flag("Whether an answer must be given."),
        "tree": _ref("tree_id", "The tree to run; its outcome routes on."),
        "outcome": _enum(model.OUTCOMES, "How the session ends."),
        # fixit reads detect's choices with the node id rule (no dots): so does this
        "detect": _routes(model.CHECK_STATUSES, "node_id", "The choice a check status picks."),
        "retry": _retry(),
        "label": _text("A short name for the field in summaries and reports.", MAX_LABEL),
        "redact": _flag("Whether the answer is redacted in reports (default true)."),
        "prefill": _enum(model.PREFILL_KEYS, "The caller detail that pre-fills the answer."),
    }
    if kind == "check":
        known["on"] = _routes(model.CHECK_STATUSES, "node_id", "The next node by check status.")
    else:
        known["on"] = _routes(model.OUTCOMES, "node_id", "The next node by the tree's outcome.")
    if kind == "question":
        known["choices"] = _choices(CHOICE_KEYS, "The answers, each leading on.")
    else:
        known["choices"] = _choices(CHOICE_KEYS[:2], "The answers to choose from.")
    allowed, _ = kind_keys(kind)
    return _described(known, allowed, f"a {kind} node")


def _described(known: dict[str, Schema], allowed: set[str], where: str) -> dict[str, Schema]:
    """The schemas of the `allowed` keys, in the order of `known`; a KeyError names a key the
    validator allows that this module does not describe (so a test fails until it does)."""
    missing = sorted(allowed - set(known))
    if missing:
        raise KeyError(f"the JSON Schema does not describe {missing} of {where}")
    return {key: value for key, value in known.items() if key in allowed}


def _needs(key: str, other: Schema) -> Schema:
    """When `key` is written, `other` holds."""
    return {"if": {"required": [key]}, "then": other}


def _rules(kind: Kind) -> list[Schema]:
    """A kind's rules between its keys."""
    match kind:
        case "question":
            both = [_needs("check", {"required": ["detect"]})]
            return [*both, _needs("detect", {"required": ["check"]})]
        case "step":
            return [_needs("retry", {"required": ["verify"]})]
        case "input":
            is_choice: Schema = {"required": ["type"], "properties": {"type": {"const": "choice"}}}
            # `prefill: false` rather than `not`: editors then say "prefill is not allowed"
            choice = {"required": ["choices"], "properties": {"prefill": False}}
            return [{"if": is_choice, "then": choice}, _needs("choices", is_choice)]
        case "check" | "info" | "tree" | "end":
            return []
        case _:
            assert_never(kind)


def node_schema(kind: Kind) -> Schema:
    """The schema of a node of one kind."""
    _, required = kind_keys(kind)
    out: Schema = {
        "type": "object",
        "properties": key_schemas(kind),
        "required": ["kind", *required],
        "additionalProperties": False,
    }
    rules = _rules(kind)
    if rules:
        out["allOf"] = rules
    return out


def _node() -> Schema:
    """A node: its kind picks the schema of that kind."""
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": _enum(KINDS, "The kind of node.")},
        "allOf": [
            {
                "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
                "then": {"$ref": f"#/$defs/{kind}"},
            }
            for kind in KINDS
        ],
    }


def _top() -> dict[str, Schema]:
    """The tree's top-level keys (a key the validator allows but this does not know fails)."""
    known: dict[str, Schema] = {
        "format": {"const": model.FORMAT, "description": "The format version."},
        "id": _ref("tree_id", "The tree's id; the file is named after it."),
        "version": {
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_INT,
            "description": "The content version, stamped into sessions and reports.",
        },
        "title": _ref("text", "What the problem is, as the list of problems shows it."),
        "description": _ref("text", "More words to recognise and search the problem by."),
        "category": _enum(model.CATEGORIES, "The kind of case (default incident)."),
        "audience": {
            "type": "array",
            "items": {"enum": list(model.AUDIENCES)},
            "description": "Who may run it (default both).",
        },
        "tags": {"type": "array", "items": _scalar(), "description": "Words to search by."},
        "start": _ref("node_id", "The first node."),
        "nodes": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": _pattern(NODE_ID)},
            "additionalProperties": {"$ref": "#/$defs/node"},
            "description": "The nodes, by id.",
        },
    }
    return _described(known, TOP_KEYS, "a tree")


def tree_schema() -> Schema:
    """The JSON Schema of tree format 1."""
    beyond = "".join(f"\n- {rule}" for rule in BEYOND)
    defs: dict[str, Schema] = {
        "text": _text("A text, or a mapping of language code (en, fi, sv...) to text."),
        "tree_id": _id(TREE_ID, "A tree id: lowercase letters, digits and -."),
        "node_id": _id(NODE_ID, "A node id: letters, digits, - and _."),
        "choice_id": _id(CHOICE_ID, "A choice id: letters, digits, ., - and _."),
        "check_id": _enum(sorted(KNOWN_CHECKS), "A built-in check."),
        "node": _node(),
        **{kind: node_schema(kind) for kind in KINDS},
    }
    return {
        "$schema": DIALECT,
        "title": "fixit decision tree, format 1",
        "description": (
            "A fixit decision tree (docs/trees.md). `fixit trees validate` checks all of this "
            "and more; a schema cannot say:" + beyond
        ),
        "type": "object",
        "properties": _top(),
        "required": list(REQUIRED),
        "additionalProperties": False,
        "$defs": defs,
    }
