"""The one explicit registry of checks: ids, texts, platforms, timeouts, parameters, functions."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import CheckResult
from fixit.i18n import N_, Msg, _
from fixit.params import Param

CheckFunc = Callable[[Mapping[str, Any]], CheckResult]

ALL = ("linux", "win32", "darwin")
#: the family modules, imported when one of their checks first runs (52 ms all at once, measured)
FAMILIES = (
    "browser",
    "clock",
    "disk",
    "display",
    "gateway",
    "interfaces",
    "internet",
    "power",
    "process",
    "proxy",
    "resources",
    "service",
    "system",
)


def _lazy(family: str, name: str) -> CheckFunc:
    """The check function `name` of a family module, imported on its first call."""
    assert family in FAMILIES

    def call(params: Mapping[str, Any]) -> CheckResult:
        module = importlib.import_module(f"fixit.diagnostics.{family}")
        func: CheckFunc = getattr(module, name)
        return func(params)

    call.__name__ = name
    return call


@dataclass(frozen=True)
class CheckSpec:
    """A registered check. Family modules import nothing heavy at import time."""

    id: str
    title: Msg
    about: Msg
    func: CheckFunc
    timeout: float = 5.0
    platforms: tuple[str, ...] = ALL
    params: tuple[Param, ...] = ()


def _spec(
    cid: str,
    title: str,
    about: str,
    func: CheckFunc,
    timeout: float,
    *params: Param,
    platforms: tuple[str, ...] = ALL,
) -> CheckSpec:
    return CheckSpec(
        cid,
        _(title),
        _(about),
        func,
        timeout,
        platforms,
        params,
    )


DEFAULT_URLS = (
    "http://connectivitycheck.gstatic.com/generate_204",
    "http://detectportal.firefox.com/success.txt",
    "http://www.msftconnecttest.com/connecttest.txt",
)

CHECKS: dict[str, CheckSpec] = {
    s.id: s
    for s in (
        _spec(
            "system.info",
            N_("System"),
            N_("Operating system, host name, uptime and device type"),
            _lazy("system", "check_system_info"),
            3.0,
            Param("uptime_warn_days", "float", 30.0, 1.0, 3650.0),
        ),
        _spec(
            "power.battery",
            N_("Battery and power"),
            N_("Battery charge, charging and whether the charger is plugged in"),
            _lazy("power", "check_battery"),
            3.0,
            Param("warn_percent", "float", 20.0, 0.0, 100.0),
            Param("fail_percent", "float", 5.0, 0.0, 100.0),
        ),
        _spec(
            "cpu.load",
            N_("Processor load"),
            N_("Processor use against the number of cores"),
            _lazy("resources", "check_cpu_load"),
            3.0,
            Param("sample_seconds", "float", 0.3, 0.05, 2.0),
            Param("warn_percent", "float", 85.0, 0.0, 100.0),
            Param("fail_percent", "float", 98.0, 0.0, 100.0),
        ),
        _spec(
            "memory.usage",
            N_("Memory"),
            N_("Memory and swap use"),
            _lazy("resources", "check_memory_usage"),
            3.0,
            Param("warn_percent", "float", 90.0, 0.0, 100.0),
            Param("fail_percent", "float", 97.0, 0.0, 100.0),
        ),
        _spec(
            "disk.space",
            N_("Disk space"),
            N_("Free space on each disk"),
            _lazy("disk", "check_disk_space"),
            5.0,
            Param("warn_percent", "float", 10.0, 0.0, 100.0),
            Param("fail_percent", "float", 3.0, 0.0, 100.0),
            Param("warn_bytes", "int", 2 * 1024**3, 0),
            Param("fail_bytes", "int", 500 * 1024**2, 0),
        ),
        _spec(
            "network.interfaces",
            N_("Network interfaces"),
            N_("Network adapters: link up or down, addresses, wired or wireless"),
            _lazy("interfaces", "check_interfaces"),
            3.0,
        ),
        _spec(
            "network.gateway",
            N_("Default gateway"),
            N_("The router this machine sends traffic to, and whether it answers"),
            _lazy("gateway", "check_gateway"),
            4.0,
            Param("timeout", "float", 1.5, 0.1, 3.0),
        ),
        _spec(
            "network.dns",
            N_("Name resolution (DNS)"),
            N_("Whether names resolve, and how fast"),
            _lazy("internet", "check_dns"),
            4.0,
            Param("names", "strs", ("www.google.com", "www.microsoft.com")),
            Param("timeout", "float", 2.0, 0.1, 60.0),
            Param("warn_ms", "float", 500.0, 1.0, 60000.0),
        ),
        _spec(
            "network.internet",
            N_("Internet connection"),
            N_("Whether test addresses answer over HTTP(S)"),
            _lazy("internet", "check_internet"),
            6.5,
            Param("urls", "urls", DEFAULT_URLS),
            Param("connect_timeout", "float", 3.0, 0.1, 60.0),
            Param("read_timeout", "float", 3.0, 0.1, 60.0),
        ),
        _spec(
            "network.proxy",
            N_("Proxy settings"),
            N_("Proxy settings in force (credentials never shown)"),
            _lazy("proxy", "check_proxy"),
            2.0,
        ),
        _spec(
            "time.skew",
            N_("Clock"),
            N_("The clock's offset from a web server's time (a wrong clock breaks secure sites)"),
            _lazy("clock", "check_time_skew"),
            5.0,
            Param("url", "url", "http://connectivitycheck.gstatic.com/generate_204"),
            Param("timeout", "float", 3.0, 0.1, 60.0),
            Param("warn_seconds", "float", 60.0, 1.0, 86400.0),
            Param("fail_seconds", "float", 300.0, 1.0, 86400.0),
        ),
        _spec(
            "display.outputs",
            N_("Displays"),
            N_("Display connectors (HDMI, DisplayPort, …) and whether a screen is connected"),
            _lazy("display", "check_display_outputs"),
            3.0,
        ),
        _spec(
            "browser.versions",
            N_("Web browsers"),
            N_("Installed web browsers and their versions"),
            _lazy("browser", "check_browser_versions"),
            5.0,
        ),
        _spec(
            "process.top",
            N_("Busiest processes"),
            N_("The processes using the most processor time and memory"),
            _lazy("process", "check_process_top"),
            4.0,
            Param("count", "int", 5, 1, 50),
            Param("sample_seconds", "float", 0.3, 0.05, 2.0),
            Param("warn_cpu_percent", "float", 90.0, 0.0, 10000.0),
            Param("warn_memory_percent", "float", 50.0, 0.0, 100.0),
        ),
        _spec(
            "service.url",
            N_("Service address"),
            N_("A configured service: its status, response time and certificate expiry"),
            _lazy("service", "check_service_url"),
            8.0,
            Param("url", "url", ""),
            Param("timeout", "float", 5.0, 0.1, 60.0),
            Param("warn_ms", "float", 2000.0, 1.0, 60000.0),
            Param("warn_days", "float", 14.0, 0.0, 3650.0),
        ),
    )
}

KNOWN_CHECKS = frozenset(CHECKS)
