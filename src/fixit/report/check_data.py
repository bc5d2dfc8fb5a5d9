"""A check's data as labelled, readable lines in a report's language (never JSON or raw keys).

The data is the checks' (diagnostics/); how a report shows it is the report's concern."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.probeerror import ERROR_MESSAGE
from fixit.diagnostics.result import CheckResult
from fixit.i18n import SOURCE_LANGUAGE, Msg, _, format, from_json, pgettext

#: (check id, data key) -> label, where one check's key means something else than elsewhere
CHECK_KEYS: dict[tuple[str, str], Msg] = {
    ("power.battery", "percent"): pgettext("check data", "Charge"),  # not "use", as a processor's
}

#: data key -> (label, unit); the unit says how a value reads
KEYS: dict[str, tuple[Msg, str]] = {
    "platform": (pgettext("check data", "Platform"), ""),
    "os": (pgettext("check data", "Operating system"), ""),
    "kernel": (pgettext("check data", "Kernel"), ""),
    "architecture": (pgettext("check data", "Architecture"), ""),
    "hostname": (pgettext("check data", "Host name"), ""),
    "boot_time": (pgettext("check data", "Started"), "time"),
    "uptime_seconds": (pgettext("check data", "Running for"), "duration"),
    "device_type": (pgettext("check data", "Device type"), "enum"),
    "firmware": (pgettext("check data", "Maker and model"), ""),
    "percent": (pgettext("check data", "Use"), "percent"),
    "plugged": (pgettext("check data", "Charger plugged in"), ""),
    "secsleft": (pgettext("check data", "Time left"), "duration"),
    "sample_seconds": (pgettext("check data", "Sampled for"), "seconds"),
    "load": (pgettext("check data", "Load average (1, 5, 15 min)"), ""),
    "cores": (pgettext("check data", "Cores"), ""),
    "cpu_count": (pgettext("check data", "Cores"), ""),
    "load_per_core": (pgettext("check data", "Load per core"), ""),
    "total": (pgettext("check data", "Size"), "bytes"),
    "available": (pgettext("check data", "Available"), "bytes"),
    "used": (pgettext("check data", "In use"), "bytes"),
    "swap": (pgettext("check data", "Swap"), ""),
    "swap_error": (pgettext("check data", "Swap"), ""),
    "name": (pgettext("check data", "Name"), ""),
    "mount": (pgettext("check data", "Mount point"), ""),
    "device": (pgettext("check data", "Device"), ""),
    "fstype": (pgettext("check data", "File system"), ""),
    "free": (pgettext("check data", "Free"), "bytes"),
    "free_percent": (pgettext("check data", "Share free"), "percent"),
    "status": (pgettext("check data", "Status"), "enum"),
    "http_status": (pgettext("check data", "HTTP status"), ""),
    "up": (pgettext("check data", "Connected"), ""),
    "speed_mbps": (pgettext("check data", "Speed"), "mbps"),
    "mtu": (pgettext("check data", "MTU"), ""),
    "kind": (pgettext("check data", "Type"), "enum"),
    "type": (pgettext("check data", "Type"), "enum"),
    "ipv4": (pgettext("check data", "IPv4"), ""),
    "ipv6": (pgettext("check data", "IPv6"), ""),
    "mac": (pgettext("check data", "MAC"), ""),
    "connected": (pgettext("check data", "Connected adapters"), ""),
    "more": (pgettext("check data", "More adapters"), ""),
    "gateway": (pgettext("check data", "Router"), ""),
    "interface": (pgettext("check data", "Adapter"), ""),
    "family": (pgettext("check data", "Address family"), ""),
    "ports": (pgettext("check data", "Ports tried"), ""),
    "arp": (pgettext("check data", "Seen on the local network"), ""),
    "answered": (pgettext("check data", "Answers"), ""),
    "count": (pgettext("check data", "Addresses found"), ""),
    "addresses": (pgettext("check data", "Addresses"), ""),
    "ms": (pgettext("check data", "Time"), "ms"),
    "round_trip_ms": (pgettext("check data", "Round trip"), "ms"),
    "nameservers": (pgettext("check data", "Name servers"), ""),
    "via": (pgettext("check data", "Through the proxy"), ""),
    "location": (pgettext("check data", "Redirects to"), ""),
    "good": (pgettext("check data", "Usual reply"), ""),
    "proxies": (pgettext("check data", "Proxies"), ""),
    "bypass": (pgettext("check data", "Not through a proxy"), ""),
    "pac": (pgettext("check data", "Automatic configuration (PAC)"), ""),
    "reachable": (pgettext("check data", "Proxy answers"), ""),
    "url": (pgettext("check data", "Address"), ""),
    "server_date": (pgettext("check data", "Server time"), ""),
    "offset_seconds": (pgettext("check data", "Clock offset"), "seconds"),
    "card": (pgettext("check data", "Graphics card"), ""),
    "enabled": (pgettext("check data", "In use"), ""),
    "mode": (pgettext("check data", "Resolution"), ""),
    "internal": (pgettext("check data", "Built-in"), ""),
    "screen": (pgettext("check data", "Screen"), ""),
    "version": (pgettext("check data", "Version"), ""),
    "path": (pgettext("check data", "Path"), ""),
    "source": (pgettext("check data", "Found from"), "enum"),
    "pid": (pgettext("check data", "Process id"), ""),
    "cpu_percent": (pgettext("check data", "Processor"), "percent"),
    "memory_percent": (pgettext("check data", "Memory"), "percent"),
    "rss": (pgettext("check data", "Memory in use"), "bytes"),
    "processes": (pgettext("check data", "Processes"), ""),
    "skipped": (pgettext("check data", "Not readable"), ""),
    "access_denied": (pgettext("check data", "access denied"), ""),
    "vanished": (pgettext("check data", "ended meanwhile"), ""),
    "zombie": (pgettext("check data", "zombie"), ""),
    "other": (pgettext("check data", "other"), ""),
    "cert": (pgettext("check data", "Certificate"), ""),
    "issuer": (pgettext("check data", "Issuer"), ""),
    "subject": (pgettext("check data", "Issued to"), ""),
    "days_left": (pgettext("check data", "Days left"), ""),
    "not_after": (pgettext("check data", "Valid until"), ""),
    "error": (pgettext("check data", "Problem"), ""),
    "unreadable": (pgettext("check data", "Could not read"), ""),
    "field": (pgettext("check data", "Detail"), ""),
}
#: list keys whose items get a line each, labelled with the item kind; the first of ID names it
ITEMS: dict[str, Msg] = {
    "names": pgettext("check data item", "DNS"),
    "probes": pgettext("check data item", "Test address"),
    "filesystems": pgettext("check data item", "Disk"),
    "interfaces": pgettext("check data item", "Adapter"),
    "connectors": pgettext("check data item", "Connector"),
    "browsers": pgettext("check data item", "Browser"),
    "by_cpu": pgettext("check data item", "Most processor"),
    "by_memory": pgettext("check data item", "Most memory"),
    "unreadable": pgettext("check data item", "Could not read"),
}
ID = ("name", "url", "mount", "field")
#: keys a line leaves out: the error's words (or the name) already say them; the error's message
#: is how those words are told in the report's language
QUIET = {"ok", ERROR_MESSAGE}
VALUES: dict[str, Msg] = {
    "wired": pgettext("check data value", "wired"),
    "wireless": pgettext("check data value", "wireless"),
    "virtual": pgettext("check data value", "virtual"),
    "vpn": pgettext("check data value", "VPN"),
    "loopback": pgettext("check data value", "loopback"),
    "laptop": pgettext("check data value", "laptop"),
    "desktop": pgettext("check data value", "desktop"),
    "container": pgettext("check data value", "container"),
    "connected": pgettext("check data value", "connected"),
    "disconnected": pgettext("check data value", "not connected"),
    "unknown": pgettext("check data value", "unknown"),
    "pass": pgettext("check data value", "OK"),
    "warn": pgettext("check data value", "warning"),
    "fail": pgettext("check data value", "failed"),
    "error": pgettext("check data value", "could not read"),
    "open": pgettext("check data value", "open"),
    "refused": pgettext("check data value", "refused"),
    "no answer": pgettext("check data value", "no answer"),
    "unknown host": pgettext("check data value", "unknown host"),
    "unreachable": pgettext("check data value", "unreachable"),
    "path": pgettext("check data value", "program path"),
    "file": pgettext("check data value", "installation files"),
    "version": pgettext("check data value", "asking the program"),
}
YES_NO = {True: pgettext("check data value", "yes"), False: pgettext("check data value", "no")}


def label(key: str, lang: str, raw: object = None) -> str:
    """A data key's label in `lang` (an unknown key reads as words, never with underscores)."""
    if key == "status" and isinstance(raw, int):  # an HTTP answer's, not a check's
        key = "http_status"
    if key in KEYS:
        return KEYS[key][0].render(lang)
    return key.replace("_", " ").strip().capitalize()


