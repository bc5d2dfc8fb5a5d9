"""The team statistics store against a real PostgreSQL on 127.0.0.1
(`eval "$(bash scripts/postgres-test-server.sh start)"`): two machines' sessions pooled in one
database, `stats --team` their sum; the server stopped between them leaves the records in the
outbox, sent once when it is back; a caller's name, a note and an input's value reach no table.
Each test has a schema of its own (the URL's `options=-csearch_path=…`)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run
from tests.cli.conftest import fixit as fixit  # the CLI runner fixture, here too
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow

TREES = str(DATA / "trees")
SCRIPT = ROOT / "scripts" / "postgres-test-server.sh"
CANARIES = ("CANARY-Caller-7f3a", "CANARY-Note-91bc", "CANARY-Value-c0de")
FINISHED = (
    "tree: demo\nmode: agent\nanswers: {restart: unsolved, hdmi: 'yes', "
    "player_id: CANARY-Value-c0de}\nchecks: {network.internet: pass}\n"
    "caller: {name: CANARY-Caller-7f3a}\nnotes: [CANARY-Note-91bc]\n"
)
RESOLVED = "tree: demo\nmode: self\nanswers: {restart: solved}\n"
LEFT = "tree: demo\nmode: self\nanswers: {restart: unsolved}\n"


@pytest.fixture(scope="module")
def server() -> dict[str, str]:
    """The real server's URL and password, from the start script's export lines."""
    found = {k: os.environ.get(f"FIXIT_POSTGRES_{k.upper()}", "") for k in ("url", "password")}
    if not found["url"] or not found["password"]:
        why = (
            'no real PostgreSQL: run `eval "$(bash scripts/postgres-test-server.sh start)"` '
            "(it needs root and Debian to install postgresql) to set FIXIT_POSTGRES_URL and "
            "FIXIT_POSTGRES_PASSWORD"
        )
        if os.environ.get("FIXIT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"FIXIT_REQUIRE_POSTGRES=1 but {why}")
        pytest.skip(why)
    return found


@pytest.fixture
def store(
    server: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, Any]]:
    """A configuration naming a fresh schema of the test database, and a connection to it."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"

    def connect() -> Any:
        conn = psycopg.connect(server["url"], password=server["password"], autocommit=True)
        conn.execute(f"SET search_path = {schema}")
        return conn

    with connect() as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    url = f"{server['url']}&options=-csearch_path%3D{schema}"
    path = tmp_path / "config.yaml"
    path.write_text(f"stats: {{store: '{url}', password_env: TEAM_PW, timeout: 3}}\n")
    monkeypatch.setenv("TEAM_PW", server["password"])
    monkeypatch.setenv("FIXIT_CONFIG", str(path))
    try:
        yield path, connect
    finally:
        with connect() as admin:  # a fresh one: the server may have been restarted meanwhile
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def machine(base: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make `name` the machine fixit runs on: its own state folder."""
    home = base / name
    monkeypatch.setenv("FIXIT_HOME", str(home))
    return home


def run(fixit: Callable[..., Run], tmp_path: Path, answers: str) -> str:
    """One session from an answer file; its id."""
    path = tmp_path / f"answers-{uuid.uuid4().hex[:6]}.yaml"
    path.write_text(answers)
    folder = Path(os.environ["FIXIT_HOME"]) / "sessions"
    before = set(os.listdir(folder)) if folder.exists() else set()
    r = fixit("start", "--answers", str(path), "--trees", TREES)
    assert r.code == 0 or "fixit resume" in r.out + r.err, r.err
    [sid] = set(os.listdir(folder)) - before
    return sid


def counted(figures: dict[str, Any]) -> Counter[tuple[Any, ...]]:
    """The additive figures of `stats --json`: sessions, outcomes, node views and answers."""
    found: Counter[tuple[Any, ...]] = Counter()
    for tree in figures["trees"]:
        key = (tree["id"], tree["version"])
        found[(*key, "sessions")] += tree["sessions"]
        for outcome, n in tree["outcomes"].items():
            found[(*key, "outcome", outcome)] += n
        for node in tree["nodes"]:
            found[(*key, node["id"], "views")] += node["views"]
            found[(*key, node["id"], "solved")] += node["solved"]
            for answer, n in node["answers"].items():
                found[(*key, node["id"], "answer", answer)] += n
    return +found


def stats(fixit: Callable[..., Run], *extra: str) -> dict[str, Any]:
    r = fixit("stats", "--json", "--include", "answers", *extra)
    assert r.code == 0, r.err
    return dict(json.loads(r.out))


def waiting(home: Path) -> list[Path]:
    return sorted((home / "outbox" / "outcomes").glob("*.json"))


def rows(admin: Any) -> list[str]:
    """Every row of every table in the schema, as text."""
    tables = [
        t
        for (t,) in admin.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() ORDER BY 1"
        ).fetchall()
    ]
    assert tables == ["checks", "rollup", "sessions", "steps"]
    return [r for t in tables for (r,) in admin.execute(f"SELECT row_to_json(x)::text FROM {t} x")]


def server_script(action: str) -> None:
    """Stop or start the test server (the network cut between the machines)."""
    script = os.environ.get("FIXIT_POSTGRES_SCRIPT") or str(SCRIPT)
    subprocess.run(["bash", script, action], check=True, capture_output=True, timeout=60)


def test_two_machines_pool_into_one_store_and_the_team_figures_are_their_sum(
    fixit: Callable[..., Run],
    tmp_path: Path,
    store: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _config, connect = store
    admin = connect()
    a = machine(tmp_path, "a", monkeypatch)
    run(fixit, tmp_path, FINISHED)
    run(fixit, tmp_path, RESOLVED)
    local_a = counted(stats(fixit))
    assert waiting(a) == []  # sent at each session's end
    b = machine(tmp_path, "b", monkeypatch)
    run(fixit, tmp_path, FINISHED)
    left = run(fixit, tmp_path, LEFT)
    local_b = counted(stats(fixit))
    assert waiting(b) == []
    team = counted(stats(fixit, "--team"))
    assert team == local_a + local_b
    raw = counted(stats(fixit, "--team", "--since", "2000-01-01"))  # the raw tables, no totals
    assert raw == team
    assert team[("demo", 2, "sessions")] == 4
    assert team[("demo", 2, "outcome", "abandoned")] == 1
    (outcome,) = admin.execute(
        "SELECT outcome FROM sessions WHERE session = %s", (left,)
    ).fetchone()
    assert outcome == "abandoned"
    text = "\n".join(rows(admin))
    for canary in CANARIES:
        assert canary not in text
    assert "player_id" in text  # the input step is there, its value is not


def test_the_server_stopped_between_them_leaves_records_waiting_sent_once_when_back(
    fixit: Callable[..., Run],
    tmp_path: Path,
    store: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _config, connect = store
    machine(tmp_path, "a", monkeypatch)
    run(fixit, tmp_path, FINISHED)
    b = machine(tmp_path, "b", monkeypatch)
    server_script("stop")
    try:
        first = run(fixit, tmp_path, FINISHED)
        second = run(fixit, tmp_path, RESOLVED)
        assert [p.stem for p in waiting(b)] == sorted([first, second])
        r = fixit("stats", "--team")
        assert r.code == 1
        assert r.err.startswith("fixit: error: cannot reach the team statistics store at ")
    finally:
        server_script("start")
    admin = connect()
    r = fixit("outbox", "send", "--now")
    assert r.code == 0, r.err
    assert "sent 2, waiting 0, needing a fix 0." in r.out
    assert waiting(b) == []
    r = fixit("outbox", "send", "--now")
    assert "The outbox is empty" in r.out
    sessions = [s for (s,) in admin.execute("SELECT session FROM sessions ORDER BY 1")]
    assert len(sessions) == len(set(sessions)) == 3 and {first, second} <= set(sessions)
    assert counted(stats(fixit, "--team"))[("demo", 2, "sessions")] == 3
    admin.close()


def test_a_resumed_session_replaces_its_record(
    fixit: Callable[..., Run],
    tmp_path: Path,
    store: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fixit.commands.resume_cmd import resume
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    config, connect = store
    admin = connect()
    machine(tmp_path, "a", monkeypatch)
    sid = run(fixit, tmp_path, LEFT)
    ctx = AppContext("en", [DATA / "trees"], config_path=config, no_color=True)
    assert resume(ctx, sid, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    found = admin.execute("SELECT outcome FROM sessions WHERE session = %s", (sid,)).fetchall()
    assert found == [("escalate",)]
    (steps,) = admin.execute("SELECT COUNT(*) FROM steps WHERE session = %s", (sid,)).fetchone()
    assert steps == 3  # restart, hdmi, player_id: the abandoned record's stop is gone
    team = stats(fixit, "--team")
    assert team == stats(fixit, "--team", "--since", "2000-01-01") | {"filters": team["filters"]}
    [tree] = team["trees"]
    assert tree["sessions"] == 1 and tree["outcomes"]["abandoned"] == 0
    assert {n["id"]: n["answers"] for n in tree["nodes"]}["hdmi"] == {"no": 1}


def test_a_wrong_password_is_one_sentence_and_what_to_do(
    fixit: Callable[..., Run],
    tmp_path: Path,
    store: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEAM_PW", "CANARY-wrong-password")
    r = fixit("stats", "--team")
    assert r.code == 1
    assert r.err.splitlines()[0].startswith("fixit: error: the team statistics store at ")
    assert r.err.splitlines()[0].endswith(" refused the user name or password.")
    assert r.err.splitlines()[1] == (
        "hint: Check the password in TEAM_PW and the user name in stats.store."
    )
    assert "CANARY" not in r.out + r.err


def test_per_agent_figures_only_when_switched_on_and_only_opaque_ids(
    fixit: Callable[..., Run],
    tmp_path: Path,
    store: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    config, connect = store
    admin = connect()
    machine(tmp_path, "a", monkeypatch)
    run(fixit, tmp_path, FINISHED)  # agent mode, agents off: no id
    assert "agents" not in stats(fixit, "--team")
    config.write_text(
        config.read_text().replace("timeout: 3}", "timeout: 3, agents: true, agent_key_env: KEY}")
    )
    monkeypatch.setenv("KEY", "CANARY-agent-key-0a1b")
    run(fixit, tmp_path, FINISHED)
    run(fixit, tmp_path, RESOLVED)  # self mode: an end user never gets an id
    ids = [a for (a,) in admin.execute("SELECT agent FROM sessions ORDER BY started, session")]
    assert ids.count(None) == 2
    [agent] = [a for a in ids if a is not None]
    assert agent.startswith("a-") and getpass.getuser() not in agent
    figures = stats(fixit, "--team")
    assert figures["agents"] == [
        {
            "agent": agent,
            "sessions": 1,
            "outcomes": {
                "resolved": 0,
                "escalate": 1,
                "referred": 0,
                "unresolved": 0,
                "known": 0,
                "abandoned": 0,
            },
            "resolution_rate": 0.0,
        }
    ]
    r = fixit("stats", "--team", "--include", "answers")
    assert f"{agent}: 1 session, 0 resolved (0 %)" in r.out
    text = "\n".join(rows(admin))
    assert getpass.getuser() not in text.replace('"answered_by":"user"', "")
    assert "CANARY" not in text
    admin.close()
