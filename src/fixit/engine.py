"""The pure state machine of a session: answers in, position out. No I/O, no prompts."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from fixit.compat import assert_never
from fixit.i18n import _
from fixit.records import Record
from fixit.routes import ESCALATE as ESCALATE  # the answer rules, re-exported: callers know
from fixit.routes import FALLBACK as FALLBACK  # them as the engine's
from fixit.routes import AnswerError as AnswerError
from fixit.routes import fits as fits
from fixit.routes import route as route
from fixit.trees.model import Node, Tree
from fixit.trees.nodes import Asked, Check, End, Info, Input, Question, Run, Step

ACK = "ok"
MAX_STEPS = 1000
GUARD_VISITS = 3
GUARD_UNSOLVED = 3


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Answer(Record):
    """One answer: the node (`sub/node` inside sub-trees), its value, who gave it, when."""

    node: str
    value: str
    by: str = "user"
    at: str = ""


@dataclass(frozen=True, repr=False, eq=False)
class Walk(Record):
    """Where a list of answers leads: the current node or the end, and the way there."""

    node: Asked | None
    qid: str
    path: tuple[str, ...]
    outcome: str | None = None
    end: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    visits: int = 0
    guard: bool = False
    trees: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # the `tree` nodes entered since the last answer, outermost first

    @property
    def finished(self) -> bool:
        """True once an end node (or an escalation) has been reached."""
        return self.outcome is not None


@dataclass(frozen=True, repr=False, eq=False)
class State(Record):
    """Every answer given: those on the path (`cursor` of them in force, the rest stepped back
    over) and those set aside by a changed answer, re-attached when the path reaches them again."""

    answers: tuple[Answer, ...] = ()
    cursor: int = 0
    aside: tuple[Answer, ...] = ()

    @property
    def active(self) -> tuple[Answer, ...]:
        """The answers in force."""
        return self.answers[: self.cursor]

    @property
    def held(self) -> tuple[Answer, ...]:
        """The answers given but not in force: stepped back over, then set aside."""
        return self.answers[self.cursor :] + self.aside


class Engine:
    """Replays answers over a root tree and the trees it runs."""

    def __init__(self, trees: Mapping[str, Tree], root: str) -> None:
        self.trees = trees
        self.root = root

    def walk(self, answers: Sequence[Answer]) -> Walk:
        """Follow the answers from the start; stop at the first node without one."""
        frames: list[tuple[Tree, str, Run | None]] = [(self.trees[self.root], "", None)]
        root = frames[0][0]
        node = root.nodes[root.start]
        path: list[str] = []
        fields: dict[str, str] = {}
        unsolved = 0
        i = 0
        links: list[str] = []
        for _step in range(MAX_STEPS):
            tree, prefix, _run = frames[-1]
            qid = prefix + node.id
            path.append(qid)
            if isinstance(node, Run):
                links.append(qid)
                sub = self.trees[node.tree]
                frames.append((sub, f"{prefix}{sub.id}/", node))
                node = sub.nodes[sub.start]
                continue
            if isinstance(node, End):
                outcome = node.outcome or "unresolved"
                nxt = self._leave(frames, outcome)
                if nxt is None:
                    return self._ended(path, outcome, qid, fields, frames)
                node = frames[-1][0].nodes[nxt]
                continue
            if i >= len(answers):
                return _waiting(node, qid, path, fields, unsolved, frames, links)
            answer = _answer_at(answers, i, qid)
            i += 1
            links = []
            target = route(node, answer.value)
            if isinstance(node, Input):
                fields[node.field] = answer.value
            unsolved = _unsolved_after(node, answer.value, unsolved)
            if target is None:
                return self._ended(path, "escalate", qid, fields, frames, guard=True)
            node = tree.nodes[target]
        raise AnswerError(_("the answers loop for more than {steps} steps", steps=MAX_STEPS))

    def _leave(self, frames: list[tuple[Tree, str, Run | None]], outcome: str) -> str | None:
        """Leave sub-trees after an end: the parent's route for the outcome, or None to end."""
        while len(frames) > 1:
            _tree, _prefix, tree_node = frames.pop()
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
        frames: list[tuple[Tree, str, Run | None]],
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
        """Give an answer at the cursor; every earlier answer is kept, and those the path
        reaches again (straight on, or after new questions) are re-attached.

        Returns the new state and how many earlier answers were re-attached.
        """
        head = list(state.active)
        walk = self.walk(head)
        if walk.finished or walk.qid != new.node:
            raise AnswerError(
                _("the session is at {at}, not {node}", at=repr(walk.qid), node=repr(new.node))
                if walk.qid
                else _("the session is at 'its end', not {node}", node=repr(new.node))
            )
        if walk.node is not None:
            route(walk.node, new.value)
        answers, rest = self.reattach([*head, new], _without_first(new.node, state.held))
        kept = tuple(a for a in rest if self._fits_node(a))
        return State(tuple(answers), len(answers), kept), len(answers) - len(head) - 1

    def reattach(
        self, head: list[Answer], old: Sequence[Answer]
    ) -> tuple[list[Answer], list[Answer]]:
        """Extend `head` with answers from `old` for the nodes the walk reaches, in order; also
        return the answers of `old` left over (in their order)."""
        pool: dict[str, deque[Answer]] = {}
        for a in old:
            pool.setdefault(a.node, deque()).append(a)
        answers = list(head)
        used: set[int] = set()
        while True:
            walk = self.walk(answers)
            queue = pool.get(walk.qid)
            if walk.finished or walk.node is None or not queue:
                break
            candidate = queue.popleft()
            if fits(walk.node, candidate.value):  # one that no longer fits stays left over
                answers.append(candidate)
                used.add(id(candidate))
        return answers, [a for a in old if id(a) not in used]

    def earlier(self, state: State, qid: str) -> str | None:
        """The answer given before at node `qid` that still fits it (to offer pre-selected)."""
        node = self.node(qid)
        return next((a.value for a in state.held if a.node == qid and fits(node, a.value)), None)

    def back(self, state: State) -> State:
        """Undo the last answer in force (it is kept, to be re-used if the path comes back)."""
        return replace(state, cursor=max(0, state.cursor - 1))

    def fit(
        self, old: Sequence[Answer], aside: Sequence[Answer] = ()
    ) -> tuple[State, list[Answer]]:
        """Replay answers given on another version of the tree: those in force (`old`), then
        those set aside. Returns the state and the misfits (their node is gone or they no longer
        fit it); answers that fit a node off the new path are kept aside."""
        answers, rest = self.reattach([], [*old, *aside])
        kept = [a for a in rest if self._fits_node(a)]
        held = {id(a) for a in kept}
        return (
            State(tuple(answers), len(answers), tuple(kept)),
            [a for a in rest if id(a) not in held],
        )

    def _fits_node(self, a: Answer) -> bool:
        try:
            node = self.node(a.node)
        except KeyError:
            return False
        return fits(node, a.value)


