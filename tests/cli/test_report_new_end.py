"""`fixit report --new` ends as a wizard session does (newcomer F4): the report readable on the
terminal (text, no pager, no Markdown marks), then its id and the one next step, then the offer
to send it, so the screen ends with the ticket reference."""

from __future__ import annotations

import json
import pydoc
from pathlib import Path
from typing import Any

import pytest

from fixit import term
from fixit.commands import report_cmd
from fixit.context import AppContext
from fixit.flows.report import latest_session
from fixit.prompts.scripted import ScriptedPrompter

from .test_wizard_summary import end_tree, target_config


@pytest.fixture
def asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`fixit report --new` on a terminal whose questions are answered by an answer file."""
    from fixit.commands.run import start

    def ask(ctx: AppContext, prompter: Any) -> str | None:
        path = tmp_path / "answers.json"
        path.write_text(json.dumps({"tree": "end-lines", "answers": {"what": "support"}}))
        start(ctx, None, None, path, None, False, show_summary=False)
        return latest_session()

    def no_pager(text: str) -> None:
        raise AssertionError("a new report is not paged: what follows it would be hidden")

    monkeypatch.setattr(report_cmd, "_ask_new", ask)
    monkeypatch.setattr(term, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(pydoc, "pager", no_pager)
    monkeypatch.setenv("LINES", "5")  # a report taller than the screen
    return tmp_path


def run(tmp_path: Path, replies: list[str], lang: str = "en", configured: bool = True) -> str:
    cfg = target_config(tmp_path) if configured else None
    ctx = AppContext(lang_option=lang, config_path=cfg, no_color=True)
    ctx.trees_option = [end_tree(tmp_path)]
    p = ScriptedPrompter(replies)
    fmt: str | None = None
    assert report_cmd.report(ctx, None, fmt, None, new=True, prompter=p) == 0
    assert not p.replies
    return p.asked[-1] if p.asked else ""


def test_a_new_report_reads_as_text_then_offers_to_send_and_ends_with_the_ticket(
    asked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = run(asked, ["send"])
    out = " ".join(capsys.readouterr().out.split())
    sid = latest_session()
    assert title == "Send the report to support (folder) now?"
    assert "# " not in out and "**" not in out and "`" not in out  # no Markdown on a terminal
    report_at = out.index("Thank you; your answers are saved.")  # the report's end text
    saved = out.index(f"Your report is saved as {sid} but has not been sent to support yet.")
    [folder] = list((asked / "share").iterdir())
    assert report_at < saved < out.index("Sent to folder:")
    assert out.endswith(f"Sent to folder: {folder.name} {folder}")
    assert "fixit submit" not in out


def test_without_a_target_it_says_how_to_send_it_by_hand_in_finnish(
    asked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(asked, [], "fi", configured=False) == ""  # nothing to offer: no question
    out = " ".join(capsys.readouterr().out.split())
    sid = latest_session()
    assert out.endswith(
        f"Raporttisi on tallennettu tunnuksella {sid}, mutta sitä ei ole vielä lähetetty tukeen. "
        f"Lähetä se itse tukeen. Tallenna se ensin tiedostoksi komennolla: fixit report {sid} "
        "--output raportti.md"
    )


def test_an_explicit_format_or_a_file_is_kept(
    asked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = AppContext(lang_option="en", no_color=True, trees_option=[end_tree(asked)])
    out_file = asked / "report.md"
    assert report_cmd.report(ctx, None, None, out_file, new=True, prompter=None) == 0
    assert out_file.read_text("utf-8").startswith("# ")  # a file gets Markdown by default
    assert "fixit report" in capsys.readouterr().out  # and the next step still follows
    assert report_cmd.report(ctx, None, "markdown", None, new=True, prompter=None) == 0
    assert "# " in capsys.readouterr().out
