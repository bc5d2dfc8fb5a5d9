"""The outbox: every report is written here before any network I/O, and stays until it is sent.

One folder per report and target (`<session>--<target>`), holding the exact bytes to send (all
formats and checked, synced copies of the attached files) and `item.json` with the attempts and
the last reason. One lock per item, kept outside the items in `.locks/`, is held across writing
and sending, so two fixits at once never send one report twice nor replace an item in flight.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fixit import paths, storage
from fixit.errors import StorageError
from fixit.filelock import try_lock
from fixit.i18n import Msg, _
from fixit.oserrors import reason as os_reason
from fixit.submit.base import Payload, Target
from fixit.submit.outbox_check import copy_checked, io_error, problem, settings_hash
from fixit.submit.outbox_item import FORMATS, ITEM, Item, now

__all__ = [  # Item and its file names live in outbox_item; callers know them as outbox.*
    "FORMATS",
    "ITEM",
    "BusyError",
    "Item",
    "busy",
    "lock",
    "locked",
    "now",
    "outbox_dir",
    "put",
    "sent_item",
    "waiting",
]

LOCKS = ".locks"
SKIPPED = ("sent", "outcomes")  # sent reports; outcome records (fixit.stats.team_outbox)
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_held: set[str] = set()  # item locks this process holds (a lock is re-entrant within it)


class BusyError(StorageError):
    """Another fixit holds the item's lock: it is being written or sent right now."""


def outbox_dir() -> Path:
    """The private outbox folder."""
    return storage.private_dir(paths.state_dir() / "outbox")


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
            _("cannot open the lock file {path}: {reason}.", path=str(path), reason=os_reason(exc)),
            _("Remove it (it must be a plain file, not a link) and try again."),
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
        _("{item} is being sent by another fixit right now.", item=item_id),
        _("Wait for it to finish, then check with `fixit outbox list`."),
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
        "add_to": payload.add_to,  # the ticket chosen to add to: every retry does the same
        "case": payload.case,
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
            failed = _(
                "cannot write the report to the outbox ({folder}): {reason}.", folder=str(folder)
            )
            raise io_error(failed, exc) from None
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
    reason: Msg | None
    try:
        meta = storage.read_json(path)
        reason = problem(meta)
    except FileNotFoundError:
        if not folder.is_dir():
            return None
        kept = sorted(p.name for p in folder.glob(ITEM + ".corrupt*"))
        if kept:
            return Item(
                folder, {}, _("item.json is missing (kept aside: {kept})", kept=", ".join(kept))
            )
        return Item(folder, {}, _("item.json is missing"))
    except (OSError, ValueError) as exc:
        reason = _("item.json cannot be read ({kind})", kind=exc.__class__.__name__)
    if reason is None:
        return Item(folder, meta)
    with lock(folder.name) as mine:
        if mine and folder.is_dir():
            kept_as = storage.keep_aside(path)
            reason = _("{reason}; kept aside as {name}", reason=reason, name=kept_as.name)
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
        if folder.name.startswith(".") or folder.name in SKIPPED or not folder.is_dir():
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
