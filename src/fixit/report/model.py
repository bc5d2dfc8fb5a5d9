"""The report model (SPEC §7): everything support needs, built from a session in any language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from fixit import __version__
from fixit.diagnostics.plain import plain_text
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.history import History
from fixit.i18n import Messages
from fixit.report.attachments import describe
from fixit.report.document import Report
from fixit.report.journal import JournalStep, Reading, reading_of
from fixit.report.known_part import known_part, related_ticket
from fixit.report.parts import (
    CheckEntry,
    End,
    Environment,
    FieldValue,
    Generator,
    Handover,
    SessionInfo,
    Step,
    Ticket,
    TreeInfo,
)
from fixit.report.title import make_title
from fixit.session_shape import SNAPSHOT_CHECKS
from fixit.trees.model import Tree, localize
from fixit.trees.nodes import Input

#: fields a tree (or `fixit report --new`) collects that fill the report's problem section
PROBLEM_KEYS = ("doing", "happened", "error_message", "since", "frequency", "reproduce", "affected")
REPORTER_KEYS = ("name", "organisation", "contact", "device_id")
URGENCIES = ("critical", "high", "normal", "low")
CATEGORIES = ("incident", "service_request", "advice")
#: outcomes whose next step, as the wizard words it, also makes sense to support: the others say
#: "run `fixit report` and send it to support", advice for the person at the machine only
NEXT_IN_REPORT = ("resolved", "referred", "known")


def _seconds(start: str, end: str) -> int | None:
    try:
        delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    except ValueError:
        return None
    return max(0, int(delta.total_seconds()))


def field_labels(trees: Mapping[str, Tree], lang: str) -> dict[str, str]:
    """Each collected field's label: the input node's short `label`, else its question."""
    labels: dict[str, str] = {}
    for tree in trees.values():
        for node in tree.nodes.values():
            if isinstance(node, Input) and node.field not in labels:
                labels[node.field] = localize(node.label or node.text, lang) or node.field
    return labels


def as_typed_fields(trees: Mapping[str, Tree]) -> set[str]:
    """The fields an input node declares `redact: false`: the subject of a request, which
    reaches support as typed (secrets are still removed)."""
    return {
        n.field
        for t in trees.values()
        for n in t.nodes.values()
        if isinstance(n, Input) and not n.redact
    }


def _path_fields(trees: Mapping[str, Tree]) -> set[str]:
    return {
        n.field
        for t in trees.values()
        for n in t.nodes.values()
        if isinstance(n, Input) and n.type == "path"
    }


def _check_entry(raw: Mapping[str, Any], lang: str) -> CheckEntry:
    r = CheckResult.from_json(raw)
    spec = CHECKS.get(r.id)
    return CheckEntry(
        id=r.id,
        title=spec.title.render(lang) if spec else r.id,
        status=r.status,
        plain=plain_text(r, lang),
        summary=r.text(lang),
        data=r.data,
        duration=round(r.duration, 3),
        reason=r.why(lang),
    )


def _checks(steps: Sequence[Step], history: History, lang: str) -> list[CheckEntry]:
    """Each step's own check run (two steps running one check keep a result each), then the
    last result of any check that no step in force ran (one of a step since gone back over)."""
    out = [replace(s.check, step=s.n) for s in steps if s.check is not None]
    ran = {c.id for c in out}
    return out + [_check_entry(raw, lang) for cid, raw in history.checks.items() if cid not in ran]


def _reporter(fields: Mapping[str, str], caller: Mapping[str, str]) -> dict[str, str]:
    out = {k: v for k, v in caller.items() if k in REPORTER_KEYS and v}
    for key in REPORTER_KEYS:
        value = fields.get(f"reporter_{key}") or (fields.get(key) if key == "device_id" else "")
        if value and key not in out:
            out[key] = value
    return out


def assemble_report(
    meta: Mapping[str, Any],
    trees: Mapping[str, Tree],
    history: History,
    msgs: Messages,
    contact: str = "",
    environment: Mapping[str, Any] | None = None,
    attach: Sequence[Path] = (),
) -> Report:
    """The report of a session from its parts: metadata, tree snapshot, history, environment."""
    s = reading_of(meta, trees, history, msgs, contact)
    root: Tree = trees[str(meta["tree"])]
    fields: dict[str, str] = dict(s.fields)
    reporter = _reporter(fields, s.caller)
    steps = _steps(s.steps, msgs.lang)
    snapshot, more = _snapshot(environment, history, msgs.lang)
    paths = [Path(fields[f]) for f in sorted(_path_fields(trees)) if fields.get(f)]
    category = fields.get("category", "")
    nxt = s.next if s.outcome in NEXT_IN_REPORT else ""
    report = Report(
        id=meta["id"],
        title="",
        lang=msgs.lang,
        category=category if category in CATEGORIES else root.category,
        urgency=fields["urgency"] if fields.get("urgency") in URGENCIES else None,
        outcome=s.outcome,
        status=meta.get("status", "running"),
        tree=TreeInfo(root.id, root.version, s.title),
        session=_session(meta, s, msgs.lang),
        problem={k: fields[k] for k in PROBLEM_KEYS if fields.get(k)},
        reporter=reporter,
        fields=_fields(fields, reporter, field_labels(trees, msgs.lang)),
        choices=dict(s.choices),
        as_typed=tuple(sorted(f for f in as_typed_fields(trees) if fields.get(f, "").strip())),
        steps=steps,
        notes=s.notes,
        checks=(*_checks(steps, history, msgs.lang), *more),
        environment=snapshot,
        attachments=tuple(describe(p) for p in _unique([*paths, *attach])),
        end=End(history_end(history), s.end_text, nxt),
        redactions=(),
        redacted=False,
        ticket=_ticket(meta.get("ticket")),
        generator=Generator("fixit", __version__),
        support_code=meta["support_code"] if isinstance(meta.get("support_code"), str) else None,
        handover=_handover(history, steps),
        known=known_part(history, msgs.lang),
        related_ticket=related_ticket(history),
    )
    return replace(report, title=make_title(report, msgs))


def _handover(history: History, steps: Sequence[Step]) -> Handover | None:
    """Where an agent session took over from the caller's code: the report's first steps that
    are still the caller's own answers from it (a step the agent changed is the agent's)."""
    picked = history.handover
    if picked is None:
        return None
    theirs = {(a.node, a.value, a.by) for a in picked.answers}  # given again unchanged: theirs
    n = 0
    while n < len(steps) and (steps[n].node, steps[n].value, steps[n].by) in theirs:
        n += 1
    return Handover(picked.code, picked.at, n)


def _snapshot(
    environment: Mapping[str, Any] | None, history: History, lang: str
) -> tuple[Environment | None, list[CheckEntry]]:
    """The environment snapshot's facts, and any further diagnostics it ran that no step ran
    again: those count as the report's checks."""
    if not environment:
        return None, []
    facts, more = [], []
    for cid, raw in environment.get("checks", {}).items():
        entry = _check_entry(raw, lang)
        if cid in SNAPSHOT_CHECKS:
            facts.append(entry)
        elif cid not in history.checks:
            more.append(entry)
    return Environment(environment.get("taken"), tuple(facts)), more


