"""The report pipeline, in one place: a session read from disk once, then its report, redacted,
rendered and made into the payload that leaves; and the end screen's summary of it.

Everything below this module takes plain values: `report/` and `submit/` never read a session,
the configuration, the credentials file or the environment themselves."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit import sessions
from fixit.engine import Engine
from fixit.events import Event
from fixit.history import History, replay
from fixit.i18n import Messages, _
from fixit.report.labels import RPT
from fixit.trees.model import Tree

if TYPE_CHECKING:
    from fixit.config import Config
    from fixit.context import AppContext
    from fixit.report.document import Report
    from fixit.report.redact import Redactor
    from fixit.submit.base import Payload
    from fixit.summary import Summary


@dataclass(frozen=True)
class Opened:
    """A session read once: what every report and summary of it is made from."""

    id: str
    meta: dict[str, Any]
    trees: dict[str, Tree]
    events: list[Event]
    history: History
    environment: dict[str, Any] | None

    @property
    def root(self) -> Tree:
        """The tree the session started on."""
        return self.trees[str(self.meta["tree"])]


def open_session(sid: str) -> Opened:
    """Read a session (by id or unique prefix) and replay its journal, once."""
    loaded = sessions.load(sid)
    history = replay(Engine(loaded.trees, str(loaded.meta["tree"])), loaded.events)
    environment = loaded.environment()
    return Opened(loaded.id, loaded.meta, loaded.trees, loaded.events, history, environment)


def report_msgs(ctx: AppContext, meta: Mapping[str, Any]) -> Messages:
    """The report's language: --lang (or FIXIT_LANG) when given, else the language the session
    ran in (its free-text answers are in that language), else the UI's."""
    from fixit.i18n import LANGUAGES

    ran = meta.get("lang")
    if ctx.lang_option or ran not in LANGUAGES:
        return ctx.msgs
    return Messages(str(ran))


def redactor(config: Config, contact: str = "") -> Redactor:
    """A redactor with the configuration's policy and every secret it knows of (secret-looking and
    configured variables of the environment and the credentials file, the configuration's own
    secrets), keeping the reporter's `contact` address and the support team's: neither is private
    to the people the report goes to. One privacy setup for the report, its payload and the end
    summary."""
    from fixit.credentials import load
    from fixit.report.redact import Redactor, secret_values

    keep = [contact, str(config.support.get("email") or "")]
    # both sources, not a merge: an empty variable must not hide the file's value of the same name
    secrets = secret_values(os.environ, config.raw) | secret_values(load(), config.raw)
    return Redactor(config.redaction, secrets, keep_emails=keep)


def reporter_contact(report: Report) -> str:
    """The address the report's reporter gave (kept when the report is redacted)."""
    return report.reporter.get("contact", "")


def report_of(
    opened: Opened, msgs: Messages, contact: str = "", attach: Sequence[Path] = ()
) -> Report:
    """The report of an opened session in `msgs`' language, not yet redacted, with the files
    added to it for good and those in `attach`."""
    from fixit.report.model import assemble_report

    files = [*sessions.attached(opened.meta), *attach]
    return assemble_report(
        opened.meta, opened.trees, opened.history, msgs, contact, opened.environment, files
    )


def build(ctx: AppContext, sid: str, attach: Sequence[Path] = (), redact: bool = True) -> Report:
    """The report of session `sid` in its language, redacted unless `redact` is False."""
    from fixit.report.redact import redact_report

    opened = open_session(sid)
    report = report_of(opened, report_msgs(ctx, opened.meta), ctx.config.contact(), attach)
    if not redact:
        return report
    return redact_report(report, redactor(ctx.config, reporter_contact(report)))


def payload(ctx: AppContext, sid: str, attach: Sequence[Path] = ()) -> Payload:
    """Exactly what leaves for session `sid` (see payload_of)."""
    return payload_of(ctx, open_session(sid), attach)


def payload_of(ctx: AppContext, opened: Opened, attach: Sequence[Path] = ()) -> Payload:
    """Exactly what leaves for an opened session: its redacted report in every format, in the
    report's language, with its attachment files."""
    from fixit.report.redact import redact_report
    from fixit.submit.payload import make_payload

    msgs = report_msgs(ctx, opened.meta)
    report = report_of(opened, msgs, ctx.config.contact(), list(attach))
    redacted = redact_report(report, redactor(ctx.config, reporter_contact(report)))
    return make_payload(opened.id, report, redacted, msgs)


def end_summary(opened: Opened, msgs: Messages, config: Config, contact: str = "") -> Summary:
    """What the end screen shows of a finished session, redacted as its report is under
    `config`'s policy (see summary.build_summary)."""
    from fixit.summary import build_summary

    return build_summary(
        opened.meta,
        opened.trees,
        opened.history,
        msgs,
        redactor(config),
        contact,
        opened.environment,
    )


def attachable(ctx: AppContext, attach: Sequence[Path]) -> list[Path]:
    """The files that can be attached (absolute); each other one named on stderr with why."""
    from fixit.report.attachments import describe
    from fixit.textsafe import visible

    good: list[Path] = []
    for path in attach:
        entry = describe(path.expanduser())
        if entry.problem is None:
            good.append(path.expanduser().resolve())
            continue
        size = ctx.msgs(_("{n} MB", n=round((entry.size or 0) / 1e6)))
        reason = ctx.msgs(RPT[f"attach.{entry.problem}"], size=size)
        sys.stderr.write(f"fixit: warning: {visible(str(path), True)}: {reason}\n")
    return good


def keep(sid: str, files: Sequence[Path]) -> None:
    """Add files to the session's list of attachments (each once), for every later report."""
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


def latest() -> str:
    """The newest session that can be read; each damaged newer one is named, not passed over
    in silence."""
    from fixit.errors import SessionError
    from fixit.permissions import warn

    sid, skipped = sessions.newest()
    if sid is None:
        raise SessionError(_("there are no sessions to report on."), _("Start one with `fixit`."))
    for row in skipped:
        warn(
            _(
                "session {id} is damaged ({problem}); fixit uses {newest}, the newest session "
                "that can be read.",
                id=row["id"],
                problem=row["problem"],
                newest=sid,
            )
        )
    return sid
