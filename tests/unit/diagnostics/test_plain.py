"""The plain sentence of each check result, in English and Finnish, and its readable details."""

from __future__ import annotations

import re
import socket
from types import SimpleNamespace
from typing import Any

import pytest

from fixit.diagnostics.details import detail_lines, problem
from fixit.diagnostics.display import DisplayProbe, check_display_outputs
from fixit.diagnostics.interfaces import InterfacesProbe, check_interfaces
from fixit.diagnostics.plain import FALLBACK, SENTENCES, plain, plain_text
from fixit.diagnostics.power import Battery, BatteryProbe, check_battery
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import run_one
from fixit.diagnostics.service import check_service_url
from tests.unit.diagnostics.said import said as words
from tests.unit.diagnostics.said import say

V4, LINK = socket.AF_INET, getattr(socket, "AF_PACKET", -1)
#: words a person at the machine should not have to read
TECHNICAL = re.compile(r"\b(eth0|wlan0|DNS|HTTP|TLS|psutil|MiB|GiB|ms)\b|[_{}\[\]]|\d")


def sentence_rules(text: str) -> None:
    assert text[:1].isupper() and text.endswith("."), text
    assert not TECHNICAL.search(text), text


@pytest.mark.parametrize("cid", sorted(CHECKS))
@pytest.mark.parametrize("status", STATUSES)
def test_every_check_and_status_reads_plainly_in_both_languages(cid: str, status: str) -> None:
    said = words(plain(CheckResult(cid, status, say("technical", "tekninen"))))
    assert said["en"] != said["fi"]
    for text in said.values():
        sentence_rules(text)
        assert "technical" not in text and "tekninen" not in text


@pytest.mark.parametrize("cid", sorted(CHECKS))
def test_every_check_has_its_own_sentence_for_what_it_can_find(cid: str) -> None:
    """Not the generic fallback: each check says what it looked at."""
    own = SENTENCES[cid]
    assert {"pass", "error"} <= set(own)
    for status, pair in own.items():
        assert pair != FALLBACK[status]


def nic(up: bool = True) -> Any:
    flags = "up,broadcast,running" if up else "broadcast"
    return SimpleNamespace(isup=up, flags=flags, speed=1000, mtu=1500)


def adapters(kind: str) -> InterfacesProbe:
    addr = [SimpleNamespace(family=V4, address="192.168.1.5")]
    return InterfacesProbe(
        lambda: {"eth0": nic()}, lambda: {"eth0": addr}, lambda n: kind, LINK, "linux"
    )


@pytest.mark.parametrize(
    ("kind", "en", "fi"),
    [
        (
            "wired",
            "The computer is connected with a network cable.",
            "Kone on kytketty verkkoon kaapelilla.",
        ),
        (
            "wireless",
            "The computer is connected to a wireless network (Wi-Fi).",
            "Kone on yhteydessä langattomaan verkkoon (wifi).",
        ),
        ("virtual", "The computer is connected to a network.", "Kone on yhteydessä verkkoon."),
    ],
)
def test_interfaces_say_how_the_computer_is_connected(kind: str, en: str, fi: str) -> None:
    result = check_interfaces({}, adapters(kind))
    assert result.status == "pass" and "192.168.1.5" in result.text("en")  # detail kept
    assert words(plain(result)) == {"en": en, "fi": fi}


def test_interfaces_down_reads_plainly() -> None:
    probe = InterfacesProbe(lambda: {"eth0": nic(False)}, dict, lambda n: "wired", LINK, "linux")
    result = check_interfaces({}, probe)
    assert result.status == "fail"
    assert plain_text(result, "fi") == "Kone ei ole yhteydessä mihinkään verkkoon."


@pytest.mark.parametrize(
    ("battery", "fi"),
    [
        (Battery(50.0, True, None), "Laturi on kytketty."),
        (Battery(80.0, False, 7200), "Akussa on riittävästi virtaa."),
        (Battery(15.0, False, 600), "Akun varaus on vähissä: kytke laturi pian."),
        (Battery(3.0, False, 60), "Akku on melkein tyhjä: kytke laturi heti."),
        (None, "Tässä koneessa ei ole akkua."),
    ],
)
def test_battery_sentences(battery: Battery | None, fi: str) -> None:
    params = {"warn_percent": 20.0, "fail_percent": 5.0}
    result = check_battery(params, BatteryProbe(lambda: battery))
    assert plain_text(result, "fi") == fi


