"""The outbox: every report is written here before any network I/O, and stays until it is sent.

One folder per report and target (`<session>--<target>`), holding the exact bytes to send (all
formats and checked, synced copies of the attached files) and `item.json` with the attempts and
the last reason. One lock per item, kept outside the items in `.locks/`, is held across writing
and sending, so two fixits at once never send one report twice nor replace an item in flight.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixit import paths, storage
from fixit.errors import StorageError
from fixit.filelock import try_lock
from fixit.submit.base import Attachment, Payload, Target, Ticket
from fixit.submit.outbox_check import copy_checked, io_error, problem, settings_hash

ITEM = "item.json"
LOCKS = ".locks"
FORMATS = {
    "markdown": "report.md",
    "text": "report.txt",
    "html": "report.html",
    "json": "report.json",
}
BACKOFF = (60, 300, 900, 3600)  # seconds before the next automatic try, by attempts so far
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_held: set[str] = set()  # item locks this process holds (a lock is re-entrant within it)


class BusyError(StorageError):
    """Another fixit holds the item's lock: it is being written or sent right now."""


def outbox_dir() -> Path:
    """The private outbox folder."""
    return storage.private_dir(paths.state_dir() / "outbox")


def now() -> dt.datetime:
    """The current time, UTC."""
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Item:
    """A report waiting for (or done with) one target; `damaged` says why it cannot be read."""

    folder: Path
    meta: dict[str, Any]
    damaged: str | None = None

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
        )

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
        reason: str,
        retry: bool,
        hint: str = "",
        target: Target | None = None,
        not_before: dt.datetime | None = None,
    ) -> None:
        """Record a failed try: the reason, what to do, the settings it used, when to try again
        (never before the time the server asked for)."""
        attempts = int(self.meta.get("attempts", 0)) + 1
        wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
        at = now() + dt.timedelta(seconds=wait)
        self.meta.update(
            attempts=attempts,
            last_try=now().isoformat(timespec="seconds"),
            last_error=reason,
            hint=hint or None,
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
            ticket={"ref": ticket.ref, "url": ticket.url, "existing": ticket.existing},
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
            raise io_error(f"cannot move {self.id} to {sent}", exc) from None
        storage.fsync_dir(base)
        storage.fsync_dir(sent)
        self.folder = done


@contextlib.contextmanager
def lock(item_id: str) -> Iterator[bool]:
    """Hold the item's lock; yields False when another fixit holds it right now."""
    if item_id in _held:
        yield True
        return
    path = storage.private_dir(outbox_dir() / LOCKS) / f"{item_id}.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _FLAGS, 0o600)
    except OSError as exc:
        raise StorageError(
            f"cannot open the lock file {path}: {exc.strerror or exc}.",
            "Remove it (it must be a plain file, not a link) and try again.",
        ) from None
    try:
        if not try_lock(fd):
            yield False
            return
        _held.add(item_id)
        try:
            yield True
        finally:
            _held.discard(item_id)
    finally:
        os.close(fd)


def locked(item: Item) -> contextlib.AbstractContextManager[bool]:
    """Hold an item's lock (see `lock`)."""
    return lock(item.id)


def busy(item_id: str) -> BusyError:
    """The error for an item another fixit is writing or sending."""
    return BusyError(
        f"{item_id} is being sent by another fixit right now.",
        "Wait for it to finish, then check with `fixit outbox list`.",
    )


def _stage(
    staging: Path, session_id: str, target: Target, payload: Payload, reached: list[str]
) -> dict[str, Any]:
    storage.private_dir(staging)
    files = storage.private_dir(staging / "files")
    for key, name in FORMATS.items():
        storage.write_atomic(staging / name, getattr(payload, key).encode("utf-8"))
    stored = []
    for i, a in enumerate(payload.attachments, 1):
        stored.append(copy_checked(a, files / f"{i}-{os.path.basename(a.name) or 'file'}"))
    storage.fsync_dir(files)
    meta = {
        "session": session_id,
        "target": target.name,
        "type": target.type,
        "settings_sha256": settings_hash(target),  # what a failure was tried with
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
    if reached:  # recipients an earlier try of this report reached keep it: never twice
        meta["delivered_to"] = reached
    storage.write_json(staging / ITEM, meta)
    return meta


def put(session_id: str, target: Target, payload: Payload) -> Item:
    """Write a payload to the outbox, replacing an unsent one for the same session and target.

    Holds the item's lock (re-entrant: callers hold it across this and the send); raises
    BusyError when another fixit is sending the item, StorageError when writing fails.
    """
    base = outbox_dir()
    folder = base / f"{session_id}--{target.name}"
    staging = base / f".new-{folder.name}-{os.getpid()}"
    old = base / f".old-{folder.name}"
    with lock(folder.name) as mine:
        if not mine:
            raise busy(folder.name)
        _recover(base, folder.name)
        try:
            shutil.rmtree(staging, ignore_errors=True)
            meta = _stage(staging, session_id, target, payload, _reached(folder))
            if folder.exists():
                os.replace(folder, old)  # kept until the new one is in place
            os.replace(staging, folder)
            storage.fsync_dir(base)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            _recover(base, folder.name)
            raise io_error(f"cannot write the report to the outbox ({folder})", exc) from None
        except StorageError:
            shutil.rmtree(staging, ignore_errors=True)
            _recover(base, folder.name)
            raise
        shutil.rmtree(old, ignore_errors=True)
    return Item(folder, meta)


def _reached(folder: Path) -> list[str]:
    """The recipients an unsent item being replaced had already reached."""
    try:
        meta = storage.read_json(folder / ITEM)
    except (OSError, ValueError):
        return []
    if problem(meta) is not None:
        return []
    return list(meta.get("delivered_to") or ())


def _recover(base: Path, item_id: str) -> None:
    """Under the item's lock: put back an `.old-*` whose replacement never arrived."""
    old, folder = base / f".old-{item_id}", base / item_id
    with contextlib.suppress(OSError):
        if old.is_dir() and not folder.exists():
            os.replace(old, folder)
            storage.fsync_dir(base)
        elif old.is_dir():
            shutil.rmtree(old)


def _tidy(base: Path) -> None:
    """Recover interrupted writes and remove stale staging folders nobody is writing."""
    for p in sorted(base.iterdir()):
        if p.name.startswith(".old-"):
            item_id = p.name[len(".old-") :]
        elif p.name.startswith(".new-"):
            item_id = p.name[len(".new-") :].rpartition("-")[0]
        else:
            continue
        with lock(item_id) as mine:
            if not mine:
                continue
            if p.name.startswith(".old-"):
                _recover(base, item_id)
            else:
                shutil.rmtree(p, ignore_errors=True)


def _read(folder: Path) -> Item | None:
    """An item, a damaged item (its item.json kept aside), or None when it vanished."""
    path = folder / ITEM
    try:
        meta = storage.read_json(path)
        reason = problem(meta)
    except FileNotFoundError:
        if not folder.is_dir():
            return None
        kept = sorted(p.name for p in folder.glob(ITEM + ".corrupt*"))
        why = f"item.json is missing (kept aside: {', '.join(kept)})" if kept else ""
        return Item(folder, {}, why or "item.json is missing")
    except (OSError, ValueError) as exc:
        reason = f"item.json cannot be read ({exc.__class__.__name__})"
    if reason is None:
        return Item(folder, meta)
    with lock(folder.name) as mine:
        if mine and folder.is_dir():
            kept_as = storage.keep_aside(path)
            reason += f"; kept aside as {kept_as.name}"
    return Item(folder, {}, reason)


def waiting() -> list[Item]:
    """Items not sent yet (and damaged ones, with the reason), oldest first."""
    base = paths.state_dir() / "outbox"
    if not base.is_dir():
        return []
    with contextlib.suppress(OSError):
        _tidy(base)
    items = []
    for folder in sorted(base.iterdir()):
        if folder.name.startswith(".") or folder.name == "sent" or not folder.is_dir():
            continue
        item = _read(folder)
        if item is not None:
            items.append(item)
    return sorted(items, key=lambda i: str(i.meta.get("created", "")))


def sent_item(session_id: str, target: str) -> Item | None:
    """The sent item for a session and target: in outbox/sent, or recorded as sent but not moved."""
    name = f"{session_id}--{target}"
    base = paths.state_dir() / "outbox"
    for folder in (base / "sent" / name, base / name):
        try:
            meta = storage.read_json(folder / ITEM)
        except (OSError, ValueError):
            continue
        if problem(meta) is None and meta["status"] == "sent":
            return Item(folder, meta)
    return None
