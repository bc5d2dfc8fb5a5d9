"""The end screen after "this is my problem" says what the configured target does with the
report: a help desk that takes notes adds the user to the ticket; a directory (as a webhook or
e-mail) gets a new report that names the ticket, and the line says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from .test_wizard_known import ISSUES, TREE


@pytest.mark.parametrize(
    ("target", "line"),
    [
        ("{type: directory, path: '%s'}", "sending it makes a new report that names ticket 1234."),
        (
            "{type: redmine, url: 'https://desk.example.fi', project: it, api_key_env: K}",
            "sending it adds you to ticket 1234.",
        ),
    ],
)
def test_the_end_line_says_what_the_target_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, line: str
) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    (trees / "portal.yaml").write_text(TREE, "utf-8")
    (trees / "known_issues.yaml").write_text(ISSUES % "true", "utf-8")
    cfg = tmp_path / "config.yaml"
    desk = target % tmp_path if "%s" in target else target
    cfg.write_text(f"submit:\n  targets:\n    desk: {desk}\n", "utf-8")
    ctx = AppContext(lang_option="en", trees_option=[trees], config_path=cfg, no_color=True)
    script = ["This is my problem — add me to it", "Maija", "maija@example.fi", "Not now"]
    assert start(ctx, "portal", "self", None, None, None, prompter=ScriptedPrompter(script)) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert line in out
