"""Tree sources and the validated-tree cache keyed by content hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixit.trees import validate
from fixit.trees.library import Source, load_library

DEMO = (Path(__file__).resolve().parent.parent / "data" / "trees" / "demo.yaml").read_text()


def test_cache_serves_valid_and_invalid_files_without_parsing(
    tree_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree_dir / "demo.yaml").write_text(DEMO)
    (tree_dir / "bad.yaml").write_text("format: 1\n")
    first = load_library([Source("extra", tree_dir)])
    assert set(first.trees()) == {"demo"} and first.problems

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed although cached")

    # the library imports the validator when a file must be parsed: patched where it lives
    monkeypatch.setattr(validate, "check_text", no_parsing)
    second = load_library([Source("extra", tree_dir)])
    assert second.trees()["demo"] == first.trees()["demo"]
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    monkeypatch.undo()
    (tree_dir / "demo.yaml").write_text(DEMO.replace("version: 2", "version: 5"))
    assert load_library([Source("extra", tree_dir)]).trees()["demo"].version == 5


def test_a_broken_cache_file_is_ignored(tree_dir: Path, isolated: Path) -> None:
    (tree_dir / "demo.yaml").write_text(DEMO)
    load_library([Source("extra", tree_dir)])
    for cached in (isolated / "state" / "cache" / "trees").iterdir():
        cached.write_text("{broken")
    assert "demo" in load_library([Source("extra", tree_dir)]).trees()


def test_tree_by_path_and_subtree_problems(tree_dir: Path) -> None:
    (tree_dir / "demo.yaml").write_text(DEMO)
    lib = load_library([])
    assert lib.get(str(tree_dir / "demo.yaml")).id == "demo"
    (tree_dir / "outer.yaml").write_text(
        "format: 1\nid: outer\ntitle: O\nstart: s\nnodes:\n  s: {kind: tree, tree: missing, on: {resolved: e}}\n"
        "  e: {kind: end, outcome: resolved, text: E}\n"
    )
    lib = load_library([Source("extra", tree_dir)])
    assert any("runs tree 'missing', which is not loaded" in str(p) for p in lib.problems)
    with pytest.raises(Exception, match="does not validate"):
        lib.get("outer")
