"""Known problems before the tree (issue 17): what the feeds cost the first prompt. On demand,
never in the test suite or CI.

    python benchmarks/known_feeds.py        # BENCH_ROUNDS=N for more rounds (default 11)

`fixit --trees DIR start bench-first` in a pseudo-terminal (as benchmarks/run.py times its first
question), until the first answerable prompt is drawn, in five set-ups, interleaved:

1. none      no known problems anywhere (the baseline);
2. file      a known_issues.yaml beside the tree that matches it: the prompt is the known-problem
             question ("Is this your problem?");
3. served    a feed URL on a loopback server that answers at once with a matching problem;
4. hanging   a feed URL on a loopback server that accepts and never answers (the goal: the
             first question within the wait fixit allows the feeds, 1 s from the start);
5. down      a feed URL on a closed port (the goal: no slower than "none" by more than noise).

The served feed's cached copy is removed before every run, so each run fetches it again.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import FIRST_QUESTION, FIRST_TREE, FIXIT, isolated_env, measure, on_screen
from run import write_first_question_tree as write_tree

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))
KNOWN_QUESTION = "Is this your problem?"
ISSUES = f"""format: 1
issues:
  - id: printers-down
    title: {{en: Printing is down on every floor}}
    text: {{en: The print server is being repaired.}}
    affects: {{trees: [{FIRST_TREE}]}}
    ticket: "4321"
"""


class Feed(BaseHTTPRequestHandler):
    """Answers a known_issues.yaml at once (GET /ok) or never (any other path)."""

    def do_GET(self) -> None:
        if self.path != "/ok":
            time.sleep(60)  # hangs: fixit must not wait for it
            return
        body = ISSUES.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/yaml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        """Quiet."""


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    with tempfile.TemporaryDirectory(prefix="fixit-bench-known-") as tmp:
        base = Path(tmp)
        plain, with_file = base / "trees", base / "trees-known"
        write_tree(plain)
        write_tree(with_file)
        (with_file / "known_issues.yaml").write_text(ISSUES, encoding="utf-8")
        configs = {
            "served": f"http://127.0.0.1:{port}/ok",
            "hanging": f"http://127.0.0.1:{port}/hang",
            "down": f"http://127.0.0.1:{closed_port()}/known_issues.yaml",
        }
        for name, url in configs.items():
            (base / f"{name}.yaml").write_text(f"known:\n  feeds: [{url!r}]\n", "utf-8")
        env = isolated_env(base)
        cache = base / "home" / "known"

        def run(trees: Path, config: str | None, text: str) -> Callable[[], dict[str, float]]:
            args = [FIXIT, "--lang", "en", "--trees", str(trees)]
            args += ["--config", str(base / f"{config}.yaml")] if config else []

            def once() -> dict[str, float]:
                shutil.rmtree(cache, ignore_errors=True)  # every run reads its feed again
                return on_screen([*args, "start", FIRST_TREE], [text], env)

            return once

        first = FIRST_QUESTION["en"]
        runs = {
            "none": run(plain, None, first),
            "file": run(with_file, None, KNOWN_QUESTION),
            "served": run(plain, "served", KNOWN_QUESTION),
            "hanging": run(plain, "hanging", first),
            "down": run(plain, "down", first),
        }
        times = measure(runs, ROUNDS)
    server.shutdown()
    print(f"first answerable prompt, {ROUNDS} rounds (median / min, seconds):")
    for name, got in times.items():
        ready = got["ready"]
        print(f"  {name:8} {statistics.median(ready):.3f} / {min(ready):.3f}")


if __name__ == "__main__":
    main()
