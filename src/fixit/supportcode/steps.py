"""One answer as digits: its index among the answers its node takes, and who gave it where a
check could have. Input values are never put in: an input costs nothing and reads back as
answered, its value unknown."""

from __future__ import annotations

from fixit.compat import assert_never
from fixit.engine import ACK, FALLBACK, Answer
from fixit.supportcode.digits import Packer, Unpacker
from fixit.trees.model import CHECK_STATUSES, STEP_ANSWERS, Node
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step, probe

CHECK_ANSWERS = (*CHECK_STATUSES, "skipped", FALLBACK)
#: who answered a node a check can answer: a person (the user in self mode, the agent in
#: agent mode, or an answer file), the check itself, or a person overriding the check
WHO = ("person", "check", "override")


def values(node: Node) -> tuple[str, ...]:
    """The answers a node takes, in the order their index is taken from (one: it costs
    nothing); ValueError for a kind that takes none."""
    match node:
        case Question():
            return tuple(c.id for c in node.choices)
        case Step():
            return STEP_ANSWERS
        case Check():
            return CHECK_ANSWERS
        case Info():
            return (ACK,)
        case Input():
            return ("",)  # the value is never in a code
        case Run() | End():
            raise ValueError(f"a {node.kind} node takes no answer")
        case _:
            assert_never(node)


def put_answer(packer: Packer, node: Node, answer: Answer) -> None:
    """Add an answer's digits; ValueError when it is none of the node's answers."""
    options = values(node)
    if not isinstance(node, (Input, Info)):
        packer.put(options.index(answer.value), len(options))
    if probe(node) is not None:
        packer.put(WHO.index(answer.by) if answer.by in WHO else 0, len(WHO))


def take_answer(unpacker: Unpacker, node: Node, qid: str, mode: str) -> Answer:
    """Read an answer back (an input's as an empty value: see `is_input`)."""
    options = values(node)
    value = options[unpacker.take(len(options))]
    who = WHO[unpacker.take(len(WHO))] if probe(node) is not None else "person"
    return Answer(qid, value, person(mode) if who == "person" else who)


def person(mode: str) -> str:
    """Who a person's answer is recorded as, by the mode."""
    return "agent" if mode == "agent" else "user"


def stand_in(node: Input) -> str:
    """A value that lets an input be walked past without its real value (never shown)."""
    return node.choices[0].id if node.type == "choice" and node.choices else "-"
