"""End-to-end harness: the installed `fixit` script in a real pseudo-terminal (pexpect).

conftest.py offers its fixtures (fx, http_ok, closed_port, net_config) to the e2e test modules.

Every spawned fixit gets its own FIXIT_HOME, config and "system" folders under the test's tmp_path,
so nothing real (the user's state, /etc/fixit) is ever read or written. Tests drive prompts with the
`Term` helper below and then assert on what fixit left on disk: the session's journal and metadata,
`fixit report --format json` and `fixit sessions --json`.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect", reason="the e2e tests need pexpect (pip install pexpect)")

FIXIT = Path(sys.executable).parent / "fixit"
DATA = Path(__file__).resolve().parent.parent / "data" / "e2e"

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"

# CSI, OSC (ended by BEL or ST) and the short ESC sequences prompt_toolkit and rich write.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


def strip_ansi(text: str) -> str:
    """Screen output without the terminal's control sequences (cursor moves, colours)."""
    return _ANSI.sub("", text)


def exit_code(child: Any) -> int:
    """The exit code as a shell reports it (128+n for a death by signal n)."""
    if child.signalstatus is not None:
        return 128 + int(child.signalstatus)
    return int(child.exitstatus)


class Term:
    """A fixit process in a pseudo-terminal, with helpers that wait for a prompt before typing."""

    def __init__(self, child: Any, quit_label: str = "Save and quit") -> None:
        self.child = child
        self.quit_label = quit_label
        self._log = io.StringIO()
        child.logfile_read = self._log

    # -- reading ------------------------------------------------------------------------------
    @property
    def output(self) -> str:
        """Everything fixit wrote to the terminal so far (raw, with escape sequences)."""
        return self._log.getvalue()

    @property
    def screen_text(self) -> str:
        """The output with the terminal's own control sequences removed."""
        return strip_ansi(self.output)

    def expect(self, text: str, timeout: float = 20) -> None:
        """Wait for literal text; on a timeout, fail with the tail of the screen."""
        try:
            self.child.expect_exact(text, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            tail = strip_ansi(self.output)[-2500:]
            raise AssertionError(
                f"fixit never showed {text!r} ({exc.__class__.__name__}); screen tail:\n{tail}"
            ) from None

    # -- keys ---------------------------------------------------------------------------------
    def keys(self, *keys: str) -> None:
        """Send keys one at a time (a small gap keeps escape sequences apart)."""
        for key in keys:
            self.child.send(key)
            time.sleep(0.03)

    def at_select(self, *marks: str) -> None:
        """Wait until a select prompt showing `marks` (in order) is fully drawn."""
        for mark in marks:
            self.expect(mark)
        self.expect(self.quit_label)

    def choose(self, *marks: str, down: int = 0, up: int = 0) -> None:
        """At the select prompt showing `marks`: move the pointer and press Enter."""
        self.at_select(*marks)
        self.keys(*([DOWN] * down), *([UP] * up), ENTER)

    def at_text(self, *marks: str) -> None:
        """Wait until a wizard text input showing `marks` is drawn (its hint ends with /quit)."""
        for mark in marks:
            self.expect(mark)
        self.expect("/quit")

    def type_line(self, *marks: str, text: str) -> None:
        """At a wizard text input: type `text` and Enter."""
        self.at_text(*marks)
        self.child.send(text)
        self.keys(ENTER)

    # -- ending -------------------------------------------------------------------------------
    def wait(self, timeout: float = 15) -> int:
        """Wait for fixit to exit; returns its exit code."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            tail = strip_ansi(self.output)[-2500:]
            raise AssertionError(
                f"fixit did not exit in {timeout} s; screen tail:\n{tail}"
            ) from None
        self.child.close()
        return exit_code(self.child)

    def hang_up(self, timeout: float = 10) -> int:
        """Close the terminal (the master side of the pty) like a closed window; the exit code."""
        proc = self.child.ptyproc
        proc.fileobj.close()
        deadline = time.monotonic() + timeout
        while proc.isalive() and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = proc.isalive()
        if alive:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.fd = -1
        proc.closed = True
        self.child.child_fd = -1
        self.child.closed = True
        assert not alive, "fixit was still running 10 s after its terminal was closed"
        if proc.signalstatus is not None:
            return 128 + int(proc.signalstatus)
        return int(proc.exitstatus)

    def signal(self, signum: int, timeout: float = 10) -> int:
        """Send a signal to fixit and return its exit code."""
        self.child.kill(signum)
        return self.wait(timeout)


class Fixit:
    """One isolated fixit installation state: environment, spawning, and the files it leaves."""

    def __init__(self, tmp_path: Path) -> None:
        self.base = tmp_path
        self.home = tmp_path / "state"
        (tmp_path / "home").mkdir(exist_ok=True)
        self.children: list[Any] = []

    def env(self, **extra: str | None) -> dict[str, str]:
        """The environment every spawned fixit gets (`NAME=None` removes a variable)."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.base / "home"),
            "FIXIT_HOME": str(self.home),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "FIXIT_LANG": "en",
            "XDG_CONFIG_HOME": str(self.base / "cfg"),
            "XDG_STATE_HOME": str(self.base / "xdg-state"),
            "XDG_CACHE_HOME": str(self.base / "cache"),
            "FIXIT_SYSTEM_DIR": str(self.base / "etc"),
            "COLUMNS": "",
            "LINES": "",
            # passed through, so the suite can run against another copy of the sources
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        }
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return {k: v for k, v in env.items() if v != ""}

    def argv(self, args: tuple[str, ...], trees: bool) -> list[str]:
        return [*(("--trees", str(DATA)) if trees else ()), *args]

    def spawn(
        self,
        *args: str,
        trees: bool = True,
        dimensions: tuple[int, int] = (40, 100),
        env: Mapping[str, str | None] | None = None,
        quit_label: str = "Save and quit",
    ) -> Term:
        """Start `fixit [--trees DATA] ARGS` in a pseudo-terminal."""
        child = pexpect.spawn(
            str(FIXIT),
            self.argv(args, trees),
            env=self.env(**(env or {})),
            encoding="utf-8",
            codec_errors="replace",
            dimensions=dimensions,
            timeout=15,
            cwd=str(self.base),
        )
        self.children.append(child)
        return Term(child, quit_label)

    def run(
        self, *args: str, trees: bool = True, env: Mapping[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run fixit with stdin from /dev/null and capture stdout and stderr."""
        return subprocess.run(
            [str(FIXIT), *self.argv(args, trees)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=self.env(**(env or {})),
            cwd=str(self.base),
            timeout=30,
        )

    # -- files left behind --------------------------------------------------------------------
    @property
    def sessions_dir(self) -> Path:
        return self.home / "sessions"

    def session_ids(self) -> list[str]:
        if not self.sessions_dir.is_dir():
            return []
        return sorted(p.name for p in self.sessions_dir.iterdir() if p.is_dir())

    def only_session(self) -> str:
        ids = self.session_ids()
        assert len(ids) == 1, f"expected exactly one session, found {ids}"
        return ids[0]

    def meta(self, sid: str) -> dict[str, Any]:
        return json.loads((self.sessions_dir / sid / "meta.json").read_text("utf-8"))

    def journal(self, sid: str) -> list[dict[str, Any]]:
        raw = (self.sessions_dir / sid / "journal.jsonl").read_text("utf-8")
        return [json.loads(line) for line in raw.splitlines() if line.strip()]

    def kinds(self, sid: str) -> list[str]:
        """The journal's event types, in order."""
        return [e["t"] for e in self.journal(sid)]

    def answers(self, sid: str) -> list[tuple[str, str, str]]:
        """Every answer event, in order: (node, value, by)."""
        return [(e["node"], e["value"], e["by"]) for e in self.journal(sid) if e["t"] == "answer"]

    def report_json(self, sid: str) -> dict[str, Any]:
        done = self.run("report", sid, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def report_md(self, sid: str) -> str:
        done = self.run("report", sid)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def sessions_json(self) -> list[dict[str, Any]]:
        done = self.run("sessions", "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def steps(self, sid: str) -> list[tuple[str, str, str]]:
        """The report's steps: (node, value, by label)."""
        return [(s["node"], s["value"], s["by_label"]) for s in self.report_json(sid)["steps"]]

    def fields(self, sid: str) -> dict[str, str]:
        """The report's collected fields as a mapping."""
        return {f["id"]: f["value"] for f in self.report_json(sid)["fields"]}

    def write_config(self, text: str) -> Path:
        path = self.base / "config.yaml"
        path.write_text(text, "utf-8")
        return path

    def cleanup(self) -> None:
        for child in self.children:
            try:
                if child.isalive():
                    child.terminate(force=True)
                child.close(force=True)
            except Exception:  # best effort: never mask the test's own failure
                pass


@pytest.fixture(scope="session")
def fixit_script() -> Path:
    """The installed console script next to this Python."""
    if not FIXIT.is_file():
        pytest.skip(f"the fixit console script is not installed at {FIXIT} (pip install -e .)")
    return FIXIT


@pytest.fixture
def fx(tmp_path: Path, fixit_script: Path) -> Iterator[Fixit]:
    """An isolated fixit environment; kills whatever the test left running."""
    harness = Fixit(tmp_path)
    yield harness
    harness.cleanup()


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def http_ok() -> Iterator[Any]:
    """A tiny HTTP server on loopback answering 200; `.url` and `.hits` (paths requested)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hits = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def internet_config(url: str) -> str:
    """A fixit configuration pointing network.internet at one loopback URL."""
    return (
        f'checks:\n  network.internet: {{urls: ["{url}"], connect_timeout: 2, read_timeout: 2}}\n'
    )


@pytest.fixture
def net_config(fx: Fixit) -> Any:
    """Write a config that points network.internet at `url`; returns its path."""

    def make(url: str) -> Path:
        return fx.write_config(internet_config(url))

    return make
