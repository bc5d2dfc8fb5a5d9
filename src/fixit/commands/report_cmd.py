"""`fixit report`: a session's ticket-ready report, redacted, in any format and language."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fixit import sessions, storage
from fixit.context import AppContext
from fixit.errors import ExitCode, SessionError, UsageError
from fixit.history import replay
from fixit.i18n import _, Messages
from fixit.prompts.base import Prompter


def redactor_for(ctx: AppContext, report: dict[str, Any]) -> Any:
    """The configured redactor for a report, keeping its reporter's contact (see privacy.py)."""
    from fixit.report.privacy import redactor_for as configured

    return configured(ctx.config, str(report["reporter"].get("contact", "")))


def report_msgs(ctx: AppContext, meta: Mapping[str, Any]) -> Messages:
    """The report's language: --lang (or FIXIT_LANG) when given, else the language the session
    ran in (its free-text answers are in that language), else the UI's."""
    from fixit.i18n import LANGUAGES

    ran = meta.get("lang")
    if ctx.lang_option or ran not in LANGUAGES:
        return ctx.msgs
    return Messages(str(ran))


def build(
    ctx: AppContext, sid: str, attach: Sequence[Path] = (), redact: bool = True
) -> dict[str, Any]:
    """The report of session `sid` in its language, redacted unless `redact` is False."""
    from fixit.report.model import build_report, engine_of
    from fixit.report.redact import redact_report

    loaded = sessions.load(sid)
    history = replay(engine_of(loaded), loaded.events)
    files = [*sessions.attached(loaded.meta), *attach]
    msgs = report_msgs(ctx, loaded.meta)
    report = build_report(loaded, history, msgs, ctx.config.contact(), files)
    return redact_report(report, redactor_for(ctx, report)) if redact else report


def remember(ctx: AppContext, sid: str, attach: Sequence[Path]) -> None:
    """Add files to the session's report for good (`fixit submit` sends them too); a file that
    cannot be attached is named on stderr with the reason, and not added."""
    keep(sid, attachable(ctx, attach))


def attachable(ctx: AppContext, attach: Sequence[Path]) -> list[Path]:
    """The files that can be attached (absolute); each other one named on stderr with why."""
    from fixit.report.attachments import describe
    from fixit.textsafe import visible

    good: list[Path] = []
    for path in attach:
        entry = describe(path.expanduser())
        if entry["problem"] is None:
            good.append(path.expanduser().resolve())
            continue
        size = ctx.msgs(_("{n} MB", n=round((entry["size"] or 0) / 1e6)))
        reason = ctx.msgs(f"rpt.attach.{entry['problem']}", size=size)
        sys.stderr.write(f"fixit: warning: {visible(str(path), True)}: {reason}\n")
    return good


def keep(sid: str, files: Sequence[Path]) -> None:
    """Add files to the session's list of attachments (each once)."""
    if not files:
        return

    def add(meta: dict[str, Any]) -> None:
        have = [str(p) for p in sessions.attached(meta)]
        new = [str(p) for p in files]
        meta["attachments"] = have + [p for p in dict.fromkeys(new) if p not in have]

    sessions.amend_meta(sid, add)


def latest_session() -> str | None:
    """The newest readable session's id, or None when there is none."""
    return sessions.newest()[0]


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
    from fixit.report.render import FORMATS, render

    if schema:
        from fixit.report.schema import SCHEMA

        sys.stdout.write(json.dumps(SCHEMA, indent=2) + "\n")
        return ExitCode.OK
    given = fmt
    fmt = (fmt or "markdown").lower()
    fmt = {"md": "markdown", "txt": "text", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UsageError(
            f"there is no report format {fmt!r}.", f"Use one of: {', '.join(FORMATS)}."
        )
    if no_redact and (output is not None or not _to_terminal()):
        raise UsageError(
            "--no-redact is only for reading a report on this screen.",
            "Leave it out: reports written to files or pipes are always redacted.",
        )
    if new and sid is not None:
        raise UsageError("--new starts a new report; it takes no session.", "Leave out one.")
    asked = new or (sid is None and latest_session() is None)
    if asked:
        sid = _ask_new(ctx, prompter)
        if sid is None:
            return ExitCode.OK
        if given is None and output is None and _to_terminal():
            fmt = "text"  # read here, not pasted into a ticket: no Markdown marks
    sid = sid or _latest()
    remember(ctx, sid, attach)
    built = build(ctx, sid, (), not no_redact)
    text = render(built, fmt, Messages(str(built["lang"])))
    if output is not None:
        storage.write_output(output, text.encode("utf-8"))
        ctx.screen.line(ctx.msgs(_("Report written to {path}.", path=str(output))), "dim")
    elif asked:  # no pager: the next step and the offer to send follow it on the screen
        sys.stdout.write(text)
    else:
        _show(text)
    if asked:
        _close_new(ctx, sid, prompter)
    return ExitCode.OK


def _close_new(ctx: AppContext, sid: str, prompter: Prompter | None) -> None:
    """After a new report: its id and the next step, then the offer to send it."""
    from fixit.commands.ending import next_line, offer_to_send, will_offer

    meta = sessions.load(sid).meta
    if prompter is None and ctx.interactive():
        from fixit.commands.run import _prompter

        prompter = _prompter(ctx)
    offering = will_offer(ctx, meta, prompter)
    line = next_line(ctx, sid, offering)
    if line:
        sys.stdout.flush()
        ctx.screen.line()
        ctx.screen.line(line, "bold")
    if offering and prompter is not None:
        offer_to_send(ctx, sid, str(meta.get("mode", "self")), prompter)


def _latest() -> str:
    from fixit.permissions import warn

    sid, skipped = sessions.newest()
    if sid is None:
        raise SessionError("there are no sessions to report on.", "Start one with `fixit`.")
    for row in skipped:  # a damaged newer session is named, not silently passed over
        warn(
            f"session {row['id']} is damaged ({row['problem']}); "
            f"fixit uses {sid}, the newest session that can be read."
        )
    return sid


def _to_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (ValueError, OSError):
        return False


def _show(text: str) -> None:
    """Print; on a terminal, a report taller than the screen goes to the pager."""
    import shutil

    if _to_terminal() and text.count("\n") > shutil.get_terminal_size().lines - 2:
        import pydoc

        pydoc.pager(text)
    else:
        sys.stdout.write(text)


def _ask_new(ctx: AppContext, prompter: Prompter | None) -> str | None:
    """Run the core report questions (the `report-problem` tree); the new session's id."""
    from fixit.commands.run import start
    from fixit.report.title import REPORT_TREE

    before = latest_session()
    start(ctx, REPORT_TREE, None, None, None, None, prompter=prompter, show_summary=False)
    after = latest_session()
    if after is None or after == before:
        return None
    meta = sessions.load(after).meta
    return after if meta.get("status") == "finished" else None
