"""End-to-end: the installed fixit in a pseudo-terminal — keys in, session files out.

Each test drives real prompts (questionary on prompt_toolkit) with pexpect, then asserts on what
fixit left behind: the journal's events, meta.json, `fixit report --format json` and
`fixit sessions --json` — not only on what the screen showed.

The fixtures (fx, http_ok, closed_port, net_config) come from harness.py through conftest.py.
Fixture trees are in tests/data/e2e:
  e2e-flow       en + fi, help text; question -> step -> text input -> end (escalate | resolved)
  e2e-check      a network.internet check with a fallback question
  e2e-multiline  a multiline input
  e2e-hostile    an OSC 8 escape and rich markup in tree text
"""

from __future__ import annotations

import json
import shutil
import signal
import time

import pytest

from .harness import (
    CTRL_C,
    DOWN,
    ENTER,
    ESC,
    PASTE_END,
    PASTE_START,
    UP,
    Fixit,
    strip_ansi,
)

pytestmark = pytest.mark.e2e

POWER = "Is the power light on?"
RESTART = "Restart the device from its power button."
CABLE = "Check that the power cable is plugged in"
HELPED = "Did that help?"
DEVICE = "What is the device id?"


def assert_finished(fx: Fixit, sid: str, outcome: str) -> None:
    meta = fx.meta(sid)
    assert meta["status"] == "finished", meta
    assert meta["outcome"] == outcome, meta
    events = fx.journal(sid)
    assert events[0]["t"] == "start" and events[0]["tree"] == meta["tree"]
    assert events[-1]["t"] == "end" and events[-1]["outcome"] == outcome


# 1 ------------------------------------------------------------------------------------------------
def test_arrow_keys_and_enter_to_an_end_node(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)  # No, it is off
    t.choose("Step 2", CABLE, HELPED, down=1)  # Done — still not working
    t.type_line("Step 3", DEVICE, text="A-1")
    t.expect("Outcome: Needs support")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    assert fx.answers(sid) == [
        ("power", "no", "user"),
        ("cable", "unsolved", "user"),
        ("device", "A-1", "user"),
    ]
    assert fx.kinds(sid) == ["start", "answer", "answer", "answer", "end"]
    report = fx.report_json(sid)
    assert report["id"] == sid and report["outcome"] == "escalate"
    assert [(s["node"], s["value"], s["answer"]) for s in report["steps"]] == [
        ("power", "no", "No, it is off"),
        ("cable", "unsolved", "Done — still not working"),
        ("device", "A-1", "A-1"),
    ]
    assert report["reporter"] == {"device_id": "A-1"} and report["fields"] == []
    assert fx.sessions_json()[0]["status"] == "finished"


# 2 ------------------------------------------------------------------------------------------------
def test_back_by_select_and_by_slash_back_changes_an_earlier_answer(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER)  # Yes, it is on
    # restart: Done — that fixed it, Done — still not working, (gap), ← Back, ...
    t.choose("Step 2", RESTART, HELPED, "← Back", down=2)
    t.choose("Step 1", POWER, down=1)  # the pointer starts on the earlier "yes": change it to "no"
    t.choose("Step 2", CABLE, HELPED, down=1)  # Done — still not working
    t.type_line("Step 3", DEVICE, text="/back")
    t.choose("Step 2", CABLE, HELPED, up=1)  # the pointer starts on "still not working": fixed it
    t.expect("Outcome: Resolved")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "resolved")
    events = fx.journal(sid)
    assert [e["t"] for e in events] == [
        "start",
        "answer",  # power yes
        "back",
        "answer",  # power no
        "answer",  # cable unsolved
        "back",  # /back in the text input
        "answer",  # cable solved
        "end",
    ]
    assert fx.answers(sid) == [
        ("power", "yes", "user"),
        ("power", "no", "user"),
        ("cable", "unsolved", "user"),
        ("cable", "solved", "user"),
    ]
    report = fx.report_json(sid)
    assert [(s["node"], s["value"]) for s in report["steps"]] == [
        ("power", "no"),
        ("cable", "solved"),
    ]
    assert report["fields"] == [] and report["reporter"] == {}  # no device id was given
    md = fx.report_md(sid)
    assert "No, it is off" in md and "Yes, it is on" not in md


