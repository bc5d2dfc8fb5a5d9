"""System facts: system.info (OS and version, host name, boot time, uptime, device type)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from fixit.diagnostics.result import CheckResult, errored, not_here, verbatim
from fixit.i18n import N_, Msg, _, ngettext

CID = "system.info"
PLATFORMS = ("linux", "win32", "darwin")
LAPTOP_CHASSIS = frozenset({8, 9, 10, 14, 31, 32})  # SMBIOS: portable, laptop, notebook, ...
DESKTOP_CHASSIS = frozenset({3, 4, 5, 6, 7, 13, 15, 16, 24, 35, 36})  # desktop, tower, mini PC
VIRTUAL_MARKERS = (
    "qemu", "kvm", "virtualbox", "innotek", "vmware", "xen", "hyper-v", "virtual machine",
    "bochs", "parallels", "virtualmac", "openstack", "google compute engine", "amazon ec2",
)  # fmt: skip
CONTAINER_MARKERS = ("docker", "kubepods", "containerd", "libpod", "lxc")
CONTAINER_FILES = ("/.dockerenv", "/run/.containerenv", "/run/systemd/container")
DEVICE_NAMES = {
    "laptop": N_("laptop"),
    "desktop": N_("desktop"),
    "virtual": N_("virtual machine"),
    "container": N_("container"),
}
TEXT_CAP = 200


class DeviceFacts(NamedTuple):
    """What tells the kind of device apart; firmware is the maker and model as the OS reports."""

    container: bool = False
    firmware: str = ""
    hypervisor: bool = False
    chassis: int | None = None
    battery: bool | None = None


class SystemProbe(NamedTuple):
    """What system.info reads; any reader may raise, the check then records what it missed."""

    os_name: Callable[[], str]
    kernel: Callable[[], str]
    machine: Callable[[], str]
    hostname: Callable[[], str]
    boot_time: Callable[[], float]
    now: Callable[[], float]
    device: Callable[[], DeviceFacts]


def device_type(facts: DeviceFacts) -> str:
    """laptop, desktop, virtual, container or unknown, from the facts the OS gave."""
    firmware = facts.firmware.lower()
    if facts.container:
        return "container"
    if facts.hypervisor or any(m in firmware for m in VIRTUAL_MARKERS):
        return "virtual"
    if facts.chassis in LAPTOP_CHASSIS or "macbook" in firmware or facts.battery:
        return "laptop"
    # Known hardware without a battery is a desktop; without firmware facts we cannot say.
    if facts.chassis in DESKTOP_CHASSIS or (facts.battery is False and firmware):
        return "desktop"
    return "unknown"


def pretty_name(os_release: str) -> str | None:
    """PRETTY_NAME from the text of /etc/os-release."""
    for line in os_release.splitlines():
        key, _sep, value = line.partition("=")
        if key.strip() == "PRETTY_NAME" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def read_text(path: str, cap: int = 65536) -> str | None:
    """The start of a text file, or None when it cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(cap)
    except OSError:
        return None


def linux_facts(
    read: Callable[[str], str | None],
    exists: Callable[[str], bool],
    battery: Callable[[], bool | None],
) -> DeviceFacts:
    """Device facts from /sys/class/dmi, /proc and container marker files."""
    cgroup = read("/proc/1/cgroup") or ""
    container = any(exists(p) for p in CONTAINER_FILES) or any(
        m in cgroup for m in CONTAINER_MARKERS
    )
    dmi = "/sys/class/dmi/id/"
    firmware = " ".join(filter(None, (read(dmi + n) for n in ("sys_vendor", "product_name"))))
    chassis = (read(dmi + "chassis_type") or "").strip()
    flags = next(
        (ln for ln in (read("/proc/cpuinfo") or "").splitlines() if ln.startswith("flags")), ""
    )
    return DeviceFacts(
        container,
        " ".join(firmware.split())[:TEXT_CAP],
        "hypervisor" in flags.split(),
        int(chassis) if chassis.isdigit() else None,
        battery(),
    )


def _windows_firmware() -> str:
    if sys.platform != "win32":
        return ""
    import winreg

    names = ("SystemManufacturer", "SystemProductName")
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"HARDWARE\DESCRIPTION\System\BIOS") as key:
            return " ".join(str(winreg.QueryValueEx(key, n)[0]) for n in names)[:TEXT_CAP]
    except OSError:
        return ""


