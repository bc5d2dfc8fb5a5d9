"""`fixit trees list|show|validate|test`: tree authoring."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.context import AppContext
from fixit.errors import ExitCode, TreeError
from fixit.i18n import Msg, _, localized, ngettext
from fixit.labels import CATEGORY, MODE, TREES_COL
from fixit.trees.library import Entry, Source, load_entry, tree_files
from fixit.trees.summaries import library_problems, localize
from fixit.trees.yamlfile import Problem

if TYPE_CHECKING:  # a listing reads cached summaries: the node classes load for `show` and `test`
    from fixit.trees.model import Tree


def list_trees(ctx: AppContext, as_json: bool) -> int:
    """Every tree: id, title, category, audience, languages, source, and what it overrides."""
    lib = ctx.library
    known = lib.summaries()
    rows: list[dict[str, Any]] = []
    for tid in sorted(lib.by_id):
        e = lib.by_id[tid]
        t = e.summary
        rows.append(
            {
                "id": tid,
                "title": localize(t.title, ctx.lang) if t else "",
                "category": t.category if t else "",
                "audience": list(t.audience) if t else [],
                "languages": list(t.languages) if t else [],
                "source": e.source.kind,
                "path": str(e.path),
                "valid": t is not None and not e.problems and not library_problems(known, [tid]),
                "overrides": [{"source": s.source.kind, "path": str(s.path)} for s in e.shadows],
            }
        )
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    from fixit.columns import print_columns

    keys = ["id", "state", "title", "category", "audience", "languages", "source", "path"]
    cells = [_list_cells(ctx, r) for r in rows]
    if all(r["valid"] for r in rows):  # the state column only when there is something to say
        keys.remove("state")
        cells = [c[:1] + c[2:] for c in cells]
    print_columns([ctx.msgs(TREES_COL[k]) for k in keys], cells, plain=ctx.plain)
    return ExitCode.OK


def _list_cells(ctx: AppContext, row: dict[str, Any]) -> list[str]:
    """One tree as `trees list` shows it: a broken one says so and which command explains it."""
    m = ctx.msgs
    state = ""
    if not row["valid"]:  # a shell-safe path: the command is meant to be pasted
        command = "fixit trees validate " + shlex.quote(row["path"])
        state = m(_("✗ does not validate: `{command}` says why", command=command))
    source = m(TREES_COL[f"source.{row['source']}"])
    if row["overrides"]:
        hidden = ", ".join(m(TREES_COL[f"source.{o['source']}"]) for o in row["overrides"])
        source += " — " + m(_("hides the tree of the same id ({where})", where=hidden))
    category = m(CATEGORY[row["category"]]) if row["category"] else ""
    audience = ", ".join(m(MODE[a]) for a in row["audience"])
    languages = ", ".join(row["languages"]) or ("*" if row["valid"] else "")
    return [row["id"], state, row["title"], category, audience, languages, source, row["path"]]


def _files(targets: list[Path]) -> list[Path]:
    out: list[Path] = []
    for target in targets:
        try:
            folder = target.is_dir()
        except OSError:  # a closed folder on the way: tree_files says which and what to do
            folder = True
        found = tree_files(target) if folder else [target]
        if not found:  # a typo in the path must not pass as "all valid"
            raise TreeError(
                _("there are no tree files in {path}.", path=str(target)),
                _("Tree files end in .yaml or .yml (not .test.yaml): check the path."),
            )
        out += found
    return out


def _known_files(ctx: AppContext, targets: list[Path]) -> tuple[list[Path], list[Path]]:
    """The known_issues.yaml files to check beside the trees (named, in a named folder, or in
    every tree folder when none is named; docs/known.md), and the targets left for trees."""
    from fixit.known import folders
    from fixit.known.sources import folder_files, is_known_file

    named = [t for t in targets if is_known_file(t)]
    rest = [t for t in targets if not is_known_file(t)]
    if not targets:
        return folder_files(folders(ctx.config, ctx.trees_option)), rest
    return named + folder_files(rest), rest


def validate(ctx: AppContext, targets: list[Path]) -> int:
    """Validate files or folders (default: every source); prints file:line:col per problem."""
    from fixit.known.sources import faults_of

    known_files, trees = _known_files(ctx, targets)
    entries: list[Entry] = []
    if trees:
        entries = [load_entry(p, Source("extra", p.parent), use_cache=False) for p in _files(trees)]
    elif not targets:
        entries = list(ctx.library.entries)
    problems: list[Problem] = [p for e in entries for p in e.problems]
    problems += [p for path in known_files for p in faults_of(path)]
    known = dict(ctx.library.summaries())
    mine = {e.summary.id: e.summary for e in entries if e.summary is not None}
    known.update(mine)
    problems += library_problems(known, mine)
    for p in problems:
        sys.stderr.write(p.render(ctx.lang) + "\n")
    bad_files = len({p.file for p in problems})
    if problems:
        said = _checked_bad(len(problems), bad_files, len(entries), len(known_files))
        sys.stderr.write(ctx.msgs(said) + "\n")
        return ExitCode.USER_ERROR
    ctx.console.print(ctx.msgs(_checked_fine(len(entries), len(known_files))))
    return ExitCode.OK


def _checked_bad(problems: int, files: int, trees: int, known: int) -> Msg:
    """The count of problems, with the files checked (known_issues.yaml a kind of its own)."""
    if not known:
        return ngettext(
            "{problems} problem in {files} of {n} tree files.",
            "{problems} problems in {files} of {n} tree files.",
            problems,
        ).with_values(problems=problems, files=files, n=trees)
    return ngettext(
        "{problems} problem in {files} of {n} files (tree files: {trees}, known-problem files: "
        "{known}).",
        "{problems} problems in {files} of {n} files (tree files: {trees}, known-problem files: "
        "{known}).",
        problems,
    ).with_values(problems=problems, files=files, n=trees + known, trees=trees, known=known)


def _checked_fine(trees: int, known: int) -> Msg:
    """All valid, with the files checked (known_issues.yaml a kind of its own)."""
    if not known:
        return ngettext(
            "{n} tree file checked: valid.", "{n} tree files checked: all valid.", trees
        )
    return ngettext(
        "{n} file checked (tree files: {trees}, known-problem files: {known}): valid.",
        "{n} files checked (tree files: {trees}, known-problem files: {known}): all valid.",
        trees + known,
    ).with_values(trees=trees, known=known)


def show(ctx: AppContext, ref: str) -> int:
    """A readable outline of a tree: each node, its text and where it leads."""
    tree = ctx.library.get(ref)
    from rich.tree import Tree as RichTree

    from fixit.ui import safe

    lang = ctx.lang
    head = RichTree(safe(f"{tree.id} v{tree.version} — {localize(tree.title, lang)}", "bold"))
    for node in tree.nodes.values():
        label = f"{node.id} [{node.kind}]"
        branch = head.add(safe(label, "cyan" if node.id == tree.start else ""))
        text = localize(node.text, lang)
        if text:
            branch.add(safe(text))
        _outline_edges(branch, tree, node.id, lang)
    ctx.console.print(head)
    return ExitCode.OK


def _outline_edges(branch: object, tree: Tree, node_id: str, lang: str) -> None:
    from rich.tree import Tree as RichTree

    from fixit.trees.outline import outline_lines
    from fixit.ui import safe

    assert isinstance(branch, RichTree)
    for text, style in outline_lines(tree.nodes[node_id], lang):
        branch.add(safe(text, style))


def test(ctx: AppContext, targets: list[Path]) -> int:
    """Run the `*.test.yaml` cases beside the trees; print results and coverage per tree."""
    lib = ctx.library
    if targets:
        entries = [
            load_entry(p, Source("extra", p.parent), use_cache=False) for p in _files(targets)
        ]
    else:
        entries = list(lib.by_id.values())
    trees: dict[str, Tree] = {}
    passed = failed = 0
    for entry in entries:
        if entry.tree is not None:
            trees[entry.tree.id] = entry.tree
        if entry.tree is None or entry.problems:
            for p in entry.problems:
                sys.stderr.write(p.render(ctx.lang) + "\n")
            failed += 1
            continue
        ok, bad = _test_tree(ctx, entry, lambda tid: trees.get(tid) or lib.tree(tid))
        passed, failed = passed + ok, failed + bad
    ctx.console.print(
        ctx.msgs(_("{passed} passed, {failed} failed", passed=passed, failed=failed)), markup=False
    )
    return ExitCode.USER_ERROR if failed else ExitCode.OK


def _test_tree(ctx: AppContext, entry: Entry, lookup: Callable[[str], Tree]) -> tuple[int, int]:
    """Run one tree's cases and print each result and its coverage; (passed, failed)."""
    from fixit.trees.graph import with_subtrees
    from fixit.trees.testing import Coverage, all_edges, case_file_for, cover, load_cases, run_case

    tree, m = entry.tree, ctx.msgs
    assert tree is not None
    tfile = case_file_for(entry.path)
    if not tfile.is_file():
        ctx.console.print(
            m(_("{tree}: no test file ({file})", tree=tree.id, file=tfile.name)), style="yellow"
        )
        return 0, 0
    sub = with_subtrees(tree, lookup)
    cov: dict[str, Coverage] = {}
    cases = load_cases(tfile)
    passed = 0
    for case in cases:
        result = run_case(sub, tree.id, case, m)
        cover(cov, result.path, tree.id)
        mark = m(_("PASS")) if result.passed else m(_("FAIL"))
        ctx.console.print(f"{mark} {tree.id}: {result.name}", markup=False)
        for problem in result.problems:  # test authors read them in their language too
            ctx.console.print(f"    {localized(problem, ctx.lang)}", markup=False)
        passed += result.passed
    c = cov.get(tree.id, Coverage())
    edges = all_edges(tree)
    n_nodes, n_edges = len(tree.nodes), len(edges)
    counted = m(ngettext("{n} case", "{n} cases", len(cases)))
    ctx.console.print(
        m(
            _(
                "{tree}: {cases}, nodes {nodes_hit}/{nodes} ({node_pct}%), edges "
                "{edges_hit}/{edges} ({edge_pct}%)",
                tree=tree.id,
                cases=counted,
                nodes_hit=len(c.nodes),
                nodes=n_nodes,
                node_pct=100 * len(c.nodes) // max(1, n_nodes),
                edges_hit=len(c.edges & edges),
                edges=n_edges,
                edge_pct=100 * len(c.edges & edges) // max(1, n_edges),
            )
        ),
        markup=False,
    )
    missing = sorted(set(tree.nodes) - c.nodes)
    if missing:
        ctx.console.print(m(_("  not reached: {nodes}", nodes=", ".join(missing))), markup=False)
    return passed, len(cases) - passed