# 3 ------------------------------------------------------------------------------------------------
def test_notes_from_the_select_menu_and_from_slash_note(fx: Fixit) -> None:
    first = "Caller is on a mobile phone; call back after 14:00."
    second = "Sticker is worn | *maybe* B-2"
    t = fx.spawn("start", "e2e-flow")
    # power at step 1 (no Back yet): yes, no, (gap), ✎ Add a note, ? Help, Save and quit
    t.choose("Step 1", POWER, "✎ Add a note", down=2)
    t.expect("Your note")
    t.child.send(first)
    t.keys(ENTER)
    t.expect("Note saved.")
    t.choose(POWER)  # asked again; Enter on "Yes, it is on"
    t.choose("Step 2", RESTART, HELPED, down=1)
    t.type_line("Step 3", DEVICE, text="/note")
    t.expect("Your note")
    t.child.send(second)
    t.keys(ENTER)
    t.expect("Note saved.")
    t.type_line(DEVICE, text="B-2")
    t.expect("Outcome: Needs support")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    notes = [(e["node"], e["text"]) for e in fx.journal(sid) if e["t"] == "note"]
    assert notes == [("power", first), ("device", second)]
    assert fx.answers(sid) == [
        ("power", "yes", "user"),
        ("restart", "unsolved", "user"),
        ("device", "B-2", "user"),
    ]
    report = fx.report_json(sid)
    assert [(n["node"], n["text"]) for n in report["notes"]] == notes
    md = fx.report_md(sid)
    assert "Caller is on a mobile phone; call back after 14:00." in md
    assert "Sticker is worn \\| \\*maybe\\* B-2" in md  # Markdown-escaped, not lost


# 4 ------------------------------------------------------------------------------------------------
def test_ctrl_c_exits_130_and_resume_finishes_without_loss_or_duplicates(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER)  # yes
    t.at_select("Step 2", RESTART, HELPED)
    t.keys(CTRL_C)
    t.expect("fixit resume")
    assert t.wait() == 130

    sid = fx.only_session()
    assert fx.meta(sid)["status"] == "interrupted"
    events = fx.journal(sid)
    assert events[-1]["t"] == "quit" and events[-1]["reason"] == "SIGINT"
    assert fx.answers(sid) == [("power", "yes", "user")]
    assert fx.sessions_json()[0]["status"] == "interrupted"

    t = fx.spawn("resume")
    t.expect(f"Carrying on with session {sid}")
    t.choose("Step 2", RESTART, HELPED, down=1)  # still not working
    t.type_line("Step 3", DEVICE, text="C-3")
    t.expect("Outcome: Needs support")
    assert t.wait() == 0

    assert_finished(fx, sid, "escalate")
    assert fx.kinds(sid) == ["start", "answer", "quit", "resume", "answer", "answer", "end"]
    assert fx.answers(sid) == [
        ("power", "yes", "user"),
        ("restart", "unsolved", "user"),
        ("device", "C-3", "user"),
    ]
    assert [s[0] for s in fx.steps(sid)] == ["power", "restart", "device"]


# 5 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("how", "code", "reason"),
    [
        ("SIGTERM", 143, "SIGTERM"),
        ("SIGHUP", 129, "SIGHUP"),
        ("close-terminal", 129, "SIGHUP"),
    ],
)
def test_sigterm_and_sighup_at_a_prompt_save_the_session(
    fx: Fixit, how: str, code: int, reason: str
) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)  # no
    t.at_select("Step 2", CABLE, HELPED)
    time.sleep(0.3)  # an idle prompt (a signal amid key handling: see the test below)
    got = t.hang_up() if how == "close-terminal" else t.signal(getattr(signal, how))
    assert got == code, strip_ansi(t.output)[-1500:]  # a closed terminal once exited 120

    sid = fx.only_session()
    assert fx.meta(sid)["status"] == "interrupted"
    events = fx.journal(sid)
    assert events[-1]["t"] == "quit" and events[-1]["reason"] == reason
    assert fx.answers(sid) == [("power", "no", "user")]
    assert not list(fx.home.rglob("crash-*")), "a crash log was written"

    t = fx.spawn("resume")  # and it carries on where it stopped
    t.choose("Step 2", CABLE, HELPED)  # fixed it
    t.expect("Outcome: Resolved")
    assert t.wait() == 0
    assert_finished(fx, sid, "resolved")
    assert fx.answers(sid) == [("power", "no", "user"), ("cable", "solved", "user")]


