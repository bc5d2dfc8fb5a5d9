"""The wizard's one line at the end of a session, for every outcome, mode, category and way the
report reaches support, in English, Finnish and Swedish (review C3, S6, A17, E5; newcomer F5)."""

from __future__ import annotations

import itertools
import re

import pytest

from fixit.config import Config
from fixit.i18n import Messages
from fixit.labels import NEXT
from fixit.next_step import CATEGORIES, DELIVERIES, MODES, Delivery, delivery, next_step
from fixit.submit.base import Target

SID = "20261207-013239-6f88"
REF = "HD-4711"
CONTACT = "tuki@example.fi, +358 10 123 4567"
TARGETS = "helpdesk, mail"
OUTCOMES = ("resolved", "referred", "escalate", "unresolved")

#: what the line names the thing by, per language, mode and category
NOUN = {
    ("en", "self"): {"incident": "Your report", "service_request": "Your request",
                     "advice": "Your question"},
    ("en", "agent"): {"incident": "case", "service_request": "request", "advice": "question"},
    ("fi", "self"): {"incident": "Raporttisi", "service_request": "Pyyntösi",
                     "advice": "Kysymyksesi"},
    ("fi", "agent"): {"incident": "Tapaus", "service_request": "Pyyntö", "advice": "Kysymys"},
    ("sv", "self"): {"incident": "Din rapport", "service_request": "Din begäran",
                     "advice": "Din fråga"},
    ("sv", "agent"): {"incident": "Rapporten", "service_request": "Begäran", "advice": "Frågan"},
}  # fmt: skip
#: the command each way of delivery tells (none: the offer to send follows, or it was sent)
COMMAND = {
    "offer": None,
    "submit": f"fixit submit {SID}",
    "choose": f"fixit submit {SID} --to",
    "save": f"fixit report {SID} --output",
    "sent": None,
}
#: words that must never be on an end line: a promise that support already has it or will
#: act, investigation words for what may be a request or a question, Markdown marks
NEVER = {
    "en": ("will take it from here", "investigat", "Run `", "**"),
    "fi": ("hoitaa asian", "selvitettävä", "tutki", "siirretään", "**"),
    "sv": ("tar hand om", "utred", "undersök", "**"),
}
#: agent mode: the agent is support, so the report goes into support's queue
QUEUE = {"en": "queue", "fi": "tukijono", "sv": "supportkön"}
#: the languages whose words are pinned above, on purpose (a new language adds its words here)
WORDED = ("en", "fi", "sv")


def detail(how: Delivery) -> str:
    return {"sent": REF, "choose": TARGETS, "save": CONTACT}.get(how, "")


CASES = list(itertools.product(WORDED, OUTCOMES, MODES, CATEGORIES, DELIVERIES))


@pytest.mark.parametrize(("lang", "outcome", "mode", "category", "how"), CASES)
def test_each_outcome_mode_category_and_delivery_gets_its_own_line(
    lang: str, outcome: str, mode: str, category: str, how: Delivery
) -> None:
    msgs = Messages(lang)
    line = next_step(msgs, outcome, mode, category, SID, how, detail(how))
    assert "`" not in line and "\n" not in line
    for word in NEVER[lang]:
        assert word.casefold() not in line.casefold(), (word, line)
    if outcome == "resolved":
        assert line == ""  # the tree's end text said it works: nothing is left
        return
    if outcome == "referred":  # the end text names whom to contact; nothing about sending
        key = NEXT["referred"] if mode == "self" else NEXT["referred.agent"]
        assert line == msgs(key)
        assert "fixit" not in line and SID not in line
        return
    if how == "sent":
        assert line == msgs(NEXT[f"sent.{mode}"], ref=REF) and REF in line
        assert "fixit" not in line
        return
    assert SID in line  # the saved case is named by its id
    assert NOUN[lang, mode][category] in line
    others = [n for c, n in NOUN[lang, mode].items() if n != NOUN[lang, mode][category]]
    assert not any(re.search(rf"\b{n}\b", line) for n in others), line
    command = COMMAND[how]
    if command is None:  # the offer to send follows: the line does not tell how
        assert "fixit" not in line
    else:
        assert line.count("fixit ") == 1 and command in line  # exactly one next step
        if how != "choose":  # the command ends the line, whole, to copy
            assert line.endswith((SID, ".md")), line
    assert (QUEUE[lang] in line) == (mode == "agent"), line
    if how == "save":
        assert (CONTACT in line) == (mode == "self")  # the user sends it to this address
    if how == "choose":
        assert TARGETS in line


