"""Directory target: the report's files written into `<path>/<report_id>/`, built in a temporary
folder beside it and renamed into place, so readers see a whole report or none. The ticket's
reference is the report id (people read it out on the phone); the folder is its location."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fixit.i18n import _
from fixit.oserrors import reason as os_reason
from fixit.submit import api
from fixit.submit.base import AGAIN, Attachment, Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

FILES = {
    "markdown": "report.md",
    "text": "report.txt",
    "html": "report.html",
    "json": "report.json",
}
MARKER = ".fixit-complete"  # written last, inside the folder before it is renamed into place
STALE = 600.0  # seconds after which a temporary folder of a crashed try is removed
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def make(target: Target, secret: SecretLookup) -> DirectorySubmitter:
    """The directory submitter for a validated target."""
    return DirectorySubmitter(target, secret)


@dataclass(frozen=True)
class DirectorySubmitter:
    """Writes one folder per report into a (shared) folder."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Write the report folder, or find the one an earlier try wrote."""
        root = Path(str(self.target.settings["path"])).expanduser()
        formats = self._formats()
        _check_id(payload.report_id)
        if not root.is_dir():
            raise SubmitError(
                _("the folder {path} is not available.", path=visible(str(root), True)),
                _("Check that the shared drive is mounted."),
            )
        final = root / payload.report_id
        if (final / MARKER).is_file():
            return _ticket(payload, final, existing=True)
        if final.exists():
            raise SubmitError(
                _(
                    "{path} exists but is not a complete fixit report.",
                    path=visible(str(final), True),
                ),
                _("Move that folder away, then send again."),
                retry=False,
            )
        try:
            return _publish(root, final, payload, formats)
        except OSError as exc:
            raise _failed(root, exc) from None

    def _formats(self) -> list[str]:
        """The configured formats, each known."""
        formats = [str(f) for f in self.target.settings["formats"]]
        unknown = [f for f in formats if f not in FILES]
        if unknown or not formats:
            raise SubmitError(
                _(
                    "target '{target}' has formats {formats}.",
                    target=self.target.name,
                    formats=repr(unknown or formats),
                ),
                _("Use some of {formats}.", formats=", ".join(FILES)),
                retry=False,
            )
        return formats


def _check_id(report_id: str) -> None:
    """A report id fit to name a folder (no separators, dots first or controls)."""
    if not _SAFE_ID.fullmatch(report_id):
        shown = clip(visible(report_id, True), 60)
        raise SubmitError(
            _("the report id {id} cannot name a folder.", id=repr(shown)),
            _("Make the report again."),
            retry=False,
        )


def _publish(root: Path, final: Path, payload: Payload, formats: Sequence[str]) -> Ticket:
    """Build the folder under a temporary name, then rename it into place."""
    _sweep(root, payload.report_id)
    tmp = root / f".{payload.report_id}.{secrets.token_hex(4)}.tmp"
    os.mkdir(tmp, 0o777)  # the umask decides: a share's readers must see the report
    try:
        _fill(tmp, payload, formats)
        try:
            os.rename(tmp, final)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY) and (final / MARKER).is_file():
                shutil.rmtree(tmp, ignore_errors=True)
                return _ticket(payload, final, existing=True)  # a parallel try finished first
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _sync(root)
    return _ticket(payload, final)


def _ticket(payload: Payload, folder: Path, existing: bool = False) -> Ticket:
    """The report id to quote, and where the folder is (a path people can read and paste)."""
    return Ticket(payload.report_id, str(folder.absolute()), existing)


def _fill(folder: Path, payload: Payload, formats: Sequence[str]) -> None:
    """Write the report files, the attachments and, last, the completion marker."""
    for fmt in formats:
        _write(folder / FILES[fmt], getattr(payload, fmt).encode("utf-8"))
    names = _copy_attachments(folder, payload.attachments)
    done = {
        "report_id": payload.report_id,
        "files": [FILES[f] for f in formats],
        "attachments": names,
    }
    _write(folder / MARKER, json.dumps(done, ensure_ascii=False, indent=1).encode("utf-8"))
    _sync(folder)


def _copy_attachments(folder: Path, files: Sequence[Attachment]) -> list[str]:
    """Copy each file under attachments/ with a safe, unique name."""
    if not files:
        return []
    target = folder / "attachments"
    target.mkdir()
    names: list[str] = []
    for i, a in enumerate(files, 1):
        name = _UNSAFE_NAME.sub("_", a.name).strip(" .") or f"attachment-{i}"
        if name.lower() in (n.lower() for n in names):
            name = f"{i}-{name}"
        try:
            src = open(a.path, "rb")  # noqa: SIM115 - closed below; its errors are the file's
        except OSError as exc:
            raise api.unreadable(a.name, exc) from None
        with src, open(target / name, "xb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        names.append(name)
    _sync(target)
    return names


def _write(path: Path, data: bytes) -> None:
    """A new file, synced to disk."""
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _sync(folder: Path) -> None:
    """Make new names in a folder durable (not every share supports it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sweep(root: Path, report_id: str) -> None:
    """Remove temporary folders that crashed tries of this report left behind."""
    now = time.time()
    for old in root.glob(f".{report_id}.*.tmp"):  # the id holds no glob characters
        with contextlib.suppress(OSError):
            if now - old.lstat().st_mtime > STALE and not old.is_symlink():
                shutil.rmtree(old)


def _failed(root: Path, exc: OSError) -> SubmitError:
    """A write failure: full disk or a lost share may pass; permissions need a fix."""
    failed = _(
        "the report could not be written to {path} ({reason}).",
        path=visible(str(root), True),
        reason=os_reason(exc),
    )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SubmitError(
            failed,
            _("Ask for write access to the folder, or set another path for the target."),
            retry=False,
        )
    return SubmitError(failed, AGAIN)
