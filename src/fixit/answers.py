"""Answer files (SPEC §4) in a run: the names they use, and the answer each gives a node."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from fixit.answer_file import AnswerFile as AnswerFile  # re-exported: where callers look for it
from fixit.answer_file import AnswerFileError as AnswerFileError
from fixit.answer_file import counted
from fixit.answer_file import load_answer_file as load_answer_file
from fixit.compat import assert_never
from fixit.i18n import Messages, Msg, _
from fixit.msglines import prefixed
from fixit.trees.model import CHECK_STATUSES, Tree, localize
from fixit.trees.nodes import Asked, Check, Info, Input, Question, Run, Step, by_check, probe


def node_ids(trees: Mapping[str, Tree], root: str, prefix: str = "") -> set[str]:
    """Every name an answer can have in a run of `root`: its node ids, and `SUB/NODE` for the
    nodes of each tree it runs (nested: `SUB/SUBSUB/NODE`), as the wizard names them."""
    out: set[str] = set()
    for node in trees[root].nodes.values():
        out.add(prefix + node.id)
        sub = node.tree if isinstance(node, Run) else None
        if sub is not None and sub in trees and f"/{sub}/" not in f"/{prefix}":  # never itself
            out |= node_ids(trees, sub, f"{prefix}{sub}/")
    return out


def _near(name: str, known: set[str]) -> str | None:
    """A name the user probably meant: the same node inside a sub-tree, or a close spelling."""
    inside = sorted(k for k in known if k.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1])
    if inside:
        return inside[0]
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
    return close[0] if close else None


def unknown_names(af: AnswerFile, trees: Mapping[str, Tree], root: str) -> list[Msg]:
    """One line for each name under `answers:` that is no node of the run, and each under
    `checks:` that is neither a check nor a node (`file:line:col: ` first when it is known)."""
    from fixit.diagnostics.registry import KNOWN_CHECKS

    nodes = node_ids(trees, root)
    found: list[Msg] = []
    for name in af.answers:
        if name not in nodes:
            near = _near(name, nodes)
            tree, node = repr(root), repr(name)
            message = (
                _(
                    "tree {tree} has no node {node}; did you mean {near}?",
                    tree=tree,
                    node=node,
                    near=repr(near),
                )
                if near
                else _("tree {tree} has no node {node}", tree=tree, node=node)
            )
            found.append(prefixed(_at(af, af.answer_at, name), message))
    for name in af.checks:
        if name not in nodes and name not in KNOWN_CHECKS:
            near = _near(name, nodes | KNOWN_CHECKS)
            tree, node = repr(root), repr(name)
            message = (
                _(
                    "{name} is neither a check nor a node of tree {tree}; did you mean {near}?",
                    name=node,
                    tree=tree,
                    near=repr(near),
                )
                if near
                else _("{name} is neither a check nor a node of tree {tree}", name=node, tree=tree)
            )
            found.append(prefixed(_at(af, af.check_at, name), message))
    return found


def _at(af: AnswerFile, positions: Mapping[str, tuple[int, int]], name: str) -> str:
    if name not in positions:
        return ""
    line, col = positions[name]
    return f"{af.source}:{line}:{col}: "


def check_names(af: AnswerFile, trees: Mapping[str, Tree], root: str) -> None:
    """Every node named under `answers:` must be in the run, every key under `checks:` a check
    or a node: a typo in a script is an error naming it, never an answer silently unused."""
    found = unknown_names(af, trees, root)
    if found:
        raise AnswerFileError(
            counted(found),
            _(
                "Fix the names in the answer file: a node of a sub-tree is SUBTREE_ID/NODE_ID "
                "(`fixit trees show TREE` lists the nodes)."
            ),
        )


def choice_for(node: Question | Input, raw: str, msgs: Messages) -> str | None:
    """A question's choice id from an id, a label in any language, or a 1-based index."""
    for choice in node.choices:
        if raw == choice.id:
            return choice.id
    folded = raw.strip().casefold()
    for choice in node.choices:
        labels = {v.casefold() for v in choice.label.values()} | {localize(choice.label, msgs.lang)}
        if folded in labels:
            return choice.id
    if raw.isdigit() and 1 <= int(raw) <= len(node.choices):
        return node.choices[int(raw) - 1].id
    return None


