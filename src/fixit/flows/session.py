"""A session's lifecycle: start one (from an answer file, a tree or the list), resume one onto
the tree as it is now, and drive it to where it stops (see drive.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fixit import events, paths, sessions
from fixit.answers import AnswerFile, check_names, load_answer_file
from fixit.context import AppContext
from fixit.engine import Engine, State
from fixit.errors import FixitError, UsageError
from fixit.flows import codes
from fixit.flows import drive as driving
from fixit.flows import known as known_flow
from fixit.flows.drive import Ended
from fixit.flows.team import record_end
from fixit.i18n import _
from fixit.known_view import STOP, picker_label
from fixit.labels import START
from fixit.prompts.base import Option, Prompter
from fixit.snapshot import Snapshot
from fixit.textsafe import visible
from fixit.trees.graph import with_subtrees
from fixit.trees.model import Summary, Tree, localize
from fixit.wizard import Wizard

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner

PICK_QUIT = "!quit"


def pick_tree(
    ctx: AppContext, mode: str, prompter: Prompter, feeds: known_flow.Feeds | None = None
) -> str | None:
    """The searchable list of trees for the mode (titles, descriptions and tags in every
    language are searched; a tree a known problem touches is marked); returns the chosen id,
    or None when the user quits."""
    trees = [t for t in ctx.library.summaries().values() if mode in t.audience]
    if not trees:
        raise FixitError(
            _("There are no trees for this mode."),
            _("Add trees with --trees DIR or check `fixit trees list`."),
        )
    trees.sort(key=lambda t: localize(t.title, ctx.lang).casefold())
    known = feeds.known(known_flow.LIST_WAIT) if feeds is not None else None
    marks = known_flow.marked(known, trees)
    options = [
        Option(t.id, _listed(ctx, t, t.id in marks), keywords=_search_words(t)) for t in trees
    ]
    options.append(Option(PICK_QUIT, ctx.msgs(_("Quit")), separator_before=True, always=True))
    chosen = prompter.select(
        ctx.msgs(_("What do you need help with?")),
        options,
        search=True,
        instruction=ctx.msgs(_("(type to search, arrows to move, Enter to choose)")),
    )
    return None if chosen == PICK_QUIT else chosen


def _listed(ctx: AppContext, tree: Summary, marked: bool) -> str:
    """A tree's line in the list: its title, and the mark when a known problem touches it."""
    title = visible(localize(tree.title, ctx.lang), True)
    return picker_label(ctx.msgs, title) if marked else title


def _search_words(tree: Summary) -> str:
    """What a search may find a tree by: its id, tags, and title and description in every
    language it has."""
    texts = [*tree.title.values(), *(tree.description or {}).values()]
    return " ".join([tree.id, *tree.tags, *texts])


