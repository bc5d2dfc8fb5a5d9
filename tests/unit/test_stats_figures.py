"""Every figure of `fixit stats` on hand-made sessions with known answers: outcomes, resolution
rate, median and 90th percentile to an outcome, views, solved, abandoned, time at a node, the
answers given, checks answered and overridden (and flagged), escalation ends, and the filters."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fixit import events, sessions
from fixit.stats import tables
from fixit.stats.figures import Filters, Groups, collect, figures, quantile
from fixit.stats.record import outcome_record
from fixit.stats.result import CheckFigures, NodeFigures, Stats, TreeFigures, stats_from_json
from fixit.stats.tables import seconds
from tests.unit.stats_sessions import answer, at, check, demo, end, loop, make


def table(made: list[sessions.Session]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    tables.create(conn)
    for session in made:
        record = outcome_record(sessions.load(session.id))
        assert record is not None
        tables.put(conn, tables.SQLITE, record)
    return conn


def computed(conn: sqlite3.Connection, filters: Filters | None = None) -> Stats:
    filters = filters or Filters()
    return figures(collect(conn, tables.SQLITE, filters), filters)


def node(tree: TreeFigures, nid: str) -> NodeFigures:
    return next(n for n in tree.nodes if n.id == nid)


@pytest.fixture
def four() -> sqlite3.Connection:
    """A resolved, an escalated, an abandoned session (self mode) and a resolved one in agent
    mode a day later; and one answer-file run, left out unless asked for."""
    tree = demo()
    return table(
        [
            make(tree, [answer("restart", "solved", 20), end("resolved", "done", 25)]),
            make(
                tree,
                [
                    answer("restart", "unsolved", 10),
                    answer("hdmi", "no", 30),
                    answer("player_id", "A-1", 50),
                    end("escalate", "escalate", 60),
                ],
            ),
            make(tree, [answer("restart", "unsolved", 10), events.Quit("user", at(11))]),
            make(
                tree,
                [answer("restart", "solved", 86400 + 40), end("resolved", "done", 86400 + 50)],
                mode="agent",
                start=86400,
            ),
            make(
                tree,
                [answer("restart", "solved", 3, by="answers"), end("resolved", "done", 4)],
                answers_file="a.yaml",
            ),
        ]
    )


def test_outcomes_resolution_rate_and_time_to_an_outcome(four: sqlite3.Connection) -> None:
    (tree,) = computed(four).trees
    assert (tree.id, tree.version, tree.sessions) == ("demo", 2, 4)
    assert tree.outcomes == {
        "resolved": 2,
        "escalate": 1,
        "referred": 0,
        "unresolved": 0,
        "known": 0,
        "abandoned": 1,
    }
    assert tree.resolution_rate == 0.5
    assert tree.median_seconds == 50  # of 25, 50, 60 (an abandoned session has no outcome time)
    assert tree.p90_seconds == 60


def test_views_solved_abandoned_time_and_answers_per_node(four: sqlite3.Connection) -> None:
    (tree,) = computed(four).trees
    restart, hdmi, player = node(tree, "restart"), node(tree, "hdmi"), node(tree, "player_id")
    assert (restart.views, restart.solved, restart.abandoned) == (4, 2, 0)
    assert restart.solved_rate == 0.5
    assert restart.median_seconds == 15  # 20, 10, 10, 40
    assert restart.answers == {"solved": 2, "unsolved": 2}
    assert (hdmi.views, hdmi.solved, hdmi.abandoned) == (2, 0, 1)  # the stopped-at view counts
    assert hdmi.abandoned_rate == 0.5 and hdmi.solved_rate is None
    assert hdmi.median_seconds == 20 and hdmi.answers == {"no": 1}
    assert player.answers == {"": 1}  # an input's value is never kept
    assert tree.nodes[0].id == "hdmi"  # the worst first: where people give up
    assert [(e.end, e.guard, e.sessions) for e in tree.escalations] == [("escalate", False, 1)]


def test_filters_mode_time_span_and_answer_file_runs(four: sqlite3.Connection) -> None:
    (agent,) = computed(four, Filters(mode="agent")).trees
    assert agent.sessions == 1
    day = seconds(at(86400))
    assert day is not None
    (later,) = computed(four, Filters(since=day)).trees
    assert later.sessions == 1
    (earlier,) = computed(four, Filters(until=day)).trees
    assert earlier.sessions == 3
    (everything,) = computed(four, Filters(sources=("interactive", "answers"))).trees
    assert everything.sessions == 5
    assert computed(four, Filters(tree="other")).trees == ()
    assert computed(four, Filters(version=1)).trees == ()
    assert computed(four, Filters(version=2)).trees[0].sessions == 4


def test_a_solved_answer_undone_by_back_solved_nothing() -> None:
    conn = table(
        [
            make(
                demo(),
                [
                    answer("restart", "solved", 10),
                    events.Back(at(12)),
                    events.Quit("user", at(13)),
                ],
            )
        ]
    )
    restart = node(computed(conn).trees[0], "restart")
    assert (restart.views, restart.solved, restart.abandoned) == (2, 0, 1)
    assert restart.answers == {"solved": 1}


def test_loop_guard_escalations_are_their_own_ends(tmp_path: Path) -> None:
    tree = loop(tmp_path)
    circle = [
        answer("power", "unsolved", 10),
        answer("cable", "again", 20),
        answer("power", "unsolved", 30),
        answer("cable", "again", 40),
    ]
    conn = table(
        [
            make(tree, [*circle, answer("power", "!escalate", 50), end("escalate", None, 51)]),
            make(tree, [*circle, answer("power", "!escalate", 50), end("escalate", None, 52)]),
            make(
                tree,
                [
                    answer("power", "unsolved", 5),
                    answer("cable", "broken", 9),
                    end("escalate", "escalate", 10),
                ],
            ),
        ]
    )
    (figs,) = computed(conn).trees
    assert [(e.end, e.guard, e.sessions) for e in figs.escalations] == [
        ("power", True, 2),
        ("escalate", False, 1),
    ]
    assert node(figs, "power").views == 7


def test_checks_answered_overridden_and_flagged() -> None:
    tree = demo()
    made = []
    for i in range(5):
        overridden = i < 2
        made.append(
            make(
                tree,
                [
                    answer("restart", "unsolved", 10),
                    answer("hdmi", "yes", 20),
                    check("network.internet", "net", "fail", 25),
                    answer(
                        "net",
                        "fallback" if overridden else "fail",
                        30,
                        by="override" if overridden else "check",
                    ),
                    events.Quit("user", at(31)),
                ],
            )
        )
    (figs,) = computed(table(made)).trees
    (internet,) = figs.checks
    assert (internet.runs, internet.answered, internet.overridden) == (5, 3, 2)
    assert internet.overridden_rate == 0.4 and internet.flagged
    assert internet.statuses == {"fail": 5}


def test_a_check_is_flagged_only_after_enough_runs() -> None:
    assert not CheckFigures("x", 4, 0, 4, {}).flagged
    assert CheckFigures("x", 10, 7, 3, {}).flagged
    assert not CheckFigures("x", 10, 8, 2, {}).flagged


def test_quantiles_median_and_nearest_rank() -> None:
    assert quantile({}, 0.5) is None
    assert quantile({5: 1}, 0.9) == 5
    assert quantile({1: 1, 2: 1, 3: 1}, 0.5) == 2
    assert quantile({1: 1, 2: 1, 3: 1, 10: 1}, 0.5) == 2.5
    assert quantile({v: 1 for v in range(1, 11)}, 0.9) == 9
    assert quantile({1: 9, 100: 1}, 0.9) == 1


def test_groups_added_together_count_both(four: sqlite3.Connection) -> None:
    ids = [r[0] for r in four.execute("SELECT session FROM sessions ORDER BY session")]
    part = collect(four, tables.SQLITE, Filters(), ids[:2])
    part.add(collect(four, tables.SQLITE, Filters(), ids[2:]))
    whole = collect(four, tables.SQLITE, Filters())
    assert figures(part, Filters()) == figures(whole, Filters())
    assert Groups.from_json(whole.to_json()).counts == whole.counts


def test_the_json_shape_holds_what_the_issue_asks(four: sqlite3.Connection) -> None:
    result = computed(four)
    data = result.to_json()
    assert stats_from_json(json.loads(json.dumps(data))) == result  # the cache reads it back
    assert data["schema_version"] == 1
    (tree,) = data["trees"]
    assert {"id", "version", "sessions", "outcomes", "nodes"} <= set(tree)
    assert set(tree["outcomes"]) == {
        "resolved",
        "escalate",
        "referred",
        "unresolved",
        "known",
        "abandoned",
    }
    assert {"id", "views", "solved", "abandoned", "answers"} <= set(tree["nodes"][0])
