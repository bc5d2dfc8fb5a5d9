"""One outbox item: the report as it will be sent and `item.json`, its attempts, last reason and
next try; a sent item moves to `outbox/sent/`."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixit import storage
from fixit.i18n import Msg, _, from_json, to_json
from fixit.submit.base import Attachment, Payload, Target, Ticket
from fixit.submit.outbox_check import io_error, problem, settings_hash

ITEM = "item.json"
FORMATS = {
    "markdown": "report.md",
    "text": "report.txt",
    "html": "report.html",
    "json": "report.json",
}
BACKOFF = (60, 300, 900, 3600)  # seconds before the next automatic try, by attempts so far


def now() -> dt.datetime:
    """The current time, UTC."""
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Item:
    """A report waiting for (or done with) one target; `damaged` says why it cannot be read."""

    folder: Path
    meta: dict[str, Any]
    damaged: Msg | None = None

    @property
    def id(self) -> str:
        """`<session>--<target>`."""
        return self.folder.name

    def save(self) -> None:
        """Write item.json atomically."""
        storage.write_json(self.folder / ITEM, self.meta)

    def reload(self) -> bool:
        """Read item.json again (under the lock); False when the item is gone or damaged."""
        try:
            meta = storage.read_json(self.folder / ITEM)
        except (OSError, ValueError):
            return False
        if problem(meta):
            return False
        self.meta = meta
        return True

    def payload(self) -> Payload:
        """The stored payload, byte for byte as previewed."""
        files = [
            Attachment(
                self.folder / "files" / f["stored"], f["name"], f["mime"], f["size"], f["sha256"]
            )
            for f in self.meta["attachments"]
        ]
        texts = {k: (self.folder / name).read_text("utf-8") for k, name in FORMATS.items()}
        return Payload(
            report_id=self.meta["report_id"],
            title=self.meta["title"],
            report=json.loads(texts["json"]),
            markdown=texts["markdown"],
            text=texts["text"],
            html=texts["html"],
            json=texts["json"],
            attachments=files,
            contact=self.meta.get("contact", ""),
            delivered=tuple(self.meta.get("delivered_to") or ()),
            add_to=self.meta.get("add_to") or None,
            case=str(self.meta.get("case") or ""),
        )

    @property
    def last_error(self) -> Msg | str | None:
        """Why the last try failed (see `stored`)."""
        return stored(self.meta.get("last_error"))

    @property
    def hint(self) -> Msg | str | None:
        """What to do before the next try (see `stored`)."""
        return stored(self.meta.get("hint"))

    def due(self, at: dt.datetime) -> bool:
        """Whether an automatic retry is due (a person's `--now` ignores this)."""
        when = self.meta.get("next_try")
        return not when or dt.datetime.fromisoformat(when) <= at

    def fixed(self, target: Target) -> bool:
        """Whether the target's settings changed since the try that needed a fix (then a plain
        `fixit outbox send` may try again; unchanged, it would only repeat the failure)."""
        tried_with = self.meta.get("settings_sha256")
        if not isinstance(tried_with, str):  # failed before fixit kept the settings: try again
            return True
        return tried_with != settings_hash(target)

    def reached(self, recipients: Sequence[str]) -> None:
        """Record recipients that have the report (others refused it): never sent to again."""
        known = list(self.meta.get("delivered_to") or ())
        self.meta["delivered_to"] = known + [r for r in recipients if r not in known]
        self.save()

    def failed(
        self,
        reason: Msg | str,
        retry: bool,
        hint: Msg | str | None = None,
        target: Target | None = None,
        not_before: dt.datetime | None = None,
    ) -> None:
        """Record a failed try: the reason, what to do (as messages, to be shown later in the
        reader's language), the settings it used, when to try again (never before the time
        the server asked for)."""
        attempts = int(self.meta.get("attempts", 0)) + 1
        wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
        at = now() + dt.timedelta(seconds=wait)
        self.meta.update(
            attempts=attempts,
            last_try=now().isoformat(timespec="seconds"),
            last_error=_kept(reason),
            hint=_kept(hint) or None,
            status="waiting" if retry else "needs_fix",
            next_try=max(at, not_before or at).isoformat(timespec="seconds"),
        )
        if target is not None:
            self.meta["settings_sha256"] = settings_hash(target)
        self.save()

    def sent(self, ticket: Ticket) -> None:
        """Record the ticket, then move the item to outbox/sent."""
        self.meta.update(
            attempts=int(self.meta.get("attempts", 0)) + 1,
            status="sent",
            sent=now().isoformat(timespec="seconds"),
            ticket={
                "ref": ticket.ref,
                "url": ticket.url,
                "existing": ticket.existing,
                "added": ticket.added,
            },
            last_error=None,
            next_try=None,
        )
        self.save()
        self.finish()

    def finish(self) -> None:
        """Move an item recorded as sent to outbox/sent (also after a crash or power loss)."""
        base = self.folder.parent
        sent = storage.private_dir(base / "sent")
        done = sent / self.id
        try:
            if done.exists():
                shutil.rmtree(done)
            os.replace(self.folder, done)
        except OSError as exc:
            failed = _("cannot move {item} to {folder}: {reason}.", item=self.id, folder=str(sent))
            raise io_error(failed, exc) from None
        storage.fsync_dir(base)
        storage.fsync_dir(sent)
        self.folder = done


def _kept(said: Msg | str | None) -> object:
    """A reason or hint as item.json keeps it: a message with its English (`to_json`); a plain
    text (a caller's own words) as it is."""
    return to_json(said) if isinstance(said, Msg) else said


def stored(value: object) -> Msg | str | None:
    """A reason or hint as item.json keeps it: a message (`to_json`), or the English text an
    older fixit wrote (a str, shown as it is); None when there is none."""
    if not value:
        return None
    if isinstance(value, str):
        return value
    found = from_json(value)
    if found is not None:
        return found
    english = value.get("en") if isinstance(value, dict) else None
    return english if isinstance(english, str) else None
