"""`fixit trees graph`'s drawing: hostile tree text never breaks out of a Mermaid or DOT label,
ids are generated whatever the tree's are, shapes follow the kinds, sub-trees are clusters, and
every shipped tree in every language renders with Graphviz (`dot`)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixit.i18n import Messages
from fixit.trees.draw import Marks, draw
from fixit.trees.draw_dot import render_dot
from fixit.trees.draw_mermaid import render_mermaid
from fixit.trees.draw_words import plain_lines
from fixit.trees.graph import with_subtrees
from fixit.trees.library import Source, load_library
from fixit.trees.model import Choice, Tree
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step

from ..conftest import SHIPPED
from .graph_checkers import read_dot, read_mermaid

HOSTILE = [
    "say \"hi\" and 'bye'",
    "a]b[c} {d) (e",
    "x --> y -.-> z ==> w --- v",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "back\\slash \\n \\N \\G \\l \\",
    "pipe | here || there",
    "semi; colon: #35; #quot; &amp; &lt; &#60;",
    "\x1b[31mred\x07 \x00nul \x9bcsi",
    "\u202eevil\u202c \u2066iso\u2069 \u200fmark",
    "```\nfenced``` ~~~",
    '%%{init: {"theme": "dark"}}%%',
    "end",
    "subgraph x\nend",
    "classDef a fill:#f00;",
    "style n1 fill:#f00; lifestyle:#35;",
    "click n1 call alert() href javascript:alert(3)",
    "line\u2028sep\u2029para\r\nwin",
    "lone \ud800 surrogate",
    "`markdown` **bold** _it_ ~strike~",
    'n1["x"] --> n2',
    "emoji 🙂 and Åland, Ääni, Öljy",
]
BAD_IDS = ["end", "graph", "a-b", "x--o", "default", "subgraph", "cluster_1", "n1", "0"]


def hostile_trees() -> dict[str, Tree]:
    """A root whose every text is hostile, with hostile ids, running a sub-tree."""
    t = {"en": " ".join(HOSTILE)}
    choices = tuple(Choice(f"c{i}", {"en": h}, BAD_IDS[(i % 4) + 1]) for i, h in enumerate(HOSTILE))
    nodes = [
        Question(id="end", text=t, choices=choices),
        Step(id="graph", text={"en": HOSTILE[0]}, solved="a-b", unsolved="x--o"),
        Check(
            id="a-b",
            text={"en": HOSTILE[1]},
            check="network.dns",
            on={"pass": "default", "fail": "x--o"},
            fallback="subgraph",
        ),
        Input(id="x--o", text={"en": HOSTILE[3]}, field="f", goto="default"),
        Info(id="default", text={"en": HOSTILE[4]}, goto="subgraph"),
        Run(
            id="subgraph",
            text={"en": HOSTILE[6]},
            tree="sub",
            on={"resolved": "cluster_1", "escalate": "n1"},
        ),
        End(id="cluster_1", text={"en": HOSTILE[7]}, outcome="resolved"),
        End(id="n1", text={"en": HOSTILE[8]}, outcome="escalate"),
    ]
    root = Tree("root", 1, {"en": HOSTILE[2]}, "end", {n.id: n for n in nodes}, languages=("en",))
    sub_nodes = [
        Step(id="0", text={"en": HOSTILE[9]}, solved="end", unsolved="graph"),
        End(id="end", text={"en": HOSTILE[10]}, outcome="resolved"),
        End(id="graph", text={"en": HOSTILE[11]}, outcome="escalate"),
    ]
    sub = Tree("sub", 1, {"en": HOSTILE[12]}, "0", {n.id: n for n in sub_nodes}, languages=("en",))
    return {"root": root, "sub": sub}


def marks_everywhere() -> Marks:
    """Every overlay at once: a path, a stop, coverage and figures."""
    return Marks(
        path_nodes={"root": {"end", "graph"}, "sub": {"0"}},
        path_edges={"root": {("end", "graph")}},
        stopped=("root", "graph"),
        session="s1",
        covered_nodes={"root": {"end"}},
        covered_edges={"root": set()},
        figures={"root": {"end": HOSTILE[3]}},
        answers={"root": {("end", "c0"): 7}},
        stats_about=HOSTILE[5],
    )


def test_hostile_mermaid_reads_by_the_grammar_and_shows_the_text_as_written() -> None:
    trees = hostile_trees()
    text = render_mermaid(draw(trees, "root", "en", Messages("en"), marks_everywhere()))
    chart = read_mermaid(text)
    assert "<script" not in text and "-->\u0020y" not in text and "```" not in text
    shown = "\n".join([*chart.nodes.values(), *(e[3] for e in chart.edges)])
    assert "<script>alert(1)</script>" in shown
    assert "\\x1b[31mred\\x07" in shown and "<U+202E>evil<U+202C>" in shown
    assert "\u202e" not in shown and "\x1b" not in shown and "\ud800" not in shown
    # ids are generated: none of the tree's own is a Mermaid id
    assert set(chart.nodes) == {f"n{i}" for i in range(12)} | {f"l{i}" for i in range(1, 14)}
    assert chart.subgraphs["c1"] == ["n9", "n10", "n11"]
    assert chart.titles["c1"].startswith("subgraph x end")
    # shapes by kind: question, step, check, input, info, tree, end
    assert [chart.shapes[f"n{i}"] for i in range(1, 8)] == ["{", "[", "{{", "[/", "(", "[[", "(["]
    assert ("n6", "-.->", "n9", "") in chart.edges  # the tree node goes into its cluster
    assert {"n1", "n2"} <= chart.classes["mark_path"] and "n2" in chart.classes["mark_stopped"]
    assert "n3" in chart.classes["mark_uncovered"] and "n1" not in chart.classes["mark_uncovered"]
    assert any("bye' (7) /" in label for *_e, label in chart.edges)  # answers joined by /


def one_text_tree(text: str) -> dict[str, Tree]:
    """A question, a choice, an end and a sub-tree's title, all saying `text`."""
    say = {"en": text}
    nodes = [
        Question(id="q", text=say, choices=(Choice("a", say, "r"),)),
        Run(id="r", text=say, tree="s", on={"resolved": "e"}),
        End(id="e", text=say, outcome="resolved"),
    ]
    sub = End(id="e", text=say, outcome="resolved")
    return {
        "t": Tree("t", 1, say, "q", {n.id: n for n in nodes}, languages=("en",)),
        "s": Tree("s", 1, say, "e", {"e": sub}, languages=("en",)),
    }


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_text_comes_back_as_written_in_both_formats(text: str) -> None:
    drawing = draw(one_text_tree(text), "t", "en", Messages("en"))
    want = "\n".join(plain_lines(text))  # controls and bidi overrides made visible
    chart = read_mermaid(render_mermaid(drawing))
    assert chart.nodes["n1"].startswith(want + "\n") and chart.edges[1][3] == want
    assert chart.titles["c1"].startswith(" ".join(plain_lines(text))[:40])
    graph = read_dot(render_dot(drawing))
    assert graph.nodes["n1"]["label"].startswith(want + "\n")
    assert graph.edges[1][2]["label"] == want
    for shown in (chart.nodes["n1"], graph.nodes["n1"]["label"]):
        assert not any(c in shown for c in "\x00\x1b\x07\x9b\u202e\u2066\u2028\r\ud800")


