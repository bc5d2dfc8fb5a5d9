"""`fixit trees graph`: Mermaid and DOT on stdout or in a file, a session's path drawn over the
tree it ran, what the tree tests never reach, the recorded sessions' figures, the language and
its fallback, and each error as one sentence with a hint."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit import sessions

from ..unit.graph_checkers import Mermaid, read_dot, read_mermaid

TINY = """\
format: 1
id: tiny
version: 2
title: {en: A tiny guide, fi: Pieni opas}
start: ask
nodes:
  ask:
    kind: question
    text: {en: "Which one?", fi: "Kumpi?"}
    choices:
      - {id: a, label: {en: "The \\"first\\" <one>", fi: "Ensimmäinen"}, goto: fix}
      - {id: b, label: {en: "The other", fi: "Toinen"}, goto: help}
  fix:
    kind: step
    text: {en: "Restart it.", fi: "Käynnistä se uudelleen."}
    solved: done
    unsolved: help
  help:
    kind: end
    outcome: escalate
    text: {en: "Support will look at it.", fi: "Tuki selvittää asian."}
  done:
    kind: end
    outcome: resolved
    text: {en: "Fixed.", fi: "Korjattu."}
"""
CASES = """\
- name: the first one, fixed
  answers: {ask: a, fix: solved}
  expect: {outcome: resolved}
"""


@pytest.fixture
def tiny(tree_dir: Path) -> Path:
    """A tiny tree and a test file that never takes the answer `b` nor leaves `fix` unsolved."""
    (tree_dir / "tiny.yaml").write_text(TINY, "utf-8")
    (tree_dir / "tiny.test.yaml").write_text(CASES, "utf-8")
    return tree_dir


def box(chart: Mermaid, node_id: str) -> str:
    """The Mermaid id of the box of a tree's node (its label's id line starts with it)."""
    found = [
        key
        for key, label in chart.nodes.items()
        if any(line == node_id or line.startswith(node_id + " · ") for line in label.split("\n"))
    ]
    assert len(found) == 1, (node_id, chart.nodes)
    return found[0]


def edge(chart: Mermaid, src: str, dst: str) -> int:
    """The index of the edge between two tree nodes (what `linkStyle` counts)."""
    a, b = box(chart, src), box(chart, dst)
    return next(i for i, e in enumerate(chart.edges) if e[0] == a and e[2] == b)


def run_tiny(fixit: Callable[..., Any], folder: Path, tmp_path: Path, answers: str) -> str:
    """Run the tiny tree from an answer file; the new session's id."""
    path = tmp_path / "answers.yaml"
    path.write_text(f"tree: tiny\nmode: self\nlang: en\nanswers: {answers}\n", "utf-8")
    r = fixit("--trees", str(folder), "start", "--answers", str(path))
    assert r.code == 0, r.err
    listed = json.loads(fixit("sessions", "--json").out)
    return str(listed[0]["id"])


def test_mermaid_is_the_default_and_dot_goes_to_a_file(
    fixit: Callable[..., Any], tiny: Path, tmp_path: Path
) -> None:
    r = fixit("--trees", str(tiny), "trees", "graph", "tiny")
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    assert chart.nodes[box(chart, "ask")] == "Which one?\nask"
    labels = [e[3] for e in chart.edges]
    assert 'The "first" <one>' in labels and "not solved" in labels
    assert box(chart, "help") in chart.classes["outcome_escalate"]
    out = tmp_path / "tiny.dot"
    r = fixit(
        "--trees", str(tiny), "trees", "graph", "tiny", "--format", "dot", "--output", str(out)
    )
    assert r.code == 0 and f"Graph written to {out}." in r.out
    graph = read_dot(out.read_text("utf-8"))
    assert any(a.get("label") == 'The "first" <one>' for _s, _d, a in graph.edges)


def test_coverage_marks_what_no_test_reaches(fixit: Callable[..., Any], tiny: Path) -> None:
    r = fixit("--trees", str(tiny), "trees", "graph", "tiny", "--coverage")
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    uncovered = chart.classes["mark_uncovered"]
    assert box(chart, "help") in uncovered
    assert not {box(chart, n) for n in ("ask", "fix", "done")} & uncovered
    dashed = {i for i, style in chart.link_styles.items() if "stroke-dasharray" in style}
    assert dashed == {edge(chart, "ask", "help"), edge(chart, "fix", "help")}
    assert any("no tree test reaches it" in " ".join(n.split()) for n in chart.nodes.values())


