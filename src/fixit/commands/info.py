"""`fixit sessions` and `fixit report`: what the recorded sessions say."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fixit import sessions, storage
from fixit.context import AppContext
from fixit.engine import Engine
from fixit.errors import ExitCode, SessionError, UsageError
from fixit.history import replay
from fixit.summary import build_summary, render_markdown
from fixit.trees.model import localize


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


def report(ctx: AppContext, sid: str | None, fmt: str, output: Path | None) -> int:
    """A session's summary as Markdown or JSON (default: the latest session)."""
    if fmt not in ("markdown", "json"):
        raise UsageError(
            f"the format {fmt!r} is not available yet.", "Use --format markdown or json."
        )
    if sid is None:
        rows = list(sessions.listing())
        if not rows:
            raise SessionError("there are no sessions to report on.", "Start one with `fixit`.")
        sid = str(rows[0]["id"])
    loaded = sessions.load(sid)
    history = replay(Engine(loaded.trees, loaded.meta["tree"]), loaded.events)
    summary = build_summary(loaded.meta, loaded.trees, history, ctx.msgs, ctx.config.contact())
    if fmt == "json":
        summary["title"] = localize(loaded.trees[loaded.meta["tree"]].title, ctx.lang)
        text = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_markdown(summary, ctx.msgs)
    if output is None:
        sys.stdout.write(text)
    else:
        storage.write_atomic(output, text.encode("utf-8"))
    return ExitCode.OK
