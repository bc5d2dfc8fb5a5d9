"""`fixit trees schema`: the JSON Schema of the tree format on stdout, or written for editors."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from ..conftest import SHIPPED
from .conftest import Run

FixitRun = Callable[..., Run]


def test_it_prints_pure_json_the_shipped_file_holds(fixit: FixitRun) -> None:
    r = fixit("trees", "schema")
    assert r.code == 0 and r.err == ""
    schema = json.loads(r.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert r.out == (SHIPPED / "tree.schema.json").read_text("utf-8")


def test_output_writes_a_file_others_can_read_and_says_what_line_names_it(
    fixit: FixitRun, tmp_path: Path
) -> None:
    target = tmp_path / "fixit-tree.json"
    r = fixit("trees", "schema", "--output", str(target))
    assert r.code == 0, r.err
    assert json.loads(target.read_text("utf-8"))["title"] == "fixit decision tree, format 1"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert f"JSON Schema written to {target}." in r.out
    assert "# yaml-language-server: $schema=fixit-tree.json" in r.out


def test_output_into_a_folder_uses_the_name_the_shipped_trees_use(
    fixit: FixitRun, tmp_path: Path
) -> None:
    r = fixit("--lang", "fi", "trees", "schema", "--output", str(tmp_path))
    assert r.code == 0, r.err
    assert (tmp_path / "tree.schema.json").read_text("utf-8") == (
        SHIPPED / "tree.schema.json"
    ).read_text("utf-8")
    assert f"JSON-skeema tallennettu: {tmp_path / 'tree.schema.json'}." in r.out
    assert "# yaml-language-server: $schema=tree.schema.json" in r.out


def test_an_unwritable_place_is_one_clear_error(fixit: FixitRun, tmp_path: Path) -> None:
    r = fixit("trees", "schema", "--output", str(tmp_path / "missing" / "tree.schema.json"))
    assert r.code == 1
    assert r.err.startswith(
        f"fixit: error: cannot write {tmp_path / 'missing' / 'tree.schema.json'}"
    )
    assert "hint: Choose a place you can write to with --output." in r.err
    assert "Traceback" not in r.err


def test_help_says_what_it_is_for(fixit: FixitRun) -> None:
    r = fixit("trees", "schema", "--help")
    assert r.code == 0
    assert "JSON Schema" in r.out and "--output" in r.out


def test_a_folder_not_made_yet_is_not_written_as_a_file(fixit: FixitRun, tmp_path: Path) -> None:
    """`--output ~/.config/fixit/trees/` before the folder exists: a file named `trees` would
    leave the trees there without their schema."""
    r = fixit("trees", "schema", "--output", str(tmp_path / "trees"))
    assert r.code == 2
    assert f"{tmp_path / 'trees'} is not a folder, nor a file name that ends in .json." in r.err
    assert "hint: Make the folder first, or give a file name that ends in .json." in r.err
    assert not (tmp_path / "trees").exists()
