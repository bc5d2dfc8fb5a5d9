"""`fixit stats`: what the recorded sessions say, from the embedded index of this machine's
sessions, or with `--team` from the team's PostgreSQL store (docs/stats.md, docs/team.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Callable

from fixit.context import AppContext
from fixit.errors import ExitCode, UsageError
from fixit.i18n import _
from fixit.term import wrap_words

INCLUDE = ("answers", "tests")
_SOURCE = {"answers": "answers", "tests": "test"}


def stats(
    ctx: AppContext,
    tree: str | None = None,
    since: str | None = None,
    until: str | None = None,
    mode: str | None = None,
    version: int | None = None,
    include: list[str] | None = None,
    as_json: bool = False,
    as_csv: bool = False,
    table: str | None = None,
    rebuild: bool = False,
    team: bool = False,
) -> int:
    """Print the figures (a table, `--json` or `--csv`) for the sessions the filters select."""
    from fixit.stats.figures import Filters
    from fixit.stats.render import TABLES, print_human, to_csv

    if as_json and as_csv:
        raise UsageError(_("--json and --csv cannot be used together."), _("Choose one of them."))
    if table is not None and not as_csv:
        raise UsageError(
            _("--table chooses the table --csv writes; without --csv it does nothing."),
            _("Add --csv, or leave out --table."),
        )
    table = table or "nodes"
    if table not in TABLES:
        raise UsageError(
            _(
                "--table {value} is not one of: {tables}.",
                value=repr(table),
                tables=", ".join(TABLES),
            ),
            _("Use --table with one of: {tables}.", tables=", ".join(TABLES)),
        )
    if mode is not None and mode not in ("self", "agent"):
        raise UsageError(
            _("--mode {value} is not a mode.", value=repr(mode)),
            _("Use --mode self or --mode agent."),
        )
    sources = ["interactive"]
    for name in include or []:
        if name not in INCLUDE:
            raise UsageError(
                _("--include {value} is not one of: answers, tests.", value=repr(name)),
                _("Use --include answers (answer-file runs) or --include tests (test runs)."),
            )
        sources.append(_SOURCE[name])
    filters = Filters(
        tree,
        version,
        mode,
        _moment("--since", since, end=False),
        _moment("--until", until, end=True),
        tuple(dict.fromkeys(sources)),
    )
    agents = None  # per-agent figures: the team store's, when switched on (docs/team.md)
    if team:  # the team's PostgreSQL store: the same queries (fixit.stats.team)
        from fixit.stats.team import team_stats

        if rebuild:
            raise UsageError(
                _("--rebuild builds this machine's index again; it does not go with --team."),
                _("Leave out one of them."),
            )
        result, agents = team_stats(ctx.config, filters)
    else:
        from fixit.stats.index import stats as index_stats

        result = index_stats(filters, rebuild=rebuild, progress=_progress(ctx))
    if as_json:
        data = result.to_json()
        if agents is not None:
            data["agents"] = [a.to_json() for a in agents]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif as_csv:
        sys.stdout.write(to_csv(result, table))
    else:
        print_human(result, ctx.msgs, ctx.plain, _write)
        if agents is not None:
            from fixit.stats.team_agents import print_agents

            print_agents(agents, ctx.msgs, _write)
    return ExitCode.OK


def _write(line: str) -> None:
    """A line of the human output, wrapped at spaces to the terminal's width (never inside a
    word or an id), its continuation indented two more than the line."""
    width = shutil.get_terminal_size().columns
    indent = " " * (len(line) - len(line.lstrip(" ")))
    if len(line) <= width or not line.strip() or "─" in line:
        sys.stdout.write(line + "\n")
        return
    # a number stays with its unit ("90 %", "4 s") and a count with its word ("Olöst 0,"):
    # a no-break space there
    kept = re.sub(r"(\d) (?=(%|s|min|h)(\W|$))", "\\1\u00a0", line)
    kept = re.sub(r" (?=\d+(,|$))", "\u00a0", kept)
    lines = wrap_words(kept, max(width, 20), indent + "  ") or [line]
    sys.stdout.write("\n".join(lines) + "\n")


def _moment(option: str, text: str | None, end: bool) -> int | None:
    """A `--since` or `--until` value as epoch seconds: a date (YYYY-MM-DD; `--until` takes in
    the whole day) or a date and time, in local time unless it names an offset."""
    if text is None:
        return None
    try:
        if len(text.strip()) == 10:
            day = dt.date.fromisoformat(text.strip()) + dt.timedelta(days=1 if end else 0)
            when = dt.datetime.combine(day, dt.time())
        else:
            when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _("{option} {value} is not a date.", option=option, value=repr(text)),
            _(
                "Give a date as YYYY-MM-DD (2026-12-01), or a date and time as "
                "YYYY-MM-DDTHH:MM (2026-12-01T09:30)."
            ),
        ) from None
    return int(when.timestamp())


def _progress(ctx: AppContext) -> Callable[[int, int], None] | None:
    """Say on stderr how far building the index is, when it takes a while (a terminal only)."""
    if not sys.stderr.isatty():
        return None
    told = [False]

    def progress(done: int, total: int) -> None:
        if total < 1000:
            return
        text = ctx.msgs(
            _(
                "Reading sessions into the statistics index: {done} of {total}",
                done=done,
                total=total,
            )
        )
        if ctx.plain:
            if not told[0]:
                sys.stderr.write(text + "\n")
                told[0] = True
            return
        sys.stderr.write("\r" + text + ("\n" if done >= total else ""))
        sys.stderr.flush()

    return progress
