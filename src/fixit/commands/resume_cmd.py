"""`fixit resume`: carry on an interrupted session, onto the tree as it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.flows import resume as flow
from fixit.prompts.base import Prompter

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


def resume(
    ctx: AppContext,
    sid: str | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> int:
    """Carry on an interrupted session; answers that no longer fit a changed tree are dropped.
    A finished one ends with its summary and the offer to send it."""
    ended = flow.resume(ctx, sid, prompter, runner)
    from fixit.flows.ending import end_screen  # the report's machinery: after the session

    end_screen(ctx, ended)
    from fixit.flows.team import after_session

    after_session(ctx.config)  # outcome records to the team store, if there is one
    return ExitCode.OK
