"""The one explicit registry of checks: ids, texts, platforms, timeouts, parameters, functions."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import CheckResult
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
    title: Mapping[str, str]
    about: Mapping[str, str]
    func: CheckFunc
    timeout: float = 5.0
    platforms: tuple[str, ...] = ALL
    params: tuple[Param, ...] = ()


def _spec(
    cid: str,
    title: tuple[str, str],
    about: tuple[str, str],
    func: CheckFunc,
    timeout: float,
    *params: Param,
    platforms: tuple[str, ...] = ALL,
) -> CheckSpec:
    return CheckSpec(
        cid,
        {"en": title[0], "fi": title[1]},
        {"en": about[0], "fi": about[1]},
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
            ("System", "Järjestelmä"),
            (
                "Operating system, host name, uptime and device type",
                "Käyttöjärjestelmä, koneen nimi, käynnissäoloaika ja laitetyyppi",
            ),
            _lazy("system", "check_system_info"),
            3.0,
            Param("uptime_warn_days", "float", 30.0, 1.0, 3650.0),
        ),
        _spec(
            "power.battery",
            ("Battery and power", "Akku ja virta"),
            (
                "Battery charge, charging and whether the charger is plugged in",
                "Akun varaus, lataus ja onko laturi kytketty",
            ),
            _lazy("power", "check_battery"),
            3.0,
            Param("warn_percent", "float", 20.0, 0.0, 100.0),
            Param("fail_percent", "float", 5.0, 0.0, 100.0),
        ),
        _spec(
            "cpu.load",
            ("Processor load", "Suorittimen kuormitus"),
            (
                "Processor use against the number of cores",
                "Suorittimen käyttö suhteessa ytimien määrään",
            ),
            _lazy("resources", "check_cpu_load"),
            3.0,
            Param("sample_seconds", "float", 0.3, 0.05, 2.0),
            Param("warn_percent", "float", 85.0, 0.0, 100.0),
            Param("fail_percent", "float", 98.0, 0.0, 100.0),
        ),
        _spec(
            "memory.usage",
            ("Memory", "Muisti"),
            ("Memory and swap use", "Muistin ja sivutustilan käyttö"),
            _lazy("resources", "check_memory_usage"),
            3.0,
            Param("warn_percent", "float", 90.0, 0.0, 100.0),
            Param("fail_percent", "float", 97.0, 0.0, 100.0),
        ),
        _spec(
            "disk.space",
            ("Disk space", "Levytila"),
            ("Free space on each disk", "Vapaa tila kullakin levyllä"),
            _lazy("disk", "check_disk_space"),
            5.0,
            Param("warn_percent", "float", 10.0, 0.0, 100.0),
            Param("fail_percent", "float", 3.0, 0.0, 100.0),
            Param("warn_bytes", "int", 2 * 1024**3, 0),
            Param("fail_bytes", "int", 500 * 1024**2, 0),
        ),
        _spec(
            "network.interfaces",
            ("Network interfaces", "Verkkosovittimet"),
            (
                "Network adapters: link up or down, addresses, wired or wireless",
                "Verkkosovittimet: yhteys päällä vai poikki, osoitteet, langallinen vai langaton",
            ),
            _lazy("interfaces", "check_interfaces"),
            3.0,
        ),
        _spec(
            "network.gateway",
            ("Default gateway", "Oletusyhdyskäytävä"),
            (
                "The router this machine sends traffic to, and whether it answers",
                "Reititin, jonka kautta kone liikennöi, ja vastaako se",
            ),
            _lazy("gateway", "check_gateway"),
            4.0,
            Param("timeout", "float", 1.5, 0.1, 3.0),
        ),
        _spec(
            "network.dns",
            ("Name resolution (DNS)", "Nimipalvelu (DNS)"),
            ("Whether names resolve, and how fast", "Toimiiko nimipalvelu ja kuinka nopeasti"),
            _lazy("internet", "check_dns"),
            4.0,
            Param("names", "strs", ("www.google.com", "www.microsoft.com")),
            Param("timeout", "float", 2.0, 0.1, 60.0),
            Param("warn_ms", "float", 500.0, 1.0, 60000.0),
        ),
        _spec(
            "network.internet",
            ("Internet connection", "Internetyhteys"),
            (
                "Whether test addresses answer over HTTP(S)",
                "Vastaavatko testiosoitteet HTTP(S)-yhteydellä",
            ),
            _lazy("internet", "check_internet"),
            6.5,
            Param("urls", "urls", DEFAULT_URLS),
            Param("connect_timeout", "float", 3.0, 0.1, 60.0),
            Param("read_timeout", "float", 3.0, 0.1, 60.0),
        ),
        _spec(
            "network.proxy",
            ("Proxy settings", "Välityspalvelinasetukset"),
            (
                "Proxy settings in force (credentials never shown)",
                "Voimassa olevat välityspalvelinasetukset (tunnuksia ei näytetä)",
            ),
            _lazy("proxy", "check_proxy"),
            2.0,
        ),
        _spec(
            "time.skew",
            ("Clock", "Kello"),
            (
                "The clock's offset from a web server's time (a wrong clock breaks secure sites)",
                "Kellon ero verkkopalvelimen aikaan (väärä aika estää suojattujen sivujen käytön)",
            ),
            _lazy("clock", "check_time_skew"),
            5.0,
            Param("url", "url", "http://connectivitycheck.gstatic.com/generate_204"),
            Param("timeout", "float", 3.0, 0.1, 60.0),
            Param("warn_seconds", "float", 60.0, 1.0, 86400.0),
            Param("fail_seconds", "float", 300.0, 1.0, 86400.0),
        ),
        _spec(
            "display.outputs",
            ("Displays", "Näytöt"),
            (
                "Display connectors (HDMI, DisplayPort, …) and whether a screen is connected",
                "Näyttöliitännät (HDMI, DisplayPort, …) ja onko niihin kytketty näyttö",
            ),
            _lazy("display", "check_display_outputs"),
            3.0,
        ),
        _spec(
            "browser.versions",
            ("Web browsers", "Verkkoselaimet"),
            (
                "Installed web browsers and their versions",
                "Asennetut verkkoselaimet ja niiden versiot",
            ),
            _lazy("browser", "check_browser_versions"),
            5.0,
        ),
        _spec(
            "process.top",
            ("Busiest processes", "Kuormittavimmat prosessit"),
            (
                "The processes using the most processor time and memory",
                "Eniten suoritinta ja muistia käyttävät prosessit",
            ),
            _lazy("process", "check_process_top"),
            4.0,
            Param("count", "int", 5, 1, 50),
            Param("sample_seconds", "float", 0.3, 0.05, 2.0),
            Param("warn_cpu_percent", "float", 90.0, 0.0, 10000.0),
            Param("warn_memory_percent", "float", 50.0, 0.0, 100.0),
        ),
        _spec(
            "service.url",
            ("Service address", "Palvelun osoite"),
            (
                "A configured service: its status, response time and certificate expiry",
                "Määritetty palvelu: tila, vasteaika ja varmenteen voimassaolo",
            ),
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
