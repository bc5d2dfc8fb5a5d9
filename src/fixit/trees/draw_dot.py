"""A drawing as Graphviz DOT (`dot -Tsvg`), the same boxes and marks as the Mermaid form.

Labels are double-quoted DOT strings: a backslash and a quote are escaped with a backslash (so
no `\\N`, `\\G` or `\\l` from a tree reaches Graphviz's label escapes), `&`, `<` and `>` become
entity references (Graphviz reads `&amp;` in any label), and the only line breaks are the `\\n`
written here between lines. Ids are generated (`n1`, `cluster_c1`), never a tree's own."""

from __future__ import annotations

from fixit.trees.draw import Arrow, Box, Cluster, Drawing

FONT = "Helvetica"

#: a kind's shape and fill
SHAPES: dict[str, dict[str, str]] = {
    "start": {"shape": "circle", "fillcolor": "#333333", "fontcolor": "#ffffff"},
    "question": {"shape": "diamond", "fillcolor": "#fff4c2"},
    "step": {"shape": "box", "fillcolor": "#e3eefc"},
    "check": {"shape": "hexagon", "fillcolor": "#ece3fc"},
    "input": {"shape": "parallelogram", "fillcolor": "#e2f5e6"},
    "info": {"shape": "note", "fillcolor": "#f1f1f1"},
    "tree": {"shape": "box", "peripheries": "2", "fillcolor": "#ffffff"},
    "end": {"shape": "oval", "fillcolor": "#eeeeee"},
    "legend": {"shape": "box", "fillcolor": "#fbfbfb", "color": "#bbbbbb"},
}
OUTCOMES = {
    "resolved": "#c8efd0",
    "escalate": "#ffd9b3",
    "referred": "#cfe3ff",
    "unresolved": "#e0e0e0",
}
PATH, UNCOVERED = "#0b4fb3", "#c0392b"


def quote(text: str) -> str:
    """Text as a DOT double-quoted string whose label shows exactly that text."""
    for plain, escaped in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
    ):
        text = text.replace(plain, escaped)
    return f'"{text}"'


def label(lines: tuple[str, ...]) -> str:
    """Label lines as one DOT string, centred lines joined with `\\n`."""
    return quote("\n".join(lines)).replace("\n", "\\n")


def _attrs(values: dict[str, str]) -> str:
    return ", ".join(f"{k}={v if k == 'label' else quote(v)}" for k, v in values.items())


def render_dot(drawing: Drawing) -> str:
    """The drawing as a DOT digraph (top to bottom)."""
    out = [
        "digraph fixit {",
        f'  graph [rankdir="TB", charset="UTF-8", fontname="{FONT}", newrank="true"];',
        f'  node [fontname="{FONT}", fontsize="11", style="filled"];',
        f'  edge [fontname="{FONT}", fontsize="10"];',
    ]
    out += [_box(b, "  ") for b in drawing.boxes]
    for cluster in drawing.clusters:
        out += _cluster(cluster, "#888888")
    if drawing.legend is not None and drawing.legend.boxes:
        out += _cluster(drawing.legend, "#cccccc")
    out += ["  " + _arrow(a) for a in drawing.arrows]
    out.append("}")
    return "\n".join(out) + "\n"


def _box(box: Box, indent: str) -> str:
    values = {"label": label(box.lines), **SHAPES[box.kind]}
    styles = ["filled"]
    for mark in box.marks:
        if mark.startswith("outcome.") and mark[8:] in OUTCOMES:
            values["fillcolor"] = OUTCOMES[mark[8:]]
    if "uncovered" in box.marks:
        values.update(color=UNCOVERED, penwidth="2")
        styles.append("dashed")
    if "path" in box.marks or "stopped" in box.marks:
        values.update(color=PATH, penwidth="3" if "path" in box.marks else "2")
    if "stopped" in box.marks:
        values.update(penwidth="5")
    if box.kind == "legend":
        styles.append("rounded")
    values["style"] = ",".join(styles)
    return f"{indent}{box.key} [{_attrs(values)}];"


def _cluster(cluster: Cluster, color: str) -> list[str]:
    return [
        f"  subgraph cluster_{cluster.key} {{",
        f"    label={label(cluster.title)};",
        f'    style="rounded"; color="{color}"; fontname="{FONT}";',
        *(_box(b, "    ") for b in cluster.boxes),
        "  }",
    ]


def _arrow(arrow: Arrow) -> str:
    values: dict[str, str] = {}
    if arrow.lines:
        values["label"] = label(arrow.lines)
    styles = ["dotted"] if arrow.link else []
    if "uncovered" in arrow.marks:
        values.update(color=UNCOVERED, fontcolor=UNCOVERED, penwidth="2")
        if not arrow.link:
            styles.append("dashed")
    if "path" in arrow.marks:
        values.update(color=PATH, penwidth="3")
    if styles:
        values["style"] = ",".join(styles)
    attrs = f" [{_attrs(values)}]" if values else ""
    return f"{arrow.src} -> {arrow.dst}{attrs};"
