"""The next step after "this is my problem" says what the configured target really does with
the report: adds the user to the ticket (Redmine, Jira, Zendesk, GitHub) or sends a new report
that names it (directory, webhook, e-mail)."""

from __future__ import annotations

from fixit.i18n import Messages
from fixit.next_step import known_next


def test_the_next_step_names_the_ticket_where_the_target_cannot_add_to_it() -> None:
    """A directory, webhook or e-mail target sends a report of its own that names the ticket:
    the line does not promise "adds you to ticket 1234" there."""
    from fixit.submit.base import Target
    from fixit.submit.registry import default_adds

    line = known_next(Messages("en"), "self", "S1", "1234", True, "offer", "", adds=False)
    assert line == (
        "Your report is saved as S1; sending it makes a new report that names ticket 1234."
    )
    agent = known_next(Messages("sv"), "agent", "S1", "1234", True, "offer", "", adds=False)
    assert agent == (
        "Rapporten är sparad som S1. När du skickar den blir det en ny rapport som hänvisar till "
        "ärende 1234."
    )
    folder = {"folder": Target("folder", "directory", {"path": "/x"})}
    hook = {"hook": Target("hook", "webhook", {"url": "https://h"})}
    desk = {"desk": Target("desk", "redmine", {"url": "https://r"})}
    assert not default_adds(folder, None) and not default_adds(hook, "hook")
    assert default_adds(desk, None) and not default_adds({**desk, **hook}, None)
    assert default_adds({**desk, **hook}, "desk")
