"""What a check found, in one plain sentence a non-technical user can confirm.

A check's summary is technical ("eth0 up (wired) 192.0.2.2") and stays for the report; the wizard
asks the user to confirm the plain sentence ("The computer is connected with a network cable.").
The sentence is worked out from the result's id, status and data when it is shown, so results
stored by older versions read plainly too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fixit.diagnostics import skip_reasons
from fixit.diagnostics.result import CheckResult
from fixit.i18n import N_, Msg, _

#: check id -> status -> sentence; statuses a check does not list fall back below
SENTENCES: dict[str, dict[str, str]] = {
    "system.info": {
        "pass": N_("The computer's basic details were read."),
        "warn": N_("The computer has not been restarted for a long time."),
        "error": N_("The computer's details could not be read."),
    },
    "power.battery": {
        "pass": N_("The battery has enough charge."),
        "warn": N_("The battery is running low: plug in the charger soon."),
        "fail": N_("The battery is almost empty: plug in the charger now."),
        "error": N_("The battery could not be checked."),
    },
    "cpu.load": {
        "pass": N_("The computer is not overloaded."),
        "warn": N_("The computer is very busy right now."),
        "fail": N_("The computer is overloaded right now."),
        "error": N_("The computer's load could not be checked."),
    },
    "memory.usage": {
        "pass": N_("There is enough free memory."),
        "warn": N_("The computer's memory is running low."),
        "fail": N_("The computer's memory is almost full."),
        "error": N_("The memory could not be checked."),
    },
    "disk.space": {
        "pass": N_("There is enough free disk space."),
        "warn": N_("The disk is getting full."),
        "fail": N_("The disk is almost full."),
        "error": N_("The disk space could not be checked."),
    },
    "network.interfaces": {
        "pass": N_("The computer is connected to a network."),
        "fail": N_("The computer is not connected to any network."),
        "error": N_("The network connection could not be checked."),
    },
    "network.gateway": {
        "pass": N_("The network's router answers."),
        "warn": N_("The network's router does not answer."),
        "fail": N_("The computer has no way out of the local network."),
        "error": N_("The router could not be checked."),
    },
    "network.dns": {
        "pass": N_("Web addresses can be found."),
        "warn": N_("Finding web addresses is slow."),
        "fail": N_("Web addresses cannot be found, so websites will not open."),
        "error": N_("Finding web addresses could not be checked."),
    },
    "network.internet": {
        "pass": N_("The internet connection works."),
        "warn": N_("The network shows a login page: you may need to sign in to it first."),
        "fail": N_("The internet does not answer."),
        "error": N_("The internet connection could not be checked."),
    },
    "network.proxy": {
        "pass": N_("The proxy settings are fine."),
        "warn": N_("The proxy server set on this computer does not answer."),
        "error": N_("The proxy settings could not be checked."),
    },
    "time.skew": {
        "pass": N_("The computer's clock is right."),
        "warn": N_("The computer's clock is a little off."),
        "fail": N_("The computer's clock is wrong, which can stop secure websites from opening."),
        "error": N_("The clock could not be checked."),
    },
    "display.outputs": {
        "pass": N_("A screen is connected."),
        "warn": N_("It is not clear whether a screen is connected."),
        "fail": N_("No screen is connected."),
        "error": N_("The screen connection could not be checked."),
    },
    "browser.versions": {
        "pass": N_("A web browser is installed."),
        "warn": N_("No web browser was found."),
        "error": N_("The web browsers could not be checked."),
    },
    "process.top": {
        "pass": N_("No single program is slowing the computer down."),
        "warn": N_("One program is using much of the computer's power."),
        "error": N_("The running programs could not be checked."),
    },
    "service.url": {
        "pass": N_("The service answers normally."),
        "warn": N_("The service answers, but something needs attention."),
        "fail": N_("The service does not answer."),
        "error": N_("The service could not be checked."),
    },
}

FALLBACK: dict[str, str] = {
    "pass": N_("This looks fine."),
    "warn": N_("This needs attention."),
    "fail": N_("This does not work."),
    "error": N_("This could not be checked."),
    "skipped": N_("This cannot be checked on this computer."),
}
_OFF = N_("This check is turned off.")
_NO_BATTERY = N_("This computer has no battery.")
_NO_CONNECTORS = N_("This computer has no screen connectors to check.")
_NO_SERVICE = N_("No service address has been set up, so it was not checked.")
#: why a check was skipped, by its reason's msgid (diagnostics/skip_reasons.py) -> sentence
SKIPPED_BY: dict[str, str] = {
    skip_reasons.TURNED_OFF: _OFF,
    skip_reasons.NO_BATTERY_SENSOR: _NO_BATTERY,
    skip_reasons.NO_BATTERY_FOUND: _NO_BATTERY,
    skip_reasons.NO_CONNECTORS: _NO_CONNECTORS,
    skip_reasons.NO_SERVICE_URL: _NO_SERVICE,
}
#: the same for a result an older version stored with its reason as English text alone: by a
#: phrase of that text (check id, phrase, sentence)
SKIPPED: tuple[tuple[str, str, str], ...] = (
    ("", ".enabled is false", _OFF),
    ("power.battery", "no battery", _NO_BATTERY),
    ("display.outputs", "lists no display connectors", _NO_CONNECTORS),
    ("service.url", "url is not set", _NO_SERVICE),
)


def _kinds(data: Mapping[str, Any]) -> set[str]:
    """The kinds of the adapters that are up with an address."""
    connected = set(data.get("connected") or [])
    return {
        str(i.get("kind"))
        for i in data.get("interfaces") or []
        if isinstance(i, Mapping) and i.get("name") in connected
    }


def _interfaces(r: CheckResult) -> str | None:
    if r.status != "pass":
        return None
    kinds = _kinds(r.data)
    if "wired" in kinds:
        return N_("The computer is connected with a network cable.")
    if "wireless" in kinds:
        return N_("The computer is connected to a wireless network (Wi-Fi).")
    return None


def _battery(r: CheckResult) -> str | None:
    if r.status == "pass" and r.data.get("plugged") is True:
        return N_("The charger is plugged in.")
    return None


def _proxy(r: CheckResult) -> str | None:
    if r.status == "pass" and not r.data.get("proxies") and not r.data.get("pac"):
        return N_("No proxy server is in use.")
    return None


SPECIAL: dict[str, Callable[[CheckResult], str | None]] = {
    "network.interfaces": _interfaces,
    "power.battery": _battery,
    "network.proxy": _proxy,
}


def _skipped(result: CheckResult) -> str | None:
    """The sentence for why a check was skipped, when its reason is one the sentences tell."""
    reason = result.reason
    if isinstance(reason, Msg):
        return SKIPPED_BY.get(reason.id)
    return next(  # an older version's English
        (s for cid, phrase, s in SKIPPED if cid in ("", result.id) and phrase in reason), None
    )


def plain(result: CheckResult) -> Msg:
    """The result as one plain sentence, for the person at the machine."""
    said = SPECIAL[result.id](result) if result.id in SPECIAL else None
    if said is None and result.status == "skipped":
        said = _skipped(result)
    if said is None:
        said = SENTENCES.get(result.id, {}).get(result.status) or FALLBACK.get(
            result.status, FALLBACK["error"]
        )
    return _(said)


def plain_text(result: CheckResult, lang: str) -> str:
    """The plain sentence in `lang` (English where the catalogue has none)."""
    return plain(result).render(lang)
