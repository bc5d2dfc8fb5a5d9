"""`fixit decode CODE`: a session's support code read on another machine with the same trees, in
the reader's language; --json, --spell; a typo, a tree or version not here, hostile input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.commands.resume_cmd import resume
from fixit.commands.run import start
from fixit.errors import Interrupted
from fixit.prompts.scripted import ScriptedPrompter
from fixit.supportcode import spell

from .supportcode_tree import PRINTER, context, folders, read, user_session

#: office printer, restart did not help, paper yes, the display's text; saved at the queue
STOPPED = ["office", "unsolved", "yes", "PC LOAD LETTER", "!quit"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_saved_session_keeps_its_code_and_decode_reads_it_back_in_english(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    meta = user_session(tree_dir, STOPPED)
    code = meta["support_code"]
    screen = flat(capsys.readouterr().out)
    assert f"Support code: {code}" in screen
    assert "If you call support, give them this code" in screen
    run = fixit("--trees", str(tree_dir), "decode", code)
    assert run.code == 0, run.err
    out = flat(run.out)
    assert f"Support code: {code}" in out
    assert "The printer does not print (tree printer, version 3)" in out
    assert "Which printer is it? → The office printer" in out
    assert "Switch the printer off and on. → Done — still not working" in out
    assert "Is there paper in the tray? → Yes" in out
    assert "PC LOAD LETTER" not in out  # typed text is never in a code
    assert "What does the printer's display say? → (typed by the user: not in the code)" in out
    assert "Stopped at: Are jobs stuck in the queue?" in out
    assert f"fixit start --from-code {code} --agent" in out


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "fi",
            [
                "Mikä tulostin on kyseessä? → Toimiston tulostin",
                "Pysähtyi kohtaan: ",
                "Asiointitapa:",
            ],
        ),
        (
            "sv",
            [
                "Vilken skrivare är det? → Kontorets skrivare",
                "Stannade vid: ",
                "Läge: självbetjäning",
            ],
        ),
    ],
)
def test_decode_speaks_the_agents_language(
    tree_dir: Path, fixit: Callable[..., Any], lang: str, words: list[str]
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]  # the user's session ran in English
    out = flat(fixit("--lang", lang, "--trees", str(tree_dir), "decode", code).out)
    for word in words:
        assert word in out


def test_decode_json_is_pure_json_with_the_path_as_recorded(
    tree_dir: Path, fixit: Callable[..., Any]
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    run = fixit("--trees", str(tree_dir), "decode", code.lower(), "--json")
    data = json.loads(run.out)
    assert data["tree"] == {"id": "printer", "version": 3, "title": "The printer does not print"}
    assert [(p["node"], p["answer"]) for p in data["path"]][:3] == [
        ("model", "office"),
        ("power", "unsolved"),
        ("paper", "yes"),
    ]
    assert data["path"][3]["node"] == "error"
    assert "PC LOAD LETTER" not in run.out
    assert data["outcome"] is None and data["finished"] is False
    assert data["stopped_at"] == "queue"
    assert data["mode"] == "self"


def test_a_finished_session_decodes_to_its_end(tree_dir: Path, fixit: Callable[..., Any]) -> None:
    meta = user_session(tree_dir, ["home", "unsolved", "no"])
    assert meta["status"] == "finished"
    data = json.loads(fixit("--trees", str(tree_dir), "decode", meta["support_code"], "--json").out)
    assert data["outcome"] == "resolved" and data["end"] == "fixed" and data["finished"] is True
    out = flat(fixit("--trees", str(tree_dir), "decode", meta["support_code"]).out)
    assert "Ended: Resolved, at end node fixed" in out
    assert "The user was shown: Good, it prints again." in out
    assert "--from-code" not in out  # nothing to carry on


ASSET = PRINTER.replace('{en: "Good, it prints again."', '{en: "Good, {printer_id} prints."')
ASSET = ASSET.replace(
    "      - {id: office,",
    "      - {id: id, label: {en: Its id, fi: Sen tunnus, sv: Dess id}, goto: printer_id}\n"
    "      - {id: office,",
)
ASSET += """  printer_id:
    kind: input
    field: printer_id
    type: choice
    text: {en: Which one?, fi: Mikä niistä?, sv: Vilken?}
    choices:
      - {id: left, label: {en: Left, fi: Vasen, sv: Vänster}}
      - {id: right, label: {en: Right, fi: Oikea, sv: Höger}}
    goto: fixed
"""


@pytest.mark.parametrize("mode", ["self", "agent"])
def test_an_end_with_a_placeholder_and_a_chosen_input_read_right(
    tree_dir: Path, fixit: Callable[..., Any], mode: str
) -> None:
    (tree_dir / "printer.yaml").write_text(ASSET)
    prompter = ScriptedPrompter([*([""] * 4 if mode == "agent" else []), "id", "left"])
    before = folders()
    assert start(context(tree_dir), "printer", mode, None, None, False, prompter) == 0
    meta = read(*(folders() - before))[0]
    out = flat(fixit("--trees", str(tree_dir), "decode", meta["support_code"]).out)
    who = "agent" if mode == "agent" else "user"
    assert f"Which one? → (chosen by the {who}: not in the code)" in out
    assert "{printer_id}" not in out
    assert "Ended: Resolved, at end node fixed" in out
    assert f"The {who} was shown: Good, [printer_id: not in the code] prints." in out
    data = json.loads(fixit("--trees", str(tree_dir), "decode", meta["support_code"], "--json").out)
    assert data["path"][-1]["by"] == who


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_spell_reads_the_code_out_in_the_language(
    tree_dir: Path, fixit: Callable[..., Any], lang: str
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    words = spell(code, lang)
    out = flat(fixit("--lang", lang, "--trees", str(tree_dir), "decode", code, "--spell").out)
    first, second, *_ = code.split("-")
    assert " ".join(spell(first, lang)) + " – " + " ".join(spell(second, lang)) in out
    data = json.loads(
        fixit("--lang", lang, "--trees", str(tree_dir), "decode", code, "--spell", "--json").out
    )
    assert data["spelling"] == list(words)


def _typo(code: str) -> str:
    """The code with its second group's first character changed."""
    i = code.index("-") + 1
    wrong = "7" if code[i] != "7" else "8"
    return code[:i] + wrong + code[i + 1 :]


