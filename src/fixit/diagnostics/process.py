"""The busiest processes: the top few by processor time and by memory, sampled once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from fixit.diagnostics.resources import size
from fixit.diagnostics.result import CheckResult, errored
from fixit.i18n import Msg, _
from fixit.i18n.format import entries

CID = "process.top"
NAME_MAX = 100
SUMMARY_NAME_MAX = 30
# Windows' "System Idle Process" reports the idle time of every core as its own use.
IDLE_NAMES = ("System Idle Process",)


class Rss(Protocol):
    """The part of psutil's memory_info the check reads."""

    @property
    def rss(self) -> int:
        """Resident memory in bytes."""
        ...


class ProcessLike(Protocol):
    """The part of psutil.Process the check uses (never the command line or the user)."""

    @property
    def pid(self) -> int:
        """The process id."""
        ...

    def oneshot(self) -> AbstractContextManager[None]:
        """Cache what the next reads share."""
        ...

    def name(self) -> str:
        """The process name."""
        ...

    def cpu_percent(self, interval: float | None = None) -> float:
        """Processor use since the previous call, in percent of one core."""
        ...

    def memory_info(self) -> Rss:
        """Memory use."""
        ...


@dataclass(frozen=True)
class ProcessProbe:
    """What the check reads: the processes, the memory size, the core count, and a sleep."""

    processes: Callable[[], Iterable[ProcessLike]]
    total_memory: Callable[[], int]
    cpu_count: Callable[[], int | None]
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class Sample:
    """One process as sampled: no command line, no user name."""

    pid: int
    name: str
    cpu_percent: float
    memory_percent: float
    rss: int

    def as_data(self) -> dict[str, Any]:
        """A JSON-safe dict."""
        return {
            "pid": self.pid,
            "name": self.name,
            "cpu_percent": round(self.cpu_percent, 1),
            "memory_percent": round(self.memory_percent, 1),
            "rss": self.rss,
        }


def real_probe() -> ProcessProbe:
    """The machine's processes through psutil."""
    import psutil

    return ProcessProbe(
        processes=psutil.process_iter,
        total_memory=lambda: int(psutil.virtual_memory().total),
        cpu_count=psutil.cpu_count,
    )


def _why(exc: BaseException) -> str:
    import psutil

    if isinstance(exc, psutil.AccessDenied):
        return "access_denied"
    if isinstance(exc, psutil.ZombieProcess):
        return "zombie"
    if isinstance(exc, psutil.NoSuchProcess):
        return "vanished"
    return "other"


def sample(probe: ProcessProbe, seconds: float) -> tuple[list[Sample], dict[str, int]]:
    """Prime every process's CPU counter, sleep once, read them all; skip the unreadable."""
    import psutil

    missed = {"access_denied": 0, "vanished": 0, "zombie": 0, "other": 0}
    total = max(1, probe.total_memory())
    primed = []
    for proc in probe.processes():
        try:
            proc.cpu_percent(None)
            primed.append(proc)
        except (psutil.Error, OSError) as exc:  # one process, never the whole scan
            missed[_why(exc)] += 1
    probe.sleep(seconds)
    found = []
    for proc in primed:
        try:
            with proc.oneshot():
                name = str(proc.name())[:NAME_MAX]
                cpu = float(proc.cpu_percent(None))
                rss = int(proc.memory_info().rss)
        except (psutil.Error, OSError) as exc:
            missed[_why(exc)] += 1
            continue
        if proc.pid == 0 and name in IDLE_NAMES:
            continue
        found.append(Sample(int(proc.pid), name, cpu, 100.0 * rss / total, rss))
    return found, missed


def _short(name: str) -> str:
    return name if len(name) <= SUMMARY_NAME_MAX else name[: SUMMARY_NAME_MAX - 1] + "…"


def _judge(cpu: Sample, mem: Sample, params: Mapping[str, Any]) -> tuple[str, Msg]:
    hogs: list[Msg] = []
    if cpu.cpu_percent > float(params["warn_cpu_percent"]):
        share = f"{cpu.cpu_percent:.0f}"
        hogs.append(_("{name} is using {share}% CPU", name=_short(cpu.name), share=share))
    if mem.memory_percent > float(params["warn_memory_percent"]):
        share = f"{mem.memory_percent:.0f}"
        hogs.append(_("{name} is using {share}% of memory", name=_short(mem.name), share=share))
    if hogs:
        return "warn", entries(hogs)
    if cpu.cpu_percent < 1:
        return "pass", _(
            "no process is busy; top memory: {name} ({size})",
            name=_short(mem.name),
            size=size(mem.rss),
        )
    share = f"{cpu.cpu_percent:.0f}"
    return "pass", _(
        "top CPU: {cpu} ({share}%); top memory: {memory} ({size})",
        cpu=_short(cpu.name),
        share=share,
        memory=_short(mem.name),
        size=size(mem.rss),
    )


def check_process_top(params: Mapping[str, Any], probe: ProcessProbe | None = None) -> CheckResult:
    """The top processes by CPU and memory; warn when one process hogs either."""
    started = time.monotonic()
    seconds = float(params["sample_seconds"])
    try:
        probe = probe or real_probe()
        found, missed = sample(probe, seconds)
        cores = probe.cpu_count()
    except Exception as exc:  # no psutil, no /proc: a result, never a crash
        name = exc.__class__.__name__
        return errored(
            CID,
            _("could not list the processes"),
            f"{name}: {exc}"[:500],
            time.monotonic() - started,
        )
    if not found:
        return errored(
            CID,
            _("could not read any process"),
            _(
                "no process could be read: {denied} not permitted, {gone} ended while being "
                "read, {other} for another reason",
                denied=missed["access_denied"],
                gone=missed["vanished"] + missed["zombie"],
                other=missed["other"],
            ),
            time.monotonic() - started,
        )
    count = int(params["count"])
    by_cpu = sorted(found, key=lambda s: (-s.cpu_percent, -s.rss))[:count]
    by_mem = sorted(found, key=lambda s: (-s.rss, -s.cpu_percent))[:count]
    status, summary = _judge(by_cpu[0], by_mem[0], params)
    data = {
        "by_cpu": [s.as_data() for s in by_cpu],
        "by_memory": [s.as_data() for s in by_mem],
        "processes": len(found),
        "skipped": missed,
        "sample_seconds": seconds,
        "cpu_count": cores,
    }
    return CheckResult(CID, status, summary, data, time.monotonic() - started)
