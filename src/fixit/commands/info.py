"""`fixit sessions` and `fixit report`: what the recorded sessions say."""

from __future__ import annotations

import json
import sys

from fixit import sessions
from fixit.context import AppContext
from fixit.errors import ExitCode


def list_sessions(ctx: AppContext, as_json: bool) -> int:
    """A table (or JSON) of sessions: id, tree, mode, started, status, outcome."""
    rows = list(sessions.listing())
    if as_json:
        keys = ("id", "tree", "mode", "started", "status", "outcome", "case")
        sys.stdout.write(json.dumps([{k: r.get(k) for k in keys} for r in rows], indent=2) + "\n")
        return ExitCode.OK
    m = ctx.msgs
    if not rows:
        ctx.console.print(m("sessions.none"))
        return ExitCode.OK
    from rich.table import Table

    from fixit.ui import safe

    table = Table(expand=False)
    for key in ("id", "tree", "mode", "started", "status", "outcome"):
        table.add_column(m(f"sessions.{key}"), overflow="fold")
    for r in rows:
        outcome = m(f"outcome.{r['outcome']}") if r.get("outcome") else ""
        table.add_row(
            safe(str(r.get("id"))),
            safe(str(r.get("tree"))),
            m(f"mode.{r.get('mode')}") if r.get("mode") in ("self", "agent") else "?",
            safe(str(r.get("started", ""))[:16].replace("T", " ")),
            m(f"status.{r.get('status')}"),
            outcome,
        )
    ctx.console.print(table)
    return ExitCode.OK
