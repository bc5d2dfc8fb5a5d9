"""A check's data as labelled, readable lines in a report's language (never JSON or raw keys)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.probeerror import WORDS
from fixit.diagnostics.result import CheckResult

Pair = tuple[str, str]
#: data key -> (English label, Finnish label, unit); the unit says how a value reads
KEYS: dict[str, tuple[str, str, str]] = {
    "platform": ("Platform", "Alusta", ""),
    "os": ("Operating system", "Käyttöjärjestelmä", ""),
    "kernel": ("Kernel", "Ydin", ""),
    "architecture": ("Architecture", "Arkkitehtuuri", ""),
    "hostname": ("Host name", "Koneen nimi", ""),
    "boot_time": ("Started", "Käynnistetty", "time"),
    "uptime_seconds": ("Running for", "Käynnissä", "duration"),
    "device_type": ("Device type", "Laitetyyppi", "enum"),
    "firmware": ("Maker and model", "Valmistaja ja malli", ""),
    "percent": ("Use", "Käyttöaste", "percent"),
    "plugged": ("Charger plugged in", "Laturi kytketty", ""),
    "secsleft": ("Time left", "Aikaa jäljellä", "duration"),
    "sample_seconds": ("Sampled for", "Mittausaika", "seconds"),
    "load": ("Load average (1, 5, 15 min)", "Kuormitus (1, 5, 15 min)", ""),
    "cores": ("Cores", "Ytimiä", ""),
    "cpu_count": ("Cores", "Ytimiä", ""),
    "load_per_core": ("Load per core", "Kuormitus ydintä kohden", ""),
    "total": ("Size", "Koko", "bytes"),
    "available": ("Available", "Käytettävissä", "bytes"),
    "used": ("In use", "Käytössä", "bytes"),
    "swap": ("Swap", "Sivutustila", ""),
    "swap_error": ("Swap", "Sivutustila", ""),
    "name": ("Name", "Nimi", ""),
    "mount": ("Mount point", "Liitoskohta", ""),
    "device": ("Device", "Laite", ""),
    "fstype": ("File system", "Tiedostojärjestelmä", ""),
    "free": ("Free", "Vapaana", "bytes"),
    "free_percent": ("Share free", "Vapaan tilan osuus", "percent"),
    "status": ("Status", "Tila", "enum"),
    "http_status": ("HTTP status", "HTTP-tilakoodi", ""),
    "up": ("Connected", "Yhteys päällä", ""),
    "speed_mbps": ("Speed", "Nopeus", "mbps"),
    "mtu": ("MTU", "MTU", ""),
    "kind": ("Type", "Tyyppi", "enum"),
    "type": ("Type", "Tyyppi", "enum"),
    "ipv4": ("IPv4", "IPv4", ""),
    "ipv6": ("IPv6", "IPv6", ""),
    "mac": ("MAC", "MAC", ""),
    "connected": ("Connected adapters", "Yhdistetyt sovittimet", ""),
    "more": ("More adapters", "Muita sovittimia", ""),
    "gateway": ("Router", "Reititin", ""),
    "interface": ("Adapter", "Sovitin", ""),
    "family": ("Address family", "Osoiteperhe", ""),
    "ports": ("Ports tried", "Kokeillut portit", ""),
    "arp": ("Seen on the local network", "Näkyy lähiverkossa", ""),
    "answered": ("Answers", "Vastaa", ""),
    "count": ("Addresses found", "Osoitteita löytyi", ""),
    "addresses": ("Addresses", "Osoitteet", ""),
    "ms": ("Time", "Aika", "ms"),
    "round_trip_ms": ("Round trip", "Edestakainen matka", "ms"),
    "nameservers": ("Name servers", "Nimipalvelimet", ""),
    "via": ("Through the proxy", "Välityspalvelimen kautta", ""),
    "location": ("Redirects to", "Ohjaa osoitteeseen", ""),
    "good": ("Usual reply", "Tavanomainen vastaus", ""),
    "proxies": ("Proxies", "Välityspalvelimet", ""),
    "bypass": ("Not through a proxy", "Ohi välityspalvelimen", ""),
    "pac": ("Automatic configuration (PAC)", "Automaattinen määritys (PAC)", ""),
    "reachable": ("Proxy answers", "Välityspalvelin vastaa", ""),
    "url": ("Address", "Osoite", ""),
    "server_date": ("Server time", "Palvelimen aika", ""),
    "offset_seconds": ("Clock offset", "Kellon ero", "seconds"),
    "card": ("Graphics card", "Näytönohjain", ""),
    "enabled": ("In use", "Käytössä", ""),
    "mode": ("Resolution", "Tarkkuus", ""),
    "internal": ("Built-in", "Sisäänrakennettu", ""),
    "screen": ("Screen", "Näyttö", ""),
    "version": ("Version", "Versio", ""),
    "path": ("Path", "Polku", ""),
    "source": ("Found from", "Löytyi", "enum"),
    "pid": ("Process id", "Prosessin tunnus", ""),
    "cpu_percent": ("Processor", "Suoritin", "percent"),
    "memory_percent": ("Memory", "Muisti", "percent"),
    "rss": ("Memory in use", "Muistia käytössä", "bytes"),
    "processes": ("Processes", "Prosesseja", ""),
    "skipped": ("Not readable", "Ei luettavissa", ""),
    "access_denied": ("access denied", "ei oikeutta", ""),
    "vanished": ("ended meanwhile", "päättyi kesken", ""),
    "zombie": ("zombie", "zombi", ""),
    "other": ("other", "muu", ""),
    "cert": ("Certificate", "Varmenne", ""),
    "issuer": ("Issuer", "Myöntäjä", ""),
    "subject": ("Issued to", "Myönnetty", ""),
    "days_left": ("Days left", "Päiviä jäljellä", ""),
    "not_after": ("Valid until", "Voimassa", ""),
    "error": ("Problem", "Ongelma", ""),
    "unreadable": ("Could not read", "Ei saatu luettua", ""),
    "field": ("Detail", "Tieto", ""),
}
#: list keys whose items get a line each, labelled with the item kind; the first of ID names it
ITEMS: dict[str, Pair] = {
    "names": ("DNS", "Nimipalvelu"),
    "probes": ("Test address", "Testiosoite"),
    "filesystems": ("Disk", "Levy"),
    "interfaces": ("Adapter", "Sovitin"),
    "connectors": ("Connector", "Liitäntä"),
    "browsers": ("Browser", "Selain"),
    "by_cpu": ("Most processor", "Eniten suoritinta"),
    "by_memory": ("Most memory", "Eniten muistia"),
    "unreadable": ("Could not read", "Ei saatu luettua"),
}
ID = ("name", "url", "mount", "field")
#: item keys a line leaves out: the error's words (or the name) already say them
QUIET = {"ok"}
VALUES: dict[str, Pair] = {
    "wired": ("wired", "langallinen"),
    "wireless": ("wireless", "langaton"),
    "virtual": ("virtual", "virtuaalinen"),
    "vpn": ("VPN", "VPN"),
    "loopback": ("loopback", "paikallinen"),
    "laptop": ("laptop", "kannettava"),
    "desktop": ("desktop", "pöytäkone"),
    "container": ("container", "kontti"),
    "connected": ("connected", "kytketty"),
    "disconnected": ("not connected", "ei kytketty"),
    "unknown": ("unknown", "ei tiedossa"),
    "pass": ("OK", "kunnossa"),
    "warn": ("warning", "huomio"),
    "fail": ("failed", "vika"),
    "error": ("could not read", "ei saatu luettua"),
    "open": ("open", "auki"),
    "refused": ("refused", "torjui"),
    "no answer": ("no answer", "ei vastausta"),
    "unknown host": ("unknown host", "tuntematon kone"),
    "unreachable": ("unreachable", "ei reittiä"),
    "path": ("program path", "ohjelman polusta"),
    "file": ("installation files", "asennustiedostoista"),
    "version": ("asking the program", "ohjelmalta kysymällä"),
}
YES_NO = {True: ("yes", "kyllä"), False: ("no", "ei")}


def _pick(pair: Pair | tuple[str, str, str], lang: str) -> str:
    return pair[1] if lang == "fi" else pair[0]


def label(key: str, lang: str, raw: object = None) -> str:
    """A data key's label in `lang` (an unknown key reads as words, never with underscores)."""
    if key == "status" and isinstance(raw, int):  # an HTTP answer's, not a check's
        key = "http_status"
    if key in KEYS:
        return _pick(KEYS[key], lang)
    return key.replace("_", " ").strip().capitalize()


