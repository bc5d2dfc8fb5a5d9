"""`fixit --lang sv`: errors and hints, diagnose, a session's report in every format, the listings,
and Swedish chosen by the locale or the configuration; yes and no typed in Swedish.

Assertions compare with what the catalogue says, so that a proofreader may reword a Swedish text
and these tests still hold: each message's Swedish must be in the output and its English msgid
must not. A few Swedish words are pinned as they are: the trees' own `sv:` texts and the date.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fixit.diagnostics.registry import CHECKS
from fixit.i18n import Messages, Msg, _, ngettext, pgettext
from fixit.labels import CATEGORY, DIAG_STATUS, MODE, OUTBOX_STATUS, OUTCOME, URGENCY

from .test_diagnose import LOCAL, offline_config
from .test_outbox_messages import failed_item

SV = Messages("sv")
TREE = "computer-wont-start"
#: computer-wont-start's own Swedish (decision_trees/computer-wont-start.yaml)
SV_TITLE = "Datorn startar inte"
SV_FIRST = "Tryck en gång på datorns strömbrytare."
SV_ANSWER = "Nej, ingenting händer"
SV_END = "Tack! Datorn (PC-00417) behöver granskas närmare"
EN_TREE = [
    "The computer does not start",
    "Press the computer's power button",
    "No, nothing happens",
]
#: a date and time as Finland-Swedish writes them, and the English form that must not appear
SV_TIME = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{1,2}\.\d{2}\b")
EN_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b")

AGENT_RUN = {
    "tree": TREE,
    "mode": "agent",
    "lang": "sv",
    "answers": {
        "any_sign": "nothing",
        "power_cable": "unsolved",
        "power_strip": "strip",
        "extension_switch": "unsolved",
        "socket_test": "works",
        "asset_tag": "PC-00417",
        "urgency": "high",
    },
    "caller": {
        "name": "Maja Andersson",
        "organisation": "Exempel Ab",
        "contact": "040 123 4567",
        "device_id": "PC-00417",
    },
    "notes": ["Ringer från mobilen."],
}


def flat(text: str) -> str:
    """The output with every run of white space (a wrapped line, a table's padding) as one space."""
    return " ".join(text.split())


def swedish(output: str, *messages: Msg, any_case: bool = False) -> None:
    """Each message is in `output` in Swedish, and its English is not (as a whole phrase)."""
    shown = flat(output)
    if any_case:  # a value a renderer starts with a capital ("Störning" for "störning")
        shown = shown.casefold()
    for message in messages:
        english, said = str(message), SV(message)
        assert said != english, f"no Swedish for the msgid {message.id!r}"
        expected = flat(said).casefold() if any_case else flat(said)
        assert expected in shown, f"{said!r} ({message.id!r}) not in:\n{output}"
        phrase = re.escape(flat(english).casefold() if any_case else flat(english))
        assert not re.search(rf"(?<!\w){phrase}(?!\w)", shown), f"English {english!r} in:\n{output}"


def no_english(output: str, *texts: str) -> None:
    """None of `texts` (English a Swedish screen must not show) is in `output`."""
    shown = flat(output)
    for text in texts:
        found = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown)
        assert not found, f"English {text!r} in:\n{output}"


