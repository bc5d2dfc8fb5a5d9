"""`fixit`, `fixit start` and `fixit resume`: run the wizard and save the session."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit import paths, sessions, signals
from fixit.answers import AnswerFile, check_names, load_answer_file
from fixit.context import AppContext
from fixit.diagnostics.result import CheckResult
from fixit.engine import Engine, State, Walk
from fixit.errors import (
    ExitCode,
    FixitError,
    Interrupted,
    NeedsTerminalError,
    UsageError,
)
from fixit.history import replay
from fixit.prompts.base import Option, Prompter
from fixit.report.title import REPORT_TREE
from fixit.snapshot import Snapshot
from fixit.textsafe import visible
from fixit.trees.model import Summary, Tree, localize
from fixit.wizard import QuitRequested, Wizard
from fixit.i18n import _

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner

CALLER_FIELDS = ("name", "organisation", "contact", "device_id")


class ConfiguredRunner:
    """The real check runner with the configuration's settings, imported on first use."""

    def __init__(self, settings: Mapping[str, Mapping[str, Any]]) -> None:
        self.settings = settings

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Run the checks with the thread runner."""
        from fixit.diagnostics.runner import ThreadRunner

        return ThreadRunner(self.settings).run(ids)


def _needs_terminal(tree: str = "TREE") -> NeedsTerminalError:
    if tree == "":  # resuming: the answers already given are in the session
        hint = "Run `fixit resume` in a terminal."
    else:
        answers = f"`fixit start {tree} --answers FILE`"
        hint = f"Run fixit in a terminal, or give the answers with {answers}."
    return NeedsTerminalError(
        "an interactive prompt is needed, but standard input is not a terminal.", hint
    )


def _prompter(ctx: AppContext, tree: str = "TREE") -> Prompter:
    """The interactive prompter; `tree` names the tree an answer file would be for ("" when
    resuming a session)."""
    if not ctx.interactive():
        raise _needs_terminal(tree)
    from fixit.prompts.interactive import prompter_for
    from fixit.wizard import COMMANDS

    return prompter_for(ctx.msgs, ctx.plain, COMMANDS)


def with_subtrees(root: Tree, lookup: Callable[[str], Tree]) -> dict[str, Tree]:
    """The root tree and every tree it runs, transitively."""
    out = {root.id: root}
    todo = list(root.subtrees())
    while todo:
        tid = todo.pop()
        if tid not in out:
            out[tid] = lookup(tid)
            todo += out[tid].subtrees()
    return out


def pick_tree(ctx: AppContext, mode: str, prompter: Prompter) -> str | None:
    """The searchable list of trees for the mode (titles, descriptions and tags in every
    language are searched); returns the chosen id, or None when the user quits."""
    trees = [t for t in ctx.library.summaries().values() if mode in t.audience]
    if not trees:
        raise FixitError(
            ctx.msgs(_("There are no trees for this mode.")), "Add trees with --trees DIR or check `fixit trees list`."
        )
    trees.sort(key=lambda t: localize(t.title, ctx.lang).casefold())
    options = [
        Option(t.id, visible(localize(t.title, ctx.lang), True), keywords=_search_words(t))
        for t in trees
    ]
    options.append(Option(PICK_QUIT, ctx.msgs(_("Quit")), separator_before=True, always=True))
    chosen = prompter.select(
        ctx.msgs(_("What do you need help with?")), options, search=True, instruction=ctx.msgs(_("(type to search, arrows to move, Enter to choose)"))
    )
    return None if chosen == PICK_QUIT else chosen


PICK_QUIT = "!quit"


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
    show_summary: bool = True,
) -> int:
    """Start a new session on a tree (or the one picked from the list) and run it to the end."""
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
        prompter = _prompter(ctx, tree_ref or "TREE")
    if root is None:
        if prompter is None:
            raise UsageError("no tree given.", "Name the tree: `fixit start TREE --answers FILE`.")
        picked = pick_tree(ctx, mode, prompter)
        if picked is None:  # Quit in the list: nothing was started, nothing to save
            return ExitCode.OK
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
            _record_scripted_extras(session, answer_file)
        else:
            ctx.screen.line(localize(root.title, ctx.lang), "bold")  # which problem this is
            ctx.screen.line(ctx.msgs(f"start.{mode}"), "dim")
            _waiting_notice(ctx)
        snapshot = _snapshot(ctx, session, mode, checks_on)
        wizard = _wizard(ctx, Engine(trees, root.id), session, mode, prompter, runner, checks_on)
        wizard.answer_file = answer_file
        wizard.caller = dict(answer_file.caller) if answer_file is not None else {}
        ask_caller = mode == "agent" and answer_file is None
        return _drive(
            ctx, wizard, State(), ask_caller=ask_caller, snapshot=snapshot, summary=show_summary
        )
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
    _say_quietly(ctx, ctx.msgs(_("The answers so far are saved in session {id}: carry on with `fixit resume {id}`, or complete the answer file and run it again.", id=session.id)))


def _wizard(
    ctx: AppContext,
    engine: Engine,
    session: sessions.Session,
    mode: str,
    prompter: Prompter | None,
    runner: CheckRunner | None,
    checks_on: bool,
) -> Wizard:
    """The wizard for a session, with the configured check runner unless a test gives one."""
    runner = runner or ConfiguredRunner(ctx.config.checks)
    return Wizard(engine, session, ctx.msgs, ctx.screen, runner, mode, prompter, None, checks_on)


def _snapshot(
    ctx: AppContext, session: sessions.Session, mode: str, checks_on: bool
) -> Snapshot | None:
    """Start the environment snapshot in self mode with checks on (the user's own machine)."""
    if mode != "self" or not checks_on:
        return None
    runner = ConfiguredRunner(ctx.config.checks)
    if session.meta.get("tree") == REPORT_TREE:  # a problem report runs every diagnostic
        from fixit.diagnostics.registry import CHECKS
        from fixit.diagnostics.runner import ThreadRunner

        budget = max(ThreadRunner(ctx.config.checks).limit(c) for c in CHECKS) + 1
        return Snapshot(runner, session, list(CHECKS), budget)
    return Snapshot(runner, session)


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
        ctx.screen.line(ctx.msgs(_("Reports waiting in the outbox: {n}. Send them with `fixit outbox send`.", n=count)), "yellow")


def _record_scripted_extras(session: sessions.Session, af: AnswerFile) -> None:
    if af.caller:
        session.append({"t": "caller", "caller": af.caller})
    for note in af.notes:
        session.append({"t": "note", "node": "", "text": note})


def _ask_caller(ctx: AppContext, wizard: Wizard, known: dict[str, str]) -> None:
    """Ask the caller's details not asked yet; what was typed is kept even after Ctrl-C."""
    wizard.caller = {k: v for k, v in known.items() if v}  # they pre-fill the tree's inputs
    missing = [key for key in CALLER_FIELDS if key not in known]
    if not missing or wizard.prompter is None:
        return
    ctx.screen.line(ctx.msgs(_("First, the caller's details (leave blank what you don't have).")), "bold")
    caller = dict(known)
    try:
        for key in missing:
            caller[key] = wizard.prompter.text(ctx.msgs(f"caller.{key}")).strip()
    finally:
        wizard.caller = {k: v for k, v in caller.items() if v}
        if caller != known:
            wizard.session.append({"t": "caller", "caller": caller})


def _drive(
    ctx: AppContext,
    wizard: Wizard,
    state: State,
    ask_caller: bool = False,
    caller: dict[str, str] | None = None,
    snapshot: Snapshot | None = None,
    summary: bool = True,
) -> int:
    """Run the wizard; save and report how it stopped: end, quit, Ctrl-C, SIGTERM, SIGHUP."""
    session = wizard.session
    if snapshot is not None:
        wizard.on_answer = snapshot.start
    try:
        if ask_caller:
            _ask_caller(ctx, wizard, caller or {})
        state, walk = wizard.run(state)
        if snapshot is not None:
            snapshot.finish()
    except QuitRequested:
        if snapshot is not None:
            snapshot.finish()
        session.append({"t": "quit", "reason": "user"})
        session.save_meta(status="paused")
        ctx.screen.line(ctx.msgs(_("Saved. Carry on later with: fixit resume {id}", id=session.id)), "bold")
        return ExitCode.OK
    except (KeyboardInterrupt, EOFError, Interrupted, OSError) as exc:
        if isinstance(exc, OSError):  # the terminal went away under the prompt
            hangup = signals.hangup_code(exc)
            if hangup is None:
                raise
            code = hangup
        else:
            code = exc.code if isinstance(exc, Interrupted) else ExitCode.SIGINT
        session.append({"t": "quit", "reason": code.name})
        session.save_meta(status="interrupted")
        _say_quietly(ctx, ctx.msgs(_("Stopped. Your answers are saved; carry on with: fixit resume {id}", id=session.id)))
        raise Interrupted(code) from None
    asking = wizard.prompter if summary and wizard.answer_file is None else None
    offering = _finish(ctx, session, walk, summary, asking)
    if offering and asking is not None:  # after the summary, so the screen ends with the ticket
        from fixit.commands.ending import offer_to_send

        offer_to_send(ctx, session.id, str(session.meta.get("mode", "self")), asking)
    return ExitCode.OK


def _say_quietly(ctx: AppContext, text: str) -> None:
    """Print if the terminal is still there (after SIGHUP it may not be)."""
    try:
        ctx.screen.line()
        ctx.screen.line(text, "bold")
    except OSError:
        pass


def _finish(
    ctx: AppContext,
    session: sessions.Session,
    walk: Walk,
    show: bool = True,
    prompter: Prompter | None = None,
) -> bool:
    """Save the end; show the summary with its one next step. True when fixit is to offer to
    send the report next (a `prompter` to ask with, and a target to send to)."""
    from fixit.commands.ending import will_offer
    from fixit.next_step import line_for
    from fixit.summary import build_summary  # the report's machinery: not on the way to a prompt

    session.append({"t": "end", "outcome": walk.outcome, "end": walk.end})
    session.save_meta(status="finished", outcome=walk.outcome)
    if not show:
        return False
    loaded = sessions.load(session.id)
    history = replay(Engine(loaded.trees, loaded.meta["tree"]), loaded.events)
    summary = build_summary(
        loaded.meta, loaded.trees, history, ctx.msgs, ctx.config.contact(), config=ctx.config
    )
    offering = will_offer(ctx, loaded.meta, prompter)
    category = loaded.trees[str(loaded.meta["tree"])].category
    summary["next"] = line_for(ctx.msgs, loaded.meta, walk.fields, category, ctx.config, offering)
    from fixit import ui

    ui.show_summary(ctx.console, summary, ctx.msgs, ctx.plain)
    return offering