# Regression (found by this suite at 3c7ff30, fixed in d9664b0): SIGTERM/SIGHUP arriving while
# prompt_toolkit handles keys is swallowed: the Interrupted raised by the signal handler inside an
# asyncio callback goes to the event loop's exception handler, which prints 'Unhandled exception
# in event loop ... Press ENTER to continue...' and then carries on with the prompt; fixit never
# exits, nothing is saved
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_a_signal_while_keys_are_being_handled_still_saves_and_exits(fx: Fixit, sig: str) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)
    t.at_select("Step 2", CABLE, HELPED)
    t.child.send((DOWN + UP) * 50)  # someone holding an arrow key
    time.sleep(0.005)
    code = t.signal(getattr(signal, sig), timeout=3)
    assert code == {"SIGTERM": 143, "SIGHUP": 129}[sig]
    assert fx.meta(fx.only_session())["status"] == "interrupted"
    assert "Unhandled exception" not in t.screen_text


def test_sigkill_at_a_prompt_keeps_every_answer_already_given(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)  # no
    t.choose("Step 2", CABLE, HELPED, down=1)  # still not working
    t.at_text("Step 3", DEVICE)
    t.child.send("half-typ")  # being typed: may be lost, nothing else may
    t.expect("half-typ")
    assert t.signal(signal.SIGKILL) == 128 + signal.SIGKILL

    sid = fx.only_session()
    assert fx.answers(sid) == [("power", "no", "user"), ("cable", "unsolved", "user")]
    assert fx.meta(sid)["status"] == "running"  # nobody could write "interrupted"...
    listed = fx.sessions_json()
    assert [(s["id"], s["status"]) for s in listed] == [(sid, "interrupted")]  # ...but it lists so

    t = fx.spawn("resume")
    t.type_line("Step 3", DEVICE, text="D-4")
    t.expect("Outcome: Needs support")
    assert t.wait() == 0
    assert_finished(fx, sid, "escalate")
    assert fx.answers(sid) == [
        ("power", "no", "user"),
        ("cable", "unsolved", "user"),
        ("device", "D-4", "user"),
    ]
    assert fx.report_json(sid)["reporter"] == {"device_id": "D-4"}


# 6 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("start", "e2e-flow"), ()], ids=["start-tree", "picker"])
def test_stdin_from_dev_null_refuses_with_exit_4(fx: Fixit, args: tuple[str, ...]) -> None:
    done = fx.run(*args)  # subprocess.run([fixit, ...], stdin=DEVNULL)
    assert done.returncode == 4, done
    assert done.stderr.startswith("fixit: error:"), done.stderr
    assert "--answers" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert fx.session_ids() == [], "a session folder was created for a run that never started"


# 7 ------------------------------------------------------------------------------------------------
def test_save_and_quit_pauses_and_resume_finishes(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER)  # yes
    # restart: fixed it, still not working, (gap), ← Back, ✎ Add a note, Save and quit
    t.choose("Step 2", RESTART, HELPED, down=4)
    t.expect("fixit resume")
    assert t.wait() == 0

    sid = fx.only_session()
    assert fx.meta(sid)["status"] == "paused"
    events = fx.journal(sid)
    assert events[-1]["t"] == "quit" and events[-1]["reason"] == "user"
    assert fx.sessions_json()[0]["status"] == "paused"

    t = fx.spawn("resume")  # the latest unfinished one
    t.choose("Step 2", RESTART, HELPED, down=1)  # still not working
    t.type_line("Step 3", DEVICE, text="/quit")  # save-and-quit typed in a text input
    t.expect("fixit resume")
    assert t.wait() == 0
    assert fx.meta(sid)["status"] == "paused"

    t = fx.spawn("resume", sid)
    t.type_line("Step 3", DEVICE, text="E-5")
    t.expect("Outcome: Needs support")
    assert t.wait() == 0
    assert_finished(fx, sid, "escalate")
    assert fx.answers(sid) == [
        ("power", "yes", "user"),
        ("restart", "unsolved", "user"),
        ("device", "E-5", "user"),
    ]
    assert fx.kinds(sid).count("quit") == 2 and fx.kinds(sid).count("resume") == 2


