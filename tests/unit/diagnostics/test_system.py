"""system.info with fake probes and fake /sys and /proc files, and once for real on this machine."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import psutil
import pytest

from fixit.diagnostics import system
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.system import (
    DeviceFacts,
    SystemProbe,
    check_system_info,
    device_type,
    linux_facts,
    pretty_name,
    read_text,
)
from tests.unit.diagnostics.said import said

PARAMS = {"uptime_warn_days": 30.0}
NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z
DAY = 86400


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


def raising(exc: BaseException) -> Callable[[], Any]:
    def read() -> Any:
        raise exc

    return read


def fake(**over: Callable[[], Any]) -> SystemProbe:
    readers: dict[str, Callable[[], Any]] = {
        "os_name": lambda: "Ubuntu 24.04.1 LTS",
        "kernel": lambda: "6.8.0-45-generic",
        "machine": lambda: "x86_64",
        "hostname": lambda: "desk-042",
        "boot_time": lambda: NOW - 3 * DAY - 5 * 3600,
        "now": lambda: NOW,
        "device": lambda: DeviceFacts(firmware="LENOVO 20XW", chassis=10, battery=True),
    }
    readers.update(over)
    return SystemProbe(**readers)


def test_system_info_pass() -> None:
    r = well_formed(check_system_info(PARAMS, fake()), "pass")
    assert said(r) == {
        "en": "Ubuntu 24.04.1 LTS, laptop, up 3 days",
        "fi": "Ubuntu 24.04.1 LTS, kannettava, käynnissä 3 vrk",
    }
    assert r.data["boot_time"] == "2025-12-28T19:00:00Z"
    assert r.data["uptime_seconds"] == 3 * DAY + 5 * 3600
    assert r.data["kernel"] == "6.8.0-45-generic" and r.data["architecture"] == "x86_64"
    assert r.data["hostname"] == "desk-042" and r.data["device_type"] == "laptop"
    assert r.data["firmware"] == "LENOVO 20XW" and r.data["unreadable"] == []


def test_long_uptime_warns_and_suggests_a_restart() -> None:
    probe = fake(boot_time=lambda: NOW - 45 * DAY)
    r = well_formed(check_system_info(PARAMS, probe), "warn")
    assert r.text("en") == "Ubuntu 24.04.1 LTS, laptop, up 45 days: a restart may help"
    assert r.text("fi") == (
        "Ubuntu 24.04.1 LTS, kannettava, käynnissä 45 vrk: uudelleenkäynnistys voi auttaa"
    )
    well_formed(check_system_info({"uptime_warn_days": 60.0}, probe), "pass")


@pytest.mark.parametrize(
    ("seconds", "en", "fi"),
    [(DAY + 60, "1 day", "1 vrk"), (5 * 3600 + 59, "5 h", "5 h"), (125, "2 min", "2 min")],
)
def test_uptime_wording(seconds: int, en: str, fi: str) -> None:
    r = check_system_info(PARAMS, fake(boot_time=lambda: NOW - seconds))
    assert r.text("en").endswith(f"up {en}") and r.text("fi").endswith(f"käynnissä {fi}")


def test_unknown_device_and_unreadable_facts_are_left_out() -> None:
    probe = fake(
        device=lambda: DeviceFacts(),
        boot_time=raising(psutil.AccessDenied()),
        hostname=raising(OSError("no name")),
    )
    r = well_formed(check_system_info(PARAMS, probe), "pass")
    assert said(r) == {"en": "Ubuntu 24.04.1 LTS", "fi": "Ubuntu 24.04.1 LTS"}
    assert r.data["device_type"] == "unknown" and r.data["hostname"] is None
    assert "boot_time" not in r.data and "uptime_seconds" not in r.data
    missed = {m["field"]: m["error"] for m in r.data["unreadable"]}
    assert missed.keys() == {"boot", "hostname"} and "AccessDenied" in missed["boot"]


@pytest.mark.parametrize("boot", [1e300, float("nan"), -5.0])
def test_nonsense_boot_time_is_left_out(boot: float) -> None:
    r = well_formed(check_system_info(PARAMS, fake(boot_time=lambda: boot)), "pass")
    assert "boot_time" not in r.data and "uptime_seconds" not in r.data


def test_clock_before_boot_time_is_zero_uptime() -> None:
    r = well_formed(check_system_info(PARAMS, fake(boot_time=lambda: NOW + 3600)), "pass")
    assert r.data["uptime_seconds"] == 0


def test_machine_text_is_cut() -> None:
    probe = fake(os_name=lambda: "X" * 500, hostname=lambda: "h" * 500)
    r = well_formed(check_system_info(PARAMS, probe), "pass")
    assert len(r.data["os"]) == 200 and len(r.data["hostname"]) == 200
    assert len(r.text("en")) < 80


def test_nothing_readable_is_an_error() -> None:
    broken = {
        name: raising(exc)
        for name, exc in [
            ("os_name", OSError("a")),
            ("kernel", RuntimeError("b")),
            ("machine", ValueError("c")),
            ("hostname", OSError("d")),
            ("boot_time", NotImplementedError("e")),
            ("device", AttributeError("f")),
        ]
    }
    r = well_formed(check_system_info(PARAMS, fake(**broken)), "error")
    assert "os: OSError: a" in str(r.reason) and "device: AttributeError: f" in str(r.reason)


def test_unsupported_platform_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "sunos5")
    r = well_formed(check_system_info(PARAMS, fake()), "skipped")
    assert "sunos5" in str(r.reason)


@pytest.mark.parametrize(
    ("facts", "kind"),
    [
        (DeviceFacts(container=True, chassis=10, battery=True), "container"),
        (DeviceFacts(firmware="QEMU Standard PC (Q35 + ICH9, 2009)"), "virtual"),
        (DeviceFacts(firmware="innotek GmbH VirtualBox"), "virtual"),
        (DeviceFacts(firmware="Microsoft Corporation Virtual Machine", chassis=3), "virtual"),
        (DeviceFacts(firmware="VMware, Inc. VMware7,1"), "virtual"),
        (DeviceFacts(firmware="Xen HVM domU"), "virtual"),
        (DeviceFacts(firmware="VirtualMac2,1", battery=False), "virtual"),
        (DeviceFacts(hypervisor=True), "virtual"),
        (DeviceFacts(firmware="Dell Inc. Latitude 5440", chassis=10), "laptop"),
        (DeviceFacts(chassis=31), "laptop"),
        (DeviceFacts(firmware="MacBookPro18,3"), "laptop"),
        (DeviceFacts(firmware="Mac14,2", battery=True), "laptop"),
        (DeviceFacts(battery=True), "laptop"),
        (DeviceFacts(firmware="HP HP EliteDesk 800", chassis=3, battery=False), "desktop"),
        (DeviceFacts(chassis=35), "desktop"),
        (DeviceFacts(firmware="Mac14,13", battery=False), "desktop"),
        (DeviceFacts(battery=False), "unknown"),
        (DeviceFacts(chassis=17), "unknown"),
        (DeviceFacts(), "unknown"),
    ],
)
def test_device_type(facts: DeviceFacts, kind: str) -> None:
    assert device_type(facts) == kind


def files(content: Mapping[str, str]) -> tuple[Callable[[str], str | None], Callable[[str], bool]]:
    return content.get, lambda path: path in content


DMI = "/sys/class/dmi/id/"
CPUINFO_VM = "processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor lahf_lm\n\nprocessor\t: 1\n"


@pytest.mark.parametrize(
    ("content", "battery", "kind"),
    [
        ({"/.dockerenv": ""}, False, "container"),
        ({"/run/.containerenv": "engine=podman"}, None, "container"),
        ({"/proc/1/cgroup": "0::/\n1:cpu:/kubepods/besteffort/pod1\n"}, None, "container"),
        ({DMI + "sys_vendor": "QEMU\n", DMI + "product_name": "Standard PC\n"}, False, "virtual"),
        ({"/proc/cpuinfo": CPUINFO_VM}, None, "virtual"),
        ({DMI + "chassis_type": "10\n", DMI + "sys_vendor": "LENOVO"}, None, "laptop"),
        ({DMI + "chassis_type": "3\n", DMI + "sys_vendor": "Dell Inc."}, False, "desktop"),
        ({DMI + "chassis_type": "junk\n", DMI + "sys_vendor": "Dell Inc."}, False, "desktop"),
        ({"/proc/cpuinfo": "processor : 0\nflags : fpu sse2\n"}, True, "laptop"),
        ({"/proc/1/cgroup": "0::/\n"}, None, "unknown"),
    ],
)
def test_linux_facts(content: dict[str, str], battery: bool | None, kind: str) -> None:
    read, exists = files(content)
    facts = linux_facts(read, exists, lambda: battery)
    assert device_type(facts) == kind
    json.dumps(facts.firmware)


def test_linux_firmware_is_one_line() -> None:
    read, exists = files({DMI + "sys_vendor": "LENOVO\n", DMI + "product_name": "20XW\x00 X1\n"})
    assert linux_facts(read, exists, lambda: None).firmware == "LENOVO 20XW\x00 X1"


def test_pretty_name() -> None:
    text = 'NAME="Fedora Linux"\nPRETTY_NAME="Fedora Linux 40 (Workstation Edition)"\nID=fedora\n'
    assert pretty_name(text) == "Fedora Linux 40 (Workstation Edition)"
    assert pretty_name("PRETTY_NAME='Alpine Linux v3.20'") == "Alpine Linux v3.20"
    assert pretty_name("NAME=Arch\nPRETTY_NAME=\n") is None
    assert pretty_name("") is None


def test_read_text(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"\xff" + b"a" * 100_000)
    got = read_text(str(big))
    assert got is not None and len(got) == 65536 and got.startswith("\ufffd")
    assert read_text(str(tmp_path / "missing")) is None
    assert read_text(str(tmp_path)) is None


def test_real_probe_on_linux() -> None:
    probe = system.real_system_probe()
    os_release = read_text("/etc/os-release") or read_text("/usr/lib/os-release") or ""
    assert probe.os_name() == (pretty_name(os_release) or probe.os_name())
    assert probe.boot_time() < probe.now()
    assert device_type(probe.device()) in ("laptop", "desktop", "virtual", "container", "unknown")


def test_on_this_machine() -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    r = ThreadRunner().run(["system.info"])["system.info"]
    assert r.id == "system.info" and r.status in STATUSES
    assert r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS["system.info"].timeout
