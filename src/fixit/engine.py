"""The pure state machine of a session: answers in, position out. No I/O, no prompts."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from fixit.trees.model import CHECK_STATUSES, STEP_ANSWERS, Node, Tree

ESCALATE = "!escalate"
ACK = "ok"
FALLBACK = "fallback"
MAX_STEPS = 1000
GUARD_VISITS = 3
GUARD_UNSOLVED = 3


class AnswerError(ValueError):
    """An answer that does not fit the node it is given for."""


@dataclass(frozen=True)
class Answer:
    """One answer: the node (`sub/node` inside sub-trees), its value, who gave it, when."""

    node: str
    value: str
    by: str = "user"
    at: str = ""


@dataclass(frozen=True)
class Walk:
    """Where a list of answers leads: the current node or the end, and the way there."""

    node: Node | None
    qid: str
    path: tuple[str, ...]
    outcome: str | None = None
    end: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    visits: int = 0
    guard: bool = False
    trees: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        """True once an end node (or an escalation) has been reached."""
        return self.outcome is not None


@dataclass(frozen=True)
class State:
    """Every answer given, and how many of them are in force (the rest were stepped back over)."""

    answers: tuple[Answer, ...] = ()
    cursor: int = 0

    @property
    def active(self) -> tuple[Answer, ...]:
        """The answers in force."""
        return self.answers[: self.cursor]


def route(node: Node, value: str) -> str | None:
    """The node an answer leads to (None: the walk ends); raises AnswerError if it doesn't fit."""
    if value == ESCALATE:
        return None
    kind = node.kind
    if kind == "question":
        for choice in node.choices:
            if choice.id == value:
                return choice.goto
        raise AnswerError(f"{value!r} is not a choice of {node.id!r}")
    if kind == "step":
        if value not in STEP_ANSWERS:
            raise AnswerError(f"{node.id!r} is a step: answer solved or unsolved")
        return node.solved if value == "solved" else node.unsolved
    if kind == "check":
        if value in CHECK_STATUSES and value in node.on:
            return node.on[value]
        if value in (*CHECK_STATUSES, "skipped", FALLBACK):
            return node.fallback
        raise AnswerError(f"{value!r} is not a check status")
    if kind == "input":
        if node.required and not value.strip():
            raise AnswerError(f"{node.id!r} needs an answer")
        if node.type == "choice" and value and value not in {c.id for c in node.choices}:
            raise AnswerError(f"{value!r} is not a choice of {node.id!r}")
        return node.goto
    if kind == "info":
        return node.goto
    raise AnswerError(f"{node.id!r} ({kind}) takes no answer")


class Engine:
    """Replays answers over a root tree and the trees it runs."""

    def __init__(self, trees: Mapping[str, Tree], root: str) -> None:
        self.trees = trees
        self.root = root

    def walk(self, answers: Sequence[Answer]) -> Walk:
        """Follow the answers from the start; stop at the first node without one."""
        frames: list[tuple[Tree, str, Node | None]] = [(self.trees[self.root], "", None)]
        tree, prefix, _ = frames[-1]
        node = tree.nodes[tree.start]
        path: list[str] = []
        fields: dict[str, str] = {}
        unsolved = 0
        i = 0
        for _ in range(MAX_STEPS):
            qid = prefix + node.id
            path.append(qid)
            if node.kind == "tree" and node.tree:
                sub = self.trees[node.tree]
                frames.append((sub, f"{prefix}{sub.id}/", node))
                tree, prefix, _ = frames[-1]
                node = tree.nodes[tree.start]
                continue
            if node.kind == "end":
                outcome = node.outcome or "unresolved"
                nxt = self._leave(frames, outcome)
                if nxt is None:
                    return self._ended(path, outcome, qid, fields, frames)
                tree, prefix, _ = frames[-1]
                node = tree.nodes[nxt]
                continue
            if i >= len(answers):
                visits = path.count(qid)
                guard = visits >= GUARD_VISITS or unsolved >= GUARD_UNSOLVED
                return Walk(
                    node,
                    qid,
                    tuple(path),
                    fields=fields,
                    visits=visits,
                    guard=guard,
                    trees=tuple(f[0].id for f in frames),
                )
            answer = answers[i]
            if answer.node != qid:
                raise AnswerError(
                    f"answer {i + 1} is for {answer.node!r}, but the walk is at {qid!r}"
                )
            i += 1
            target = route(node, answer.value)
            if node.kind == "input" and node.field:
                fields[node.field] = answer.value
            if node.kind == "step":
                unsolved = unsolved + 1 if answer.value == "unsolved" else 0
            elif node.kind in ("question", "check", "input"):
                unsolved = 0
            if target is None:
                return self._ended(path, "escalate", qid, fields, frames, guard=True)
            node = tree.nodes[target]
        raise AnswerError(f"the answers loop for more than {MAX_STEPS} steps")

    def _leave(self, frames: list[tuple[Tree, str, Node | None]], outcome: str) -> str | None:
        """Leave sub-trees after an end: the parent's route for the outcome, or None to end."""
        while len(frames) > 1:
            _, _, tree_node = frames.pop()
            assert tree_node is not None
            if outcome in tree_node.on:
                return tree_node.on[outcome]
        return None

    def _ended(
        self,
        path: list[str],
        outcome: str,
        end: str,
        fields: dict[str, str],
        frames: list[tuple[Tree, str, Node | None]],
        guard: bool = False,
    ) -> Walk:
        return Walk(
            None,
            "",
            tuple(path),
            outcome,
            None if guard else end,
            fields,
            trees=tuple(f[0].id for f in frames),
        )

    def node(self, qid: str) -> Node:
        """The node of a qualified id (`sub/node`)."""
        *subs, node_id = qid.split("/")
        tree = self.trees[subs[-1] if subs else self.root]
        return tree.nodes[node_id]

    def answer(self, state: State, new: Answer) -> tuple[State, int]:
        """Give an answer at the cursor; later answers that still lie on the path are kept.

        Returns the new state and how many later answers were kept.
        """
        head = list(state.active)
        walk = self.walk(head)
        if walk.finished or walk.qid != new.node:
            raise AnswerError(f"the session is at {walk.qid or 'its end'!r}, not {new.node!r}")
        if walk.node is not None:
            route(walk.node, new.value)
        tail = state.answers[state.cursor + 1 :]
        answers = self.reattach([*head, new], tail)
        return State(tuple(answers), len(answers)), len(answers) - len(head) - 1

    def reattach(self, head: list[Answer], old: Sequence[Answer]) -> list[Answer]:
        """Extend `head` with answers from `old` for the nodes the walk reaches, in order."""
        pool: dict[str, deque[Answer]] = {}
        for a in old:
            pool.setdefault(a.node, deque()).append(a)
        answers = list(head)
        while True:
            walk = self.walk(answers)
            if walk.finished or walk.node is None or not pool.get(walk.qid):
                return answers
            candidate = pool[walk.qid].popleft()
            if candidate.value == ESCALATE:
                return answers
            try:
                route(walk.node, candidate.value)
            except AnswerError:
                return answers
            answers.append(candidate)

    def back(self, state: State) -> State:
        """Undo the last answer in force (it is kept, to be re-used if the path comes back)."""
        return State(state.answers, max(0, state.cursor - 1))

    def fit(self, old: Sequence[Answer]) -> tuple[State, list[Answer]]:
        """Replay answers given on another version of the tree; return the state and misfits."""
        answers = self.reattach([], old)
        used = {id(a) for a in answers}
        return State(tuple(answers), len(answers)), [a for a in old if id(a) not in used]