# 8 ------------------------------------------------------------------------------------------------
def test_agent_mode_asks_the_caller_shows_the_script_and_uses_the_fallback(fx: Fixit) -> None:
    caller = {
        "name": "Maija Meikäläinen",
        "organisation": "Example Oy",
        "contact": "maija@example.fi",
        "device_id": "A-1234",
    }
    t = fx.spawn("start", "e2e-check", "--agent")
    t.expect("Agent mode")
    for prompt, key in (
        ("Caller's name", "name"),
        ("Organisation", "organisation"),
        ("Phone or e-mail", "contact"),
        ("Device id", "device_id"),
    ):
        t.expect(prompt)
        t.child.send(caller[key])
        t.keys(ENTER)
    t.expect("Automatic checks are skipped in this session")
    t.expect("Call 00:")  # the call's elapsed time
    t.expect("Say")
    t.expect("Ask the caller to open www.example.fi in a browser.")
    t.choose("Your answer:", down=1)  # No, nothing opens (the question is shown once, above)
    t.expect("Outcome: Needs follow-up")  # the agent is support: not "needs support"
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    assert fx.meta(sid)["mode"] == "agent"
    events = fx.journal(sid)
    callers = [e for e in events if e["t"] == "caller"]
    assert len(callers) == 1 and callers[0]["caller"] == caller
    assert fx.answers(sid) == [("net", "fallback", "agent"), ("ask_net", "no", "agent")]
    assert not [e for e in events if e["t"] == "check"], "a local check ran in agent mode"
    report = fx.report_json(sid)
    assert report["reporter"] == caller
    assert [(s["node"], s["value"], s["by_label"]) for s in report["steps"]] == [
        ("ask_net", "no", "agent"),  # the check that was not run is no step (S14)
    ]


# 9 ------------------------------------------------------------------------------------------------
def test_self_mode_check_detects_and_accepting_records_by_check(
    fx: Fixit, http_ok: object, net_config: object
) -> None:
    config = net_config(http_ok.url)  # type: ignore[attr-defined,operator]
    t = fx.spawn("start", "e2e-check", "--config", str(config))
    t.expect("Detected: The internet connection works")
    t.choose("That's right — continue")
    t.expect("Outcome: Resolved")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "resolved")
    assert fx.answers(sid) == [("net", "pass", "check")]
    checks = [e for e in fx.journal(sid) if e["t"] == "check"]
    assert [(c["id"], c["result"]["status"]) for c in checks] == [("network.internet", "pass")]
    assert http_ok.hits, "the check never reached the loopback server"  # type: ignore[attr-defined]
    report = fx.report_json(sid)
    assert report["steps"][0]["by"] == "check"
    assert report["steps"][0]["by_label"] == "automatic check"
    assert [(c["id"], c["status"]) for c in report["checks"]] == [("network.internet", "pass")]


def test_self_mode_check_override_asks_the_fallback_question(
    fx: Fixit, closed_port: int, net_config: object
) -> None:
    config = net_config(f"http://127.0.0.1:{closed_port}/")  # type: ignore[operator]
    t = fx.spawn("start", "e2e-check", "--config", str(config))
    t.expect("Detected: The internet does not answer")
    t.choose("That's not right — let me answer", down=1)
    t.choose("Can you open any web page?")  # Yes, pages open
    t.expect("Outcome: Resolved")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "resolved")
    assert fx.answers(sid) == [("net", "fallback", "override"), ("ask_net", "yes", "user")]
    checks = [e for e in fx.journal(sid) if e["t"] == "check"]
    assert [c["result"]["status"] for c in checks] == ["fail"]
    steps = fx.report_json(sid)["steps"]
    assert [(s["node"], s["by_label"]) for s in steps] == [
        ("net", "user (overrode the check)"),
        ("ask_net", "user"),
    ]


# 10 -----------------------------------------------------------------------------------------------
def test_hostile_tree_text_is_inert_and_a_10000_character_answer_is_kept_whole(fx: Fixit) -> None:
    answer = ("0123456789 abcdefghijklmnopqrstuvwxyz ÄÖÅ äöå €" * 300)[:9_999] + "Z"
    assert len(answer) == 10_000
    t = fx.spawn("start", "e2e-hostile")
    t.choose("Pick one", "Plain")  # Enter on the hostile label
    t.at_text("Paste it here")
    t.child.send(PASTE_START + answer + PASTE_END)
    t.expect(answer[-20:])
    t.keys(ENTER)
    t.expect("Outcome: Needs support", timeout=30)
    assert t.wait(timeout=30) == 0

    raw = t.output
    assert "\x1b]8;;http://x" not in raw, "the tree's OSC 8 escape reached the terminal"
    assert "\x1b[31m[bold]" not in raw, "the tree's colour escape reached the terminal"
    assert "\\x1b]8;;http://x\\x07" in raw  # shown in visible form instead
    assert "\\x1b[31m[bold]now[/bold]" in raw
    assert "[red]x[/red]" in raw  # rich markup shown as written, not interpreted
    assert "Traceback" not in raw

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    assert fx.answers(sid) == [("pick", "evil", "user"), ("answer", answer, "user")]
    assert fx.fields(sid) == {"long": answer}