def test_skips_say_why_in_plain_words() -> None:
    service = check_service_url({"url": "", "timeout": 1.0, "warn_ms": 1.0, "warn_days": 1.0})
    assert plain_text(service, "en") == "No service address has been set up, so it was not checked."
    display = check_display_outputs({}, DisplayProbe(connectors=lambda: [], platform="linux"))
    assert display.status == "skipped"
    assert plain_text(display, "fi").startswith("Tästä koneesta ei löytynyt näyttöliitäntöjä")
    off = run_one(CHECKS["cpu.load"], {"enabled": False})
    assert words(plain(off)) == {
        "en": "This check is turned off.",
        "fi": "Tämä tarkistus on poistettu käytöstä.",
    }


def test_details_are_labelled_lines_in_the_language() -> None:
    data = {
        "names": [
            {"name": "www.example.fi", "ok": False, "count": 0, "kind": "dns",
             "error": "the name www.example.fi does not resolve"},
            {"name": "intra.example.fi", "ok": True, "count": 1, "addresses": ["192.0.2.7"],
             "ms": 12},
        ],
        "nameservers": ["192.0.2.53"],
    }  # fmt: skip
    result = CheckResult("network.dns", "warn", say("x", "x"), data)
    assert detail_lines(result, "en") == [
        ("DNS", "the name www.example.fi does not resolve"),
        ("DNS", "intra.example.fi — addresses found: 1; addresses: 192.0.2.7; time: 12 ms"),
        ("Name servers", "192.0.2.53"),
    ]
    assert detail_lines(result, "fi") == [
        ("Nimipalvelu", "nimeä www.example.fi ei löydy"),
        (
            "Nimipalvelu",
            "intra.example.fi — osoitteita löytyi: 1; osoitteet: 192.0.2.7; aika: 12 ms",
        ),
        ("Nimipalvelimet", "192.0.2.53"),
    ]


def test_details_give_units_and_translate_known_words() -> None:
    data = {
        "boot_time": "2026-12-07T02:59:39Z",
        "total": 8 * 1024**3,
        "percent": 42.5,
        "swap": {"total": 0, "used": 0},
        "interfaces": [{"name": "wlan0", "up": True, "kind": "wireless", "ipv4": []}],
    }
    lines = dict(detail_lines(CheckResult("memory.usage", "pass", say("x", "x"), data), "fi"))
    assert lines == {
        "Käynnistetty": "7.12.2026 klo 2.59 UTC",
        "Koko": "8 GiB",
        "Käyttöaste": "42,5 %",
        "Sovitin": "wlan0 — yhteys päällä: kyllä; tyyppi: langaton",
    }


def test_a_probe_problem_is_told_again_in_finnish_with_its_detail() -> None:
    en = "TLS failed with portal.example.fi: certificate verify failed (certificate has expired)"
    assert problem("cert", en, "fi") == (
        "palvelimen portal.example.fi varmenne ei kelpaa (certificate has expired)"
    )
    assert problem("refused", "x.fi refused the connection", "fi") == "x.fi torjui yhteyden"
    assert problem("unknown-kind", "something odd", "fi") == "something odd"


def _keys(value: Any, mapping_keys: bool = True) -> set[str]:
    """Every key in a check's data, nested lists and mappings included."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found.add(k)
            # a mapping keyed by data (ports, proxy schemes) shows its keys as they are
            if k not in ("ports", "proxies", "reachable"):
                found |= _keys(v)
    elif isinstance(value, list):
        for v in value:
            found |= _keys(v)
    return found


def test_every_data_key_of_a_real_run_has_a_label_in_both_languages() -> None:
    """Run every check on this machine (network ones on loopback only): no data key a report
    shows is left as an English key in a Finnish report."""
    import http.server
    import threading

    from fixit.diagnostics.details import ITEMS, KEYS, QUIET
    from fixit.diagnostics.runner import ThreadRunner

    class Quick(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quick)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/generate_204"
    settings = {
        "network.dns": {"names": ["localhost"]},
        "network.internet": {"urls": [url]},
        "time.skew": {"url": url},
        "service.url": {"url": url},
    }
    try:
        results = ThreadRunner(settings=settings).run(list(CHECKS))
    finally:
        srv.shutdown()
        srv.server_close()
    for result in results.values():
        unknown = _keys(result.data) - set(KEYS) - set(ITEMS) - QUIET
        assert not unknown, (result.id, unknown)
        for label, text in detail_lines(result, "fi"):
            assert "_" not in label and "{" not in text, (result.id, label, text)
