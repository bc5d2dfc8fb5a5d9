"""What a support code says, read against this machine's trees: the tree, the path with each
question and the answer given (labels in the reader's language), and where it stopped or ended.
Shared by `fixit decode` and the agent's pickup (`fixit start --from-code`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit.context import AppContext
from fixit.engine import Engine
from fixit.errors import FixitError
from fixit.i18n import Messages, Msg, _
from fixit.labels import BY, DIAG_STATUS, OUTCOME
from fixit.trees.graph import with_subtrees
from fixit.trees.model import PLACEHOLDER, Tree, localize
from fixit.trees.nodes import Check, Info, Input

if TYPE_CHECKING:
    from fixit.supportcode import Decoded

#: an input's answer in a code: the value is never in it (personal data), by how it was given
#: (typed, or picked from the input's list) and who gave it
NOT_IN_CODE = {
    ("typed", "user"): _("(typed by the user: not in the code)"),
    ("chosen", "user"): _("(chosen by the user: not in the code)"),
    ("typed", "agent"): _("(typed by the agent: not in the code)"),
    ("chosen", "agent"): _("(chosen by the agent: not in the code)"),
}


def not_in_code(node: Input, by: str) -> Msg:
    """How an input's answer reads in a code's path: given by whom, its value not in the code."""
    how = "chosen" if node.type == "choice" else "typed"
    return NOT_IN_CODE[how, "agent" if by == "agent" else "user"]


def without_values(text: str, msgs: Messages) -> str:
    """A tree's text with each `{field}` placeholder shown as that field, not in the code (a
    code holds no typed value to fill it with)."""
    return PLACEHOLDER.sub(lambda m: msgs(_("[{field}: not in the code]", field=m.group(1))), text)


@dataclass(frozen=True)
class PathStep:
    """One answered node of a code's path: its question and the answer as read in a language,
    the answer as recorded (`value`: a choice id, step result or check status) and who gave it."""

    node: str
    question: str
    answer: str
    value: str
    by: str
    shown: bool = True  # an info node's "continue" is in the path, not on the screen


@dataclass(frozen=True)
class CodeReading:
    """A decoded code in one language: the tree, the path, and how the session stood."""

    code: str
    tree: str
    version: int | None
    title: str
    mode: str
    path: tuple[PathStep, ...]
    finished: bool
    outcome: str | None
    end: str | None
    end_text: str
    at: str | None
    at_text: str

    def to_json(self) -> dict[str, Any]:
        """The JSON form `fixit decode --json` prints."""
        return {
            "code": self.code,
            "tree": {"id": self.tree, "version": self.version, "title": self.title},
            "mode": self.mode,
            "path": [
                {"node": s.node, "answer": s.value, "label": s.answer, "by": s.by}
                for s in self.path
            ],
            "finished": self.finished,
            "outcome": self.outcome,
            "end": self.end,
            "stopped_at": None if self.finished else self.at,
        }


def candidates(ctx: AppContext, code: str) -> Iterator[tuple[Mapping[str, Tree], str, str]]:
    """Each tree on this machine that validates and whose id the code's hash names, with the
    trees it runs: what the code may be of (no other tree is loaded). CodeError on a typo."""
    from fixit.supportcode import read_header, tree_hash

    named = read_header(code).tree_hash
    for tid, entry in sorted(ctx.library.by_id.items()):
        if entry.summary is None or entry.problems or tree_hash(tid) != named:
            continue
        try:
            tree = ctx.library.tree(tid)
            yield with_subtrees(tree, ctx.library.tree), tid, tree.digest
        except (FixitError, OSError):  # a tree that cannot be read now is no candidate
            continue


def read_code(ctx: AppContext, code: str) -> tuple[Decoded, Mapping[str, Tree]]:
    """The code decoded against this machine's trees, and the trees it runs on. CodeError when
    it has a typo, is no code, or is of a tree or version this machine does not have."""
    from fixit.supportcode import decode

    found: dict[str, Mapping[str, Tree]] = {}

    def remembered() -> Iterator[tuple[Mapping[str, Tree], str, str]]:
        for trees, root, digest in candidates(ctx, code):
            found[root] = trees
            yield trees, root, digest

    decoded = decode(code, remembered())
    return decoded, found[decoded.tree]


def canonical(code: str) -> str:
    """A typed code as fixit writes it: upper case, I/L as 1 and O as 0, grouped by four
    (call after `read_code`: CodeError for what is no code)."""
    from fixit.supportcode.alphabet import grouped
    from fixit.supportcode.typed import symbols

    return grouped(symbols(code))


def question_of(node: Any, msgs: Messages) -> str:
    """What a node asks, in the reader's language (a check node: its check's title)."""
    if isinstance(node, Check):
        from fixit.diagnostics.registry import CHECKS

        spec = CHECKS.get(node.check)
        if spec is not None:
            return msgs(spec.title)
    return without_values(localize(node.text, msgs.lang), msgs) or str(node.id)


def describe(code: str, decoded: Decoded, trees: Mapping[str, Tree], msgs: Messages) -> CodeReading:
    """The decoded code read in `msgs`' language with the labels of the local tree."""
    from fixit.report.journal import answer_label

    engine = Engine(trees, decoded.tree)
    answers, path = list(decoded.answers), []
    for qid in decoded.path:  # every node walked: an input's place is kept, its value is not
        node = engine.node(qid)
        if answers and answers[0].node == qid:
            a = answers.pop(0)
            if isinstance(node, Input):
                label = msgs(not_in_code(node, a.by))
            elif isinstance(node, Check) and a.value in DIAG_STATUS:
                label = msgs(DIAG_STATUS[a.value])
            else:
                label = answer_label(engine, a.node, a.value, msgs)
            shown = not isinstance(node, Info)
            path.append(PathStep(qid, question_of(node, msgs), label, a.value, a.by, shown))
        elif isinstance(node, Input) and qid != decoded.at:
            by = "agent" if decoded.mode == "agent" else "user"
            label = msgs(not_in_code(node, by))
            path.append(PathStep(qid, question_of(node, msgs), label, "", by))
    end_text = ""
    if decoded.end:
        end_text = without_values(localize(engine.node(decoded.end).text, msgs.lang), msgs)
    at_text = question_of(engine.node(decoded.at), msgs) if decoded.at else ""
    root = trees[decoded.tree]
    return CodeReading(
        code=code,
        tree=decoded.tree,
        version=decoded.version,
        title=localize(root.title, msgs.lang),
        mode=decoded.mode,
        path=tuple(path),
        finished=decoded.finished,
        outcome=decoded.outcome,
        end=decoded.end,
        end_text=end_text,
        at=decoded.at,
        at_text=at_text,
    )