def _waiting(
    node: Asked,
    qid: str,
    path: list[str],
    fields: dict[str, str],
    unsolved: int,
    frames: list[tuple[Tree, str, Run | None]],
    links: list[str],
) -> Walk:
    """A walk that stops at `node` for want of an answer; guarded once it keeps coming back
    there, or after steps that kept failing."""
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
        links=tuple(links),
    )


def _answer_at(answers: Sequence[Answer], i: int, qid: str) -> Answer:
    """The answer at index `i`; AnswerError when it is not for the node the walk is at."""
    answer = answers[i]
    if answer.node != qid:
        raise AnswerError(
            _(
                "answer {number} is for {node}, but the walk is at {at}",
                number=i + 1,
                node=repr(answer.node),
                at=repr(qid),
            )
        )
    return answer


def _unsolved_after(node: Node, value: str, before: int) -> int:
    """How many steps in a row are unsolved after this answer (any other answer breaks the run,
    an info only passes it on)."""
    match node:
        case Step():
            return before + 1 if value == "unsolved" else 0
        case Question() | Check() | Input():
            return 0
        case Info() | Run() | End():
            return before
        case _:
            assert_never(node)


def _without_first(node: str, answers: Sequence[Answer]) -> list[Answer]:
    """`answers` less the first one for `node`: the one a new answer there replaces."""
    out = list(answers)
    for i, a in enumerate(out):
        if a.node == node:
            del out[i]
            break
    return out
