"""The outcome record of hand-made journals: steps with when each was shown and answered, what
Back undid (and what a changed answer re-attached), resume and rebase, the loop guard, where an
abandoned session stopped, checks answered or overridden, and nothing a person typed."""

from __future__ import annotations

import json
from pathlib import Path

from fixit import events, sessions
from fixit.stats.record import outcome_record
from fixit.stats.tables import seconds
from tests.unit.stats_sessions import answer, at, check, demo, end, loop, make


def record_of(session: sessions.Session, open_now: bool = False) -> dict[str, object]:
    found = outcome_record(sessions.load(session.id), open_now=open_now)
    assert found is not None
    return dict(found)


def steps(record: dict[str, object]) -> list[tuple[str, str, str, int, int | None, bool]]:
    """(node, answer, by, shown, answered, undone) with times as seconds after T0."""
    t0 = seconds(at(0))
    assert t0 is not None
    out = []
    for s in record["steps"]:  # type: ignore[attr-defined]
        answered = seconds(s["answered"])
        shown = seconds(s["shown"])
        assert shown is not None
        out.append(
            (
                s["node"],
                s["answer"],
                s["by"],
                shown - t0,
                None if answered is None else answered - t0,
                s["undone"],
            )
        )
    return out


def test_back_undoes_answers_that_still_count_as_shown_and_inputs_keep_no_value() -> None:
    session = make(
        demo(),
        [
            answer("restart", "unsolved", 10),
            answer("hdmi", "yes", 30),
            answer("net", "fallback", 40),
            events.Back(at(50)),
            events.Back(at(55)),
            answer("hdmi", "no", 70),
            answer("player_id", "A-1234", 90),
            end("escalate", "escalate", 95),
        ],
    )
    record = record_of(session)
    assert steps(record) == [
        ("restart", "unsolved", "user", 0, 10, False),
        ("hdmi", "yes", "user", 10, 30, True),
        ("net", "fallback", "user", 30, 40, True),
        # each node left by Back was shown too: a view, never answered, never in force
        ("ask_net", "", "", 40, 50, True),
        ("net", "", "", 50, 55, True),
        ("hdmi", "no", "user", 55, 70, False),
        ("player_id", "", "user", 70, 90, False),
    ]
    assert record["outcome"] == "escalate" and record["end"] == "escalate"
    assert record["ended"] == at(95) and record["guard"] is False
    assert record["source"] == "interactive" and record["agent"] is None
    assert "A-1234" not in json.dumps(record)


def test_an_answer_re_attached_after_back_is_in_force_again() -> None:
    session = make(
        demo(),
        [
            answer("restart", "unsolved", 10),
            answer("hdmi", "yes", 20),
            answer("net", "fallback", 30),
            events.Back(at(40)),
            events.Back(at(41)),
            answer("hdmi", "yes", 50),  # the same again: net's answer comes back with it
            answer("ask_net", "yes", 60),
            answer("player_id", "x", 70),
            end("escalate", "escalate", 80),
        ],
    )
    undone = [(s[0], s[5]) for s in steps(record_of(session))]
    assert undone == [
        ("restart", False),
        ("hdmi", True),
        ("net", False),
        ("ask_net", True),  # shown, left by Back
        ("net", True),  # shown again, left by Back
        ("hdmi", False),
        ("ask_net", False),
        ("player_id", False),
    ]


def test_resume_and_rebase_keep_the_answers_in_force_and_show_from_the_resume() -> None:
    tree = demo()
    old = [
        answer("restart", "unsolved", 10),
        answer("hdmi", "yes", 20),
        answer("net", "fallback", 30),
        answer("ask_net", "yes", 40),
    ]
    session = make(
        tree,
        [
            *old,
            events.Quit("user", at(45)),
            events.Rebase(
                tree.digest,
                tuple(a.given() for a in old[:2]),
                tuple(a.given() for a in old[2:]),
                at(100),
            ),
            events.Resume(at(100)),
            answer("player_id", "x", 130),
            end("escalate", "escalate", 140),
        ],
    )
    record = record_of(session)
    assert [s[5] for s in steps(record)] == [False] * 5
    assert steps(record)[-1] == ("player_id", "", "user", 100, 130, False)


def test_the_loop_guard_escalation_ends_at_the_node_it_was_taken(tmp_path: Path) -> None:
    session = make(
        loop(tmp_path),
        [
            answer("power", "unsolved", 10),
            answer("cable", "again", 20),
            answer("power", "unsolved", 30),
            answer("cable", "again", 40),
            answer("power", "!escalate", 50),
            end("escalate", None, 51),
        ],
    )
    record = record_of(session)
    assert record["outcome"] == "escalate"
    assert record["end"] == "power" and record["guard"] is True
    assert steps(record)[-1] == ("power", "!escalate", "guard", 40, 50, False)


def test_an_abandoned_session_stops_at_a_node_shown_and_never_answered() -> None:
    session = make(demo(), [answer("restart", "unsolved", 10), events.Quit("user", at(20))])
    record = record_of(session)
    assert record["outcome"] == "abandoned" and record["ended"] is None
    assert record["end"] == "hdmi"
    assert steps(record)[-1] == ("hdmi", "", "", 10, None, False)


def test_a_session_open_right_now_has_no_record_yet() -> None:
    session = make(demo(), [answer("restart", "unsolved", 10)], keep_open=True)
    try:
        assert outcome_record(sessions.load(session.id), open_now=True) is None
    finally:
        session.close()


def test_checks_say_whether_their_finding_answered_or_was_overridden() -> None:
    session = make(
        demo(),
        [
            answer("restart", "unsolved", 10),
            answer("hdmi", "yes", 20),
            check("network.internet", "net", "fail", 25),
            answer("net", "fallback", 30, by="override"),
            events.Back(at(31)),
            check("network.internet", "net", "pass", 35),
            answer("net", "pass", 40, by="check"),
            answer("player_id", "x", 50),
            end("escalate", "escalate", 60),
        ],
    )
    record = record_of(session)
    assert [
        (c["check"], c["node"], c["status"], c["answered"], c["overridden"])
        for c in record["checks"]
    ] == [  # type: ignore[attr-defined]
        ("network.internet", "net", "fail", False, True),
        ("network.internet", "net", "pass", True, False),
    ]


def test_answer_file_runs_and_agent_mode_are_told_apart() -> None:
    session = make(
        demo(),
        [answer("restart", "solved", 5, by="answers"), end("resolved", "done", 6)],
        mode="agent",
        answers_file="/tmp/a.yaml",
    )
    record = record_of(session)
    assert record["source"] == "answers" and record["mode"] == "agent"
    assert record["record"] == 1 and record["session"] == session.id
    assert record["tree"] == "demo" and record["version"] == 2