@pytest.mark.parametrize(
    ("lang", "mode", "category", "how", "expected"),
    [
        (
            "fi",
            "agent",
            "incident",
            "submit",
            f"Tapaus on tallennettu tunnuksella {SID}, mutta sitä ei ole vielä viety tukijonoon. "
            f"Vie se tukijonoon komennolla: fixit submit {SID}",
        ),
        (
            "fi",
            "self",
            "service_request",
            "save",
            f"Pyyntösi on tallennettu tunnuksella {SID}, mutta sitä ei ole vielä lähetetty "
            f"tukeen. Lähetä se itse tukeen ({CONTACT}). Tallenna se ensin tiedostoksi "
            f"komennolla: fixit report {SID} --output raportti.md",
        ),
        (
            "en",
            "self",
            "incident",
            "submit",
            f"Your report is saved as {SID} but has not been sent to support yet. "
            f"Send it with: fixit submit {SID}",
        ),
        ("fi", "self", "advice", "sent", f"Lähetetty tukeen. Tukipyynnön tunnus on {REF}."),
        (
            "sv",
            "agent",
            "service_request",
            "submit",
            f"Begäran är sparad som {SID} men finns inte i supportkön ännu. "
            f"Lägg in i supportkön med: fixit submit {SID}",
        ),
    ],
)
def test_whole_lines_read_as_written(
    lang: str, mode: str, category: str, how: Delivery, expected: str
) -> None:
    line = next_step(Messages(lang), "escalate", mode, category, SID, how, detail(how))
    assert line == expected


def test_an_unknown_mode_or_category_reads_as_self_and_incident() -> None:
    msgs = Messages("en")
    assert next_step(msgs, "escalate", "robot", "gossip", SID, "submit") == next_step(
        msgs, "escalate", "self", "incident", SID, "submit"
    )
    assert next_step(msgs, "", "self", "incident", SID, "submit") == ""  # not finished


def target(name: str) -> Target:
    return Target(name, "directory", {"path": "/nonexistent"})


@pytest.mark.parametrize(
    ("targets", "default", "ticket", "offering", "expected"),
    [
        ((), None, None, True, ("save", "")),
        (("helpdesk",), None, None, True, ("offer", "")),
        (("helpdesk",), None, None, False, ("submit", "")),
        (("helpdesk", "mail"), None, None, True, ("choose", "helpdesk, mail")),
        (("helpdesk", "mail"), "mail", None, True, ("offer", "")),
        (("helpdesk", "mail"), "gone", None, False, ("choose", "helpdesk, mail")),
        (("helpdesk",), None, {"target": "helpdesk", "ref": REF}, True, ("sent", REF)),
        ((), None, {"target": "helpdesk", "ref": ""}, True, ("save", "")),
    ],
)
def test_the_delivery_is_what_fixit_submit_and_the_offer_would_do(
    targets: tuple[str, ...],
    default: str | None,
    ticket: dict[str, str] | None,
    offering: bool,
    expected: tuple[str, str],
) -> None:
    cfg = Config(targets={n: target(n) for n in targets}, default_target=default)
    meta = {"id": SID, "ticket": ticket} if ticket is not None else {"id": SID}
    assert delivery(cfg, meta, offering) == expected
