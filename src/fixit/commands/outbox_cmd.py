"""`fixit outbox list` and `fixit outbox send`: what waits and why; send what is due (each
report tried as fixit.flows.outbox says), then how many were sent, wait or need a fix."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.flows.outbox import local_time, say, send_due
from fixit.i18n import _, localized
from fixit.labels import OUTBOX_COL, OUTBOX_STATUS
from fixit.submit.outbox import Item

if TYPE_CHECKING:
    pass

COLUMNS = ("session", "target", "title", "attempts", "status", "next_try", "last_error")
WHOLE = ("session", "target", "attempts", "next_try")  # never broken across lines
ROOM = 10  # the least width for each other column; with less the list is one block per report
FAILED = ("failed", "failed_fix", "broken")  # outcomes that make `fixit outbox send` exit 1
SUMMARY = {  # outcome -> what the closing line counts it as
    "sent": "sent",
    "not_due": "waiting",
    "busy": "waiting",
    "failed": "waiting",
    "needs_fix": "fix",
    "failed_fix": "fix",
    "broken": "fix",
}  # "gone" (removed from the outbox, not sent) is said on its own line and counted in none


def _row(item: Item) -> dict[str, Any]:
    if item.damaged is not None:
        session, _, target = item.id.partition("--")
        return dict.fromkeys((*COLUMNS, "next_try")) | {
            "session": session,
            "target": target,
            "status": "damaged",
            "last_error": item.damaged,
            "id": item.id,
        }
    row = {k: item.meta.get(k) for k in (*COLUMNS, "next_try")} | {"id": item.id}
    return row | {"last_error": item.last_error}  # a message: shown in the reader's language


def outbox_list(ctx: AppContext, as_json: bool) -> int:
    """The reports waiting in the outbox and why (damaged ones too)."""
    from fixit.submit import outbox

    rows = [_row(i) | {"kind": "report"} for i in outbox.waiting()]
    if ctx.config.team is not None or _records_wait():
        from fixit.flows.team import rows as outcome_rows

        rows += outcome_rows()  # outcome records for the team's statistics store
    if as_json:  # for programs: the reason in English, as item.json keeps it
        plain = [
            r | {"last_error": _english(r["last_error"]), "title": _english(r["title"])}
            for r in rows
        ]
        sys.stdout.write(json.dumps(plain, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    if not rows:
        say(ctx, ctx.msgs(_("The outbox is empty: no report is waiting to be sent.")))
        return ExitCode.OK
    cells = [{k: _cell(ctx, k, r[k]) for k in COLUMNS} for r in rows]
    for r, c in zip(rows, cells, strict=True):  # a time only where a try is waiting for it
        c["next_try"] = local_time(r["next_try"], ctx.msgs) if _retried(r) else ""
    if _fits(ctx, cells) and not ctx.plain:  # plain mode draws no table
        _table(ctx, cells)
    else:
        _blocks(ctx, cells)
    if any(r["status"] == "damaged" for r in rows):
        say(
            ctx,
            ctx.msgs(
                _(
                    "Send the session's report again with `fixit submit SESSION`, or remove its "
                    "folder from the outbox."
                )
            ),
            "yellow",
        )
    return ExitCode.OK


def _retried(row: dict[str, Any]) -> bool:
    """Whether `fixit outbox send` tries the report again by itself, at its next try."""
    return row["status"] == "waiting" and isinstance(row.get("next_try"), str)


def _cell(ctx: AppContext, column: str, value: Any) -> Any:
    """A value as the list shows it: statuses and errors in the user's language."""
    if value is None:
        return ""
    if column == "status":
        return ctx.msgs(OUTBOX_STATUS[value])
    return localized(value, ctx.lang) if column in ("last_error", "title") else value


def _english(value: object) -> str | None:
    """A reason as the JSON list gives it: English, None when there is none."""
    return None if value is None else str(value)


def _fits(ctx: AppContext, rows: list[dict[str, Any]]) -> bool:
    """Whether a table fits: the whole columns, the borders, and room for the others' words."""
    from fixit.columns import cell_width

    whole = sum(
        max(cell_width(str(v)) for v in [ctx.msgs(OUTBOX_COL[k])] + [r[k] for r in rows])
        for k in WHOLE
    )
    borders = 3 * len(COLUMNS) + 1
    return whole + borders + ROOM * (len(COLUMNS) - len(WHOLE)) <= ctx.console.width


def _table(ctx: AppContext, rows: list[dict[str, Any]]) -> None:
    """One row per report; the session, target and tries are never broken across lines."""
    from rich.table import Table

    from fixit.ui import safe

    table = Table(expand=False)
    for key in COLUMNS:
        no_wrap = key in WHOLE
        table.add_column(ctx.msgs(OUTBOX_COL[key]), no_wrap=no_wrap, overflow="fold")
    for r in rows:
        table.add_row(*(safe(str(r[k])) for k in COLUMNS))
    ctx.console.print(table)


def _blocks(ctx: AppContext, rows: list[dict[str, Any]]) -> None:
    """For a narrow terminal: each report as a heading and its fields, indented."""
    for n, r in enumerate(rows):
        if n:
            say(ctx, "")
        say(ctx, f"{r['session']} → {r['target']}", "bold")
        for key in COLUMNS[2:]:
            if r[key] != "":
                say(ctx, f"{ctx.msgs(OUTBOX_COL[key])}: {r[key]}", indent="  ")


def outbox_send(ctx: AppContext, force: bool) -> int:
    """Try the reports that are due (all with --now): a report that needs a fix only once its
    target's settings changed. Exit 1 only when a try failed or a report cannot be sent."""
    from fixit.submit import outbox

    items = outbox.waiting()
    records = _records_wait()
    if not items and not records:
        say(ctx, ctx.msgs(_("The outbox is empty: no report is waiting to be sent.")))
        return ExitCode.OK
    team_failed = False
    if records:
        from fixit.flows.team import send_command

        team_failed = send_command(ctx, force)
        if not items:
            return ExitCode.USER_ERROR if team_failed else ExitCode.OK
    at = outbox.now()
    outcomes = send_due(ctx, items, force, at)
    if all(o in ("not_due", "needs_fix") for o in outcomes):
        say(ctx, ctx.msgs(_("Nothing was due, so no report was tried.")))
    count = Counter(SUMMARY.get(o) for o in outcomes)
    summary = ctx.msgs(
        _(
            "Sent: {sent}. Still waiting: {waiting}. Needing a fix: {fix}.",
            sent=count["sent"],
            waiting=count["waiting"],
            fix=count["fix"],
        )
    )
    say(ctx, summary, "bold")
    failed = team_failed or any(o in FAILED for o in outcomes)
    return ExitCode.USER_ERROR if failed else ExitCode.OK


def _records_wait() -> bool:
    """Whether outcome records wait for the team store (a folder listing: nothing imported)."""
    from fixit import paths

    try:
        return any((paths.state_dir() / "outbox" / "outcomes").glob("*.json"))
    except OSError:
        return False
