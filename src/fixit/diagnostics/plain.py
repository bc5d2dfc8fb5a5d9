"""What a check found, in one plain sentence a non-technical user can confirm (English, Finnish).

A check's summary is technical ("eth0 up (wired) 192.0.2.2") and stays for the report; the wizard
asks the user to confirm the plain sentence ("The computer is connected with a network cable.").
The sentence is worked out from the result's id, status and data when it is shown, so results
stored by older versions read plainly too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fixit.diagnostics.result import CheckResult

Pair = tuple[str, str]
#: check id -> status -> (English, Finnish); statuses a check does not list fall back below
SENTENCES: dict[str, dict[str, Pair]] = {
    "system.info": {
        "pass": ("The computer's basic details were read.", "Koneen perustiedot saatiin luettua."),
        "warn": (
            "The computer has not been restarted for a long time.",
            "Konetta ei ole käynnistetty uudelleen pitkään aikaan.",
        ),
        "error": (
            "The computer's details could not be read.",
            "Koneen tietoja ei saatu luettua.",
        ),
    },
    "power.battery": {
        "pass": ("The battery has enough charge.", "Akussa on riittävästi virtaa."),
        "warn": (
            "The battery is running low: plug in the charger soon.",
            "Akun varaus on vähissä: kytke laturi pian.",
        ),
        "fail": (
            "The battery is almost empty: plug in the charger now.",
            "Akku on melkein tyhjä: kytke laturi heti.",
        ),
        "error": ("The battery could not be checked.", "Akkua ei voitu tarkistaa."),
    },
    "cpu.load": {
        "pass": ("The computer is not overloaded.", "Kone ei ole ylikuormittunut."),
        "warn": ("The computer is very busy right now.", "Kone on juuri nyt hyvin kuormittunut."),
        "fail": ("The computer is overloaded right now.", "Kone on juuri nyt ylikuormittunut."),
        "error": (
            "The computer's load could not be checked.",
            "Koneen kuormaa ei voitu tarkistaa.",
        ),
    },
    "memory.usage": {
        "pass": ("There is enough free memory.", "Muistia on riittävästi vapaana."),
        "warn": ("The computer's memory is running low.", "Koneen muisti alkaa loppua."),
        "fail": ("The computer's memory is almost full.", "Koneen muisti on lähes täynnä."),
        "error": ("The memory could not be checked.", "Muistia ei voitu tarkistaa."),
    },
    "disk.space": {
        "pass": ("There is enough free disk space.", "Levytilaa on riittävästi."),
        "warn": ("The disk is getting full.", "Levy alkaa täyttyä."),
        "fail": ("The disk is almost full.", "Levy on lähes täynnä."),
        "error": ("The disk space could not be checked.", "Levytilaa ei voitu tarkistaa."),
    },
    "network.interfaces": {
        "pass": ("The computer is connected to a network.", "Kone on yhteydessä verkkoon."),
        "fail": (
            "The computer is not connected to any network.",
            "Kone ei ole yhteydessä mihinkään verkkoon.",
        ),
        "error": (
            "The network connection could not be checked.",
            "Verkkoyhteyttä ei voitu tarkistaa.",
        ),
    },
    "network.gateway": {
        "pass": ("The network's router answers.", "Verkon reititin vastaa."),
        "warn": ("The network's router does not answer.", "Verkon reititin ei vastaa."),
        "fail": (
            "The computer has no way out of the local network.",
            "Koneelta ei ole yhteyttä lähiverkon ulkopuolelle.",
        ),
        "error": ("The router could not be checked.", "Reititintä ei voitu tarkistaa."),
    },
    "network.dns": {
        "pass": ("Web addresses can be found.", "Verkko-osoitteet löytyvät normaalisti."),
        "warn": ("Finding web addresses is slow.", "Verkko-osoitteiden haku on hidasta."),
        "fail": (
            "Web addresses cannot be found, so websites will not open.",
            "Verkko-osoitteita ei löydy, joten verkkosivut eivät aukea.",
        ),
        "error": (
            "Finding web addresses could not be checked.",
            "Verkko-osoitteiden hakua ei voitu tarkistaa.",
        ),
    },
    "network.internet": {
        "pass": ("The internet connection works.", "Internetyhteys toimii."),
        "warn": (
            "The network shows a login page: you may need to sign in to it first.",
            "Verkko näyttää kirjautumissivun: sinun pitää ehkä ensin kirjautua verkkoon.",
        ),
        "fail": ("The internet does not answer.", "Internet ei vastaa."),
        "error": (
            "The internet connection could not be checked.",
            "Internetyhteyttä ei voitu tarkistaa.",
        ),
    },
    "network.proxy": {
        "pass": ("The proxy settings are fine.", "Välityspalvelinasetukset ovat kunnossa."),
        "warn": (
            "The proxy server set on this computer does not answer.",
            "Koneelle asetettu välityspalvelin ei vastaa.",
        ),
        "error": (
            "The proxy settings could not be checked.",
            "Välityspalvelinasetuksia ei voitu tarkistaa.",
        ),
    },
    "time.skew": {
        "pass": ("The computer's clock is right.", "Koneen kello on oikeassa ajassa."),
        "warn": (
            "The computer's clock is a little off.",
            "Koneen kello on hieman väärässä ajassa.",
        ),
        "fail": (
            "The computer's clock is wrong, which can stop secure websites from opening.",
            "Koneen kello on väärässä ajassa, mikä voi estää suojattuja sivuja aukeamasta.",
        ),
        "error": ("The clock could not be checked.", "Kelloa ei voitu tarkistaa."),
    },
    "display.outputs": {
        "pass": ("A screen is connected.", "Koneeseen on kytketty näyttö."),
        "warn": (
            "It is not clear whether a screen is connected.",
            "Ei selvinnyt, onko koneeseen kytketty näyttöä.",
        ),
        "fail": ("No screen is connected.", "Koneeseen ei ole kytketty näyttöä."),
        "error": (
            "The screen connection could not be checked.",
            "Näytön kytkentää ei voitu tarkistaa.",
        ),
    },
    "browser.versions": {
        "pass": ("A web browser is installed.", "Koneelle on asennettu verkkoselain."),
        "warn": ("No web browser was found.", "Koneelta ei löytynyt verkkoselainta."),
        "error": ("The web browsers could not be checked.", "Verkkoselaimia ei voitu tarkistaa."),
    },
    "process.top": {
        "pass": (
            "No single program is slowing the computer down.",
            "Mikään yksittäinen ohjelma ei kuormita konetta liikaa.",
        ),
        "warn": (
            "One program is using much of the computer's power.",
            "Yksi ohjelma vie suuren osan koneen tehosta.",
        ),
        "error": (
            "The running programs could not be checked.",
            "Käynnissä olevia ohjelmia ei voitu tarkistaa.",
        ),
    },
    "service.url": {
        "pass": ("The service answers normally.", "Palvelu vastaa normaalisti."),
        "warn": (
            "The service answers, but something needs attention.",
            "Palvelu vastaa, mutta jokin vaatii huomiota.",
        ),
        "fail": ("The service does not answer.", "Palvelu ei vastaa."),
        "error": ("The service could not be checked.", "Palvelua ei voitu tarkistaa."),
    },
}

FALLBACK: dict[str, Pair] = {
    "pass": ("This looks fine.", "Tämä näyttää olevan kunnossa."),
    "warn": ("This needs attention.", "Tämä vaatii huomiota."),
    "fail": ("This does not work.", "Tämä ei toimi."),
    "error": ("This could not be checked.", "Tätä ei voitu tarkistaa."),
    "skipped": (
        "This cannot be checked on this computer.",
        "Tätä ei voi tarkistaa tällä koneella.",
    ),
}
#: why a check was skipped, told by its technical reason (a phrase the check writes) -> sentence
SKIPPED: tuple[tuple[str, str, Pair], ...] = (
    (
        "",
        ".enabled is false",
        ("This check is turned off.", "Tämä tarkistus on poistettu käytöstä."),
    ),
    (
        "power.battery",
        "no battery",
        ("This computer has no battery.", "Tässä koneessa ei ole akkua."),
    ),
    (
        "display.outputs",
        "lists no display connectors",
        (
            "This computer has no screen connectors to check.",
            "Tästä koneesta ei löytynyt näyttöliitäntöjä, joita voisi tarkistaa.",
        ),
    ),
    (
        "service.url",
        "url is not set",
        (
            "No service address has been set up, so it was not checked.",
            "Palvelun osoitetta ei ole määritetty, joten sitä ei tarkistettu.",
        ),
    ),
)


def _kinds(data: Mapping[str, Any]) -> set[str]:
    """The kinds of the adapters that are up with an address."""
    connected = set(data.get("connected") or [])
    return {
        str(i.get("kind"))
        for i in data.get("interfaces") or []
        if isinstance(i, Mapping) and i.get("name") in connected
    }


def _interfaces(r: CheckResult) -> Pair | None:
    if r.status != "pass":
        return None
    kinds = _kinds(r.data)
    if "wired" in kinds:
        return (
            "The computer is connected with a network cable.",
            "Kone on kytketty verkkoon kaapelilla.",
        )
    if "wireless" in kinds:
        return (
            "The computer is connected to a wireless network (Wi-Fi).",
            "Kone on yhteydessä langattomaan verkkoon (wifi).",
        )
    return None


def _battery(r: CheckResult) -> Pair | None:
    if r.status == "pass" and r.data.get("plugged") is True:
        return ("The charger is plugged in.", "Laturi on kytketty.")
    return None


def _proxy(r: CheckResult) -> Pair | None:
    if r.status == "pass" and not r.data.get("proxies") and not r.data.get("pac"):
        return ("No proxy server is in use.", "Välityspalvelinta ei ole käytössä.")
    return None


SPECIAL: dict[str, Callable[[CheckResult], Pair | None]] = {
    "network.interfaces": _interfaces,
    "power.battery": _battery,
    "network.proxy": _proxy,
}


def plain(result: CheckResult) -> dict[str, str]:
    """The result as one plain sentence per language, for the person at the machine."""
    pair = SPECIAL[result.id](result) if result.id in SPECIAL else None
    if pair is None and result.status == "skipped":
        pair = next(
            (p for cid, phrase, p in SKIPPED if cid in ("", result.id) and phrase in result.reason),
            None,
        )
    if pair is None:
        pair = SENTENCES.get(result.id, {}).get(result.status) or FALLBACK.get(
            result.status, FALLBACK["error"]
        )
    return {"en": pair[0], "fi": pair[1]}


def plain_text(result: CheckResult, lang: str) -> str:
    """The plain sentence in `lang`, falling back to English."""
    said = plain(result)
    return said.get(lang) or said["en"]
