"""The one explicit registry of checks: ids, titles, platforms, timeouts and functions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fixit.diagnostics.result import CheckResult

CheckFunc = Callable[[Mapping[str, Any]], CheckResult]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check. `func` is None for checks this version does not implement yet."""

    id: str
    title: Mapping[str, str]
    timeout: float = 5.0
    platforms: tuple[str, ...] = ("linux", "win32", "darwin")
    func: CheckFunc | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)


def _disk_space(params: Mapping[str, Any]) -> CheckResult:
    from fixit.diagnostics.disk import check_disk_space

    return check_disk_space(params)


def _internet(params: Mapping[str, Any]) -> CheckResult:
    from fixit.diagnostics.network import check_internet

    return check_internet(params)


def _spec(
    cid: str, en: str, fi: str, timeout: float = 5.0, func: CheckFunc | None = None, **defaults: Any
) -> CheckSpec:
    return CheckSpec(cid, {"en": en, "fi": fi}, timeout, func=func, defaults=defaults)


DEFAULT_URLS = (
    "http://connectivitycheck.gstatic.com/generate_204",
    "http://detectportal.firefox.com/success.txt",
    "http://www.msftconnecttest.com/connecttest.txt",
)

CHECKS: dict[str, CheckSpec] = {
    s.id: s
    for s in (
        _spec("system.info", "System", "Järjestelmä"),
        _spec("power.battery", "Battery and power", "Akku ja virta"),
        _spec("cpu.load", "Processor load", "Suorittimen kuormitus"),
        _spec("memory.usage", "Memory", "Muisti"),
        _spec(
            "disk.space",
            "Disk space",
            "Levytila",
            5.0,
            _disk_space,
            warn_percent=10.0,
            fail_percent=3.0,
            warn_bytes=2 * 1024**3,
            fail_bytes=500 * 1024**2,
        ),
        _spec("network.interfaces", "Network interfaces", "Verkkoliitännät"),
        _spec("network.gateway", "Default gateway", "Oletusyhdyskäytävä"),
        _spec("network.dns", "Name resolution (DNS)", "Nimipalvelu (DNS)"),
        _spec(
            "network.internet",
            "Internet connection",
            "Internet-yhteys",
            6.0,
            _internet,
            urls=DEFAULT_URLS,
            connect_timeout=3.0,
            read_timeout=3.0,
        ),
        _spec("network.proxy", "Proxy settings", "Välityspalvelinasetukset"),
        _spec("time.skew", "Clock", "Kello"),
        _spec("display.outputs", "Displays", "Näytöt"),
        _spec("browser.versions", "Web browsers", "Verkkoselaimet"),
        _spec("process.top", "Busiest processes", "Kuormittavimmat prosessit"),
        _spec("service.url", "Service address", "Palvelun osoite"),
    )
}

KNOWN_CHECKS = frozenset(CHECKS)
