"""'Step 3 of at most 7': the most steps left, counted over branches, checks and sub-trees."""

from __future__ import annotations

from fixit.engine import Answer, Engine, State
from fixit.remaining import steps_left

from .test_engine import LOOP, MAIN, engine


def left(e: Engine, state: State, checks_on: bool = True) -> int | None:
    walk = e.walk(state.active)
    return steps_left(e.trees, walk.trees, walk.path, walk.qid, checks_on)


def test_the_longest_way_is_counted_from_the_start() -> None:
    # a (question) -> b (step) -> c (input) -> d (check) -> e (info) -> sub: q (question) -> end
    assert left(engine(), State()) == 6
    # without checks, d has no screen of its own: its fallback e is the way on
    assert left(engine(), State(), checks_on=False) == 5


def test_a_branch_that_skips_steps_leaves_fewer() -> None:
    e = engine()
    state, _ = e.answer(State(), Answer("a", "y"))  # straight to c
    assert left(e, state) == 4  # c, d, e, s/q


def test_inside_a_sub_tree_the_way_on_after_it_is_counted_too() -> None:
    outer = MAIN.nodes["sub"]
    assert outer.on == {"resolved": "ok"}  # nothing after the sub-tree: only its own question
    e = engine()
    state = State()
    for node, value in (("a", "y"), ("c", "Liisa"), ("d", "fallback"), ("e", "ok")):
        state, _ = e.answer(state, Answer(node, value))
    assert e.walk(state.active).qid == "s/q" and left(e, state) == 1


def test_a_loop_gives_no_upper_bound() -> None:
    e = Engine({"loop": LOOP}, "loop")
    assert left(e, State()) is None