def number(value: float, lang: str, digits: int = 1) -> str:
    """A number with the language's decimal mark, without a needless `.0`."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "fi" else text


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
        return (
            f"{days} {'vrk' if lang == 'fi' else 'd'} {hours % 24} {'t' if lang == 'fi' else 'h'}"
        )
    if hours:
        return f"{hours} {'t' if lang == 'fi' else 'h'} {minutes % 60} min"
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def _time(text: str, lang: str) -> str:
    """An ISO time in UTC as people read it ("7.12.2026 klo 2.59 UTC"), else as given."""
    import datetime as dt

    from fixit.i18n import Messages

    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    written = Messages(lang)(
        "rpt.time", year=t.year, month=t.month, day=t.day, hour=t.hour, minute=t.minute
    )
    return f"{written} UTC"


def _unit(unit: str, value: float, lang: str) -> str:
    if unit == "bytes":
        return size(value, lang)
    if unit == "percent":
        return f"{number(value, lang)} %" if lang == "fi" else f"{number(value, lang)}%"
    if unit == "duration":
        return _duration(value, lang)
    suffix = {"ms": "ms", "seconds": "s", "mbps": "Mbit/s"}.get(unit, "")
    return f"{number(value, lang)} {suffix}".strip()


def value(key: str, raw: object, lang: str) -> str:
    """One value as people read it: units, yes/no, lists joined, known words translated."""
    unit = KEYS[key][2] if key in KEYS else ""
    if isinstance(raw, bool):
        return _pick(YES_NO[raw], lang)
    if isinstance(raw, (int, float)):
        return _unit(unit, raw, lang)
    if isinstance(raw, (list, tuple)):  # "2,5; 3,2" where the decimal mark is a comma
        glue = "; " if lang == "fi" and any(isinstance(v, float) for v in raw) else ", "
        return glue.join(value(key, v, lang) for v in raw if v not in (None, ""))
    if isinstance(raw, Mapping):
        return _mapping(raw, lang)
    text = str(raw)
    if unit == "time":
        return _time(text, lang)
    if unit == "enum" and text in VALUES:
        return _pick(VALUES[text], lang)
    return text


def _mapping(raw: Mapping[str, Any], lang: str) -> str:
    """A small mapping on one line: `label: value; …` (keys we do not know are shown as given)."""
    parts = []
    for k, v in raw.items():
        if v in (None, "", [], {}) or (v == 0 and not isinstance(v, bool)):
            continue  # a zero count or share says nothing here
        text = _pick(VALUES[v], lang) if isinstance(v, str) and v in VALUES else value(k, v, lang)
        name = label(k, lang, v) if k in KEYS else k
        name = name[:1].lower() + name[1:] if name[1:2].islower() else name
        parts.append(f"{name}: {text}")
    return "; ".join(parts)


def problem(kind: object, english: str, lang: str) -> str:
    """A probe's failure in `lang`: the English words it stored, matched back to their kind."""
    pair = WORDS.get(str(kind))
    if lang == "en" or pair is None:
        return english
    pattern = re.escape(pair[0]).replace(r"\{h\}", "(?P<h>.*?)").replace(r"\{d\}", "(?P<d>.*)")
    found = re.fullmatch(pattern, english)
    if found is None:
        return english
    parts = found.groupdict()
    return pair[1].format(h=parts.get("h", ""), d=parts.get("d", ""))