def path_lines(reading: CodeReading, msgs: Messages) -> list[tuple[str, str]]:
    """A code's steps as numbered lines, each question then its answer (with a style each)."""
    if not reading.path:
        return [(msgs(_("No answers yet.")), "dim")]
    out = []
    for n, step in enumerate((s for s in reading.path if s.shown), 1):
        who = f" ({msgs(BY['check'])})" if step.by == "check" else ""
        out += [(f"{n}. {step.question}", ""), (f"   → {step.answer}{who}", "dim")]
    return out


def where_line(reading: CodeReading, msgs: Messages) -> tuple[str, str]:
    """Where the user stopped, or how the session ended (its outcome and end node)."""
    if not reading.finished:
        return (msgs(_("Stopped at: {question}", question=reading.at_text or "?")), "bold")
    outcome = reading.outcome or "unresolved"
    if outcome == "known":
        return (msgs(_known_end(reading)), "bold")
    label = msgs(OUTCOME[outcome]) if outcome in OUTCOME else outcome
    if not reading.end:
        return (msgs(_("Ended: {outcome}", outcome=label)), "bold")
    return (msgs(_("Ended: {outcome}, at end node {end}", outcome=label, end=reading.end)), "bold")


def _known_end(reading: CodeReading) -> Msg:
    """How a session that ended at a known problem ended (which problem is not in a code)."""
    if reading.path:
        return _(
            "Ended at a known problem, at: {question} (which problem is not in the code)",
            question=reading.at_text or "?",
        )
    if reading.mode == "agent":
        return _(
            "Ended before the first question: on the known-problem screen the agent chose "
            "“This is the caller's problem” (which problem is not in the code)"
        )
    return _(
        "Ended before the first question: on the known-problem screen the user chose “This is "
        "my problem” (which problem is not in the code)"
    )


def seen_lines(reading: CodeReading, msgs: Messages) -> list[tuple[str, str]]:
    """What the session's end screen said, marked as what the user (or the agent) was shown;
    nothing without an end text."""
    if not reading.finished or not reading.end_text:
        return []
    if reading.mode == "agent":
        return [(msgs(_("The agent was shown: {text}", text=reading.end_text)), "dim")]
    return [(msgs(_("The user was shown: {text}", text=reading.end_text)), "dim")]


def show_lines(ctx: AppContext, lines: list[tuple[str, str]]) -> None:
    """Lines on the screen, wrapped between words; a step's question or answer keeps its
    indent (under its number or arrow) when it wraps."""
    from fixit.term import wrap_words

    for line, style in lines:
        hang = " " * (len(line) - len(line.lstrip(" →0123456789.")))
        for part in wrap_words(line, ctx.screen.width, hang) or [""]:
            ctx.screen.line(part, style)
