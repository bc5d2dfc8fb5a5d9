"""Check results in a report: each step keeps its own run, named by the check's title, with the
plain sentence and the technical detail as readable lines in the report's language."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from fixit.diagnostics.internet import check_internet
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.engine import Engine
from fixit.events import Answer, Check, Event
from fixit.history import replay
from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.model import assemble_report
from fixit.report.render import FORMATS, render
from fixit.report.schema import SCHEMA
from fixit.trees.validate import check_text

TREE_TEXT = """\
format: 1
id: net-demo
title: {en: The internet connection does not work, fi: Internetyhteys ei toimi}
start: scope
nodes:
  scope:
    kind: question
    text: {en: Does it fail on every device?, fi: Ei toimiiko millään laitteella?}
    choices:
      - {id: all, label: {en: "All devices", fi: "Kaikilla laitteilla"}, goto: router_restart}
  router_restart:
    kind: step
    text: {en: Restart the router., fi: Käynnistä reititin uudelleen.}
    verify: network.internet
    solved: fixed
    unsolved: site_check
  site_check:
    kind: check
    check: network.internet
    text: {en: Checking the internet connection once more…, fi: Tarkistetaan vielä kerran…}
    on: {pass: fixed, fail: broken}
    fallback: broken
  fixed: {kind: end, outcome: resolved, text: {en: Fixed., fi: Korjattu.}}
  broken: {kind: end, outcome: escalate, text: {en: Support takes over., fi: Tuki jatkaa.}}
"""
TREE, PROBLEMS = check_text(TREE_TEXT, "net-demo.yaml", "net-demo")
assert TREE is not None, PROBLEMS
TREES = {TREE.id: TREE}
META = {"id": "20261207-010000-abcd", "tree": "net-demo", "lang": "en", "started": ""}
#: English data keys and JSON a Finnish report must not show
RAW = ("probes", '"url"', "connect_timeout", "{", "[", "'ok'", "kind:", "error:")


class Quick(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def runs() -> Iterator[tuple[CheckResult, CheckResult]]:
    """Two real runs of network.internet on loopback: refused first, then answered."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quick)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    base = {"connect_timeout": 2.0, "read_timeout": 2.0}
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        refused = s.getsockname()[1]  # closed when the block ends: connects are refused
    try:
        down = check_internet({**base, "urls": [f"http://127.0.0.1:{refused}/generate_204"]})
        up = check_internet({**base, "urls": [f"http://127.0.0.1:{port}/generate_204"]})
        yield down, up
    finally:
        srv.shutdown()
        srv.server_close()


def events(down: CheckResult, up: CheckResult, named: bool) -> list[Event]:
    """A session: the router restart's verify fails, the later site check passes.

    `named`: the check events name their step (as fixit writes them now) or not (older journals)."""

    def check(result: CheckResult, node: str) -> Check:
        return Check(result.id, result.to_json(), node if named else "")

    def answer(node: str, value: str, by: str, at: str) -> Answer:
        return Answer(node, value, by, at)

    return [
        answer("scope", "all", "user", "2026-12-07T01:00:00+00:00"),
        check(down, "router_restart"),
        answer("router_restart", "unsolved", "check", "2026-12-07T01:01:00+00:00"),
        check(up, "site_check"),
        answer("site_check", "pass", "check", "2026-12-07T01:02:00+00:00"),
    ]


def report(lang: str, down: CheckResult, up: CheckResult, named: bool = True) -> Report:
    history = replay(Engine(TREES, "net-demo"), events(down, up, named))
    return assemble_report({**META, "lang": lang}, TREES, history, Messages(lang))


def test_the_runs_are_real(runs: tuple[CheckResult, CheckResult]) -> None:
    down, up = runs
    assert (down.status, up.status) == ("fail", "pass")
    assert down.data["probes"][0]["kind"] == "refused" and up.data["probes"][0]["ok"]


@pytest.mark.parametrize("named", [True, False], ids=["named", "older-journal"])
def test_each_step_keeps_its_own_run(runs: tuple[CheckResult, CheckResult], named: bool) -> None:
    r = report("en", *runs, named=named).to_json()
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(json.dumps(r)))
    steps = {s["node"]: s for s in r["steps"]}
    assert steps["router_restart"]["check"]["status"] == "fail"
    assert steps["site_check"]["check"]["status"] == "pass"
    assert steps["site_check"]["question"] == "Internet connection"  # the title, not the id
    assert steps["site_check"]["answer"] == "OK — The internet connection works."
    assert [(c["step"], c["status"]) for c in r["checks"]] == [(2, "fail"), (3, "pass")]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_reports_show_check_data_as_readable_lines(
    runs: tuple[CheckResult, CheckResult], fmt: str, lang: str
) -> None:
    text = " ".join(render(report(lang, *runs), fmt, Messages(lang)).split())  # unwrapped
    title = CHECKS["network.internet"].title.render(lang)
    step = {"en": "Step", "fi": "Vaihe", "sv": "Steg"}[lang]
    assert f"{step} 2: {title}" in text and f"{step} 3: {title}" in text
    assert "site_check" not in text and "router_restart" not in text
    plain = {
        "en": "The internet does not answer.",
        "fi": "Internet ei vastaa.",
        "sv": "Det går inte att nå internet.",
    }[lang]
    # the probe's failure, kept as a message beside its English, in the report's language
    refused = {
        "en": "refused the connection",
        "fi": "torjui yhteyden",
        "sv": "avvisade anslutningen",
    }[lang]
    address = {"en": "Test address", "fi": "Testiosoite", "sv": "Testadress"}[lang]
    assert plain in text and refused in text and address in text
    body = re.sub(r"(?s)<style>.*</style>|<[^>]+>|&quot;", " ", text) if fmt == "html" else text
    body = re.sub(r"https?://\S+", " ", body)  # a test address may hold anything
    for raw in RAW:
        assert raw not in body, (raw, fmt, lang)
    if lang == "fi":
        for english in ("Test address", "Status", "Time", "does not", "answered", "refused"):
            assert english not in body, english
    if lang == "sv":  # the tree has no Swedish: its own texts fall back to English, the data not
        for english in ("Test address", "Status", "Time", "refused"):
            assert english not in body, english
