"""Proxy settings in force (network.proxy), credentials hidden, and whether each proxy answers."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import CheckResult
from fixit.diagnostics.tcp import Connect, failed, probe_all, short, tcp_probe
from fixit.i18n import N_, Msg, _
from fixit.i18n.format import entries

PROXY_TIMEOUT = 1.0
PROXY_MAX = 4
DEFAULT_PORTS = {"http": 80, "https": 443, "socks": 1080, "socks4": 1080, "socks5": 1080}
UNREAD_PROXY = N_("could not read the proxy settings")


@dataclass(frozen=True)
class ProxyProbe:
    """Reads proxy settings: urllib's proxies, system extras (PAC URL, bypass list), a connect."""

    proxies: Callable[[], Mapping[str, str]]
    extras: Callable[[], Mapping[str, str]]
    connect: Connect


def _system_extras() -> dict[str, str]:
    """What urllib does not report: the Windows PAC URL and bypass list, the macOS exceptions."""
    if sys.platform == "win32":
        import winreg

        out: dict[str, str] = {}
        key = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings"
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as k:
            for name, label in (("AutoConfigURL", "pac"), ("ProxyOverride", "bypass")):
                try:
                    out[label] = str(winreg.QueryValueEx(k, name)[0])
                except OSError:
                    continue
        return out
    if sys.platform == "darwin":
        from _scproxy import _get_proxy_settings

        return {"bypass": ", ".join(str(e) for e in _get_proxy_settings().get("exceptions", []))}
    return {}


def _real_proxy_probe() -> ProxyProbe:
    import urllib.request

    return ProxyProbe(urllib.request.getproxies, _system_extras, tcp_probe)


def redact_url(url: str) -> str:
    """A proxy URL without user:password@ and without a query string."""
    scheme, sep, rest = str(url).partition("://")
    if not sep:
        scheme, rest = "", scheme
    if "@" in rest:  # the last @ ends the user info, even when a password holds / or @
        rest = "***@" + rest.rpartition("@")[2]
    rest, query, _fragment = rest.partition("?")
    return short(f"{scheme}{sep}{rest}" + ("?***" if query else ""))


def _endpoint(url: str) -> tuple[str, int] | None:
    import urllib.parse

    parts = urllib.parse.urlsplit(url if "://" in url else f"http://{url}")
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname, port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)


def _proxy_verdict(
    groups: Mapping[str, list[str]], pac: str, reach: Mapping[str, str]
) -> tuple[str, Msg]:
    bad = [where for where, outcome in reach.items() if outcome != "open"]
    if bad and reach[bad[0]] == "invalid":  # a setting that names no host and port
        schemes = ", ".join(groups[bad[0]])
        if len(bad) > 1:
            return "warn", _(
                "the proxy setting for {schemes} is not a valid address (+{n})",
                schemes=schemes,
                n=len(bad) - 1,
            )
        return "warn", _("the proxy setting for {schemes} is not a valid address", schemes=schemes)
    if len(bad) > 1:
        return "warn", _("proxy {proxy} does not answer (+{n})", proxy=bad[0], n=len(bad) - 1)
    if bad:
        return "warn", _("proxy {proxy} does not answer", proxy=bad[0])
    if not groups and not pac:
        return "pass", _("no proxy")
    said: list[Msg] = [
        _("proxy {proxy} ({schemes})", proxy=where, schemes=", ".join(groups[where]))
        for where in reach
    ]
    if pac:
        said.append(_("automatic configuration {pac}", pac=pac))
    return "pass", entries(said)


def _group(proxies: Mapping[str, str]) -> tuple[dict[str, list[str]], dict[str, tuple[str, int]]]:
    """Schemes by proxy address ("host:port"), and the address to connect to for each."""
    groups: dict[str, list[str]] = {}
    points: dict[str, tuple[str, int]] = {}
    for scheme, url in proxies.items():
        end = _endpoint(url)
        host = f"[{end[0]}]" if end and ":" in end[0] else end[0] if end else ""
        label = short(f"{host}:{end[1]}") if end else f"invalid ({short(scheme)})"
        groups.setdefault(label, []).append(short(scheme))
        if end:
            points[label] = end
    return groups, points


def check_proxy(params: Mapping[str, Any], probe: ProxyProbe | None = None) -> CheckResult:
    """Proxy settings in force, credentials hidden; warns when a proxy does not take a connect."""
    cid, started = "network.proxy", time.monotonic()
    probe = probe or _real_proxy_probe()
    try:
        raw = {str(k).lower(): str(v) for k, v in probe.proxies().items() if v}
        extras = {str(k): str(v) for k, v in probe.extras().items() if v}
    except (OSError, ValueError, ImportError) as exc:
        return failed(cid, _(UNREAD_PROXY), exc, started)
    bypass = short(raw.pop("no", "") or extras.get("bypass", ""))
    proxies = {scheme: redact_url(url) for scheme, url in sorted(raw.items())}
    pac = redact_url(extras["pac"]) if extras.get("pac") else ""
    groups, points = _group(proxies)
    labels = list(groups)[:PROXY_MAX]
    wanted = [points[label] for label in labels if label in points]
    found = probe_all(probe.connect, wanted, PROXY_TIMEOUT, early=False)
    reach = {label: found[points[label]] if label in points else "invalid" for label in labels}
    status, summary = _proxy_verdict(groups, pac, reach)
    data = {"proxies": proxies, "bypass": bypass, "pac": pac or None, "reachable": reach}
    return CheckResult(cid, status, summary, data, time.monotonic() - started)
