"""Known problems in a real terminal (issue 17): a known_issues.yaml in the tree folder (no
network), shown before the first question; "this is my problem" ends the session with outcome
`known` and `fixit report` gives the short report; in agent mode the reminder is on every step."""

from __future__ import annotations

import pytest

from .harness import DOWN, ENTER, Fixit

pytestmark = pytest.mark.e2e

TREE = """\
format: 1
id: portal
version: 1
title: {en: The portal does not work, fi: Portaali ei toimi}
tags: [portal]
start: restart
nodes:
  restart:
    kind: step
    text: {en: Restart the browser., fi: Käynnistä selain uudelleen.}
    say: {en: Could you restart the browser?, fi: Voisitko käynnistää selaimen?}
    solved: done
    unsolved: opens
  opens:
    kind: question
    text: {en: Does the login page open?, fi: Aukeaako kirjautumissivu?}
    say: {en: Does the login page open for you?, fi: Aukeaako kirjautumissivu sinulle?}
    choices:
      - {id: "yes", label: {en: "Yes", fi: "Kyllä"}, goto: escalate}
      - {id: "no", label: {en: "No", fi: "Ei"}, goto: escalate}
  escalate:
    kind: end
    outcome: escalate
    text: {en: Support will look at it., fi: Tuki selvittää asian.}
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed., fi: Korjattu.}
"""

ISSUES = """\
format: 1
issues:
  - id: portal-slow
    title: {en: The member portal is slow, fi: Jäsenportaali on hidas}
    text: {en: We are on it., fi: Selvitämme asiaa.}
    affects: {trees: [portal]}
    since: 2026-12-07T08:00:00+02:00
    ticket: "1234"
    workaround: {en: Use the mobile app meanwhile., fi: Käytä sillä välin mobiilisovellusta.}
    new_reports: true
"""

REMINDER = "Known problem now: The member portal is slow (ticket 1234)"


def folder(fx: Fixit) -> str:
    trees = fx.base / "trees"
    trees.mkdir()
    (trees / "portal.yaml").write_text(TREE, "utf-8")
    (trees / "known_issues.yaml").write_text(ISSUES, "utf-8")
    return str(trees)


@pytest.mark.parametrize("plain", [False, True], ids=["questionary", "plain"])
def test_shown_first_and_this_is_my_problem_ends_with_the_short_report(
    fx: Fixit, plain: bool
) -> None:
    args = ("--plain",) if plain else ()
    t = fx.spawn(*args, "--trees", folder(fx), "start", "portal", trees=False)
    t.expect("Known problem: The member portal is slow")
    t.expect("Use the mobile app meanwhile.")
    t.expect("Is this your problem?")
    t.expect("Stop here")
    assert "Restart the browser" not in t.screen_text  # before the first question
    t.keys("1", ENTER) if plain else t.keys(ENTER)  # the first choice: this is my problem
    t.expect("Your name")
    t.child.send("Maija" + ENTER)
    t.expect("Your phone or e-mail")
    t.keys(ENTER)
    t.expect("Outcome: Known problem")
    assert t.wait() == 0
    sid = fx.only_session()
    assert fx.meta(sid)["outcome"] == "known"
    assert fx.kinds(sid) == ["start", "known", "end", "caller"]
    report = fx.report_json(sid)
    assert report["outcome"] == "known" and report["related_ticket"] == "1234"
    assert report["steps"] == []
    md = fx.report_md(sid)
    assert "## Known problem" in md and "add them to ticket 1234" in md


def test_the_agent_sees_the_line_at_every_step(fx: Fixit) -> None:
    t = fx.spawn("--trees", folder(fx), "start", "portal", "--agent", trees=False)
    t.expect("We already know about a problem")  # the agent's Say box, for the caller
    t.expect("Is this the caller's problem?")
    t.expect("Stop here")
    t.keys(DOWN, ENTER)  # carry on troubleshooting anyway
    for label in ("Caller's name", "Organisation", "Phone or e-mail", "Device id"):
        t.expect(label)
        t.keys(ENTER)
    t.expect(REMINDER)
    t.choose("Could you restart the browser?", down=1)  # still not working
    t.expect(REMINDER)
    t.choose("Does the login page open for you?")
    t.expect("Support will look at it.")
    t.wait()
    screen = t.screen_text
    first = screen.index("Is this the caller's problem?")
    assert screen.count(REMINDER) == 2
    for said in ("Could you restart the browser?", "Does the login page open for you?"):
        assert first < screen.rindex(REMINDER, 0, screen.index(said))
    sid = fx.only_session()
    assert fx.report_json(sid)["known"]["id"] == "portal-slow"
