"""The end-of-session summary, built from the journal in any language, and its Markdown form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.engine import ACK, ESCALATE, FALLBACK, Engine
from fixit.history import History
from fixit.i18n import Messages
from fixit.textsafe import visible
from fixit.trees.model import Tree, fill, localize


def answer_label(engine: Engine, qid: str, value: str, msgs: Messages) -> str:
    """How an answer reads in a language (choice labels, step results, check statuses)."""
    node = engine.node(qid)
    if value == ESCALATE:
        return msgs("opt.escalate")
    if node.kind == "question" or (node.kind == "input" and node.type == "choice"):
        for c in node.choices:
            if c.id == value:
                return localize(c.label, msgs.lang)
    if node.kind == "step":
        return msgs(f"step.{value}")
    if node.kind == "info" and value == ACK:
        return msgs("opt.continue")
    if node.kind == "check" and value == FALLBACK:
        return msgs("report.skipped")
    return value


def _duration(start: str, end: str) -> str:
    try:
        seconds = int(
            (dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds()
        )
    except ValueError:
        return ""
    return f"{seconds // 60} min {seconds % 60} s"


def build_summary(
    meta: Mapping[str, Any],
    trees: Mapping[str, Tree],
    h: History,
    msgs: Messages,
    contact: str = "",
) -> dict[str, Any]:
    """Everything the end screen and `fixit report` show, in `msgs`' language."""
    engine = Engine(trees, str(meta["tree"]))
    walk = engine.walk(h.state.active)
    checks = {}
    for cid, raw in h.checks.items():  # each check's last result, its summary in this language
        result = CheckResult.from_json(raw)
        checks[cid] = {**result.to_json(), "summary": result.text(msgs.lang)}
    steps = []
    for a in h.state.active:
        node = engine.node(a.node)
        if node.kind == "info":
            continue
        question = fill(localize(node.text, msgs.lang), walk.fields) or node.id
        answer = answer_label(engine, a.node, a.value, msgs)
        if node.kind == "check" and a.value in STATUSES and node.check in checks:
            found = checks[node.check]["summary"]
            answer = f"{msgs('diag.status.' + a.value)} — {found}" if found else answer
        steps.append(
            {
                "node": a.node,
                "question": question,
                "value": a.value,
                "answer": answer,
                "by": msgs(f"by.{a.by}") if a.by else "",
                "who": a.by,
                "at": a.at,
            }
        )
    outcome = walk.outcome
    end_text = ""
    if walk.end:
        end_text = fill(localize(engine.node(walk.end).text, msgs.lang), walk.fields)
    nxt = ""
    if outcome:
        extra = msgs("next.contact", contact=contact) if contact else ""
        nxt = msgs(f"next.{outcome}", id=meta["id"], contact=extra)
    ended = (h.ended or {}).get("at", "")
    return {
        "id": meta["id"],
        "tree": meta["tree"],
        "title": localize(trees[str(meta["tree"])].title, msgs.lang),
        "mode": meta.get("mode", "self"),
        "started": meta.get("started", ""),
        "ended": ended,
        "duration": _duration(str(meta.get("started", "")), ended) if ended else "",
        "outcome": outcome,
        "end_text": end_text,
        "next": nxt,
        "steps": steps,
        "fields": dict(walk.fields),
        "caller": dict(h.caller),
        "notes": list(h.notes),
        "checks": checks,
    }


def md_escape(text: str, table: bool = False) -> str:
    """Escape text for Markdown (markup, HTML, table breakers) and show control characters."""
    out = visible(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#!|~":
        out = out.replace(ch, "\\" + ch)
    if table:
        out = out.replace("\r", " ").replace("\n", "<br>")
    return out


def render_markdown(s: Mapping[str, Any], msgs: Messages) -> str:
    """The summary as ticket-ready Markdown (the full report model comes with `fixit report`)."""
    e = md_escape
    outcome = msgs(f"outcome.{s['outcome']}") if s["outcome"] else msgs("report.unfinished")
    lines = [f"# {e(s['title'])} — {e(outcome)}", ""]
    lines += [
        f"| {e(msgs('report.session'))} | {e(s['id'])} |",
        "|---|---|",
        f"| {e(msgs('report.tree'))} | {e(s['tree'])} |",
        f"| {e(msgs('report.mode'))} | {e(msgs('mode.' + s['mode']))} |",
        f"| {e(msgs('report.started'))} | {e(s['started'])} |",
    ]
    if s["duration"]:
        lines.append(f"| {e(msgs('report.duration'))} | {e(s['duration'])} |")
    lines.append(f"| {e(msgs('report.outcome'))} | {e(outcome)} |")
    lines.append("")
    if s["end_text"]:
        lines += [e(s["end_text"]), ""]
    if s["next"]:
        lines += [e(s["next"]), ""]
    lines += [f"## {e(msgs('summary.steps'))}", ""]
    if s["steps"]:
        lines += [
            f"| # | {e(msgs('summary.question'))} | {e(msgs('summary.answer'))} | "
            f"{e(msgs('summary.by'))} |",
            "|---|---|---|---|",
        ]
        for i, st in enumerate(s["steps"], 1):
            lines.append(
                f"| {i} | {e(st['question'], True)} | {e(st['answer'], True)} | "
                f"{e(st['by'], True)} |"
            )
    else:
        lines.append(e(msgs("report.none")))
    caller = {msgs(f"summary.caller.{k}"): v for k, v in s["caller"].items()}
    for title, values in (
        (msgs("summary.caller"), caller),
        (msgs("summary.fields"), s["fields"]),
    ):
        if values:
            lines += ["", f"## {e(title)}", ""]
            lines += [f"- **{e(k)}**: {e(v, True)}" for k, v in values.items()]
    if s["checks"]:
        lines += ["", f"## {e(msgs('report.checks'))}", ""]
        for cid, r in s["checks"].items():
            lines.append(
                f"- `{cid}`: **{e(str(r.get('status')))}** — {e(str(r.get('summary', '')), True)}"
            )
    if s["notes"]:
        lines += ["", f"## {e(msgs('summary.notes'))}", ""]
        lines += [f"- {e(n['text'], True)}" for n in s["notes"]]
    return "\n".join(lines) + "\n"
