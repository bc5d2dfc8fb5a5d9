"""The shipped trees' language: Say is speech to the caller, Finnish keeps one register and its own
quotation marks, and one thing has one name across the trees, the screens and the report."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from fixit.i18n import LANGUAGES, Messages, _, ngettext
from fixit.labels import (
    CALLER,
    DIAG_STATUS,
    MODE,
    NEXT,
    OUTCOME,
    SESSIONS_COL,
    START,
    SUMMARY_CALLER,
    URGENCY,
)
from fixit.report.labels import RPT
from fixit.trees.library import Source, load_library
from fixit.trees.model import Text, Tree, localize
from fixit.trees.nodes import Input, Question

from .conftest import SHIPPED

TREES = load_library([Source("shipped", SHIPPED)], use_cache=False).trees()
IDS = sorted(TREES)
#: the languages of the trees' own texts (the shipped trees are in Swedish too)
TREE_LANGS = ("en", "fi", "sv")

#: what gives a line away as a note to the agent rather than something said to the caller
NOT_SPEECH = {
    "en": [
        r"\bcallers?\b|\bcaller's\b",  # the caller is "you" when spoken to
        r"(^|[.!?;:]\s+)(Ask|Remind|Note|Walk|Tell (the|them|him|her))\b",  # orders to the agent
        r"\bthe help\b|\bhelp (box|text)\b",  # the agent's screen, not the caller's
        r"\b(support agent|agent)\b",
    ],
    "fi": [
        r"soittaj",  # soittaja, soittajaa, soittajalle, soittajan…
        r"(^|[.!?;:–]\s+)(Pyydä|Kysy|Kirjaa|Muistuta|Opasta|Kerro hänelle)\b",
        r"\bohjee(sta|ssa|seen)\b",  # "Vaiheet löytyvät ohjeesta" points at the agent's screen
        r"tukihenkilö",
    ],
    "sv": [
        r"\b(den som ringer|uppringaren|inringaren)\b",  # the caller is "du" when spoken to
        r"(^|[.!?;:–]\s+)(Be (den|honom|henne|hen|personen)|Fråga|Påminn|Notera|Berätta för)\b",
        r"\bhjälp(texten|rutan)\b|\bunder \? Hjälp\b",  # the agent's screen, not the caller's
        r"\b(supportpersonen|stödpersonen|agenten)\b",
    ],
}
SAY_MAX = 260  # a script line is read aloud in one breath or two


def say_lines() -> Iterator[tuple[str, str, str, str]]:
    for tree_id in IDS:
        for node in TREES[tree_id].nodes.values():
            for lang in TREE_LANGS:
                if node.say is not None and lang in node.say:
                    yield tree_id, node.id, lang, localize(node.say, lang)


SAYS = list(say_lines())


@pytest.mark.parametrize(("tree_id", "node", "lang", "line"), SAYS, ids=lambda v: str(v)[:24])
def test_every_say_is_spoken_to_the_caller(tree_id: str, node: str, lang: str, line: str) -> None:
    for pattern in NOT_SPEECH[lang]:
        found = re.search(pattern, line, flags=re.IGNORECASE if lang != "en" else 0)
        assert found is None, (
            f"{tree_id}/{node} [{lang}] is not speech ({found.group(0)!r}): {line}"
        )
    assert len(line) <= SAY_MAX, f"{tree_id}/{node} [{lang}] is too long to read out"
    if lang == "en":  # spoken to the caller: it says "you" or asks a question
        assert "?" in line or re.search(r"\b(you|your|yours|you're|you'll)\b", line, re.I), line
    if lang == "sv":  # du-tilltal: the caller is "du", never "ni" (one register, as in Finnish)
        assert "?" in line or re.search(r"\b(du|dig|din|ditt|dina)\b", line, re.I), line
        assert not re.search(r"\b(ni|er|ert|era)\b", line), f"{tree_id}/{node}: ni-tilltal: {line}"


def test_the_rule_catches_notes_to_the_agent() -> None:
    """The patterns above find the old third-person lines (kept here as the bad examples)."""
    bad = {
        "en": [
            "Ask the caller to press the power button once.",
            "Open the service yourself. Ask whether the front page opens.",
            "Tell them the disk is full. The help has the steps.",
        ],
        "fi": [
            "Pyydä soittajaa painamaan koneen virtanappia kerran.",
            "Avaa palvelu itse. Kysy sitten, aukeaako etusivu.",
            "Pyydä kytkemään laturi. Vaiheet löytyvät ohjeesta.",
            "Kerro soittajalle, että tarkistat levyn.",
        ],
        "sv": [
            "Be den som ringer att trycka en gång på strömbrytaren.",
            "Öppna tjänsten själv. Fråga sedan om startsidan öppnas.",
            "Be hen koppla in laddaren. Stegen finns i hjälptexten.",
        ],
    }
    for lang, lines in bad.items():
        for line in lines:
            flags = re.IGNORECASE if lang != "en" else 0
            assert any(re.search(p, line, flags) for p in NOT_SPEECH[lang]), line


def test_every_tree_has_an_agent_script() -> None:
    """Every node an agent is shown (all but ends) has a Say line, in both languages."""
    for tree in TREES.values():
        for node in tree.nodes.values():
            if node.kind != "end" and "agent" in tree.audience:
                assert node.say is not None, f"{tree.id}/{node.id} has no say"


def texts(tree: Tree) -> Iterator[tuple[str, Text]]:
    """Every text of a tree, with where it is."""
    yield "title", tree.title
    if tree.description:
        yield "description", tree.description
    for node in tree.nodes.values():
        for key in ("text", "say", "agent_note", "help"):
            value = getattr(node, key)
            if value is not None:
                yield f"{node.id}.{key}", value
        for choice in node.choices if isinstance(node, (Question, Input)) else ():
            yield f"{node.id}.{choice.id}", choice.label


# -nne is "your" (plural/polite) on a noun, -kaa/-kää the plural imperative: the te-register
TE_WORDS = r"\b(te|teidän|teille|teitä|teidät|teillä|teiltä|teistä)\b"
NOT_POSSESSIVE = {"minne", "sinne", "tänne", "tuonne", "jonne", "kunne", "muualle"}
STRAIGHT_QUOTES = '"“„«»'  # Finnish quotes open and close with ”


@pytest.mark.parametrize("tree_id", IDS)
def test_finnish_speaks_sina_uses_finnish_quotes_and_never_starts_with_fixit(tree_id: str) -> None:
    for where, text in texts(TREES[tree_id]):
        fi = localize(text, "fi")
        assert not re.search(TE_WORDS, fi, re.I), f"{tree_id} {where}: te-register: {fi}"
        for word in re.findall(r"\b\w+[aeiouyäö]nne\b", fi.lower()):
            assert word in NOT_POSSESSIVE, f"{tree_id} {where}: te-register {word!r}: {fi}"
        plural = re.findall(r"\b\w{3,}(?:kaa|kää)\b", fi)  # "tarkistakaa", not "takaa"
        assert not plural, f"{tree_id} {where}: plural imperative {plural}: {fi}"
        assert not set(fi) & set(STRAIGHT_QUOTES), f"{tree_id} {where}: use ” ” in Finnish: {fi}"
        assert not re.search(r"(^|[.!?:]\s+)fixit\b", fi), f"{tree_id} {where}: {fi}"


#: ni, er, ert, era, eder: the plural or formal "you" (Finland-Swedish support writes du)
NI_WORDS = r"\b([Nn]i|[Ee]r|[Ee]rt|[Ee]ra|[Ee]der)\b"


@pytest.mark.parametrize("tree_id", IDS)
def test_swedish_speaks_du_uses_finland_swedish_quotes_and_never_starts_with_fixit(
    tree_id: str,
) -> None:
    if "sv" not in TREES[tree_id].languages:
        pytest.skip(f"{tree_id} has no Swedish")
    for where, text in texts(TREES[tree_id]):
        sv = localize(text, "sv")
        assert not re.search(NI_WORDS, sv), f"{tree_id} {where}: ni-tilltal: {sv}"
        assert not set(sv) & set(STRAIGHT_QUOTES), f"{tree_id} {where}: use ” ” in Swedish: {sv}"
        assert not re.search(r"(^|[.!?:]\s+)fixit\b", sv), f"{tree_id} {where}: {sv}"


#: one thing, one name: (a wording that must not appear, the term used instead), per language
OTHER_NAMES = {
    "fi": [
        (r"\b(koneen|laitteen|toistimen|tietokoneen|toistintietokoneen)\s+tunnu", "laitetunnus"),
        (r"vianetsintäpolku", "aihe (in reports and lists)"),
        (r"\bMitä kokeiltiin\b", "Vaiheet ja vastaukset"),
        (r"\bSiirretään tuelle\b", "Tarvitaan tuen apua"),
    ],
    "en": [
        (r"\basset tag\b", "device id"),
        (r"\bcomputer's id\b|\bplayer's id\b", "device id"),
        (r"\bWhat was tried\b", "Steps and answers"),
    ],
    "sv": [
        (r"\b(enhets|apparat|dator|spelar)(nummer|beteckning|kod)\b|\bdatorns id\b", "enhets-id"),
        (r"\bstickkontakt", "uttag, eluttag (a socket in Finland and Sweden alike)"),
        (r"\bkompjuter|\bdatamaskin", "dator"),
    ],
}


@pytest.mark.parametrize("lang", TREE_LANGS)
def test_one_name_for_one_thing_in_the_trees(lang: str) -> None:
    for tree in TREES.values():
        for where, text in texts(tree):
            value = localize(text, lang)
            for pattern, instead in OTHER_NAMES[lang]:
                assert not re.search(pattern, value, re.I), f"{tree.id} {where}: say {instead!r}"


#: the same label on the screen (wizard summary, sessions list) and in the report
SAME_LABEL = [
    (_("Steps and answers"), RPT["steps"]),
    (_("Step"), RPT["step.question"]),
    (_("Answered by"), RPT["step.by"]),
    (_("Answer"), RPT["step.answer"]),
    (_("Details collected"), RPT["fields"]),
    (SUMMARY_CALLER["device_id"], RPT["reporter.device_id"]),
    (SUMMARY_CALLER["name"], RPT["reporter.name"]),
    (SUMMARY_CALLER["contact"], RPT["reporter.contact"]),
    (_("Topic"), RPT["tree"]),
    (SESSIONS_COL["tree"], RPT["tree"]),
    (_("Mode"), RPT["mode"]),
    (SESSIONS_COL["mode"], RPT["mode"]),
    (MODE["self"], RPT["mode.self"]),
    (MODE["agent"], RPT["mode.agent"]),
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_screens_and_the_report_use_the_same_words(lang: str) -> None:
    m = Messages(lang)
    for ui, report in SAME_LABEL:
        assert m(ui).casefold() == m(report).casefold(), f"{ui} {m(ui)!r} vs {report} {m(report)!r}"
    assert m(CALLER["device_id"]).startswith(m(SUMMARY_CALLER["device_id"]))
    # "Tila" (mode) next to "Tilanne" (status) read as the same word in `fixit sessions`
    assert m(SESSIONS_COL["mode"]) != m(SESSIONS_COL["status"])


def test_finnish_ui_words_from_the_review() -> None:
    m = Messages("fi")
    assert m(OUTCOME["escalate"]) == "Tarvitaan tuen apua"  # nothing is being sent right now
    assert not m(NEXT["resolved"]).startswith("Hienoa")  # every tree's fixed end says it already
    assert "keneen ottaa" not in m(NEXT["referred"])
    assert "työni" not in m(URGENCY["high"])  # a ticket title, also written by an agent
    assert m(DIAG_STATUS["error"]) == "ei tulosta"
    failed, warned = "{n} failed", "{n} with a warning"
    assert (
        m(ngettext(failed, failed, 1)) == "1 vika" and m(ngettext(failed, failed, 2)) == "2 vikaa"
    )
    assert m(ngettext(warned, warned, 1)) == "1 huomio"
    assert m(ngettext(warned, warned, 3)) == "3 huomiota"
    assert m(ngettext("{n} OK", "{n} OK", 8)) == "8 kunnossa"
    for key in (START["agent"], _("For you only — do not read out")):
        assert not set(m(key)) & set(STRAIGHT_QUOTES)
    assert m(_("Say")) in m(START["agent"])  # the intro names the box it talks about