def test_coverage_of_a_tree_without_tests_warns_and_marks_everything(
    fixit: Callable[..., Any], tiny: Path
) -> None:
    (tiny / "tiny.test.yaml").unlink()
    r = fixit("--trees", str(tiny), "trees", "graph", "tiny", "--coverage")
    assert r.code == 0
    assert r.err == (
        "fixit: warning: tiny has no test file (tiny.test.yaml): none of its nodes count as "
        "reached.\n"
    )
    chart = read_mermaid(r.out)
    assert {box(chart, n) for n in ("ask", "fix", "help", "done")} <= chart.classes[
        "mark_uncovered"
    ]


def test_a_session_is_drawn_over_its_own_snapshot_of_the_tree(
    fixit: Callable[..., Any], tiny: Path, tmp_path: Path
) -> None:
    sid = run_tiny(fixit, tiny, tmp_path, "{ask: a, fix: unsolved}")
    # the tree changes afterwards: the drawing is still of the version the session ran
    changed = TINY.replace("version: 2", "version: 3").replace("Restart it.", "Unplug it.")
    (tiny / "tiny.yaml").write_text(changed, "utf-8")
    r = fixit("--trees", str(tiny), "trees", "graph", "--session", sid)
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    assert chart.nodes[box(chart, "fix")] == "Restart it.\nfix"
    path = chart.classes["mark_path"]
    assert {box(chart, n) for n in ("ask", "fix", "help")} <= path
    assert box(chart, "done") not in path
    stopped = {key for key in chart.classes["mark_stopped"] if key.startswith("n")}
    assert stopped == {box(chart, "help")}  # (and the legend's box that explains the mark)
    bold = {i for i, style in chart.link_styles.items() if "stroke-width:4px" in style}
    assert bold == {edge(chart, "ask", "fix"), edge(chart, "fix", "help")}
    assert any(f"session {sid}" in " ".join(n.split()) for n in chart.nodes.values())
    # the same with the tree named (by id or by its file), and in DOT
    r = fixit("--trees", str(tiny), "trees", "graph", "tiny", "--session", sid, "--format", "dot")
    assert r.code == 0
    assert any(a.get("penwidth") == "5" for a in read_dot(r.out).nodes.values())
    by_file = fixit("trees", "graph", str(tiny / "tiny.yaml"), "--session", sid)
    assert by_file.code == 0 and read_mermaid(by_file.out).classes == chart.classes


def test_stats_label_nodes_and_edges_with_the_recorded_sessions(
    fixit: Callable[..., Any], tiny: Path, tmp_path: Path
) -> None:
    sid = run_tiny(fixit, tiny, tmp_path, "{ask: a, fix: unsolved}")
    # an answer-file run is left out of the figures, as in `fixit stats`: count it as a person's
    sessions.amend_meta(sid, lambda meta: meta.pop("answers_file", None))
    r = fixit("--trees", str(tiny), "trees", "graph", "tiny", "--stats")
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    assert chart.nodes[box(chart, "ask")] == "Which one?\nask\n1 view"
    assert chart.nodes[box(chart, "fix")] == "Restart it.\nfix\n1 view, 0% solved"
    assert 'The "first" <one> (1)' in [e[3] for e in chart.edges]
    assert "not solved (1)" in [e[3] for e in chart.edges]
    assert any(
        "figures from 1 recorded session:" in " ".join(n.split()) for n in chart.nodes.values()
    )


def test_labels_are_in_the_language_asked_for_or_the_trees_fallback(
    fixit: Callable[..., Any], tiny: Path
) -> None:
    r = fixit("--trees", str(tiny), "--lang", "fi", "trees", "graph", "tiny")
    assert r.code == 0 and r.err == ""
    chart = read_mermaid(r.out)
    assert chart.nodes[box(chart, "ask")] == "Kumpi?\nask"
    assert "ei ratkennut" in [e[3] for e in chart.edges]
    r = fixit("--trees", str(tiny), "--lang", "sv", "trees", "graph", "tiny")
    assert r.code == 0
    assert r.err == (
        "fixit: warning: De här anvisningarna finns inte på svenska, så de visas på engelska.\n"
    )
    chart = read_mermaid(r.out)
    assert chart.nodes[box(chart, "ask")] == "Which one?\nask"
    assert "inte löst" in [e[3] for e in chart.edges]