@given(text=st.text(max_size=80))
def test_any_text_reads_by_the_grammar_in_both_formats(text: str) -> None:
    drawing = draw(one_text_tree(text), "t", "en", Messages("en"), legend=False)
    want = "\n".join(plain_lines(text))
    chart = read_mermaid(render_mermaid(drawing))
    assert chart.nodes["n1"].startswith(want + "\n") or not text.strip()
    assert read_dot(render_dot(drawing)).edges[1][2].get("label", "") == (want if want else "")


def test_hostile_dot_reads_by_the_grammar_and_shows_the_text_as_written() -> None:
    text = render_dot(draw(hostile_trees(), "root", "en", Messages("en"), marks_everywhere()))
    graph = read_dot(text)
    labels = "\n".join(n["label"] for n in graph.nodes.values())
    assert "<script>alert(1)</script>" in labels
    assert "back\\slash \\n \\N \\G \\l \\" in labels.replace("\n", " ")
    assert 'say "hi"' in labels and "&amp; &lt; &#60;" in labels.replace("\n", " ")
    assert "\x1b" not in text and "\u202e" not in text and "\ud800" not in text
    assert set(graph.nodes) == {f"n{i}" for i in range(12)} | {f"l{i}" for i in range(1, 14)}
    assert graph.clusters["cluster_c1"] == ["n9", "n10", "n11"]
    shapes = [graph.nodes[f"n{i}"]["shape"] for i in range(1, 8)]
    assert shapes == ["diamond", "box", "hexagon", "parallelogram", "note", "box", "oval"]
    assert graph.nodes["n3"]["style"] == "filled,dashed"  # not reached by a test
    assert graph.nodes["n2"]["penwidth"] == "5"  # where the session stopped


def graphviz() -> str:
    """The `dot` program: required in CI (FIXIT_REQUIRE_GRAPHVIZ=1), else the test skips."""
    found = shutil.which("dot")
    if found is None:
        if os.environ.get("FIXIT_REQUIRE_GRAPHVIZ") == "1":
            pytest.fail("FIXIT_REQUIRE_GRAPHVIZ=1 but Graphviz's `dot` is not installed")
        pytest.skip("Graphviz's `dot` is not installed")
    return found


def render_svg(dot_text: str) -> str:
    """`dot -Tsvg` of the text: it must read it (a layout warning is no failure)."""
    done = subprocess.run(
        [graphviz(), "-Tsvg"], input=dot_text.encode(), capture_output=True, timeout=60
    )
    assert done.returncode == 0 and b"rror" not in done.stderr, done.stderr.decode()
    return done.stdout.decode()


def test_graphviz_renders_hostile_labels_as_text() -> None:
    svg = render_svg(
        render_dot(draw(hostile_trees(), "root", "en", Messages("en"), marks_everywhere()))
    )
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)
SHIPPED_IDS = sorted(LIBRARY.by_id)


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("tree_id", SHIPPED_IDS)
def test_every_shipped_tree_renders_with_graphviz_and_reads_as_mermaid(
    tree_id: str, lang: str
) -> None:
    tree = LIBRARY.get(tree_id)
    trees = with_subtrees(tree, LIBRARY.tree)
    drawing = draw(trees, tree.id, lang, Messages(lang))
    chart = read_mermaid(render_mermaid(drawing))
    assert len(chart.nodes) == 1 + sum(len(t.nodes) for t in trees.values()) + len(
        drawing.legend.boxes if drawing.legend else ()
    )
    svg = render_svg(render_dot(drawing))
    assert svg.rstrip().endswith("</svg>")