def number(value: float, lang: str, digits: int = 1) -> str:
    """A number with the language's decimal mark, without a needless `.0`."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return format.decimals(text, lang)


def size(n: float, lang: str) -> str:
    """Bytes in B, KiB, MiB, GiB or TiB."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024:
            return f"{number(float(n), lang)} {unit}"
        n /= 1024
    return f"{number(float(n), lang)} TiB"


def _duration(seconds: float, lang: str) -> str:
    minutes, hours, days = int(seconds) // 60, int(seconds) // 3600, int(seconds) // 86400
    if days:
        return _("{days} d {hours} h", days=days, hours=hours % 24).render(lang)
    if hours:
        return _("{hours} h {minutes} min", hours=hours, minutes=minutes % 60).render(lang)
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def _time(text: str, lang: str) -> str:
    """An ISO time in UTC as people read it ("7.12.2026 klo 2.59 UTC"), else as given."""
    import datetime as dt

    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    written = format.timestamp(t, lang)
    return f"{written} UTC"


def _unit(unit: str, value: float, lang: str) -> str:
    if unit == "bytes":
        return size(value, lang)
    if unit == "percent":
        return format.percent(number(value, lang), lang)
    if unit == "duration":
        return _duration(value, lang)
    suffix = {"ms": "ms", "seconds": "s", "mbps": "Mbit/s"}.get(unit, "")
    return f"{number(value, lang)} {suffix}".strip()


