"""network.gateway: fake route tables and probes, loopback sockets only."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence

import pytest

from fixit.diagnostics.gateway import GatewayProbe, check_gateway
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import ThreadRunner
from fixit.diagnostics.tcp import tcp_probe


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status, result
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


ROUTE_HEAD = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
LAN_ROUTE = "eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
DEFAULT = "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
ARP_HEAD = "IP address       HW type     Flags       HW address            Mask     Device\n"
ZERO = "0" * 32
V6_DEFAULT = f"{ZERO} 00 {ZERO} 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan0\n"
V6_LO = f"{ZERO} 00 {ZERO} 00 {ZERO} ffffffff 00000001 00000000 00200200 lo\n"


def gateway(
    files: Mapping[str, str],
    ports: Mapping[int, str] | None = None,
    platform: str = "linux",
    output: str = "",
    calls: list[tuple[str, int, float]] | None = None,
) -> GatewayProbe:
    def read(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        return files[path]

    def connect(host: str, port: int, timeout: float) -> str:
        if calls is not None:
            calls.append((host, port, timeout))
        return (ports or {}).get(port, "no answer")

    return GatewayProbe(platform, read, lambda args: output, connect)


def test_gateway_pass_when_a_port_refuses() -> None:
    calls: list[tuple[str, int, float]] = []
    probe = gateway(
        {"/proc/net/route": ROUTE_HEAD + LAN_ROUTE + DEFAULT}, {53: "refused"}, calls=calls
    )
    result = check_gateway({"timeout": 1.5}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "router 192.168.1.1 (eth0) answers"
    assert result.text("fi") == "reititin 192.168.1.1 (eth0) vastaa"
    assert result.data["gateway"] == "192.168.1.1" and result.data["interface"] == "eth0"
    assert result.data["ports"]["53"] == "refused"
    assert {c[0] for c in calls} == {"192.168.1.1"}
    assert {c[2] for c in calls} == {1.5}


def test_gateway_pass_on_arp_alone() -> None:
    arp = (
        ARP_HEAD + "192.168.1.1      0x1         0x2         aa:bb:cc:00:11:22     *        eth0\n"
    )
    files = {"/proc/net/route": ROUTE_HEAD + DEFAULT, "/proc/net/arp": arp}
    result = check_gateway({"timeout": 0.2}, gateway(files))
    well_formed(result, "pass")
    assert result.data["arp"] is True
    assert result.data["ports"] == {"53": "no answer", "80": "no answer", "443": "no answer"}


def test_gateway_warn_when_nothing_answers() -> None:
    arp = (
        ARP_HEAD + "192.168.1.1      0x1         0x0         00:00:00:00:00:00     *        eth0\n"
    )
    files = {"/proc/net/route": ROUTE_HEAD + DEFAULT, "/proc/net/arp": arp}
    result = check_gateway({"timeout": 0.2}, gateway(files, {80: "unreachable"}))
    well_formed(result, "warn")
    assert (
        result.text("en") == "router 192.168.1.1 (eth0) did not answer (many routers ignore probes)"
    )
    assert "ei vastannut" in result.text("fi")
    assert result.data["arp"] is False
    assert result.data["answered"] is False


def test_gateway_warn_when_the_connect_raises() -> None:
    def boom(host: str, port: int, timeout: float) -> str:
        raise OSError("boom")

    probe = GatewayProbe("linux", lambda p: ROUTE_HEAD + DEFAULT, lambda a: "", boom)
    result = check_gateway({"timeout": 0.2}, probe)
    well_formed(result, "warn")
    assert set(result.data["ports"].values()) == {"error"}


def test_gateway_picks_the_lowest_metric() -> None:
    other = "wlan0\t00000000\t0100000A\t0003\t0\t0\t99\t00000000\t0\t0\t0\n"
    probe = gateway({"/proc/net/route": ROUTE_HEAD + other + DEFAULT}, {80: "open"})
    assert check_gateway({"timeout": 1.0}, probe).data["gateway"] == "10.0.0.1"
    probe = gateway({"/proc/net/route": ROUTE_HEAD + DEFAULT + other.replace("\t99\t", "\t600\t")})
    assert check_gateway({"timeout": 0.1}, probe).data["gateway"] == "192.168.1.1"


def test_gateway_pass_for_a_route_without_a_gateway() -> None:
    tun = "tun0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n"
    calls: list[tuple[str, int, float]] = []
    result = check_gateway(
        {"timeout": 1.0}, gateway({"/proc/net/route": ROUTE_HEAD + tun}, calls=calls)
    )
    well_formed(result, "pass")
    assert result.text("en") == "traffic goes straight out through tun0"
    assert result.data["gateway"] is None and calls == []


def test_gateway_ipv6_default_when_no_ipv4_one() -> None:
    calls: list[tuple[str, int, float]] = []
    files = {"/proc/net/route": ROUTE_HEAD + LAN_ROUTE, "/proc/net/ipv6_route": V6_LO + V6_DEFAULT}
    result = check_gateway({"timeout": 1.0}, gateway(files, {443: "open"}, calls=calls))
    well_formed(result, "pass")
    assert result.data["gateway"] == "fe80::1" and result.data["family"] == "ipv6"
    assert calls[0][0] == "fe80::1%wlan0"


@pytest.mark.parametrize(
    "files",
    [
        {"/proc/net/route": ROUTE_HEAD + LAN_ROUTE},
        {"/proc/net/route": ROUTE_HEAD + LAN_ROUTE, "/proc/net/ipv6_route": V6_LO},
        {"/proc/net/route": ROUTE_HEAD + "garbage\n\x00\n", "/proc/net/ipv6_route": "x y\n"},
        {
            "/proc/net/route": ROUTE_HEAD + "eth0\t00000000\tFFFFFFFFFF\t0003\t0\t0\tx\t00000000\n",
            "/proc/net/ipv6_route": f"{ZERO} 00 {ZERO} 00 {'f' * 40} 0 0 0 3 eth0\n",
        },
    ],
)
def test_gateway_fail_without_a_default_route(files: Mapping[str, str]) -> None:
    result = check_gateway({"timeout": 1.0}, gateway(files))
    well_formed(result, "fail")
    assert result.text("en") == "no default route: the machine is not connected to a network"
    assert result.text("fi") == "ei oletusreittiä: kone ei ole yhteydessä verkkoon"


def test_gateway_error_when_the_route_table_is_unreadable() -> None:
    result = check_gateway({"timeout": 1.0}, gateway({}))
    well_formed(result, "error")
    assert "FileNotFoundError" in str(result.reason)


def test_gateway_darwin() -> None:
    out = "   route to: default\ndestination: default\n    gateway: 10.0.0.1\n  interface: en0\n"
    result = check_gateway({"timeout": 1.0}, gateway({}, {80: "open"}, "darwin", out))
    well_formed(result, "pass")
    assert (result.data["gateway"], result.data["interface"]) == ("10.0.0.1", "en0")
    no_route = "route: writing to routing socket: not in table\n"
    well_formed(check_gateway({"timeout": 1.0}, gateway({}, {}, "darwin", no_route)), "fail")


WINDOWS_ROUTES = """\
IPv4 Route Table
===========================================================================
Active Routes:
Network Destination        Netmask          Gateway       Interface  Metric
          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.10     35
          0.0.0.0          0.0.0.0         10.8.0.1        10.8.0.5     25
