"""The pure engine: answers in, position out; back, change, sub-trees, loop guard, replay."""

from __future__ import annotations

import textwrap

import pytest

from fixit.engine import ESCALATE, FALLBACK, Answer, AnswerError, Engine, State
from fixit.trees.model import Tree
from fixit.trees.validate import check_text


def tree(text: str, name: str = "t") -> Tree:
    t, problems = check_text(textwrap.dedent(text), f"{name}.yaml", name)
    assert problems == [] and t is not None
    return t


MAIN = tree("""\
    format: 1
    id: t
    title: T
    start: a
    nodes:
      a: {kind: question, text: A, choices: [{id: x, label: X, goto: b}, {id: y, label: Y, goto: c}]}
      b: {kind: step, text: B, solved: ok, unsolved: c}
      c: {kind: input, field: who, text: C, required: true, goto: d}
      d: {kind: check, check: disk.space, on: {pass: ok, fail: sub}, fallback: e}
      e: {kind: info, text: E, goto: sub}
      sub: {kind: tree, tree: s, on: {resolved: ok}}
      ok: {kind: end, outcome: resolved, text: OK}
    """)
SUB = tree(
    """\
    format: 1
    id: s
    title: S
    start: q
    nodes:
      q: {kind: question, text: Q, choices: [{id: fix, label: F, goto: fixed}, {id: no, label: N, goto: away}]}
      fixed: {kind: end, outcome: resolved, text: F}
      away: {kind: end, outcome: referred, text: R}
    """,
    "s",
)
LOOP = tree(
    """\
    format: 1
    id: loop
    title: L
    start: s
    nodes:
      s: {kind: step, text: S, solved: ok, unsolved: s2}
      s2: {kind: step, text: S2, solved: ok, unsolved: s}
      ok: {kind: end, outcome: resolved, text: OK}
    """,
    "loop",
)


def engine() -> Engine:
    return Engine({"t": MAIN, "s": SUB}, "t")


def give(e: Engine, state: State, *pairs: tuple[str, str]) -> State:
    for node, value in pairs:
        state, _ = e.answer(state, Answer(node, value))
    return state


def test_walk_and_outcome_through_a_subtree() -> None:
    e = engine()
    s = give(e, State(), ("a", "y"), ("c", "Ann"), ("d", "fail"), ("s/q", "no"))
    walk = e.walk(s.active)
    assert walk.finished and walk.outcome == "referred"  # not routed by `on`: propagates
    assert walk.path == ("a", "c", "d", "sub", "s/q", "s/away")
    assert walk.fields == {"who": "Ann"}
    s2 = give(e, State(), ("a", "y"), ("c", "Ann"), ("d", "fail"), ("s/q", "fix"))
    assert e.walk(s2.active).path[-1] == "ok"


def test_check_statuses_route_or_fall_back() -> None:
    e = engine()
    base = give(e, State(), ("a", "y"), ("c", "Ann"))
    assert e.walk(give(e, base, ("d", "pass")).active).outcome == "resolved"
    for value in ("warn", "error", "skipped", FALLBACK):
        assert e.walk(give(e, base, ("d", value)).active).qid == "e"


def test_bad_answers_are_refused() -> None:
    e = engine()
    with pytest.raises(AnswerError):
        e.answer(State(), Answer("a", "z"))
    with pytest.raises(AnswerError):
        e.answer(State(), Answer("b", "solved"))
    s = give(e, State(), ("a", "y"))
    with pytest.raises(AnswerError, match="needs an answer"):
        e.answer(s, Answer("c", "  "))


def test_back_then_same_answer_returns_where_you_were() -> None:
    e = engine()
    s = give(e, State(), ("a", "x"), ("b", "unsolved"), ("c", "Ann"))
    assert e.walk(s.active).qid == "d"
    s = e.back(e.back(s))
    assert e.walk(s.active).qid == "b"
    s, kept = e.answer(s, Answer("b", "unsolved"))
    assert kept == 1 and e.walk(s.active).qid == "d"


def test_changing_an_answer_keeps_later_answers_still_on_the_path() -> None:
    e = engine()
    s = give(e, State(), ("a", "x"), ("b", "unsolved"), ("c", "Ann"), ("d", "error"))
    s = e.back(e.back(e.back(e.back(s))))
    s, kept = e.answer(s, Answer("a", "y"))  # b leaves the path, c and d stay on it
    assert kept == 2
    assert [a.node for a in s.active] == ["a", "c", "d"]
    assert e.walk(s.active).qid == "e"


