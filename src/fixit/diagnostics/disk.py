"""Free space on local disks (disk.space): which file systems count, and how full they are."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from fixit.diagnostics.resources import pick, read_probe, size, unsupported, why
from fixit.diagnostics.result import CheckResult
from fixit.i18n import Msg, _
from fixit.i18n.format import decimal, series

RANK = ("pass", "warn", "fail")
MAX_MOUNTS = 50
# fmt: off
PSEUDO_FS = frozenset((
    "autofs", "aufs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devfs",
    "devpts", "devtmpfs", "efivarfs", "erofs", "fusectl", "fuse.gvfsd-fuse", "fuse.lxcfs",
    "fuse.portal", "fuse.snapfuse", "hugetlbfs", "iso9660", "mqueue", "nsfs", "overlay", "proc",
    "pstore", "ramfs", "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs", "udf",
))
# statvfs on an unreachable network share can block for minutes: these are not local disks.
NETWORK_FS = frozenset((
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "davfs", "afpfs",
    "webdav", "ceph", "glusterfs",
))
# fmt: on


class Mount(NamedTuple):
    """A mounted file system as the OS lists it."""

    device: str
    mount: str
    fstype: str
    opts: str


class Usage(NamedTuple):
    """Size and free bytes of one file system."""

    total: int
    free: int


class DiskProbe(NamedTuple):
    """What disk.space reads: the mounted file systems and the usage of one of them."""

    mounts: Callable[[], Sequence[Mount]]
    usage: Callable[[str], Usage]


def real_disk_probe() -> DiskProbe:
    """Physical file systems and their usage as psutil sees them."""
    import psutil

    def mounts() -> list[Mount]:
        parts = psutil.disk_partitions(all=False)
        return [Mount(p.device, p.mountpoint, p.fstype, p.opts) for p in parts]

    return DiskProbe(mounts, lambda mount: pick(Usage, psutil.disk_usage(mount), Usage._fields))


def _skippable(m: Mount) -> bool:
    """Pseudo, network, snap/loop, media-less and read-only mounts are not disks a user fills."""
    fstype, opts = m.fstype.lower(), set(m.opts.lower().split(","))
    if not fstype or fstype in PSEUDO_FS or fstype in NETWORK_FS or "cdrom" in opts:
        return True
    if m.device.startswith("/dev/loop") or m.mount.startswith(("/snap/", "/var/lib/snapd/")):
        return True
    # macOS: system volumes share the container whose free space "/" already shows.
    if m.mount.startswith(("/System/Volumes/", "/private/var/vm")):
        return True
    return m.mount != "/" and bool(opts & {"ro", "rdonly"})


def _local_disks(mounts: Sequence[Mount]) -> list[Mount]:
    """One mount per device (the shortest path wins: / over a bind mount of it)."""
    seen: set[str] = set()
    out = []
    for m in sorted(mounts, key=lambda m: (len(m.mount), m.mount)):
        key = m.device or m.mount
        if key not in seen and not _skippable(m):
            seen.add(key)
            out.append(m)
    return out[:MAX_MOUNTS]


def _disk_status(u: Usage, p: Mapping[str, Any]) -> str:
    """Low by percent or by bytes; a byte limit counts only on a disk at least twice its size."""

    def low(percent: float, limit: int) -> bool:
        return 100.0 * u.free / u.total < percent or (u.total >= 2 * limit and u.free < limit)

    if low(p["fail_percent"], p["fail_bytes"]):
        return "fail"
    return "warn" if low(p["warn_percent"], p["warn_bytes"]) else "pass"


def _measure(
    probe: DiskProbe, mounts: Sequence[Mount], params: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    found: list[dict[str, Any]] = []
    unreadable: list[dict[str, str]] = []
    for m in mounts:
        try:
            u = probe.usage(m.mount)
        except OSError as exc:  # PermissionError, a drive without media, a vanished mount
            unreadable.append({"mount": m.mount[:200], "error": why(exc)})
            continue
        if u.total <= 0:
            continue
        found.append(
            {
                "mount": m.mount[:200],
                "device": m.device[:200],
                "fstype": m.fstype[:50],
                "total": u.total,
                "free": u.free,
                "free_percent": round(100.0 * u.free / u.total, 1),
                "status": _disk_status(u, params),
            }
        )
    return found, unreadable


def _disk_line(d: Mapping[str, Any], free: bool) -> Msg:
    """'/home (12.3 GiB free, 8.1%)': a disk, how much is free and its share."""
    pct = decimal(d["free_percent"], 1 if d["free_percent"] < 10 else 0)
    mount = d["mount"] if len(d["mount"]) <= 40 else d["mount"][:39] + "…"
    if free:
        return _("{mount} ({size} free, {pct}%)", mount=mount, size=size(d["free"]), pct=pct)
    return _("{mount} ({size}, {pct}%)", mount=mount, size=size(d["free"]), pct=pct)


def _disk_summary(found: list[dict[str, Any]], worst: str) -> Msg:
    if worst == "pass":
        least = _disk_line(min(found, key=lambda d: d["free_percent"]), False)
        return _("enough disk space; least free: {disk}", disk=least)
    low = sorted(
        (d for d in found if d["status"] != "pass"),
        key=lambda d: (-RANK.index(d["status"]), d["free_percent"]),
    )
    disks = series([_disk_line(d, True) for d in low[:2]])
    if len(low) > 2:
        disks = _("{disks} +{n} more", disks=disks, n=len(low) - 2)
    if worst == "fail":
        return _("disk almost full: {disks}", disks=disks)
    return _("disk space running low: {disks}", disks=disks)


def check_disk_space(params: Mapping[str, Any], probe: DiskProbe | None = None) -> CheckResult:
    """Free space on each local disk: fail when one is nearly full, warn when it is filling up."""
    cid, started = "disk.space", time.monotonic()
    if (off := unsupported(cid)) is not None:
        return off
    use = probe or real_disk_probe()
    mounts = read_probe(cid, started, "the disks", use.mounts)
    if isinstance(mounts, CheckResult):
        return mounts
    found, unreadable = _measure(use, _local_disks(mounts), params)
    data: dict[str, Any] = {"filesystems": found, "unreadable": unreadable}
    duration = time.monotonic() - started
    if not found and unreadable:
        failures = "; ".join(f"{u['mount']}: {u['error']}" for u in unreadable)[:500]
        return CheckResult(cid, "error", _("could not read any disk"), data, duration, failures)
    if not found:
        summary = _("no local disks found")
        reason = _("no local file systems left after leaving out pseudo, network and snap mounts")
        return CheckResult(cid, "skipped", summary, data, duration, reason)
    worst = max((d["status"] for d in found), key=RANK.index)
    return CheckResult(cid, worst, _disk_summary(found, worst), data, duration)
