"""network.interfaces: fake probes, plus one real run on this machine."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from fixit.diagnostics.interfaces import InterfacesProbe, _sysfs_kind, check_interfaces
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import ThreadRunner
from fixit.diagnostics.tcp import TEXT_MAX

LINK = -1  # the fake link-layer (MAC) address family
V4, V6 = socket.AF_INET, socket.AF_INET6


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status, result
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


def nic(up: bool = True, flags: str | None = None, speed: int = 1000, mtu: int = 1500) -> Any:
    flags = flags if flags is not None else ("up,broadcast,running" if up else "broadcast")
    return SimpleNamespace(isup=up, flags=flags, speed=speed, mtu=mtu)


def ip(family: int, address: str) -> Any:
    return SimpleNamespace(family=family, address=address)


def ifaces(
    stats: Mapping[str, Any],
    addrs: Mapping[str, Sequence[Any]] | None = None,
    kinds: Mapping[str, str] | None = None,
    platform: str = "linux",
) -> InterfacesProbe:
    lo = {"lo": nic(flags="up,loopback,running")}
    return InterfacesProbe(
        lambda: {**lo, **stats},
        lambda: {"lo": [ip(V4, "127.0.0.1")], **(addrs or {})},
        lambda name: (kinds or {}).get(name),
        LINK,
        platform,
    )


HOME = {"eth0": [ip(V4, "192.168.1.5"), ip(V6, "fe80::1%eth0"), ip(LINK, "aa:bb:cc:dd:ee:ff")]}


def test_interfaces_pass_wired_and_wireless_down() -> None:
    probe = ifaces({"eth0": nic(), "wlan0": nic(up=False)}, HOME, {"eth0": "wired"})
    result = check_interfaces({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "eth0 up (wired) 192.168.1.5; wlan0 down"
    assert result.text("fi") == "eth0 yhdistetty (langallinen) 192.168.1.5; wlan0 ei yhteyttä"
    eth0 = result.data["interfaces"][0]
    assert eth0 == {
        "name": "eth0",
        "up": True,
        "speed_mbps": 1000,
        "mtu": 1500,
        "kind": "wired",
        "ipv4": ["192.168.1.5"],
        "ipv6": ["fe80::1%eth0"],
        "mac": "aa:bb:cc:dd:ee:ff",
    }
    assert result.data["connected"] == ["eth0"]
    assert "lo" not in [i["name"] for i in result.data["interfaces"]]


def test_interfaces_pass_ipv6_only() -> None:
    probe = ifaces({"wlan0": nic()}, {"wlan0": [ip(V6, "2001:db8::5")]})
    result = check_interfaces({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "wlan0 up (wireless) 2001:db8::5"


def test_interfaces_pass_lists_physical_first_and_skips_windows_loopback() -> None:
    stats = {
        "docker0": nic(),
        "eth0": nic(up=False),
        "wlan0": nic(),
        "Loopback Pseudo-Interface 1": nic(flags=""),
    }
    addrs = {
        "docker0": [ip(V4, "172.17.0.1")],
        "wlan0": [ip(V4, "10.0.0.5")],
        "Loopback Pseudo-Interface 1": [ip(V4, "127.0.0.1")],
    }
    result = check_interfaces({}, ifaces(stats, addrs))
    well_formed(result, "pass")
    assert (
        result.text("en")
        == "wlan0 up (wireless) 10.0.0.5; eth0 down; docker0 up (virtual) 172.17.0.1"
    )
    assert result.text("fi") == (
        "wlan0 yhdistetty (langaton) 10.0.0.5; eth0 ei yhteyttä; "
        "docker0 yhdistetty (virtuaalinen) 172.17.0.1"
    )
    assert len(result.data["interfaces"]) == 3


def test_interfaces_pass_container_with_only_virtual_adapters() -> None:
    probe = ifaces({"eth0": nic()}, {"eth0": [ip(V4, "172.17.0.2")]}, {"eth0": "virtual"})
    result = check_interfaces({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "eth0 up (virtual) 172.17.0.2"


def test_interfaces_fail_one_down() -> None:
    result = check_interfaces({}, ifaces({"eth0": nic(up=False)}))
    well_formed(result, "fail")
    assert result.text("en") == "eth0 is down"
    assert result.text("fi") == "eth0: ei yhteyttä verkkoon"


def test_interfaces_fail_cable_unplugged_is_up_but_not_running() -> None:
    result = check_interfaces({}, ifaces({"eth0": nic(flags="up,broadcast")}, HOME))
    well_formed(result, "fail")
    assert result.data["interfaces"][0]["up"] is False


def test_interfaces_fail_none_connected_while_docker_is_up() -> None:
    stats = {"eth0": nic(up=False), "wlan0": nic(up=False), "docker0": nic()}
    probe = ifaces(stats, {"docker0": [ip(V4, "172.17.0.1")]})
    result = check_interfaces({}, probe)
    well_formed(result, "fail")
    assert result.text("en") == "no network adapter is connected: eth0 down; wlan0 down"
    assert result.text("fi").startswith("yksikään verkkosovitin ei ole yhteydessä verkkoon")


def test_interfaces_fail_no_adapter_at_all() -> None:
    result = check_interfaces({}, ifaces({}))
    well_formed(result, "fail")
    assert result.text("en") == "no network adapter found"
    assert result.data["interfaces"] == []


def test_interfaces_fail_self_assigned_address_only() -> None:
    probe = ifaces({"eth0": nic()}, {"eth0": [ip(V4, "169.254.7.9"), ip(V6, "fe80::2")]})
    result = check_interfaces({}, probe)
    well_formed(result, "fail")
    assert result.text("en") == "eth0 is connected but has no IP address"
    assert result.text("fi") == "eth0 on kytketty, mutta sillä ei ole IP-osoitetta"


@pytest.mark.parametrize(
    ("name", "platform", "sysfs", "kind"),
    [
        ("tun0", "linux", "virtual", "vpn"),
        ("wg0", "linux", "virtual", "vpn"),
        ("utun3", "darwin", None, "vpn"),
        ("docker0", "linux", "virtual", "virtual"),
        ("veth1a2b", "linux", None, "virtual"),
        ("br-5f3e", "linux", None, "virtual"),
        ("virbr0", "linux", None, "virtual"),
        ("vmnet8", "darwin", None, "virtual"),
        ("vEthernet (WSL)", "win32", None, "virtual"),
        ("wlp2s0", "linux", None, "wireless"),
        ("eth0", "linux", "wireless", "wireless"),
        ("wwan0", "linux", "wired", "wireless"),
        ("Wi-Fi", "win32", None, "wireless"),
        ("Ethernet 2", "win32", None, "wired"),
        ("enp3s0", "linux", "wired", "wired"),
        ("en0", "darwin", None, "unknown"),
        ("Local Area Connection", "win32", None, "unknown"),
        ("Tailscale", "win32", None, "vpn"),
    ],
)
def test_interface_kinds(name: str, platform: str, sysfs: str | None, kind: str) -> None:
    probe = ifaces({name: nic()}, {}, {name: sysfs} if sysfs else {}, platform)
    result = check_interfaces({}, probe)
    assert result.data["interfaces"][0]["kind"] == kind


def test_interfaces_many_and_long_names_are_bounded() -> None:
    stats = {f"veth{i:03d}": nic() for i in range(40)} | {"x" * 5000: nic()}
    addrs = {n: [ip(V4, f"10.0.{i}.1")] for i, n in enumerate(stats)}
    result = check_interfaces({}, ifaces(stats, addrs))
    well_formed(result, "pass")
    assert len(result.data["interfaces"]) == 32
    assert result.data["more"] == 9
    assert result.text("en").endswith("(+38 more)")
    assert result.text("fi").endswith("(+38 muuta)")
    assert max(len(i["name"]) for i in result.data["interfaces"]) == TEXT_MAX
    assert len(json.dumps(result.to_json())) < 20_000


@pytest.mark.parametrize(
    "exc", [psutil.AccessDenied(), PermissionError("denied"), OSError("no /proc")]
)
def test_interfaces_error_when_the_probe_raises(exc: Exception) -> None:
    def boom() -> Mapping[str, Any]:
        raise exc

    probe = InterfacesProbe(boom, dict, lambda n: None, LINK, "linux")
    result = check_interfaces({}, probe)
    well_formed(result, "error")
    assert type(exc).__name__ in str(result.reason)


def test_interfaces_error_when_addresses_raise() -> None:
    def boom() -> Mapping[str, Sequence[Any]]:
        raise psutil.AccessDenied()

    probe = InterfacesProbe(lambda: {"eth0": nic()}, boom, lambda n: None, LINK, "linux")
    well_formed(check_interfaces({}, probe), "error")


def test_interfaces_skipped_without_psutil(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psutil", None)
    result = check_interfaces({})
    well_formed(result, "skipped")
    assert "psutil" in str(result.reason)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /sys")
def test_sysfs_kind_reads_linux_sysfs() -> None:
    assert _sysfs_kind("lo") == "virtual"
    assert _sysfs_kind("../../etc") is None
    assert _sysfs_kind("no-such-if0") is None


# --- the real machine -------------------------------------------------------------------------


@pytest.mark.usefixtures("loopback_only")
def test_smoke_real_machine() -> None:
    cid = "network.interfaces"
    result = ThreadRunner().run([cid])[cid]
    assert result.status in STATUSES
    assert result.text("en") and result.text("fi")
    json.dumps(result.to_json())
    assert result.duration < CHECKS[cid].timeout