def _mac_model() -> tuple[str, bool]:
    """hw.model (MacBookAir10,1, VirtualMac2,1, ...) and whether macOS runs under a hypervisor."""
    import subprocess

    try:
        done = subprocess.run(
            ["/usr/sbin/sysctl", "-n", "hw.model", "kern.hv_vmm_present"],
            capture_output=True,
            text=True,
            timeout=1.0,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "", False
    lines = done.stdout.split()
    return (lines[0][:TEXT_CAP] if lines else ""), lines[1:2] == ["1"]


def _has_battery() -> bool | None:
    import psutil

    try:
        return psutil.sensors_battery() is not None
    except (AttributeError, NotImplementedError, OSError, RuntimeError, psutil.Error):
        return None


def _real_device() -> DeviceFacts:
    import os

    if sys.platform.startswith("linux"):
        return linux_facts(read_text, os.path.exists, _has_battery)
    if sys.platform == "win32":
        return DeviceFacts(firmware=_windows_firmware(), battery=_has_battery())
    if sys.platform == "darwin":
        model, hypervisor = _mac_model()
        return DeviceFacts(firmware=model, hypervisor=hypervisor, battery=_has_battery())
    return DeviceFacts()


def _real_os_name() -> str:
    import platform

    if sys.platform.startswith("linux"):
        text = read_text("/etc/os-release") or read_text("/usr/lib/os-release") or ""
        return pretty_name(text) or f"Linux {platform.release()}"
    if sys.platform == "win32":
        release, version, _csd, _ptype = platform.win32_ver()
        if release == "10" and version.count(".") == 2 and int(version.split(".")[2]) >= 22000:
            release = "11"  # Windows 11 still calls itself 10 to older Pythons
        return " ".join(filter(None, ("Windows", release, platform.win32_edition())))
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}".strip()
    return f"{platform.system()} {platform.release()}".strip()


def real_system_probe() -> SystemProbe:
    """The running system, read with platform, socket, psutil and the OS's own files."""
    import platform
    import socket

    import psutil

    kernel = platform.version if sys.platform == "win32" else platform.release
    return SystemProbe(
        _real_os_name,
        kernel,
        platform.machine,
        socket.gethostname,
        psutil.boot_time,
        time.time,
        _real_device,
    )


def _uptime(said: Msg, seconds: float) -> Msg:
    """The summary so far and how long the machine has been up."""
    days, hours, minutes = int(seconds // 86400), int(seconds // 3600), int(seconds // 60)
    if days:
        return ngettext("{system}, up {n} day", "{system}, up {n} days", days, system=said)
    uptime = f"{hours} h" if hours else f"{minutes} min"
    return _("{system}, up {uptime}", system=said, uptime=uptime)


def _gather(probe: SystemProbe) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Every fact the probe can give; a reader that fails is listed, not fatal."""
    import psutil

    found: dict[str, Any] = {}
    missed: list[dict[str, str]] = []
    readers: dict[str, Callable[[], Any]] = {
        "os": probe.os_name,
        "kernel": probe.kernel,
        "architecture": probe.machine,
        "hostname": probe.hostname,
        "boot": probe.boot_time,
        "device": probe.device,
    }
    for name, reader in readers.items():
        try:
            found[name] = reader()
        except (psutil.Error, OSError, RuntimeError, ValueError, AttributeError) as exc:
            missed.append({"field": name, "error": f"{exc.__class__.__name__}: {exc}"[:300]})
    return found, missed


def _facts_data(found: dict[str, Any], now: float) -> dict[str, Any]:
    """The JSON-safe data of the result, machine text cut to a sane length."""
    from datetime import datetime, timezone

    data: dict[str, Any] = {"platform": sys.platform}
    for name in ("os", "kernel", "architecture", "hostname"):
        data[name] = str(found[name])[:TEXT_CAP] if found.get(name) else None
    boot = found.get("boot")
    try:
        if isinstance(boot, (int, float)) and boot > 0:
            stamp = datetime.fromtimestamp(boot, tz=timezone.utc).isoformat(timespec="seconds")
            data["boot_time"] = stamp.replace("+00:00", "Z")
            data["uptime_seconds"] = max(0, int(now - boot))
    except (ValueError, OverflowError, OSError):  # a nonsense reading is left out
        data.pop("boot_time", None)
    facts = found.get("device")
    if isinstance(facts, DeviceFacts):
        data["device_type"] = device_type(facts)
        data["firmware"] = facts.firmware[:TEXT_CAP] or None
    return data


def _summary(data: Mapping[str, Any], status: str) -> Msg:
    os_name = str(data.get("os") or sys.platform)
    said: Msg = verbatim(os_name if len(os_name) <= 40 else os_name[:39] + "…")
    if data.get("device_type") in DEVICE_NAMES:
        said = _("{system}, {device}", system=said, device=_(DEVICE_NAMES[data["device_type"]]))
    if "uptime_seconds" in data:
        said = _uptime(said, data["uptime_seconds"])
    if status == "warn":
        said = _("{system}: a restart may help", system=said)
    return said


def check_system_info(params: Mapping[str, Any], probe: SystemProbe | None = None) -> CheckResult:
    """OS, host, boot time, uptime and device type; warn when the machine has run too long."""
    started = time.monotonic()
    elsewhere = not_here(CID, PLATFORMS)
    if elsewhere is not None:
        return elsewhere
    use = probe or real_system_probe()
    found, missed = _gather(use)
    if not found:
        reason = "; ".join(f"{m['field']}: {m['error']}" for m in missed)[:500]
        summary = _("could not read the system facts")
        return errored(CID, summary, reason, time.monotonic() - started)
    data = _facts_data(found, use.now())
    data["unreadable"] = missed
    limit = float(params["uptime_warn_days"]) * 86400
    status = "warn" if data.get("uptime_seconds", 0) > limit else "pass"
    return CheckResult(CID, status, _summary(data, status), data, time.monotonic() - started)