def start(
    ctx: AppContext,
    tree_ref: str | None,
    mode: str | None,
    answers_path: Path | None,
    case: str | None,
    checks: bool | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> Ended | None:
    """Start a new session on a tree (or the one picked from the list) and run it to where it
    stops; None when the list was quit (nothing was started, nothing saved)."""
    answer_file = _answers(ctx, answers_path)
    if answer_file is not None:
        tree_ref = tree_ref or answer_file.tree
        mode = mode or answer_file.mode
    mode = mode or ctx.config.mode
    # the feeds are read while the trees load and the list shows; no one to ask in a scripted run
    feeds = known_flow.begin(ctx) if answer_file is None else None
    root = ctx.library.get(tree_ref) if tree_ref is not None else None
    if answer_file is None and prompter is None:
        prompter = driving.prompter(ctx, tree_ref or "TREE")
    root = root or _picked(ctx, mode, prompter, feeds)
    if root is None:  # Quit in the list: nothing was started, nothing to save
        return None
    _meant_for(root, mode)
    trees = with_subtrees(root, ctx.library.tree)
    if answer_file is not None:
        check_names(answer_file, trees, root.id)
    met = known_flow.meet(ctx, root, feeds, prompter, mode) if feeds and prompter else None
    if met is not None and met.choice == STOP:  # nothing was started: nothing to save
        return None
    checks_on = checks if checks is not None else mode == "self"
    meta = {"mode": mode, "lang": ctx.lang, "case": case, "checks": checks_on}
    meta |= {"source": root.source, "answers_file": str(answers_path) if answers_path else None}
    session = sessions.Session.create(root, trees, meta)
    session.append(events.Start(root.id, root.version, mode))
    ended = known_flow.record(ctx, session, met, prompter) if met is not None else None
    engine = Engine(trees, root.id)
    if ended is not None:  # "this is my problem": the session ended before its first step
        codes.keep_code(session, engine)  # its code: the tree, no answers, ended known
        return ended
    make = functools.partial(driving.wizard, ctx, engine, session, mode, prompter, runner)
    reminder = known_flow.reminder_of(ctx, met, mode)
    return _run(ctx, session, root, answer_file, make, reminder)


def _meant_for(root: Tree, mode: str) -> None:
    """A tree runs only in a mode it is meant for."""
    if mode not in root.audience:
        raise UsageError(
            _("tree {tree} is not meant for {mode} mode.", tree=repr(root.id), mode=mode),
            _("Run it with --{mode}, or pick another tree.", mode=root.audience[0]),
        )


def _answers(ctx: AppContext, answers_path: Path | None) -> AnswerFile | None:
    """The answer file when one is given; its language is the run's unless one was chosen."""
    if answers_path is None:
        return None
    answer_file = load_answer_file(answers_path)
    if answer_file.lang and not ctx.lang_option:
        ctx.lang_option = answer_file.lang
    return answer_file


def _picked(
    ctx: AppContext, mode: str, prompter: Prompter | None, feeds: known_flow.Feeds | None
) -> Tree | None:
    """The tree picked from the list (None when the list is quit)."""
    if prompter is None:
        raise UsageError(
            _("no tree given."), _("Name the tree: `fixit start TREE --answers FILE`.")
        )
    picked = pick_tree(ctx, mode, prompter, feeds)
    return None if picked is None else ctx.library.get(picked)


def _run(
    ctx: AppContext,
    session: sessions.Session,
    root: Tree,
    answer_file: AnswerFile | None,
    make: Callable[[bool], Wizard],
    reminder: str = "",
) -> Ended:
    """Run a new session from its first question to where it stops (`make` gives its wizard,
    told whether checks are on), then release it."""
    mode, checks_on = str(session.meta["mode"]), bool(session.meta["checks"])
    snapshot: Snapshot | None = None
    wizard: Wizard | None = None
    try:
        if answer_file is not None:
            record_scripted_extras(session, answer_file)
        else:
            ctx.screen.line(localize(root.title, ctx.lang), "bold")  # which problem this is
            ctx.screen.line(ctx.msgs(START[mode]), "dim")
            _waiting_notice(ctx)
        snapshot = driving.snapshot(ctx, session, mode, checks_on)
        wizard = make(checks_on)
        wizard.view.reminder = reminder  # a known problem the agent carried on past
        wizard.answer_file = answer_file
        wizard.caller = dict(answer_file.caller) if answer_file is not None else {}
        ask_caller = mode == "agent" and answer_file is None
        return driving.drive(ctx, wizard, State(), ask_caller=ask_caller, snapshot=snapshot)
    except FixitError:
        if answer_file is not None and session.meta.get("status") == "running":
            _stop_scripted(ctx, session, snapshot, wizard.engine if wizard else None)
        raise
    finally:
        session.close()


def _stop_scripted(
    ctx: AppContext, session: sessions.Session, snapshot: Snapshot | None, engine: Engine | None
) -> None:
    """An answer-file run that failed before its end (an answer missing) is saved as paused,
    not left looking interrupted or still running, with the support code of where it stopped:
    its answers so far can be carried on."""
    if snapshot is not None and snapshot.started:
        snapshot.finish()
    try:
        session.append(events.Quit("answers"))
        session.save_meta(status="paused")
    except (FixitError, OSError):  # a full disk: the error being raised is still the one to tell
        return
    if engine is not None:
        codes.keep_code(session, engine)
    record_end(ctx.config, session.id)
    driving.say_quietly(
        ctx,
        ctx.msgs(
            _(
                "The answers so far are saved in session {id}: carry on with `fixit resume {id}`, "
                "or complete the answer file and run it again.",
                id=session.id,
            )
        ),
    )


def _waiting_notice(ctx: AppContext) -> None:
    """Mention reports still waiting in the outbox (a folder listing: nothing to import before
    the first prompt)."""
    base = paths.state_dir() / "outbox"
    try:
        count = sum(
            1
            for p in base.iterdir()
            if p.is_dir() and p.name not in ("sent", "outcomes") and not p.name.startswith(".")
        )
    except OSError:
        return
    if count:
        ctx.screen.line(
            ctx.msgs(
                _(
                    "Reports waiting in the outbox: {n}. Send them with `fixit outbox send`.",
                    n=count,
                )
            ),
            "yellow",
        )


def record_scripted_extras(session: sessions.Session, af: AnswerFile) -> None:
    """Journal what an answer file says beside its answers: the caller and the notes."""
    if af.caller:
        session.append(events.Caller(dict(af.caller)))
    for note in af.notes:
        session.append(events.Note("", note))
