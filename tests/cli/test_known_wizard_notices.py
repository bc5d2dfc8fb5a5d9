"""The feeds' notices in the wizard: one plain line pointing to `fixit known` before the first
question, never the feeds' technical faults (those are for `fixit known`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixit.commands.run import start
from fixit.context import AppContext
from fixit.flows import known as known_flow
from fixit.i18n import _
from fixit.known import Affects, Known, Problem
from fixit.prompts.scripted import ScriptedPrompter

TREE = """\
format: 1
id: portal
version: 1
title: {en: The portal does not work, fi: Portaali ei toimi, sv: Portalen fungerar inte}
tags: [portal]
start: done
nodes:
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed., fi: Korjattu., sv: Åtgärdat.}
"""

SLOW = Problem(
    id="portal-slow",
    kind="file",
    source="known_issues.yaml",
    title={"en": "The member portal is slow"},
    text={},
    workaround={},
    since=None,
    until=None,
    status="investigating",
    ticket=None,
    new_reports=True,
    affects=Affects(tags=("portal",)),
    url=None,
    fetched_at=None,
)
FAULTS = (
    _("The answer of {url} is not used; it has these faults:", url="http://127.0.0.1:9/html"),
    _("{url} was not read ({reason}), and fixit has no earlier copy of it.", url="u", reason="r"),
)


class Ready:
    """Feeds already read: what `known` says."""

    def __init__(self, known: Known) -> None:
        self.known = known

    def result(self, wait: float) -> Known:
        return self.known


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Some known-problem sources could not be read; `fixit known` shows which."),
        ("fi", "Kaikkia tunnettujen vikojen lähteitä ei voitu lukea; `fixit known` kertoo, mitkä."),
        ("sv", "Några källor för kända problem kunde inte läsas; `fixit known` visar vilka."),
    ],
)
def test_failing_feeds_are_one_line_in_the_wizard(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    line: str,
) -> None:
    (tmp_path / "portal.yaml").write_text(TREE, "utf-8")
    known = Known((SLOW,), FAULTS)
    monkeypatch.setattr(known_flow, "begin", lambda ctx: known_flow.Feeds(Ready(known)))
    ctx = AppContext(lang_option=lang, trees_option=[tmp_path], no_color=True)
    prompter = ScriptedPrompter(["carry_on", "solved"])
    assert start(ctx, "portal", "self", None, None, None, prompter=prompter) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.count(line) == 1
    assert "127.0.0.1" not in out and "earlier copy" not in out


def test_no_notices_no_line() -> None:
    assert Known((SLOW,), ()).brief == ()
    assert len(Known((), FAULTS).brief) == 1
