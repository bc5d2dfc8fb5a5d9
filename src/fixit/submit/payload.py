"""From a session to the exact bytes that leave: the redacted report in every format, and files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fixit import sessions
from fixit.history import replay
from fixit.i18n import Messages
from fixit.submit.base import Attachment, Payload
from fixit.textsafe import visible


def report_id(session_id: str) -> str:
    """The stable id of a session's report: idempotency key, Message-ID and search tag."""
    return f"fixit-{session_id}"


def build_payload(
    session_id: str,
    msgs: Messages,
    contact: str,
    redactor_for: Any,
    attach: list[Path] | None = None,
) -> Payload:
    """The redacted report of a session, rendered in every format, with its attachment files.

    `redactor_for(report)` gives the configured Redactor (it keeps the reporter's own contact).
    """
    from fixit.report.model import build_report, engine_of
    from fixit.report.redact import redact_report
    from fixit.report.render import render

    loaded = sessions.load(session_id)
    history = replay(engine_of(loaded), loaded.events)
    added = [*sessions.attached(loaded.meta), *(attach or [])]
    report = build_report(loaded, history, msgs, contact, added)
    redacted = redact_report(report, redactor_for(report))
    files = [  # the file's real path to read it; its name as redacted, as it leaves
        Attachment(Path(a["path"]), shown["name"], a["mime"], int(a["size"]), str(a["sha256"]))
        for a, shown in zip(report["attachments"], redacted["attachments"], strict=True)
        if a["problem"] is None
    ]
    return Payload(
        report_id=report_id(session_id),
        title=visible(" ".join(str(redacted["title"]).split()), True),
        report=redacted,
        markdown=render(redacted, "markdown", msgs),
        text=render(redacted, "text", msgs),
        html=render(redacted, "html", msgs),
        json=render(redacted, "json", msgs),
        attachments=files,
        contact=str(report["reporter"].get("contact", "")),
    )
