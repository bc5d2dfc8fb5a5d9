"""The permission policy for fixit's own folders and files, and the shape checks of a session's
files (permissions.py, session_shape.py, docs/state.md)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from fixit import paths, permissions, storage
from fixit.i18n import _
from fixit.permissions import UnsafeStateError
from fixit.session_read import DamagedSessionError, _damaged_row, read_part
from fixit.session_shape import FIELDS, meta_problem, snapshot_problem


def test_a_link_anywhere_below_the_state_folder_is_refused(tmp_path: Path) -> None:
    state = paths.state_dir()
    storage.private_dir(state)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (state / "outbox").symlink_to(elsewhere)
    with pytest.raises(UnsafeStateError) as info:
        storage.private_dir(state / "outbox" / ".locks")  # the link is the middle folder
    assert (
        str(info.value.message)
        == f"{state / 'outbox'} is a symbolic link; fixit will not follow it."
    )
    assert list(elsewhere.iterdir()) == []


def test_a_link_above_fixits_folders_is_followed(tmp_path: Path, monkeypatch: Any) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "home").symlink_to(real)  # a home on another disk: not fixit's to judge
    monkeypatch.setenv("FIXIT_HOME", str(tmp_path / "home" / "state"))
    storage.private_dir(paths.state_dir() / "sessions")
    assert (real / "state" / "sessions").is_dir()


def test_a_file_of_another_user_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "meta.json"
    path.write_text("{}")
    os.chown(path, 65534, 65534)
    path.chmod(0o666)
    with pytest.raises(UnsafeStateError, match=r"belongs to another user \(uid 65534\)"):
        storage.read_json(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666


def test_a_fifo_in_a_files_place_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "meta.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        storage.read_json(fifo)


def unchangeable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "chmod", refuse)
    monkeypatch.setattr(os, "fchmod", refuse)


def test_a_loose_file_that_cannot_be_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readable, writable = tmp_path / "readable.json", tmp_path / "writable.json"
    for path, mode in ((readable, 0o644), (writable, 0o664)):
        path.write_text("{}")
        path.chmod(mode)
    unchangeable(monkeypatch)
    assert storage.read_json(readable) == {}  # others may read it: said, then used
    assert capsys.readouterr().err == (
        f"fixit: warning: {readable} is open to other users (0644) and fixit cannot make it "
        "private.\n"
    )
    with pytest.raises(UnsafeStateError) as info:  # others may change it: refused
        storage.read_json(writable)
    assert str(info.value.message) == (
        f"{writable} can be changed by other users (0664) and fixit cannot make it private: "
        "Read-only file system."
    )
    assert str(info.value.hint).startswith("Make it private with `chmod go-rwx` on it")


def test_a_warning_speaks_the_language_the_edge_chose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loose = tmp_path / "loose.json"
    loose.write_text("{}")
    loose.chmod(0o644)
    monkeypatch.setattr(permissions, "_language", [lambda: "fi"])
    storage.read_json(loose)
    assert capsys.readouterr().err == (
        f"fixit: warning: {loose} oli muiden käyttäjien käytettävissä (0644); fixit rajasi sen "
        "vain sinun käyttöösi (0600).\n"
    )
    permissions.warnings_in(lambda: "en")
    loose.chmod(0o644)
    storage.read_json(loose)
    assert "was open to other users (0644)" in capsys.readouterr().err


def test_before_the_edge_chooses_a_warning_follows_fixit_lang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(permissions, "_language", [permissions._asked_language])
    monkeypatch.setenv("FIXIT_LANG", "fi")
    permissions.warn(permissions.link_refused(tmp_path / "x").message)
    assert capsys.readouterr().err == (
        f"fixit: warning: {tmp_path / 'x'} on symbolinen linkki; fixit ei seuraa sitä.\n"
    )


def test_tightening_keeps_the_owners_own_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    folder.chmod(0o555)  # the owner made it read-only on purpose
    permissions.check(folder, os.lstat(folder), folder=True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o500


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        (None, "meta.json is not a JSON object"),
        ({"id": "s", "tree": "t", "status": "done", "started": "x"}, "'status'"),
        ({"id": "s", "tree": "t", "status": "paused", "started": "x", "checks": 1}, "'checks'"),
        ({"id": "s", "tree": "t", "status": "paused", "started": "x", "version": True}, "ver"),
        ({"id": "s", "tree": "t", "status": "paused", "started": "x", "mode": "x"}, "'mode'"),
    ],
)
def test_meta_shape(meta: Any, problem: str) -> None:
    assert problem in str(meta_problem(meta, "s") or "")


def test_a_sound_meta_and_snapshot_pass() -> None:
    meta = {"id": "s", "tree": "t", "status": "finished", "started": "x", "outcome": None}
    assert meta_problem(meta, "s") is None
    assert snapshot_problem({"t": {}}, "t") is None
    assert str(snapshot_problem({"t": []}, "t")) == "trees.json is not a tree snapshot"


def test_every_problem_phrase_has_finnish_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sound = {"id": "s", "tree": "t", "status": "finished", "started": "x"}
    problems = [meta_problem({**sound, key: object()}, "s") for key in FIELDS]
    problems += [
        meta_problem(None, "s"),
        meta_problem(sound, "another"),
        snapshot_problem([], "t"),
        snapshot_problem({}, "t"),
    ]
    folder = tmp_path / "x"
    folder.mkdir()
    for name in ("meta.json", "trees.json"):
        for fault in ("missing", "{", "unreadable"):
            if fault != "missing":
                (folder / name).write_text(fault)
                (folder / name).chmod(0o600)
            if fault == "unreadable":
                monkeypatch.setattr(storage, "read_json", _refuse)
            with pytest.raises(DamagedSessionError) as info:
                read_part(folder, name)
            monkeypatch.undo()
            problems.append(info.value.problem)
    problems.append(_damaged_row("x", _("it cannot be used"))["problem"])
    untranslated = [str(p) for p in problems if p is None or p.render("fi") == str(p)]
    assert len(problems) == len(FIELDS) + 11 and not untranslated
    error = DamagedSessionError(folder, _("meta.json has no valid '{key}'", key="status"))
    assert error.message.render("fi") == (
        "istunto x on vioittunut: meta.json-tiedostossa ei ole kelvollista kenttää 'status'."
    )


def _refuse(path: Path) -> None:
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


@pytest.mark.parametrize("sid", ["", ".", "..", "../x", "a/b", "a\\b"])
def test_a_session_id_never_names_another_folder(sid: str) -> None:
    from fixit import sessions
    from fixit.errors import SessionError

    with pytest.raises(SessionError, match="is not a session id"):
        sessions.find(sid)
