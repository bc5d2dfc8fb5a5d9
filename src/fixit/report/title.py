"""A report title a help-desk queue can scan: what, which device, how it ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixit.i18n import Messages, _, ngettext
from fixit.labels import TITLE_OUTCOME, URGENCY
from fixit.textsafe import clip

if TYPE_CHECKING:  # the report model is not needed to know REPORT_TREE before a first prompt
    from fixit.report.document import Report

REPORT_TREE = "report-problem"  # the tree behind `fixit report --new`
MAX_PART = 60


def _identifier(report: Report) -> str:
    """The device the report is about: the caller's device id, else a collected *_id field."""
    device = report.reporter.get("device_id", "")
    if device:
        return device
    for f in report.fields:
        if f.id.endswith("_id") and f.value:
            return f.value
    return ""


#: where `fixit report --new` keeps the person's own words: a fault, a request, a question
OWN_WORDS = ("happened", "request", "question")


def _own_words(report: Report) -> str:
    """What happened, else what is requested, else the question asked ('' if none)."""
    collected = {f.id: f.value for f in report.fields}
    for key in OWN_WORDS:
        value = report.problem.get(key) or collected.get(key)
        if value:
            return value
    return ""


def make_title(report: Report, msgs: Messages, shorten: bool = True) -> str:
    """E.g. `Info screen blank — A-1234 — escalated after 4 steps`, in `msgs`' language.

    Parts are shortened here, so a report shown or sent gets its title from its redacted parts
    (see `redact_report`): cut first, an address or a token no longer looks like one.
    `shorten=False` gives the parts whole."""
    cut = clip if shorten else lambda text, _limit: text
    what = report.tree.title
    if report.tree.id == REPORT_TREE:  # the person's own words, whatever they asked
        what = _own_words(report) or what
    parts = [cut(" ".join(what.split()), MAX_PART)]
    ident = _identifier(report)
    if ident:
        parts.append(cut(" ".join(ident.split()), 30))
    n = len(report.steps)
    steps = msgs(ngettext("{n} step", "{n} steps", n))
    if report.tree.id == REPORT_TREE:
        if report.urgency:
            parts.append(msgs(URGENCY[report.urgency]))
    elif report.outcome:
        parts.append(msgs(TITLE_OUTCOME[report.outcome], steps=steps))
    else:
        parts.append(msgs(_("not finished, {steps} so far", steps=steps)))
    return " — ".join(p for p in parts if p)
