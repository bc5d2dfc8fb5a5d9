"""`fixit stats --team` over a million outcome records in a real PostgreSQL, run on demand.

    eval "$(bash scripts/postgres-test-server.sh start)"
    python benchmarks/team_stats.py     # BENCH_SESSIONS=N (default 1000000), BENCH_ROUNDS=N (5)

Fills a schema of its own (`bench_team`, kept between runs while the row counts match) with
BENCH_SESSIONS sessions over 10 trees of 2 versions (outcomes, durations and abandoned stops
spread as a help desk's are), 4 steps and about one check per session, made in the server
with generate_series (tens of seconds for a million), then times, interleaved:

1. `fixit stats --team --json` as a person runs it (a new process: start-up, connect, queries,
   JSON out; wall seconds, median and minimum of the rounds, after one warm-up);
2. the queries alone (`fixit.stats.team.team_figures` in this process).

Target (issue 16): (1) at most 1.0 s for 1,000,000 sessions.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXIT = str(Path(sys.executable).parent / "fixit")
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "1000000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SCHEMA = "bench_team"
TARGET = 1.0

FILL = """
INSERT INTO sessions
SELECT 'b-' || i, 'tree-' || (i % 10), 1 + (i / 7) % 2, 'sha256:bench', CASE WHEN i % 3 = 0
  THEN 'agent' ELSE 'self' END, 'interactive', '2026-01-01T00:00:00+00:00',
  1767225600 + i * 30, '2026-01-01T00:10:00+00:00', (i::bigint * 7919) % 1800,
  (ARRAY['resolved','resolved','escalate','referred','unresolved','abandoned'])[1 + i % 6],
  CASE WHEN i % 6 = 5 THEN 'node-' || (i % 4) WHEN i % 6 = 2 THEN 'escalate' END, 0, NULL
FROM generate_series(1, {n}) AS i;
INSERT INTO steps
SELECT 'b-' || i, k, 'node-' || k, CASE k WHEN 1 THEN 'step' WHEN 3 THEN 'check'
  ELSE 'question' END, CASE k WHEN 1 THEN (ARRAY['solved','unsolved'])[1 + i % 2]
  ELSE (ARRAY['yes','no','pass'])[1 + (i + k) % 3] END, 'user', '2026-01-01T00:00:00+00:00',
  '2026-01-01T00:01:00+00:00', (i * k * 31) % 300, 0
FROM generate_series(1, {n}) AS i, generate_series(1, 4) AS k;
INSERT INTO checks
SELECT 'b-' || i, 1, 'network.internet', 'node-3', (ARRAY['pass','fail','warn'])[1 + i % 3],
  CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END
FROM generate_series(1, {n}) AS i WHERE i % 4 <> 0;
ANALYZE sessions; ANALYZE steps; ANALYZE checks;
"""


def connect() -> object:
    import psycopg

    url, password = os.environ["FIXIT_POSTGRES_URL"], os.environ["FIXIT_POSTGRES_PASSWORD"]
    conn = psycopg.connect(url, password=password, autocommit=True)
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    conn.execute(f"SET search_path = {SCHEMA}")
    return conn


def fill(conn: object) -> None:
    """Make the rows unless the schema already holds this many sessions."""
    from fixit.stats import team_rollup
    from fixit.stats.tables import create

    create(conn)  # type: ignore[arg-type]
    (have,) = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()  # type: ignore[attr-defined]
    if have == SESSIONS and team_rollup.exists(conn):  # type: ignore[arg-type]
        print(f"{have} sessions already in {SCHEMA}")
        return
    started = time.perf_counter()
    for table in ("sessions", "steps", "checks"):
        conn.execute(f"TRUNCATE {table}")  # type: ignore[attr-defined]
    conn.execute(FILL.format(n=SESSIONS))  # type: ignore[attr-defined]
    filled = time.perf_counter() - started
    with conn.transaction():  # type: ignore[attr-defined]
        team_rollup.create(conn)  # type: ignore[arg-type]
    totals = time.perf_counter() - started - filled
    counts = [
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore[attr-defined]
        for t in ("sessions", "steps", "checks")
    ]
    print(f"filled {SCHEMA}: sessions, steps, checks = {counts} in {filled:.1f} s")
    print(f"totals (rollup) counted from them in {totals:.1f} s")


def main() -> None:
    if not os.environ.get("FIXIT_POSTGRES_URL"):
        sys.exit('no server: eval "$(bash scripts/postgres-test-server.sh start)" first')
    conn = connect()
    fill(conn)
    url = f"{os.environ['FIXIT_POSTGRES_URL']}&options=-csearch_path%3D{SCHEMA}"
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.yaml"
        config.write_text(f"stats: {{store: '{url}', password_env: FIXIT_POSTGRES_PASSWORD}}\n")
        env = dict(os.environ, FIXIT_CONFIG=str(config), FIXIT_HOME=str(Path(tmp) / "state"))
        cmd = [FIXIT, "stats", "--team", "--json"]
        from fixit.config import load_config
        from fixit.stats.figures import Filters
        from fixit.stats.team import team_figures

        cfg = load_config(config, environ={})
        command, queries = [], []
        for n in range(ROUNDS + 1):
            started = time.perf_counter()
            done = subprocess.run(cmd, env=env, capture_output=True, check=False)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"fixit stats --team failed: {done.stderr.decode()[-2000:]}")
            started = time.perf_counter()
            result = team_figures(cfg, Filters())
            alone = time.perf_counter() - started
            if n:  # the first round warms the server's cache
                command.append(elapsed)
                queries.append(alone)
    total = sum(t.sessions for t in result.trees)
    print(f"sessions counted: {total} in {len(result.trees)} tree versions")
    for name, times in (("fixit stats --team --json", command), ("the queries alone", queries)):
        print(f"{name}: median {statistics.median(times):.3f} s, min {min(times):.3f} s")
    verdict = "met" if statistics.median(command) <= TARGET else "MISSED"
    print(f"target: at most {TARGET:.1f} s for {SESSIONS} sessions: {verdict}")


if __name__ == "__main__":
    main()