# 11 -----------------------------------------------------------------------------------------------
def test_finnish_with_lang_after_the_command_name(fx: Fixit) -> None:
    t = fx.spawn(
        "start",
        "e2e-flow",
        "--lang",
        "fi",
        env={"FIXIT_LANG": "en"},
        quit_label="Tallenna ja lopeta",
    )
    t.choose("Vaihe 1", "Palaako virran merkkivalo?", "Kyllä, palaa")
    t.choose("Käynnistä laite uudelleen virtakytkimestä.", "Auttoiko tämä?")
    t.expect("Hienoa, laite toimii taas.")
    assert t.wait() == 0
    assert "Did that help?" not in t.screen_text
    assert "(valitse nuolinäppäimillä)" in t.screen_text
    assert "Use arrow keys" not in t.screen_text

    sid = fx.only_session()
    assert_finished(fx, sid, "resolved")
    assert fx.meta(sid)["lang"] == "fi"
    assert fx.answers(sid) == [("power", "yes", "user"), ("restart", "solved", "user")]
    own = fx.run("report", sid, "--format", "json", env={"FIXIT_LANG": None})
    fi = json.loads(own.stdout)  # in the session's language unless --lang says otherwise
    assert fi["lang"] == "fi" and fi["steps"][0]["answer"] == "Kyllä, palaa"
    en = fx.run("--lang", "en", "report", sid, "--format", "json")  # answers are stored by id
    assert en.returncode == 0, en.stderr
    assert '"answer": "Yes, it is on"' in en.stdout


# 12 -----------------------------------------------------------------------------------------------
def test_a_second_resume_of_an_open_session_exits_1(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)
    t.choose("Step 2", CABLE, HELPED, down=4)  # Save and quit
    assert t.wait() == 0
    sid = fx.only_session()

    holder = fx.spawn("resume", sid)
    holder.at_select("Step 2", CABLE, HELPED)

    second = fx.spawn("resume", sid)
    assert second.wait() == 1
    screen = second.screen_text
    assert "fixit: error:" in screen and "is open in process" in screen, screen
    assert "Traceback" not in screen

    piped = fx.run("resume", sid)  # no terminal either: "open elsewhere" still wins
    assert piped.returncode == 1, piped
    assert "is open in process" in piped.stderr

    holder.keys(ENTER)  # the first one is unharmed and finishes
    holder.expect("Outcome: Resolved")
    assert holder.wait() == 0
    assert_finished(fx, sid, "resolved")
    assert fx.answers(sid) == [("power", "no", "user"), ("cable", "solved", "user")]
    assert fx.kinds(sid).count("resume") == 1


# extra: colourless narrow terminal, multiline input --------------------------------------------
def test_dumb_terminal_is_plain_without_colour_at_40_columns(fx: Fixit) -> None:
    t = fx.spawn(
        "start",
        "e2e-flow",
        dimensions=(40, 40),
        env={"TERM": "dumb", "NO_COLOR": "1"},
    )
    for mark, typed in (("Step 1", "2"), ("Step 2", "2")):  # plain mode: answers by number
        t.expect(mark)
        t.expect("Type a number")
        t.child.send(typed + ENTER)
    t.expect("Step 3")
    t.expect("> ")
    t.child.send("F-6" + ENTER)
    t.expect("Outcome:")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    assert fx.answers(sid) == [
        ("power", "no", "user"),
        ("cable", "unsolved", "user"),
        ("device", "F-6", "user"),
    ]
    raw = t.output
    assert "\x1b[" not in raw.replace("\x1b[?2004h", "").replace("\x1b[?2004l", "")
    wide = [line for line in strip_ansi(raw).splitlines() if len(line.rstrip()) > 40]
    assert not wide, f"lines wider than the 40-column terminal: {wide}"


