"""The outbox: every report is written here before any network I/O, and stays until it is sent.

One folder per report and target (`<session>--<target>`), holding the exact bytes to send (all
formats and copies of the attached files) and `item.json` with the attempts and the last reason.
A lock per item makes two `fixit outbox send` at once never send one report twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixit import paths, storage
from fixit.submit.base import Attachment, Payload, Target, Ticket

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: items are not locked against a second sender
    fcntl = None  # type: ignore[assignment]

ITEM = "item.json"
FORMATS = {
    "markdown": "report.md",
    "text": "report.txt",
    "html": "report.html",
    "json": "report.json",
}
BACKOFF = (60, 300, 900, 3600)  # seconds before the next automatic try, by attempts so far


def outbox_dir() -> Path:
    """The private outbox folder."""
    return storage.private_dir(paths.state_dir() / "outbox")


def now() -> dt.datetime:
    """The current time, UTC."""
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Item:
    """A report waiting for (or done with) one target."""

    folder: Path
    meta: dict[str, Any]

    @property
    def id(self) -> str:
        """`<session>--<target>`."""
        return self.folder.name

    def save(self) -> None:
        """Write item.json atomically."""
        storage.write_json(self.folder / ITEM, self.meta)

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
        )

    def due(self, at: dt.datetime) -> bool:
        """Whether an automatic retry is due (a person's `--now` ignores this)."""
        when = self.meta.get("next_try")
        return not when or dt.datetime.fromisoformat(when) <= at

    def failed(self, reason: str, retry: bool) -> None:
        """Record a failed try: the reason, and when to try again."""
        attempts = int(self.meta.get("attempts", 0)) + 1
        wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
        self.meta.update(
            attempts=attempts,
            last_try=now().isoformat(timespec="seconds"),
            last_error=reason,
            status="waiting" if retry else "needs_fix",
            next_try=(now() + dt.timedelta(seconds=wait)).isoformat(timespec="seconds"),
        )
        self.save()

    def sent(self, ticket: Ticket) -> None:
        """Record the ticket and move the item to outbox/sent."""
        self.meta.update(
            attempts=int(self.meta.get("attempts", 0)) + 1,
            status="sent",
            sent=now().isoformat(timespec="seconds"),
            ticket={"ref": ticket.ref, "url": ticket.url, "existing": ticket.existing},
            last_error=None,
            next_try=None,
        )
        self.save()
        done = storage.private_dir(outbox_dir() / "sent") / self.id
        if done.exists():
            shutil.rmtree(done)
        os.replace(self.folder, done)
        self.folder = done


def put(session_id: str, target: Target, payload: Payload) -> Item:
    """Write a payload to the outbox (replacing an unsent one for the same session and target)."""
    base = outbox_dir()
    folder = base / f"{session_id}--{target.name}"
    staging = storage.private_dir(base / f".new-{folder.name}-{os.getpid()}")
    files = storage.private_dir(staging / "files")
    for key, name in FORMATS.items():
        storage.write_atomic(staging / name, getattr(payload, key).encode("utf-8"))
    stored = []
    for i, a in enumerate(payload.attachments, 1):
        name = f"{i}-{a.name}"
        shutil.copyfile(a.path, files / name)
        os.chmod(files / name, 0o600)
        stored.append(
            {"stored": name, "name": a.name, "mime": a.mime, "size": a.size, "sha256": a.sha256}
        )
    meta = {
        "session": session_id,
        "target": target.name,
        "type": target.type,
        "report_id": payload.report_id,
        "title": payload.title,
        "contact": payload.contact,
        "attachments": stored,
        "created": now().isoformat(timespec="seconds"),
        "attempts": 0,
        "status": "waiting",
        "last_error": None,
        "next_try": None,
    }
    storage.write_json(staging / ITEM, meta)
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(staging, folder)
    storage.fsync_dir(base)
    return Item(folder, meta)


def waiting() -> list[Item]:
    """Items not sent yet, oldest first; a damaged item.json is kept aside, not fatal."""
    base = paths.state_dir() / "outbox"
    if not base.is_dir():
        return []
    items = []
    for folder in sorted(base.iterdir()):
        if folder.name.startswith(".") or folder.name == "sent" or not folder.is_dir():
            continue
        try:
            items.append(Item(folder, storage.read_json(folder / ITEM)))
        except (OSError, ValueError):
            continue
    return sorted(items, key=lambda i: str(i.meta.get("created", "")))


def sent_item(session_id: str, target: str) -> Item | None:
    """The sent item for a session and target, if there is one."""
    folder = paths.state_dir() / "outbox" / "sent" / f"{session_id}--{target}"
    try:
        return Item(folder, storage.read_json(folder / ITEM))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def locked(item: Item) -> Iterator[bool]:
    """Hold the item's lock; yields False when another fixit is sending it right now."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(item.folder / "lock", flags, 0o600)
    except FileNotFoundError:  # another fixit sent it and moved it to outbox/sent meanwhile
        yield False
        return
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
        yield True
    finally:
        os.close(fd)
