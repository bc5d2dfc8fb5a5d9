"""`fixit diagnose` against `import psutil` and `inxi -F`, run on demand (never in CI).

    python benchmarks/diagnose.py           # BENCH_ROUNDS=N for more rounds (default 10)

Runs, interleaved in one run (2 warm-ups each, then ROUNDS rounds in which every alternative runs
once; median and minimum wall seconds):

1. `python -c "import psutil"`: the floor of any psutil-based tool;
2. `fixit diagnose --json` with the network down: all 15 checks in an empty network namespace
   (`unshare --net`: no adapter, no route, DNS unreachable), so network timeouts do not count;
3. `inxi -F` (Debian package `inxi`), the reference system-information tool, in the same kind of
   namespace.

Target (issue 3): (2) under 1.0 s and below (3). Also printed, once: `fixit diagnose --json` with
the network as this machine has it, and each check's own duration in the network-down run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXIT = str(Path(sys.executable).parent / "fixit")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
WARMUPS = 2
TARGET = 1.0


def wall(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    """Wall seconds of one run; output discarded; an unexpected exit code stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    unshare, inxi = shutil.which("unshare"), shutil.which("inxi")
    if unshare is None:
        sys.exit("needs `unshare` (util-linux) to take the network down")
    if inxi is None:
        sys.exit("needs inxi: apt-get install inxi")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    env = {**os.environ, "NO_COLOR": "1"}
    down = [unshare, "--net"]
    runs = {
        "psutil": [sys.executable, "-c", "import psutil"],
        "fixit": [*down, FIXIT, "diagnose", "--json"],
        "inxi": [*down, inxi, "-F", "-c", "0"],
    }
    ok = {"psutil": (0,), "fixit": (0, 1), "inxi": (0,)}  # diagnose exits 1: checks fail
    for name, cmd in runs.items():
        for _ in range(WARMUPS):
            wall(cmd, env, ok[name])
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, cmd in runs.items():
            times[name].append(wall(cmd, env, ok[name]))

    detail = subprocess.run(runs["fixit"], env=env, capture_output=True, text=True)
    doc = json.loads(detail.stdout)
    started = time.perf_counter()
    live = subprocess.run([FIXIT, "diagnose", "--json"], env=env, capture_output=True, text=True)
    live_wall = time.perf_counter() - started
    live_doc = json.loads(live.stdout)

    def row(label: str, values: list[float]) -> str:
        return f"{label:52} {statistics.median(values):8.3f} {min(values):8.3f}"

    print(f"machine: nproc {os.cpu_count()}, Python {sys.version.split()[0]}")
    print(f"{ROUNDS} interleaved rounds after {WARMUPS} warm-ups each; wall seconds")
    print(f"{'measure':52} {'median':>8} {'min':>8}")
    print(row('python -c "import psutil"', times["psutil"]))
    print(row("fixit diagnose --json, network down (15 checks)", times["fixit"]))
    print(row("inxi -F -c 0, network down", times["inxi"]))
    fixit_median = statistics.median(times["fixit"])
    inxi_median = statistics.median(times["inxi"])
    verdict = "met" if fixit_median < TARGET and fixit_median < inxi_median else "MISSED"
    print(
        f"target: under {TARGET:.1f} s and below inxi: {verdict} "
        f"({fixit_median:.3f} s; inxi {inxi_median:.3f} s, {fixit_median / inxi_median:.2f}x)"
    )
    print()
    print(f"fixit diagnose --json, network as this machine has it (once): {live_wall:.3f} s")
    print(f"  counts {live_doc['counts']}")
    print()
    print("each check's duration in one network-down run (seconds):")
    for r in sorted(doc["results"], key=lambda r: -r["duration"]):
        print(f"  {r['id']:22} {r['status']:8} {r['duration']:6.3f}")


if __name__ == "__main__":
    main()
