"""Schema rules of one node of tree format 1: its keys as written, then the node of its kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, TypeVar

from fixit.compat import assert_never
from fixit.i18n import Msg, _
from fixit.trees import model
from fixit.trees.input_node import INPUT_ONLY, InputKeys, misplaced, read_input
from fixit.trees.model import Choice, Node, Text
from fixit.trees.node_keys import CHOICE_ID as CHOICE_ID  # re-exported with the other ids
from fixit.trees.node_keys import FIELD_ID as FIELD_ID
from fixit.trees.node_keys import NODE_ID as NODE_ID
from fixit.trees.node_keys import TREE_ID as TREE_ID
from fixit.trees.node_keys import (
    node_key,
    read_bool,
    read_check_id,
    read_choices,
    read_detect,
    read_retry,
    read_routes,
)
from fixit.trees.nodes import KINDS, Check, End, Info, Input, Kind, Question, Run, Step, as_kind
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Value

#: the keys whose value is a text, and those whose value is the id of the next node
TEXT_KEYS = ("text", "say", "agent_note", "help")
NEXT_KEYS = ("solved", "unsolved", "goto", "fallback")
COMMON = {"kind", *TEXT_KEYS}
T = TypeVar("T")


def kind_keys(kind: Kind) -> tuple[set[str], tuple[str, ...]]:
    """The keys a kind of node may have, and those it must have."""
    match kind:
        case "question":
            return COMMON | {"choices", "check", "detect"}, ("text", "choices")
        case "step":
            return COMMON | {"solved", "unsolved", "verify", "retry"}, (
                "text",
                "solved",
                "unsolved",
            )
        case "check":
            return COMMON | {"check", "on", "fallback"}, ("check", "on", "fallback")
        case "input":
            keys = {"field", "type", "required", "choices", "goto"}
            return COMMON | keys | INPUT_ONLY, ("text", "field", "goto")
        case "info":
            return COMMON | {"goto"}, ("text", "goto")
        case "tree":
            return COMMON | {"tree", "on"}, ("tree", "on")
        case "end":
            return COMMON | {"outcome"}, ("text", "outcome")
        case _:
            assert_never(kind)


@dataclass
class Written:
    """A node's keys as read, a key of another kind too: that one is reported as unknown, and
    its value is still read, routed and checked as written, so that one run finds every problem."""

    id: str
    kind: Kind
    line: int
    texts: dict[str, Text | None] = dataclasses.field(
        default_factory=dict
    )  # text, say, agent_note, help
    ids: dict[str, str | None] = dataclasses.field(
        default_factory=dict
    )  # solved, unsolved, goto, fallback
    check: str | None = None
    verify: str | None = None
    field: str | None = None
    type: str = "text"
    tree: str | None = None
    outcome: str | None = None
    required: bool = False
    on: dict[str, str] = dataclasses.field(default_factory=dict)
    choices: tuple[Choice, ...] = ()
    detect: dict[str, str] = dataclasses.field(default_factory=dict)
    retry: dict[str, int] = dataclasses.field(default_factory=dict)
    input: InputKeys = dataclasses.field(default_factory=InputKeys)

    def targets(self) -> list[str]:
        """Every node id read as a next node, in the order of the model's `targets`."""
        out = [c.goto for c in self.choices if c.goto]
        out += [t for t in self.ids.values() if t]
        out += list(self.on.values())
        return list(dict.fromkeys(out))


