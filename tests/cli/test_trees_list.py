"""`fixit trees list` and `trees validate|test` name what is wrong, where, and in the user's
language; a folder with no trees is an error, not "all valid"."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import LANGUAGES, Messages
from fixit.labels import MODE

from ..conftest import DATA, SHIPPED


def broken_no_internet(folder: Path) -> Path:
    """A copy of the shipped no-internet tree that no longer validates (its start is gone)."""
    path = folder / "no-internet.yaml"
    text = (SHIPPED / "no-internet.yaml").read_text("utf-8")
    path.write_text(text.replace("\nstart:", "\nstart_x:", 1), "utf-8")
    return path


def test_a_broken_tree_is_named_with_its_path_the_command_and_what_it_hides(
    fixit: Callable[..., Any], tree_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = broken_no_internet(tree_dir)
    monkeypatch.setenv("COLUMNS", "100")
    r = fixit("--trees", str(tree_dir), "trees", "list")
    assert r.code == 0
    block = r.out.split("\nno-internet\n", 1)[1].split("\nreport-problem\n", 1)[0]
    block = " ".join(block.split())  # a line wrapped between words reads the same
    command = f"fixit trees validate {shlex.quote(str(bad))}"
    assert f"Status: ✗ does not validate: `{command}` says why" in block
    assert "From: --trees / FIXIT_TREES — hides the tree of the same id (shipped with fixit)" in (
        block
    )
    assert f"File: {bad}" in block
    # the command it names does explain it
    why = fixit("--trees", str(tree_dir), "trees", "validate", str(bad))
    assert why.code == 1 and "start" in why.err
    rows = {
        row["id"]: row
        for row in json.loads(fixit("--trees", str(tree_dir), "trees", "list", "--json").out)
    }
    assert rows["no-internet"]["valid"] is False
    assert rows["no-internet"]["overrides"][0]["source"] == "shipped"


def test_a_tree_that_runs_a_broken_tree_is_broken_too(
    fixit: Callable[..., Any], tree_dir: Path
) -> None:
    broken_no_internet(tree_dir)
    shipped = {r["id"]: r for r in json.loads(fixit("trees", "list", "--json").out)}
    runs_it = [
        tid
        for tid, row in shipped.items()
        if "tree: no-internet" in Path(row["path"]).read_text("utf-8")
    ]
    assert runs_it, "a shipped tree runs no-internet as a sub-tree"
    rows = {
        r["id"]: r
        for r in json.loads(fixit("--trees", str(tree_dir), "trees", "list", "--json").out)
    }
    assert all(rows[tid]["valid"] is False for tid in runs_it)
    assert rows["slow-computer"]["valid"] is True


def test_finnish_names_the_source_and_the_state_in_finnish(
    fixit: Callable[..., Any], tree_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_no_internet(tree_dir)
    monkeypatch.setenv("COLUMNS", "100")
    r = fixit("--lang", "fi", "--trees", str(tree_dir), "trees", "list")
    r.out = " ".join(r.out.split())
    assert "Lähde: fixitin mukana" in r.out
    assert "shipped" not in r.out.replace("decision_trees", "")
    assert "Tila: ✗ virheellinen: syyn näet komennolla `fixit trees validate" in r.out
    assert "peittää polun, jolla on sama tunnus (fixitin mukana)" in r.out


def test_no_state_column_when_every_tree_is_valid(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    r = fixit("trees", "list")
    header = r.out.splitlines()[0].split()
    assert header[:2] == ["Id", "Title"] and "Status" not in header and header[-1] == "File"
    assert "shipped with fixit" in r.out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_40_columns_every_line_fits_and_words_stay_whole(
    fixit: Callable[..., Any], tree_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    bad = broken_no_internet(tree_dir)
    monkeypatch.setenv("COLUMNS", "40")
    r = fixit("--lang", lang, "--trees", str(tree_dir), "trees", "list")
    for line in r.out.splitlines():
        # only a path (one word that cannot be broken) may run past the edge
        assert len(line) <= 40 or len(line.split()) == 1, line
    words = r.out.split()
    assert str(bad) in [w.strip("`") for w in words]  # the path stays whole, copyable
    assert Messages(lang)(MODE["self"]) + "," in words  # the mode's own word, whole


@pytest.mark.parametrize("command", ["validate", "test"])
def test_a_folder_with_no_trees_is_an_error(
    fixit: Callable[..., Any], tmp_path: Path, command: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a tree")
    r = fixit("trees", command, str(empty))
    assert r.code == 1
    assert f"fixit: error: there are no tree files in {empty}." in r.err
    assert "hint: Tree files end in .yaml or .yml (not .test.yaml): check the path." in r.err
    fi = fixit("--lang", "fi", "trees", command, str(empty))
    assert f"kansiossa {empty} ei ole yhtään vianetsintäpolun tiedostoa." in fi.err


def test_a_folder_of_only_test_files_has_no_trees(
    fixit: Callable[..., Any], tree_dir: Path
) -> None:
    (tree_dir / "demo.test.yaml").write_text("- name: x\n  answers: {}\n")
    r = fixit("trees", "validate", str(tree_dir))
    assert r.code == 1 and "there are no tree files in" in r.err


def demo_with_cases(tree_dir: Path, cases: str) -> None:
    (tree_dir / "demo.yaml").write_text((DATA / "trees" / "demo.yaml").read_text())
    (tree_dir / "demo.test.yaml").write_text(cases)


ONE = "- name: fixed\n  answers: {restart: solved}\n  expect: {outcome: resolved}\n"
WRONG = "- name: wrong\n  answers: {restart: solved}\n  expect: {outcome: escalate, path: [x]}\n"


@pytest.mark.parametrize(
    ("lang", "cases", "counted"),
    [
        ("en", ONE, "demo: 1 case,"),
        ("en", ONE + ONE, "demo: 2 cases,"),
        ("fi", ONE, "demo: 1 tapaus,"),
        ("fi", ONE + ONE, "demo: 2 tapausta,"),
    ],
)
def test_the_tree_test_summary_counts_cases_in_words(
    fixit: Callable[..., Any], tree_dir: Path, lang: str, cases: str, counted: str
) -> None:
    demo_with_cases(tree_dir, cases)
    r = fixit("--lang", lang, "trees", "test", str(tree_dir))
    assert r.code == 0 and counted in r.out, r.out


def test_a_failed_case_and_a_missing_test_file_read_in_finnish(
    fixit: Callable[..., Any], tree_dir: Path
) -> None:
    demo_with_cases(tree_dir, WRONG)
    r = fixit("--lang", "fi", "trees", "test", str(tree_dir))
    assert r.code == 1
    assert "VIRHE demo: wrong" in r.out
    assert "lopputulos 'resolved', odotettiin 'escalate'" in r.out
    assert "polku ['restart', 'done'], odotettiin ['x']" in r.out
    (tree_dir / "demo.test.yaml").unlink()
    r = fixit("--lang", "fi", "trees", "test", str(tree_dir))
    assert "demo: ei testitiedostoa (demo.test.yaml)" in r.out
    assert "demo: no test file (demo.test.yaml)" in fixit("trees", "test", str(tree_dir)).out


def test_starting_a_broken_tree_that_hides_another_names_both(
    fixit: Callable[..., Any], tree_dir: Path, tmp_path: Path
) -> None:
    bad = broken_no_internet(tree_dir)
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {}\n")
    r = fixit("--trees", str(tree_dir), "start", "no-internet", "--answers", str(answers))
    assert r.code == 1
    assert (
        f"hint: Fix {bad} (check it with `fixit trees validate`), or move it away to use the "
        f"tree of the same id it hides, {SHIPPED / 'no-internet.yaml'}."
    ) in r.err
    fi = fixit(
        "--lang", "fi", "--trees", str(tree_dir), "start", "no-internet", "--answers", str(answers)
    )
    assert "niin käyttöön tulee sen peittämä polku, jolla on sama tunnus:" in fi.err