DEVICE = tree(
    """\
    format: 1
    id: dev
    title: D
    start: device
    nodes:
      device:
        kind: question
        text: Which computer?
        choices: [{id: laptop, label: L, goto: battery}, {id: desktop, label: D, goto: cable}]
      battery: {kind: question, text: B, choices: [{id: yes, label: Y, goto: name}, {id: no, label: N, goto: name}]}
      cable: {kind: step, text: C, solved: fixed, unsolved: name}
      name: {kind: input, field: name, text: N, required: true, goto: where}
      where: {kind: question, text: W, choices: [{id: home, label: H, goto: sub}, {id: office, label: O, goto: sub}]}
      sub: {kind: tree, tree: s, on: {resolved: fixed}}
      fixed: {kind: end, outcome: resolved, text: OK}
    """,
    "dev",
)


def device() -> Engine:
    return Engine({"dev": DEVICE, "s": SUB}, "dev")


def laptop_walk(e: Engine) -> State:
    """laptop, battery no, name Liisa, where office, then the sub-tree's question: fix."""
    return give(
        e, State(), ("device", "laptop"), ("battery", "no"), ("name", "Liisa"), ("where", "office")
    )


def nodes(state: State) -> list[str]:
    return [a.node for a in state.active]


def test_answers_past_a_new_question_come_back_when_the_path_reaches_them() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(e.back(s))))
    s, kept = e.answer(s, Answer("device", "desktop"))  # a new question: cable
    assert kept == 0 and e.walk(s.active).qid == "cable"
    assert e.earlier(s, "cable") is None
    s, kept = e.answer(s, Answer("cable", "unsolved"))  # ... which leads back to name
    assert kept == 2
    assert [(a.node, a.value) for a in s.active] == [
        ("device", "desktop"),
        ("cable", "unsolved"),
        ("name", "Liisa"),
        ("where", "office"),
    ]
    assert e.walk(s.active).qid == "s/q"
    assert [a.node for a in s.aside] == ["battery"]  # kept, though off the path


def test_an_answer_changed_twice_brings_back_both_branches() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "desktop"), ("cable", "unsolved"))
    s = e.back(e.back(e.back(e.back(s))))
    assert e.earlier(s, "device") == "desktop"  # pre-selected
    s, kept = e.answer(s, Answer("device", "laptop"))
    assert kept == 3 and nodes(s) == ["device", "battery", "name", "where"]
    assert s.active[1].value == "no"
    s = e.back(e.back(e.back(e.back(s))))
    s, kept = e.answer(s, Answer("device", "desktop"))
    assert kept == 3 and nodes(s) == ["device", "cable", "name", "where"]


def test_the_latest_answer_wins_when_a_node_was_answered_on_both_branches() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "desktop"), ("cable", "unsolved"))
    s = e.back(e.back(s))  # at name, on the desktop branch
    assert e.earlier(s, "name") == "Liisa"  # pre-filled
    s = give(e, s, ("name", "Liisa K"))
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "laptop"))
    assert [(a.node, a.value) for a in s.active][2:] == [("name", "Liisa K"), ("where", "office")]
    assert "Liisa" not in [a.value for a in s.held]  # replaced, not kept twice


def test_back_then_forward_on_a_new_branch_keeps_everything() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(s)))  # at battery: stepped back, nothing changed yet
    assert e.earlier(s, "battery") == "no"
    s = give(e, s, ("battery", "yes"))  # the same path on: name and where come straight back
    assert nodes(s) == ["device", "battery", "name", "where"] and s.aside == ()
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "desktop"), ("cable", "unsolved"))
    assert nodes(s)[2:] == ["name", "where"]


def test_a_sub_tree_answer_comes_back_after_a_new_question() -> None:
    e = device()
    s = give(e, laptop_walk(e), ("s/q", "no"))
    assert e.walk(s.active).outcome == "referred"
    s = e.back(e.back(e.back(e.back(e.back(s)))))
    s = give(e, s, ("device", "desktop"), ("cable", "unsolved"))
    walk = e.walk(s.active)
    assert walk.finished and walk.outcome == "referred"
    assert walk.path == ("device", "cable", "name", "where", "sub", "s/q", "s/away")


