"""Small validating readers for the Mermaid and DOT that `fixit trees graph` writes.

Each reads the whole text by the grammar of the subset fixit emits and fails on anything else,
so a label that broke out of its quotes shows up as a line that is no statement. They give
back what a renderer would show: every box's and arrow's label, decoded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# -- Mermaid (flowchart grammar: https://mermaid.js.org/syntax/flowchart.html) -----------------

ID = r"[A-Za-z][A-Za-z0-9_]*"
RESERVED = {
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "class",
    "classDef",
    "style",
    "linkStyle",
    "click",
    "call",
    "href",
    "default",
    "direction",
}
#: a quoted label: letters, digits, a few plain marks, entity codes and <br/> only
LABEL_BODY = r"(?:[^\W_]|[ .,?!'()\-_/+]|#\d+;|<br/>)*"
LABEL = f'"{LABEL_BODY}"'
SHAPES = [
    ("((", "))"),
    ("{{", "}}"),
    ("[[", "]]"),
    ("([", "])"),
    ("[/", "/]"),
    ("{", "}"),
    ("[", "]"),
    ("(", ")"),
]
SHAPE = "|".join(f"{re.escape(a)}{LABEL}{re.escape(b)}" for a, b in SHAPES)
NODE = re.compile(rf"(?P<id>{ID})(?P<shape>{SHAPE})")
EDGE = re.compile(rf"(?P<src>{ID}) (?P<op>-->|-\.->)(?:\|(?P<label>{LABEL})\|)? (?P<dst>{ID})")
SUBGRAPH = re.compile(rf"subgraph (?P<id>{ID})\[(?P<label>{LABEL})\]")
STYLE = r"[a-z-]+:[#a-zA-Z0-9. ]+(?:,[a-z-]+:[#a-zA-Z0-9. ]+)*"
CLASSDEF = re.compile(rf"classDef (?P<name>{ID}) {STYLE}")
CLASS = re.compile(rf"class (?P<ids>{ID}(?:,{ID})*) (?P<name>{ID})")
LINKSTYLE = re.compile(rf"linkStyle (?P<n>\d+(?:,\d+)*) {STYLE}")


@dataclass
class Mermaid:
    """What a Mermaid flowchart holds, labels decoded (lines joined with a newline)."""

    nodes: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # src, op, dst, label
    subgraphs: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    classes: dict[str, set[str]] = field(default_factory=dict)  # class -> ids
    link_styles: dict[int, str] = field(default_factory=dict)


def decode_mermaid(label: str) -> str:
    """A quoted Mermaid label as it is shown: entity codes decoded, <br/> a line break."""
    assert label[0] == label[-1] == '"' and '"' not in label[1:-1], label
    body = label[1:-1].replace("<br/>", "\n")
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), body)


def read_mermaid(text: str) -> Mermaid:
    """Read the flowchart, statement by statement; AssertionError on anything outside the
    subset (an unbalanced quote or bracket, an arrow outside an edge, a stray `end`)."""
    assert text.endswith("\n") and "\r" not in text
    lines = text.split("\n")[:-1]
    assert lines[0] == "flowchart TD", lines[0]
    out = Mermaid()
    open_graph: str | None = None
    for number, raw in enumerate(lines[1:], 2):
        line = raw.strip()
        where = f"line {number}: {raw!r}"
        assert "```" not in line and "%%" not in line, where
        if m := SUBGRAPH.fullmatch(line):
            assert open_graph is None and m["id"] not in RESERVED, where
            open_graph = m["id"]
            out.subgraphs[open_graph] = []
            out.titles[open_graph] = decode_mermaid(m["label"])
        elif line == "end":
            assert open_graph is not None, where
            open_graph = None
        elif line == "direction TB":
            assert open_graph is not None, where
        elif m := NODE.fullmatch(line):
            assert m["id"] not in RESERVED and m["id"] not in out.nodes, where
            shape = m["shape"]
            start = next(a for a, b in SHAPES if shape.startswith(a + '"'))
            out.nodes[m["id"]] = decode_mermaid(shape[len(start) : -len(dict(SHAPES)[start])])
            out.shapes[m["id"]] = start
            if open_graph is not None:
                out.subgraphs[open_graph].append(m["id"])
        elif m := EDGE.fullmatch(line):
            assert open_graph is None, where
            label = decode_mermaid(m["label"]) if m["label"] else ""
            out.edges.append((m["src"], m["op"], m["dst"], label))
        elif m := CLASSDEF.fullmatch(line):
            out.classes.setdefault(m["name"], set())
        elif m := CLASS.fullmatch(line):
            assert m["name"] in out.classes, where
            out.classes[m["name"]].update(m["ids"].split(","))
        elif m := LINKSTYLE.fullmatch(line):
            for n in m["n"].split(","):
                out.link_styles[int(n)] = line
        else:
            raise AssertionError(f"not a statement of the subset: {where}")
        _outside_labels_clean(line, where)
    assert open_graph is None, "a subgraph is never closed"
    for src, _op, dst, _label in out.edges:
        assert src in out.nodes and dst in out.nodes, (src, dst)
    assert all(0 <= n < len(out.edges) for n in out.link_styles)
    return out


def _outside_labels_clean(line: str, where: str) -> None:
    """Outside its quoted labels a line holds no quote, unbalanced bracket, arrow but the
    edge's, `;`, or `#` but a colour's."""
    outside = re.sub(LABEL, "", line)
    assert '"' not in outside, where
    for opening, closing in ("[]", "{}", "()"):
        assert outside.count(opening) == outside.count(closing), where
    assert outside.count("-->") + outside.count("-.->") <= 1, where
    assert ";" not in outside, where
    assert re.sub(r"#[0-9a-f]{6}", "", outside).count("#") == 0, where


# -- DOT (https://graphviz.org/doc/info/lang.html) ---------------------------------------------

DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_ID = r"[A-Za-z_][A-Za-z0-9_]*"
ATTR = rf"{DOT_ID}=(?:{DOT_STRING}|{DOT_ID})"
ATTRS = rf"\[(?P<attrs>{ATTR}(?:, {ATTR})*)\]"
DOT_NODE = re.compile(rf"(?P<id>{DOT_ID}) {ATTRS};")
DOT_EDGE = re.compile(rf"(?P<src>{DOT_ID}) -> (?P<dst>{DOT_ID})(?: {ATTRS})?;")
DOT_DEFAULTS = re.compile(rf"(?:graph|node|edge) {ATTRS};")
DOT_CLUSTER = re.compile(rf"subgraph (?P<id>cluster_{DOT_ID}) \{{")
DOT_ASSIGN = re.compile(rf"{ATTR};(?: {ATTR};)*")
DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}


@dataclass
class Dot:
    """What a DOT digraph holds: each node's and edge's attributes, strings decoded."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    clusters: dict[str, list[str]] = field(default_factory=dict)
    cluster_labels: dict[str, str] = field(default_factory=dict)