def read_node(r: Reader, node_id: str, value: Value) -> Written | None:
    """Read one node's keys, reporting every problem; None when it has no kind to read by."""
    node = repr(node_id)
    if not isinstance(value, Map):
        r.error(value, _("node {node} must be a mapping", node=node))
        return None
    if "kind" not in value.items:
        r.error(value, _("node {node} has no 'kind' ({kinds})", node=node, kinds=", ".join(KINDS)))
        return None
    got = r.one_of(value.items["kind"], node_key(node, "kind"), KINDS)
    kind = as_kind(got) if got is not None else None
    if kind is None:
        return None
    allowed, required = kind_keys(kind)
    r.mapping(
        value,
        _("node {node}", node=node),
        allowed | INPUT_ONLY,
        unknown=lambda key: _("unknown key {key} in node {node}", key=key, node=node),
    )
    if kind != "input":
        misplaced(r, value, kind, node)
    items = value.items
    for key in required:
        if key not in items:
            message = _(
                "node {node} ({kind}) is missing {key}", node=node, kind=kind, key=repr(key)
            )
            r.error(value, message)
    w = Written(node_id, kind, value.line)
    _read_scalars(r, items, w, node)
    if "on" in items:
        statuses = model.CHECK_STATUSES if kind == "check" else model.OUTCOMES
        w.on = read_routes(r, items["on"], node_key(node, "on"), statuses)
    if "choices" in items:
        w.choices = read_choices(r, items["choices"], node, with_goto=kind == "question")
    if kind == "input":
        w.input = read_input(r, value, w.type if "type" in items else None, w.choices, node)
    if kind == "question":
        w.detect = read_detect(r, value, w.choices, node)
    if kind == "step" and "retry" in items:
        w.retry = read_retry(r, value, node)
    return w


def _read_scalars(r: Reader, items: dict[str, Value], w: Written, node: str) -> None:
    """The keys whose value is one text, id or flag, in the order their problems are found."""

    def get(key: str, read: Callable[[Value], T | None]) -> T | None:
        return read(items[key]) if key in items else None

    def at(key: str) -> Msg:
        return node_key(node, key)

    for key in TEXT_KEYS:
        if key in items:
            w.texts[key] = r.text(items[key], at(key))
    for key in NEXT_KEYS:
        if key in items:
            w.ids[key] = r.string(items[key], at(key), NODE_ID)
    w.check = get("check", lambda v: read_check_id(r, v, at("check")))
    w.verify = get("verify", lambda v: read_check_id(r, v, at("verify")))
    w.field = get("field", lambda v: r.string(v, at("field"), FIELD_ID))
    w.type = get("type", lambda v: r.one_of(v, at("type"), model.INPUT_TYPES)) or "text"
    w.tree = get("tree", lambda v: r.string(v, at("tree"), TREE_ID))
    w.outcome = get("outcome", lambda v: r.one_of(v, at("outcome"), model.OUTCOMES))
    w.required = get("required", lambda v: read_bool(r, v, at("required"))) or False


class _Common(TypedDict):
    id: str
    text: Text | None
    say: Text | None
    agent_note: Text | None
    help: Text | None
    line: int


def build_node(w: Written) -> Node | None:
    """The node of its kind, from keys read without problems (None when one it needs is not)."""
    t, ids = w.texts, w.ids
    c = _Common(
        id=w.id,
        text=t.get("text"),
        say=t.get("say"),
        agent_note=t.get("agent_note"),
        help=t.get("help"),
        line=w.line,
    )
    solved, unsolved, goto, fallback = (
        ids.get(k) for k in ("solved", "unsolved", "goto", "fallback")
    )
    retry = {f"retry_{k}": v for k, v in w.retry.items()}
    match w.kind:
        case "question":
            return Question(**c, choices=w.choices, check=w.check, detect=w.detect)
        case "step" if solved and unsolved:
            return Step(**c, solved=solved, unsolved=unsolved, verify=w.verify, **retry)
        case "check" if w.check and fallback:
            return Check(**c, check=w.check, on=w.on, fallback=fallback)
        case "input" if w.field and goto:
            i = w.input
            return Input(
                **c,
                field=w.field,
                type=w.type,
                required=w.required,
                choices=w.choices,
                goto=goto,
                label=i.label,
                redact=i.redact,
                prefill=i.prefill,
            )
        case "info" if goto:
            return Info(**c, goto=goto)
        case "tree" if w.tree:
            return Run(**c, tree=w.tree, on=w.on)
        case "end" if w.outcome:
            return End(**c, outcome=w.outcome)
        case "step" | "check" | "input" | "info" | "tree" | "end":
            return None  # a key it needs was missing or wrong: reported when it was read
        case _:
            assert_never(w.kind)
