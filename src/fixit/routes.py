"""Which answers each kind of node takes and where they lead: the rules the engine walks by."""

from __future__ import annotations

from fixit.compat import assert_never
from fixit.i18n import Msg, _
from fixit.trees.model import CHECK_STATUSES, STEP_ANSWERS, Node
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step

ESCALATE = "!escalate"
FALLBACK = "fallback"


class AnswerError(ValueError):
    """An answer that does not fit the node it is given for; `message` says why."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def route(node: Node, value: str) -> str | None:
    """The node an answer leads to (None: the walk ends); raises AnswerError if it doesn't fit."""
    if value == ESCALATE:
        return None
    match node:
        case Question():
            for choice in node.choices:
                if choice.id == value:
                    return choice.goto
            raise AnswerError(_not_a_choice(value, node.id))
        case Step():
            if value not in STEP_ANSWERS:
                message = _("{node} is a step: answer solved or unsolved", node=repr(node.id))
                raise AnswerError(message)
            return node.solved if value == "solved" else node.unsolved
        case Check():
            return _check_route(node, value)
        case Input():
            if node.required and not value.strip():
                raise AnswerError(_("{node} needs an answer", node=repr(node.id)))
            if node.type == "choice" and value and value not in {c.id for c in node.choices}:
                raise AnswerError(_not_a_choice(value, node.id))
            return node.goto
        case Info():
            return node.goto
        case Run() | End():
            message = _("{node} ({kind}) takes no answer", node=repr(node.id), kind=node.kind)
            raise AnswerError(message)
        case _:
            assert_never(node)


def _not_a_choice(value: str, node_id: str) -> Msg:
    return _("{value} is not a choice of {node}", value=repr(value), node=repr(node_id))


def _check_route(node: Check, value: str) -> str | None:
    """Where a check node's status (or `fallback`, or `skipped`) leads."""
    if value in CHECK_STATUSES and value in node.on:
        return node.on[value]
    if value in (*CHECK_STATUSES, "skipped", FALLBACK):
        return node.fallback
    raise AnswerError(_("{value} is not a check status", value=repr(value)))


def fits(node: Node, value: str) -> bool:
    """Whether `value` is an answer to `node` that can be given again (an escalation is not)."""
    if value == ESCALATE:
        return False
    try:
        route(node, value)
    except AnswerError:
        return False
    return True
