"""The agent's pickup from a user's support code (`fixit start --from-code`, `fixit resume
--code`): an agent session whose journal holds the user's answers, replayed as theirs, before
the call; it carries on where the user stopped, with Back into their answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixit import events, sessions
from fixit.context import AppContext
from fixit.engine import Answer, Engine, State
from fixit.errors import NeedsTerminalError, UsageError
from fixit.flows import codes
from fixit.flows import drive as driving
from fixit.flows import known as known_flow
from fixit.flows.decoding import (
    CodeReading,
    canonical,
    describe,
    path_lines,
    read_code,
    show_lines,
    where_line,
)
from fixit.i18n import Msg, _, ngettext
from fixit.known_view import STOP
from fixit.prompts.base import Option, Prompter
from fixit.stepping import back_stops_at
from fixit.trees.nodes import Input
from fixit.wizard import Wizard

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner
    from fixit.supportcode import Decoded

FINISH, BACK = "finish", "back"


def start_from_code(
    ctx: AppContext,
    code: str,
    case: str | None,
    checks: bool | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> driving.Ended | None:
    """Start an agent session on the code's tree with the user's answers replayed, and drive it
    on from where the user stopped (at their end: finish there or go Back). A known problem of
    the tree is shown first, as `fixit start` shows it: None when the agent stops there."""
    feeds = known_flow.begin(ctx)  # read while the code is decoded
    decoded, trees = read_code(ctx, code)
    code = canonical(code)
    root = trees[decoded.tree]
    if "agent" not in root.audience:
        raise UsageError(
            _("tree {tree} is not meant for agent mode.", tree=repr(root.id)),
            _("Read the code with `fixit decode {code}` instead.", code=code),
        )
    prompter = _asker(ctx, prompter, code)
    met = known_flow.meet(ctx, root, feeds, prompter, "agent")
    if met is not None and met.choice == STOP:  # nothing started: nothing to save
        return None
    checks_on = bool(checks)  # the agent's machine is not the caller's
    meta = {"mode": "agent", "lang": ctx.lang, "case": case, "checks": checks_on}
    meta |= {"source": root.source, "answers_file": None, "from_code": code}
    session = sessions.Session.create(root, trees, meta)
    try:
        session.append(events.Start(root.id, root.version, "agent"))
        engine = Engine(trees, root.id)
        given = replayed(engine, decoded, sessions.now())
        session.append(events.Handover(code, given))
        ended = known_flow.record(ctx, session, met, prompter) if met is not None else None
        if ended is not None:  # "this is the caller's problem": ended before the agent's part
            codes.keep_code(session, engine)  # its code: the caller's answers, ended known
            return ended
        state = engine.fit(given)[0]
        reading = describe(code, decoded, trees, ctx.msgs)
        waiting = engine.walk(state.active).qid != (decoded.at or "")  # stopped at an input
        _say_picked_up(ctx, reading, len(state.active), waiting)
        wizard = driving.wizard(ctx, engine, session, "agent", prompter, runner, checks_on)
        wizard.view.reminder = known_flow.reminder_of(ctx, met, "agent")  # all through the call
        try:
            state = _at_users_end(ctx, wizard, state, reading)
        except (KeyboardInterrupt, EOFError) as exc:
            raise driving.stopped(ctx, session, exc, engine) from None
        return driving.drive(ctx, wizard, state, ask_caller=True)
    finally:
        session.close()


def _asker(ctx: AppContext, prompter: Prompter | None, code: str) -> Prompter:
    """Who asks the agent: the given prompter, else the terminal (refused without one)."""
    if prompter is None and not ctx.interactive():
        raise NeedsTerminalError(
            _("an interactive prompt is needed, but standard input is not a terminal."),
            _("Run it in a terminal, or read the code with `fixit decode {code}`.", code=code),
        )
    return prompter or driving.prompter(ctx, "")


def replayed(engine: Engine, decoded: Decoded, at: str) -> tuple[Answer, ...]:
    """The user's answers from a code as the agent session records them: by the user (or the
    check, or the user overriding it), at the pickup; a code made in an agent session holds
    the answers of the agent of that earlier call, recorded as the agent's. A code holds no
    typed values: the walk stops at the first input, the agent asks it, and the answers after
    it come back then."""
    keep = ("check", "override")
    who = "agent" if decoded.mode == "agent" else "user"
    return tuple(
        Answer(a.node, a.value, a.by if a.by in keep else who, at)
        for a in decoded.answers
        if not isinstance(engine.node(a.node), Input)
    )


def _say_picked_up(ctx: AppContext, reading: CodeReading, kept: int, waiting: bool) -> None:
    """What was picked up: the problem, the code, how many of the user's answers are in (and,
    when some wait behind a typed answer, that it is asked first), and the user's steps."""
    ctx.screen.line(reading.title, "bold")
    ctx.screen.line(ctx.msgs(_picked_up(reading)), "dim")
    if kept:
        ctx.screen.line(ctx.msgs(_("← Back goes into these answers.")), "dim")
    if waiting:
        typed = (
            _(
                "A code holds nothing typed on that call: ask for it again, and that call's "
                "later answers come back by themselves."
            )
            if reading.mode == "agent"
            else _(
                "A code holds nothing the caller typed: ask for it again, and the caller's later "
                "answers come back by themselves."
            )
        )
        ctx.screen.line(ctx.msgs(typed), "dim")
    ended = reading.finished and reading.outcome != "known"  # an end: asked below
    where = [] if ended else [where_line(reading, ctx.msgs)]
    show_lines(ctx, [*path_lines(reading, ctx.msgs), *where, ("", "")])


