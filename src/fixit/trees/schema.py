"""Schema rules of tree format 1: positioned YAML values to a Tree, collecting every problem."""

from __future__ import annotations

import re
from collections.abc import Callable

from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.trees import model
from fixit.trees.graph import target_scalars
from fixit.trees.input_node import INPUT_ONLY, misplaced, read_input
from fixit.trees.model import Choice, Node, Tree
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Problem, Scalar, Seq, Value, scalar_bool, scalar_int

TREE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
NODE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHOICE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
FIELD_ID = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")

TOP_KEYS = {
    "format",
    "id",
    "version",
    "title",
    "description",
    "category",
    "audience",
    "tags",
    "start",
    "nodes",
}
COMMON = {"kind", "text", "say", "agent_note", "help"}
KIND_KEYS = {
    "question": COMMON | {"choices", "check", "detect"},
    "step": COMMON | {"solved", "unsolved", "verify", "retry"},
    "check": COMMON | {"check", "on", "fallback"},
    "input": COMMON | {"field", "type", "required", "choices", "goto"} | INPUT_ONLY,
    "info": COMMON | {"goto"},
    "tree": COMMON | {"tree", "on"},
    "end": COMMON | {"outcome"},
}
REQUIRED = {
    "question": ("text", "choices"),
    "step": ("text", "solved", "unsolved"),
    "check": ("check", "on", "fallback"),
    "input": ("text", "field", "goto"),
    "info": ("text", "goto"),
    "tree": ("tree", "on"),
    "end": ("text", "outcome"),
}


def read_tree(root: Value, name: str, stem: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Read a tree's positioned values into a model; returns the problems of the schema pass."""
    r = Reader(name)
    top = r.mapping(root, "the tree", TOP_KEYS)
    if top is None:
        return None, r.problems
    items = top.items
    for key in ("format", "id", "title", "start", "nodes"):
        if key not in items:
            r.error(top, f"missing required key {key!r}")
    if "format" in items:
        fmt = items["format"]
        if not isinstance(fmt, Scalar) or scalar_int(fmt) != model.FORMAT:
            r.error(fmt, f"format must be {model.FORMAT} (this fixit reads tree format 1)")
    tree_id = r.string(items["id"], "id", TREE_ID) if "id" in items else None
    if tree_id and stem and tree_id != stem:
        r.error(items["id"], f"id {tree_id!r} differs from the file name {stem!r}")
    version = 1
    if "version" in items:
        v = items["version"]
        got = scalar_int(v) if isinstance(v, Scalar) else None
        if got is None or got < 0:
            r.error(v, "version must be a whole number")
        else:
            version = got
    title = r.text(items["title"], "title") if "title" in items else None
    description = r.text(items["description"], "description") if "description" in items else None
    category = "incident"
    if "category" in items:
        category = r.one_of(items["category"], "category", model.CATEGORIES) or category
    audience = _string_list(r, items.get("audience"), "audience", model.AUDIENCES)
    tags = _string_list(r, items.get("tags"), "tags", None)
    start = r.string(items["start"], "start", NODE_ID) if "start" in items else None
    nodes = _read_nodes(r, items.get("nodes"))
    _check_references(r, top, nodes, start)
    _check_translations(r, nodes)
    if r.problems or tree_id is None or title is None or start is None:
        return None, r.problems
    tree = Tree(
        id=tree_id,
        version=version,
        title=title,
        start=start,
        nodes=nodes,
        category=category,
        audience=tuple(audience or model.AUDIENCES),
        tags=tuple(tags or ()),
        description=description,
        languages=tuple(sorted(r.languages)),
        source=name,
    )
    return tree, r.problems


def _string_list(
    r: Reader, value: Value | None, what: str, options: tuple[str, ...] | None
) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, Seq):
        r.error(value, f"{what} must be a list")
        return None
    out = []
    for item in value.items:
        got = r.one_of(item, what, options) if options else r.string(item, what)
        if got is not None:
            out.append(got)
    return out


def _read_nodes(r: Reader, value: Value | None) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    if value is None:
        return nodes
    if not isinstance(value, Map) or not value.items:
        r.error(value, "nodes must be a non-empty mapping of node id to node")
        return nodes
    fields: dict[str, Scalar] = {}
    for node_id, item in value.items.items():
        key = value.keys[node_id]
        if not NODE_ID.match(node_id):
            r.error(key, f"node id {node_id!r} is not valid (letters, digits, - and _)")
            continue
        node = _read_node(r, node_id, item)
        if node is None:
            continue
        if node.field:
            if node.field in fields:
                r.error(
                    item,
                    f"field {node.field!r} is collected twice (first at line "
                    f"{fields[node.field].line})",
                )
            elif isinstance(item, Map):
                fields[node.field] = item.keys.get("field", key)
        nodes[node_id] = node
    return nodes


