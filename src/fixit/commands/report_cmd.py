"""`fixit report`: a session's ticket-ready report, redacted, in any format and language."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from fixit import storage, term
from fixit.context import AppContext
from fixit.errors import ExitCode, UsageError
from fixit.i18n import Messages, _
from fixit.prompts.base import Prompter


def report(
    ctx: AppContext,
    sid: str | None,
    fmt: str | None,
    output: Path | None,
    *,
    new: bool = False,
    attach: Sequence[Path] = (),
    no_redact: bool = False,
    schema: bool = False,
    prompter: Prompter | None = None,
) -> int:
    """Print or write a report; with no session (or --new), ask the core questions first.

    The format is Markdown unless `fmt` names another; a report just asked for reads on the
    terminal as text, and ends like a wizard session: its id, the next step, the offer to send."""
    from fixit.flows import report as flow
    from fixit.report.render import render

    if schema:
        from fixit.report.schema import SCHEMA

        sys.stdout.write(json.dumps(SCHEMA, indent=2) + "\n")
        return ExitCode.OK
    given, fmt = fmt, _format(fmt)
    _check_options(sid, output, new, no_redact)
    asked = new or (sid is None and flow.latest_session() is None)
    if asked:
        sid = _ask_new(ctx, prompter)
        if sid is None:
            return ExitCode.OK
        if given is None and output is None and term.stdout_is_terminal():
            fmt = "text"  # read here, not pasted into a ticket: no Markdown marks
    sid = sid or flow.latest()
    flow.keep(sid, flow.attachable(ctx, attach))  # for good: `fixit submit` sends them too
    built = flow.build(ctx, sid, (), not no_redact)
    text = render(built, fmt, Messages(built.lang))
    _put(ctx, text, output, paged=not asked)
    if asked:
        from fixit.flows.ending import after_new_report

        after_new_report(ctx, sid, prompter)
    return ExitCode.OK


def _check_options(sid: str | None, output: Path | None, new: bool, no_redact: bool) -> None:
    """Refuse options that do not go together."""
    if no_redact and (output is not None or not term.stdout_is_terminal()):
        raise UsageError(
            _("--no-redact is only for reading a report on this screen."),
            _("Leave it out: reports written to files or pipes are always redacted."),
        )
    if new and sid is not None:
        raise UsageError(_("--new starts a new report; it takes no session."), _("Leave out one."))


def _put(ctx: AppContext, text: str, output: Path | None, paged: bool) -> None:
    """Write the report to `output`, else show it (a new report is not paged: the next step
    and the offer to send follow it on the screen)."""
    if output is not None:
        storage.write_output(output, text.encode("utf-8"))
        ctx.screen.line(ctx.msgs(_("Report written to {path}.", path=str(output))), "dim")
    elif paged:
        term.page(text)
    else:
        sys.stdout.write(text)


def _format(fmt: str | None) -> str:
    """The report format `--format` names (Markdown when none; md, txt and htm also do)."""
    from fixit.report.render import FORMATS

    name = (fmt or "markdown").lower()
    name = {"md": "markdown", "txt": "text", "htm": "html"}.get(name, name)
    if name not in FORMATS:
        raise UsageError(
            _("there is no report format {format}.", format=repr(name)),
            _("Use one of: {names}.", names=", ".join(FORMATS)),
        )
    return name


def _ask_new(ctx: AppContext, prompter: Prompter | None) -> str | None:
    """Run the core report questions (the `report-problem` tree); the new session's id."""
    from fixit.flows.session import start
    from fixit.report.title import REPORT_TREE

    ended = start(ctx, REPORT_TREE, None, None, None, None, prompter=prompter)
    return ended.session if ended is not None and ended.how == "finished" else None
