"""cpu.load and memory.usage with fake probes, and once for real on this machine."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import psutil
import pytest

from fixit.diagnostics import resources
from fixit.diagnostics.resources import (
    CpuProbe,
    Memory,
    MemoryProbe,
    Swap,
    check_cpu_load,
    check_memory_usage,
)
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

GIB = 1024**3
MIB = 1024**2
CPU = {"sample_seconds": 0.05, "warn_percent": 85.0, "fail_percent": 98.0}
MEM = {"warn_percent": 90.0, "fail_percent": 97.0}


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


def raising(exc: BaseException) -> Callable[..., Any]:
    def read(*args: Any) -> Any:
        raise exc

    return read


# --- cpu.load ---------------------------------------------------------------------------------


def cpu(
    percent: float = 42.0,
    load: tuple[float, float, float] | None = (1.2, 1.0, 0.8),
    cores: int | None = 4,
) -> CpuProbe:
    return CpuProbe(lambda seconds: percent, lambda: load, lambda: cores)


@pytest.mark.parametrize(
    ("percent", "status", "en", "fi"),
    [
        (
            42.0,
            "pass",
            "processor 42% busy, load 1.2 on 4 cores",
            "suorittimen käyttö 42 %, kuorma 1,2 (4 ydintä)",
        ),
        (90.0, "warn", "processor very busy: 90%", "suoritin kovilla: 90 %"),
        (99.0, "fail", "processor overloaded: 99%", "suoritin ylikuormittunut: 99 %"),
    ],
)
def test_cpu_thresholds(percent: float, status: str, en: str, fi: str) -> None:
    r = well_formed(check_cpu_load(CPU, cpu(percent)), status)
    assert r.text("en").startswith(en) and r.text("fi").startswith(fi)
    assert r.data["cores"] == 4 and r.data["load"] == [1.2, 1.0, 0.8]
    assert r.data["load_per_core"] == 0.3


def test_cpu_samples_for_the_configured_time() -> None:
    asked: list[float] = []

    def percent(seconds: float) -> float:
        asked.append(seconds)
        return 10.0

    probe = CpuProbe(percent, lambda: None, lambda: 2)
    well_formed(check_cpu_load({**CPU, "sample_seconds": 0.25}, probe), "pass")
    assert asked == [0.25]


def test_cpu_one_core_and_no_load_average() -> None:
    r = well_formed(check_cpu_load(CPU, cpu(load=None, cores=1)), "pass")
    assert r.text("en") == "processor 42% busy on 1 core"
    assert r.text("fi") == "suorittimen käyttö 42 % (1 ydin)"
    assert r.data["load"] is None and "load_per_core" not in r.data


def test_cpu_without_load_or_cores_still_answers() -> None:
    probe = CpuProbe(lambda s: 50.0, raising(OSError("no loadavg")), raising(psutil.AccessDenied()))
    r = well_formed(check_cpu_load(CPU, probe), "pass")
    assert r.data["load"] is None and r.data["cores"] is None
    assert r.text("en") == "processor 50% busy"


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (psutil.AccessDenied(), "error"),
        (psutil.NoSuchProcess(1), "error"),
        (OSError("read error"), "error"),
        (RuntimeError("boom"), "error"),
        (NotImplementedError("no cpu_percent"), "skipped"),
        (AttributeError("cpu_percent"), "skipped"),
    ],
)
def test_cpu_unreadable(exc: BaseException, status: str) -> None:
    probe = CpuProbe(raising(exc), lambda: None, lambda: 4)
    r = well_formed(check_cpu_load(CPU, probe), status)
    assert exc.__class__.__name__ in str(r.reason)


def test_cpu_real_load_average_on_linux() -> None:
    load = resources._load_average()
    assert load is not None and len(load) == 3


# --- memory.usage -----------------------------------------------------------------------------


def memory(percent: float, swap: Swap | None = Swap(0, 0, 0.0)) -> MemoryProbe:
    total = 16 * GIB
    used = int(total * percent / 100)
    read_swap = (lambda: swap) if swap is not None else raising(RuntimeError("no /proc/swaps"))
    return MemoryProbe(lambda: Memory(total, total - used, percent), read_swap)


@pytest.mark.parametrize(
    ("percent", "status", "en", "fi"),
    [
        (
            51.0,
            "pass",
            "memory: 8.2 of 16.0 GiB in use (51%)",
            "muistia käytössä 8,2 / 16,0 GiB (51 %)",
        ),
        (
            93.0,
            "warn",
            "memory nearly full: 14.9 of 16.0 GiB in use (93%)",
            "muisti lähes täynnä: käytössä 14,9 / 16,0 GiB (93 %)",
        ),
        (
            98.0,
            "fail",
            "memory full: 15.7 of 16.0 GiB in use (98%)",
            "muisti täynnä: käytössä 15,7 / 16,0 GiB (98 %)",
        ),
    ],
)
def test_memory_thresholds(percent: float, status: str, en: str, fi: str) -> None:
    r = well_formed(check_memory_usage(MEM, memory(percent)), status)
    assert said(r) == {"en": en, "fi": fi}
    assert r.data["percent"] == percent and r.data["total"] == 16 * GIB


def test_memory_mentions_heavily_used_swap_only() -> None:
    heavy = well_formed(check_memory_usage(MEM, memory(93.0, Swap(4 * GIB, 3 * GIB, 75.0))), "warn")
    assert heavy.text("en").endswith("; swap 75% used")
    assert heavy.text("fi").endswith("; sivutustilaa käytössä 75 %")
    light = well_formed(check_memory_usage(MEM, memory(40.0, Swap(4 * GIB, GIB, 25.0))), "pass")
    assert "swap" not in light.text("en") and light.data["swap"]["percent"] == 25.0


def test_memory_small_use_in_mib() -> None:
    probe = MemoryProbe(lambda: Memory(2 * GIB, 2 * GIB - 300 * MIB, 14.6), lambda: Swap(0, 0, 0.0))
    r = well_formed(check_memory_usage(MEM, probe), "pass")
    assert r.text("en") == "memory: 300 MiB of 2.0 GiB in use (15%)"


def test_memory_without_swap_reading_still_answers() -> None:
    r = well_formed(check_memory_usage(MEM, memory(50.0, swap=None)), "pass")
    assert r.data["swap"] is None and "RuntimeError" in r.data["swap_error"]


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (psutil.AccessDenied(), "error"),
        (OSError("no /proc/meminfo"), "error"),
        (NotImplementedError(), "skipped"),
    ],
)
def test_memory_unreadable(exc: BaseException, status: str) -> None:
    probe = MemoryProbe(raising(exc), lambda: Swap(0, 0, 0.0))
    r = well_formed(check_memory_usage(MEM, probe), status)
    assert exc.__class__.__name__ in str(r.reason)


def test_memory_reading_zero_is_an_error() -> None:
    probe = MemoryProbe(lambda: Memory(0, 0, 0.0), lambda: Swap(0, 0, 0.0))
    well_formed(check_memory_usage(MEM, probe), "error")


# --- both -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "run",
    [
        lambda: check_cpu_load(CPU, cpu()),
        lambda: check_memory_usage(MEM, memory(50.0)),
    ],
)
def test_unsupported_platform_is_skipped(
    run: Callable[[], CheckResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.platform", "sunos5")
    r = well_formed(run(), "skipped")
    assert "sunos5" in str(r.reason)


@pytest.mark.parametrize("cid", ["cpu.load", "memory.usage"])
def test_on_this_machine(cid: str) -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    r = ThreadRunner().run([cid])[cid]
    assert r.id == cid and r.status in STATUSES
    assert r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS[cid].timeout