def test_a_code_typed_with_spaces_is_one_code_in_any_language(
    tree_dir: Path, fixit: Callable[..., Any]
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    groups = code.lower().split("-")  # typed unquoted: one argument a group
    run = fixit("--lang", "fi", "--trees", str(tree_dir), "decode", *groups, "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["code"] == code


def test_a_typo_names_the_group(tree_dir: Path, fixit: Callable[..., Any]) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    run = fixit("--trees", str(tree_dir), "decode", _typo(code))
    assert run.code == 1 and run.out == ""
    assert run.err.startswith("fixit: error: ")
    assert "group 2" in run.err and "\nhint: " in run.err


def test_a_tree_version_this_machine_lacks_is_named(
    tree_dir: Path, fixit: Callable[..., Any]
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    (tree_dir / "printer.yaml").write_text(PRINTER.replace("version: 3", "version: 4"))
    run = fixit("--trees", str(tree_dir), "decode", code)
    assert run.code == 1 and run.out == ""
    assert run.err.startswith("fixit: error: ") and "\nhint: " in run.err
    assert "printer" in run.err and "3" in run.err


def test_a_tree_this_machine_lacks_is_an_error(tree_dir: Path, fixit: Callable[..., Any]) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    (tree_dir / "printer.yaml").unlink()
    run = fixit("--trees", str(tree_dir), "decode", code)
    assert run.code == 1 and run.out == ""
    assert run.err.startswith("fixit: error: ") and "\nhint: " in run.err


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[31mFX7K\x1b]8;;http://x\x07-3MQ9",
        "‮FX7K-3MQ9-ZD2A",
        "A" * 5000,
        "Z-Z-Z-Z",
        " ",
        "'; rm -rf / #",
        "FX7K-3MQ9-ZD2A-0000-0000-0000-0000-0000-0000-0000",
    ],
)
def test_hostile_input_is_a_clear_error_never_a_crash(
    tree_dir: Path, fixit: Callable[..., Any], hostile: str
) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    for extra in ([], ["--json"]):
        run = fixit("--trees", str(tree_dir), "decode", hostile, *extra)
        assert run.code == 1, run.err
        assert run.out == ""
        assert run.err.startswith("fixit: error: ") and "\nhint: " in run.err
        assert "\x1b" not in run.err and "\u202e" not in run.err
        assert len(run.err) < 1000


def test_sessions_list_the_code(
    tree_dir: Path, fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    rows = json.loads(fixit("sessions", "--json").out)
    assert [r["support_code"] for r in rows] == [code]
    for columns in ("40", "100"):
        monkeypatch.setenv("COLUMNS", columns)
        assert code in fixit("sessions").out
        assert f"Support code: {code}" in flat(fixit("--plain", "sessions").out)
    fi = flat(fixit("--lang", "fi", "--plain", "sessions").out)
    assert f"Tukikoodi: {code}" in fi


@pytest.mark.parametrize("columns", [40, 100])
@pytest.mark.parametrize("plain", [False, True], ids=["rich", "plain"])
def test_decode_fits_the_terminal(
    tree_dir: Path,
    fixit: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
    plain: bool,
) -> None:
    code = user_session(tree_dir, STOPPED)["support_code"]
    monkeypatch.setenv("COLUMNS", str(columns))
    args = ["--plain"] if plain else []
    out = fixit(*args, "--lang", "fi", "--trees", str(tree_dir), "decode", code, "--spell").out
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines), [ln for ln in lines if len(ln) > columns]
    assert f"Tukikoodi: {code}" in lines  # the code is never broken
    assert "\x1b[" not in out
    # a step's answer that wraps keeps under its arrow
    typed = "(käyttäjän kirjoittama: ei ole koodissa)"
    assert typed in flat(out)
    at = next(i for i, line in enumerate(lines) if line.startswith("   → (käyttäjän"))
    if columns == 40:
        assert lines[at + 1].startswith("     ") and lines[at + 1].strip()


def test_ctrl_c_keeps_a_code_and_a_resumed_session_gets_a_new_one(
    tree_dir: Path, fixit: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tree_dir / "printer.yaml").write_text(PRINTER)
    with pytest.raises(Interrupted):
        start(
            context(tree_dir),
            "printer",
            "self",
            None,
            None,
            False,
            ScriptedPrompter(["office", "^C"]),
        )
    [folder] = folders()
    meta = read(folder)[0]
    assert meta["status"] == "interrupted"
    stopped = capsys.readouterr().out.splitlines()  # the code under "Stopped. …", one line
    at = next(i for i, line in enumerate(stopped) if line.startswith("Stopped. Your answers"))
    assert stopped[at + 1] == f"Support code: {meta['support_code']}"
    first = json.loads(
        fixit("--trees", str(tree_dir), "decode", meta["support_code"], "--json").out
    )
    assert first["stopped_at"] == "power"
    assert resume(context(tree_dir), None, ScriptedPrompter(["unsolved", "!quit"])) == 0
    meta = read(folder)[0]
    again = json.loads(
        fixit("--trees", str(tree_dir), "decode", meta["support_code"], "--json").out
    )
    assert again["stopped_at"] == "paper" and len(again["path"]) == 2
