"""The end-of-session summary, as redacted as the session's report, and its Markdown form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fixit.history import History
from fixit.i18n import Messages
from fixit.report.as_typed import Spot, put, step_spots, take_out
from fixit.report.journal import reading_of
from fixit.report.labels import RPT
from fixit.report.model import (
    PROBLEM_KEYS,
    REPORTER_KEYS,
    as_typed_fields,
    assemble_report,
    field_labels,
)
from fixit.report.parts import Note
from fixit.report.redact import Redactor, redact_report, redact_values
from fixit.trees.model import Tree


@dataclass(frozen=True)
class SummaryStep:
    """One step as the end screen lists it: what was asked, the answer, who gave it."""

    question: str
    answer: str
    by: str


@dataclass(frozen=True)
class Summary:
    """What the end screen shows of a session, in one language, redacted as its report is:
    `fields` maps each collected field's label to its value (a choice by its label), `caller`
    the caller's details by their keys, and `next` is the one thing left to do."""

    outcome: str | None
    mode: str
    end_text: str
    next: str
    steps: tuple[SummaryStep, ...]
    caller: Mapping[str, str]
    fields: Mapping[str, str]
    notes: tuple[Note, ...]
    code: str | None = None  # the session's support code (None: a session without one)


#: what the summary shows of what people typed, checks found and trees filled in: redacted
PRIVATE = ("end_text", "steps", "fields", "caller", "notes", "checks")


def build_summary(
    meta: Mapping[str, Any],
    trees: Mapping[str, Tree],
    h: History,
    msgs: Messages,
    redactor: Redactor,
    contact: str = "",
    environment: Mapping[str, Any] | None = None,
) -> Summary:
    """Everything the end screen shows, in `msgs`' language, redacted as the session's report is.

    Secrets are always removed and personal data follows the `redactor`'s policy with the
    report's placeholders: the report (with the session's `environment` snapshot) is redacted
    first, so an address that is `<email-2>` there is `<email-2>` here too. Fields are shown by
    their label (a short one, else their question) and choices by theirs."""
    s = reading_of(meta, trees, h, msgs, contact).to_json()  # redacted as plain values
    report = assemble_report(meta, trees, h, msgs, contact, environment)
    redact_report(report, redactor)  # numbers placeholders in the report's order, keeps contact
    typed = as_typed_fields(trees)
    s["fields"], typed_rows = _readable_fields(s, trees, msgs, typed)
    spots: list[Spot] = [("fields", label, "") for label in typed_rows]
    aside = take_out(s, spots + step_spots(s["steps"], typed))
    for key in PRIVATE:  # the values: labels and caller keys are ours, and the screen reads them
        s[key] = redact_values(s[key], redactor)
    for spot, text in aside:  # the tree's declared fields: as typed, secrets removed, as reported
        put(s, spot, redactor.secrets(text))
    return Summary(
        outcome=s["outcome"],
        mode=s["mode"],
        end_text=s["end_text"],
        next=s["next"],
        steps=tuple(SummaryStep(st["question"], st["answer"], st["by"]) for st in s["steps"]),
        caller=s["caller"],
        fields=s["fields"],
        notes=tuple(Note(n["text"], n["node"], n["at"]) for n in s["notes"]),
        code=meta["support_code"] if isinstance(meta.get("support_code"), str) else None,
    )


def _readable_fields(
    s: Mapping[str, Any], trees: Mapping[str, Tree], msgs: Messages, typed: set[str]
) -> tuple[dict[str, str], set[str]]:
    """The collected fields that hold something: label -> value, a choice by its label; and
    the labels of the rows that show a field declared `redact: false`."""
    questions = field_labels(trees, msgs.lang)
    rows: dict[str, str] = {}
    typed_rows: set[str] = set()
    for fid, value in s["fields"].items():
        if not value.strip():
            continue
        label = _short_label(fid, msgs) or questions.get(fid, fid)
        if label in rows:  # two questions worded alike: tell them apart
            label = f"{label} ({fid})"
        choice = s["choices"].get(fid) or {}
        rows[label] = choice["label"] if choice.get("id") == value else value
        if fid in typed:
            typed_rows.add(label)
    return rows, typed_rows


def _short_label(fid: str, msgs: Messages) -> str:
    """The report's own label for a field it knows (`frequency` is "How often"), else ""."""
    if fid in PROBLEM_KEYS:
        return msgs(RPT[f"problem.{fid}"])
    key = fid.removeprefix("reporter_")
    if key in REPORTER_KEYS and (key != fid or fid == "device_id"):
        return msgs(RPT[f"reporter.{key}"])
    return msgs(RPT[fid]) if fid in ("category", "urgency") else ""
