"""A session's journal read in one language: steps, answers, fields and their choice labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from fixit.compat import assert_never
from fixit.diagnostics.plain import plain_text
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.engine import ACK, ESCALATE, FALLBACK, Answer, Engine
from fixit.history import History
from fixit.i18n import Messages, _
from fixit.labels import BY, DIAG_STATUS, NEXT, STEP
from fixit.report.known_part import KNOWN, ended_known
from fixit.report.known_part import end_text as known_end_text
from fixit.report.known_part import next_text as known_next_text
from fixit.report.parts import Choice as Chosen
from fixit.report.parts import Note
from fixit.trees.model import Choice, Node, Tree, fill, localize
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step, probe


@dataclass(frozen=True)
class JournalStep:
    """One answered step in the language read: what was asked, the answer as read (`answer`)
    and as stored (`value`), who gave it (`who`, and `by` in words), its own check run."""

    node: str
    question: str
    value: str
    answer: str
    by: str
    who: str
    at: str
    check: Mapping[str, Any] | None
    field: str | None

    def to_json(self) -> dict[str, Any]:
        """The step as the end summary's redaction walks it."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Reading:
    """A session's journal read in one language, not redacted: the stuff of its report and its
    end summary. `fields` holds each collected field's stored value (a choice's id); `choices`
    gives, for each field whose value is a choice, that id and its label in this language."""

    id: str
    tree: str
    title: str
    mode: str
    started: str
    ended: str
    duration: str
    outcome: str | None
    end_text: str
    next: str
    steps: tuple[JournalStep, ...]
    fields: Mapping[str, str]
    choices: Mapping[str, Chosen]
    caller: Mapping[str, str]
    notes: tuple[Note, ...]
    checks: Mapping[str, Mapping[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """The reading as plain values, in the order the end summary's redaction walks it."""
        return {
            "id": self.id,
            "tree": self.tree,
            "title": self.title,
            "mode": self.mode,
            "started": self.started,
            "ended": self.ended,
            "duration": self.duration,
            "outcome": self.outcome,
            "end_text": self.end_text,
            "next": self.next,
            "steps": [st.to_json() for st in self.steps],
            "fields": dict(self.fields),
            "choices": {k: c.to_json() for k, c in self.choices.items()},
            "caller": dict(self.caller),
            "notes": [{"node": n.node, "text": n.text, "at": n.at} for n in self.notes],
            "checks": {k: dict(v) for k, v in self.checks.items()},
        }


def answer_label(engine: Engine, qid: str, value: str, msgs: Messages) -> str:
    """How an answer reads in a language (choice labels, step results, check statuses)."""
    node = engine.node(qid)
    if value == ESCALATE:
        return msgs(_("Hand this over to support now"))
    label = choice_label(node, value, msgs.lang)
    if label is not None:
        return label
    match node:
        case Step():
            return msgs(STEP[value])
        case Info() if value == ACK:
            return msgs(_("Continue"))
        case Check() if value == FALLBACK:
            return msgs(_("(skipped)"))
        case Question() | Check() | Input() | Info() | Run() | End():
            return value
        case _:
            assert_never(node)


def choice_label(node: Node, value: str, lang: str) -> str | None:
    """The label of the choice `value` names on a question or choice input, else None."""
    match node:
        case Question():
            return _label_of(node.choices, value, lang)
        case Input():
            return _label_of(node.choices, value, lang) if node.type == "choice" else None
        case Step() | Check() | Info() | Run() | End():
            return None
        case _:
            assert_never(node)


def _label_of(choices: tuple[Choice, ...], value: str, lang: str) -> str | None:
    return next((localize(c.label, lang) for c in choices if c.id == value), None)


def _question(node: Node, fields: Mapping[str, str], msgs: Messages) -> str:
    """What a step reads as in a report: a check step is its check's title, never a node id."""
    spec = CHECKS.get(probe(node) or "")
    if spec is not None and (isinstance(node, Check) or not node.text):
        return msgs(spec.title)
    return fill(localize(node.text, msgs.lang), fields) or node.id


def _not_run(value: str, by: str) -> bool:
    """A check node's answer where no check ran and no one was asked (agent mode, checks off):
    nothing was tried, so it is no step of the report."""
    return value == FALLBACK and by in ("agent", "user")


def _duration(start: str, end: str) -> str:
    try:
        seconds = int(
            (dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds()
        )
    except ValueError:
        return ""
    return f"{seconds // 60} min {seconds % 60} s"


def reading_of(
    meta: Mapping[str, Any],
    trees: Mapping[str, Tree],
    h: History,
    msgs: Messages,
    contact: str = "",
) -> Reading:
    """A session in `msgs`' language, not redacted: the stuff of its summary and its report."""
    engine = Engine(trees, str(meta["tree"]))
    walk = engine.walk(h.state.active)
    steps, choices = _steps(engine, h, walk.fields, msgs)
    outcome = walk.outcome
    end_text = ""
    if walk.end:
        end_text = fill(localize(engine.node(walk.end).text, msgs.lang), walk.fields)
    elif ended_known(h):  # "this is my problem" before the first step: no end node
        outcome, end_text = KNOWN, known_end_text(h, msgs)
    ended = h.ended.at if h.ended is not None else ""
    return Reading(
        id=meta["id"],
        tree=meta["tree"],
        title=localize(trees[str(meta["tree"])].title, msgs.lang),
        mode=meta.get("mode", "self"),
        started=meta.get("started", ""),
        ended=ended,
        duration=_duration(str(meta.get("started", "")), ended) if ended else "",
        outcome=outcome,
        end_text=end_text,
        next=known_next_text(h, msgs)
        if outcome == KNOWN
        else _next(outcome, str(meta["id"]), contact, msgs),
        steps=steps,
        fields=dict(walk.fields),
        choices=choices,
        caller=dict(h.caller),
        notes=tuple(Note(n["text"], n["node"], n["at"]) for n in h.notes),
        checks=_check_summaries(h, msgs),
    )


def _check_summaries(h: History, msgs: Messages) -> dict[str, Mapping[str, Any]]:
    """Each check's last result with its summary and reason in this language."""
    checks: dict[str, Mapping[str, Any]] = {}
    for cid, raw in h.checks.items():
        result = CheckResult.from_json(raw)
        checks[cid] = {
            **result.to_json(),
            "summary": result.text(msgs.lang),
            "reason": result.why(msgs.lang),
        }
    return checks


def _next(outcome: str | None, sid: str, contact: str, msgs: Messages) -> str:
    """What happens next after this outcome, naming the session and the contact, if any."""
    if not outcome:
        return ""
    extra = msgs(_(" ({contact})", contact=contact)) if contact else ""
    return msgs(NEXT[outcome], id=sid, contact=extra)


def _steps(
    engine: Engine, h: History, fields: Mapping[str, str], msgs: Messages
) -> tuple[tuple[JournalStep, ...], dict[str, Chosen]]:
    """The steps of the report in order, and each choice field's last chosen id and label."""
    steps = []
    choices: dict[str, Chosen] = {}
    for a in h.state.active:
        node = engine.node(a.node)
        if isinstance(node, Info) or (isinstance(node, Check) and _not_run(a.value, a.by)):
            continue
        ran = h.evidence.get((a.node, a.at))  # this step's own check run, if it ran one
        if isinstance(node, Input):  # the last answer for a field is its value
            label = choice_label(node, a.value, msgs.lang)
            if label is None:
                choices.pop(node.field, None)
            else:
                choices[node.field] = Chosen(a.value, label)
        steps.append(
            JournalStep(
                node=a.node,
                question=_question(node, fields, msgs),
                value=a.value,
                answer=_step_answer(engine, node, a, ran, msgs),
                by=msgs(BY[a.by]) if a.by else "",
                who=a.by,
                at=a.at,
                check=ran,
                field=node.field if isinstance(node, Input) else None,
            )
        )
    return tuple(steps), choices


def _step_answer(
    engine: Engine, node: Node, a: Answer, ran: Mapping[str, Any] | None, msgs: Messages
) -> str:
    """A step's answer as read: for a check step with its own run, what the check found."""
    found = CheckResult.from_json(ran) if ran is not None else None
    if (
        found is not None
        and isinstance(node, Check)
        and (a.value in STATUSES or a.by == "override")
    ):
        # what the check step found (a corrected one too), as the user was told it; a
        # question keeps the answer the person gave, its check's run is the step's `check`
        return f"{msgs(DIAG_STATUS[found.status])} — {plain_text(found, msgs.lang)}"
    return answer_label(engine, a.node, a.value, msgs)
