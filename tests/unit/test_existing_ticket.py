"""The decision before a new ticket (fixit.flows.existing.decide): a session that ended on a known
problem goes to its ticket without a question, unless its feed wants no reports (nothing is sent)
or --new-ticket; fixit's own open tickets are offered beside known problems, each ticket once;
the choice follows the scripted prompter, and --yes the configured default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fixit.context import AppContext
from fixit.flows import existing
from fixit.known import Affects, Problem
from fixit.prompts.scripted import ScriptedPrompter
from fixit.submit.base import Payload, Target

GITHUB = Target("desk", "github", {"repo": "acme/desk", "token_env": "T"})


def problem(pid: str = "portal-slow", ticket: str | None = "1234", wanted: bool = True) -> Problem:
    return Problem(
        id=pid,
        kind="file",
        source="known_issues.yaml",
        title={"en": "The portal is slow", "fi": "Portaali on hidas"},
        text={"en": "We are on it."},
        workaround={},
        since=None,
        until=None,
        status="active",
        ticket=ticket,
        new_reports=wanted,
        affects=Affects(("web-service",), (), (), ()),
        url=None,
        fetched_at=None,
    )


def payload(**report: Any) -> Payload:
    doc = {"lang": "en", "tree": {"id": "web-service"}, "end": {"node": "slow"}, **report}
    return Payload("fixit-s1", "Slow", doc, "md", "text", "html", "{}")


@pytest.fixture
def ctx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppContext:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("organisation: Example Oy\n")
    return AppContext(lang_option="en", config_path=cfg, no_color=True)


def feeds(monkeypatch: pytest.MonkeyPatch, *problems: Problem, own: tuple[str, ...] = ()) -> None:
    monkeypatch.setattr(existing, "known_problems", lambda ctx, opened: problems)
    found = [existing.Existing(ref, f"Slow [{ref}]", "open") for ref in own]
    monkeypatch.setattr(existing, "own_open", lambda ctx, target, p: found)


def decide(ctx: AppContext, p: Payload, replies: tuple[str, ...] = (), **kw: Any) -> Any:
    prompter = ScriptedPrompter(list(replies))
    decision = existing.decide(ctx, None, GITHUB, p, prompter, **kw)  # type: ignore[arg-type]
    assert prompter.replies == []
    return decision


def test_a_session_that_ended_on_a_known_problem_goes_to_its_ticket_without_asking(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    feeds(monkeypatch, problem())
    p = payload(outcome="known", known={"id": "portal-slow"}, related_ticket="1234")
    assert decide(ctx, p) == existing.Decision(add_to="1234")
    assert decide(ctx, p, new_ticket=True) == existing.Decision()


def test_no_new_reports_wanted_turns_sending_off_whatever_is_chosen(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    feeds(monkeypatch, problem(wanted=False))
    p = payload(outcome="known", known={"id": "portal-slow"}, related_ticket="1234")
    for kw in ({}, {"new_ticket": True}, {"yes": True}):
        off = decide(ctx, p, **kw).off
        assert ctx.msgs(off) == (
            "Not sent: support already knows about “The portal is slow” and asks for no new "
            "reports of it."
        )


def test_a_session_that_met_the_problem_and_carried_on_is_asked(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    feeds(monkeypatch, problem(wanted=False))
    p = payload(outcome="escalated", known={"id": "portal-slow"})
    assert decide(ctx, p, ("No, send a new ticket",)) == existing.Decision()
    off = decide(ctx, p, ("1",)).off  # "It is …: send nothing"
    assert off is not None and "asks for no new reports of it" in ctx.msgs(off)
    assert decide(ctx, p, new_ticket=True) == existing.Decision()


def test_the_question_offers_known_problems_and_own_open_tickets_each_once(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    feeds(monkeypatch, problem(), problem("other", ticket="#1234"), own=("#77", "#1234"))
    known = existing.known_problems(ctx, None)  # type: ignore[arg-type]
    found = existing.candidates(ctx, GITHUB, payload(), known)
    assert [(e.ref, e.kind) for e in found] == [("1234", "known"), ("#77", "open")]
    assert decide(ctx, payload(), ("2",)) == existing.Decision(add_to="#77")
    assert decide(ctx, payload(), ("No, send a new ticket",)) == existing.Decision()
    assert decide(ctx, payload(), ("",)) == existing.Decision(add_to="1234")  # the default


@pytest.mark.parametrize(("setting", "expected"), [("add", "1234"), ("new", None)])
def test_yes_takes_the_configured_default(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext, setting: str, expected: str | None
) -> None:
    feeds(monkeypatch, problem())
    monkeypatch.setattr(ctx.config, "existing_ticket", setting)
    assert decide(ctx, payload(), yes=True) == existing.Decision(add_to=expected)


def test_nothing_to_add_to_asks_nothing(monkeypatch: pytest.MonkeyPatch, ctx: AppContext) -> None:
    feeds(monkeypatch, problem(ticket=None))  # a known problem without a ticket: nothing to add to
    assert decide(ctx, payload()) == existing.Decision()


def test_the_case_marker_names_tree_end_and_organisation(ctx: AppContext) -> None:
    from fixit.submit.notes import case_marker

    p = existing.with_case(ctx, payload())
    assert p.case == case_marker("web-service", "slow", "Example Oy")
    assert p.case.startswith("fixit-case:web-service/slow/") and len(p.case) == 36
    assert case_marker("web-service", "slow", "Other Oy") != p.case
    assert existing.case_of(ctx, payload(end={"node": None})) == ""  # not at an end: no marker


def test_this_is_my_problem_without_a_ticket_offers_no_other_ticket(
    monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    """The user chose a Statuspage outage (no ticket): another known problem's ticket, or one
    of fixit's own, is not offered — the report goes as a new one about the chosen problem."""
    outage = problem("statuspage:inc1", ticket=None)
    feeds(monkeypatch, outage, problem(), own=("#77",))
    p = payload(outcome="known", known={"id": "statuspage:inc1"})
    assert decide(ctx, p) == existing.Decision()  # no question (the scripted prompter is empty)
    assert decide(ctx, p, yes=True) == existing.Decision()
