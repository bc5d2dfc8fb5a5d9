"""The statistics index: built from the journals, brought up to date by reading only the sessions
that changed, forgetting removed ones, counting an open session only once it is no longer open,
private, and rebuilt with one warning when damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import events, sessions
from fixit.errors import StorageError
from fixit.stats import index, refresh
from fixit.stats.figures import Filters
from tests.unit.stats_sessions import answer, at, demo, end, loop, make

Reads = list[str]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    """The ids of the sessions the index reads."""
    seen: Reads = []
    real: Callable[[str], sessions.Loaded] = sessions.load

    def load(sid: str) -> sessions.Loaded:
        seen.append(sid)
        return real(sid)

    monkeypatch.setattr(sessions, "load", load)
    return seen


def resolved() -> sessions.Session:
    return make(demo(), [answer("restart", "solved", 10), end("resolved", "done", 12)])


def count() -> int:
    found = index.stats(Filters()).trees
    return found[0].sessions if found else 0


def test_only_sessions_that_changed_are_read_again(reads: Reads) -> None:
    done = resolved()
    paused = make(demo(), [answer("restart", "unsolved", 10), events.Quit("user", at(11))])
    assert count() == 2 and sorted(reads) == sorted([done.id, paused.id])
    reads.clear()
    assert count() == 2 and reads == []  # nothing changed: nothing read
    carried = sessions.Session.reopen(sessions.load(paused.id))
    reads.clear()
    carried.append(answer("hdmi", "no", 30))
    carried.append(answer("player_id", "x", 40))
    carried.append(end("escalate", "escalate", 41))
    carried.close()
    (tree,) = index.stats(Filters()).trees
    assert reads == [paused.id]
    assert tree.outcomes["escalate"] == 1 and tree.outcomes["abandoned"] == 0
    reads.clear()
    new = resolved()
    (tree,) = index.stats(Filters()).trees
    assert reads == [new.id] and tree.outcomes["resolved"] == 2


def test_a_removed_session_leaves_the_figures() -> None:
    gone = resolved()
    resolved()
    assert count() == 2
    shutil.rmtree(gone.folder)
    assert count() == 1


def test_an_open_session_counts_once_it_is_no_longer_open() -> None:
    running = make(demo(), [answer("restart", "unsolved", 10)], keep_open=True)
    resolved()
    assert count() == 1
    running.close()  # the process went away: nothing in its files changed
    (tree,) = index.stats(Filters()).trees
    assert tree.sessions == 2 and tree.outcomes["abandoned"] == 1


def test_figures_merged_from_the_cache_equal_a_fresh_count(tmp_path: Path) -> None:
    resolved()
    make(demo(), [answer("restart", "unsolved", 10), events.Quit("user", at(11))])
    make(loop(tmp_path), [answer("power", "solved", 5), end("resolved", "done", 6)])
    index.stats(Filters())
    assert index.stats(Filters()) == index.stats(Filters(), rebuild=True)  # read from the cache
    make(demo(), [answer("restart", "solved", 30), end("resolved", "done", 40)], mode="agent")
    merged = index.stats(Filters())  # the new session counted in, only its tree worked out again
    assert merged == index.stats(Filters(), rebuild=True)
    assert [(t.id, t.sessions) for t in merged.trees] == [("demo", 3), ("loop", 1)]


def test_the_index_is_private() -> None:
    resolved()
    index.stats(Filters())
    path = index.index_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other layout", "no tables"])
def test_a_damaged_index_is_built_again_with_one_warning(
    damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    resolved()
    index.stats(Filters())
    path = index.index_path()
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:4096] + b"\0" * 100 + data[4196:8192])
    else:
        with sqlite3.connect(path) as conn:
            if damage == "other layout":
                conn.execute("PRAGMA user_version = 99")
            else:
                conn.execute("DROP TABLE steps")
    capsys.readouterr()
    assert count() == 1
    err = capsys.readouterr().err
    assert err.count("warning") == 1
    assert "the statistics index was damaged; it was built again from the sessions." in err
    assert path.with_name("stats.sqlite3.corrupt").exists()
    capsys.readouterr()
    assert count() == 1 and capsys.readouterr().err == ""


def test_deleting_the_index_loses_nothing() -> None:
    resolved()
    before = index.stats(Filters())
    index.index_path().unlink()
    assert index.stats(Filters()) == before


def test_the_index_knows_the_session_files_by_their_names() -> None:
    from fixit import session_read, session_shape

    assert (refresh.JOURNAL, refresh.META) == (session_shape.JOURNAL, session_shape.META)
    assert index.sessions_folder() == session_read.sessions_dir()


def test_an_index_another_fixit_is_writing_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resolved()
    index.stats(Filters())
    monkeypatch.setattr(index, "WAIT", 0.1)
    resolved()  # something to write
    with sqlite3.connect(index.index_path()) as other:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError) as caught:
            index.stats(Filters())
        other.rollback()
    assert str(caught.value.message).startswith("cannot use the statistics index ")
    assert "database is locked" in str(caught.value.message)
    assert "Another `fixit stats` may be updating it" in str(caught.value.hint)
    assert count() == 2  # once it is free: as if nothing happened


@pytest.mark.parametrize("kept_apart", [0, 1, 2000])
def test_sessions_that_come_and_go_are_seen_however_the_listing_is_kept(
    monkeypatch: pytest.MonkeyPatch, kept_apart: int
) -> None:
    monkeypatch.setattr(refresh, "LISTING_CHANGES", kept_apart)
    first = resolved()
    assert count() == 1
    second, third = resolved(), resolved()
    assert count() == 3
    shutil.rmtree(second.folder)
    assert count() == 2
    shutil.rmtree(first.folder)
    resolved()
    assert count() == 2
    shutil.rmtree(third.folder)
    assert count() == 1


def test_a_folder_seen_long_enough_is_not_listed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh, "TRUST_AFTER", -1.0)  # as if the last change were long ago
    paused = make(demo(), [answer("restart", "unsolved", 10), events.Quit("user", at(11))])
    assert count() == 1

    def no_listing(base: object) -> set[str]:
        raise AssertionError("listed although nothing came or went")

    monkeypatch.setattr(refresh, "_names", no_listing)
    carried = sessions.Session.reopen(sessions.load(paused.id))
    carried.append(answer("hdmi", "no", 30))
    carried.append(answer("player_id", "x", 40))
    carried.append(end("escalate", "escalate", 41))
    carried.close()
    (tree,) = index.stats(Filters()).trees  # the journal changed: seen without a listing
    assert tree.outcomes["escalate"] == 1 and tree.outcomes["abandoned"] == 0
