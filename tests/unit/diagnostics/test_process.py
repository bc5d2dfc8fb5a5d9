"""process.top: fake process tables for every status, a real process vanishing, a real run."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from fixit.diagnostics.process import ProcessLike, ProcessProbe, check_process_top
from fixit.diagnostics.result import STATUSES, CheckResult

CID = "process.top"
GIB = 1024**3
TOTAL = 16 * GIB
PARAMS = {
    "count": 5,
    "sample_seconds": 0.3,
    "warn_cpu_percent": 90.0,
    "warn_memory_percent": 50.0,
}


class FakeProc:
    """A process that answers like psutil.Process, or raises at the 'prime' or 'read' step."""

    def __init__(
        self, pid: int, name: str, cpu: float = 0.0, rss: int = 0, **raises: BaseException
    ) -> None:
        self.pid = pid
        self._name, self._cpu, self._rss, self._raises = name, cpu, rss, raises
        self._primed = False

    def oneshot(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def name(self) -> str:
        return self._name

    def cpu_percent(self, interval: float | None = None) -> float:
        step = "read" if self._primed else "prime"
        if step in self._raises:
            raise self._raises[step]
        self._primed = True
        return self._cpu if step == "read" else 0.0

    def memory_info(self) -> Any:
        return SimpleNamespace(rss=self._rss)


def probe(*procs: ProcessLike, slept: list[float] | None = None) -> ProcessProbe:
    naps = slept if slept is not None else []
    return ProcessProbe(lambda: list(procs), lambda: TOTAL, lambda: 4, naps.append)


def run(*procs: ProcessLike, **params: Any) -> CheckResult:
    return check_process_top({**PARAMS, **params}, probe(*procs))


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status, result
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


def test_a_quiet_machine_passes_and_lists_the_top_processes() -> None:
    slept: list[float] = []
    procs = [FakeProc(n, f"p{n}", cpu=float(n), rss=n * GIB // 10) for n in range(1, 9)]
    result = check_process_top({**PARAMS, "count": 3}, probe(*procs, slept=slept))
    well_formed(result, "pass")
    assert slept == [0.3]
    assert [p["pid"] for p in result.data["by_cpu"]] == [8, 7, 6]
    assert [p["pid"] for p in result.data["by_memory"]] == [8, 7, 6]
    assert result.data["by_cpu"][0] == {
        "pid": 8,
        "name": "p8",
        "cpu_percent": 8.0,
        "memory_percent": 5.0,
        "rss": 8 * GIB // 10,
    }
    assert result.data["processes"] == 8 and result.data["cpu_count"] == 4
    assert result.text("en") == "top CPU: p8 (8%); top memory: p8 (819 MiB)"
    assert result.text("fi") == "suoritinta käyttää eniten p8 (8 %), muistia p8 (819 MiB)"


def test_an_idle_machine_says_nothing_is_busy() -> None:
    result = run(FakeProc(1, "init", rss=int(1.5 * GIB)), FakeProc(2, "sshd", rss=GIB // 100))
    well_formed(result, "pass")
    assert result.text("en") == "no process is busy; top memory: init (1.5 GiB)"
    assert "1,5 GiB" in result.text("fi")


def test_a_process_hogging_the_cpu_warns_by_name() -> None:
    result = run(FakeProc(1, "init", 0.5, GIB), FakeProc(42, "miner", 180.0, GIB))
    well_formed(result, "warn")
    assert result.text("en") == "miner is using 180% CPU"
    assert result.text("fi") == "miner kuormittaa suoritinta 180 %"


def test_a_process_hogging_memory_warns_by_name() -> None:
    result = run(FakeProc(1, "init", 1.0, GIB), FakeProc(7, "java", 3.0, 10 * GIB))
    well_formed(result, "warn")
    assert result.text("en") == "java is using 62% of memory"
    assert result.text("fi") == "java vie 62 % muistista"


def test_both_limits_are_named() -> None:
    result = run(FakeProc(1, "spin", 400.0, GIB), FakeProc(2, "java", 1.0, 12 * GIB))
    well_formed(result, "warn")
    assert result.text("en") == "spin is using 400% CPU; java is using 75% of memory"


def test_unreadable_and_vanishing_processes_are_skipped_one_by_one() -> None:
    result = run(
        FakeProc(1, "init", 2.0, GIB),
        FakeProc(2, "gone", prime=psutil.NoSuchProcess(2)),
        FakeProc(3, "left", read=psutil.NoSuchProcess(3)),
        FakeProc(4, "root", read=psutil.AccessDenied(4)),
        FakeProc(5, "dead", prime=psutil.ZombieProcess(5)),
        FakeProc(6, "odd", read=OSError("EIO")),
    )
    well_formed(result, "pass")
    assert result.data["processes"] == 1
    assert result.data["skipped"] == {"access_denied": 1, "vanished": 2, "zombie": 1, "other": 1}


def test_nothing_readable_is_an_error() -> None:
    result = run(FakeProc(1, "a", read=psutil.AccessDenied(1)))
    well_formed(result, "error")
    assert "1 not permitted" in str(result.reason)  # why, in words (was a dict's repr)
    well_formed(run(), "error")


def test_a_failing_process_list_is_an_error() -> None:
    def broken() -> Iterable[ProcessLike]:
        raise OSError("/proc is not mounted")

    result = check_process_top(PARAMS, ProcessProbe(broken, lambda: TOTAL, lambda: 1))
    well_formed(result, "error")
    assert "/proc is not mounted" in str(result.reason)


def test_without_psutil_the_check_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psutil", None)
    result = check_process_top(PARAMS)
    well_formed(result, "error")
    assert "psutil" in str(result.reason)


def test_the_windows_idle_process_is_ignored() -> None:
    result = run(FakeProc(0, "System Idle Process", 790.0), FakeProc(4, "System", 1.5, GIB))
    well_formed(result, "pass")
    assert [p["pid"] for p in result.data["by_cpu"]] == [4]


def test_long_names_are_cut_and_no_command_line_or_user_is_kept() -> None:
    result = run(FakeProc(9, "x" * 5000, 95.0, GIB))
    well_formed(result, "warn")
    entry = result.data["by_cpu"][0]
    assert set(entry) == {"pid", "name", "cpu_percent", "memory_percent", "rss"}
    assert len(entry["name"]) == 100 and len(result.text("en")) < 80


def test_a_real_process_vanishing_mid_scan_is_skipped() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"], stdin=subprocess.DEVNULL
    )
    try:
        watched = psutil.Process(child.pid)

        def kill_during_sleep(seconds: float) -> None:
            child.kill()
            child.wait(timeout=10)
            time.sleep(seconds)  # a real sample: no sleep made pytest's own use read as 545%

        real = ProcessProbe(
            lambda: [watched, psutil.Process()], lambda: TOTAL, lambda: 1, kill_during_sleep
        )
        result = check_process_top(PARAMS, real)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert result.status in ("pass", "warn"), result  # pytest itself may be busy (one core)
    well_formed(result, result.status)
    assert result.data["skipped"]["vanished"] == 1
    assert child.pid not in [p["pid"] for p in result.data["by_cpu"]]


def test_process_top_on_this_machine() -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    result = ThreadRunner().run([CID])[CID]
    assert result.status in STATUSES and result.status in ("pass", "warn"), str(result.reason)
    well_formed(result, result.status)
    assert result.duration < CHECKS[CID].timeout
    assert result.data["processes"] >= 1
