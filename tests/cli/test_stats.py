"""`fixit stats` end to end: trees run from answer files, then `stats --json` checked against
numbers the test works out from the answer files themselves; answer-file runs left out unless
asked; CSV; the human tables in three languages; wrong options."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..conftest import DATA

TREES = str(DATA / "trees")

#: (mode, answers, the nodes the run goes through, its outcome)
RUNS = [
    ("self", {"restart": "solved"}, ["restart"], "resolved"),
    ("self", {"restart": "unsolved", "hdmi": "no", "player_id": "P-1"},
     ["restart", "hdmi", "player_id"], "escalate"),
    ("agent", {"restart": "unsolved", "hdmi": "yes", "net": "fallback", "ask_net": "no",
               "player_id": "P-2"},
     ["restart", "hdmi", "net", "ask_net", "player_id"], "escalate"),
    ("self", {"restart": "solved"}, ["restart"], "resolved"),
]  # fmt: skip


def run_all(fixit: Callable[..., Any], tmp_path: Path) -> None:
    for i, (mode, answers, _path, _outcome) in enumerate(RUNS):
        lines = [f"tree: demo\nmode: {mode}\nanswers:"]
        lines += [f'  {node}: "{value}"' for node, value in answers.items()]
        af = tmp_path / f"run{i}.yaml"
        af.write_text("\n".join(lines) + "\n", encoding="utf-8")
        r = fixit("--trees", TREES, "start", "--answers", str(af), "--no-checks")
        assert r.code == 0, r.err


def test_stats_json_matches_the_answer_files(fixit: Callable[..., Any], tmp_path: Path) -> None:
    run_all(fixit, tmp_path)
    r = fixit("stats", "--json", "--include", "answers")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["schema_version"] == 1
    (tree,) = data["trees"]
    outcomes = Counter(outcome for *_x, outcome in RUNS)
    views = Counter(node for _m, _a, path, _o in RUNS for node in path)
    solved = Counter(n for _m, a, _p, _o in RUNS for n, v in a.items() if v == "solved")
    assert (tree["id"], tree["version"], tree["sessions"]) == ("demo", 2, len(RUNS))
    assert tree["outcomes"] == {
        "resolved": outcomes["resolved"],
        "escalate": outcomes["escalate"],
        "referred": 0,
        "unresolved": 0,
        "known": 0,
        "abandoned": 0,
    }
    assert tree["resolution_rate"] == outcomes["resolved"] / len(RUNS)
    nodes = {n["id"]: n for n in tree["nodes"]}
    assert {k: n["views"] for k, n in nodes.items()} == dict(views)
    assert {k: n["solved"] for k, n in nodes.items() if n["solved"]} == dict(solved)
    assert all(n["abandoned"] == 0 for n in nodes.values())
    assert nodes["hdmi"]["answers"] == {"no": 1, "yes": 1}
    assert nodes["player_id"]["answers"] == {"": 2}  # never the value typed
    assert "P-1" not in r.out
    assert tree["escalations"] == [{"end": "escalate", "guard": False, "sessions": 2}]


def test_answer_file_runs_are_left_out_unless_asked(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    run_all(fixit, tmp_path)
    r = fixit("stats", "--json")
    assert r.code == 0 and json.loads(r.out)["trees"] == []
    r = fixit("stats", "--json", "--include", "answers", "--mode", "agent")
    assert [t["sessions"] for t in json.loads(r.out)["trees"]] == [1]
    r = fixit("stats")
    assert r.code == 0
    assert "No recorded sessions match" in r.out


def test_csv_tables(fixit: Callable[..., Any], tmp_path: Path) -> None:
    run_all(fixit, tmp_path)
    r = fixit("stats", "--csv", "--include", "answers")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert {row["id"]: row["views"] for row in rows}["restart"] == "4"
    r = fixit("stats", "--csv", "--table", "trees", "--include", "answers")
    (row,) = list(csv.DictReader(io.StringIO(r.out)))
    assert (row["tree"], row["sessions"], row["resolved"]) == ("demo", "4", "2")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["demo (version 2): 4 sessions", "Views", "Gave up here", "question"]),
        ("fi", ["demo (versio 2): 4 istuntoa", "Näytetty", "Luovuttu tässä", "kysymys"]),
        ("sv", ["demo (version 2): 4 sessioner", "Visningar", "Gav upp här", "fråga"]),
    ],
)
def test_human_tables_in_each_language(
    fixit: Callable[..., Any], tmp_path: Path, lang: str, words: list[str]
) -> None:
    run_all(fixit, tmp_path)
    r = fixit("--lang", lang, "stats", "--include", "answers")
    assert r.code == 0, r.err
    for word in words:
        assert word in r.out
    if lang != "en":  # a node's kind in the reader's words, not the tree format's
        assert "question" not in r.out


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_narrow_terminal_gets_lines_wrapped_between_words(
    fixit: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    run_all(fixit, tmp_path)
    wide = fixit("--lang", lang, "stats", "--include", "answers").out
    monkeypatch.setenv("COLUMNS", "40")
    r = fixit("--lang", lang, "stats", "--include", "answers")
    assert r.code == 0, r.err
    assert max(len(line) for line in r.out.splitlines()) <= 40
    # the summary's words, in order, none broken, each number kept with its unit
    head = wide.split("\n\n")[0].split()
    narrow = r.out.replace("\u00a0", " ").split("\n\n")[0].split()
    assert narrow == head
    assert not any(line.strip().startswith(("%", "s ")) for line in r.out.splitlines())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--mode", "robot"], "fixit: error: --mode 'robot' is not a mode."),
        (["--since", "last week"], "fixit: error: --since 'last week' is not a date."),
        (["--include", "all"], "fixit: error: --include 'all' is not one of: answers, tests."),
        (["--json", "--csv"], "fixit: error: --json and --csv cannot be used together."),
        (["--table", "trees"], "fixit: error: --table chooses the table --csv writes;"),
        (["--csv", "--table", "x"], "fixit: error: --table 'x' is not one of: trees, nodes"),
    ],
)
def test_wrong_options_are_usage_errors(
    fixit: Callable[..., Any], args: list[str], said: str
) -> None:
    r = fixit("stats", *args)
    assert r.code == 2
    assert said in r.err and "hint:" in r.err and "Traceback" not in r.err


def test_a_damaged_index_is_rebuilt_with_one_warning_in_the_users_language(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    run_all(fixit, tmp_path)
    assert fixit("stats", "--include", "answers").code == 0
    index = Path(os.environ["FIXIT_HOME"]) / "stats.sqlite3"
    index.write_bytes(b"\x00garbage" * 512)
    r = fixit("--lang", "fi", "stats", "--json", "--include", "answers")
    assert r.code == 0
    assert json.loads(r.out)["trees"][0]["sessions"] == len(RUNS)
    assert r.err == (
        "fixit: warning: tilastohakemisto oli vioittunut, joten se rakennettiin istunnoista "
        "uudelleen.\n"
    )
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert fixit("stats", "--include", "answers").err == ""


def test_a_symlink_planted_where_the_index_goes_is_refused(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    run_all(fixit, tmp_path)
    target = tmp_path / "victim"
    target.write_text("precious\n")
    planted = Path(os.environ["FIXIT_HOME"]) / "stats.sqlite3"
    planted.symlink_to(target)
    r = fixit("stats", "--include", "answers")
    assert r.code == 1 and r.out == ""
    assert r.err == (
        f"fixit: error: {planted} is a symbolic link; fixit will not follow it.\n"
        "hint: Remove the link and run the command again.\n"
    )
    assert target.read_text() == "precious\n" and planted.is_symlink()
