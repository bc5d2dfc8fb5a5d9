"""`fixit stats` over 100,000 generated sessions, run on demand (never in CI).

    python benchmarks/stats.py              # BENCH_SESSIONS=N (default 100000), BENCH_ROUNDS=N (5)
    BENCH_HOME=DIR BENCH_KEEP_INDEX=1 python benchmarks/stats.py   # again, without the cold build

Generates the sessions once into a temporary FIXIT_HOME (reused from BENCH_HOME when that names a
folder already generated with as many sessions): random walks through three shipped trees, with
answers to every kind of node, Back (5%), sessions abandoned part-way (12%), loop-guard
escalations where the guard offers one, answer-file runs (10%), both modes, starts spread over 180
days. Each session is a real session folder: `meta.json`, `journal.jsonl` written from fixit's own
journal events, and the tree snapshot of a session fixit itself created for the tree (linked, so
100,000 copies take no space).

Then measures `fixit stats --json` (wall seconds, output discarded):

1. cold: no index (it is built from every journal);
2. warm: nothing changed since the last run (median and minimum of ROUNDS runs, after 1 warm-up);
3. incremental: one new session written, then `fixit stats --json` (ROUNDS rounds, each with its
   own new session; median and minimum).

Goals (issue 16): warm at most 0.5 s; incremental at most 2x warm.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXIT = str(Path(sys.executable).parent / "fixit")
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TREES = ("no-internet", "slow-computer", "computer-wont-start")
DAYS = 180
WARM_GOAL = 0.5


def templates(home: Path) -> dict[str, Path]:
    """One session folder per tree, made by fixit itself (its snapshot files are linked)."""
    os.environ["FIXIT_HOME"] = str(home / "templates")  # never among the measured sessions
    from fixit import sessions
    from fixit.trees.graph import with_subtrees
    from fixit.trees.library import default_sources, load_library

    library = load_library(default_sources())
    made = {}
    for tid in TREES:
        root = library.tree(tid)
        session = sessions.Session.create(
            root, with_subtrees(root, library.tree), {"mode": "self", "lang": "en"}
        )
        session.close()
        made[tid] = session.folder
    return made


def walk(tid: str, rng: random.Random, home: Path, started: float) -> tuple[list[dict], str]:
    """A random session's journal lines and its status (finished, paused)."""
    from fixit import events
    from fixit.engine import ESCALATE, Answer, Engine, State
    from fixit.session_read import read_snapshot
    from fixit.trees.nodes import Check, Info, Input, Question, Step

    trees = _snapshots.setdefault(tid, read_snapshot(_templates[tid], tid))
    engine = Engine(trees, tid)
    state = State()
    clock = started
    mode = "agent" if rng.random() < 0.3 else "self"
    lines = [events.Start(tid, trees[tid].version, mode, _iso(clock)).to_json()]
    quit_after = rng.randint(1, 6) if rng.random() < 0.12 else None
    for count in range(200):
        w = engine.walk(state.active)
        if w.finished:
            clock += rng.randint(1, 20)
            lines.append(events.End(w.outcome, w.end, _iso(clock)).to_json())
            return lines, "finished"
        if quit_after is not None and count >= quit_after:
            lines.append(events.Quit("user", _iso(clock + 5)).to_json())
            return lines, "paused"
        clock += rng.randint(3, 240)
        if count and rng.random() < 0.05:
            state = engine.back(state)
            lines.append(events.Back(_iso(clock)).to_json())
            continue
        node = w.node
        by = "agent" if mode == "agent" else "user"
        if w.guard:
            value = ESCALATE
        elif isinstance(node, Question):
            value = rng.choice(node.choices).id
        elif isinstance(node, Step):
            value = "solved" if rng.random() < 0.3 else "unsolved"
        elif isinstance(node, Check):
            options = [*node.on, "fallback"] if node.fallback else list(node.on)
            value = rng.choice(options)
            if value != "fallback":
                result = {"id": node.check, "status": value, "summary": {"en": value}}
                result |= {"data": {}, "duration": 0.1, "reason": ""}
                lines.append(events.Check(node.check, result, w.qid, _iso(clock)).to_json())
                by = "override" if rng.random() < 0.1 else "check"
                if by == "override":
                    value = "fallback"
        elif isinstance(node, Input):
            value = "x" if not node.choices else node.choices[0].id
        else:
            assert isinstance(node, Info)
            value = "ok"
        answer = Answer(w.qid, value, by, _iso(clock))
        state = engine.answer(state, answer)[0]
        lines.append(events.Answer(w.qid, value, by, _iso(clock)).to_json())
    return lines, "paused"


_snapshots: dict[str, dict] = {}
_templates: dict[str, Path] = {}