@pytest.mark.parametrize(
    ("args", "code", "err"),
    [
        (
            ["trees", "graph", "nope"],
            1,
            "fixit: error: there is no tree 'nope'.\nhint: Run `fixit trees list` to see the "
            "trees (known: ",
        ),
        (
            ["trees", "graph", "tiny", "--session", "zzz"],
            1,
            "fixit: error: there is no session 'zzz'.\nhint: Run `fixit sessions` to see them.\n",
        ),
        (
            ["trees", "graph", "tiny", "--format", "svg"],
            2,
            "fixit: error: there is no graph format 'svg'.\nhint: Use one of: mermaid, dot.\n",
        ),
        (
            ["trees", "graph"],
            2,
            "fixit: error: name the tree to draw.\nhint: Give a tree id or path, e.g. `fixit "
            "trees graph no-internet`, or --session ID.\n",
        ),
    ],
)
def test_errors_say_what_went_wrong_and_what_to_do(
    fixit: Callable[..., Any], tiny: Path, args: list[str], code: int, err: str
) -> None:
    r = fixit("--trees", str(tiny), *args)
    assert (r.code, r.out) == (code, "")
    assert r.err.startswith(err) and r.err.count("\n") == 2


def test_a_session_of_another_tree_is_refused(
    fixit: Callable[..., Any], tiny: Path, tmp_path: Path
) -> None:
    sid = run_tiny(fixit, tiny, tmp_path, "{ask: b}")
    r = fixit("--trees", str(tiny), "trees", "graph", "no-internet", "--session", sid)
    assert r.code == 1 and r.out == ""
    assert r.err == (
        f"fixit: error: session {sid} ran the tree tiny, not no-internet.\n"
        "hint: Leave out the tree, or give tiny.\n"
    )


def test_a_paused_session_stops_where_its_answers_ran_out(
    fixit: Callable[..., Any], tiny: Path, tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("tree: tiny\nmode: self\nlang: en\nanswers: {ask: a}\n", "utf-8")
    assert fixit("--trees", str(tiny), "start", "--answers", str(path)).code == 4
    sid = json.loads(fixit("sessions", "--json").out)[0]["id"]
    r = fixit("--trees", str(tiny), "trees", "graph", "--session", sid)
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    assert {k for k in chart.classes["mark_stopped"] if k.startswith("n")} == {box(chart, "fix")}
    assert box(chart, "done") not in chart.classes["mark_path"]


ANSWERS_INTO_A_SUB_TREE = """\
tree: info-screen
mode: self
lang: en
answers:
  symptom: wrong
  restart: unsolved
  player_id: "A-1234"
  floor: "Lobby"
  level: ""
  after_restart: wrong
  no-internet/scope: some
  no-internet/managed_cable: unsolved
  no-internet/laptop_test: works
  no-internet/urgency: high
checks: {network.internet: fail}
"""


def test_a_path_through_a_sub_tree_is_drawn_in_its_cluster(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS_INTO_A_SUB_TREE, "utf-8")
    assert fixit("start", "--answers", str(path)).code == 0
    sid = json.loads(fixit("sessions", "--json").out)[0]["id"]
    r = fixit("trees", "graph", "--session", sid)
    assert r.code == 0, r.err
    chart = read_mermaid(r.out)
    cluster = next(k for k, title in chart.titles.items() if title.endswith("(no-internet)"))
    inner = set(chart.subgraphs[cluster])
    on_path = chart.classes["mark_path"]
    run = box(chart, "network")  # the info-screen node that runs no-internet
    entered = [i for i, e in enumerate(chart.edges) if e[0] == run and e[1] == "-.->"]
    assert run in on_path and len(entered) == 1 and entered[0] in chart.link_styles
    walked = {chart.nodes[k].split("\n")[-1].split(" · ")[0] for k in inner & on_path}
    assert {"scope", "managed_cable", "laptop_test", "urgency"} <= walked
    assert "wifi_on" not in walked and "cable_in" not in walked
    assert {k for k in chart.classes["mark_stopped"] if k.startswith("n")} <= on_path - inner
