"""Schema rules of a node's structured keys: routes (`on`, `detect`), choices, `retry`, flags
and check ids, each problem worded with the node it is in."""

from __future__ import annotations

import re

from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.i18n import Msg, _
from fixit.trees import model
from fixit.trees.model import Choice
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, scalar_bool, scalar_int

TREE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
NODE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHOICE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
FIELD_ID = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
#: a step's `retry` keys and the whole numbers each may be, lowest and highest
RETRY_LIMITS = {"attempts": (1, 10), "wait": (0, 60)}
#: the keys of a question's choice; a choice-type input's choices have no `goto`
CHOICE_KEYS = ("id", "label", "goto")


def node_key(node: str, key: str) -> Msg:
    """A key of a node, as problems name it: `node 'x' text` (`node` is the id as quoted)."""
    return _("node {node} {key}", node=node, key=key)


def _deeper(what: Msg | str, key: str) -> Msg:
    """A key inside `what` (`node 'x' on solved`): a layout, nothing of its own to translate."""
    return Msg("{what} {key}", {"what": what, "key": key})


def read_detect(r: Reader, value: Map, choices: tuple[Choice, ...], node: str) -> dict[str, str]:
    """`check` + `detect`: a check whose status pre-selects one of the question's choices."""
    items = value.items
    if ("check" in items) != ("detect" in items):
        r.error(value, _("node {node}: 'check' and 'detect' go together on a question", node=node))
        return {}
    if "detect" not in items:
        return {}
    routes = read_routes(r, items["detect"], node_key(node, "detect"), model.CHECK_STATUSES)
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


def read_retry(r: Reader, value: Map, node: str) -> dict[str, int]:
    """`retry: {attempts: N, wait: S}`: re-run a step's verify check while it does not pass."""
    if "verify" not in value.items:
        r.error(value.keys["retry"], _("node {node}: 'retry' needs 'verify'", node=node))
    m = r.mapping(value.items["retry"], node_key(node, "retry"), set(RETRY_LIMITS))
    out: dict[str, int] = {}
    if m is None:
        return out
    for key, (low, high) in RETRY_LIMITS.items():
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


def read_bool(r: Reader, value: Value, what: Msg) -> bool:
    """A flag written true or false (yes/no...); a problem and False otherwise."""
    got = scalar_bool(value) if isinstance(value, Scalar) else None
    if got is None:
        r.error(value, _("{where} must be true or false", where=what))
        return False
    return got


def read_check_id(r: Reader, value: Value, what: Msg) -> str | None:
    """A check id of the built-in registry, else None (the unknown id a problem)."""
    got = r.string(value, what)
    if got is not None and got not in KNOWN_CHECKS:
        r.error(value, _("unknown check {check} in {what}", check=repr(got), what=what))
        return None
    return got


def read_routes(r: Reader, value: Value, what: Msg, keys: tuple[str, ...]) -> dict[str, str]:
    """A mapping of `keys` (statuses, outcomes) to node ids that routes at least one."""
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


def read_choices(r: Reader, value: Value, node: str, with_goto: bool) -> tuple[Choice, ...]:
    """A node's choices: ids, labels and (for a question) gotos, each id once."""
    if not isinstance(value, Seq) or not value.items:
        r.error(value, _("node {node} choices must be a non-empty list", node=node))
        return ()
    out: list[Choice] = []
    seen: dict[str, int] = {}
    needed = CHOICE_KEYS if with_goto else CHOICE_KEYS[:2]
    allowed = set(needed)
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
