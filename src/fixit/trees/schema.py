"""Schema rules of tree format 1: positioned YAML values to a Tree, collecting every problem."""

from __future__ import annotations

from fixit.i18n import Msg, _
from fixit.trees import model
from fixit.trees.graph import target_scalars
from fixit.trees.model import Node, Tree
from fixit.trees.node_schema import NODE_ID, TREE_ID, Written, build_node, read_node
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Problem, Scalar, Seq, Value, scalar_int

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
#: the top-level keys every tree has
REQUIRED = ("format", "id", "title", "start", "nodes")


def read_tree(root: Value, name: str, stem: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Read a tree's positioned values into a model; returns the problems of the schema pass."""
    r = Reader(name)
    top = _top(r, root)
    if top is None:
        return None, r.problems
    items = top.items
    _check_required(r, top)
    tree_id = _tree_id(r, items, stem)
    version = _version(r, items)
    title = r.text(items["title"], "title") if "title" in items else None
    description = r.text(items["description"], "description") if "description" in items else None
    category = _category(r, items)
    audience = _string_list(r, items.get("audience"), "audience", model.AUDIENCES)
    tags = _string_list(r, items.get("tags"), "tags", None)
    start = r.string(items["start"], "start", NODE_ID) if "start" in items else None
    written = _read_nodes(r, items.get("nodes"))
    _check_references(r, top, written, start)
    _check_translations(r, written)
    if r.problems or tree_id is None or title is None or start is None:
        return None, r.problems
    nodes = _build_nodes(written)
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


def _top(r: Reader, root: Value) -> Map | None:
    """The tree's top-level mapping, its unknown keys reported; None when it is no mapping."""
    return r.mapping(
        root,
        _("the tree"),
        TOP_KEYS,
        not_mapping=_("the tree must be a mapping"),
        unknown=lambda key: _("unknown key {key} in the tree", key=key),
    )


def _check_required(r: Reader, top: Map) -> None:
    """The keys every tree has, and the one tree format this fixit reads."""
    items = top.items
    for key in REQUIRED:
        if key not in items:
            r.error(top, _("missing required key {key}", key=repr(key)))
    if "format" in items:
        fmt = items["format"]
        if not isinstance(fmt, Scalar) or scalar_int(fmt) != model.FORMAT:
            message = _(
                "format must be {format} (this fixit reads tree format 1)", format=model.FORMAT
            )
            r.error(fmt, message)


def _tree_id(r: Reader, items: dict[str, Value], stem: str | None) -> str | None:
    """The tree's id, which must match its file's name (`stem`) when it has one."""
    tree_id = r.string(items["id"], "id", TREE_ID) if "id" in items else None
    if tree_id and stem and tree_id != stem:
        message = _("id {id} differs from the file name {stem}", id=repr(tree_id), stem=repr(stem))
        r.error(items["id"], message)
    return tree_id


def _version(r: Reader, items: dict[str, Value]) -> int:
    """The tree's version: a whole number, 1 when not given."""
    if "version" not in items:
        return 1
    v = items["version"]
    got = scalar_int(v) if isinstance(v, Scalar) else None
    if got is None or got < 0:
        r.error(v, _("version must be a whole number"))
        return 1
    return got


def _category(r: Reader, items: dict[str, Value]) -> str:
    """The tree's category, "incident" when not given or not a known one."""
    if "category" not in items:
        return "incident"
    return r.one_of(items["category"], "category", model.CATEGORIES) or "incident"


def _string_list(
    r: Reader, value: Value | None, what: str, options: tuple[str, ...] | None
) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, Seq):
        r.error(value, _("{what} must be a list", what=what))
        return None
    out = []
    for item in value.items:
        got = r.one_of(item, what, options) if options else r.string(item, what)
        if got is not None:
            out.append(got)
    return out


def _read_nodes(r: Reader, value: Value | None) -> dict[str, Written]:
    nodes: dict[str, Written] = {}
    if value is None:
        return nodes
    if not isinstance(value, Map) or not value.items:
        r.error(value, _("nodes must be a non-empty mapping of node id to node"))
        return nodes
    fields: dict[str, Scalar] = {}
    for node_id, item in value.items.items():
        key = value.keys[node_id]
        if not NODE_ID.match(node_id):
            message = _(
                "node id {node} is not valid (letters, digits, - and _)", node=repr(node_id)
            )
            r.error(key, message)
            continue
        node = read_node(r, node_id, item)
        if node is None:
            continue
        if node.field:
            if node.field in fields:
                message = _(
                    "field {field} is collected twice (first at line {line})",
                    field=repr(node.field),
                    line=fields[node.field].line,
                )
                r.error(item, message)
            elif isinstance(item, Map):
                fields[node.field] = item.keys.get("field", key)
        nodes[node_id] = node
    return nodes


def _build_nodes(written: dict[str, Written]) -> dict[str, Node]:
    """The nodes of their kinds, once every node was read without a problem."""
    nodes = {node_id: build_node(w) for node_id, w in written.items()}
    missing = [node_id for node_id, node in nodes.items() if node is None]
    assert not missing, f"nodes read without a problem but not built: {missing}"
    return {node_id: node for node_id, node in nodes.items() if node is not None}


def _check_references(r: Reader, top: Map, nodes: dict[str, Written], start: str | None) -> None:
    raw = top.items.get("nodes")
    raw_nodes = raw.items if isinstance(raw, Map) else {}
    if start is not None and raw_nodes and start not in raw_nodes:
        r.error(top.items["start"], _("start node {node} does not exist", node=repr(start)))
    for node in nodes.values():
        at = raw_nodes[node.id]
        read = set(node.targets())  # ids that were read as targets (a bad id is reported apart)
        if not isinstance(at, Map):  # pragma: no cover - such a node is never read
            continue
        for scalar in target_scalars(at):  # each place it is written, not only the first
            if scalar.value in read and scalar.value not in raw_nodes:
                message = _(
                    "node {node} goes to {target}, which does not exist",
                    node=repr(node.id),
                    target=repr(scalar.value),
                )
                r.error(scalar, message)


def _check_translations(r: Reader, nodes: dict[str, Written]) -> None:
    collected = {n.field for n in nodes.values() if n.field}
    langs = r.languages
    for text, at, what in r.texts:
        missing = sorted(langs - set(text)) if model.ANY_LANG not in text else []
        if missing:
            message = _(
                "{what} has no {missing} translation (the tree uses {langs})",
                what=what,
                missing=", ".join(missing),
                langs=", ".join(sorted(langs)),
            )
            r.error(at, message)
        for body in text.values():
            for name in model.PLACEHOLDER.findall(body):
                if name not in collected:
                    r.error(at, _uncollected(what, name))


def _uncollected(what: Msg | str, name: str) -> Msg:
    """A text that names a field no input node collects."""
    return _(
        "{what} uses {{{field}}}, but no input node collects that field", what=what, field=name
    )
