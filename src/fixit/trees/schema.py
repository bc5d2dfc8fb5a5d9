"""Schema rules of tree format 1: positioned YAML values to a Tree, collecting every problem."""

from __future__ import annotations

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


def _read_nodes(r: Reader, value: Value | None) -> dict[str, Written]:
    nodes: dict[str, Written] = {}
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
        node = read_node(r, node_id, item)
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


def _check_translations(r: Reader, nodes: dict[str, Written]) -> None:
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