def decode_dot(value: str) -> str:
    """A DOT attribute value as Graphviz shows a label: escapes and entities decoded."""
    if not value.startswith('"'):
        return value
    body = value[1:-1]
    out = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), body)
    for entity, plain in (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        out = out.replace(entity, plain)
    return out


def _attrs(text: str) -> dict[str, str]:
    found = re.findall(rf"({DOT_ID})=({DOT_STRING}|{DOT_ID})", text)
    return {k: decode_dot(v) for k, v in found}


def read_dot(text: str) -> Dot:
    """Read the digraph, statement by statement; AssertionError on anything else."""
    lines = text.split("\n")
    assert lines[0] == "digraph fixit {" and lines[-2:] == ["}", ""], (lines[0], lines[-2:])
    out = Dot()
    cluster: str | None = None
    for number, raw in enumerate(lines[1:-2], 2):
        line = raw.strip()
        where = f"line {number}: {raw!r}"
        if m := DOT_CLUSTER.fullmatch(line):
            assert cluster is None, where
            cluster = m["id"]
            out.clusters[cluster] = []
        elif line == "}":
            assert cluster is not None, where
            cluster = None
        elif DOT_DEFAULTS.fullmatch(line):
            pass
        elif DOT_ASSIGN.fullmatch(line):
            assert cluster is not None, where
            if "label" in (values := _attrs(line)):
                out.cluster_labels[cluster] = values["label"]
        elif m := DOT_NODE.fullmatch(line):
            assert m["id"] not in DOT_KEYWORDS and m["id"] not in out.nodes, where
            out.nodes[m["id"]] = _attrs(m["attrs"])
            if cluster is not None:
                out.clusters[cluster].append(m["id"])
        elif m := DOT_EDGE.fullmatch(line):
            out.edges.append((m["src"], m["dst"], _attrs(m["attrs"] or "")))
        else:
            raise AssertionError(f"not a statement of the subset: {where}")
    assert cluster is None, "a cluster is never closed"
    for src, dst, _values in out.edges:
        assert src in out.nodes and dst in out.nodes, (src, dst)
    return out