def _iso(t: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(int(t), dt.timezone.utc).isoformat()


def write_session(base: Path, n: int, rng: random.Random, now: float) -> None:
    """One generated session folder."""
    tid = rng.choice(TREES)
    started = now - rng.random() * DAYS * 86400
    lines, status = walk(tid, rng, base, started)
    template = _templates[tid]
    sid = time.strftime("%Y%m%d-%H%M%S-", time.gmtime(started)) + f"{n:06x}"
    folder = base / sid
    os.mkdir(folder, 0o700)
    for entry in os.scandir(template):
        if entry.name not in ("meta.json", "journal.jsonl", "lock"):
            os.link(entry.path, folder / entry.name)
    meta = json.loads((template / "meta.json").read_text())
    end = lines[-1] if lines[-1]["t"] == "end" else None
    meta |= {
        "id": sid,
        "mode": lines[0]["mode"],
        "started": lines[0]["at"],
        "status": status,
        "outcome": end["outcome"] if end else None,
        "answers_file": "/tmp/answers.yaml" if rng.random() < 0.1 else None,
    }
    _write(folder / "meta.json", json.dumps(meta))
    _write(folder / "journal.jsonl", "".join(json.dumps(line) + "\n" for line in lines))


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def generate(home: Path, count: int) -> Path:
    """`count` sessions in home/sessions (kept when already there)."""
    base = home / "sessions"
    base.mkdir(mode=0o700, exist_ok=True)
    marker = home / f"generated-{count}"
    if not _templates:
        _templates.update(templates(home))
        _share_snapshots(home / "templates", home)
    if marker.exists():
        return base
    rng = random.Random(16)
    now = time.time() - 3600
    started = time.perf_counter()
    for n in range(count):
        write_session(base, n, rng, now)
        if n and n % 10000 == 0:
            print(f"  generated {n} sessions ({time.perf_counter() - started:.0f} s)", flush=True)
    marker.touch()
    return base


def _share_snapshots(source: Path, home: Path) -> None:
    """Link the tree snapshots fixit stored beside the templates (`trees/<digest>.json`, where
    sessions name them) into the measured home too; a fixit that keeps them in each session's
    `trees.json` has none, and the linked `trees.json` carries them."""
    if not (source / "trees").is_dir():
        return
    (home / "trees").mkdir(mode=0o700, exist_ok=True)
    for entry in os.scandir(source / "trees"):
        target = home / "trees" / entry.name
        if not target.exists():
            os.link(entry.path, target)


def wall(env: dict[str, str]) -> float:
    """Wall seconds of one `fixit stats --json`; a failure stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run(
        [FIXIT, "stats", "--json"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"fixit stats failed ({done.returncode}): {done.stderr.decode()}")
    return took


def main() -> None:
    home = Path(os.environ.get("BENCH_HOME") or tempfile.mkdtemp(prefix="fixit-stats-bench-"))
    home.mkdir(mode=0o700, exist_ok=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print(f"sessions: {SESSIONS} in {home}", flush=True)
    t = time.perf_counter()
    base = generate(home, SESSIONS)
    print(f"generated in {time.perf_counter() - t:.0f} s", flush=True)
    env = {**os.environ, "FIXIT_HOME": str(home), "COLUMNS": "120"}
    if os.environ.get("BENCH_KEEP_INDEX") and (home / "stats.sqlite3").exists():
        cold = float("nan")  # measured in an earlier run: only warm and incremental now
    else:
        for name in ("stats.sqlite3", "stats.sqlite3-journal"):
            (home / name).unlink(missing_ok=True)
        cold = wall(env)
        print(f"cold (index built from every journal): {cold:.2f} s", flush=True)
    size = (home / "stats.sqlite3").stat().st_size
    wall(env)
    warm = [wall(env) for _ in range(ROUNDS)]
    rng = random.Random(99)
    incremental = []
    for i in range(ROUNDS):
        write_session(base, SESSIONS + 1000 + i, rng, time.time() - 60)
        incremental.append(wall(env))
    w, inc = statistics.median(warm), statistics.median(incremental)
    print(f"index size: {size / 1e6:.1f} MB")
    print("| measure | median | min |")
    print("|---|---|---|")
    print(f"| cold: index built from {SESSIONS} journals | {cold:.2f} | {cold:.2f} |")
    print(f"| warm: nothing changed | {w:.3f} | {min(warm):.3f} |")
    print(f"| incremental: one new session | {inc:.3f} | {min(incremental):.3f} |")
    print(
        f"warm {'meets' if w <= WARM_GOAL else 'misses'} the {WARM_GOAL} s goal; incremental "
        f"is {inc / w:.2f}x warm ({'meets' if inc <= 2 * w else 'misses'} the 2x goal)"
    )
    if not os.environ.get("BENCH_HOME"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
