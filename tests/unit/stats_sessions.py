"""Hand-made sessions for the statistics tests: real session folders (sessions.Session) whose
journal events carry the times the test gives, so every figure has a known answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fixit import events, sessions
from fixit.trees.model import Tree
from fixit.trees.validate import check_file

DATA = Path(__file__).resolve().parent.parent / "data"
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)

LOOP = """\
format: 1
id: loop
version: 1
title: {en: A loop}
start: power
nodes:
  power:
    kind: step
    text: {en: Switch it off and on.}
    solved: done
    unsolved: cable
  cable:
    kind: question
    text: {en: Is the cable in?}
    choices:
      - {id: again, label: {en: Try again}, goto: power}
      - {id: broken, label: {en: It is broken}, goto: escalate}
  escalate:
    kind: end
    outcome: escalate
    text: {en: Support takes it from here.}
  done:
    kind: end
    outcome: resolved
    text: {en: Fixed.}
"""


def at(seconds: int) -> str:
    """T0 plus `seconds`, as a journal writes times."""
    return (T0 + dt.timedelta(seconds=seconds)).isoformat()


def demo() -> Tree:
    """tests/data/trees/demo.yaml: a step, a question, a check with a fallback, an input."""
    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert tree is not None and not problems
    return tree


def loop(folder: Path) -> Tree:
    """A tree whose step and question lead back to each other: the loop guard's ground."""
    path = folder / "loop.yaml"
    path.write_text(LOOP, encoding="utf-8")
    tree, problems = check_file(path)
    assert tree is not None and not problems
    return tree


def answer(node: str, value: str, t: int, by: str = "user") -> events.Answer:
    """An answer given `t` seconds after T0."""
    return events.Answer(node, value, by, at(t))


def check(cid: str, node: str, status: str, t: int) -> events.Check:
    """A check's result for a node, `t` seconds after T0."""
    result = {"id": cid, "status": status, "summary": {"en": status}, "data": {}}
    return events.Check(cid, result | {"duration": 0.0, "reason": ""}, node, at(t))


def end(outcome: str, node: str | None, t: int) -> events.End:
    """The session's end, `t` seconds after T0."""
    return events.End(outcome, node, at(t))


def make(
    tree: Tree,
    journal: list[events.Event],
    *,
    mode: str = "self",
    start: int = 0,
    keep_open: bool = False,
    **meta: Any,
) -> sessions.Session:
    """A session of `tree` started `start` seconds after T0, with these events after its start;
    closed (its lock released) unless `keep_open`."""
    session = sessions.Session.create(tree, {tree.id: tree}, {"mode": mode, "lang": "en", **meta})
    session.save_meta(started=at(start))
    session.append(events.Start(tree.id, tree.version, mode, at(start)))
    for event in journal:
        session.append(event)
    status = "finished" if any(isinstance(e, events.End) for e in journal) else "paused"
    session.save_meta(status=status)
    if not keep_open:
        session.close()
    return session
