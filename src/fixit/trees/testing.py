"""Tree tests: `*.test.yaml` cases run headless, with node and edge coverage per tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixit.answers import AnswerFile, scripted_answer, unknown_names
from fixit.engine import FALLBACK, Answer, AnswerError, Engine, State, Walk
from fixit.errors import FixitError
from fixit.i18n import Messages, Msg, _
from fixit.msglines import prefixed
from fixit.trees.model import Tree
from fixit.trees.nodes import Check, probe, targets
from fixit.trees.yamlsafe import Map, Seq, YamlError, load_file, to_python


@dataclass
class CaseResult:
    """One case: passed or not, why, and the path it walked."""

    tree: str
    name: str
    passed: bool
    problems: list[Msg | str]  # messages; a str only from an error not yet converted
    path: tuple[str, ...] = ()


@dataclass
class Coverage:
    """Which nodes and edges of a tree the cases reached."""

    nodes: set[str] = field(default_factory=set)
    edges: set[tuple[str, str]] = field(default_factory=set)


def case_file_for(tree_path: Path) -> Path:
    """`x.yaml` -> `x.test.yaml`."""
    return tree_path.with_name(tree_path.name.rsplit(".", 1)[0] + ".test.yaml")


def load_cases(path: Path) -> list[dict[str, object]]:
    """The cases of a test file, as plain values (text as written)."""
    try:
        root = load_file(path)
    except YamlError as exc:
        raise FixitError(exc.problem.as_msg(), _("Fix the test file.")) from None
    if not isinstance(root, Seq) or not all(isinstance(c, Map) for c in root.items):
        raise FixitError(
            prefixed(f"{path}:1:1: ", _("a test file is a list of cases")),
            _("See SPEC §3, tree tests."),
        )
    return [c for c in (to_python(item) for item in root.items) if isinstance(c, dict)]


def run_case(
    trees: dict[str, Tree], root: str, case: dict[str, object], msgs: Messages
) -> CaseResult:
    """Walk a case through the engine and compare outcome, path and fields."""
    name = str(case.get("name", "?"))
    answers = case.get("answers") or {}
    checks = case.get("checks") or {}
    mode = str(case.get("mode") or "self")
    expect = case.get("expect") or {}
    if (
        not isinstance(answers, dict)
        or not isinstance(checks, dict)
        or not isinstance(expect, dict)
    ):
        return CaseResult(root, name, False, [_("answers, checks and expect must be mappings")])
    af = case_answers(name, answers, checks)
    unknown = unknown_names(af, trees, root)  # a misspelt node would only seem unanswered
    if unknown:
        return CaseResult(root, name, False, list(unknown))
    engine = Engine(trees, root)
    try:
        state, stuck = drive(engine, af, mode == "agent", msgs)
    except (FixitError, AnswerError) as exc:
        return CaseResult(root, name, False, [exc.message])
    if stuck is not None and stuck.node is not None:
        return CaseResult(
            root, name, False, [_unanswered(stuck.qid, probe(stuck.node))], stuck.path
        )
    walk = engine.walk(state.active)
    problems = _mismatches(walk, expect)
    return CaseResult(root, name, not problems, problems, walk.path)


def case_answers(name: str, answers: dict[Any, Any], checks: dict[Any, Any]) -> AnswerFile:
    """A case's answers and forced check results as the answer file the wizard would read."""
    return AnswerFile(
        answers={
            str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)]
            for k, v in answers.items()
        },
        checks={str(k): str(v) for k, v in checks.items()},
        source=name,
    )


def drive(engine: Engine, af: AnswerFile, agent: bool, msgs: Messages) -> tuple[State, Walk | None]:
    """Answer from `af` until the walk ends, each answer by whom the answer file says (a forced
    check result: the check); also the walk where a node found no answer."""
    state = State()
    for _step in range(1000):
        walk = engine.walk(state.active)
        if walk.finished or walk.node is None:
            break
        got = scripted_answer(walk.node, walk.qid, af, agent, msgs, check_paths=False)
        if got is None and not isinstance(walk.node, Check):
            return state, walk
        value, by = got if got else (FALLBACK, "answers")  # an unforced check: its fallback
        state, _done = engine.answer(state, Answer(walk.qid, value, by))
    return state, None


def _mismatches(walk: Walk, expect: dict[Any, Any]) -> list[Msg | str]:
    """How the walk differs from what the case expects: outcome, path, then each field."""
    problems: list[Msg | str] = []
    if "outcome" in expect and expect["outcome"] != walk.outcome:
        problems.append(
            _(
                "outcome {got}, expected {expected}",
                got=repr(walk.outcome),
                expected=repr(expect["outcome"]),
            )
        )
    if "path" in expect and list(walk.path) != [str(p) for p in expect["path"] or []]:
        walked, wanted = str(list(walk.path)), str(expect["path"])
        problems.append(_("path {got}, expected {expected}", got=walked, expected=wanted))
    fields = expect.get("fields") or {}
    if isinstance(fields, dict):
        for key, value in fields.items():
            if walk.fields.get(str(key)) != str(value):
                message = _(
                    "field {field} = {got}, expected {expected}",
                    field=key,
                    got=repr(walk.fields.get(str(key))),
                    expected=repr(value),
                )
                problems.append(message)
    return problems


def _unanswered(qid: str, check: str | None) -> Msg:
    """A case that leaves a node without an answer whose check has no result either."""
    return _(
        "no answer for {node} and no result for its check {check}", node=repr(qid), check=check
    )


def cover(cov: dict[str, Coverage], path: tuple[str, ...], root: str) -> None:
    """Add a walked path's nodes and edges to coverage (a `tree` node's edge skips its sub-tree)."""
    for i, qid in enumerate(path):
        prefix, _sep, nid = qid.rpartition("/")
        tid = prefix.rpartition("/")[2] if prefix else root
        cov.setdefault(tid, Coverage()).nodes.add(nid)
        for nxt in path[i + 1 :]:
            nprefix, _sep, nnid = nxt.rpartition("/")
            if nprefix == prefix:
                cov[tid].edges.add((nid, nnid))
                break
            if prefix and not nprefix.startswith(prefix + "/"):
                break


def all_edges(tree: Tree) -> set[tuple[str, str]]:
    """Every edge of a tree."""
    return {(n.id, t) for n in tree.nodes.values() for t in targets(n)}