def _steps(steps: Sequence[JournalStep], lang: str) -> tuple[Step, ...]:
    """The journal's steps, numbered, each with its own check run in the report's language."""
    return tuple(
        Step(
            n=i,
            node=st.node,
            question=st.question,
            answer=st.answer,
            value=st.value,
            by=st.who,
            by_label=st.by,
            at=st.at,
            check=_check_entry(st.check, lang) if st.check is not None else None,
            field=st.field or None,
        )
        for i, st in enumerate(steps, 1)
    )


def _session(meta: Mapping[str, Any], s: Reading, lang: str) -> SessionInfo:
    ended = s.ended or None
    return SessionInfo(
        id=meta["id"],
        mode=s.mode,
        lang=meta.get("lang", lang),
        started=s.started,
        ended=ended,
        duration_seconds=_seconds(s.started, ended) if ended else None,
        case=meta.get("case"),
    )


def _fields(
    fields: Mapping[str, str], reporter: Mapping[str, str], labels: Mapping[str, str]
) -> tuple[FieldValue, ...]:
    """The collected fields the problem and reporter sections do not already show."""
    shown = set(PROBLEM_KEYS) | {f"reporter_{k}" for k in REPORTER_KEYS} | {"urgency", "category"}
    if reporter.get("device_id") == fields.get("device_id"):
        shown.add("device_id")
    return tuple(
        FieldValue(k, labels.get(k, k), v)
        for k, v in fields.items()
        if k not in shown and v.strip()
    )


def _ticket(raw: object) -> Ticket | None:
    """The ticket the session's metadata records, if any."""
    if not isinstance(raw, Mapping):
        return None
    return Ticket(str(raw["target"]), str(raw["ref"]), raw.get("url"))


def sources(section: str, key: str) -> tuple[str, ...]:
    """The fields an entry of the report's problem or reporter section may come from."""
    if section == "reporter":
        return (f"reporter_{key}", "device_id") if key == "device_id" else (f"reporter_{key}",)
    return (key,) if section == "problem" else ()


def history_end(history: History) -> str | None:
    """The end node the session reached, if it ended."""
    return (history.ended.end or None) if history.ended is not None else None


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for p in paths:
        seen.setdefault(str(p), p)
    return list(seen.values())
