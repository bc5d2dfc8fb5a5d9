"""The plain sentence of each check result, in English and Finnish, and its readable details."""

from __future__ import annotations

import re
import socket
from types import SimpleNamespace
from typing import Any

import pytest

from fixit.diagnostics.display import DisplayProbe, check_display_outputs
from fixit.diagnostics.interfaces import InterfacesProbe, check_interfaces
from fixit.diagnostics.plain import FALLBACK, SENTENCES, plain, plain_text
from fixit.diagnostics.power import Battery, BatteryProbe, check_battery
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import run_one
from fixit.diagnostics.service import check_service_url
from fixit.diagnostics.skip_reasons import NO_BATTERY_FOUND
from fixit.i18n import _
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


def test_a_skip_reason_is_known_by_its_message_not_by_its_words() -> None:
    """A reason of another kind whose value holds a known phrase is not taken for it."""
    odd = CheckResult(
        "service.url", "skipped", say("x", "x"), reason=_("{what}", what="url is not set")
    )
    assert plain_text(odd, "en") == "This cannot be checked on this computer."
    found = CheckResult("power.battery", "skipped", say("x", "x"), reason=_(NO_BATTERY_FOUND))
    assert plain_text(found, "fi") == "Tässä koneessa ei ole akkua."


@pytest.mark.parametrize(
    ("cid", "english", "en"),
    [
        ("cpu.load", "checks.cpu.load.enabled is false", "This check is turned off."),
        (
            "power.battery",
            "psutil.sensors_battery() found no battery",
            "This computer has no battery.",
        ),
        (
            "service.url",
            "checks.service.url.url is not set",
            "No service address has been set up, so it was not checked.",
        ),
    ],
)
def test_an_older_versions_english_skip_reason_still_reads_plainly(
    cid: str, english: str, en: str
) -> None:
    stored = CheckResult.from_json({"id": cid, "status": "skipped", "reason": english})
    assert stored.reason == english and plain_text(stored, "en") == en
