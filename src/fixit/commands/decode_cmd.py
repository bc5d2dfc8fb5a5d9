"""`fixit decode CODE`: what a support code read over the phone says; and the agent's pickup
from one (`fixit start --from-code CODE`, `fixit resume --code CODE`)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.flows.decoding import (
    CodeReading,
    canonical,
    describe,
    path_lines,
    read_code,
    seen_lines,
    show_lines,
    where_line,
)
from fixit.i18n import _
from fixit.labels import MODE
from fixit.prompts.base import Prompter
from fixit.textsafe import visible

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


def decode(ctx: AppContext, code: str, as_json: bool, spell: bool) -> int:
    """Show a support code's tree, path, check results and where it stopped, in the reader's
    language (`--json`: pure JSON; `--spell`: how to read the code out)."""
    decoded, trees = read_code(ctx, code)
    reading = describe(canonical(code), decoded, trees, ctx.msgs)
    if as_json:
        data = reading.to_json()
        if spell:
            from fixit.supportcode import spell as spelled

            data["spelling"] = list(spelled(reading.code, ctx.lang))
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    show_lines(ctx, lines(ctx, reading, spell))
    return ExitCode.OK


def lines(ctx: AppContext, reading: CodeReading, spell: bool) -> list[tuple[str, str]]:
    """The human form of a decoded code: each line with its style."""
    from fixit.code_lines import code_lines

    m = ctx.msgs
    out = code_lines(m, reading.code, "agent", spell)
    version = reading.version if reading.version is not None else "?"
    out.append(
        (
            m(
                _(
                    "{title} (tree {tree}, version {version})",
                    title=reading.title,
                    tree=reading.tree,
                    version=version,
                )
            ),
            "bold",
        )
    )
    mode = m(MODE[reading.mode]) if reading.mode in MODE else visible(reading.mode, True)
    out.append((m(_("Mode: {mode}", mode=mode)), ""))
    out += [("", ""), *path_lines(reading, m), ("", ""), where_line(reading, m)]
    out += seen_lines(reading, m)
    if not reading.finished or reading.outcome != "resolved":
        command = f"fixit start --from-code {reading.code} --agent"  # a command line
        out.append((m(_("Carry on as the agent: {command}", command=command)), "dim"))
    return out


def pickup(
    ctx: AppContext,
    code: str,
    case: str | None,
    checks: bool | None,
    prompter: Prompter | None = None,
    runner: CheckRunner | None = None,
) -> int:
    """Start an agent session from a user's support code and run it to its end; a finished one
    ends with its summary and the offer to send it."""
    from fixit.flows.ending import end_screen
    from fixit.flows.handover import start_from_code
    from fixit.flows.team import after_session

    ended = start_from_code(ctx, code, case, checks, prompter, runner)
    if ended is None:  # stopped at a known problem: nothing was started
        return ExitCode.OK
    if ended.how == "known":  # the caller's problem is a known one
        from fixit.flows.known_end import end_screen as known_end

        known_end(ctx, ended)
    else:
        end_screen(ctx, ended)
    after_session(ctx.config)
    return ExitCode.OK