def _read_node(r: Reader, node_id: str, value: Value) -> Node | None:
    where = f"node {node_id!r}"
    if not isinstance(value, Map):
        r.error(value, f"{where} must be a mapping")
        return None
    if "kind" not in value.items:
        r.error(value, f"{where} has no 'kind' ({', '.join(model.KINDS)})")
        return None
    kind = r.one_of(value.items["kind"], f"{where} kind", model.KINDS)
    if kind is None:
        return None
    r.mapping(value, where, KIND_KEYS[kind] | INPUT_ONLY)
    if kind != "input":
        misplaced(r, value, kind, where)
    items = value.items
    for key in REQUIRED[kind]:
        if key not in items:
            r.error(value, f"{where} ({kind}) is missing {key!r}")
    attrs: dict[str, object] = {"id": node_id, "kind": kind, "line": value.line}
    for key in ("text", "say", "agent_note", "help"):
        if key in items:
            attrs[key] = r.text(items[key], f"{where} {key}")
    for key in ("solved", "unsolved", "goto", "fallback"):
        if key in items:
            attrs[key] = r.string(items[key], f"{where} {key}", NODE_ID)
    readers: dict[str, Callable[[Value], object]] = {
        "check": lambda v: _check_id(r, v, f"{where} check"),
        "verify": lambda v: _check_id(r, v, f"{where} verify"),
        "field": lambda v: r.string(v, f"{where} field", FIELD_ID),
        "type": lambda v: r.one_of(v, f"{where} type", model.INPUT_TYPES) or "text",
        "tree": lambda v: r.string(v, f"{where} tree", TREE_ID),
        "outcome": lambda v: r.one_of(v, f"{where} outcome", model.OUTCOMES),
        "required": lambda v: _bool(r, v, f"{where} required"),
    }
    for key, read in readers.items():
        if key in items:
            attrs[key] = read(items[key])
    if "on" in items:
        statuses = model.CHECK_STATUSES if kind == "check" else model.OUTCOMES
        attrs["on"] = _routes(r, items["on"], f"{where} on", statuses)
    if "choices" in items:
        attrs["choices"] = _choices(r, items["choices"], where, with_goto=kind == "question")
    if kind == "input":
        read_input(r, value, attrs, where)
    if kind == "question":
        _read_detect(r, value, attrs, where)
    if kind == "step" and "retry" in items:
        _read_retry(r, value, attrs, where)
    return Node(**attrs)  # type: ignore[arg-type]


def _read_detect(r: Reader, value: Map, attrs: dict[str, object], where: str) -> None:
    """`check` + `detect`: a check whose status pre-selects one of the question's choices."""
    items = value.items
    if ("check" in items) != ("detect" in items):
        r.error(value, f"{where}: 'check' and 'detect' go together on a question")
        return
    if "detect" not in items:
        return
    routes = _routes(r, items["detect"], f"{where} detect", model.CHECK_STATUSES)
    ids = {c.id for c in attrs.get("choices", ())}  # type: ignore[attr-defined]
    detect_map = items["detect"]
    for status, choice in routes.items():
        if ids and choice not in ids:
            at = detect_map.items[status] if isinstance(detect_map, Map) else detect_map
            r.error(at, f"{where} detect {status}: {choice!r} is not a choice of this question")
    attrs["detect"] = routes


def _read_retry(r: Reader, value: Map, attrs: dict[str, object], where: str) -> None:
    """`retry: {attempts: N, wait: S}`: re-run a step's verify check while it does not pass."""
    if "verify" not in value.items:
        r.error(value.keys["retry"], f"{where}: 'retry' needs 'verify'")
    m = r.mapping(value.items["retry"], f"{where} retry", {"attempts", "wait"})
    if m is None:
        return
    limits = {"attempts": (1, 10), "wait": (0, 60)}
    for key, (low, high) in limits.items():
        if key not in m.items:
            continue
        item = m.items[key]
        got = scalar_int(item) if isinstance(item, Scalar) else None
        if got is None or not low <= got <= high:
            r.error(item, f"{where} retry {key} must be a whole number from {low} to {high}")
        else:
            attrs[f"retry_{key}"] = got


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


def _check_references(r: Reader, top: Map, nodes: dict[str, Node], start: str | None) -> None:
    raw = top.items.get("nodes")
    raw_nodes = raw.items if isinstance(raw, Map) else {}
    if start is not None and raw_nodes and start not in raw_nodes:
        r.error(top.items["start"], f"start node {start!r} does not exist")
    for node in nodes.values():
        at = raw_nodes[node.id]
        read = set(node.targets())  # ids that were read as targets (a bad id is reported apart)
        if not isinstance(at, Map):  # pragma: no cover - such a node is never read
            continue
        for scalar in target_scalars(at):  # each place it is written, not only the first
            if scalar.value in read and scalar.value not in raw_nodes:
                message = f"node {node.id!r} goes to {scalar.value!r}, which does not exist"
                r.error(scalar, message)


def _check_translations(r: Reader, nodes: dict[str, Node]) -> None:
    collected = {n.field for n in nodes.values() if n.field}
    langs = r.languages
    for text, at, what in r.texts:
        missing = sorted(langs - set(text)) if model.ANY_LANG not in text else []
        if missing:
            r.error(
                at,
                f"{what} has no {', '.join(missing)} translation (the tree uses "
                f"{', '.join(sorted(langs))})",
            )
        for body in text.values():
            for name in model.PLACEHOLDER.findall(body):
                if name not in collected:
                    r.error(at, f"{what} uses {{{name}}}, but no input node collects that field")
