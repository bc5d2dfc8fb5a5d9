"""The node kinds of a tree: one frozen dataclass per kind, `Node` their union (their repr,
equality and hash are `Record`'s, written once rather than compiled for each kind).

Code that treats kinds differently does it with `match node:` ending in
`case _: assert_never(node)`, so that mypy names every place a new kind must be handled
(docs/trees.md, "Adding a node kind")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal, TypeAlias, get_args

from fixit.compat import assert_never
from fixit.records import Record
from fixit.trees.summaries import Text as Text  # re-exported: what node texts are

Kind = Literal["question", "step", "check", "input", "info", "tree", "end"]
KINDS: tuple[Kind, ...] = get_args(Kind)


def as_kind(name: str) -> Kind | None:
    """A kind's name as a `Kind` (what `match` can check for every case), None if it is none."""
    return next((k for k in KINDS if k == name), None)


@dataclass(frozen=True, repr=False, eq=False)
class Choice(Record):
    """A choice of a question (with goto) or of a choice-type input (without)."""

    id: str
    label: Text
    goto: str | None = None


# only its subclasses are made: each writes its own __init__
@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class _Common(Record):
    """What every kind has: its id, what it shows, and where it is written."""

    id: str
    text: Text | None = None
    say: Text | None = None
    agent_note: Text | None = None  # agent mode only: for the agent, never read out or reported
    help: Text | None = None
    line: int = 0


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Question(_Common):
    """A choice of answers, each leading on; a check may pre-select one (`detect`)."""

    kind: ClassVar[Literal["question"]] = "question"
    choices: tuple[Choice, ...] = ()
    check: str | None = None
    detect: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Step(_Common):
    """An instruction, answered solved or unsolved; a check may tell which (`verify`)."""

    kind: ClassVar[Literal["step"]] = "step"
    solved: str
    unsolved: str
    verify: str | None = None
    retry_attempts: int = 1
    retry_wait: int = 0


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Check(_Common):
    """A built-in check, routed on its status; `fallback` when it cannot run or is not routed."""

    kind: ClassVar[Literal["check"]] = "check"
    check: str
    on: Mapping[str, str] = field(default_factory=dict)
    fallback: str


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Input(_Common):
    """A typed answer collected into a field."""

    kind: ClassVar[Literal["input"]] = "input"
    field: str
    type: str = "text"
    required: bool = False
    choices: tuple[Choice, ...] = ()
    goto: str
    label: Text | None = None  # a short name for the field in summaries and reports
    redact: bool = True  # False when the value is the subject of the request, sent as typed
    prefill: str | None = None  # the caller detail (PREFILL_KEYS) that pre-fills it


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Info(_Common):
    """Something to read, then on."""

    kind: ClassVar[Literal["info"]] = "info"
    goto: str


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Run(_Common):
    """Runs another tree (kind `tree`), routed on the outcome it ends with."""

    kind: ClassVar[Literal["tree"]] = "tree"
    tree: str
    on: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class End(_Common):
    """The end of a tree, with its outcome."""

    kind: ClassVar[Literal["end"]] = "end"
    outcome: str


Node: TypeAlias = Question | Step | Check | Input | Info | Run | End
NODE_TYPES: tuple[type[Node], ...] = get_args(Node)
#: the kinds a walk stops at to be answered (a `tree` node is passed into, an end ends it)
Asked: TypeAlias = Question | Step | Check | Input | Info


def routes(node: Node) -> list[str | None]:
    """Every node id a node names as a next node, as written (None where none is given)."""
    match node:
        case Question():
            return [c.goto for c in node.choices]
        case Step():
            return [node.solved, node.unsolved]
        case Check():
            return [node.fallback, *node.on.values()]
        case Input() | Info():
            return [node.goto]
        case Run():
            return list(node.on.values())
        case End():
            return []
        case _:
            assert_never(node)


def targets(node: Node) -> list[str]:
    """Every node this node can lead to, in a stable order."""
    return list(dict.fromkeys(t for t in routes(node) if t))


