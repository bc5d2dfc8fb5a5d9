"""`fixit sessions` and `fixit report`: what the recorded sessions say."""

from __future__ import annotations

import json
import sys
from typing import Any

from fixit import sessions
from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.i18n import _
from fixit.labels import MODE, OUTCOME, SESSIONS_COL, STATUS
from fixit.trees.model import localize


def list_sessions(ctx: AppContext, as_json: bool) -> int:
    """A table (or JSON) of sessions: id, problem, mode, started, status, outcome."""
    rows = list(sessions.listing())
    if as_json:
        keys = ("id", "tree", "mode", "started", "status", "outcome", "case", "support_code")
        sys.stdout.write(json.dumps([{k: r.get(k) for k in keys} for r in rows], indent=2) + "\n")
        return ExitCode.OK
    m = ctx.msgs
    if not rows:
        ctx.console.print(m(_("No sessions yet. Start one with `fixit`.")))
        return ExitCode.OK
    from fixit.columns import print_columns
    from fixit.report.outline import when

    shown = ("id", "tree", "mode", "started", "status", "outcome", "support_code")
    table = []
    for r in rows:  # ids are never wrapped: when the columns do not fit, one record per row
        mode = r.get("mode")
        table.append(
            [
                str(r.get("id")),
                _topic(r, ctx.lang),
                m(MODE[mode]) if mode in ("self", "agent") else "?",
                when(r["started"], m) if r.get("started") else "",
                m(STATUS[str(r.get("status"))]),
                m(OUTCOME[r["outcome"]]) if r.get("outcome") else "",
                str(r["support_code"]) if isinstance(r.get("support_code"), str) else "",
            ]
        )
    print_columns([m(SESSIONS_COL[k]) for k in shown], table, plain=ctx.plain)
    return ExitCode.OK


def _topic(row: dict[str, Any], lang: str) -> str:
    """A session's problem as people read it: the tree's title in their language, else its id."""
    title = row.get("title")
    if isinstance(title, dict) and all(isinstance(v, str) for v in title.values()):
        text = localize(title, lang).strip()
        if text:
            return text
    return str(row.get("tree"))
