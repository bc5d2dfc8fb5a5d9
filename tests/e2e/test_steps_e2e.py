"""The wizard's screens in a real terminal (pyte keeps what a 40- or 100-column screen shows):
agent-mode step numbers without gaps, the checks-off notice once, a sub-tree's link text and the
tree's title shown, nothing printed twice and no word broken; the call timer going on after a
resume; a verify's wait cut short by a key, with arrow-key and with plain prompts."""

from __future__ import annotations

import datetime as dt
import json
import re
import time

import pyte
import pytest

from .harness import CTRL_C, DOWN, ENTER, Fixit, Term

pytestmark = pytest.mark.e2e

ROWS = 300  # tall enough that nothing scrolls away: the screen is the whole session
QUESTION = "Can you open a web page on this computer or on any other device nearby?"
NO_LABEL = "No, nothing opens on any of the devices at this site"
LINK = "The player shows nothing new without the network, so let's look at its screen next."
NOTICE = "Automatic checks are skipped in this session"


class Shown:
    """What the terminal shows: fixit's output fed into a pyte screen as it arrives."""

    def __init__(self, t: Term, columns: int) -> None:
        self.t = t
        self.screen = pyte.Screen(columns, ROWS)
        self.stream = pyte.Stream(self.screen)

    def until(self, mark: str, timeout: float = 20) -> str:
        """Read until `mark` is on the screen and the drawing settles; the screen's text, its
        lines joined with spaces (a wrapped sentence reads whole)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = self.t.child.read_nonblocking(65536, timeout=0.3)
            except Exception:  # a pause in the drawing (or the end): look at what is there
                chunk = ""
            if chunk:
                self.t._log.write(chunk)
                self.stream.feed(chunk)
            elif mark in self.flat:
                return self.flat
        raise AssertionError(f"never showed {mark!r}:\n" + "\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def flat(self) -> str:
        text = " ".join(line.strip() for line in self.lines)
        return re.sub(r"\s+", " ", re.sub("[│╭╮╰╯─]", " ", text))  # a box's words, unboxed


def caller_details(t: Term, shown: Shown) -> None:
    for prompt in ("Caller's name", "Organisation", "Phone or e-mail", "Device id"):
        shown.until(prompt)
        t.keys(ENTER)


@pytest.mark.parametrize("columns", [40, 100])
def test_agent_steps_are_numbered_without_gaps_and_nothing_shows_twice(
    fx: Fixit, columns: int
) -> None:
    t = fx.spawn("start", "e2e-steps", "--agent", dimensions=(ROWS, columns))
    shown = Shown(t, columns)
    caller_details(t, shown)
    first = shown.until("Save and quit")
    assert NO_LABEL in first, "\n".join(shown.lines)  # the long label whole, between words
    t.keys(DOWN, ENTER)  # No, nothing opens
    shown.until("Done — still not working")
    t.keys(DOWN, ENTER)
    shown.until("Does a web page open now?")
    shown.until("Save and quit")
    t.keys(DOWN, ENTER)  # No
    shown.until("Is the screen lit?")
    shown.until("Save and quit")
    t.keys(DOWN, ENTER)  # No
    end = shown.until("Outcome: Needs follow-up")
    assert t.wait() == 0
    walk = end.split("Outcome: Needs follow-up")[0]
    steps = [int(n) for n in re.findall(r"Step (\d+) of at most \d+ · Call \d\d:\d\d", walk)]
    assert steps == [1, 2, 3, 4], "\n".join(shown.lines)  # two skipped checks leave no gap
    assert walk.index("E2E: the network is down") < walk.index("Step 1")  # the title first
    assert walk.count(NOTICE) == 1
    # each text once, and whole: a word broken at the edge would split it in the joined lines
    for text in (
        QUESTION,
        LINK,
        "Could you open a web page for me, on any device you have at hand?",
        "Restart the router and wait until its lights settle.",
        "Could you restart the router for me?",
        "Let's look at the screen next.",
        "Is the screen lit?",
        f"{NOTICE}: in agent mode they would run on your computer, not the caller's.",
    ):
        assert walk.count(text) == 1, (text, "\n".join(line for line in shown.lines if line))
    assert walk.index(LINK) < walk.index("Step 4")
    assert f"Your answer: {NO_LABEL}" in walk  # the answer line keeps its words whole too
    sid = fx.only_session()
    assert [a[:2] for a in fx.answers(sid)] == [
        ("net", "fallback"),
        ("ask_net", "no"),
        ("router", "unsolved"),
        ("recheck", "fallback"),
        ("ask_again", "no"),
        ("e2e-steps-screen/lit", "no"),
    ]


def test_the_call_timer_goes_on_from_the_time_already_spent_after_a_resume(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-steps", "--agent", dimensions=(ROWS, 100))
    shown = Shown(t, 100)
    caller_details(t, shown)
    shown.until("Call 00:")
    shown.until("Save and quit")
    t.keys(CTRL_C)
    assert t.wait() == 130
    sid = fx.only_session()
    journal = fx.sessions_dir / sid / "journal.jsonl"
    events = [json.loads(line) for line in journal.read_text("utf-8").splitlines()]
    began = dt.datetime.fromisoformat(events[0]["at"]) - dt.timedelta(minutes=5)
    events[0]["at"] = began.isoformat(timespec="seconds")  # as if the call began 5 minutes ago
    journal.write_text("".join(json.dumps(e) + "\n" for e in events), "utf-8")
    t = fx.spawn("resume", sid, dimensions=(ROWS, 100))
    shown = Shown(t, 100)
    resumed = shown.until("Save and quit")
    assert re.search(r"Step 1 of at most \d+ · Call 05:0\d", resumed), resumed
    t.keys(CTRL_C)
    assert t.wait() == 130


def key_during_the_wait(t: Term, shown: Shown, key: str) -> float:
    """At the 20-second wait before the next check: press `key`; how long the stop took."""
    shown.until("or press any key to stop waiting and answer yourself.")
    pressed = time.monotonic()
    t.keys(key)
    shown.until("Stopped waiting for the check: answer yourself.")
    return time.monotonic() - pressed


@pytest.mark.parametrize("columns", [40, 100])
def test_a_key_cuts_a_verify_wait_short_and_the_person_answers(
    fx: Fixit, closed_port: int, net_config: object, columns: int
) -> None:
    config = net_config(f"http://127.0.0.1:{closed_port}/")  # type: ignore[operator]
    t = fx.spawn("start", "e2e-steps", "--config", str(config), dimensions=(ROWS, columns))
    shown = Shown(t, columns)
    shown.until("That's right — continue")
    shown.until("Save and quit")
    t.keys(ENTER)  # the check found no internet: that's right
    shown.until("Done — check whether it works now")
    shown.until("Save and quit")
    t.keys(ENTER)
    assert key_during_the_wait(t, shown, " ") < 5
    shown.until("Done — that fixed it")
    screen = shown.until("Save and quit")
    assert screen.count("Stopped waiting") == 1
    t.keys(ENTER)  # the key that stopped the wait did not answer this: Enter does
    shown.until("Outcome: Resolved")
    assert t.wait() == 0
    sid = fx.only_session()
    assert fx.answers(sid)[-1] == ("router", "solved", "user")
    checks = [e for e in fx.journal(sid) if e["t"] == "check"]
    assert len(checks) == 2  # the first check, then one verify: no retry after the key


def test_enter_cuts_a_verify_wait_short_in_plain_mode(
    fx: Fixit, closed_port: int, net_config: object
) -> None:
    config = net_config(f"http://127.0.0.1:{closed_port}/")  # type: ignore[operator]
    t = fx.spawn("--plain", "start", "e2e-steps", "--config", str(config), dimensions=(40, 60))
    shown = Shown(t, 60)
    shown.until("Type a number from 1 to")
    t.child.send("1" + ENTER)  # that's right
    shown.until("1. Done — check whether it works now")
    shown.until("Type a number from 1 to")
    t.child.send("1" + ENTER)
    assert key_during_the_wait(t, shown, ENTER) < 5
    shown.until("Type a number from 1 to")
    t.child.send("2" + ENTER)  # Done — still not working (the person said so: checked anew)
    shown.until("Checking the connection once more.")
    shown.until("Type a number from 1 to")
    t.child.send("/quit" + ENTER)
    shown.until("fixit resume")
    assert t.wait() == 0
    sid = fx.only_session()
    assert fx.answers(sid)[-1] == ("router", "unsolved", "user")


def test_ctrl_c_during_a_verify_wait_saves_the_session_and_resume_asks_the_step_again(
    fx: Fixit, closed_port: int, net_config: object
) -> None:
    config = net_config(f"http://127.0.0.1:{closed_port}/")  # type: ignore[operator]
    t = fx.spawn("start", "e2e-steps", "--config", str(config), dimensions=(ROWS, 100))
    shown = Shown(t, 100)
    shown.until("That's right — continue")
    shown.until("Save and quit")
    t.keys(ENTER)
    shown.until("Done — check whether it works now")
    shown.until("Save and quit")
    t.keys(ENTER)
    shown.until("or press any key to stop waiting")
    t.keys(CTRL_C)
    assert t.wait() == 130
    sid = fx.only_session()
    assert fx.meta(sid)["status"] == "interrupted"
    t = fx.spawn("resume", sid, "--config", str(config), dimensions=(ROWS, 100))
    shown = Shown(t, 100)
    shown.until("Restart the router and wait until its lights settle.")
    shown.until("Save and quit")
    t.keys(DOWN, ENTER)  # Done — that fixed it
    shown.until("Outcome: Resolved")
    assert t.wait() == 0
    assert fx.answers(sid)[-1] == ("router", "solved", "user")


def test_the_finnish_agent_screens_at_40_columns(fx: Fixit) -> None:
    t = fx.spawn("--lang", "fi", "start", "e2e-steps", "--agent", dimensions=(ROWS, 40))
    shown = Shown(t, 40)
    for prompt in ("Soittajan nimi", "Organisaatio", "Puhelin tai sähköposti", "Laitetunnus"):
        shown.until(prompt)
        t.keys(ENTER)
    for mark in ("Ei, mikään sivu", "Tehty – ei auttanut", "Aukeaako verkkosivu nyt?", "Palaako"):
        shown.until(mark)
        shown.until("Tallenna ja lopeta")
        t.keys(DOWN, ENTER)
    end = shown.until("Lopputulos: Vaatii jatkokäsittelyä")
    assert t.wait() == 0
    walk = end.split("Lopputulos:")[0]
    headings = re.findall(r"Vaihe (\d+) / enintään \d+ · Puhelu \d\d:\d\d", walk)
    assert [int(n) for n in headings] == [1, 2, 3, 4]
    for text in (
        "E2E: verkko ei toimi",
        "Automaattiset tarkistukset ohitetaan tässä istunnossa: tukihenkilötilassa ne tehtäisiin"
        " sinun koneellasi eikä soittajan koneella.",
        "Aukeaako verkkosivu tällä koneella tai jollakin muulla lähellä olevalla laitteella?",
        "Vastaus: Ei, mikään sivu ei aukea millään tämän paikan laitteella",
        "Toistin ei näytä mitään uutta ilman verkkoa, joten katsotaan seuraavaksi sen näyttöä.",
        "Katsotaan seuraavaksi näyttöä.",
    ):
        assert walk.count(text) == 1, (text, "\n".join(line for line in shown.lines if line))
