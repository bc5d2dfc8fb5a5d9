"""A session's lifecycle: start one (from an answer file, a tree or the list), resume one onto
the tree as it is now, and drive it to where it stops (see drive.py)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit import paths, sessions
from fixit.answers import AnswerFile, check_names, load_answer_file
from fixit.context import AppContext
from fixit.engine import Engine, State
from fixit.errors import FixitError, SessionError, UsageError
from fixit.flows import drive as driving
from fixit.flows.drive import Ended
from fixit.history import History, rebase_event, rebase_notice, replay
from fixit.i18n import _
from fixit.labels import START
from fixit.prompts.base import Option, Prompter
from fixit.snapshot import Snapshot
from fixit.textsafe import visible
from fixit.trees.graph import with_subtrees
from fixit.trees.model import Summary, Tree, localize

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner

PICK_QUIT = "!quit"


def pick_tree(ctx: AppContext, mode: str, prompter: Prompter) -> str | None:
    """The searchable list of trees for the mode (titles, descriptions and tags in every
    language are searched); returns the chosen id, or None when the user quits."""
    trees = [t for t in ctx.library.summaries().values() if mode in t.audience]
    if not trees:
        raise FixitError(
            ctx.msgs(_("There are no trees for this mode.")),
            "Add trees with --trees DIR or check `fixit trees list`.",
        )
    trees.sort(key=lambda t: localize(t.title, ctx.lang).casefold())
    options = [
        Option(t.id, visible(localize(t.title, ctx.lang), True), keywords=_search_words(t))
        for t in trees
    ]
    options.append(Option(PICK_QUIT, ctx.msgs(_("Quit")), separator_before=True, always=True))
    chosen = prompter.select(
        ctx.msgs(_("What do you need help with?")),
        options,
        search=True,
        instruction=ctx.msgs(_("(type to search, arrows to move, Enter to choose)")),
    )
    return None if chosen == PICK_QUIT else chosen


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
    answer_file: AnswerFile | None = None
    if answers_path is not None:
        answer_file = load_answer_file(answers_path)
        tree_ref = tree_ref or answer_file.tree
        mode = mode or answer_file.mode
        if answer_file.lang and not ctx.lang_option:
            ctx.lang_option = answer_file.lang
    mode = mode or ctx.config.mode
    root = ctx.library.get(tree_ref) if tree_ref is not None else None
    if answer_file is None and prompter is None:
        prompter = driving.prompter(ctx, tree_ref or "TREE")
    if root is None:
        if prompter is None:
            raise UsageError("no tree given.", "Name the tree: `fixit start TREE --answers FILE`.")
        picked = pick_tree(ctx, mode, prompter)
        if picked is None:  # Quit in the list: nothing was started, nothing to save
            return None
        root = ctx.library.get(picked)
    if mode not in root.audience:
        raise UsageError(
            f"tree {root.id!r} is not meant for {mode} mode.",
            f"Run it with --{root.audience[0]}, or pick another tree.",
        )
    trees = with_subtrees(root, ctx.library.tree)
    if answer_file is not None:
        check_names(answer_file, trees, root.id)
    checks_on = checks if checks is not None else mode == "self"
    session = sessions.Session.create(
        root,
        trees,
        {
            "mode": mode,
            "lang": ctx.lang,
            "case": case,
            "checks": checks_on,
            "source": root.source,
            "answers_file": str(answers_path) if answers_path else None,
        },
    )
    session.append({"t": "start", "tree": root.id, "version": root.version, "mode": mode})
    snapshot: Snapshot | None = None
    try:
        if answer_file is not None:
            record_scripted_extras(session, answer_file)
        else:
            ctx.screen.line(localize(root.title, ctx.lang), "bold")  # which problem this is
            ctx.screen.line(ctx.msgs(START[mode]), "dim")
            _waiting_notice(ctx)
        snapshot = driving.snapshot(ctx, session, mode, checks_on)
        engine = Engine(trees, root.id)
        wizard = driving.wizard(ctx, engine, session, mode, prompter, runner, checks_on)
        wizard.answer_file = answer_file
        wizard.caller = dict(answer_file.caller) if answer_file is not None else {}
        ask_caller = mode == "agent" and answer_file is None
        return driving.drive(ctx, wizard, State(), ask_caller=ask_caller, snapshot=snapshot)
    except FixitError:
        if answer_file is not None and session.meta.get("status") == "running":
            _stop_scripted(ctx, session, snapshot)
        raise
    finally:
        session.close()


def _stop_scripted(ctx: AppContext, session: sessions.Session, snapshot: Snapshot | None) -> None:
    """An answer-file run that failed before its end (an answer missing) is saved as paused,
    not left looking interrupted or still running: its answers so far can be carried on."""
    if snapshot is not None and snapshot.started:
        snapshot.finish()
    try:
        session.append({"t": "quit", "reason": "answers"})
        session.save_meta(status="paused")
    except (FixitError, OSError):  # a full disk: the error being raised is still the one to tell
        return
    driving.say_quietly(
        ctx,
        ctx.msgs(
            _(
                "The answers so far are saved in session {id}: carry on with `fixit resume {id}`, or complete the answer file and run it again.",
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
            if p.is_dir() and p.name != "sent" and not p.name.startswith(".")
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
        session.append({"t": "caller", "caller": af.caller})
    for note in af.notes:
        session.append({"t": "note", "node": "", "text": note})


def latest_unfinished() -> str:
    """The newest session that is not finished and not open elsewhere."""
    open_elsewhere = None
    for meta in sessions.listing():
        if meta.get("status") in ("paused", "interrupted"):
            return str(meta["id"])
        if meta.get("status") == "running" and open_elsewhere is None:
            open_elsewhere = str(meta["id"])
    if open_elsewhere is not None:
        holder = sessions.lock_holder(sessions.find(open_elsewhere))
        raise SessionError(
            f"the only unfinished session, {open_elsewhere}, is open in {holder}.",
            "Finish or quit it there first, or start a new one with `fixit`.",
        )
    raise SessionError(
        "there is no unfinished session to carry on.",
        "Start a new one with `fixit`, or list them with `fixit sessions`.",
    )


def time_spent(events: Iterable[Mapping[str, Any]]) -> float:
    """Seconds spent in a session's runs so far (each from its start or resume to its last
    event), not counting the time it lay paused in between."""
    total, first, last = 0.0, None, None
    for event in events:
        try:
            at = dt.datetime.fromisoformat(str(event.get("at", "")))
        except ValueError:
            continue  # an event without a readable time adds nothing
        if at.tzinfo is None:  # written by hand: read as UTC, so times still subtract
            at = at.replace(tzinfo=dt.timezone.utc)
        if event.get("t") == "resume" or first is None:
            total += (last - first).total_seconds() if first and last else 0.0
            first = at
        last = at
    total += (last - first).total_seconds() if first and last else 0.0
    return max(0.0, total)


def resume(
    ctx: AppContext,
    sid: str | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> Ended:
    """Carry on an interrupted session; answers that no longer fit a changed tree are dropped."""
    loaded = sessions.load(sid or latest_unfinished())
    if loaded.meta.get("status") == "finished":
        raise SessionError(
            ctx.msgs(_("Session {id} is already finished.", id=loaded.id)),
            f"See it with `fixit report {loaded.id}`.",
        )
    session = sessions.Session.reopen(loaded)  # first: "open elsewhere" beats "needs a terminal"
    try:
        prompter = prompter or driving.prompter(ctx, "")
        root_id = str(loaded.meta["tree"])
        trees, state, history = _rebased(ctx, loaded, session)
        session.append({"t": "resume"})
        session.save_meta(status="running")
        title = localize(trees[root_id].title, ctx.lang)
        ctx.screen.line(
            ctx.msgs(_("Carrying on with session {id}: {title}.", id=loaded.id, title=title)),
            "bold",
        )
        mode = str(loaded.meta.get("mode", "self"))
        checks_on = bool(loaded.meta.get("checks", mode == "self"))
        engine = Engine(trees, root_id)
        wizard = driving.wizard(ctx, engine, session, mode, prompter, runner, checks_on)
        wizard.started = time.monotonic() - time_spent(loaded.events)  # the call timer goes on
        asked = history.caller_asked
        snapshot = (
            driving.snapshot(ctx, session, mode, checks_on) if not loaded.environment() else None
        )
        return driving.drive(
            ctx, wizard, state, ask_caller=mode == "agent", caller=asked, snapshot=snapshot
        )
    finally:
        session.close()


def _rebased(
    ctx: AppContext, loaded: sessions.Loaded, session: sessions.Session
) -> tuple[Mapping[str, Tree], State, History]:
    """The session's trees, state and history; when its tree changed since, the state is fitted
    onto the tree as it is now (saved, and what no longer fits is said)."""
    root_id = str(loaded.meta["tree"])
    history = replay(Engine(loaded.trees, root_id), loaded.events)
    trees: Mapping[str, Tree] = loaded.trees
    state = history.state
    current = ctx.library.by_id.get(root_id)
    if current and (current.summary is None or current.problems):
        ctx.screen.line(
            ctx.msgs(
                _(
                    "The tree has changed and no longer validates; carrying on with the version this session started with."
                )
            ),
            "yellow",
        )
    elif current and current.summary and current.summary.digest != loaded.meta.get("digest"):
        trees = with_subtrees(ctx.library.get(root_id), ctx.library.tree)
        before, versions = state, (loaded.meta.get("version"), current.summary.version)
        state, misfits = Engine(trees, root_id).fit(state.active, state.held)
        session.append(rebase_event(current.summary.digest, state))
        session.replace_trees(trees)
        session.save_meta(digest=current.summary.digest, version=current.summary.version)
        misfits += history.misfits
        notice = rebase_notice(ctx.msgs, root_id, versions, before, state, misfits)
        ctx.screen.line(notice, "yellow")
    return trees, state, history
