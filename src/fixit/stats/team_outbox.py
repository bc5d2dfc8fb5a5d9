"""Outcome records waiting for the team's statistics store, in the outbox beside the reports.

One file per session (`outbox/outcomes/<session>.json`): the stripped outcome record and its
tries. A session that ends again (resumed after a quit) replaces its file, and the store
replaces its rows (idempotent by session id), so a record is never counted twice. A sent
record's file is removed; one that could not be sent waits, with the reason, for the next
session's end or `fixit outbox send`. Each file's lock (the outbox's) is held across writing
and sending, so a newer record is never removed by the send of an older one."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixit import storage
from fixit.i18n import Msg, _, from_json, to_json
from fixit.submit.outbox import lock, outbox_dir
from fixit.submit.outbox_item import BACKOFF, now

FOLDER = "outcomes"
PAUSE = ".paused"  # when the store was last out of reach: no automatic try before next_try
WAIT_FOR_LOCK = 10.0  # seconds a new record waits for a send of the same session to end


@dataclass
class Pending:
    """One outcome record waiting to be sent; `damaged` says why it cannot be read."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    damaged: Msg | None = None

    @property
    def session(self) -> str:
        """The session the record is about."""
        return self.path.stem

    @property
    def lock_id(self) -> str:
        """The name of its lock among the outbox's."""
        return f"outcome-{self.session}"

    @property
    def last_error(self) -> Msg | str | None:
        """Why the last try failed, as a message."""
        return _message(self.meta.get("last_error"))

    def due(self, at: dt.datetime) -> bool:
        """Whether an automatic try is due."""
        when = self.meta.get("next_try")
        return not when or dt.datetime.fromisoformat(when) <= at


def folder() -> Path:
    """The private folder of waiting outcome records."""
    return storage.private_dir(outbox_dir() / FOLDER)


def put(record: dict[str, Any]) -> Pending:
    """Write a session's outcome record to the outbox, replacing an older one of the session."""
    sid = str(record["session"])
    path = folder() / f"{sid}.json"
    meta = {
        "kind": "outcome",
        "session": sid,
        "tree": record.get("tree"),
        "outcome": record.get("outcome"),
        "created": now().isoformat(timespec="seconds"),
        "attempts": 0,
        "status": "waiting",
        "last_error": None,
        "next_try": None,
        "record": record,
    }
    deadline = time.monotonic() + WAIT_FOR_LOCK
    while True:
        with lock(f"outcome-{sid}") as mine:
            if mine or time.monotonic() > deadline:  # a stuck sender must not lose the record
                storage.write_json(path, meta)
                return Pending(path, meta)
        time.sleep(0.05)


def waiting() -> list[Pending]:
    """The records not sent yet (damaged ones with the reason, their file kept aside), oldest
    first."""
    base = outbox_dir() / FOLDER
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.glob("*.json")):
        if path.name.startswith("."):
            continue
        found.append(read(path))
    return sorted(found, key=lambda p: str(p.meta.get("created", "")))


def read(path: Path) -> Pending:
    """One waiting record, or a damaged one (kept aside as `.corrupt`)."""
    try:
        meta = storage.read_json(path)
        if _shape_ok(meta):
            return Pending(path, meta)
        kind = "shape"
    except (OSError, ValueError) as exc:
        kind = exc.__class__.__name__
    with contextlib.suppress(OSError), lock(f"outcome-{path.stem}") as mine:
        if mine and path.exists():
            storage.keep_aside(path)
    return Pending(path, {}, _("the outcome record cannot be read ({kind})", kind=kind))


def _shape_ok(meta: object) -> bool:
    return (
        isinstance(meta, dict)
        and meta.get("kind") == "outcome"
        and isinstance(meta.get("record"), dict)
        and isinstance(meta.get("attempts"), int)
    )


def paused(at: dt.datetime) -> bool:
    """Whether the store was out of reach a moment ago (then a session's end does not wait for
    it again before the next try is due)."""
    try:
        meta = storage.read_json(outbox_dir() / FOLDER / PAUSE)
        return dt.datetime.fromisoformat(str(meta["next_try"])) > at
    except (OSError, ValueError, KeyError, TypeError):
        return False


def pause(until: dt.datetime | None) -> None:
    """Remember when the store may be tried again by itself (None: it answered)."""
    path = outbox_dir() / FOLDER / PAUSE
    with contextlib.suppress(OSError):
        if until is None:
            path.unlink(missing_ok=True)
        else:
            storage.write_json(path, {"next_try": until.isoformat(timespec="seconds")})


def failed(item: Pending, reason: Msg, retry: bool) -> dt.datetime:
    """Record a failed try on the item (under its lock); when it is due again."""
    attempts = int(item.meta.get("attempts", 0)) + 1
    at = now() + dt.timedelta(seconds=BACKOFF[min(attempts, len(BACKOFF)) - 1])
    with lock(item.lock_id) as mine:
        if not mine:
            return at
        current = _reread(item)
        if current is None:
            return at
        current.update(
            attempts=attempts,
            last_try=now().isoformat(timespec="seconds"),
            last_error=to_json(reason),
            status="waiting" if retry else "needs_fix",
            next_try=at.isoformat(timespec="seconds"),
        )
        with contextlib.suppress(OSError):
            storage.write_json(item.path, current)
            item.meta = current
    return at


def _reread(item: Pending) -> dict[str, Any] | None:
    """The item's file as it is now (a newer record may have replaced it), None when gone."""
    try:
        meta = storage.read_json(item.path)
    except (OSError, ValueError):
        return None
    return meta if _shape_ok(meta) else None


def sent(item: Pending, record: dict[str, Any]) -> None:
    """Remove the item once its record is in the store, unless a newer record replaced it."""
    current = _reread(item)
    if current is not None and current["record"] == record:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(item.path)
        with contextlib.suppress(OSError):
            storage.fsync_dir(item.path.parent)


def _message(value: object) -> Msg | str | None:
    if not value:
        return None
    found = from_json(value)
    return found if found is not None else str(value)
