"""Driving one session's wizard to where it stops: the parts `start` and `resume` share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit import events, sessions, signals
from fixit.context import AppContext
from fixit.diagnostics.result import CheckResult
from fixit.engine import Engine, State, Walk
from fixit.errors import ExitCode, Interrupted, NeedsTerminalError
from fixit.flows import codes
from fixit.flows.team import record_end
from fixit.i18n import _
from fixit.labels import CALLER
from fixit.prompts.base import Prompter
from fixit.snapshot import Snapshot
from fixit.wizard import QuitRequested, Wizard

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner

CALLER_FIELDS = ("name", "organisation", "contact", "device_id")


@dataclass(frozen=True)
class Ended:
    """How a session's run stopped: `finished` (with the `walk` to its end) or `paused`.

    `prompter` is who can still be asked after the end (None for an answer-file run), and
    `mode` the session's mode: what the end screen needs to offer sending the report."""

    session: str
    how: str
    mode: str
    walk: Walk | None = None
    prompter: Prompter | None = None


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
        hint = _("Run `fixit resume` in a terminal.")
    else:
        answers = f"`fixit start {tree} --answers FILE`"  # a command line: never translated
        hint = _("Run fixit in a terminal, or give the answers with {command}.", command=answers)
    return NeedsTerminalError(
        _("an interactive prompt is needed, but standard input is not a terminal."), hint
    )


def prompter(ctx: AppContext, tree: str = "TREE") -> Prompter:
    """The interactive prompter; `tree` names the tree an answer file would be for ("" when
    resuming a session)."""
    if not ctx.interactive():
        raise _needs_terminal(tree)
    from fixit.prompts.interactive import prompter_for
    from fixit.wizard_text import command_words

    return prompter_for(ctx.msgs, ctx.plain, command_words() if ctx.plain else None)


def wizard(
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


def snapshot(
    ctx: AppContext, session: sessions.Session, mode: str, checks_on: bool
) -> Snapshot | None:
    """Start the environment snapshot in self mode with checks on (the user's own machine)."""
    if mode != "self" or not checks_on:
        return None
    runner = ConfiguredRunner(ctx.config.checks)
    from fixit.report.title import REPORT_TREE  # the report's model: not before the prompt

    if session.meta.get("tree") == REPORT_TREE:  # a problem report runs every diagnostic
        from fixit.diagnostics.registry import CHECKS
        from fixit.diagnostics.runner import ThreadRunner

        budget = max(ThreadRunner(ctx.config.checks).limit(c) for c in CHECKS) + 1
        return Snapshot(runner, session, list(CHECKS), budget)
    return Snapshot(runner, session)


def ask_caller(ctx: AppContext, wizard: Wizard, known: dict[str, str]) -> None:
    """Ask the caller's details not asked yet; what was typed is kept even after Ctrl-C."""
    wizard.caller = {k: v for k, v in known.items() if v}  # they pre-fill the tree's inputs
    missing = [key for key in CALLER_FIELDS if key not in known]
    if not missing or wizard.prompter is None:
        return
    ctx.screen.line(
        ctx.msgs(_("First, the caller's details (leave blank what you don't have).")), "bold"
    )
    caller = dict(known)
    try:
        for key in missing:
            caller[key] = wizard.prompter.text(ctx.msgs(CALLER[key])).strip()
    finally:
        wizard.caller = {k: v for k, v in caller.items() if v}
        if caller != known:
            wizard.session.append(events.Caller(caller))


def drive(
    ctx: AppContext,
    wizard: Wizard,
    state: State,
    ask_caller: bool = False,
    caller: dict[str, str] | None = None,
    snapshot: Snapshot | None = None,
) -> Ended:
    """Run the wizard; save how it stopped: end, quit, Ctrl-C, SIGTERM, SIGHUP (the last three
    raise Interrupted once saved)."""
    session = wizard.session
    mode = str(session.meta.get("mode", "self"))
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
        session.append(events.Quit("user"))
        session.save_meta(status="paused")
        record_end(ctx.config, session.id)  # left: its outcome record says abandoned
        codes.show_code(ctx, codes.keep_code(session, wizard.engine), mode)
        ctx.screen.line(
            ctx.msgs(_("Saved. Carry on later with: fixit resume {id}", id=session.id)), "bold"
        )
        return Ended(session.id, "paused", mode)
    except (KeyboardInterrupt, EOFError, Interrupted, OSError) as exc:
        raise stopped(ctx, session, exc, wizard.engine) from None
    finish(session, walk)
    record_end(ctx.config, session.id)
    codes.keep_code(session, wizard.engine)  # the end summary shows it, from the metadata
    asking = wizard.prompter if wizard.answer_file is None else None
    return Ended(session.id, "finished", mode, walk, asking)


_ask_caller = ask_caller  # `drive` has a parameter of the same name


def stopped(
    ctx: AppContext, session: sessions.Session, exc: BaseException, engine: Engine | None = None
) -> Interrupted:
    """Save a run cut short (Ctrl-C, end of input, SIGTERM, the terminal gone with SIGHUP) as
    interrupted and say how to carry on; the Interrupted to end with, of the signal's code.
    Any other OSError is not a stop: it is raised as it is."""
    if isinstance(exc, OSError):  # the terminal went away under the prompt
        hangup = signals.hangup_code(exc)
        if hangup is None:
            raise exc
        code = hangup
    else:
        code = exc.code if isinstance(exc, Interrupted) else ExitCode.SIGINT
    session.append(events.Quit(code.name))
    session.save_meta(status="interrupted")
    record_end(ctx.config, session.id)
    kept = codes.keep_code(session, engine) if engine is not None else None
    line = _("Stopped. Your answers are saved; carry on with: fixit resume {id}", id=session.id)
    shown = [ctx.msgs(_("Support code: {code}", code=kept))] if kept else []
    say_quietly(ctx, ctx.msgs(line), *shown)  # the code too, if the terminal is still there
    return Interrupted(code)


def say_quietly(ctx: AppContext, text: str, *more: str) -> None:
    """Print if the terminal is still there (after SIGHUP it may not be): a bold line, and any
    more lines under it."""
    try:
        ctx.screen.line()
        ctx.screen.line(text, "bold")
        for extra in more:
            ctx.screen.line(extra)
    except OSError:
        pass


def finish(session: sessions.Session, walk: Walk) -> None:
    """Save the end: the journal's last event and the finished status with the outcome."""
    session.append(events.End(walk.outcome, walk.end))
    session.save_meta(status="finished", outcome=walk.outcome)