def test_multiline_input_is_stored_with_its_line_breaks(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-multiline")
    t.at_text("Describe what happened.", "Esc then Enter")
    t.child.send("The screen went dark")
    t.keys(ENTER)  # a new line, not the end of the answer
    t.child.send("after the update.")
    t.keys(ESC, ENTER)
    t.expect("Outcome: Needs support")
    assert t.wait() == 0

    sid = fx.only_session()
    assert_finished(fx, sid, "escalate")
    text = "The screen went dark\nafter the update."
    assert fx.answers(sid) == [("what", text, "user")]
    assert fx.fields(sid) == {"description": text}


# regressions: faults this suite found ------------------------------------------------------------
# Regression (found by this suite at 3c7ff30, fixed in d9664b0): Ctrl-C during the agent's caller-
# details prompts loses the details already typed (the caller event is written only after all
# four), writes no quit event, leaves meta status 'running', and `fixit resume` never asks for the
# caller again
def test_ctrl_c_during_the_callers_details_keeps_what_was_typed(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow", "--agent")
    t.expect("Caller's name")
    t.child.send("Maija")
    t.keys(ENTER)
    t.expect("Organisation")
    t.keys(CTRL_C)
    assert t.wait() == 130
    sid = fx.only_session()
    events = fx.journal(sid)
    assert events[-1]["t"] == "quit", events
    assert fx.meta(sid)["status"] == "interrupted"
    names = [e["caller"].get("name") for e in events if e["t"] == "caller"]
    assert "Maija" in names, "the caller's name typed before Ctrl-C was lost"

    t = fx.spawn("resume")  # asks only the details still missing, then the tree
    t.expect("Carrying on with session")
    for prompt, text in (
        ("Organisation", "Example Oy"),
        ("Phone or e-mail", "040 123"),
        ("Device id", "A-9"),
    ):
        t.expect(prompt)
        t.child.send(text)
        t.keys(ENTER)
    t.choose("Step 1", POWER)
    t.choose("Step 2", RESTART, HELPED)
    t.expect("Outcome: Resolved")
    assert t.wait() == 0
    resumed = t.screen_text.split("Carrying on with session", 1)[1]
    assert "Caller's name" not in resumed, "resume asked again for a detail already given"
    assert_finished(fx, sid, "resolved")
    assert fx.report_json(sid)["reporter"] == {
        "name": "Maija",
        "organisation": "Example Oy",
        "contact": "040 123",
        "device_id": "A-9",
    }


# Regression (found by this suite at 3c7ff30, fixed in d9664b0): `fixit report` (Markdown) writes
# control characters from answers raw: ESC c (terminal reset) and U+202E (bidi override) reach the
# terminal; md_escape escapes only Markdown punctuation
def test_report_markdown_shows_control_characters_from_answers_visibly(fx: Fixit) -> None:
    answer = "reset \x1bc here \u202egnp.exe"
    t = fx.spawn("start", "e2e-hostile")
    t.choose("Pick one", down=1)  # Plain
    t.at_text("Paste it here")
    t.child.send(PASTE_START + answer + PASTE_END)
    time.sleep(0.2)
    t.keys(ENTER)
    t.expect("Outcome: Needs support")
    assert t.wait() == 0
    summary = t.output[t.output.rindex("Outcome:") :]  # (the input line echoes what was pasted)
    assert "\x1bc" not in summary and "\u202e" not in summary  # the wizard's summary is safe
    sid = fx.only_session()
    assert fx.fields(sid) == {"long": answer}  # stored whole

    r = fx.spawn("report", sid, env={"PAGER": "cat"})  # a person reading it in a terminal
    assert r.wait() == 0
    assert "here" in r.output
    assert "\x1b" not in r.output, "a raw ESC from an answer reached the terminal"
    assert "\u202e" not in r.output, "a raw bidi override from an answer reached the terminal"


# Regression (found by this suite at 3c7ff30, fixed in d9664b0): a second plain `fixit resume`
# while the only unfinished session is open in another fixit says 'there is no unfinished session
# to carry on' instead of naming the session and who holds it
def test_a_second_plain_resume_says_the_session_is_open_elsewhere(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.at_select("Step 1", POWER)
    t.keys(CTRL_C)
    assert t.wait() == 130
    holder = fx.spawn("resume")
    holder.at_select("Step 1", POWER)
    second = fx.spawn("resume")
    assert second.wait() == 1
    assert "is open in process" in second.screen_text, second.screen_text


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_a_report_taller_than_the_terminal_opens_in_the_pager(fx: Fixit) -> None:
    t = fx.spawn("start", "e2e-flow")
    t.choose("Step 1", POWER, down=1)
    t.choose("Step 2", HELPED, down=1)
    t.type_line("Step 3", DEVICE, text="P-1")
    assert t.wait() == 0
    r = fx.spawn("report", fx.only_session(), dimensions=(12, 80), env={"PAGER": "less"})
    r.expect("Summary")
    time.sleep(0.3)
    assert r.child.isalive(), "the report was printed past the screen instead of paged"
    r.keys("q")
    assert r.wait() == 0