def probe(node: Node) -> str | None:
    """The check this node runs: a check node's, a question's `check`, a step's `verify`."""
    match node:
        case Check() | Question():
            return node.check
        case Step():
            return node.verify
        case Input() | Info() | Run() | End():
            return None
        case _:
            assert_never(node)


def by_check(node: Node, status: str) -> str | None:
    """The answer a check status gives this node, or None when a person must answer."""
    match node:
        case Check():
            return status
        case Question():
            return node.detect.get(status)
        case Step() if node.verify:
            # a warning still means trouble for most checks (a nearly full disk, a login page)
            return {"pass": "solved", "warn": "unsolved", "fail": "unsolved"}.get(status)
        case Step() | Input() | Info() | Run() | End():
            return None
        case _:
            assert_never(node)


def _text_json(text: Text | None) -> dict[str, str] | None:
    return dict(text) if text is not None else None


def _choices_json(choices: tuple[Choice, ...]) -> list[dict[str, Any]]:
    return [{"id": c.id, "label": dict(c.label), "goto": c.goto} for c in choices]


def _blank() -> dict[str, Any]:
    """Every key of a node's JSON form, in its order, with the value a kind without it has."""
    return {
        **dict.fromkeys(("id", "kind", "text", "say", "agent_note", "help")),
        **{"choices": [], "solved": None, "unsolved": None, "verify": None},
        **{"retry_attempts": 1, "retry_wait": 0, "check": None, "detect": {}, "on": {}},
        **{"fallback": None, "field": None, "type": "text", "required": False, "label": None},
        **{"redact": True, "prefill": None, "goto": None, "tree": None, "outcome": None},
        "line": 0,
    }


_BLANK = _blank()  # read only: compared with, never handed out


def _own_json(n: Node) -> dict[str, Any]:
    """The JSON of the keys a node has because of its kind."""
    match n:
        case Question():
            return {"choices": _choices_json(n.choices), "check": n.check, "detect": dict(n.detect)}
        case Step():
            return {
                "solved": n.solved,
                "unsolved": n.unsolved,
                "verify": n.verify,
                "retry_attempts": n.retry_attempts,
                "retry_wait": n.retry_wait,
            }
        case Check():
            return {"check": n.check, "on": dict(n.on), "fallback": n.fallback}
        case Input():
            return {
                "choices": _choices_json(n.choices),
                "field": n.field,
                "type": n.type,
                "required": n.required,
                "label": _text_json(n.label),
                "redact": n.redact,
                "prefill": n.prefill,
                "goto": n.goto,
            }
        case Info():
            return {"goto": n.goto}
        case Run():
            return {"on": dict(n.on), "tree": n.tree}
        case End():
            return {"outcome": n.outcome}
        case _:
            assert_never(n)


def node_to_json(n: Node) -> dict[str, Any]:
    """A node's JSON form: every key of every kind, so that the form is one shape for all."""
    out = _blank()
    out.update(id=n.id, kind=n.kind, text=_text_json(n.text), say=_text_json(n.say))
    out.update(agent_note=_text_json(n.agent_note), help=_text_json(n.help), line=n.line)
    out.update(_own_json(n))
    return out


_BY_KIND: dict[str, type[Node]] = {t.kind: t for t in NODE_TYPES}


_OWN: dict[str, frozenset[str]] = {}  # kind -> its class's fields, looked up once


def node_from_json(data: Mapping[str, Any]) -> Node:
    """Rebuild a node from `node_to_json` output (a key missing takes its default, as in a
    session saved before the key existed); KeyError or TypeError when it is not one."""
    cls = _BY_KIND[data["kind"]]
    own = _OWN.get(cls.kind)
    if own is None:
        own = _OWN[cls.kind] = frozenset(f.name for f in fields(cls))
    blank = _BLANK
    values = {}
    for key, value in data.items():
        if key in own:
            values[key] = value
        elif key not in blank or (key != "kind" and value != blank[key]):
            raise TypeError(f"{key!r} is no key of a {cls.kind} node")
    if "choices" in values:
        values["choices"] = tuple(Choice(c["id"], c["label"], c["goto"]) for c in values["choices"])
    return cls(**values)
