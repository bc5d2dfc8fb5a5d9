"""Directory target: whole report folders, renamed into place; a resend finds the first one."""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from fixit.submit import directory
from fixit.submit.base import Attachment, Payload, SubmitError, Ticket
from fixit.submit.registry import make_submitter, validate_target

from .fakes import payload, secrets


def submitter(path: Path, **extra: Any) -> Any:
    target = validate_target("share", {"type": "directory", "path": str(path), **extra})
    return make_submitter(target, secrets({}))


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def test_writes_every_format_attachments_and_marker(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path)
    ticket = submitter(share).send(p)
    folder = share / p.report_id
    assert ticket == Ticket(p.report_id, str(folder))  # the id to quote; the folder is where
    assert (folder / "report.md").read_text("utf-8") == p.markdown
    assert (folder / "report.json").read_text("utf-8") == p.json
    assert (folder / "report.html").read_text("utf-8") == p.html
    assert not (folder / "report.txt").exists()
    for a in p.attachments:
        assert (folder / "attachments" / a.name).read_bytes() == a.path.read_bytes()
    marker = json.loads((folder / directory.MARKER).read_text("utf-8"))
    assert marker["attachments"] == ["log0.txt", "log1.txt"]
    assert sorted(os.listdir(share)) == [p.report_id]  # no temporary folder left


def test_text_only(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    submitter(share, formats=["text"]).send(p)
    folder = share / p.report_id
    assert sorted(os.listdir(folder)) == [directory.MARKER, "report.txt"]
    assert (folder / "report.txt").read_text("utf-8") == p.text


def test_second_send_finds_the_first(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path)
    first = submitter(share).send(p)
    stamp = (share / p.report_id / "report.md").stat().st_mtime_ns
    again = submitter(share).send(p)
    assert again == Ticket(first.ref, first.url, existing=True)
    assert (share / p.report_id / "report.md").stat().st_mtime_ns == stamp


def test_missing_share_is_worth_a_retry_and_is_not_created(tmp_path: Path) -> None:
    gone = tmp_path / "mnt" / "tickets"
    with pytest.raises(SubmitError) as info:
        submitter(gone).send(payload(tmp_path))
    assert str(info.value.message) == f"the folder {gone} is not available."
    assert str(info.value.hint).startswith("Check that the shared drive is mounted")
    assert info.value.retry is True
    assert not gone.exists()


def _failing_write(monkeypatch: pytest.MonkeyPatch, code: int, name: str) -> None:
    real = directory._write

    def write(path: Path, data: bytes) -> None:
        if path.name == name:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(directory, "_write", write)


def test_disk_full_leaves_nothing_half_written(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = payload(tmp_path)
    _failing_write(monkeypatch, errno.ENOSPC, "report.html")
    with pytest.raises(SubmitError) as info:
        submitter(share).send(p)
    assert info.value.retry is True
    assert (
        str(info.value.message)
        == f"the report could not be written to {share} (No space left on device)."
    )
    assert os.listdir(share) == []
    monkeypatch.undo()
    assert submitter(share).send(p).existing is False
    assert (share / p.report_id / directory.MARKER).is_file()


def test_permission_denied_needs_a_fix(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_write(monkeypatch, errno.EACCES, "report.md")
    with pytest.raises(SubmitError) as info:
        submitter(share).send(payload(tmp_path))
    assert info.value.retry is False and "Permission denied" in str(info.value.message)
    assert str(info.value.hint).startswith("Ask for write access")
    assert os.listdir(share) == []


def test_a_foreign_folder_of_the_same_name_is_left_alone(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path)
    (share / p.report_id).mkdir()
    (share / p.report_id / "notes.txt").write_text("someone else's")
    with pytest.raises(SubmitError) as info:
        submitter(share).send(p)
    assert str(info.value.message).endswith("exists but is not a complete fixit report.")
    assert info.value.retry is False
    assert os.listdir(share / p.report_id) == ["notes.txt"]


def test_a_parallel_try_that_finished_first_wins(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = payload(tmp_path, files=0)
    real = directory._fill

    def fill(folder: Path, payload: Payload, formats: Sequence[str]) -> None:
        real(folder, payload, formats)
        other = share / payload.report_id
        other.mkdir()
        (other / directory.MARKER).write_text("{}")
        (other / "report.md").write_text("the other try")

    monkeypatch.setattr(directory, "_fill", fill)
    found = submitter(share).send(p)
    assert found == Ticket(p.report_id, str(share / p.report_id), existing=True)
    assert sorted(os.listdir(share)) == [p.report_id]


def test_unsafe_and_duplicate_attachment_names(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path)
    a, b = p.attachments
    odd = [
        Attachment(a.path, "../../etc/passwd", a.mime, a.size, a.sha256),
        Attachment(b.path, "..\\..\\evil.txt", b.mime, b.size, b.sha256),
        Attachment(b.path, "LOG.TXT", b.mime, b.size, b.sha256),
        Attachment(a.path, "log.txt", a.mime, a.size, a.sha256),
        Attachment(a.path, "..", a.mime, a.size, a.sha256),
    ]
    submitter(share).send(Payload(**{**p.__dict__, "attachments": odd}))
    names = sorted(os.listdir(share / p.report_id / "attachments"))
    assert names == ["4-log.txt", "LOG.TXT", "_.._etc_passwd", "_.._evil.txt", "attachment-5"]
    assert not (tmp_path / "etc").exists()


def test_a_missing_attachment_is_named_and_nothing_is_left(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path)
    p.attachments[0].path.unlink()
    with pytest.raises(SubmitError) as info:
        submitter(share).send(p)
    assert str(info.value.message).startswith("the attachment log0.txt could not be read")
    assert info.value.retry is False
    assert os.listdir(share) == []


def test_stale_temporary_folders_are_swept(share: Path, tmp_path: Path) -> None:
    p = payload(tmp_path, files=0)
    stale = share / f".{p.report_id}.dead.tmp"
    fresh = share / f".{p.report_id}.busy.tmp"
    other = share / ".fixit-other.dead.tmp"
    for folder in (stale, fresh, other):
        folder.mkdir()
        (folder / "report.md").write_text("partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    submitter(share).send(p)
    assert sorted(os.listdir(share)) == sorted([fresh.name, other.name, p.report_id])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"formats": ["markdown", "pdf"]}, "target 'share' has formats ['pdf']."),
    ],
)
def test_bad_settings(share: Path, tmp_path: Path, extra: dict[str, Any], message: str) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(share, **extra).send(payload(tmp_path))
    assert str(info.value.message) == message and info.value.retry is False


@pytest.mark.parametrize("report_id", ["../x", ".hidden", "a/b", "a\nb", ""])
def test_report_id_that_cannot_name_a_folder(share: Path, tmp_path: Path, report_id: str) -> None:
    p = payload(tmp_path, files=0)
    with pytest.raises(SubmitError) as info:
        submitter(share).send(Payload(**{**p.__dict__, "report_id": report_id}))
    assert "cannot name a folder" in str(info.value.message) and "\n" not in str(info.value.message)
    assert os.listdir(share) == []
