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
    from fixit.columns import print_columns

    shown = ("id", "tree", "mode", "started", "status", "outcome")
    table = []
    for r in rows:  # ids are never wrapped: when the columns do not fit, one record per row
        mode = r.get("mode")
        table.append(
            [
                str(r.get("id")),
                str(r.get("tree")),
                m(f"mode.{mode}") if mode in ("self", "agent") else "?",
                str(r.get("started", ""))[:16].replace("T", " "),
                m(f"status.{r.get('status')}"),
                m(f"outcome.{r['outcome']}") if r.get("outcome") else "",
            ]
        )
    print_columns([m(f"sessions.{k}") for k in shown], table)
    return ExitCode.OK
