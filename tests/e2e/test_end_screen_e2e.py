"""The end of a session as a real terminal shows it (pyte keeps the screen), in Finnish in agent
mode: every shipped tree walked to an escalation ends with its end text and one next step for
support's own agent, with no promise that support "takes it from here", no Markdown, and the
right word for an incident, a request or a question (review C3, S6; newcomer F5). When fixit
offers to send and the agent accepts, the screen ends with the ticket reference."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pyte
import pytest
import yaml

from .harness import ENTER, Fixit, Term

pytestmark = pytest.mark.e2e

TREES = Path(__file__).resolve().parents[2] / "decision_trees"
ROWS, COLUMNS = 400, 100
NOUN = {"incident": "Tapaus", "service_request": "Pyyntö", "advice": "Kysymys"}
#: never on an end screen: a promise that it is sent or that support takes over (said to
#: support itself), Markdown marks, investigation words
NEVER = ("tuki hoitaa", "hoitaa asian tästä", "lähtee tukeen", "siirretään", "selvitettävä", "`")


def shipped() -> list[str]:
    return sorted(p.stem for p in TREES.glob("*.yaml") if not p.name.endswith(".test.yaml"))


def agent_escalation(tree: str) -> dict[str, Any] | None:
    """The tree's own test case that ends in an escalation in agent mode, if it has one."""
    cases = yaml.safe_load((TREES / f"{tree}.test.yaml").read_text("utf-8")) or []
    for case in cases:
        if case.get("mode") == "agent" and case["expect"]["outcome"] == "escalate":
            return dict(case)
    return None


def screen_at_exit(t: Term, columns: int = COLUMNS) -> list[str]:
    """Everything fixit drew until it exited (what the prompts already read too), as the
    terminal shows it."""
    deadline = time.monotonic() + 60
    while t.child.isalive() and time.monotonic() < deadline:
        try:
            t.child.read_nonblocking(65536, timeout=0.5)  # logged into t.output
        except Exception:  # EOF, or a pause in the drawing
            continue
    screen = pyte.Screen(columns, ROWS)
    pyte.Stream(screen).feed(t.output)
    return [line.rstrip() for line in screen.display]


def flat(lines: list[str]) -> str:
    text = " ".join(line.strip() for line in lines)
    return re.sub(r"\s+", " ", re.sub("[│╭╮╰╯─┃┏┓┗┛━]", " ", text)).strip()


def target(fx: Fixit) -> Path:
    share = fx.base / "share"
    share.mkdir(exist_ok=True)
    return fx.write_config(f"submit:\n  targets:\n    tuki: {{type: directory, path: '{share}'}}\n")


@pytest.mark.parametrize("tree", shipped())
def test_every_shipped_tree_ends_an_agent_escalation_with_one_next_step(
    fx: Fixit, tree: str
) -> None:
    case = agent_escalation(tree)
    if case is None:
        pytest.skip(f"{tree} has no escalation in agent mode")
    answers = {"tree": tree, "mode": "agent", "lang": "fi", "answers": case["answers"]}
    if case.get("checks"):
        answers["checks"] = case["checks"]
    path = fx.base / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    config = target(fx)
    t = fx.spawn("--config", str(config), "start", "--answers", str(path), trees=False,
                 dimensions=(ROWS, COLUMNS), env={"FIXIT_LANG": "fi"})  # fmt: skip
    lines = screen_at_exit(t)
    assert t.wait() == 0, "\n".join(lines)
    shown = flat(lines)
    sid = fx.only_session()
    done = fx.run("report", sid, "--format", "json", env={"FIXIT_LANG": "fi"})
    report = json.loads(done.stdout)
    noun = NOUN[report["category"]]
    assert "Lopputulos: Vaatii jatkokäsittelyä" in shown  # said to support, not "needs support"
    assert "Tarvitaan tuen apua" not in shown
    assert report["end"]["text"] and " ".join(report["end"]["text"].split()) in shown
    expected = (
        f"{noun} on tallennettu tunnuksella {sid}, mutta sitä ei ole vielä viety tukijonoon. "
        f"Vie se tukijonoon komennolla: fixit submit {sid}"
    )
    assert shown.endswith(expected), "\n".join(line for line in lines if line)
    assert len(re.findall(r"fixit \w+ \d", shown)) == 1  # one next step, the last thing
    for word in NEVER:
        assert word not in shown.casefold(), word
    if report["category"] != "incident":  # a request or a question is not a fault
        for word in ("selvit", "tutki", "vika"):
            assert word not in flat([expected]).casefold()
    last = [line for line in lines if line][-1]
    assert last.endswith(sid) and len(last) <= COLUMNS  # the command whole on its own line


END_TREE = """format: 1
id: end-offer
version: 1
title: {en: Offer, fi: Tarjous}
category: service_request
audience: [self, agent]
start: what
nodes:
  what:
    kind: question
    text: {en: What is needed?, fi: Mitä tarvitaan?}
    say: {en: What do you need?, fi: Mitä tarvitset?}
    choices:
      - {id: key, label: {en: A key, fi: Avain}, goto: done}
  done:
    kind: end
    outcome: escalate
    text: {en: Thank you; the request is saved., fi: "Kiitos, pyyntö on tallessa."}
"""


@pytest.mark.parametrize("send", [True, False])
def test_the_offer_comes_after_the_summary_and_sending_ends_with_the_ticket(
    fx: Fixit, send: bool
) -> None:
    folder = fx.base / "trees"
    folder.mkdir()
    (folder / "end-offer.yaml").write_text(END_TREE, "utf-8")
    config = target(fx)
    t = fx.spawn("--config", str(config), "--trees", str(folder), "start", "end-offer",
                 "--agent", trees=False, dimensions=(ROWS, COLUMNS), env={"FIXIT_LANG": "fi"},
                 quit_label="Tallenna ja lopeta")  # fmt: skip
    for prompt in ("Soittajan nimi", "Organisaatio", "Puhelin tai sähköposti", "Laitetunnus"):
        t.expect(prompt)
        t.keys(ENTER)
    t.choose("Mitä tarvitaan?")
    t.expect("Viedäänkö tämä tukijonoon (tuki) nyt?")
    t.expect("Ei nyt")
    if not send:
        t.keys("\x1b[B", "\x1b[B")
    t.keys(ENTER)
    lines = screen_at_exit(t)
    assert t.wait() == 0
    shown = flat(lines)
    sid = fx.only_session()
    saved = f"Pyyntö on tallennettu tunnuksella {sid}, mutta sitä ei ole vielä viety tukijonoon."
    assert saved in shown and "`" not in shown
    if send:
        [ticket] = list((fx.base / "share").iterdir())
        assert shown.endswith(f"Lähetetty kohteeseen tuki: {ticket.name} {ticket}")
        assert "fixit submit" not in shown  # never told to send what it then sent
    else:
        assert shown.endswith(f"Voit viedä sen tukijonoon myöhemmin komennolla: fixit submit {sid}")
        assert shown.count("fixit submit") == 1
        assert not list((fx.base / "share").iterdir())
