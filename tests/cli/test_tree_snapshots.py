"""Sessions name the trees they ran by the digest of a snapshot stored once in the state folder
(docs/state.md): two sessions of one tree, a resume onto a changed tree, the older layout, and
a damaged snapshot, through the commands."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fixit.commands.resume_cmd import resume
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from ..conftest import DATA

Fixit = Callable[..., Any]


def home() -> Path:
    return Path(os.environ["FIXIT_HOME"])


def snapshots() -> list[Path]:
    folder = home() / "trees"
    return sorted(p for p in folder.iterdir() if p.suffix == ".json") if folder.exists() else []


def named(sid: str) -> dict[str, str]:
    return dict(json.loads((home() / "sessions" / sid / "trees.json").read_text()))


def run_demo(fixit: Fixit, trees: Path, answers_file: Path, answers: str) -> str:
    """A demo session from an answer file; its id."""
    answers_file.write_text(f"answers: {{{answers}}}\n")
    before = set(os.listdir(home() / "sessions")) if (home() / "sessions").exists() else set()
    fixit("--trees", str(trees), "start", "demo", "--answers", str(answers_file))
    [sid] = set(os.listdir(home() / "sessions")) - before
    return sid


def test_two_sessions_of_one_tree_store_one_snapshot(fixit: Fixit, tmp_path: Path) -> None:
    trees = DATA / "trees"
    done = run_demo(fixit, trees, tmp_path / "a.yaml", "restart: solved")
    paused = run_demo(fixit, trees, tmp_path / "b.yaml", "restart: unsolved")
    [snapshot] = snapshots()
    digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert named(done) == named(paused) == {"demo": digest}
    report = fixit("report", done, "--format", "json")
    assert report.code == 0, report.err
    assert json.loads(report.out)["outcome"] == "resolved"
    assert fixit("report", paused).code == 0


def test_a_resume_onto_a_changed_tree_stores_and_names_its_new_snapshot(
    fixit: Fixit, tmp_path: Path
) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(DATA / "trees" / "demo.yaml", trees)
    paused = run_demo(fixit, trees, tmp_path / "a.yaml", "restart: unsolved")
    other = run_demo(fixit, trees, tmp_path / "b.yaml", "restart: unsolved")
    [before] = snapshots()
    tree = trees / "demo.yaml"
    changed = tree.read_text("utf-8").replace("Does the screen say", "Does the display say")
    tree.write_text(changed, encoding="utf-8")
    ctx = AppContext(lang_option="en", trees_option=[trees], no_color=True)
    assert resume(ctx, paused, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    after = [p for p in snapshots() if p != before]
    assert len(after) == 1
    assert named(paused) == {"demo": after[0].name.removesuffix(".json")}
    assert "Does the display say" in after[0].read_text("utf-8")
    meta = json.loads((home() / "sessions" / paused / "meta.json").read_text())
    journal = (home() / "sessions" / paused / "journal.jsonl").read_text().splitlines()
    rebase = next(json.loads(line) for line in journal if '"t": "rebase"' in line)
    assert rebase["digest"] == meta["digest"] == json.loads(after[0].read_text())["digest"]
    assert named(other) == {"demo": before.name.removesuffix(".json")}  # still there for it
    for sid in (paused, other):
        assert fixit("report", sid).code == 0


def test_sessions_of_the_older_layout_are_listed_reported_and_resumed(
    fixit: Fixit, tmp_path: Path
) -> None:
    """tests/data/sessions: saved by fixit 457cceb, with the trees in each trees.json."""
    base = home() / "sessions"
    base.mkdir(parents=True)
    for path in (home(), base):
        path.chmod(0o700)
    for folder in (DATA / "sessions").iterdir():
        shutil.copytree(folder, base / folder.name)
        for path in (base / folder.name, *(base / folder.name).iterdir()):
            path.chmod(0o700 if path.is_dir() else 0o600)
    paused, done = sorted(p.name for p in (DATA / "sessions").iterdir())
    listed = fixit("sessions", "--json")
    assert listed.code == 0, listed.err
    assert {row["id"]: row["status"] for row in json.loads(listed.out)} == {
        paused: "paused",
        done: "finished",
    }
    report = fixit("report", done, "--format", "json")
    assert report.code == 0, report.err
    assert json.loads(report.out)["outcome"] == "resolved"
    ctx = AppContext(lang_option="en", trees_option=[DATA / "trees"], no_color=True)
    assert resume(ctx, paused, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    meta = json.loads((base / paused / "meta.json").read_text())
    assert (meta["status"], meta["outcome"]) == ("finished", "escalate")
    assert fixit("report", paused).code == 0


def test_a_damaged_snapshot_is_one_clear_error_and_the_rest_still_work(
    fixit: Fixit, tmp_path: Path
) -> None:
    trees = DATA / "trees"
    done = run_demo(fixit, trees, tmp_path / "a.yaml", "restart: solved")
    [snapshot] = snapshots()
    snapshot.write_bytes(snapshot.read_bytes()[:-10])
    kept = snapshot.with_name(snapshot.name + ".corrupt")
    r = fixit("report", done)
    assert r.code == 1
    assert r.err.startswith(
        f"fixit: error: session {done} is damaged: its tree snapshot {snapshot} is damaged; "
        f"it is kept as {kept}.\n"
        "hint: Nothing in it was changed: "
    )
    assert fixit("sessions").code == 0
    again = run_demo(fixit, trees, tmp_path / "b.yaml", "restart: solved")  # stored anew
    assert named(again) == named(done)
    assert fixit("report", done).code == 0
    assert not list(home().glob("crash/*"))
