"""A drawing as a Mermaid flowchart, for Markdown and wikis.

Every label is a quoted string in which only letters, digits, spaces and a few harmless marks
stay as they are; everything else is a Mermaid entity code (`#34;` for a quote, `#35;` for `#`,
`#60;` for `<`), so that no text from a tree can close a label, start an arrow, a comment, a
directive, a Markdown string or an HTML tag, or end a fenced Markdown block. Ids are generated
(`n1`, `c1`, `l1`); colours and marks are classes and link styles, never text."""

from __future__ import annotations

from fixit.trees.draw import Arrow, Box, Cluster, Drawing

#: the characters a label keeps as they are (besides letters and digits)
PLAIN = frozenset(" .,?!'()-_/+")

#: a kind's shape: the text written before and after its quoted label
SHAPES: dict[str, tuple[str, str]] = {
    "start": ("((", "))"),
    "question": ("{", "}"),
    "step": ("[", "]"),
    "check": ("{{", "}}"),
    "input": ("[/", "/]"),
    "info": ("(", ")"),
    "tree": ("[[", "]]"),
    "end": ("([", "])"),
    "legend": ("[", "]"),
}

#: class name -> its style (no `;`: Mermaid would read one as the end of the statement)
CLASSES: dict[str, str] = {
    "kind_start": "fill:#333333,stroke:#333333,color:#ffffff",
    "kind_question": "fill:#fff4c2,stroke:#8a6d00",
    "kind_step": "fill:#e3eefc,stroke:#2f5e9e",
    "kind_check": "fill:#ece3fc,stroke:#5e3f9e",
    "kind_input": "fill:#e2f5e6,stroke:#2f7d43",
    "kind_info": "fill:#f1f1f1,stroke:#777777",
    "kind_tree": "fill:#ffffff,stroke:#444444,stroke-width:2px",
    "kind_end": "fill:#eeeeee,stroke:#555555",
    "kind_legend": "fill:#fbfbfb,stroke:#bbbbbb",
    "outcome_resolved": "fill:#c8efd0,stroke:#2f7d43",
    "outcome_escalate": "fill:#ffd9b3,stroke:#b35900",
    "outcome_referred": "fill:#cfe3ff,stroke:#2f5e9e",
    "outcome_unresolved": "fill:#e0e0e0,stroke:#555555",
    "mark_uncovered": "stroke:#c0392b,stroke-width:2px,stroke-dasharray:5 5",
    "mark_path": "stroke:#0b4fb3,stroke-width:4px",
    "mark_stopped": "stroke:#0b4fb3,stroke-width:7px",
}
LINK_STYLES = {
    "uncovered": "stroke:#c0392b,stroke-width:2px,stroke-dasharray:5 5",
    "path": "stroke:#0b4fb3,stroke-width:4px",
}


def escape(text: str) -> str:
    """Text for inside a Mermaid quoted label: anything but letters, digits and `PLAIN` as an
    entity code."""
    return "".join(c if c.isalnum() or c in PLAIN else f"#{ord(c)};" for c in text)


def label(lines: tuple[str, ...]) -> str:
    """Label lines as one quoted Mermaid string, lines joined with `<br/>`."""
    return '"' + "<br/>".join(escape(line) for line in lines) + '"'


def render_mermaid(drawing: Drawing) -> str:
    """The drawing as Mermaid flowchart text (top to bottom)."""
    out = ["flowchart TD"]
    out += [_box(b, "  ") for b in drawing.boxes]
    for cluster in drawing.clusters:
        out += _cluster(cluster)
    if drawing.legend is not None and drawing.legend.boxes:
        out += _cluster(drawing.legend)
    links: dict[str, list[int]] = {mark: [] for mark in LINK_STYLES}
    for i, arrow in enumerate(drawing.arrows):
        out.append("  " + _arrow(arrow))
        for mark in arrow.marks & set(LINK_STYLES):
            links[mark].append(i)
    out += [f"  classDef {name} {style}" for name, style in CLASSES.items()]
    out += _classes(drawing)
    out += [
        f"  linkStyle {','.join(map(str, found))} {LINK_STYLES[mark]}"
        for mark, found in links.items()
        if found
    ]
    return "\n".join(out) + "\n"


def _box(box: Box, indent: str) -> str:
    before, after = SHAPES[box.kind]
    return f"{indent}{box.key}{before}{label(box.lines)}{after}"


def _cluster(cluster: Cluster) -> list[str]:
    return [
        f"  subgraph {cluster.key}[{label(cluster.title)}]",
        "    direction TB",
        *(_box(b, "    ") for b in cluster.boxes),
        "  end",
    ]


def _arrow(arrow: Arrow) -> str:
    line = "-.->" if arrow.link else "-->"
    words = f"|{label(arrow.lines)}|" if arrow.lines else ""
    return f"{arrow.src} {line}{words} {arrow.dst}"


def _classes(drawing: Drawing) -> list[str]:
    """`class` statements: each box's kind, then its outcome and marks (later ones win)."""
    boxes = [*drawing.boxes, *(b for c in drawing.clusters for b in c.boxes)]
    if drawing.legend is not None:
        boxes += drawing.legend.boxes
    members: dict[str, list[str]] = {name: [] for name in CLASSES}
    for box in boxes:
        members[f"kind_{box.kind}"].append(box.key)
        for mark in sorted(box.marks):
            name = mark.replace(".", "_") if mark.startswith("outcome.") else f"mark_{mark}"
            if name in members:
                members[name].append(box.key)
    return [f"  class {','.join(keys)} {name}" for name, keys in members.items() if keys]
