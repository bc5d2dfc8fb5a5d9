"""The exact bytes that leave: a redacted report in every format, and its files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fixit.i18n import Messages
from fixit.submit.base import Attachment, Payload
from fixit.textsafe import visible

if TYPE_CHECKING:
    from fixit.report.document import Report


def report_id(session_id: str) -> str:
    """The stable id of a session's report: idempotency key, Message-ID and search tag."""
    return f"fixit-{session_id}"


def make_payload(session_id: str, report: Report, redacted: Report, msgs: Messages) -> Payload:
    """The `redacted` report rendered in every format, with the attachment files `report` (the
    same report before redaction) lists: read from their real paths, named as redacted."""
    from fixit.report.render import render

    files = [  # the file's real path to read it; its name as redacted, as it leaves
        Attachment(Path(a.path), shown.name, a.mime, a.size, a.sha256)
        for a, shown in zip(report.attachments, redacted.attachments, strict=True)
        if a.problem is None and a.size is not None and a.sha256 is not None
    ]
    return Payload(
        report_id=report_id(session_id),
        title=visible(" ".join(redacted.title.split()), True),
        report=redacted.to_json(),
        markdown=render(redacted, "markdown", msgs),
        text=render(redacted, "text", msgs),
        html=render(redacted, "html", msgs),
        json=render(redacted, "json", msgs),
        attachments=files,
        contact=report.reporter.get("contact", ""),
    )
