"""What `fixit trees graph` lays over a tree: a session's path (drawn over the tree the session
ran, from its own snapshot), what the tree tests reach, and the recorded sessions' figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixit import permissions
from fixit.context import AppContext
from fixit.errors import SessionError
from fixit.i18n import Messages, _, ngettext
from fixit.trees.draw import Marks
from fixit.trees.graph import with_subtrees
from fixit.trees.model import Tree
from fixit.trees.testing import Coverage, case_file_for, cover, load_cases, run_case


@dataclass
class Subject:
    """The trees to draw (the root and every tree it runs), the root's id, and the marks."""

    trees: dict[str, Tree]
    root: str
    marks: Marks


def library_subject(ctx: AppContext, ref: str) -> Subject:
    """A tree from the library (by id or path) and the trees it runs, with no marks yet."""
    tree = ctx.library.get(ref)
    return Subject(with_subtrees(tree, ctx.library.tree), tree.id, Marks())


def session_subject(ref: str | None, sid: str) -> Subject:
    """The tree a session ran, as its snapshot holds it, with the session's path marked: the
    nodes and edges it passed and where it ended or stopped. `ref`, when given, must be that
    tree."""
    from fixit import sessions
    from fixit.engine import AnswerError, Engine
    from fixit.history import replay

    loaded = sessions.load(sid)
    root = str(loaded.meta["tree"])
    given = Path(ref).name.rsplit(".", 1)[0] if ref and ref.endswith((".yaml", ".yml")) else ref
    if given is not None and given != root:
        raise SessionError(
            _("session {id} ran the tree {tree}, not {given}.", id=loaded.id, tree=root, given=ref),
            _("Leave out the tree, or give {tree}.", tree=root),
        )
    engine = Engine(loaded.trees, root)
    try:
        walk = engine.walk(replay(engine, loaded.events).state.active)
    except (AnswerError, KeyError, IndexError):
        raise SessionError(
            _("the answers of session {id} do not fit its tree.", id=loaded.id),
            _("Draw the tree without --session, or look at the session with `fixit report`."),
        ) from None
    passed: dict[str, Coverage] = {}
    cover(passed, walk.path, root)
    marks = Marks(
        path_nodes={t: c.nodes for t, c in passed.items()},
        path_edges={t: c.edges for t, c in passed.items()},
        session=loaded.id,
    )
    if walk.path:
        prefix, _sep, last = walk.path[-1].rpartition("/")
        marks.stopped = (prefix.rpartition("/")[2] if prefix else root, last)
    return Subject(dict(loaded.trees), root, marks)


def mark_coverage(ctx: AppContext, subject: Subject) -> None:
    """Mark what the tree tests reach: the root's cases (into the trees it runs), and each
    drawn tree's own. A drawn tree without a test file is said once, as a warning."""
    covered: dict[str, Coverage] = {}

    def lookup(tid: str) -> Tree:
        return subject.trees.get(tid) or ctx.library.tree(tid)

    for tid, tree in subject.trees.items():
        path = _file_of(ctx, tid)
        tfile = case_file_for(path) if path is not None else None
        if tfile is None or not tfile.is_file():
            name = tfile.name if tfile is not None else f"{tid}.test.yaml"
            permissions.warn(
                _(
                    "{tree} has no test file ({file}): none of its nodes count as reached.",
                    tree=tid,
                    file=name,
                )
            )
            continue
        trees = with_subtrees(tree, lookup)
        for case in load_cases(tfile):
            cover(covered, run_case(trees, tid, case, ctx.msgs).path, tid)
    subject.marks.covered_nodes = {t: c.nodes for t, c in covered.items()}
    subject.marks.covered_edges = {t: c.edges for t, c in covered.items()}


def _file_of(ctx: AppContext, tid: str) -> Path | None:
    entry = ctx.library.by_id.get(tid)
    return entry.path if entry is not None else None


def fallback_note(subject: Subject, msgs: Messages) -> None:
    """Say once when the root tree is drawn in another language than the one asked for."""
    from fixit.trees.language import fallback_notice

    note = fallback_notice(subject.trees[subject.root].languages, msgs.lang)
    if note is not None:
        permissions.warn(note)


def mark_figures(ctx: AppContext, subject: Subject) -> None:
    """Label nodes and edges with what the recorded sessions say (`fixit stats`' figures)."""
    from fixit.stats.figures import Filters
    from fixit.stats.index import stats

    apply_figures(subject, stats(Filters(tree=subject.root)).to_json(), ctx.msgs)


def apply_figures(subject: Subject, data: Mapping[str, Any], msgs: Messages) -> None:
    """Lay the root tree's `fixit stats --json` figures (schema_version 1, every version of the
    tree) over the drawing: each node's views, share solved (steps) and sessions given up
    there, each edge's count of the answer taking it. A node inside a sub-tree (`sub/node`)
    counts for that sub-tree's box; a node the drawn tree no longer has is left out."""
    views: dict[tuple[str, str], list[int]] = {}
    counts = subject.marks.answers
    sessions = 0
    for entry in _list(data.get("trees")):
        tid = str(entry.get("id"))
        if tid != subject.root:
            continue
        sessions += _int(entry.get("sessions"))
        for node in _list(entry.get("nodes")):
            prefix, _sep, nid = str(node.get("id")).rpartition("/")
            owner = prefix.rpartition("/")[2] if prefix else tid
            if owner not in subject.trees or nid not in subject.trees[owner].nodes:
                continue  # a node of an older version of the tree
            seen = views.setdefault((owner, nid), [0, 0, 0])
            for i, name in enumerate(("views", "solved", "abandoned")):
                seen[i] += _int(node.get(name))
            answers = node.get("answers")
            given = counts.setdefault(owner, {})
            for answer, n in answers.items() if isinstance(answers, Mapping) else ():
                given[(nid, str(answer))] = given.get((nid, str(answer)), 0) + _int(n)
    for (owner, nid), (n, solved, abandoned) in views.items():
        step = subject.trees[owner].nodes[nid].kind == "step"
        line = figure_line(n, solved if step else None, abandoned, msgs)
        subject.marks.figures.setdefault(owner, {})[nid] = line
    about = ngettext("{n} recorded session", "{n} recorded sessions", sessions)
    subject.marks.stats_about = msgs(about, n=sessions)


def figure_line(views: int, solved: int | None, abandoned: int, msgs: Messages) -> str:
    """'12 views, 40% solved, 2 gave up here' in the reader's language (solved: steps only)."""
    from fixit.i18n.format import percent

    parts = [msgs(ngettext("{n} view", "{n} views", views), n=views)]
    if views and solved is not None:
        share = percent(str(round(100 * solved / views)), msgs.lang)
        parts.append(msgs(_("{percent} solved", percent=share)))
    if abandoned:
        parts.append(msgs(ngettext("{n} gave up here", "{n} gave up here", abandoned), n=abandoned))
    return ", ".join(parts)


def _list(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
