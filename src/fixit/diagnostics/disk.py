"""disk.space: free space per mounted file system."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.result import CheckResult

_SKIP_FSTYPES = {"squashfs", "tmpfs", "devtmpfs", "overlay", "iso9660", "udf", "proc", "sysfs"}


def _gib(n: float) -> str:
    return f"{n / 1024**3:.1f} GiB"


def check_disk_space(
    params: Mapping[str, Any], partitions: Any = None, usage: Any = None
) -> CheckResult:
    """Fail when a file system is nearly full, warn when it is getting there."""
    import psutil

    started = time.monotonic()
    partitions = partitions or psutil.disk_partitions
    usage = usage or psutil.disk_usage
    found: list[dict[str, Any]] = []
    worst = "pass"
    for part in partitions(all=False):
        if part.fstype in _SKIP_FSTYPES or part.mountpoint in {d["mount"] for d in found}:
            continue
        try:
            u = usage(part.mountpoint)
        except (PermissionError, OSError):
            continue
        if u.total == 0:
            continue
        free_pct = 100.0 * u.free / u.total
        status = "pass"
        if free_pct < params["fail_percent"] or u.free < params["fail_bytes"]:
            status = "fail"
        elif free_pct < params["warn_percent"] or u.free < params["warn_bytes"]:
            status = "warn"
        found.append(
            {
                "mount": part.mountpoint,
                "total": u.total,
                "free": u.free,
                "free_percent": round(free_pct, 1),
                "status": status,
            }
        )
        if ("pass", "warn", "fail").index(status) > ("pass", "warn", "fail").index(worst):
            worst = status
    duration = time.monotonic() - started
    if not found:
        return CheckResult(
            "disk.space",
            "skipped",
            "no file systems found",
            {},
            duration,
            "no readable local file systems",
        )
    low = [d for d in found if d["status"] != "pass"]
    if low:
        summary = ", ".join(
            f"{d['mount']}: {_gib(d['free'])} free ({d['free_percent']}%)" for d in low
        )
    else:
        tightest = min(found, key=lambda d: d["free_percent"])
        summary = (
            f"enough space; least free {tightest['mount']} "
            f"{_gib(tightest['free'])} ({tightest['free_percent']}%)"
        )
    return CheckResult("disk.space", worst, summary, {"filesystems": found}, duration)
