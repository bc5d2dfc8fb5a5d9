"""`fixit report` alone, as a new user meets it: no session yet, the core questions answered in a
real pseudo-terminal, the diagnostics run meanwhile, and a report support can act on."""

from __future__ import annotations

import json

import pytest

from .harness import DOWN, ENTER, ESC, Fixit

pytestmark = pytest.mark.e2e


def multiline(t: object, mark: str, text: str) -> None:
    t.at_text(mark)  # type: ignore[attr-defined]
    t.child.send(text)  # type: ignore[attr-defined]
    t.keys(ESC, ENTER)  # type: ignore[attr-defined]


def test_report_with_no_session_asks_the_core_questions_and_prints_the_report(
    fx: Fixit, http_ok: object
) -> None:
    url = http_ok.url  # type: ignore[attr-defined]
    config = fx.write_config(
        "checks:\n"
        f"  network.internet: {{urls: ['{url}'], connect_timeout: 1, read_timeout: 1}}\n"
        f"  time.skew: {{url: '{url}', timeout: 1}}\n"
        "  network.dns: {names: [localhost]}\n"
        "  network.gateway: {enabled: false}\n"
    )
    shot = fx.base / "screenshot.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n fake picture")
    t = fx.spawn("--config", str(config), "report", trees=False, env={"PAGER": "cat"})
    t.choose("Answer a few questions about just one problem", "Continue")
    t.choose("What do you need?")  # Something is broken
    t.choose("What is it about?", down=2)  # A computer, the network or another device
    t.type_line("Which device is it?", text="Laptop L-0042")
    multiline(t, "What were you doing", "Logging in to the member registry")
    multiline(t, "What happened?", "The page reloads and shows the login form again")
    multiline(t, "error message", "Error 500: Internal Server Error")
    t.type_line("Since when", text="this morning at about 9")
    t.choose("How often does it happen?")  # Every time
    multiline(t, "make it happen again", "Open the registry, log in, press Enter")
    multiline(t, "Who is affected?", "Me and my colleague (member 1234)")
    t.at_select("How badly does it stop work?")
    t.keys(DOWN, ENTER)  # I cannot do my work
    t.type_line("screenshot or a photo", text=str(shot))
    t.type_line("Your name", text="Maija Meikäläinen")
    t.type_line("Your e-mail address or phone number", text="maija@example.fi")
    t.expect("The page reloads and shows the login form again — Laptop L-0042 — blocks my")
    assert t.wait(timeout=30) == 0
    screen = t.screen_text
    for shown in ("Error 500: Internal Server Error", "screenshot.png", "Internet connection"):
        assert shown in screen, shown

    sid = fx.only_session()
    assert fx.meta(sid)["tree"] == "report-problem" and fx.meta(sid)["status"] == "finished"
    report = fx.report_json(sid)
    assert report["problem"]["error_message"] == "Error 500: Internal Server Error"
    assert report["urgency"] == "high" and report["category"] == "incident"
    assert report["reporter"] == {
        "name": "Maija Meikäläinen",
        "contact": "maija@example.fi",
        "device_id": "Laptop L-0042",
    }
    [picture] = report["attachments"]
    assert picture["name"] == "screenshot.png" and picture["sha256"] and picture["problem"] is None
    checks = {c["id"]: c["status"] for c in report["checks"]}
    assert checks["network.internet"] == "pass"  # the diagnostics ran while the user answered
    assert checks["network.gateway"] == "skipped"
    assert len(checks) + len(report["environment"]["checks"]) == 15
    assert http_ok.hits  # type: ignore[attr-defined]
    json.dumps(report)
