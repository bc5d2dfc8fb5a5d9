"""Issue 18 in a real terminal: a self-mode session saved and quit shows its support code; the
code, read off the screen, is typed into `fixit start --from-code CODE --agent` on the agent's
machine (a second state folder, the same trees), which carries on to an end; the report lists
the user's steps, then the agent's. And the code's line at 40 columns and in plain mode."""

from __future__ import annotations

import re

import pyte
import pytest

from .harness import DOWN, ENTER, Fixit, strip_ansi

pytestmark = pytest.mark.e2e

POWER = "Is the power light on?"
CABLE = "Check that the power cable is plugged in"
DEVICE = "What is the device id?"
CODE = re.compile(r"Support code: ([0-9A-Z]{4}(?:-[0-9A-Z]{1,4})*)")


def test_a_code_read_off_the_users_screen_carries_on_as_the_agent(fx: Fixit) -> None:
    user = fx.spawn("start", "e2e-flow", "--self")
    user.choose("Step 1", POWER, down=1)  # No, it is off
    user.choose("Step 2", CABLE, down=1)  # Done — still not working
    user.at_text("Step 3", DEVICE)
    user.child.send("/quit" + ENTER)
    user.expect("Saved. Carry on later with")
    assert user.wait() == 0
    found = CODE.search(strip_ansi(user.output))
    assert found, strip_ansi(user.output)[-1500:]
    code = found.group(1)
    assert "Read it out as:" in strip_ansi(user.output)
    assert fx.sessions_json()[0]["support_code"] == code

    (fx.base / "agent").mkdir()
    agent_fx = Fixit(fx.base / "agent")  # the agent's machine: its own state, the same trees
    agent = agent_fx.spawn("start", "--from-code", code.lower(), "--agent")
    fx.children.append(agent.child)  # closed with the rest at the test's end
    agent.expect(f"Picked up from support code {code}")
    for label, value in (
        ("Caller's name", "Maija"),
        ("Organisation", ""),
        ("Phone or e-mail", ""),
        ("Device id", ""),
    ):
        agent.expect(label)
        agent.child.send(value + ENTER)
    agent.type_line(DEVICE, text="A-1")  # typed values are never in a code: asked again
    agent.expect("Needs follow-up")
    assert agent.wait() == 0

    sid = agent_fx.only_session()
    meta = agent_fx.meta(sid)
    assert meta["mode"] == "agent" and meta["status"] == "finished"
    assert [e["t"] for e in agent_fx.journal(sid)][:3] == ["start", "handover", "caller"]
    report = agent_fx.report_json(sid)
    assert report["handover"]["code"] == code and report["handover"]["steps"] == 2
    assert [(s["node"], s["by"]) for s in report["steps"]] == [
        ("power", "user"),
        ("cable", "user"),
        ("device", "agent"),
    ]
    md = agent_fx.report_md(sid)
    before = md.index("Before the call, the caller's own steps")
    assert before < md.index("Is the power light on?") < md.index("On the call, with the agent")
    assert md.index("On the call, with the agent") < md.index("What is the device id?")


@pytest.mark.parametrize("plain", [False, True], ids=["rich", "plain"])
def test_the_code_line_is_whole_at_40_columns(fx: Fixit, plain: bool) -> None:
    args = ("--plain",) if plain else ()
    t = fx.spawn(*args, "start", "e2e-flow", "--self", dimensions=(60, 40))
    if plain:
        t.expect("Type a number from 1 to")
        t.child.send("/quit" + ENTER)
    else:
        t.at_select("Step 1", POWER)
        t.keys(*([DOWN] * 4), ENTER)  # yes, no, (gap), note, help, Save and quit
    t.expect("Saved. Carry on later with")
    assert t.wait() == 0
    screen = pyte.Screen(40, 60)
    pyte.Stream(screen).feed(t.output)
    lines = [line.rstrip() for line in screen.display]
    code = fx.sessions_json()[0]["support_code"]
    assert f"Support code: {code}" in lines, "\n".join(lines)
    assert any(line.startswith("Read it out as:") for line in lines)


def test_plain_mode_at_40_columns_hands_over_too(fx: Fixit) -> None:
    user = fx.spawn("--plain", "start", "e2e-flow", "--self", dimensions=(60, 40))
    for typed in ("2", "2"):  # No, it is off; Done — still not working
        user.expect("Type a number from 1 to")
        user.child.send(typed + ENTER)
    user.expect(DEVICE)
    user.expect("> ")
    user.child.send("/quit" + ENTER)
    user.expect("Saved. Carry on later with")
    assert user.wait() == 0
    code = fx.sessions_json()[0]["support_code"]
    assert f"Support code: {code}" in strip_ansi(user.output).splitlines()

    (fx.base / "agent").mkdir()
    agent_fx = Fixit(fx.base / "agent")
    agent = agent_fx.spawn("--plain", "start", "--from-code", code, dimensions=(60, 40))
    fx.children.append(agent.child)
    agent.expect("Picked up from support code")
    for _ in range(4):  # the caller's details, left blank
        agent.expect("> ")
        agent.child.send(ENTER)
    agent.expect(DEVICE)
    agent.expect("> ")
    agent.child.send("A-1" + ENTER)
    agent.expect("Needs follow-up")
    assert agent.wait() == 0
    shown = strip_ansi(agent.output)
    assert not [line for line in shown.splitlines() if len(line.rstrip()) > 40]
    sid = agent_fx.only_session()
    assert agent_fx.meta(sid)["mode"] == "agent"  # --from-code alone is agent mode
    assert agent_fx.report_json(sid)["handover"]["steps"] == 2
