"""Start-up benchmarks, run on demand (never in the test suite): `python benchmarks/run.py`.

Measures, side by side and interleaved in one run:
1. `fixit --help` against `python -c "import typer"` (target: at most 2.0x);
2. time until the first question is on screen in a pseudo-terminal, against a bare
   `questionary.select` prompt (target: at most 1.5x);
3. `fixit trees list` over a generated library of 100 trees of 150 nodes, cold once and then
   with a warm cache, against `fixit --help` (target: warm at most 1.5x).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

FIXIT = str(Path(sys.executable).parent / "fixit")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
BARE_PROMPT = "import questionary; questionary.select('Pick one', choices=['a', 'b']).unsafe_ask()"


def generate_library(folder: Path, trees: int = 100, nodes: int = 150) -> None:
    """Valid format-1 trees: a chain of question, step, input and info nodes with two ends."""
    folder.mkdir(parents=True, exist_ok=True)
    for t in range(trees):
        body: dict[str, object] = {}
        last = nodes - 2
        for i in range(last):
            nxt = f"n{i + 1}" if i + 1 < last else "done"
            text = {"en": f"Step {i} of tree {t}", "fi": f"Vaihe {i}, polku {t}"}
            kind = ("question", "step", "input", "info")[i % 4]
            node: dict[str, object] = {"kind": kind, "text": text}
            if kind == "question":
                node["choices"] = [
                    {"id": "a", "label": {"en": "Go on", "fi": "Jatka"}, "goto": nxt},
                    {"id": "b", "label": {"en": "Give up", "fi": "Luovuta"}, "goto": "support"},
                ]
            elif kind == "step":
                node.update(solved="done", unsolved=nxt)
            elif kind == "input":
                node.update(field=f"f{i}", goto=nxt)
            else:
                node["goto"] = nxt
            body[f"n{i}"] = node
        body["done"] = {
            "kind": "end",
            "outcome": "resolved",
            "text": {"en": "Done", "fi": "Valmis"},
        }
        body["support"] = {
            "kind": "end",
            "outcome": "escalate",
            "text": {"en": "Support", "fi": "Tuki"},
        }
        tree = {
            "format": 1,
            "id": f"gen-{t:03d}",
            "version": 1,
            "title": {"en": f"Generated tree {t}", "fi": f"Generoitu polku {t}"},
            "start": "n0",
            "nodes": body,
        }
        (folder / f"gen-{t:03d}.yaml").write_text(json.dumps(tree, ensure_ascii=False, indent=1))


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def until_text(cmd: list[str], text: str, env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` in a pty until `text` is on its screen."""
    started = time.perf_counter()
    child = pexpect.spawn(
        cmd[0], cmd[1:], env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )
    child.expect_exact(text)
    elapsed = time.perf_counter() - started
    child.kill(9)
    child.close()
    return elapsed


def measure(runs: dict[str, Callable[[], float]], rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Two warm-up runs each, then `rounds` interleaved rounds."""
    for fn in runs.values():
        fn()
        fn()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            times[name].append(fn())
    return times


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def main() -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(__file__).parent.parent / "src")],
        check=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        lib = base / "library"
        generate_library(lib)
        small = Path(__file__).resolve().parent.parent / "tests" / "data" / "spec"
        env = {
            **os.environ,
            "FIXIT_HOME": str(base / "state"),
            "FIXIT_SYSTEM_DIR": str(base / "etc"),
            "XDG_CONFIG_HOME": str(base / "cfg"),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm",
            "FIXIT_LANG": "en",
        }
        env.pop("FIXIT_TREES", None)
        check = subprocess.run(
            [FIXIT, "trees", "validate", str(lib)], env=env, capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        cold_env = {**env, "FIXIT_HOME": str(base / "cold")}
        cold = wall([FIXIT, "--trees", str(lib), "trees", "list"], cold_env)
        times = measure(
            {
                "python -c 'import typer'": lambda: wall(
                    [sys.executable, "-c", "import typer"], env
                ),
                "fixit --help": lambda: wall([FIXIT, "--help"], env),
                "fixit trees list (100x150, warm)": lambda: wall(
                    [FIXIT, "--trees", str(lib), "trees", "list"], env
                ),
                "bare questionary.select, first prompt": lambda: until_text(
                    [sys.executable, "-c", BARE_PROMPT], "Pick one", env
                ),
                "fixit start, first question": lambda: until_text(
                    [FIXIT, "--trees", str(small), "start", "info-screen-blank", "--no-checks"],
                    "Did that help?",
                    env,
                ),
            }
        )
    med = {name: statistics.median(v) for name, v in times.items()}
    low = {name: min(v) for name, v in times.items()}
    print(f"machine: {machine()}; {ROUNDS} interleaved rounds after 2 warm-ups; seconds")
    print(f"{'command':42} {'median':>8} {'min':>8}")
    for name in times:
        print(f"{name:42} {med[name]:8.3f} {low[name]:8.3f}")
    print(f"{'fixit trees list (100x150, cold, once)':42} {cold:8.3f}")
    ratios = [
        ("fixit --help / import typer", med["fixit --help"] / med["python -c 'import typer'"], 2.0),
        (
            "first question / bare questionary",
            med["fixit start, first question"] / med["bare questionary.select, first prompt"],
            1.5,
        ),
        (
            "trees list warm / fixit --help",
            med["fixit trees list (100x150, warm)"] / med["fixit --help"],
            1.5,
        ),
    ]
    for name, ratio, target in ratios:
        verdict = "met" if ratio <= target else "MISSED"
        print(f"{name:42} {ratio:8.2f}x  target <= {target}x: {verdict}")


if __name__ == "__main__":
    main()
