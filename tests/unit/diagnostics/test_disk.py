"""disk.space with fake probes, and once for real on this machine."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import psutil
import pytest

from fixit.diagnostics.disk import DiskProbe, Mount, Usage, check_disk_space
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

GIB = 1024**3
MIB = 1024**2
DISK = {"warn_percent": 10.0, "fail_percent": 3.0, "warn_bytes": 2 * GIB, "fail_bytes": 500 * MIB}


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


def disks(*mounts: tuple[str, int, int], extra: Sequence[Mount] = ()) -> DiskProbe:
    """Disks as (mount, total, free); a free of -1 raises PermissionError."""
    listed = [Mount(f"/dev/disk{i}", m, "ext4", "rw") for i, (m, _, _) in enumerate(mounts)]
    sizes = {m: (t, f) for m, t, f in mounts}

    def usage(mount: str) -> Usage:
        total, free = sizes[mount]
        if free < 0:
            raise PermissionError(13, "Permission denied", mount)
        return Usage(total, free)

    return DiskProbe(lambda: [*listed, *extra], usage)


@pytest.mark.parametrize(
    ("free", "status"), [(400 * GIB, "pass"), (30 * GIB, "warn"), (5 * GIB, "fail")]
)
def test_disk_thresholds_by_percent(free: int, status: str) -> None:
    r = well_formed(check_disk_space(DISK, disks(("/", 500 * GIB, free))), status)
    assert r.data["filesystems"][0]["mount"] == "/"
    assert r.data["filesystems"][0]["status"] == status


def test_disk_summaries() -> None:
    ok = check_disk_space(DISK, disks(("/", 500 * GIB, 400 * GIB), ("/home", 100 * GIB, 50 * GIB)))
    assert said(ok) == {
        "en": "enough disk space; least free: /home (50.0 GiB, 50%)",
        "fi": "levytilaa riittää; vähiten vapaana: /home (50,0 GiB, 50 %)",
    }
    full = check_disk_space(DISK, disks(("/", 500 * GIB, int(2.5 * GIB))))
    assert said(full) == {
        "en": "disk almost full: / (2.5 GiB free, 0.5%)",
        "fi": "levy lähes täynnä: / (vapaana 2,5 GiB, 0,5 %)",
    }
    low = check_disk_space(DISK, disks(("/", 500 * GIB, 30 * GIB)))
    assert low.text("en") == "disk space running low: / (30.0 GiB free, 6.0%)"
    assert low.text("fi") == "levytila vähissä: / (vapaana 30,0 GiB, 6,0 %)"


def test_disk_thresholds_by_bytes_on_a_small_disk() -> None:
    warn = check_disk_space(DISK, disks(("/", 15 * GIB, int(1.8 * GIB))))  # 12 % free
    well_formed(warn, "warn")
    fail = check_disk_space(DISK, disks(("/", 8 * GIB, 450 * MIB)))  # 5.5 % free
    well_formed(fail, "fail")


def test_disk_byte_limits_spare_partitions_smaller_than_them() -> None:
    # A 512 MiB EFI partition always has less than 500 MiB free: that is not a problem.
    r = check_disk_space(
        DISK, disks(("/", 500 * GIB, 400 * GIB), ("/boot/efi", 512 * MIB, 480 * MIB))
    )
    well_formed(r, "pass")
    assert {d["mount"] for d in r.data["filesystems"]} == {"/", "/boot/efi"}


def test_disk_reports_the_worst_and_lists_it_first() -> None:
    probe = disks(
        ("/", 500 * GIB, 400 * GIB),
        ("/data", 500 * GIB, 30 * GIB),
        ("/srv", 500 * GIB, 2 * GIB),
        ("/var", 500 * GIB, 40 * GIB),
    )
    r = well_formed(check_disk_space(DISK, probe), "fail")
    assert r.text("en").startswith("disk almost full: /srv (2.0 GiB free")
    assert r.text("en").endswith("+1 more") and r.text("fi").endswith("+1 muuta")


SKIPPED = [
    Mount("tmpfs", "/run", "tmpfs", "rw"),
    Mount("proc", "/proc", "proc", "rw"),
    Mount("overlay", "/var/lib/docker/overlay2/x/merged", "overlay", "rw"),
    Mount("/dev/loop3", "/snap/core22/1380", "squashfs", "ro"),
    Mount("/dev/loop4", "/mnt/image", "ext4", "rw"),
    Mount("/dev/sdb1", "/snap/thing", "ext4", "rw"),
    Mount("server:/export", "/mnt/nfs", "nfs4", "rw"),
    Mount("//nas/share", "/mnt/nas", "cifs", "rw"),
    Mount("/dev/sr0", "/media/cdrom", "iso9660", "ro"),
    Mount("D:\\", "D:\\", "", "cdrom"),
    Mount("/dev/sdc1", "/mnt/readonly", "ext4", "ro,relatime"),
    Mount("/dev/disk3s5", "/System/Volumes/Data", "apfs", "rw,local,dontbrowse"),
]


def test_disk_leaves_out_pseudo_network_snap_loop_and_readonly_mounts() -> None:
    probe = disks(("/", 500 * GIB, 400 * GIB), extra=SKIPPED)  # usage() of any of them raises
    r = well_formed(check_disk_space(DISK, probe), "pass")
    assert [d["mount"] for d in r.data["filesystems"]] == ["/"] and r.data["unreadable"] == []


def test_disk_keeps_a_readonly_root_and_one_mount_per_device() -> None:
    mounts = [
        Mount("/dev/vda", "/run/netns", "ext4", "rw"),
        Mount("/dev/vda", "/", "ext4", "ro"),
        Mount("/dev/vda", "/home", "ext4", "rw"),
    ]
    probe = DiskProbe(lambda: mounts, lambda m: Usage(100 * GIB, 50 * GIB))
    r = well_formed(check_disk_space(DISK, probe), "pass")
    assert [d["mount"] for d in r.data["filesystems"]] == ["/"]


def test_disk_unreadable_mount_is_listed_and_the_rest_measured() -> None:
    probe = disks(("/", 500 * GIB, 400 * GIB), ("/denied", GIB, -1))
    r = well_formed(check_disk_space(DISK, probe), "pass")
    assert [d["mount"] for d in r.data["filesystems"]] == ["/"]
    assert r.data["unreadable"][0]["mount"] == "/denied"
    assert "PermissionError" in r.data["unreadable"][0]["error"]


def test_disk_with_nothing_readable_is_an_error() -> None:
    r = well_formed(check_disk_space(DISK, disks(("/denied", GIB, -1))), "error")
    assert "/denied" in str(r.reason) and "PermissionError" in str(r.reason)


def test_disk_with_no_local_disks_or_empty_ones_is_skipped() -> None:
    well_formed(check_disk_space(DISK, disks(extra=SKIPPED)), "skipped")
    well_formed(check_disk_space(DISK, disks(("/empty", 0, 0))), "skipped")


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (psutil.AccessDenied(), "error"),
        (OSError("no /proc/mounts"), "error"),
        (NotImplementedError(), "skipped"),
    ],
)
def test_disk_list_unreadable(exc: BaseException, status: str) -> None:
    probe = DiskProbe(raising(exc), raising(AssertionError("not called")))
    r = well_formed(check_disk_space(DISK, probe), status)
    assert exc.__class__.__name__ in str(r.reason)


def test_disk_long_mount_names_are_cut_in_the_summary() -> None:
    name = "/mnt/" + "x" * 300
    r = well_formed(check_disk_space(DISK, disks((name, 500 * GIB, GIB))), "fail")
    assert len(r.text("en")) < 100 and len(r.data["filesystems"][0]["mount"]) == 200


# --- platform and the real machine ------------------------------------------------------------


def test_unsupported_platform_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "sunos5")
    r = well_formed(check_disk_space(DISK, disks(("/", GIB, GIB))), "skipped")
    assert "sunos5" in str(r.reason)


def test_on_this_machine() -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    cid = "disk.space"
    r = ThreadRunner().run([cid])[cid]
    assert r.id == cid and r.status in STATUSES
    assert r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS[cid].timeout
