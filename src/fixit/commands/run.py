"""`fixit` and `fixit start`: run the wizard on a tree and show how the session ended."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import ExitCode, FixitError
from fixit.flows import session as flow
from fixit.prompts.base import Prompter

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


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
    """Start a new session on a tree (or the one picked from the list) and run it to the end;
    a finished one ends with its summary and the offer to send it (unless `show_summary` is
    False)."""
    from fixit.flows.team import after_session

    try:
        ended = flow.start(ctx, tree_ref, mode, answers_path, case, checks, prompter, runner)
    except FixitError:  # an answer-file run stopped short: its record says abandoned
        after_session(ctx.config)
        raise
    if ended is not None and show_summary and ended.how == "known":
        from fixit.flows.known_end import end_screen as known_end  # "this is my problem"

        known_end(ctx, ended)
    elif ended is not None and show_summary:
        from fixit.flows.ending import end_screen  # the report's machinery: after the session

        end_screen(ctx, ended)
    if ended is not None:
        after_session(ctx.config)  # outcome records to the team store, if there is one
    return ExitCode.OK