def value(key: str, raw: object, lang: str) -> str:
    """One value as people read it: units, yes/no, lists joined, known words translated."""
    unit = KEYS[key][1] if key in KEYS else ""
    if isinstance(raw, bool):
        return YES_NO[raw].render(lang)
    if isinstance(raw, (int, float)):
        return _unit(unit, raw, lang)
    if isinstance(raw, (list, tuple)):  # "2,5; 3,2" where the decimal mark is a comma
        glue = format.number_separator(lang) if any(isinstance(v, float) for v in raw) else ", "
        return glue.join(value(key, v, lang) for v in raw if v not in (None, ""))
    if isinstance(raw, Mapping):
        return _mapping(raw, lang)
    text = str(raw)
    if unit == "time":
        return _time(text, lang)
    if unit == "enum" and text in VALUES:
        return VALUES[text].render(lang)
    return text


def _mapping(raw: Mapping[str, Any], lang: str) -> str:
    """A small mapping on one line: `label: value; …` (keys we do not know are shown as given)."""
    parts = []
    for k, v in raw.items():
        if v in (None, "", [], {}) or (v == 0 and not isinstance(v, bool)):
            continue  # a zero count or share says nothing here
        text = VALUES[v].render(lang) if isinstance(v, str) and v in VALUES else value(k, v, lang)
        name = label(k, lang, v) if k in KEYS else k
        name = name[:1].lower() + name[1:] if name[1:2].islower() else name
        parts.append(f"{name}: {text}")
    return "; ".join(parts)


def problem(raw: Mapping[str, Any], lang: str) -> str:
    """A probe's failure in `lang`: the message it kept beside its English words; data an older
    version wrote (its English alone) is shown as stored, translated only when it is word for
    word a message that takes no values."""
    said = from_json(raw.get(ERROR_MESSAGE))
    if said is not None:
        return said.render(lang)
    english = str(raw.get("error") or "")
    if not english or lang == SOURCE_LANGUAGE or "{" in english:
        return english
    return Msg(english).render(lang)  # an exact catalogue entry, never a guess


def _item(raw: Mapping[str, Any], lang: str) -> str:
    """One list item: its name, then its problem or its other facts."""
    name = next((str(raw[k]) for k in ID if raw.get(k)), "")
    if raw.get("error"):
        text = problem(raw, lang)
        return text if not name or name in text else f"{name}: {text}"
    rest = {k: v for k, v in raw.items() if k not in (*ID, *QUIET)}
    facts = _mapping(rest, lang)
    return f"{name} — {facts}" if name and facts else name or facts


def detail_lines(result: CheckResult, lang: str) -> list[tuple[str, str]]:
    """The result's data as (label, text) lines in `lang`, empty values left out."""
    lines: list[tuple[str, str]] = []
    data = dict(result.data)
    if data.get("error"):  # a top-level failure reads in the language, once
        data["error"] = problem(data, lang)
        data.pop("kind", None)
    for key, raw in data.items():
        if raw in (None, "", [], {}) or key in QUIET or (key == "more" and raw == 0):
            continue
        if key in ITEMS and isinstance(raw, list):
            name = ITEMS[key].render(lang)
            lines += [(name, _item(i, lang)) for i in raw if isinstance(i, Mapping)]
            lines += [(name, value(key, i, lang)) for i in raw if not isinstance(i, Mapping)]
        else:
            own = CHECK_KEYS.get((result.id, key))
            named = own.render(lang) if own is not None else label(key, lang, raw)
            lines.append((named, value(key, raw, lang)))
    return [(k, v) for k, v in lines if v]
