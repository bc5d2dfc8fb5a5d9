"""Processor load and memory use (cpu.load, memory.usage), and the probe helpers disk.py shares."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from fixit.diagnostics.result import CheckResult, errored, say, skipped

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


def read_probe(
    cid: str, started: float, what: tuple[str, str], read: Callable[[], T]
) -> T | CheckResult:
    """Call a probe: a sensor this system lacks becomes `skipped`, a failure `error`."""
    import psutil

    try:
        return read()
    except (NotImplementedError, AttributeError) as exc:
        en, fi = f"{what[0]} is not readable here", f"{what[1]} ei voi lukea tässä koneessa"
        return skipped(cid, say(en, fi), why(exc), time.monotonic() - started)
    except (psutil.Error, OSError, RuntimeError, ValueError) as exc:
        name = exc.__class__.__name__
        en, fi = f"could not read {what[0]} ({name})", f"{what[1]} ei saatu luettua ({name})"
        return errored(cid, say(en, fi), why(exc), time.monotonic() - started)


def unsupported(cid: str) -> CheckResult | None:
    """`skipped` on a platform the check is not written for, else None."""
    if sys.platform.startswith(PLATFORMS):
        return None
    en, fi = f"not available on {sys.platform}", f"ei käytettävissä: {sys.platform}"
    return skipped(cid, say(en, fi), f"{cid} is not written for the platform {sys.platform}")


def dec(x: float, digits: int = 1) -> tuple[str, str]:
    """A number in English and in Finnish (decimal comma)."""
    text = f"{x:.{digits}f}"
    return text, text.replace(".", ",")


def size(n: float) -> tuple[str, str]:
    """A byte count in GiB (or MiB when small), in English and in Finnish."""
    if n >= GIB:
        en, fi = dec(n / GIB)
        return f"{en} GiB", f"{fi} GiB"
    return f"{n / 1024**2:.0f} MiB", f"{n / 1024**2:.0f} MiB"


def _grade(value: float, warn: float, fail: float) -> str:
    return "fail" if value >= fail else "warn" if value >= warn else "pass"


def _cpu_summary(
    status: str, percent: float, load: tuple[float, float, float] | None, cores: int | None
) -> dict[str, str]:
    en, fi = {
        "pass": ("processor {} busy", "suorittimen käyttö {}"),
        "warn": ("processor very busy: {}", "suoritin kovilla: {}"),
        "fail": ("processor overloaded: {}", "suoritin ylikuormittunut: {}"),
    }[status]
    en, fi = en.format(f"{percent:.0f}%"), fi.format(f"{percent:.0f} %")
    if load is not None:
        en, fi = en + f", load {dec(load[0])[0]}", fi + f", kuorma {dec(load[0])[1]}"
    if cores:
        en += f" on {cores} core" + ("s" if cores != 1 else "")
        fi += " (1 ydin)" if cores == 1 else f" ({cores} ydintä)"
    return say(en, fi)


def check_cpu_load(params: Mapping[str, Any], probe: CpuProbe | None = None) -> CheckResult:
    """How busy the processor is over a short sample, with load against the number of cores."""
    cid, started = "cpu.load", time.monotonic()
    if (off := unsupported(cid)) is not None:
        return off
    use = probe or real_cpu_probe()
    seconds = float(params["sample_seconds"])
    got = read_probe(
        cid, started, ("processor use", "suorittimen käyttöä"), lambda: use.percent(seconds)
    )
    if isinstance(got, CheckResult):
        return got
    percent = float(got)
    # Load and core count only add context: without them the check still has its answer.
    read_load = read_probe(cid, started, ("load", "kuormaa"), use.load)
    read_cores = read_probe(cid, started, ("cores", "ytimiä"), use.cores)
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
    mem = read_probe(cid, started, ("memory use", "muistin käyttöä"), use.memory)
    if isinstance(mem, CheckResult):
        return mem
    if mem.total <= 0:
        en, fi = "could not read memory use", "muistin käyttöä ei saatu luettua"
        return errored(cid, say(en, fi), "total memory reads as 0", time.monotonic() - started)
    swap = read_probe(cid, started, ("swap", "sivutustilaa"), use.swap)
    status = _grade(mem.percent, params["warn_percent"], params["fail_percent"])
    used_en, used_fi = size(mem.total - mem.available)
    total_en, total_fi = size(mem.total)
    pct_en, pct_fi = f"{mem.percent:.0f}%", f"{mem.percent:.0f} %"
    en = f"{used_en.removesuffix(' GiB')} of {total_en} in use ({pct_en})"
    fi = f"käytössä {used_fi.removesuffix(' GiB')} / {total_fi} ({pct_fi})"
    lead = {
        "pass": ("memory: ", "muistia "),
        "warn": ("memory nearly full: ", "muisti lähes täynnä: "),
        "fail": ("memory full: ", "muisti täynnä: "),
    }[status]
    data: dict[str, Any] = {"total": mem.total, "available": mem.available}
    data["percent"] = round(mem.percent, 1)
    if isinstance(swap, CheckResult):
        data["swap"] = None
        data["swap_error"] = swap.reason
    else:
        data["swap"] = {"total": swap.total, "used": swap.used, "percent": round(swap.percent, 1)}
        if swap.total > 0 and swap.percent >= SWAP_HEAVY:
            en += f"; swap {swap.percent:.0f}% used"
            fi += f"; sivutustilaa käytössä {swap.percent:.0f} %"
    return CheckResult(
        cid, status, say(lead[0] + en, lead[1] + fi), data, time.monotonic() - started
    )
