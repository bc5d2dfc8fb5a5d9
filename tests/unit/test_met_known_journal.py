"""The `known` journal event (what was shown before the first step, and the choice): written and
read back, damage refused, older journals (without it) read as before; the next-step lines."""

from __future__ import annotations

import pytest

from fixit.events import KnownMet
from fixit.events_read import DamagedEventError, event_from_json
from fixit.history import replay
from fixit.i18n import Messages
from fixit.known_seen import Seen
from fixit.next_step import known_next
from fixit.report.known_part import end_text, known_part, related_ticket

SEEN = Seen(
    id="portal-slow",
    kind="file",
    source="/srv/trees/known_issues.yaml",
    title={"en": "The portal is slow", "fi": "Portaali on hidas"},
    text={"en": "We are on it."},
    workaround={"en": "Use the app.", "fi": "Käytä sovellusta."},
    since="2026-12-07T08:00:00+02:00",
    status="investigating",
    ticket="1234",
    new_reports=True,
    url=None,
)


def test_the_event_is_read_back_as_written() -> None:
    event = KnownMet((SEEN,), "mine", "portal-slow", "2026-12-07T10:00:00+00:00")
    raw = event.to_json()
    assert raw["t"] == "known" and raw["choice"] == "mine"
    assert event_from_json(raw) == event
    assert event.chosen() == SEEN
    assert KnownMet((SEEN,), "carry_on").chosen() is None


@pytest.mark.parametrize(
    "raw",
    [
        {"t": "known", "problems": "nope", "choice": "mine"},
        {"t": "known", "problems": [{"title": {"en": "no id"}}], "choice": "mine"},
        {"t": "known", "problems": [17], "choice": "carry_on"},
    ],
)
def test_a_damaged_event_is_damage_not_a_crash(raw: dict[str, object]) -> None:
    with pytest.raises(DamagedEventError):
        event_from_json(raw)


def test_odd_values_in_a_problem_are_read_as_text_or_left_out() -> None:
    raw = SEEN.to_json() | {"kind": "rss", "title": {"en": ["x"], "fi": "Hidas"}, "ticket": 77}
    seen = Seen.from_json(raw)
    assert seen.kind == "file" and seen.title == {"fi": "Hidas"} and seen.ticket == "77"
    assert Seen.from_json(SEEN.to_json() | {"new_reports": False}).new_reports is False


def test_a_journal_without_the_event_has_no_known_problem() -> None:
    from fixit.engine import Engine
    from fixit.trees.validate import check_text

    text = "format: 1\nid: t\nversion: 1\ntitle: T\nstart: e\nnodes:\n  e: {kind: end, outcome: resolved, text: Done}\n"
    tree, problems = check_text(text, "t.yaml", "t")
    assert problems == [] and tree is not None
    engine = Engine({"t": tree}, "t")
    assert replay(engine, []).known is None
    h = replay(engine, [KnownMet((SEEN,), "carry_on")])
    part = known_part(h, "fi")
    assert part is not None and part.title == "Portaali on hidas"
    assert part.workaround == "Käytä sovellusta." and related_ticket(h) is None
    assert "1234" in end_text(h, Messages("en"))


@pytest.mark.parametrize(
    ("wanted", "how", "expected"),
    [
        (False, "offer", "Support asks for no new reports of this problem, so there is nothing"),
        (True, "offer", "Your report is saved as S1; sending it adds you to ticket 1234."),
        (True, "submit", "Send it with: fixit submit S1"),
        (True, "sent", "Sent to support as ticket 1234."),
    ],
)
def test_the_next_step_after_this_is_my_problem(wanted: bool, how: str, expected: str) -> None:
    line = known_next(Messages("en"), "self", "S1", "1234", wanted, how, "1234")  # type: ignore[arg-type]
    assert expected in line
