"""State on disk (RELIABILITY policy 4): private, atomic, synced, locked, damage kept aside."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from fixit import sessions, storage
from fixit.engine import Engine
from fixit.errors import SessionError, StorageError
from fixit.events import Answer, Back, Note
from fixit.history import replay
from fixit.trees.validate import check_file

DATA = Path(__file__).resolve().parent.parent / "data" / "trees"


def demo_session() -> sessions.Session:
    tree, problems = check_file(DATA / "demo.yaml")
    assert tree is not None and not problems
    return sessions.Session.create(tree, {"demo": tree}, {"mode": "self", "lang": "en"})


def test_session_files_are_private_and_journal_replays() -> None:
    s = demo_session()
    s.append(Answer("restart", "unsolved", "user"))
    s.append(Note("hdmi", "blinking"))
    s.close()
    mode = stat.S_IMODE(os.stat(s.folder).st_mode)
    assert mode == 0o700
    for name in ("meta.json", "journal.jsonl", "trees.json"):
        assert stat.S_IMODE(os.stat(s.folder / name).st_mode) == 0o600, name
    loaded = sessions.load(s.id[:15])
    h = replay(Engine(loaded.trees, "demo"), loaded.events)
    assert [a.node for a in h.state.active] == ["restart"]
    assert h.notes[0]["text"] == "blinking"


def test_a_typed_event_is_written_as_the_dict_writers_wrote_it() -> None:
    s = demo_session()
    s.append(Answer("restart", "unsolved", "user"))
    s.append(Note("hdmi", "välkkyy"))
    s.close()
    lines = (s.folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    at = [json.loads(line)["at"] for line in lines]
    assert lines == [
        json.dumps(
            {"at": at[0], "t": "answer", "node": "restart", "value": "unsolved", "by": "user"},
            ensure_ascii=False,
        ),
        json.dumps(
            {"at": at[1], "t": "note", "node": "hdmi", "text": "välkkyy"}, ensure_ascii=False
        ),
    ]
    assert [e.at for e in s.events] == at


def test_a_second_opener_is_told_who_holds_the_lock() -> None:
    s = demo_session()
    with pytest.raises(SessionError, match=f"session {s.id} is open in process {os.getpid()}"):
        sessions.Session.reopen(sessions.load(s.id))
    s.close()
    sessions.Session.reopen(sessions.load(s.id)).close()


def test_torn_last_line_is_dropped_and_garbage_kept_aside() -> None:
    s = demo_session()
    s.append(Answer("restart", "unsolved"))
    s.close()
    journal = s.folder / "journal.jsonl"
    with open(journal, "ab") as fh:
        fh.write(b'{"t": "answer", "node": "hd')
    loaded = sessions.load(s.id)
    assert len(loaded.events) == 1 and loaded.damaged is None
    journal.write_bytes(
        b'{"t": "answer", "node": "restart", "value": "unsolved"}\ngarbage\n{"t": "back"}\n'
    )
    loaded = sessions.load(s.id)
    assert "line 2 of the journal was damaged" in str(loaded.damaged)
    assert (s.folder / "journal.jsonl.corrupt").read_bytes().count(b"garbage") == 1
    assert [type(e) for e in loaded.events] == [Answer, Back]  # only the damaged line is lost
    assert sessions.load(s.id).damaged is None  # rewritten clean


def test_damaged_meta_is_listed_not_crashing() -> None:
    s = demo_session()
    s.close()
    (s.folder / "meta.json").write_text("{not json")
    rows = list(sessions.listing())
    assert rows[0]["status"] == "damaged"
    with pytest.raises(SessionError, match="is damaged"):
        sessions.load(s.id)


def test_symlink_planted_for_the_journal_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    link = tmp_path / "journal.jsonl"
    link.symlink_to(target)
    with pytest.raises(StorageError, match="symbolic link"):
        storage.open_append(link)
    assert not target.exists()


def test_disk_full_is_a_clear_error(tmp_path: Path) -> None:
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        with pytest.raises(StorageError, match="Free some disk space"):
            try:
                storage.append_line(fd, Path("/dev/full"), "x" * 10)
            except StorageError as exc:
                raise StorageError(f"{exc.message} {exc.hint}") from None
    finally:
        os.close(fd)


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    storage.write_json(tmp_path / "a.json", {"x": 1})
    assert json.loads((tmp_path / "a.json").read_text()) == {"x": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_unwritable_state_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FIXIT_HOME", str(blocker / "state"))
    with pytest.raises(StorageError, match="cannot create the folder"):
        sessions.sessions_dir()


def test_output_goes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    storage.write_output(link, b"report")
    assert link.is_symlink() and real.read_bytes() == b"report"


def test_output_keeps_an_existing_files_mode_and_a_new_one_is_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared.md"
    shared.write_text("old")
    shared.chmod(0o644)
    storage.write_output(shared, b"report")
    assert shared.read_bytes() == b"report" and stat.S_IMODE(shared.stat().st_mode) == 0o644
    new = tmp_path / "new.md"
    storage.write_output(new, b"report")
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "shared.md"]


def test_output_into_a_pipe_is_written_to_the_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there before fixit
    try:
        storage.write_output(fifo, b"report")
        assert os.read(reader, 100) == b"report" and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    finally:
        os.close(reader)


def test_output_to_a_folder_or_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        storage.write_output(tmp_path, b"report")
    assert str(info.value.message) == f"{tmp_path} is a folder."
    assert str(info.value.hint) == "Give a file name inside it instead."
    with pytest.raises(StorageError) as info:
        storage.write_output(tmp_path / "missing" / "r.md", b"report")
    assert (
        str(info.value.message)
        == f"cannot write {tmp_path / 'missing' / 'r.md'}: No such file or directory."
    )
    assert str(info.value.hint) == "Choose a place you can write to with --output."


def test_every_folder_fixit_creates_is_private(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    base.chmod(0o755)
    old = os.umask(0o022)
    try:
        storage.private_dir(base / "home" / "cache" / "trees")
    finally:
        os.umask(old)
    for folder in ("home", "home/cache", "home/cache/trees"):
        assert stat.S_IMODE((base / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(base.stat().st_mode) == 0o755  # one it did not create is left alone


def test_amending_a_session_respects_its_lock_and_its_damage() -> None:
    import subprocess
    import sys

    s = demo_session()
    sessions.amend_meta(s.id, lambda m: m.update(note="held here"))  # this process holds it
    s.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
            str(s.folder / "lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(SessionError, match=f"session {s.id} is open in "):
            sessions.amend_meta(s.id, lambda m: m.update(note="elsewhere"))
    finally:
        holder.kill()
        holder.wait(10)
    assert json.loads((s.folder / "meta.json").read_text())["note"] == "held here"
    (s.folder / "meta.json").write_text('{"id": ')
    with pytest.raises(SessionError, match=r"is damaged: meta\.json is not valid JSON"):
        sessions.amend_meta(s.id, lambda m: m.update(note="x"))


def test_output_into_a_pipe_nobody_reads_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(StorageError) as info:
        storage.write_output(fifo, b"report")
    assert str(info.value.message) == f"nothing is reading the pipe {fifo}."
