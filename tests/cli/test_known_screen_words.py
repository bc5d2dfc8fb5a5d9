"""The words of the known-problem screens: whose details the self-mode end screen lists, the
time a problem began, the agent's Say line to the caller, in English, Finnish and Swedish."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from ..conftest import DATA

TREE = (DATA / "known" / "portal.yaml").read_text("utf-8")  # one question, one end

ISSUES = """\
format: 1
issues:
  - id: portal-slow
    title: {en: The member portal is slow, fi: Jäsenportaali on hidas, sv: Medlemsportalen är långsam}
    text: {en: We are on it., fi: Selvitämme asiaa., sv: Vi utreder saken.}
    affects: {tags: [portal]}
    since: 2026-12-07T08:00:00+02:00
    status: identified
    ticket: "1234"
    workaround: {en: Use the mobile app meanwhile., fi: Käytä sillä välin mobiilisovellusta., sv: Använd mobilappen så länge.}
"""


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "portal.yaml").write_text(TREE, "utf-8")
    (folder / "known_issues.yaml").write_text(ISSUES, "utf-8")
    return folder


def screen(
    trees: Path,
    capsys: pytest.CaptureFixture[str],
    script: list[str],
    mode: str = "self",
    lang: str = "en",
    plain: bool = False,
) -> str:
    ctx = AppContext(lang_option=lang, trees_option=[trees], no_color=True, plain_option=plain)
    capsys.readouterr()
    assert start(ctx, "portal", mode, None, None, None, ScriptedPrompter(script)) == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("plain", [False, True])
def test_self_mode_lists_your_details_not_the_callers(
    trees: Path, capsys: pytest.CaptureFixture[str], plain: bool
) -> None:
    out = screen(trees, capsys, ["mine:portal-slow", "Maija", "maija@example.fi"], plain=plain)
    assert "Your details" in out and "Maija" in out
    assert "Caller" not in out


def test_agent_mode_lists_the_callers_details(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = screen(trees, capsys, ["mine:portal-slow", "Maija", "", "", ""], mode="agent")
    assert "Caller" in out and "Your details" not in out


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("zone", "lang", "shown"),
    [
        ("UTC", "en", "Since 2026-12-07 08:00 UTC+02:00"),
        ("UTC", "fi", "7.12.2026 klo 8.00 UTC+02:00"),
        ("Europe/Helsinki", "fi", "7.12.2026 klo 8.00"),
    ],
)
def test_since_reads_as_the_report_gives_it(
    trees: Path,
    capsys: pytest.CaptureFixture[str],
    machine_zone: Callable[[str], None],
    zone: str,
    lang: str,
    shown: str,
) -> None:
    machine_zone(zone)
    out = screen(trees, capsys, ["stop"], lang=lang)
    assert shown in out
    if zone != "UTC":
        assert "UTC+02:00" not in out  # the machine's own zone goes without saying


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "We already know about a problem: The member portal is slow. Support is working on "
            "it. There is a workaround: Use the mobile app meanwhile.",
        ),
        ("fi", "Meillä on jo tiedossa vika: Jäsenportaali on hidas."),
        ("sv", "Vi känner redan till ett problem: Medlemsportalen är långsam."),
    ],
)
@pytest.mark.parametrize("plain", [False, True])
def test_the_agent_gets_a_say_line_for_the_caller(
    trees: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str, plain: bool
) -> None:
    out = screen(trees, capsys, ["stop"], mode="agent", lang=lang, plain=plain)
    words = " ".join(out.replace("│", " ").split())
    assert said in words


def test_self_mode_has_no_say_line(trees: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = screen(trees, capsys, ["stop"])
    assert "We already know about a problem" not in out


@pytest.mark.parametrize(
    ("lang", "status"),
    [("fi", "Tila: syy on selvillä, ja tuki korjaa vikaa."), ("sv", "Tillstånd: orsaken är känd")],
)
def test_the_status_reads_as_a_status(
    trees: Path, capsys: pytest.CaptureFixture[str], lang: str, status: str
) -> None:
    out = screen(trees, capsys, ["stop"], lang=lang)
    assert status in out and ";" not in out.split(status.split(":")[0])[1][:60]


def test_swedish_speaks_of_den_som_ringer_and_a_saved_report(
    trees: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = screen(trees, capsys, ["mine:portal-slow", "", "", "", ""], mode="agent", lang="sv")
    assert "Uppgifter om den som ringer, så att hen kan läggas till i ärendet" in out
    assert "Rapporten är sparad som" in out and "Ärendet är sparat" not in out
    assert "uppringar" not in out.lower()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_stop_here_and_finish_here_read_apart(lang: str) -> None:
    from fixit.i18n import Messages, _

    msgs = Messages(lang)
    assert msgs(_("Stop here")) != msgs(_("Finish here"))


def test_swedish_kept_answers_reads_naturally() -> None:
    from fixit.i18n import Messages, _

    kept = Messages("sv")(_("Kept the later answers that still apply ({n})."), n=1)
    assert kept == "Senare svar som fortfarande gäller finns kvar (1)."
