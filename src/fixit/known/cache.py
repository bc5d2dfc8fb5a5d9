"""Copies of the feeds in the state folder (`known/`, 0600, written atomically): the body as the
server sent it, its validators (ETag, Last-Modified) and when the server last vouched for it.
A damaged copy is kept aside as `.corrupt` and said, never a crash."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from fixit import paths, storage
from fixit.errors import FixitError
from fixit.i18n import Msg, _

VERSION = 1


@dataclass(frozen=True)
class Copy:
    """A feed's last good body, its validators and when it was last read or revalidated."""

    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime


def folder() -> Path:
    """The private folder of the copies (made when missing)."""
    return storage.private_dir(paths.state_dir() / "known")


def file_for(url: str) -> Path:
    """The copy's file: named by a hash of the URL (a URL's query may hold a secret)."""
    return folder() / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] + ".json")


def read(url: str) -> tuple[Copy | None, Msg | None]:
    """The copy of `url` when there is one, and a notice when one was there but unusable."""
    try:
        path = file_for(url)
    except FixitError as exc:
        return None, exc.message
    try:
        raw = storage.read_json(path)
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, FixitError):
        return None, _damaged(path)
    copy = _from_json(raw, url)
    return (copy, None) if copy is not None else (None, _damaged(path))


def _damaged(path: Path) -> Msg:
    aside = storage.keep_aside(path)
    return _(
        "the saved copy {path} was damaged; it is kept aside as {aside}.",
        path=str(path),
        aside=aside.name,
    )


def _from_json(raw: object, url: str) -> Copy | None:
    """The copy a file holds, or None for any other shape (or another URL's copy)."""
    if not isinstance(raw, dict) or raw.get("version") != VERSION or raw.get("url") != url:
        return None
    etag, modified, when = raw.get("etag"), raw.get("last_modified"), raw.get("fetched_at")
    if not all(isinstance(v, (str, type(None))) for v in (etag, modified)) or not isinstance(
        when, str
    ):
        return None
    try:
        body = base64.b64decode(str(raw.get("body", "")), validate=True)
        fetched_at = dt.datetime.fromisoformat(when)
    except (ValueError, binascii.Error):
        return None
    if fetched_at.tzinfo is None:
        return None
    return Copy(url, body, etag, modified, fetched_at)


def write(copy: Copy) -> Msg | None:
    """Keep a copy; a notice when it could not be written (the copy only saves a fetch)."""
    data = {
        "version": VERSION,
        "url": copy.url,
        "etag": copy.etag,
        "last_modified": copy.last_modified,
        "fetched_at": copy.fetched_at.isoformat(),
        "body": base64.b64encode(copy.body).decode("ascii"),
    }
    try:
        storage.write_json(file_for(copy.url), data)
    except FixitError as exc:
        return exc.message
    return None