===========================================================================
Persistent Routes:
  Network Address          Netmask  Gateway Address  Metric
          0.0.0.0          0.0.0.0      192.168.1.1  Default
"""


def test_gateway_windows() -> None:
    result = check_gateway({"timeout": 1.0}, gateway({}, {53: "open"}, "win32", WINDOWS_ROUTES))
    well_formed(result, "pass")
    assert (result.data["gateway"], result.data["interface"]) == ("10.8.0.1", "10.8.0.5")
    well_formed(check_gateway({"timeout": 1.0}, gateway({}, {}, "win32", "")), "fail")


def test_gateway_error_when_the_route_command_times_out() -> None:
    def run(args: Sequence[str]) -> str:
        raise subprocess.TimeoutExpired(list(args), 2)

    probe = GatewayProbe("darwin", lambda p: "", run, lambda h, p, t: "open")
    result = check_gateway({"timeout": 1.0}, probe)
    well_formed(result, "error")
    assert "TimeoutExpired" in str(result.reason)


def test_gateway_skipped_on_an_unsupported_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "sunos5")
    result = check_gateway({"timeout": 1.0})
    well_formed(result, "skipped")
    assert "sunos5" in str(result.reason)


def test_gateway_wait_is_capped_inside_the_registry_timeout() -> None:
    calls: list[tuple[str, int, float]] = []
    check_gateway(
        {"timeout": 60.0},
        gateway({"/proc/net/route": ROUTE_HEAD + DEFAULT}, {53: "open"}, calls=calls),
    )
    assert max(c[2] for c in calls) <= CHECKS["network.gateway"].timeout - 0.5


def loopback_gateway(monkeypatch: pytest.MonkeyPatch, port: int) -> GatewayProbe:
    monkeypatch.setattr("fixit.diagnostics.gateway.GATEWAY_PORTS", (port,))
    route = ROUTE_HEAD + "lo\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
    return GatewayProbe(
        "linux", lambda p: route if p.endswith("/route") else "", lambda a: "", tcp_probe
    )


def test_gateway_real_socket_answers(monkeypatch: pytest.MonkeyPatch, listening: int) -> None:
    result = check_gateway({"timeout": 2.0}, loopback_gateway(monkeypatch, listening))
    well_formed(result, "pass")
    assert result.data["ports"] == {str(listening): "open"}


def test_gateway_real_socket_refused(monkeypatch: pytest.MonkeyPatch, closed: int) -> None:
    result = check_gateway({"timeout": 2.0}, loopback_gateway(monkeypatch, closed))
    well_formed(result, "pass")
    assert result.data["ports"] == {str(closed): "refused"}


def test_gateway_real_socket_no_answer(monkeypatch: pytest.MonkeyPatch, silent: int) -> None:
    started = time.monotonic()
    result = check_gateway({"timeout": 0.3}, loopback_gateway(monkeypatch, silent))
    well_formed(result, "warn")
    assert result.data["ports"] == {str(silent): "no answer"}
    assert time.monotonic() - started < 5.0


# --- the real machine -------------------------------------------------------------------------


@pytest.mark.usefixtures("loopback_only")
def test_smoke_real_machine() -> None:
    cid = "network.gateway"
    result = ThreadRunner().run([cid])[cid]
    assert result.status in STATUSES
    assert result.text("en") and result.text("fi")
    json.dumps(result.to_json())
    assert result.duration < CHECKS[cid].timeout


NETWORK_DOWN = """
from fixit.diagnostics.gateway import check_gateway
from fixit.diagnostics.interfaces import check_interfaces
print(check_interfaces({}).status, check_gateway({"timeout": 0.5}).status)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux")
def test_network_down_for_real_in_an_empty_namespace() -> None:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not installed")
    try:
        done = subprocess.run(
            [unshare, "--net", sys.executable, "-c", NETWORK_DOWN],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot run in a new network namespace: {exc}")
    if done.returncode != 0 and "unshare" in done.stderr:
        pytest.skip(f"new network namespaces are not permitted: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fail", "fail"]
