"""The commands in-process: exit codes, messages, files left behind."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.__main__ import hoist_globals

from ..conftest import DATA

TREES = str(DATA / "trees")


def answers(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    return str(path)


def sessions_dir() -> Path:
    return Path(os.environ["FIXIT_HOME"]) / "sessions"


def test_global_options_work_before_and_after_the_command() -> None:
    assert hoist_globals(["start", "x", "--lang", "fi", "--no-color"]) == [
        "--lang",
        "fi",
        "--no-color",
        "start",
        "x",
    ]
    assert hoist_globals(["trees", "list", "--trees=/a", "--", "--lang"]) == [
        "--trees=/a",
        "trees",
        "list",
        "--",
        "--lang",
    ]


def test_answer_file_run_saves_a_finished_session(
    fixit: Callable[..., object], tmp_path: Path
) -> None:
    path = answers(
        tmp_path,
        "tree: demo\nmode: self\nlang: fi\nanswers:\n  restart: unsolved\n"
        "  hdmi: Kyllä\n  player_id: A-1234\nchecks: {network.internet: pass}\n"
        "caller: {name: Maija Meikäläinen}\nnotes: [Soittaa kännykällä]\n",
    )
    r = fixit("start", "--answers", path, "--trees", TREES)
    assert r.code == 0, r.err
    assert "Tuki jatkaa tästä (toistin A-1234)." in r.out
    [folder] = list(sessions_dir().iterdir())
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["status"] == "finished" and meta["outcome"] == "escalate" and meta["lang"] == "fi"
    events = [json.loads(line) for line in (folder / "journal.jsonl").read_text().splitlines()]
    kinds = [e["t"] for e in events]
    assert kinds == [
        "start",
        "caller",
        "note",
        "answer",
        "answer",
        "check",
        "answer",
        "answer",
        "end",
    ]
    assert [e["value"] for e in events if e["t"] == "answer"] == [
        "unsolved",
        "yes",
        "pass",
        "A-1234",
    ]
    report = fixit("report", "--format", "json", "--lang", "en")
    data = json.loads(report.out)
    assert data["outcome"] == "escalate"
    assert [(f["id"], f["value"]) for f in data["fields"]] == [("player_id", "A-1234")]
    assert data["steps"][1]["answer"] == "Yes"
    md = fixit("report", folder.name, "--lang", "en")
    assert md.out.startswith("# The demo screen is blank — A-1234 — escalated after 4 steps")
    own = fixit("report", folder.name).out  # the session's language when --lang is not given
    assert own.startswith("# Esittelynäyttö on pimeä — A-1234 — siirtyi tuelle 4 vaiheen jälkeen")
    assert '2. Does the screen say "No signal"?\\\n   **Answer:** Yes\\\n' in md.out


def test_missing_answer_names_the_node(fixit: Callable[..., object], tmp_path: Path) -> None:
    path = answers(tmp_path, "answers: {restart: unsolved}\n")
    r = fixit("--trees", TREES, "start", "demo", "--answers", path)
    assert r.code == 4
    assert "fixit: error: the answer file has no answer for node 'hdmi'." in r.err
    assert "hint: Add `hdmi: ...` under `answers:`" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("answers: {restart: maybe}\n", "node 'restart' is a step; answer solved or unsolved"),
        (
            "answers: {restart: unsolved, hdmi: perhaps}\n",
            "'perhaps' is not a choice of node 'hdmi'",
        ),
        ("answers: [1]\n", "answers.yaml:1:10: answers must be a mapping"),
        ("- 1\n", "the answer file must be a mapping"),
        ("answerz: {}\n", "unknown key 'answerz'"),
    ],
)
def test_bad_answer_files_exit_1(
    fixit: Callable[..., object], tmp_path: Path, text: str, message: str
) -> None:
    r = fixit("--trees", TREES, "start", "demo", "--answers", answers(tmp_path, text))
    assert r.code == 1 and message in r.err, r.err


def test_stdin_not_a_terminal_exits_4(fixit: Callable[..., object], tmp_path: Path) -> None:
    r = fixit("--trees", TREES, "start", "demo")
    assert r.code == 4
    assert r.err == (
        "fixit: error: an interactive prompt is needed, but standard input is not a terminal.\n"
        "hint: Run fixit in a terminal, or give the answers with `fixit start demo --answers FILE`.\n"
    )
    assert not sessions_dir().exists() or not list(sessions_dir().iterdir())
    part = answers(tmp_path, "answers: {restart: unsolved}\n")
    assert fixit("--trees", TREES, "start", "demo", "--answers", part).code == 4
    resumed = fixit("--trees", TREES, "resume")
    assert resumed.code == 4 and resumed.err.endswith("hint: Run `fixit resume` in a terminal.\n")
    new_report = fixit("report", "--new")
    assert new_report.code == 4 and new_report.err.endswith(
        "`fixit start report-problem --answers FILE`.\n"
    )


def test_trees_validate_reports_every_problem_and_exits_1(
    fixit: Callable[..., object], tree_dir: Path
) -> None:
    (tree_dir / "bad.yaml").write_text(
        "format: 1\nid: bad\ntitle: x\nstart: a\nnodes:\n  a: {kind: info, text: x, goto: b}\n"
    )
    (tree_dir / "tag.yaml").write_text("a: !!python/object:os.system x\n")
    r = fixit("trees", "validate", str(tree_dir))
    assert r.code == 1
    assert f"{tree_dir}/bad.yaml:6:34: node 'a' goes to 'b', which does not exist" in r.err
    assert f"{tree_dir}/tag.yaml:1:4: tags" in r.err
    assert "2 problems in 2 of 2 tree files." in r.err
    assert fixit("trees", "validate", TREES).code == 0


def test_trees_list_shows_sources_and_overrides(
    fixit: Callable[..., object], tree_dir: Path, isolated: Path
) -> None:
    user = isolated / "config" / "fixit" / "trees"
    user.mkdir(parents=True)
    (user / "demo.yaml").write_text((DATA / "trees" / "demo.yaml").read_text())
    system = isolated / "etc" / "trees"
    system.mkdir(parents=True)
    (system / "demo.yaml").write_text(
        (DATA / "trees" / "demo.yaml").read_text().replace("version: 2", "version: 9")
    )
    r = fixit("trees", "list", "--json")
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["demo"]["source"] == "user"
    assert [o["source"] for o in rows["demo"]["overrides"]] == ["system"]
    r = fixit("--trees", TREES, "trees", "list", "--json")
    demo = next(row for row in json.loads(r.out) if row["id"] == "demo")
    assert [o["source"] for o in demo["overrides"]] == ["user", "system"]
    r = fixit("--trees", TREES, "trees", "list", "--lang", "fi")
    assert "peittää polun, jolla on sama tunnus (oma kansio, organisaation kansio)" in r.out
    assert "Esittelynäyttö on pimeä" in r.out


def test_trees_show_and_test(fixit: Callable[..., object]) -> None:
    r = fixit("--trees", TREES, "trees", "show", "demo")
    assert r.code == 0 and "player_id [input]" in r.out and "check: network.internet" in r.out
    r = fixit("--trees", TREES, "trees", "test", f"{TREES}/demo.yaml")
    assert r.code == 0 and "3 passed, 0 failed" in r.out and "nodes 7/7 (100%)" in r.out


def test_failing_tree_test_exits_1(fixit: Callable[..., object], tree_dir: Path) -> None:
    (tree_dir / "demo.yaml").write_text((DATA / "trees" / "demo.yaml").read_text())
    (tree_dir / "demo.test.yaml").write_text(
        "- name: wrong\n  answers: {restart: solved}\n  expect: {outcome: escalate}\n"
    )
    r = fixit("trees", "test", str(tree_dir))
    assert r.code == 1 and "outcome 'resolved', expected 'escalate'" in r.out


def test_unknown_tree_and_bad_language(
    fixit: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    r = fixit("start", "nosuch", "--answers", "/dev/null")
    assert r.code == 1
    r = fixit("start", "nosuch")
    assert r.code == 1 and "there is no tree 'nosuch'." in r.err
    r = fixit("--lang", "de", "sessions")
    assert r.code == 2 and "--lang 'de' is not a language fixit speaks." in r.err
    assert "hint: Use --lang with one of: en, fi, sv." in r.err  # the catalogues present
    monkeypatch.setenv("FIXIT_LANG", "de")
    r = fixit("sessions")
    assert r.code == 2 and "FIXIT_LANG 'de' is not a language fixit speaks." in r.err
    assert "hint: Set FIXIT_LANG to one of: en, fi, sv." in r.err


def test_config_alone_shows_the_configuration(fixit: Callable[..., object]) -> None:
    alone, show = fixit("config"), fixit("config", "show")
    assert alone.code == 0 and alone.out == show.out and alone.err == ""


def test_sessions_and_report_with_none(fixit: Callable[..., object]) -> None:
    assert "No sessions yet" in fixit("sessions").out
    assert json.loads(fixit("sessions", "--json").out) == []
    r = fixit("report")  # with no session at all, report asks the core questions: a terminal
    assert r.code == 4 and "standard input is not a terminal" in r.err


def test_crash_writes_a_log_and_exits_3(
    fixit: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("fixit.commands.info.list_sessions", explode)
    r = fixit("sessions")
    assert r.code == 3 and "fixit stopped unexpectedly (ZeroDivisionError)." in r.err
    log = Path(r.err.split("crash log to the fixit developers: ")[1].strip())
    assert "ZeroDivisionError: boom" in log.read_text() and "Traceback" not in r.err


def test_help_lists_commands_and_exit_codes(fixit: Callable[..., object]) -> None:
    r = fixit("--help")
    assert r.code == 0
    for word in ("start", "resume", "sessions", "report", "trees", "130"):
        assert word in r.out


def test_the_spec_example_tree_and_answer_file_run(fixit: Callable[..., object]) -> None:
    spec = DATA / "spec"
    assert fixit("trees", "validate", str(spec / "info-screen-blank.yaml")).code == 0
    r = fixit("--trees", str(spec), "start", "--answers", str(spec / "answers.yaml"))
    assert r.code == 0, r.err
    data = json.loads(fixit("report", "--format", "json").out)
    assert data["outcome"] == "escalate"
    assert data["fields"] == [
        {"id": "player_id", "label": data["fields"][0]["label"], "value": "A-1234"}
    ]
    assert [s["value"] for s in data["steps"]] == ["unsolved", "no", "pass", "A-1234"]
    assert data["reporter"]["organisation"] == "Example Oy"


def test_sessions_never_break_an_id_across_lines(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_submit import ANSWERS

    af = tmp_path / "a.json"
    af.write_text(json.dumps({"tree": "report-problem", "answers": ANSWERS}))
    for _ in range(2):
        assert fixit("start", "--answers", str(af), "--no-checks").code == 0
    ids = [s["id"] for s in json.loads(fixit("sessions", "--json").out)]
    for columns in ("120", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        out = fixit("sessions").out
        assert all(any(line.startswith(i) for line in out.splitlines()) for i in ids), out
        assert all(len(line) <= int(columns) for line in out.splitlines()), out


def test_errors_are_told_in_finnish_when_fixit_speaks_finnish(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    r = fixit("--lang", "fi", "report", "nosuch")
    assert r.code == 1 and r.err == (
        "fixit: error: istuntoa 'nosuch' ei ole.\n"
        "hint: Näet istunnot komennolla `fixit sessions`.\n"
    )
    monkeypatch.setenv("FIXIT_LANG", "fi")
    assert "tarkistusta 'nope' ei ole." in fixit("diagnose", "--check", "nope").err
    assert fixit("--lang", "en", "report", "nosuch").err.startswith(
        "fixit: error: there is no session 'nosuch'."
    )


def test_tree_problems_are_told_in_finnish_too(fixit: Callable[..., Any], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\nid: bad\nversion: 1\ntitle: {en: B, fi: B}\nstart: a\nnodes:\n"
        "  a: {kind: end, outcome: nope, text: {en: x, fi: x}}\n"
    )
    en = fixit("trees", "validate", str(bad)).err
    fi = fixit("--lang", "fi", "trees", "validate", str(bad)).err
    assert "outcome must be one of" in en
    assert "arvon on oltava jokin näistä" in fi and "must be" not in fi
