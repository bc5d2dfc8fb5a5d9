"""Processor load and memory use (cpu.load, memory.usage), and the probe helpers disk.py shares."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from fixit.diagnostics.result import CheckResult, errored, not_here, skipped
from fixit.i18n import N_, Msg, _, ngettext, pgettext
from fixit.i18n.format import decimal

T = TypeVar("T")
PLATFORMS = ("linux", "win32", "darwin")
GIB = 1024**3
SWAP_HEAVY = 50.0  # percent of swap in use worth a mention


class Memory(NamedTuple):
    """Physical memory: total and available bytes, percent in use."""

    total: int
    available: int
    percent: float


class Swap(NamedTuple):
    """Swap (page file): total and used bytes, percent in use."""

    total: int
    used: int
    percent: float


class CpuProbe(NamedTuple):
    """What cpu.load reads: busy percent over a sample, load averages, logical cores."""

    percent: Callable[[float], float]
    load: Callable[[], tuple[float, float, float] | None]
    cores: Callable[[], int | None]


class MemoryProbe(NamedTuple):
    """What memory.usage reads."""

    memory: Callable[[], Memory]
    swap: Callable[[], Swap]


def _load_average() -> tuple[float, float, float] | None:
    # Windows has none; psutil's emulation there starts a thread and reads 0 at first.
    if not hasattr(os, "getloadavg"):
        return None
    try:
        return os.getloadavg()
    except OSError:
        return None


def pick(kind: Callable[..., T], raw: Any, names: Sequence[str]) -> T:
    """Build `kind` from the fields of a psutil result that it names."""
    return kind(*(getattr(raw, name) for name in names))


def real_cpu_probe() -> CpuProbe:
    """The processor as psutil and the OS see it."""
    import psutil

    return CpuProbe(lambda s: psutil.cpu_percent(interval=s), _load_average, psutil.cpu_count)


def real_memory_probe() -> MemoryProbe:
    """Memory and swap as psutil sees them."""
    import psutil

    return MemoryProbe(
        lambda: pick(Memory, psutil.virtual_memory(), Memory._fields),
        lambda: pick(Swap, psutil.swap_memory(), Swap._fields),
    )


def why(exc: BaseException) -> str:
    """An exception as a short technical reason."""
    return f"{exc.__class__.__name__}: {exc}"[:300]


#: what read_probe could not read -> (it is not readable here, it could not be read: {name})
UNREADABLE: dict[str, tuple[str, str]] = {
    "processor use": (
        N_("processor use is not readable here"),
        N_("could not read processor use ({name})"),
    ),
    "load": (N_("load is not readable here"), N_("could not read load ({name})")),
    "cores": (N_("cores is not readable here"), N_("could not read cores ({name})")),
    "memory use": (N_("memory use is not readable here"), N_("could not read memory use ({name})")),
    "swap": (N_("swap is not readable here"), N_("could not read swap ({name})")),
    "the disks": (N_("the disks is not readable here"), N_("could not read the disks ({name})")),
}


def read_probe(cid: str, started: float, what: str, read: Callable[[], T]) -> T | CheckResult:
    """Call a probe: a sensor this system lacks becomes `skipped`, a failure `error`; `what`
    (a key of UNREADABLE) says what it reads."""
    import psutil

    missing, failed = UNREADABLE[what]
    try:
        return read()
    except (NotImplementedError, AttributeError) as exc:
        return skipped(cid, _(missing), why(exc), time.monotonic() - started)
    except (psutil.Error, OSError, RuntimeError, ValueError) as exc:
        name = exc.__class__.__name__
        return errored(cid, _(failed, name=name), why(exc), time.monotonic() - started)


def unsupported(cid: str) -> CheckResult | None:
    """`skipped` on a platform the check is not written for, else None."""
    return not_here(cid, PLATFORMS)


def size(n: float) -> Msg | str:
    """A byte count in GiB (or MiB when small), its decimals written as the language writes them."""
    if n >= GIB:
        return pgettext("size", "{number} GiB", number=decimal(n / GIB))
    return f"{n / 1024**2:.0f} MiB"


def _grade(value: float, warn: float, fail: float) -> str:
    return "fail" if value >= fail else "warn" if value >= warn else "pass"


def _cpu_summary(
    status: str, percent: float, load: tuple[float, float, float] | None, cores: int | None
) -> Msg:
    use = f"{percent:.0f}"
    summary = {
        "pass": _("processor {percent}% busy", percent=use),
        "warn": _("processor very busy: {percent}%", percent=use),
        "fail": _("processor overloaded: {percent}%", percent=use),
    }[status]
    if load is not None:
        summary = _("{usage}, load {load}", usage=summary, load=decimal(load[0]))
    if cores:
        summary = ngettext("{usage} on {n} core", "{usage} on {n} cores", cores, usage=summary)
    return summary


def check_cpu_load(params: Mapping[str, Any], probe: CpuProbe | None = None) -> CheckResult:
    """How busy the processor is over a short sample, with load against the number of cores."""
    cid, started = "cpu.load", time.monotonic()
    if (off := unsupported(cid)) is not None:
        return off
    use = probe or real_cpu_probe()
    seconds = float(params["sample_seconds"])
    got = read_probe(cid, started, "processor use", lambda: use.percent(seconds))
    if isinstance(got, CheckResult):
        return got
    percent = float(got)
    # Load and core count only add context: without them the check still has its answer.
    read_load = read_probe(cid, started, "load", use.load)
    read_cores = read_probe(cid, started, "cores", use.cores)
    load = None if isinstance(read_load, CheckResult) else read_load
    cores = None if isinstance(read_cores, CheckResult) or not read_cores else int(read_cores)
    status = _grade(percent, params["warn_percent"], params["fail_percent"])
    data: dict[str, Any] = {"percent": round(percent, 1), "sample_seconds": seconds}
    data["load"] = [round(x, 2) for x in load] if load is not None else None
    data["cores"] = cores
    if load is not None and cores:
        data["load_per_core"] = round(load[0] / cores, 2)
    summary = _cpu_summary(status, percent, load, cores)
    return CheckResult(cid, status, summary, data, time.monotonic() - started)


def check_memory_usage(params: Mapping[str, Any], probe: MemoryProbe | None = None) -> CheckResult:
    """How much memory is in use, and whether swap is heavily used."""
    cid, started = "memory.usage", time.monotonic()
    if (off := unsupported(cid)) is not None:
        return off
    use = probe or real_memory_probe()
    mem = read_probe(cid, started, "memory use", use.memory)
    if isinstance(mem, CheckResult):
        return mem
    if mem.total <= 0:
        summary = _("could not read memory use")
        reason = _("total memory reads as 0")
        return errored(cid, summary, reason, time.monotonic() - started)
    swap = read_probe(cid, started, "swap", use.swap)
    status = _grade(mem.percent, params["warn_percent"], params["fail_percent"])
    data: dict[str, Any] = {"total": mem.total, "available": mem.available}
    data["percent"] = round(mem.percent, 1)
    heavy = ""
    if isinstance(swap, CheckResult):
        data["swap"] = None
        data["swap_error"] = str(swap.reason)
    else:
        data["swap"] = {"total": swap.total, "used": swap.used, "percent": round(swap.percent, 1)}
        if swap.total > 0 and swap.percent >= SWAP_HEAVY:
            heavy = f"{swap.percent:.0f}"
    summary = _memory_summary(status, mem, heavy)
    return CheckResult(cid, status, summary, data, time.monotonic() - started)


def _memory_summary(status: str, mem: Memory, swap: str) -> Msg:
    """'memory: 3.2 of 7.6 GiB in use (42%)', with the swap in use when it is heavy."""
    used_bytes = mem.total - mem.available
    used = decimal(used_bytes / GIB) if used_bytes >= GIB else size(used_bytes)
    values = {"used": used, "total": size(mem.total), "pct": f"{mem.percent:.0f}", "swap": swap}
    if swap:
        return {
            "pass": _("memory: {used} of {total} in use ({pct}%); swap {swap}% used", **values),
            "warn": _(
                "memory nearly full: {used} of {total} in use ({pct}%); swap {swap}% used",
                **values,
            ),
            "fail": _(
                "memory full: {used} of {total} in use ({pct}%); swap {swap}% used", **values
            ),
        }[status]
    return {
        "pass": _("memory: {used} of {total} in use ({pct}%)", **values),
        "warn": _("memory nearly full: {used} of {total} in use ({pct}%)", **values),
        "fail": _("memory full: {used} of {total} in use ({pct}%)", **values),
    }[status]
