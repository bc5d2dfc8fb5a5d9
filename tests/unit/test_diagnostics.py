"""Checks and the runner (RELIABILITY policy 7): isolated, bounded, never a crash."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from fixit.diagnostics.disk import check_disk_space
from fixit.diagnostics.network import check_internet
from fixit.diagnostics.registry import CHECKS, CheckSpec
from fixit.diagnostics.result import CheckResult
from fixit.diagnostics.runner import ForcedRunner, ThreadRunner

GIB = 1024**3
DISK = dict(CHECKS["disk.space"].defaults)


def fake_disk(*mounts: tuple[str, int, int]) -> dict[str, Any]:
    parts = [SimpleNamespace(mountpoint=m, fstype="ext4") for m, _, _ in mounts]
    usage = {m: SimpleNamespace(total=t, free=f) for m, t, f in mounts}

    def disk_usage(mount: str) -> Any:
        if mount == "/denied":
            raise PermissionError("no")
        return usage[mount]

    return {"partitions": lambda all=False: parts, "usage": disk_usage}


@pytest.mark.parametrize(
    ("free", "status"), [(400 * GIB, "pass"), (30 * GIB, "warn"), (5 * GIB, "fail")]
)
def test_disk_space_thresholds(free: int, status: str) -> None:
    result = check_disk_space(DISK, **fake_disk(("/", 500 * GIB, free), ("/denied", 1, 1)))
    assert result.status == status
    assert result.data["filesystems"][0]["mount"] == "/"


def test_disk_space_with_nothing_readable_is_skipped() -> None:
    result = check_disk_space(DISK, **fake_disk(("/denied", 1, 1)))
    assert result.status == "skipped" and result.reason


def test_disk_space_on_this_machine() -> None:
    results = ThreadRunner().run(["disk.space"])
    r = results["disk.space"]
    assert r.status in ("pass", "warn", "fail") and r.summary and r.duration < 5


def spec(func: Any, timeout: float = 0.3) -> CheckSpec:
    return CheckSpec("x.test", {"en": "X", "fi": "X"}, timeout, func=func)


def test_a_raising_check_is_an_error_result() -> None:
    def boom(params: Any) -> CheckResult:
        raise RuntimeError("sensor missing")

    r = ThreadRunner(registry={"x.test": spec(boom)}).run(["x.test"])["x.test"]
    assert r.status == "error" and "sensor missing" in r.reason


def test_a_hanging_check_times_out_and_does_not_hold_the_process() -> None:
    def hang(params: Any) -> CheckResult:
        time.sleep(30)
        raise AssertionError("unreachable")

    started = time.monotonic()
    r = ThreadRunner(registry={"x.test": spec(hang)}).run(["x.test"])["x.test"]
    assert time.monotonic() - started < 1.0
    assert r.status == "error" and r.reason == "timed out"
    stuck = [t for t in threading.enumerate() if t.name == "check-x.test"]
    assert all(t.daemon for t in stuck)


def test_unknown_unimplemented_and_forced() -> None:
    results = ThreadRunner().run(["nope", "display.outputs"])
    assert results["nope"].status == "error"
    assert results["display.outputs"].status == "skipped"
    assert (
        ForcedRunner({"network.internet": "fail"})
        .run(["network.internet"])["network.internet"]
        .status
        == "fail"
    )


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/endless":
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"x" * 65536)
            except OSError:
                pass
            return
        code = 204 if self.path == "/ok" else 500
        self.send_response(code)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return int(port)


def params(*urls: str) -> dict[str, Any]:
    return {"urls": list(urls), "connect_timeout": 1.0, "read_timeout": 1.0}


def test_internet_pass_warn_fail_on_loopback(server: str) -> None:
    assert check_internet(params(f"{server}/ok")).status == "pass"
    warn = check_internet(params(f"{server}/500"))
    assert warn.status == "warn" and "500" in warn.summary
    fail = check_internet(params(f"http://127.0.0.1:{closed_port()}/"))
    assert fail.status == "fail" and "ConnectionRefused" in fail.summary


def test_endless_body_is_read_with_a_cap(server: str) -> None:
    started = time.monotonic()
    r = check_internet(params(f"{server}/endless"))
    assert r.status == "pass" and time.monotonic() - started < 3


def test_unanswered_connect_is_bounded() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)  # accepts nothing: the request never gets an answer
    port = listener.getsockname()[1]
    started = time.monotonic()
    try:
        r = check_internet(params(f"http://127.0.0.1:{port}/"))
    finally:
        listener.close()
    assert r.status == "fail" and time.monotonic() - started < 2.5
