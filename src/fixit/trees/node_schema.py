"""Schema rules of one node of tree format 1: its keys as written, then the node of its kind."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, TypeVar

from fixit.compat import assert_never
from fixit.diagnostics.registry import KNOWN_CHECKS
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


def read_node(r: Reader, node_id: str, value: Value) -> Written | None:
    """Read one node's keys, reporting every problem; None when it has no kind to read by."""
    where = f"node {node_id!r}"
    if not isinstance(value, Map):
        r.error(value, f"{where} must be a mapping")
        return None
    if "kind" not in value.items:
        r.error(value, f"{where} has no 'kind' ({', '.join(KINDS)})")
        return None
    got = r.one_of(value.items["kind"], f"{where} kind", KINDS)
    kind = as_kind(got) if got is not None else None
    if kind is None:
        return None
    allowed, required = kind_keys(kind)
    r.mapping(value, where, allowed | INPUT_ONLY)
    if kind != "input":
        misplaced(r, value, kind, where)
    items = value.items
    for key in required:
        if key not in items:
            r.error(value, f"{where} ({kind}) is missing {key!r}")
    w = Written(node_id, kind, value.line)
    _read_scalars(r, items, w, where)
    if "on" in items:
        statuses = model.CHECK_STATUSES if kind == "check" else model.OUTCOMES
        w.on = _routes(r, items["on"], f"{where} on", statuses)
    if "choices" in items:
        w.choices = _choices(r, items["choices"], where, with_goto=kind == "question")
    if kind == "input":
        w.input = read_input(r, value, w.type if "type" in items else None, w.choices, where)
    if kind == "question":
        w.detect = _read_detect(r, value, w.choices, where)
    if kind == "step" and "retry" in items:
        w.retry = _read_retry(r, value, where)
    return w


def _read_scalars(r: Reader, items: dict[str, Value], w: Written, where: str) -> None:
    """The keys whose value is one text, id or flag, in the order their problems are found."""

    def get(key: str, read: Callable[[Value], T | None]) -> T | None:
        return read(items[key]) if key in items else None

    for key in ("text", "say", "agent_note", "help"):
        if key in items:
            w.texts[key] = r.text(items[key], f"{where} {key}")
    for key in ("solved", "unsolved", "goto", "fallback"):
        if key in items:
            w.ids[key] = r.string(items[key], f"{where} {key}", NODE_ID)
    w.check = get("check", lambda v: _check_id(r, v, f"{where} check"))
    w.verify = get("verify", lambda v: _check_id(r, v, f"{where} verify"))
    w.field = get("field", lambda v: r.string(v, f"{where} field", FIELD_ID))
    w.type = get("type", lambda v: r.one_of(v, f"{where} type", model.INPUT_TYPES)) or "text"
    w.tree = get("tree", lambda v: r.string(v, f"{where} tree", TREE_ID))
    w.outcome = get("outcome", lambda v: r.one_of(v, f"{where} outcome", model.OUTCOMES))
    w.required = get("required", lambda v: _bool(r, v, f"{where} required")) or False


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


def _read_detect(r: Reader, value: Map, choices: tuple[Choice, ...], where: str) -> dict[str, str]:
    """`check` + `detect`: a check whose status pre-selects one of the question's choices."""
    items = value.items
    if ("check" in items) != ("detect" in items):
        r.error(value, f"{where}: 'check' and 'detect' go together on a question")
        return {}
    if "detect" not in items:
        return {}
    routes = _routes(r, items["detect"], f"{where} detect", model.CHECK_STATUSES)
    ids = {c.id for c in choices}
    detect_map = items["detect"]
    for status, choice in routes.items():
        if ids and choice not in ids:
            at = detect_map.items[status] if isinstance(detect_map, Map) else detect_map
            r.error(at, f"{where} detect {status}: {choice!r} is not a choice of this question")
    return routes


def _read_retry(r: Reader, value: Map, where: str) -> dict[str, int]:
    """`retry: {attempts: N, wait: S}`: re-run a step's verify check while it does not pass."""
    if "verify" not in value.items:
        r.error(value.keys["retry"], f"{where}: 'retry' needs 'verify'")
    m = r.mapping(value.items["retry"], f"{where} retry", {"attempts", "wait"})
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
            r.error(item, f"{where} retry {key} must be a whole number from {low} to {high}")
        else:
            out[key] = got
    return out


def _bool(r: Reader, value: Value, what: str) -> bool:
    got = scalar_bool(value) if isinstance(value, Scalar) else None
    if got is None:
        r.error(value, f"{what} must be true or false")
        return False
    return got


def _check_id(r: Reader, value: Value, what: str) -> str | None:
    got = r.string(value, what)
    if got is not None and got not in KNOWN_CHECKS:
        r.error(value, f"unknown check {got!r} in {what}")
        return None
    return got


def _routes(r: Reader, value: Value, what: str, keys: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    m = r.mapping(value, what, set(keys))
    if m is None:
        return out
    if not m.items:
        r.error(value, f"{what} must route at least one of {', '.join(keys)}")
    for key, item in m.items.items():
        got = r.string(item, f"{what} {key}", NODE_ID)
        if got is not None and key in keys:
            out[key] = got
    return out


def _choices(r: Reader, value: Value, where: str, with_goto: bool) -> tuple[Choice, ...]:
    if not isinstance(value, Seq) or not value.items:
        r.error(value, f"{where} choices must be a non-empty list")
        return ()
    out: list[Choice] = []
    seen: dict[str, int] = {}
    allowed = {"id", "label", "goto"} if with_goto else {"id", "label"}
    for item in value.items:
        m = r.mapping(item, f"a choice of {where}", allowed)
        if m is None:
            continue
        needed = ("id", "label", "goto") if with_goto else ("id", "label")
        missing = [k for k in needed if k not in m.items]
        if missing:
            r.error(m, f"a choice of {where} is missing {', '.join(map(repr, missing))}")
            continue
        cid = r.string(m.items["id"], f"choice id in {where}", CHOICE_ID)
        label = r.text(m.items["label"], f"choice label in {where}")
        goto = r.string(m.items["goto"], f"choice goto in {where}", NODE_ID) if with_goto else None
        if cid is None or label is None:
            continue
        if cid in seen:
            r.error(
                m.items["id"], f"duplicate choice id {cid!r} in {where} (first at line {seen[cid]})"
            )
            continue
        seen[cid] = m.line
        out.append(Choice(cid, label, goto))
    return tuple(out)