def run_agent_session(fixit: Callable[..., Any], tmp_path: Path, *options: str) -> str:
    """The agent-mode answer file above, run to its end; the new session's id."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(AGENT_RUN, ensure_ascii=False), "utf-8")  # JSON is YAML
    run = fixit(*options, "start", "--answers", str(path), "--no-checks")
    assert run.code == 0, run.err
    return str(json.loads(fixit("sessions", "--json").out)[0]["id"])


# -- errors and their hints -----------------------------------------------------------------------
def test_no_such_session_is_an_error_and_a_hint_in_swedish(fixit: Callable[..., Any]) -> None:
    run = fixit("--lang", "sv", "report", "nosuchid")
    assert run.code == 1
    assert run.err.startswith("fixit: error: ") and "\nhint: " in run.err
    swedish(
        run.err,
        _("there is no session {id}.", id="'nosuchid'"),
        _("Run `fixit sessions` to see them."),
    )
    assert "Traceback" not in run.err and run.out == ""


def test_a_yaml_problem_in_the_configuration_is_told_in_swedish_at_its_place(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("defaults:\n  lang: [sv\n")
    run = fixit("--lang", "sv", "--config", str(path), "sessions")
    assert run.code == 1
    problem = _("YAML syntax: {problem}", problem=_("did not find expected ',' or ']'"))
    assert f"{path}:3:1: {SV(problem)}" in flat(run.err), run.err
    swedish(run.err, problem, _("Fix the configuration file and try again."))


def test_a_bad_tree_is_listed_in_swedish_by_trees_validate(
    fixit: Callable[..., Any], tree_dir: Path
) -> None:
    bad = tree_dir / "broken.yaml"
    bad.write_text("format: 1\nid: other\n")
    run = fixit("--lang", "sv", "trees", "validate", str(bad))
    assert run.code == 1
    said = run.out + run.err
    for key in ("title", "start", "nodes"):
        assert f"{bad}:1:1: {SV(_('missing required key {key}', key=repr(key)))}" in said
    assert f"{bad}:2:5: " in said
    many = ngettext(
        "{problems} problem in {files} of {n} tree files.",
        "{problems} problems in {files} of {n} tree files.",
        4,
    )
    swedish(
        said,
        _("missing required key {key}", key="'title'"),
        _("id {id} differs from the file name {stem}", id="'other'", stem="'broken'"),
        many.with_values(problems=4, files=1, n=1),
    )


def test_an_unknown_option_is_a_usage_error_with_a_swedish_hint(
    fixit: Callable[..., Any],
) -> None:
    run = fixit("--lang", "sv", "sessions", "--bogus")
    assert run.code == 2
    assert run.err.startswith("fixit: error: ") and "--bogus" in run.err
    swedish(run.err, _("Run `fixit --help` or `fixit COMMAND --help`."))


# -- diagnose --------------------------------------------------------------------------------------
def test_diagnose_speaks_swedish_in_its_table_and_its_counts(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    config = offline_config(tmp_path)  # the internet check fails at once, offline
    run = fixit("--lang", "sv", "--config", str(config), "diagnose", *LOCAL)
    run_net = fixit(
        "--lang", "sv", "--config", str(config), "diagnose", "--check", "network.internet"
    )
    assert run.code in (0, 1) and run_net.code == 1
    titles = [CHECKS[i].title for i in ("system.info", "disk.space", "memory.usage")]
    swedish(run.out, _("Check"), _("Found"), *titles)
    swedish(run_net.out, CHECKS["network.internet"].title, DIAG_STATUS["fail"])
    swedish(run_net.out, ngettext("{n} failed", "{n} failed", 1))
    head, tail = SV(_("Checks: {n} in {seconds} s", n=1, seconds="\0")).split("\0")
    assert flat(head) in flat(run_net.out) and flat(tail) in flat(run_net.out)
    no_english(run_net.out, "Checks: 1 in", "refused the connection", "Internet connection")


def test_diagnose_json_carries_swedish_beside_english_and_finnish(
    fixit: Callable[..., Any],
) -> None:
    run = fixit("--lang", "sv", "diagnose", "--json", *LOCAL)
    doc = json.loads(run.out)
    assert len(doc["results"]) == 3
    for r in doc["results"]:
        assert set(r["title"]) >= {"en", "fi", "sv"}
        assert r["title"]["sv"] == SV(CHECKS[r["id"]].title) != r["title"]["en"]
        assert r["summary"]["sv"], r
        if r["id"] != "system.info":  # that one may be only the system's own name
            assert r["summary"]["sv"] != r["summary"]["en"], r
        assert r["plain"]["sv"].endswith(".") and r["plain"]["sv"] != r["plain"]["en"], r


# -- a session and its report ----------------------------------------------------------------------
REPORT_WORDS = [
    _("Summary"),
    _("Category"),
    _("Urgency"),
    _("Outcome"),
    _("Topic"),
    _("Started"),
    _("Duration"),
    _("Mode"),
    _("Caller"),
    _("Name"),
    _("Contact"),
    _("Steps and answers"),
    _("Answer"),
    _("Answered by"),
    _("Details collected"),
    _("Notes"),
    _("Result and next step"),
]
REPORT_VALUES = [
    OUTCOME["escalate"],
    CATEGORY["incident"],
    URGENCY["high"],
    MODE["agent"],
    _("answer file"),
]


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_a_swedish_session_reports_in_swedish(
    fixit: Callable[..., Any], tmp_path: Path, fmt: str
) -> None:
    sid = run_agent_session(fixit, tmp_path, "--lang", "sv")
    run = fixit("--lang", "sv", "report", sid, "--format", fmt)
    assert run.code == 0, run.err
    out = run.out
    if fmt == "html":
        assert '<html lang="sv">' in out
        out = re.sub(r"<[^>]+>", " ", out).replace("&#x27;", "'").replace("&amp;", "&")
    swedish(out, *REPORT_WORDS)
    swedish(out, *REPORT_VALUES, any_case=True)
    for text in (SV_TITLE, SV_FIRST, SV_ANSWER, SV_END, "Maja Andersson", "Ringer från mobilen."):
        assert text in flat(out), text
    steps = SV(ngettext("{n} step", "{n} steps", 7))
    assert f"{SV_TITLE} — PC-00417 — " in flat(out) and steps in flat(out)
    assert SV_TIME.search(flat(out)) and not EN_TIME.search(out), out
    no_english(out, *EN_TREE, "Made with fixit", "step", "steps")


def test_the_reports_checks_and_environment_are_swedish(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "tree: no-internet\nlang: sv\n"
        "answers: {scope: one, device_restart: unsolved, laptop_test: works, urgency: high}\n"
        "checks: {network.interfaces: fail, network.internet: fail}\n"
    )
    assert fixit("start", "--answers", str(path)).code == 0
    run = fixit("report", "--format", "markdown")  # the session's language
    assert run.code == 0, run.err
    swedish(
        run.out, _("Automatic checks"), _("In short"), _("Check id"), _("given in the answer file")
    )
    swedish(run.out, _("Environment"), _("Collected"), CHECKS["network.internet"].title)
    step = SV(_("Step {n}: {title}", n="\0", title=CHECKS["network.internet"].title))
    heading = re.escape(f"### {step} — {SV(DIAG_STATUS['fail'])}").replace("\x00", r"\d+")
    assert re.search(heading, run.out), run.out
    assert SV_TIME.search(flat(run.out)) and not EN_TIME.search(run.out)
    no_english(run.out, "FAILED", "Internet connection", "Automatic checks", "Made with fixit")


def test_the_json_report_is_swedish_and_keeps_its_schema(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = run_agent_session(fixit, tmp_path)  # the answer file's own lang: sv
    schema = json.loads(fixit("report", "--schema").out)
    doc = json.loads(fixit("report", sid, "--format", "json").out)  # the session's language
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["lang"] == "sv" and doc["session"]["lang"] == "sv"
    assert doc["title"].startswith(f"{SV_TITLE} — PC-00417 — ")
    first = doc["steps"][0]
    assert first["question"].startswith(SV_FIRST) and first["answer"] == SV_ANSWER
    assert {s["by_label"] for s in doc["steps"]} == {SV(_("answer file"))}
    english = json.loads(fixit("--lang", "en", "report", sid, "--format", "json").out)
    assert english["lang"] == "en" and not english["title"].startswith(SV_TITLE)


# -- listings --------------------------------------------------------------------------------------
def test_sessions_trees_and_config_list_under_swedish_headings(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    run_agent_session(fixit, tmp_path, "--lang", "sv")
    sessions = fixit("--lang", "sv", "sessions")
    assert sessions.code == 0
    swedish(sessions.out, _("Topic"), _("Mode"), _("Started"), _("Outcome"))
    swedish(sessions.out, OUTCOME["escalate"], MODE["agent"], _("finished"), any_case=True)
    assert SV_TITLE in sessions.out and "The computer does not start" not in sessions.out
    assert SV_TIME.search(flat(sessions.out))

    trees = fixit("--lang", "sv", "trees", "list")
    assert trees.code == 0
    swedish(trees.out, _("Category"), _("For"), _("Languages"), _("From"), _("File"))
    swedish(trees.out, _("shipped with fixit"), CATEGORY["service_request"], any_case=True)
    assert SV_TITLE in trees.out

    config = fixit("--lang", "sv", "config", "show")
    assert config.code == 0
    swedish(config.out, _("Setting"), _("Value"), _("built-in default"), _("What"), _("Path"))
    swedish(config.out, _("Organisation's configuration"), _("Your configuration"))
    swedish(config.out, _("not found"))


def test_the_outbox_lists_under_swedish_headings(fixit: Callable[..., Any], tmp_path: Path) -> None:
    empty = fixit("--lang", "sv", "outbox", "list")
    swedish(empty.out, _("The outbox is empty: no report is waiting to be sent."))
    failed_item(tmp_path)
    for plain in ((), ("--plain",)):
        run = fixit("--lang", "sv", *plain, "outbox", "list")
        assert run.code == 0, run.err
        title = pgettext("outbox.col.title", "Title")
        swedish(run.out, title, _("Tries"), _("Last error"), OUTBOX_STATUS["needs_fix"])
        assert "desk.example" in run.out and "422: summary is too long" in run.out
        no_english(run.out, "rejected the report", "Check the target's settings")


# -- how Swedish is chosen -------------------------------------------------------------------------
def test_a_swedish_locale_chooses_swedish_without_lang(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    run = fixit("report", "nosuchid")
    assert run.code == 1
    swedish(run.err, _("Run `fixit sessions` to see them."))
    trees = fixit("trees", "list")
    swedish(trees.out, _("Languages"), _("shipped with fixit"))
    assert SV_TITLE in trees.out
    explicit = fixit("--lang", "en", "trees", "list")  # --lang still wins over the locale
    assert "Languages" in explicit.out and SV_TITLE not in explicit.out


def test_defaults_lang_sv_in_the_configuration_chooses_swedish(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("defaults:\n  lang: sv\n")
    run = fixit("--config", str(config), "report", "nosuchid")
    assert run.code == 1
    swedish(
        run.err,
        _("there is no session {id}.", id="'nosuchid'"),
        _("Run `fixit sessions` to see them."),
    )
    shown = fixit("--config", str(config), "config", "show")
    swedish(shown.out, _("Setting"), _("Value"))
    assert re.search(r"defaults\.lang\s+sv\b", shown.out), shown.out


# -- yes and no ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "sent"), [("j", True), ("ja", True), ("JA", True), ("nej", False)]
)
def test_plain_mode_takes_yes_and_no_in_swedish(
    fixit: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    sent: bool,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    config = tmp_path / "config.yaml"
    config.write_text(f"submit:\n  targets:\n    folder: {{type: directory, path: '{share}'}}\n")
    run_agent_session(fixit, tmp_path)
    read, write = os.pipe()  # with --plain a pipe may answer (a braille or speech program's)
    os.write(write, f"{typed}\n".encode())
    os.close(write)
    with os.fdopen(read, "r", encoding="utf-8") as stdin:
        monkeypatch.setattr("sys.stdin", stdin)
        run = fixit("--lang", "sv", "--plain", "--config", str(config), "submit")
    assert run.code == 0, run.err
    swedish(run.out, _("Send this report to {target}?", target="folder"))
    swedish(run.out, _("Yes or no? (y/n, Enter: yes)"))
    assert len(list(share.iterdir())) == (1 if sent else 0)
    if not sent:
        swedish(run.out, _("Not sent. Send it later with `fixit submit`."))
    assert SV(_("Type y for yes or n for no.")) not in run.out  # understood the first time
