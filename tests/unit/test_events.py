"""Journal events (events.py; read back by events_read.py): each kind's JSON is exactly what
fixit has always written, recorded journals (today's shapes and older ones) read back and write
back byte for byte, and a line that is no event fixit can replay is refused while a kind it does
not know is kept as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest

from fixit.engine import Answer as Given
from fixit.engine import Engine
from fixit.events import (
    Answer,
    Back,
    Caller,
    Check,
    End,
    Event,
    Handover,
    KnownMet,
    Note,
    Quit,
    Rebase,
    Resume,
    Start,
    Unknown,
    stamped,
)
from fixit.events_read import DamagedEventError, event_from_json
from fixit.history import replay
from fixit.known_seen import Seen
from fixit.session_read import read_journal
from fixit.trees.validate import check_file

DATA = Path(__file__).resolve().parent.parent / "data"
#: journals written by fixit: today's (notes, rebase, agent-checks) and one from before check
#: events named their step (old-forced-checks: checks without `node`, summaries as en/fi)
JOURNALS = sorted((DATA / "journals").glob("*.jsonl"))
AT = "2026-12-07T10:00:00+02:00"
GIVEN = Given("hdmi", "yes", "user", AT)
SEEN = Seen("slow", "file", "k.yaml", {"en": "Slow"}, {}, {}, None, "active", "12", True, None)

#: one event of every kind, and the journal line fixit writes for it (the dict literals the
#: writers used before events were typed, with `at` first as Session.append put it)
LINES: list[tuple[Event, str]] = [
    (Start("demo", 2, "self", AT), '"t": "start", "tree": "demo", "version": 2, "mode": "self"}'),
    (
        Answer("hdmi", "yes", "user", AT),
        '"t": "answer", "node": "hdmi", "value": "yes", "by": "user"}',
    ),
    (Back(AT), '"t": "back"}'),
    (Note("hdmi", "blinks", AT), '"t": "note", "node": "hdmi", "text": "blinks"}'),
    (Note("", "from the file", AT), '"t": "note", "node": "", "text": "from the file"}'),
    (
        Check("net.dns", {"status": "pass"}, "dns", AT),
        '"t": "check", "id": "net.dns", "result": {"status": "pass"}, "node": "dns"}',
    ),
    (
        Check("net.dns", {"status": "pass"}, "", AT),
        '"t": "check", "id": "net.dns", "result": {"status": "pass"}}',
    ),
    (
        Caller({"name": "Ada", "contact": ""}, AT),
        '"t": "caller", "caller": {"name": "Ada", "contact": ""}}',
    ),
    (Quit("SIGTERM", AT), '"t": "quit", "reason": "SIGTERM"}'),
    (End("escalate", "escalate", AT), '"t": "end", "outcome": "escalate", "end": "escalate"}'),
    (End(None, None, AT), '"t": "end", "outcome": null, "end": null}'),
    (
        Rebase("d1", (GIVEN,), (), AT),
        '"t": "rebase", "digest": "d1", "answers": [{"node": "hdmi", "value": "yes", "by": "user", "at": "'
        + AT
        + '"}], "aside": []}',
    ),
    (
        Rebase("d1", (), None, AT),
        '"t": "rebase", "digest": "d1", "answers": []}',
    ),  # before set-aside answers
    (Resume(AT), '"t": "resume"}'),
    (
        KnownMet((SEEN,), "mine", "slow", AT),
        '"t": "known", "problems": [{"id": "slow", "kind": "file", "source": "k.yaml", "title": '
        '{"en": "Slow"}, "text": {}, "workaround": {}, "since": null, "status": "active", '
        '"ticket": "12", "new_reports": true, "url": null}], "choice": "mine", "problem": "slow"}',
    ),
    (
        Handover("1CN0-6085-G00", (GIVEN,), AT),
        '"t": "handover", "code": "1CN0-6085-G00", "answers": [{"node": "hdmi", "value": "yes", '
        '"by": "user", "at": "' + AT + '"}]}',
    ),
    (Unknown({"at": AT, "t": "future", "x": [1]}), '"t": "future", "x": [1]}'),
]


def lines(path: Path) -> list[bytes]:
    return [line for line in path.read_bytes().split(b"\n") if line.strip()]


def written(event: Event) -> bytes:
    """A journal line as Session.append writes it."""
    return json.dumps(event.to_json(), ensure_ascii=False).encode()


@pytest.mark.parametrize(("event", "line"), LINES, ids=[e.to_json()["t"] for e, _ in LINES])
def test_each_kind_writes_the_line_fixit_always_wrote_and_reads_it_back(
    event: Event, line: str
) -> None:
    assert written(event).decode() == '{"at": "' + AT + '", ' + line
    assert event_from_json(json.loads(written(event))) == event
    assert event.at == AT


def test_the_kinds_above_are_every_kind_there_is() -> None:
    assert {type(e) for e, _ in LINES} == set(get_args(Event))


@pytest.mark.parametrize("path", JOURNALS, ids=[p.stem for p in JOURNALS])
def test_a_recorded_journal_reads_and_writes_back_byte_for_byte(path: Path) -> None:
    for line in lines(path):
        event = event_from_json(json.loads(line))
        assert not isinstance(event, Unknown)
        assert written(event) == line
        assert event_from_json(event.to_json()) == event


def test_the_recorded_journals_hold_every_kind_fixit_writes() -> None:
    kinds = {type(event_from_json(json.loads(line))) for p in JOURNALS for line in lines(p)}
    assert kinds == set(get_args(Event)) - {Unknown}
    old = [
        event_from_json(json.loads(line))
        for line in lines(DATA / "journals" / "old-forced-checks.jsonl")
    ]
    assert [e.node for e in old if isinstance(e, Check)] == ["", ""]  # older: no step named


def test_an_event_is_stamped_with_the_time_it_is_written_unless_it_has_one() -> None:
    assert stamped(Back(), AT) == Back(AT)
    assert stamped(Back("earlier"), AT) == Back("earlier")
    assert written(stamped(Answer("a", "b"), AT)).startswith(b'{"at": "' + AT.encode() + b'", "t"')
    future = stamped(Unknown({"t": "future", "x": 1}), AT)
    assert future.to_json() == {"at": AT, "t": "future", "x": 1} and future.at == AT


def test_older_and_hand_written_shapes_read_as_the_replay_always_read_them() -> None:
    assert event_from_json({"t": "answer", "node": "a", "value": "b"}) == Answer("a", "b", "user")
    assert event_from_json({"t": "answer", "node": "a", "value": "b", "by": "robot"}).by == ""
    assert event_from_json({"t": "check", "id": "x"}) == Check("x", {})
    assert event_from_json({"t": "caller", "caller": {"n": 1}}) == Caller({"n": "1"})
    assert event_from_json({"t": "note", "text": 5}) == Note("", "5")
    assert event_from_json({"t": "end"}) == End(None, None)
    assert event_from_json({"t": "start", "anything": [1]}) == Start("", None, "")
    rebase = event_from_json({"t": "rebase", "answers": [{"node": "a", "value": "b"}]})
    assert rebase == Rebase("", (Given("a", "b", "user", ""),), None)


def ok(obj: Any) -> bool:
    try:
        event_from_json(obj)
    except DamagedEventError:
        return False
    return True


def test_journal_events_that_cannot_be_replayed() -> None:
    assert ok({"t": "answer", "node": "a", "value": "b"})
    assert ok({"t": "start", "anything": [1]})  # kinds fixit does not replay are kept
    assert not ok({"t": "answer", "node": "a"})
    assert not ok({"t": "rebase", "answers": [{"node": "a"}]})
    assert not ok({"t": "rebase", "answers": [], "aside": "x"})
    assert not ok({"t": "caller", "caller": ["x"]})
    assert not ok({"t": 5})
    assert not ok([])
    assert not ok({"t": "rebase", "answers": [], "aside": None})
    assert not ok({"t": "check", "id": "x", "result": {"duration": "long"}})
    assert not ok({"t": "note", "text": ["x"]})
    assert not ok({"no": "t"})


def test_a_kind_this_fixit_does_not_know_is_kept_as_it_was_and_changes_nothing() -> None:
    raw = {"at": AT, "t": "future", "x": {"y": [1, 2]}}
    event = event_from_json(raw)
    assert event == Unknown(raw) and event.to_json() == raw and event.at == AT
    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert tree is not None and not problems
    engine = Engine({"demo": tree}, "demo")
    answer = Answer("restart", "unsolved", "user", AT)
    assert replay(engine, [answer, event]) == replay(engine, [answer])


def test_a_handover_puts_the_callers_answers_in_force_before_the_agents() -> None:
    events, damaged = read_journal(DATA / "journals" / "handover.jsonl")
    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert damaged is None and tree is not None and not problems
    h = replay(Engine({"demo": tree}, "demo"), events)
    assert h.handover is not None and h.handover.code == "1CN0-6085-G00"
    assert [(a.node, a.value, a.by) for a in h.state.active] == [
        ("restart", "unsolved", "user"),
        ("hdmi", "yes", "user"),
        ("net", "pass", "check"),
        ("player_id", "A-1", "agent"),
    ]
    assert not ok({"t": "handover", "code": "X", "answers": [{"node": "a"}]})
    assert not ok({"t": "handover", "code": "X", "answers": "none"})


def test_a_recorded_journal_replays_through_the_one_reader(tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    shutil.copy(DATA / "journals" / "notes.jsonl", journal)
    journal.chmod(0o600)
    events, damaged = read_journal(journal)
    assert damaged is None and [type(e) for e in events].count(Back) == 2
    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert tree is not None and not problems
    h = replay(Engine({"demo": tree}, "demo"), events)
    assert [(a.node, a.value) for a in h.state.active] == [
        ("restart", "unsolved"),
        ("hdmi", "no"),
        ("player_id", "A-1"),
    ]
    assert [(n["node"], n["text"]) for n in h.notes] == [("hdmi", "blinks twice")]
    assert h.ended == End("escalate", "escalate", "2026-12-07T05:48:53+00:00")