def _picked_up(reading: CodeReading) -> Msg:
    """What was picked up: how many steps the list below shows (the code's own count, typed
    answers included), and whose they were."""
    n, code = sum(s.shown for s in reading.path), reading.code
    if not n:
        return _("Picked up from support code {code}: nothing had been answered yet.", code=code)
    if reading.mode == "agent":
        return ngettext(
            "Picked up from support code {code}, made on an earlier call with an agent: its {n} "
            "step is listed below.",
            "Picked up from support code {code}, made on an earlier call with an agent: its {n} "
            "steps are listed below.",
            n,
            code=code,
            n=n,
        )
    return ngettext(
        "Picked up from support code {code}: the caller's {n} step before the call is listed "
        "below.",
        "Picked up from support code {code}: the caller's {n} steps before the call are listed "
        "below.",
        n,
        code=code,
        n=n,
    )


def _at_users_end(ctx: AppContext, wizard: Wizard, state: State, reading: CodeReading) -> State:
    """Where the user's session had ended: show the end, and finish there or go Back to the
    last step a person answered."""
    engine, session, prompter = wizard.engine, wizard.session, wizard.prompter
    assert prompter is not None
    walk = engine.walk(state.active)
    if not walk.finished or not state.cursor:
        return state
    text = reading.end_text or (walk.outcome or "")
    earlier = reading.mode == "agent"  # a code made on an earlier call with an agent
    ended = (
        _("That earlier call ended here: {text}", text=text)
        if earlier
        else _("The caller's session ended here: {text}", text=text)
    )
    ctx.screen.line(ctx.msgs(ended))
    back = _("Back to that call's last step") if earlier else _("Back to the caller's last step")
    options = [Option(FINISH, ctx.msgs(_("Finish here"))), Option(BACK, ctx.msgs(back))]
    title = ctx.msgs(
        _("That earlier call already reached the end. What now?")
        if earlier
        else _("The caller already reached the end. What now?")
    )
    if prompter.select(title, options, default=FINISH) == FINISH:
        return state
    while state.cursor > 0:
        state = engine.back(state)
        session.append(events.Back())
        if back_stops_at(engine, state.answers, state.cursor, wizard.checks_enabled):
            break
    return state
