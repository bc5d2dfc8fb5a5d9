"""Which answers of a walk had a screen of their own: the wizard's step numbers and its Back."""

from __future__ import annotations

from collections.abc import Sequence

from fixit.engine import Answer, Engine
from fixit.trees.model import Node
from fixit.trees.nodes import Check, Step

UNAVAILABLE = ("skipped", "error")  # a check that could not run: the person answers instead


def automatic(node: Node, checks_on: bool) -> bool:
    """A check node with checks off (agent mode, --no-checks): its fallback, without a screen."""
    return isinstance(node, Check) and not checks_on


def follows_verify(engine: Engine, node: Node, before: Answer | None) -> bool:
    """A check node right after a step whose verify ran the same check and answered it: the
    result is known and was shown, so it is not run and confirmed again."""
    if not isinstance(node, Check) or before is None or before.by != "check":
        return False
    step = engine.node(before.node)
    return isinstance(step, Step) and step.verify is not None and step.verify == node.check


def asked(engine: Engine, answers: Sequence[Answer], i: int, checks_on: bool) -> bool:
    """Whether answer `i` had a screen (a numbered step) of its own."""
    node = engine.node(answers[i].node)
    before = answers[i - 1] if i > 0 else None
    return not automatic(node, checks_on) and not follows_verify(engine, node, before)


def step_number(engine: Engine, answers: Sequence[Answer], checks_on: bool) -> int:
    """The number of the next screen: the steps shown for `answers`, plus one."""
    return 1 + sum(asked(engine, answers, i, checks_on) for i in range(len(answers)))


def back_stops_at(engine: Engine, answers: Sequence[Answer], i: int, checks_on: bool) -> bool:
    """Whether Back may stop at answer `i`: not at a node that would answer itself again (a check
    that is off, that could not run, or that a step's verify already ran)."""
    unavailable = answers[i].by == "check" and answers[i].value in UNAVAILABLE
    return asked(engine, answers, i, checks_on) and not unavailable