def test_a_step_that_ends_the_walk_keeps_the_rest_aside() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "desktop"), ("cable", "solved"))
    assert e.walk(s.active).outcome == "resolved" and nodes(s) == ["device", "cable"]
    assert [a.node for a in s.aside] == ["battery", "name", "where"]  # never reported


def test_fit_keeps_answers_that_fit_a_node_off_the_new_path() -> None:
    e = device()
    s = laptop_walk(e)
    s = e.back(e.back(e.back(e.back(s))))
    s = give(e, s, ("device", "desktop"))
    state, misfits = e.fit(s.active, s.held)
    assert misfits == [] and nodes(state) == ["device"]
    assert [a.node for a in state.aside] == ["battery", "name", "where"]
    assert e.answer(state, Answer("cable", "unsolved"))[1] == 2


def test_loop_guard_after_third_visit_or_three_unsolved() -> None:
    e = Engine({"loop": LOOP}, "loop")
    s = give(e, State(), ("s", "unsolved"), ("s2", "unsolved"))
    assert not e.walk(s.active).guard
    s = give(e, s, ("s", "unsolved"))
    assert e.walk(s.active).guard  # three unsolved in a row
    s = give(e, s, ("s2", ESCALATE))
    walk = e.walk(s.active)
    assert walk.finished and walk.outcome == "escalate" and walk.end is None


def test_fit_replays_what_still_fits_a_changed_tree() -> None:
    e = engine()
    old = [Answer("a", "x"), Answer("b", "unsolved"), Answer("c", "Ann"), Answer("gone", "1")]
    changed = tree(
        textwrap.dedent("""\
        format: 1
        id: t
        title: T
        start: a
        nodes:
          a: {kind: question, text: A, choices: [{id: x, label: X, goto: c}]}
          c: {kind: input, field: who, text: C, goto: ok}
          ok: {kind: end, outcome: resolved, text: OK}
        """)
    )
    state, misfits = Engine({"t": changed}, "t").fit(old)
    assert [a.node for a in state.active] == ["a", "c"]
    assert [a.node for a in misfits] == ["b", "gone"]
    assert e.node("s/q").id == "q"


def test_forced_check_by_node_id_beats_check_id() -> None:
    from fixit.answers import AnswerFile, scripted_answer
    from fixit.i18n import Messages

    node = MAIN.nodes["d"]
    af = AnswerFile(checks={"disk.space": "pass", "d": "fail"})
    assert scripted_answer(node, "d", af, False, Messages("en"), False) == ("fail", "check")
    af = AnswerFile(checks={"disk.space": "pass"})
    assert scripted_answer(node, "d", af, False, Messages("en"), False) == ("pass", "check")
    assert scripted_answer(node, "d", AnswerFile(), True, Messages("en"), False) == (
        FALLBACK,
        "answers",
    )
    assert scripted_answer(node, "d", AnswerFile(), False, Messages("en"), False) is None


NEST = tree(
    """\
    format: 1
    id: r
    title: R
    start: into
    nodes:
      into: {kind: tree, tree: m, text: Into M, on: {resolved: done}}
      done: {kind: end, outcome: resolved, text: D}
    """,
    "r",
)
MIDDLE = tree(
    """\
    format: 1
    id: m
    title: M
    start: deeper
    nodes:
      deeper: {kind: tree, tree: s, text: Into S, on: {resolved: fine}}
      fine: {kind: end, outcome: resolved, text: F}
    """,
    "m",
)


def test_the_walk_names_the_sub_trees_entered_since_the_last_answer() -> None:
    """The wizard shows a `tree` node's text (S3): the walk says which ones it just went into."""
    nested = Engine({"r": NEST, "m": MIDDLE, "s": SUB}, "r")
    walk = nested.walk(())
    assert walk.qid == "m/s/q" and walk.links == ("into", "m/deeper")
    e = engine()
    base = give(e, State(), ("a", "y"), ("c", "Ann"))
    assert e.walk(base.active).links == ()
    assert e.walk(give(e, base, ("d", "fail")).active).links == ("sub",)
    via_info = give(e, base, ("d", FALLBACK))
    assert e.walk(via_info.active).links == ()  # at e: no sub-tree entered yet
    assert e.walk(give(e, via_info, ("e", "ok")).active).links == ("sub",)
