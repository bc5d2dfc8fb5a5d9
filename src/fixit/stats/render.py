"""`fixit stats` for people (aligned tables, the worst steps first, small bars) and for
spreadsheets (CSV, one table at a time)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from fixit.columns import print_columns
from fixit.i18n import Messages, Msg, _, ngettext, pgettext
from fixit.labels import NODE_KIND, OUTCOME
from fixit.stats.result import Stats, TreeFigures

BAR = 8  # cells of a bar
OUTCOME_WORDS: dict[str, Msg] = {**OUTCOME, "abandoned": _("Abandoned")}
TABLES = ("trees", "nodes", "checks", "escalations")


def bar(share: float | None, plain: bool) -> str:
    """A share as a percentage, with a small bar unless plain (a screen reader reads the bar's
    blocks one by one)."""
    if share is None:
        return "–"
    percent = f"{round(share * 100)} %"
    if plain:
        return percent
    full = round(share * BAR)
    return "█" * full + "░" * (BAR - full) + " " + percent


def duration(seconds: float | None, msgs: Messages) -> str:
    """Seconds as people read them: `45 s`, `3 min 10 s`, `2 h 5 min`."""
    if seconds is None:
        return "–"
    s = round(seconds)
    if s < 60:
        return msgs(pgettext("duration", "{s} s", s=s))
    if s < 3600:
        return msgs(pgettext("duration", "{m} min {s} s", m=s // 60, s=s % 60))
    return msgs(pgettext("duration", "{h} h {m} min", h=s // 3600, m=s % 3600 // 60))


def print_human(stats: Stats, msgs: Messages, plain: bool, write: Callable[[str], None]) -> None:
    """Every tree's figures: its outcomes and times, then its nodes (worst first), its checks
    (overridden ones flagged) and where escalations ended."""
    if not stats.trees:
        write(
            msgs(_("No recorded sessions match. Run a tree with `fixit`, or change the filters."))
        )
        return
    for i, tree in enumerate(stats.trees):
        if i:
            write("")
        _tree(tree, msgs, plain, write)


def _tree(tree: TreeFigures, msgs: Messages, plain: bool, write: Callable[[str], None]) -> None:
    version = "?" if tree.version is None else str(tree.version)
    write(
        msgs(
            ngettext(
                "{tree} (version {version}): {n} session, resolved {rate}",
                "{tree} (version {version}): {n} sessions, resolved {rate}",
                tree.sessions,
                tree=tree.id,
                version=version,
                n=tree.sessions,
                rate=bar(tree.resolution_rate, plain),
            )
        )
    )
    outcomes = ", ".join(f"{msgs(OUTCOME_WORDS[k])} {n}" for k, n in tree.outcomes.items())
    write("  " + outcomes)
    write(
        "  "
        + msgs(
            _(
                "Time to an outcome: median {median}, 90% within {p90}",
                median=duration(tree.median_seconds, msgs),
                p90=duration(tree.p90_seconds, msgs),
            )
        )
    )
    write("")
    headers = [
        pgettext("stats column", "Node"),
        pgettext("stats column", "Kind"),
        pgettext("stats column", "Views"),
        pgettext("stats column", "Solved it"),
    ]
    headers += [pgettext("stats column", "Gave up here"), pgettext("stats column", "Median time")]
    rows = [
        [
            n.id,
            msgs(NODE_KIND[n.kind]) if n.kind in NODE_KIND else n.kind,
            str(n.views),
            bar(n.solved_rate, plain) if n.kind == "step" else "",
            bar(n.abandoned_rate, plain),
            duration(n.median_seconds, msgs),
        ]
        for n in tree.nodes
    ]
    _table(headers, rows, msgs, plain)
    if tree.checks:
        write("")
        headers = [
            pgettext("stats column", "Check"),
            pgettext("stats column", "Runs"),
            pgettext("stats column", "Answered"),
            pgettext("stats column", "Overridden"),
        ]
        headers.append(pgettext("stats column", "Note"))
        rows = [
            [
                c.id,
                str(c.runs),
                str(c.answered),
                bar(c.overridden_rate, plain),
                msgs(_("often overridden: is the check right?")) if c.flagged else "",
            ]
            for c in tree.checks
        ]
        _table(headers, rows, msgs, plain)
    if tree.escalations:
        write("")
        headers = [pgettext("stats column", "Escalated at"), pgettext("stats column", "Sessions")]
        rows = [
            [msgs(_("{node} (loop guard)", node=e.end)) if e.guard else e.end, str(e.sessions)]
            for e in tree.escalations
        ]
        _table(headers, rows, msgs, plain)


def _table(headers: list[Msg], rows: list[list[str]], msgs: Messages, plain: bool) -> None:
    print_columns([msgs(h) for h in headers], rows, plain=plain)


def to_csv(stats: Stats, table: str) -> str:
    """One of TABLES as CSV (a header row, then one row per tree, node, check or end; rates
    as fractions, times in seconds): what a spreadsheet reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rows = _csv_rows(stats, table)
    if rows:
        writer.writerow(list(rows[0]))
    writer.writerows([[_cell(v) for v in row.values()] for row in rows])
    return out.getvalue()


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _csv_rows(stats: Stats, table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for tree in stats.trees:
        head = {"tree": tree.id, "version": tree.version}
        data = tree.to_json()
        if table == "trees":
            rows.append(
                head
                | {"sessions": tree.sessions}
                | tree.outcomes
                | {k: data[k] for k in ("resolution_rate", "median_seconds", "p90_seconds")}
            )
        elif table == "nodes":
            rows += [head | {k: v for k, v in n.items() if k != "answers"} for n in data["nodes"]]
        elif table == "checks":
            rows += [head | {k: v for k, v in c.items() if k != "statuses"} for c in data["checks"]]
        else:
            rows += [head | e for e in data["escalations"]]
    return rows
