"""Answer files (SPEC §4): a validated description of a non-interactive run."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fixit.access import closed, denied
from fixit.compat import assert_never
from fixit.errors import FixitError
from fixit.i18n import Messages, Msg, _, ngettext
from fixit.msglines import lines, prefixed
from fixit.trees.model import CHECK_STATUSES, Tree, localize
from fixit.trees.nodes import Asked, Check, Info, Input, Question, Run, Step, by_check, probe
from fixit.trees.yamlsafe import Map, Problem, Scalar, Seq, Value, YamlError, is_null, load_file

CALLER_KEYS = ("name", "organisation", "contact", "device_id")
WHAT = (_("the answer file"), _("the folder of the answer file"))
TOP_KEYS = {"tree", "mode", "lang", "answers", "checks", "caller", "notes"}


class AnswerFileError(FixitError):
    """An answer file that cannot be used."""


@dataclass
class AnswerFile:
    """Answers by node id (a list when a node is reached more than once), forced checks, caller."""

    answers: dict[str, list[str]] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)
    caller: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tree: str | None = None
    mode: str | None = None
    lang: str | None = None
    source: str = ""
    #: (line, column) of each key under `answers:` and `checks:`, for errors about a name
    answer_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    check_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    _used: dict[str, int] = field(default_factory=dict)

    def take(self, qid: str) -> str | None:
        """The next answer for a node; the last one given is reused when the node comes back."""
        given = self.answers.get(qid)
        if not given:
            return None
        n = self._used.get(qid, 0)
        self._used[qid] = n + 1
        return given[min(n, len(given) - 1)]


HINT = _("Fix the answer file; SPEC §4 describes its format.")


class _Reader:
    """Reads an answer file's values, collecting every problem with its place."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, at: Value, message: Msg) -> None:
        self.problems.append(Problem(self.name, at.line, at.col, message))

    def text(self, value: Value, not_text: Msg) -> str | None:
        """A scalar's text; `not_text` is the problem when it is something else."""
        if isinstance(value, Scalar):
            return "" if is_null(value) else value.value
        self.fail(value, not_text)
        return None

    def mapping(self, value: Value, not_mapping: Msg) -> Map | None:
        """A mapping; `not_mapping` is the problem when it is something else."""
        if isinstance(value, Map):
            return value
        self.fail(value, not_mapping)
        return None

    def texts(self, values: list[Value], not_text: Msg) -> list[str]:
        got = [self.text(v, not_text) for v in values]
        return [v for v in got if v is not None]


def _read(path: Path) -> tuple[Value, list[Problem]]:
    """The file's values, and its duplicate keys as problems (one among the others)."""
    duplicates: list[Problem] = []
    try:
        root = load_file(path, problems=duplicates)
    except YamlError as exc:
        if closed(path):  # which folder or file is closed, and what to do
            raise AnswerFileError(*denied(path, *WHAT)) from None
        hint = _("Fix the answer file and run it again.")
        raise AnswerFileError(exc.problem.as_msg(), hint) from None
    return root, duplicates


def load_answer_file(path: Path) -> AnswerFile:
    """Read an answer file with the same safe loader as trees; values are read as written.

    Every problem is reported at once, each at its file:line:col."""
    root, duplicates = _read(path)
    r = _Reader(str(path))
    r.problems += duplicates
    out = AnswerFile(source=str(path))
    top = r.mapping(root, _("the answer file must be a mapping"))
    if top is not None:
        _read_top(r, top, out)
    if r.problems:
        r.problems.sort(key=lambda p: (p.line, p.col))
        raise AnswerFileError(_problems([p.as_msg() for p in r.problems]), HINT)
    return out


def _problems(found: list[Msg]) -> Msg:
    """One problem as it is; several under a line that counts them."""
    if len(found) == 1:
        return found[0]
    head = ngettext(
        "the answer file has {n} problem:", "the answer file has {n} problems:", len(found)
    )
    return lines([head, *found])


def _read_top(r: _Reader, top: Map, out: AnswerFile) -> None:
    for key, scalar in top.keys.items():
        if key not in TOP_KEYS:
            r.fail(scalar, _("unknown key {key}", key=repr(key)))
    for key in ("tree", "mode", "lang"):
        if key in top.items:
            setattr(out, key, r.text(top.items[key], _("{what} must be text", what=key)))
    if out.mode not in (None, "self", "agent"):
        r.fail(top.items["mode"], _("mode must be self or agent"))
    answers = _section(r, top, "answers")
    if answers is not None:
        for node, value in answers.items.items():
            out.answer_at[node] = (answers.keys[node].line, answers.keys[node].col)
            values: list[Value] = list(value.items) if isinstance(value, Seq) else [value]
            out.answers[node] = r.texts(values, _("answer to {node} must be text", node=node))
    checks = _section(r, top, "checks")
    if checks is not None:
        for cid, value in checks.items.items():
            out.check_at[cid] = (checks.keys[cid].line, checks.keys[cid].col)
            status = r.text(value, _("check {check} must be text", check=cid))
            if status is not None and status not in CHECK_STATUSES:
                statuses = ", ".join(CHECK_STATUSES)
                message = _("check {check} must be one of {statuses}", check=cid, statuses=statuses)
                r.fail(value, message)
            elif status is not None:
                out.checks[cid] = status
    _read_people(r, top, out)


def _section(r: _Reader, top: Map, key: str) -> Map | None:
    """A top-level section that must be a mapping, when the file has it."""
    if key not in top.items:
        return None
    return r.mapping(top.items[key], _("{what} must be a mapping", what=key))


def _read_people(r: _Reader, top: Map, out: AnswerFile) -> None:
    """`caller:` and `notes:`."""
    caller = _section(r, top, "caller")
    if caller is not None:
        for key, value in caller.items.items():
            if key not in CALLER_KEYS:
                r.fail(caller.keys[key], _("unknown caller key {key}", key=repr(key)))
            got = r.text(value, _("caller {key} must be text", key=key))
            if got is not None and key in CALLER_KEYS:
                out.caller[key] = got
    if "notes" in top.items:
        notes = top.items["notes"]
        if not isinstance(notes, Seq):
            r.fail(notes, _("notes must be a list"))
        else:
            out.notes = r.texts(notes.items, _("a note must be text"))


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
            _problems(found),
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