def scripted_answer(
    node: Asked, qid: str, af: AnswerFile, checks_off: bool, msgs: Messages, check_paths: bool
) -> tuple[str, str] | None:
    """The (value, who) an answer file gives a node; None for a check it leaves to the machine.

    A missing answer is an error naming the node (exit 4), never a guess.
    """
    from fixit.engine import ACK

    match node:
        case Info():
            return ACK, "answers"
        case Check():
            return _scripted_check(node, qid, af, checks_off)
        case Question() | Step() | Input():
            raw = af.take(qid)
            if raw is None:
                return _unanswered(node, qid, af, checks_off)
            return _fitting(node, qid, raw, af, msgs, check_paths), "answers"
        case _:
            assert_never(node)


def _scripted_check(
    node: Check, qid: str, af: AnswerFile, checks_off: bool
) -> tuple[str, str] | None:
    """A check node: a status forced under `checks:`, an answer, or the check runs."""
    from fixit.engine import FALLBACK

    forced = af.checks.get(qid) or af.checks.get(node.check)  # a node id beats a check id
    if forced:
        return forced, "check"
    given = af.take(qid)
    if given is not None and given not in (*CHECK_STATUSES, FALLBACK):
        raise AnswerFileError(
            _(
                "node {node} is a check; answer pass, warn, fail, error or fallback, not {answer}.",
                node=repr(qid),
                answer=repr(given),
            ),
            _fix(qid, af),
        )
    if given is not None:
        return given, "answers"
    return (FALLBACK, "answers") if checks_off else None


def _unanswered(node: Asked, qid: str, af: AnswerFile, checks_off: bool) -> tuple[str, str] | None:
    """A node the file does not answer: its check's forced status may, or its check runs."""
    from fixit.errors import MissingAnswerError

    cid = probe(node)
    if cid is not None:
        forced = af.checks.get(qid) or af.checks.get(cid)
        derived = by_check(node, forced) if forced else None
        if derived is not None:
            return derived, "check"
        if forced is None and not checks_off:
            return None  # the machine answers: the wizard runs the check
    raise MissingAnswerError(
        _("the answer file has no answer for node {node}.", node=repr(qid)),
        _("Add `{node}: ...` under `answers:` in {file}.", node=qid, file=af.source),
    )


def _fix(qid: str, af: AnswerFile) -> Msg:
    return _("Fix the answer for {node} in {file}.", node=qid, file=af.source)


def _fitting(
    node: Question | Step | Input,
    qid: str,
    raw: str,
    af: AnswerFile,
    msgs: Messages,
    check_paths: bool,
) -> str:
    """The answer file's answer for a node, checked against it (a choice: by id, label or
    number); AnswerFileError when it does not fit."""
    from fixit.inputs import input_problem

    hint = _fix(qid, af)
    match node:
        case Question():
            found = choice_for(node, raw, msgs)
            if found is None:
                ids = ", ".join(c.id for c in node.choices)
                message = _(
                    "{answer} is not a choice of node {node} ({choices}).",
                    answer=repr(raw),
                    node=repr(qid),
                    choices=ids,
                )
                raise AnswerFileError(message, hint)
            return found
        case Step():
            if raw not in ("solved", "unsolved"):
                message = _(
                    "node {node} is a step; answer solved or unsolved, not {answer}.",
                    node=repr(qid),
                    answer=repr(raw),
                )
                raise AnswerFileError(message, hint)
            return raw
        case Input():
            # the problem is a message of its own: it is shown in the same language as the rest
            problem = input_problem(node, raw, msgs.lang, check_paths=check_paths)
            if problem is not None:
                message = _(
                    "the answer for node {node} does not fit: {problem}",
                    node=repr(qid),
                    problem=problem,
                )
                raise AnswerFileError(message, hint)
            return raw
        case _:
            assert_never(node)
