"""Schema rules of one node of tree format 1: its keys as written, then the node of its kind."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, TypeVar

from fixit.compat import assert_never
from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.i18n import Msg, _
from fixit.trees import model
from fixit.trees.input_node import INPUT_ONLY, InputKeys, misplaced, read_input
from fixit.trees.model import Choice, Node, Text
from fixit.trees.nodes import KINDS, Check, End, Info, Input, Kind, Question, Run, Step, as_kind
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, scalar_bool, scalar_int

TREE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
NODE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHOICE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
FIELD_ID = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")

COMMON = {"kind", "text", "say", "agent_note", "help"}
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


def node_key(node: str, key: str) -> Msg:
    """A key of a node, as problems name it: `node 'x' text` (`node` is the id as quoted)."""
    return _("node {node} {key}", node=node, key=key)


def _deeper(what: Msg | str, key: str) -> Msg:
    """A key inside `what` (`node 'x' on solved`): a layout, nothing of its own to translate."""
    return Msg("{what} {key}", {"what": what, "key": key})


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
        w.on = _routes(r, items["on"], node_key(node, "on"), statuses)
    if "choices" in items:
        w.choices = _choices(r, items["choices"], node, with_goto=kind == "question")
    if kind == "input":
        w.input = read_input(r, value, w.type if "type" in items else None, w.choices, node)
    if kind == "question":
        w.detect = _read_detect(r, value, w.choices, node)
    if kind == "step" and "retry" in items:
        w.retry = _read_retry(r, value, node)
    return w


def _read_scalars(r: Reader, items: dict[str, Value], w: Written, node: str) -> None:
    """The keys whose value is one text, id or flag, in the order their problems are found."""

    def get(key: str, read: Callable[[Value], T | None]) -> T | None:
        return read(items[key]) if key in items else None

    def at(key: str) -> Msg:
        return node_key(node, key)

    for key in ("text", "say", "agent_note", "help"):
        if key in items:
            w.texts[key] = r.text(items[key], at(key))
    for key in ("solved", "unsolved", "goto", "fallback"):
        if key in items:
            w.ids[key] = r.string(items[key], at(key), NODE_ID)
    w.check = get("check", lambda v: _check_id(r, v, at("check")))
    w.verify = get("verify", lambda v: _check_id(r, v, at("verify")))
    w.field = get("field", lambda v: r.string(v, at("field"), FIELD_ID))
    w.type = get("type", lambda v: r.one_of(v, at("type"), model.INPUT_TYPES)) or "text"
    w.tree = get("tree", lambda v: r.string(v, at("tree"), TREE_ID))
    w.outcome = get("outcome", lambda v: r.one_of(v, at("outcome"), model.OUTCOMES))
    w.required = get("required", lambda v: _bool(r, v, at("required"))) or False


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


def _read_detect(r: Reader, value: Map, choices: tuple[Choice, ...], node: str) -> dict[str, str]:
    """`check` + `detect`: a check whose status pre-selects one of the question's choices."""
    items = value.items
    if ("check" in items) != ("detect" in items):
        r.error(value, _("node {node}: 'check' and 'detect' go together on a question", node=node))
        return {}
    if "detect" not in items:
        return {}
    routes = _routes(r, items["detect"], node_key(node, "detect"), model.CHECK_STATUSES)
    ids = {c.id for c in choices}
    detect_map = items["detect"]
    for status, choice in routes.items():
        if ids and choice not in ids:
            at = detect_map.items[status] if isinstance(detect_map, Map) else detect_map
            message = _(
                "node {node} detect {status}: {choice} is not a choice of this question",
                node=node,
                status=status,
                choice=repr(choice),
            )
            r.error(at, message)
    return routes


def _read_retry(r: Reader, value: Map, node: str) -> dict[str, int]:
    """`retry: {attempts: N, wait: S}`: re-run a step's verify check while it does not pass."""
    if "verify" not in value.items:
        r.error(value.keys["retry"], _("node {node}: 'retry' needs 'verify'", node=node))
    m = r.mapping(value.items["retry"], node_key(node, "retry"), {"attempts", "wait"})
    out: dict[str, int] = {}
    if m is None:
        return out
    limits = {"attempts": (1, 10), "wait": (0, 60)}
    for key, (low, high) in limits.items():
        if key not in m.items:
            continue
        item = m.items[key]
        got = scalar_int(item) if isinstance(item, Scalar) else None
        if got is None or not low <= got <= high:
            message = _(
                "node {node} retry {key} must be a whole number from {low} to {high}",
                node=node,
                key=key,
                low=low,
                high=high,
            )
            r.error(item, message)
        else:
            out[key] = got
    return out


def _bool(r: Reader, value: Value, what: Msg) -> bool:
    got = scalar_bool(value) if isinstance(value, Scalar) else None
    if got is None:
        r.error(value, _("{where} must be true or false", where=what))
        return False
    return got


def _check_id(r: Reader, value: Value, what: Msg) -> str | None:
    got = r.string(value, what)
    if got is not None and got not in KNOWN_CHECKS:
        r.error(value, _("unknown check {check} in {what}", check=repr(got), what=what))
        return None
    return got


def _routes(r: Reader, value: Value, what: Msg, keys: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    m = r.mapping(value, what, set(keys))
    if m is None:
        return out
    if not m.items:
        message = _("{what} must route at least one of {keys}", what=what, keys=", ".join(keys))
        r.error(value, message)
    for key, item in m.items.items():
        got = r.string(item, _deeper(what, key), NODE_ID)
        if got is not None and key in keys:
            out[key] = got
    return out


def _choices(r: Reader, value: Value, node: str, with_goto: bool) -> tuple[Choice, ...]:
    if not isinstance(value, Seq) or not value.items:
        r.error(value, _("node {node} choices must be a non-empty list", node=node))
        return ()
    out: list[Choice] = []
    seen: dict[str, int] = {}
    allowed = {"id", "label", "goto"} if with_goto else {"id", "label"}
    for item in value.items:
        m = r.mapping(
            item,
            _("a choice of node {node}", node=node),
            allowed,
            not_mapping=_("a choice of node {node} must be a mapping", node=node),
            unknown=lambda key: _(
                "unknown key {key} in a choice of node {node}", key=key, node=node
            ),
        )
        if m is None:
            continue
        needed = ("id", "label", "goto") if with_goto else ("id", "label")
        missing = [k for k in needed if k not in m.items]
        if missing:
            keys = ", ".join(map(repr, missing))
            r.error(m, _("a choice of node {node} is missing {keys}", node=node, keys=keys))
            continue
        cid = r.string(m.items["id"], _("choice id in node {node}", node=node), CHOICE_ID)
        label = r.text(m.items["label"], _("choice label in node {node}", node=node))
        goto = (
            r.string(m.items["goto"], _("choice goto in node {node}", node=node), NODE_ID)
            if with_goto
            else None
        )
        if cid is None or label is None:
            continue
        if cid in seen:
            message = _(
                "duplicate choice id {choice} in node {node} (first at line {line})",
                choice=repr(cid),
                node=node,
                line=seen[cid],
            )
            r.error(m.items["id"], message)
            continue
        seen[cid] = m.line
        out.append(Choice(cid, label, goto))
    return tuple(out)
