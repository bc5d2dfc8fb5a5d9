"""Outcome records for the team statistics store when the store cannot be reached (a loopback
port nobody listens on): each finished or left session's record waits in the outbox, with the
reason; the session's end does not wait for the store again while it is out of reach; `fixit
outbox list` and `send` show and try them; nothing a person typed is in a record. The same
against a real PostgreSQL: tests/integration/test_team_store.py."""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit.commands.resume_cmd import resume
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter
from tests.conftest import DATA

from .conftest import Run

TREES = str(DATA / "trees")
CANARY_NAME = "CANARY-Caller-7f3a"
CANARY_NOTE = "CANARY-Note-91bc"
CANARY_VALUE = "CANARY-Value-c0de"
FINISHED = (
    "tree: demo\nmode: agent\nanswers: {restart: unsolved, hdmi: 'yes', "
    f"player_id: {CANARY_VALUE}}}\nchecks: {{network.internet: pass}}\n"
    f"caller: {{name: {CANARY_NAME}}}\nnotes: [{CANARY_NOTE}]\n"
)
LEFT = "tree: demo\nmode: self\nanswers: {restart: unsolved}\n"  # stops at hdmi: left, paused


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A configuration whose team store is out of reach; the password in the environment."""
    url = f"postgresql://fixit@127.0.0.1:{closed_port()}/fixit?sslmode=disable"
    path = tmp_path / "config.yaml"
    path.write_text(f"stats: {{store: '{url}', password_env: TEAM_PW}}\n")
    monkeypatch.setenv("TEAM_PW", "CANARY-password-5ec7")
    monkeypatch.setenv("FIXIT_CONFIG", str(path))
    return path


def outcomes() -> Path:
    return Path(os.environ["FIXIT_HOME"]) / "outbox" / "outcomes"


def run_answers(fixit: Callable[..., Run], tmp_path: Path, text: str) -> Run:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    return fixit("start", "--answers", str(path), "--trees", TREES)


def waiting() -> dict[str, dict[str, object]]:
    return {p.stem: json.loads(p.read_text()) for p in outcomes().glob("*.json")}


def test_a_finished_session_s_record_waits_with_the_reason_and_nothing_typed(
    fixit: Callable[..., Run], tmp_path: Path, config: Path
) -> None:
    r = run_answers(fixit, tmp_path, FINISHED)
    assert r.code == 0, r.err
    assert r.err == ""  # the store's trouble is the outbox's business, not the session's
    [(sid, item)] = waiting().items()
    assert item["attempts"] == 1 and item["status"] == "waiting"
    assert item["last_error"]["en"].startswith("cannot reach the team statistics store at")
    record = item["record"]
    assert record["session"] == sid and record["outcome"] == "escalate"
    assert [s["answer"] for s in record["steps"]] == ["unsolved", "yes", "pass", ""]
    text = (outcomes() / f"{sid}.json").read_text()
    for canary in (CANARY_NAME, CANARY_NOTE, CANARY_VALUE, "CANARY-password"):
        assert canary not in text
    assert oct(os.stat(outcomes() / f"{sid}.json").st_mode & 0o777) == "0o600"


def test_a_left_session_s_record_says_abandoned_and_a_resume_replaces_it(
    fixit: Callable[..., Run], tmp_path: Path, config: Path
) -> None:
    run_answers(fixit, tmp_path, LEFT)
    [(sid, item)] = waiting().items()
    assert item["record"]["outcome"] == "abandoned" and item["record"]["end"] == "hdmi"
    ctx = AppContext("en", [DATA / "trees"], config_path=config, no_color=True)
    assert resume(ctx, sid, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    [(again, item)] = waiting().items()  # one record per session: the newer replaced it
    assert again == sid and item["record"]["outcome"] == "escalate"


def test_the_end_of_a_session_does_not_wait_for_a_store_just_found_out_of_reach(
    fixit: Callable[..., Run], tmp_path: Path, config: Path
) -> None:
    run_answers(fixit, tmp_path, FINISHED)
    started = time.monotonic()
    run_answers(fixit, tmp_path, FINISHED)
    assert time.monotonic() - started < 4.0  # no connect timeout waited for
    tries = sorted(int(str(i["attempts"])) for i in waiting().values())
    assert tries == [0, 1]  # the second was not tried: the store was out of reach a moment ago


def test_outbox_list_and_send_show_and_try_the_records(
    fixit: Callable[..., Run], tmp_path: Path, config: Path
) -> None:
    run_answers(fixit, tmp_path, FINISHED)
    [sid] = waiting()
    rows = json.loads(fixit("outbox", "list", "--json").out)
    assert [(r["session"], r["target"], r["kind"], r["title"]) for r in rows] == [
        (sid, "stats.store", "outcome", "outcome record: demo (escalate)")
    ]
    assert "cannot reach the team statistics store at postgresql://127.0.0.1:" in str(
        rows[0]["last_error"]
    )
    r = fixit("outbox", "send", "--now")
    assert r.code == 1
    assert r.err.splitlines()[0].startswith(
        "fixit: error: cannot reach the team statistics store at postgresql://127.0.0.1:"
    )
    assert r.err.splitlines()[1] == (
        "hint: Check the network and that the database server is running; the outcome records "
        "wait in the outbox until then."
    )
    assert "CANARY-password" not in r.out + r.err
    assert "sent 0, waiting 1, needing a fix 0." in r.out
    assert waiting()[sid]["attempts"] == 2


def test_fi_and_sv_say_the_store_is_out_of_reach(
    fixit: Callable[..., Run], tmp_path: Path, config: Path
) -> None:
    run_answers(fixit, tmp_path, FINISHED)
    fi = fixit("--lang", "fi", "outbox", "send", "--now").err.splitlines()[0]
    sv = fixit("--lang", "sv", "outbox", "send", "--now").err.splitlines()[0]
    assert "cannot reach" not in fi and "cannot reach" not in sv
    assert "postgresql://127.0.0.1:" in fi and "postgresql://127.0.0.1:" in sv


def test_without_a_store_no_record_is_made(fixit: Callable[..., Run], tmp_path: Path) -> None:
    assert run_answers(fixit, tmp_path, FINISHED).code == 0
    assert not outcomes().exists()


def test_records_left_when_the_store_is_no_longer_configured_need_a_fix(
    fixit: Callable[..., Run], tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_answers(fixit, tmp_path, FINISHED)
    monkeypatch.delenv("FIXIT_CONFIG")
    r = fixit("outbox", "send", "--now")
    assert r.code == 1
    assert r.err.splitlines() == [
        "fixit: error: no team statistics store is configured.",
        "hint: Set stats.store in the organisation's configuration (see `fixit config show`).",
    ]
    assert len(waiting()) == 1  # kept: a store configured again sends it


def test_config_show_gives_the_store_as_scheme_host_port_only(
    fixit: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "stats:\n  store: 'postgresql://CANARY-user@db.example.fi:5433/CANARY-db?sslmode=require'\n"
        "  password_env: TEAM_PW\n"
    )
    monkeypatch.setenv("TEAM_PW", "CANARY-password-5ec7")
    r = fixit("--config", str(path), "config", "show")
    assert r.code == 0, r.err
    assert "postgresql://db.example.fi:5433/…" in r.out
    assert "TEAM_PW (set in the environment)" in r.out or "TEAM_PW" in r.out
    assert "CANARY" not in r.out + r.err
    shown = json.loads(fixit("--config", str(path), "config", "show", "--json").out)
    assert "CANARY" not in json.dumps(shown)


def test_a_password_in_the_store_url_is_refused_without_quoting_it(
    fixit: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("stats: {store: 'postgresql://fixit:CANARY-pw@db.example.fi/fixit'}\n")
    r = fixit("--config", str(path), "config", "show")
    assert r.code == 1
    assert f"{path}:1:16: stats.store cannot hold a secret in the configuration" in r.err
    assert "CANARY" not in r.out + r.err
