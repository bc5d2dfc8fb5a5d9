"""Support codes of sessions: the code of where a session stands, made at its end and at
save-and-quit, kept in its metadata (for `fixit sessions`, the end summary and the report) and
shown on the screen at save-and-quit."""

from __future__ import annotations

from fixit import sessions
from fixit.code_lines import code_lines
from fixit.context import AppContext
from fixit.engine import Engine
from fixit.errors import FixitError
from fixit.history import replay


def keep_code(session: sessions.Session, engine: Engine) -> str | None:
    """Make the support code of the session's answers in force (and of its end at a known
    problem, when it ended so), keep it in its metadata and return it; None when no code can be
    made (the session is saved all the same)."""
    from fixit.supportcode import encode

    history = replay(engine, session.events)
    active = history.state.active
    known = history.ended is not None and history.ended.outcome == "known"
    try:
        finished = engine.walk(active).finished
        mode = str(session.meta.get("mode", "self"))
        digest = str(session.meta.get("digest") or "")
        code = encode(engine.trees, engine.root, digest, active, mode, finished, known)
        session.save_meta(support_code=code)
    except (FixitError, ValueError, KeyError, IndexError, OSError):
        return None
    return code


def show_code(ctx: AppContext, code: str | None, mode: str) -> None:
    """The support code's lines on the screen (nothing without a code)."""
    if not code:
        return
    ctx.screen.line()
    for text, style in code_lines(ctx.msgs, code, mode):
        ctx.screen.line(text, style)
