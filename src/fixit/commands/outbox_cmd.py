"""`fixit outbox list` and `fixit outbox send`: what waits and why; send what is due."""

from __future__ import annotations

import json
import sys
from typing import Any

from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.submit.outbox import Item

COLUMNS = ("session", "target", "title", "attempts", "status", "last_error")


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
    return {k: item.meta.get(k) for k in (*COLUMNS, "next_try")} | {"id": item.id}


def outbox_list(ctx: AppContext, as_json: bool) -> int:
    """The reports waiting in the outbox and why (damaged ones too)."""
    from fixit.submit import outbox

    rows = [_row(i) for i in outbox.waiting()]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    if not rows:
        ctx.screen.line(ctx.msgs("outbox.empty"))
        return ExitCode.OK
    from rich.table import Table

    from fixit.ui import safe

    table = Table(expand=False)
    for key in COLUMNS:
        table.add_column(ctx.msgs(f"outbox.col.{key}"), overflow="fold")
    for r in rows:
        cells = [
            "" if r[k] is None else ctx.msgs(f"outbox.status.{r[k]}") if k == "status" else r[k]
            for k in COLUMNS
        ]
        table.add_row(*(safe(str(c)) for c in cells))
    ctx.console.print(table)
    if any(r["status"] == "damaged" for r in rows):
        ctx.screen.line(ctx.msgs("outbox.damaged_hint"), "yellow")
    return ExitCode.OK


def _damaged(ctx: AppContext, item: Item) -> None:
    ctx.screen.line(ctx.msgs("outbox.damaged", id=item.id, reason=item.damaged), "yellow")
    ctx.screen.line(ctx.msgs("outbox.damaged_hint"), "dim")


def outbox_send(ctx: AppContext, force: bool) -> int:
    """Send every waiting report that is due (all with --now); exit 1 if any is still waiting."""
    from fixit.commands.submit_cmd import deliver
    from fixit.submit import outbox

    items = outbox.waiting()
    if not items:
        ctx.screen.line(ctx.msgs("outbox.empty"))
        return ExitCode.OK
    at = outbox.now()
    left = 0
    for item in items:
        if item.damaged is not None:
            _damaged(ctx, item)
            left += 1
            continue
        target = ctx.config.targets.get(item.meta["target"])
        if target is None:
            ctx.screen.line(
                ctx.msgs("outbox.no_target", id=item.id, target=item.meta["target"]), "yellow"
            )
            left += 1
        elif not force and item.meta.get("status") == "waiting" and not item.due(at):
            ctx.screen.line(ctx.msgs("outbox.not_due", id=item.id, at=item.meta["next_try"]), "dim")
            left += 1
        elif not deliver(ctx, item, target):
            left += 1
    return ExitCode.USER_ERROR if left else ExitCode.OK