def _item(raw: Mapping[str, Any], lang: str) -> str:
    """One list item: its name, then its problem or its other facts."""
    name = next((str(raw[k]) for k in ID if raw.get(k)), "")
    if raw.get("error"):
        text = problem(raw.get("kind"), str(raw["error"]), lang)
        return text if not name or name in text else f"{name}: {text}"
    rest = {k: v for k, v in raw.items() if k not in (*ID, *QUIET)}
    facts = _mapping(rest, lang)
    return f"{name} — {facts}" if name and facts else name or facts


def detail_lines(result: CheckResult, lang: str) -> list[tuple[str, str]]:
    """The result's data as (label, text) lines in `lang`, empty values left out."""
    lines: list[tuple[str, str]] = []
    data = dict(result.data)
    if data.get("error"):  # a top-level failure reads in the language, once
        data["error"] = problem(data.pop("kind", None), str(data["error"]), lang)
    for key, raw in data.items():
        if raw in (None, "", [], {}) or key in QUIET or (key == "more" and raw == 0):
            continue
        if key in ITEMS and isinstance(raw, list):
            name = _pick(ITEMS[key], lang)
            lines += [(name, _item(i, lang)) for i in raw if isinstance(i, Mapping)]
            lines += [(name, value(key, i, lang)) for i in raw if not isinstance(i, Mapping)]
        else:
            lines.append((label(key, lang, raw), value(key, raw, lang)))
    return [(k, v) for k, v in lines if v]
