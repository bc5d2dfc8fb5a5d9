"""Network adapters (network.interfaces): link up or down, addresses, and what kind each is."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import CheckResult, skipped
from fixit.diagnostics.tcp import failed, short
from fixit.i18n import N_, Msg, _
from fixit.i18n.format import entries

#: an adapter's kind as its summary names it (the data keeps the kind's id)
KINDS = {
    "wired": N_("wired"),
    "wireless": N_("wireless"),
    "virtual": N_("virtual"),
    "vpn": N_("vpn"),
}
VPN_PREFIXES = ("tun", "tap", "wg", "utun", "ppp", "ipsec", "tailscale", "zt", "nordlynx")
VIRTUAL_PREFIXES = (
    *("docker", "veth", "br-", "virbr", "vmnet", "vboxnet", "ifb", "dummy", "lxcbr", "lxdbr"),
    *("cni", "flannel", "cali", "bridge", "awdl", "llw", "anpi", "gif", "stf"),
)
VIRTUAL_WORDS = ("vethernet", "virtual", "vmware", "hyper-v", "loopback")
WIRELESS_WORDS = ("wi-fi", "wifi", "wireless", "wlan")
UNREAD_IFACES = N_("could not read the network adapters")


def _psutil_errors() -> tuple[type[BaseException], ...]:
    try:
        import psutil
    except ImportError:
        return (OSError,)
    return (OSError, psutil.Error)


@dataclass(frozen=True)
class InterfacesProbe:
    """Reads adapters: psutil-like stats and addresses, the sysfs kind (Linux) and the platform."""

    stats: Callable[[], Mapping[str, Any]]
    addrs: Callable[[], Mapping[str, Sequence[Any]]]
    sysfs_kind: Callable[[str], str | None]
    link_family: int
    platform: str


def _sysfs_kind(name: str) -> str | None:
    import os

    base = os.path.join("/sys/class/net", name)
    if "/" in name or name in (".", "..") or not os.path.isdir(base):
        return None
    if os.path.exists(f"{base}/wireless") or os.path.exists(f"{base}/phy80211"):
        return "wireless"
    return "wired" if os.path.exists(f"{base}/device") else "virtual"


def _real_interfaces_probe() -> InterfacesProbe:
    import psutil

    linux = sys.platform.startswith("linux")
    return InterfacesProbe(
        psutil.net_if_stats,
        psutil.net_if_addrs,
        _sysfs_kind if linux else lambda name: None,
        int(psutil.AF_LINK),
        sys.platform,
    )


def _kind_by_name(name: str, platform: str) -> str:
    low = name.lower()
    if low.startswith(VPN_PREFIXES) or "vpn" in low or "wireguard" in low:
        return "vpn"
    if low.startswith(VIRTUAL_PREFIXES) or any(w in low for w in VIRTUAL_WORDS):
        return "virtual"
    if low.startswith(("wl", "wwan", "ath")) or any(w in low for w in WIRELESS_WORDS):
        return "wireless"
    if platform != "darwin" and low.startswith(("eth", "en", "em")):
        return "wired"  # on a Mac en0 is Wi-Fi on laptops and Ethernet on desktops
    return "unknown"


def _kind(name: str, probe: InterfacesProbe) -> str:
    by_name = _kind_by_name(name, probe.platform)
    if by_name == "vpn":
        return by_name
    by_sys = probe.sysfs_kind(name)
    if by_sys == "wired" and by_name == "wireless":
        return by_name  # a mobile broadband modem: a device without a Wi-Fi radio
    return by_sys or by_name


def _usable(address: str) -> bool:
    low = address.lower()
    return not low.startswith(("169.254.", "127.", "fe80", "::1"))


def _describe(name: str, st: Any, addrs: Sequence[Any], probe: InterfacesProbe) -> dict[str, Any]:
    import socket

    flags = [f for f in str(getattr(st, "flags", "") or "").split(",") if f]
    low = name.lower()
    speed = int(getattr(st, "speed", 0) or 0)
    return {
        "name": short(name),
        "up": bool(st.isup) and (not flags or "running" in flags),
        "speed_mbps": speed or None,
        "mtu": int(getattr(st, "mtu", 0) or 0) or None,
        "kind": _kind(name, probe),
        "ipv4": [short(a.address) for a in addrs if a.family == socket.AF_INET][:8],
        "ipv6": [short(a.address) for a in addrs if a.family == socket.AF_INET6][:8],
        "mac": next((short(a.address) for a in addrs if a.family == probe.link_family), None),
        "loopback": "loopback" in flags or name.lower() in ("lo", "lo0") or "loopback" in low,
    }


def _address(iface: Mapping[str, Any]) -> str:
    return next((a for a in iface["ipv4"] + iface["ipv6"] if _usable(a)), "")


def _adapter(i: Mapping[str, Any]) -> Msg:
    """'eth0 up (wired) 192.0.2.2', or 'eth0 down'."""
    name, address = i["name"], _address(i)
    if not i["up"]:
        return _("{name} down", name=name)
    if i["kind"] in KINDS:
        kind = _(KINDS[i["kind"]])
        if address:
            return _("{name} up ({kind}) {address}", name=name, kind=kind, address=address)
        return _("{name} up ({kind})", name=name, kind=kind)
    if address:
        return _("{name} up {address}", name=name, address=address)
    return _("{name} up", name=name)


def _line(ifaces: Iterable[Mapping[str, Any]]) -> Msg:
    said = [_adapter(i) for i in ifaces]
    line = entries(said[:3])
    more = len(said) - 3
    return _("{adapters} (+{n} more)", adapters=line, n=more) if more > 0 else line


def _interfaces_verdict(ifaces: list[dict[str, Any]]) -> tuple[str, Msg]:
    physical = [i for i in ifaces if i["kind"] not in ("virtual", "vpn")]
    pool = physical or ifaces  # a container or VM may have only virtual adapters
    online = [i for i in ifaces if i["up"] and _address(i)]
    if not ifaces:
        return "fail", _("no network adapter found")
    if any(i in online for i in pool):
        return "pass", _line(i for i in ifaces if i in online or i in physical)
    linked = [i for i in pool if i["up"]]
    if linked:
        return "fail", _("{name} is connected but has no IP address", name=linked[0]["name"])
    if len(pool) == 1:
        return "fail", _("{name} is down", name=pool[0]["name"])
    return "fail", _("no network adapter is connected: {adapters}", adapters=_line(pool))


def check_interfaces(
    params: Mapping[str, Any], probe: InterfacesProbe | None = None
) -> CheckResult:
    """Network adapters: link up or down, addresses, and wired, wireless, virtual or VPN."""
    cid, started = "network.interfaces", time.monotonic()
    try:
        probe = probe or _real_interfaces_probe()
    except ImportError as exc:
        unread = _("network adapters cannot be read here")
        reason = _("psutil is not available: {error}", error=str(exc))
        return skipped(cid, unread, reason, time.monotonic() - started)
    try:
        stats, addrs = probe.stats(), probe.addrs()
        found = [_describe(n, s, addrs.get(n, ()), probe) for n, s in sorted(stats.items())]
    except _psutil_errors() as exc:
        return failed(cid, _(UNREAD_IFACES), exc, started)
    ifaces = [i for i in found if not i.pop("loopback")]
    ifaces.sort(key=lambda i: (i["kind"] in ("virtual", "vpn"), not i["up"], i["name"]))
    status, summary = _interfaces_verdict(ifaces)
    data = {
        "interfaces": ifaces[:32],
        "connected": [i["name"] for i in ifaces if i["up"] and _address(i)],
        "more": max(0, len(ifaces) - 32),
    }
    return CheckResult(cid, status, summary, data, time.monotonic() - started)
