"""Tree snapshots stored once per content digest (tree_store.py): shared by sessions, verified
when read, damage kept aside, no links followed, private; sessions of the older layout read."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from fixit import paths, sessions, storage, tree_store
from fixit.engine import Engine
from fixit.history import replay
from fixit.permissions import UnsafeStateError
from fixit.session_read import DamagedSessionError
from fixit.trees.encoded import tree_bytes
from fixit.trees.model import Tree, tree_from_json, tree_to_json
from fixit.trees.validate import check_file, check_text

DATA = Path(__file__).resolve().parent.parent / "data"


def demo_tree() -> Tree:
    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert tree is not None and not problems
    return tree


def start(tree: Tree | None = None) -> sessions.Session:
    tree = tree or demo_tree()
    session = sessions.Session.create(tree, {tree.id: tree}, {"mode": "self", "lang": "en"})
    session.close()
    return session


def store() -> Path:
    return paths.state_dir() / "trees"


def stored() -> list[Path]:
    return sorted(store().iterdir()) if store().exists() else []


def names(session: sessions.Session) -> dict[str, str]:
    return dict(json.loads((session.folder / "trees.json").read_text()))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_two_sessions_of_one_tree_share_one_snapshot_named_by_its_bytes() -> None:
    first, second = start(), start()
    [snapshot] = stored()
    digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert snapshot.name == f"{digest}.json"
    assert names(first) == names(second) == {"demo": digest}
    for session in (first, second):
        loaded = sessions.load(session.id)
        assert loaded.trees == {"demo": demo_tree()}
    assert json.loads(snapshot.read_text("utf-8"))["source"] == str(DATA / "trees" / "demo.yaml")


def test_a_snapshot_present_is_not_written_again() -> None:
    start()
    [snapshot] = stored()
    before = os.stat(snapshot)
    start()
    after = os.stat(snapshot)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_digest_covers_the_source_path_the_tree_digest_leaves_out(tmp_path: Path) -> None:
    text = (DATA / "trees" / "demo.yaml").read_text("utf-8")
    here, there = (check_text(text, str(tmp_path / d / "demo.yaml"), "demo")[0] for d in "ab")
    assert here is not None and there is not None and here.digest == there.digest
    assert tree_store.put(here) != tree_store.put(there)
    assert len(stored()) == 2


def test_store_and_snapshots_are_private_even_under_a_loose_umask() -> None:
    with storage.umask(0):
        start()
    [snapshot] = stored()
    assert mode(store()) == 0o700 and mode(snapshot) == 0o600


def test_a_session_of_the_older_layout_reads_as_before() -> None:
    """Sessions saved before snapshots were shared hold the trees in trees.json itself
    (tests/data/sessions: written by fixit 457cceb, a paused and a finished one)."""
    for folder in sorted((DATA / "sessions").iterdir()):
        target = sessions.sessions_dir() / folder.name
        shutil.copytree(folder, target)
        for path in (target, *target.iterdir()):
            path.chmod(0o700 if path.is_dir() else 0o600)
        loaded = sessions.load(folder.name)
        assert set(loaded.trees) == {"demo"}
        assert loaded.trees["demo"].source == "trees/demo.yaml"
        history = replay(Engine(loaded.trees, "demo"), loaded.events)
        assert [a.node for a in history.state.active] == ["restart"]
    assert stored() == []  # reading an old session stores nothing


def test_a_damaged_snapshot_is_kept_aside_and_every_session_naming_it_says_so() -> None:
    first, second = start(), start()
    [snapshot] = stored()
    snapshot.write_bytes(snapshot.read_bytes().replace(b"Restart", b"Reboot!"))
    kept = snapshot.with_name(snapshot.name + ".corrupt")
    for session in (first, second):
        with pytest.raises(DamagedSessionError) as caught:
            sessions.load(session.id)
        assert str(caught.value.problem) == (
            f"its tree snapshot {snapshot} is damaged; it is kept as {kept}"
        )
    assert not snapshot.exists() and b"Reboot!" in kept.read_bytes()
    start()  # a new session of the tree stores it again: the older ones read again
    assert sessions.load(first.id).trees == {"demo": demo_tree()}
    assert sessions.load(second.id).trees == {"demo": demo_tree()}


def test_a_damaged_snapshot_in_the_way_of_a_new_session_is_kept_aside_and_replaced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = start()
    [snapshot] = stored()
    snapshot.write_bytes(snapshot.read_bytes()[:100])  # torn
    second = start()
    kept = snapshot.with_name(snapshot.name + ".corrupt")
    assert capsys.readouterr().err == (
        f"fixit: warning: the tree snapshot {snapshot} was damaged; it is kept as {kept} "
        "and written again.\n"
    )
    assert kept.read_bytes() == snapshot.read_bytes()[:100]
    assert sessions.load(first.id).trees == sessions.load(second.id).trees


def test_a_missing_snapshot_is_named() -> None:
    session = start()
    [snapshot] = stored()
    snapshot.unlink()
    with pytest.raises(DamagedSessionError) as caught:
        sessions.load(session.id)
    assert str(caught.value.problem) == f"its tree snapshot {snapshot} is missing"
    assert str(caught.value.message) == (
        f"session {session.id} is damaged: its tree snapshot {snapshot} is missing."
    )


@pytest.mark.parametrize(
    "names_",
    [
        {"demo": "not-a-digest"},
        {"demo": "A" * 64},
        {"demo": 5},
        {"other": "0" * 64},  # not the session's tree
    ],
)
def test_a_trees_json_naming_no_snapshot_is_damaged(names_: dict[str, object]) -> None:
    session = start()
    (session.folder / "trees.json").write_text(json.dumps(names_))
    with pytest.raises(DamagedSessionError):
        sessions.load(session.id)


def test_a_snapshot_made_to_match_its_name_must_still_be_the_tree_named() -> None:
    session = start()
    other = json.loads(stored()[0].read_text("utf-8"))
    other["id"] = "elsewhere"
    data = json.dumps(other).encode()
    digest = hashlib.sha256(data).hexdigest()
    (store() / f"{digest}.json").write_bytes(data)
    (session.folder / "trees.json").write_text(json.dumps({"demo": digest}))
    with pytest.raises(DamagedSessionError) as caught:
        sessions.load(session.id)
    assert str(caught.value.problem) == "trees.json is not a tree snapshot"


def test_a_link_planted_where_a_snapshot_goes_is_refused_and_its_target_untouched(
    tmp_path: Path,
) -> None:
    tree = demo_tree()
    digest, _ = tree_store.encode(tree)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    store().mkdir(parents=True, mode=0o700)
    planted = store() / f"{digest}.json"
    planted.symlink_to(victim)
    before = set(os.listdir(sessions.sessions_dir()))
    with pytest.raises(UnsafeStateError, match="is a symbolic link; fixit will not follow it"):
        start(tree)
    assert set(os.listdir(sessions.sessions_dir())) == before  # no half-made session left
    assert victim.read_text() == "precious\n" and planted.is_symlink()


def test_a_link_planted_in_place_of_a_stored_snapshot_is_refused_on_reading(
    tmp_path: Path,
) -> None:
    session = start()
    [snapshot] = stored()
    victim = tmp_path / "victim.json"
    shutil.copy(snapshot, victim)
    snapshot.unlink()
    snapshot.symlink_to(victim)
    with pytest.raises(UnsafeStateError, match="is a symbolic link"):
        sessions.load(session.id)
    assert snapshot.is_symlink()


def test_a_linked_store_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    storage.private_dir(paths.state_dir())
    store().symlink_to(elsewhere)
    with pytest.raises(UnsafeStateError, match="is a symbolic link"):
        start()
    assert list(elsewhere.iterdir()) == []


def test_a_snapshot_reads_back_as_the_tree_it_was_made_from() -> None:
    tree = demo_tree()
    digest = tree_store.put(tree)
    assert tree_from_json(tree_store.read(digest)) == tree


def test_every_shipped_tree_reads_back_whole_from_its_lean_snapshot_form() -> None:
    """The stored form leaves out what reading it back fills in."""
    for path in sorted((paths.shipped_trees_dir()).glob("*.yaml")):
        if path.name.endswith(".test.yaml"):
            continue
        tree, problems = check_file(path)
        assert tree is not None and not problems, path
        data = json.loads(tree_bytes(tree))
        assert tree_from_json(data) == tree, path
        assert all("retry_wait" not in n for n in data["nodes"] if n["kind"] != "step"), path
        full = json.dumps(tree_to_json(tree), ensure_ascii=False, separators=(",", ":"))
        assert len(tree_bytes(tree)) < len(full.encode()), path
