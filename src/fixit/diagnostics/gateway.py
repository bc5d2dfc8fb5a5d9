"""The default gateway (network.gateway): the router this machine uses, and whether it answers."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import CheckResult, skipped
from fixit.diagnostics.tcp import ANSWERED, Connect, failed, probe_all, short, tcp_probe
from fixit.i18n import N_, Msg, _

GATEWAY_PORTS = (53, 80, 443)
GATEWAY_WAIT_MAX = 3.0  # as the registry's cap on timeout: probes stay inside its 4 s
RTF_UP, RTF_GATEWAY, RTF_REJECT = 0x1, 0x2, 0x200
UNREAD_ROUTES = N_("could not read the routing table")


@dataclass(frozen=True)
class GatewayProbe:
    """Reads routes: a file reader (Linux /proc), a bounded command runner, a TCP connect."""

    platform: str
    read: Callable[[str], str]
    run: Callable[[Sequence[str]], str]
    connect: Connect


@dataclass(frozen=True)
class Route:
    """A default route: the gateway address (None for a route straight out of an interface)."""

    gateway: str | None
    interface: str | None
    family: str


def _read_text(path: str) -> str:
    with open(path, encoding="ascii", errors="replace") as f:
        return f.read(1_000_000)


def _run(args: Sequence[str]) -> str:
    import subprocess

    done = subprocess.run(
        list(args), stdin=subprocess.DEVNULL, capture_output=True, timeout=2, check=False
    )
    return (done.stdout + done.stderr).decode("utf-8", "replace")[:100_000]


def _real_gateway_probe() -> GatewayProbe:
    return GatewayProbe(sys.platform, _read_text, _run, tcp_probe)


def _ip(text: str) -> str | None:
    import ipaddress

    try:
        return str(ipaddress.ip_address(text.split("%")[0]))
    except ValueError:
        return None


def _linux_default4(text: str) -> Route | None:
    import socket
    import struct

    best: tuple[int, Route] | None = None
    for fields in (line.split() for line in text.splitlines()[1:]):
        try:
            dest, gw, flags, mask = (int(fields[i], 16) for i in (1, 2, 3, 7))
            metric = int(fields[6])  # the one decimal column
        except (ValueError, IndexError):
            continue
        if dest or mask or not flags & RTF_UP or flags & RTF_REJECT:
            continue
        gateway = (
            socket.inet_ntoa(struct.pack("<L", gw & 0xFFFFFFFF)) if flags & RTF_GATEWAY else None
        )
        if best is None or metric < best[0]:
            best = (metric, Route(gateway, short(fields[0]), "ipv4"))
    return best[1] if best else None


def _linux_default6(text: str) -> Route | None:
    import ipaddress

    best: tuple[int, Route] | None = None
    for fields in (line.split() for line in text.splitlines()):
        if len(fields) < 10 or fields[0] != "0" * 32 or fields[1] != "00" or fields[9] == "lo":
            continue
        try:
            hop, metric, flags = (int(fields[i], 16) for i in (4, 5, 8))
            gateway = str(ipaddress.IPv6Address(hop)) if hop and flags & RTF_GATEWAY else None
        except ValueError:
            continue
        if not flags & RTF_UP or flags & RTF_REJECT:
            continue
        if best is None or metric < best[0]:
            best = (metric, Route(gateway, short(fields[9]), "ipv6"))
    return best[1] if best else None


def _darwin_default(out: str) -> Route | None:
    fields = {k.strip(): v.strip() for k, _sep, v in (ln.partition(":") for ln in out.splitlines())}
    gateway, interface = _ip(fields.get("gateway", "")), fields.get("interface") or None
    if not gateway and not interface:
        return None
    family = "ipv6" if gateway and ":" in gateway else "ipv4"
    return Route(gateway, short(interface) if interface else None, family)


def _windows_default(out: str) -> Route | None:
    best: tuple[int, Route] | None = None
    for f in (line.split() for line in out.splitlines()):
        default = len(f) >= 5 and f[:2] == ["0.0.0.0", "0.0.0.0"] and f[4].isdigit()
        if default and _ip(f[2]) and (best is None or int(f[4]) < best[0]):
            best = (int(f[4]), Route(f[2], short(f[3]), "ipv4"))
    return best[1] if best else None


def _default_route(probe: GatewayProbe) -> Route | None:
    if probe.platform == "darwin":
        return _darwin_default(probe.run(["route", "-n", "get", "default"]))
    if probe.platform == "win32":
        return _windows_default(probe.run(["route", "print", "0.0.0.0"]))
    route = _linux_default4(probe.read("/proc/net/route"))
    if route is None:
        try:
            route = _linux_default6(probe.read("/proc/net/ipv6_route"))
        except OSError:  # IPv6 switched off
            return None
    return route


def _arp_reachable(probe: GatewayProbe, gateway: str) -> bool | None:
    """Linux only: a complete ARP entry (flags 0x2, a MAC) means the gateway answered ARP."""
    if not probe.platform.startswith("linux") or ":" in gateway:
        return None
    try:
        text = probe.read("/proc/net/arp")
    except OSError:
        return None
    for f in (line.split() for line in text.splitlines()[1:]):
        if len(f) >= 4 and f[0] == gateway and f[3] != "00:00:00:00:00:00":
            try:
                return bool(int(f[2], 16) & 0x2)
            except ValueError:
                return None
    return False


def _gateway_verdict(route: Route, data: dict[str, Any]) -> tuple[str, Msg]:
    if route.gateway is None:
        return "pass", _("traffic goes straight out through {interface}", interface=route.interface)
    router: Msg | str = route.gateway
    if route.interface:
        router = _("{router} ({interface})", router=route.gateway, interface=route.interface)
    if data["answered"]:
        return "pass", _("router {router} answers", router=router)
    return "warn", _("router {router} did not answer (many routers ignore probes)", router=router)


def check_gateway(params: Mapping[str, Any], probe: GatewayProbe | None = None) -> CheckResult:
    """The default gateway (router) and whether it answers a TCP connect or ARP."""
    import subprocess

    cid, started = "network.gateway", time.monotonic()
    probe = probe or _real_gateway_probe()
    if not probe.platform.startswith(("linux", "darwin", "win32")):
        unsupported = _("not available on this system")
        reason = _("no route reader for {platform}", platform=probe.platform)
        return skipped(cid, unsupported, reason)
    try:
        route = _default_route(probe)
    except (OSError, subprocess.SubprocessError) as exc:
        return failed(cid, _(UNREAD_ROUTES), exc, started)
    if route is None:
        return CheckResult(
            cid,
            "fail",
            _("no default route: the machine is not connected to a network"),
            {"gateway": None, "interface": None, "family": None},
            time.monotonic() - started,
        )
    data: dict[str, Any] = {"gateway": route.gateway, "interface": route.interface}
    data.update(family=route.family, ports={}, arp=None, answered=False)
    if route.gateway is not None:
        host = route.gateway
        if host.startswith("fe80") and route.interface:
            host = f"{host}%{route.interface}"  # a link-local router needs its interface
        wait = min(float(params.get("timeout", 1.5)), GATEWAY_WAIT_MAX)
        found = probe_all(probe.connect, [(host, p) for p in GATEWAY_PORTS], wait, early=True)
        data["ports"] = {str(port): outcome for (_host, port), outcome in found.items()}
        data["arp"] = _arp_reachable(probe, route.gateway)
        data["answered"] = data["arp"] is True or any(o in ANSWERED for o in found.values())
    status, summary = _gateway_verdict(route, data)
    return CheckResult(cid, status, summary, data, time.monotonic() - started)
