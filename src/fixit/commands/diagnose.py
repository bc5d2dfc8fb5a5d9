"""`fixit diagnose`: run the automatic checks and show what they found."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from fixit.context import AppContext
from fixit.diagnostics.plain import plain
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.errors import ExitCode, UsageError
from fixit.i18n import LANGUAGES, Msg, _, format, ngettext, pgettext
from fixit.labels import DIAG_STATUS

if TYPE_CHECKING:
    from rich.console import Console

JSON_FORMAT = "fixit-diagnose"
JSON_VERSION = 1
ORDER = {"fail": 0, "error": 1, "warn": 2, "pass": 3, "skipped": 4}
SYMBOL = {"pass": "✓", "warn": "!", "fail": "✗", "error": "?", "skipped": "–"}
STYLE = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "error": "magenta",
    "skipped": "dim",
}
NARROW = 60


def select_checks(wanted: Sequence[str]) -> list[str]:
    """Check ids for `--check` values: an id, or a family prefix such as `network`."""
    if not wanted:
        return list(CHECKS)
    out: list[str] = []
    for item in wanted:
        found = [cid for cid in CHECKS if cid == item or cid.startswith(item + ".")]
        if not found:
            raise UsageError(
                _("there is no check {check}.", check=repr(item)),
                _(
                    "Use one of: {checks} (or a family such as `network`).",
                    checks=", ".join(CHECKS),
                ),
            )
        out += [cid for cid in found if cid not in out]
    return out


def sort_results(results: Iterable[CheckResult]) -> list[CheckResult]:
    """Failures and warnings first, then passes, then skipped; registry order within a status."""
    index = {cid: i for i, cid in enumerate(CHECKS)}
    return sorted(results, key=lambda r: (ORDER.get(r.status, 9), index.get(r.id, 99)))


def counts(results: Iterable[CheckResult]) -> dict[str, int]:
    """How many results have each status."""
    out = dict.fromkeys(STATUSES, 0)
    for r in results:
        out[r.status] = out.get(r.status, 0) + 1
    return out


def to_document(
    results: Sequence[CheckResult], started: datetime, seconds: float
) -> dict[str, Any]:
    """The versioned JSON shape of `fixit diagnose --json` (see docs/diagnostics.md)."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "started": started.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "duration": round(seconds, 3),
        "platform": sys.platform,
        "counts": counts(results),
        "failed": any(r.status == "fail" for r in results),
        "results": [_result_json(r) for r in sort_results(results)],
    }


def _result_json(r: CheckResult) -> dict[str, Any]:
    """One result in version 1's shape: its texts in every language, its reason in English."""
    spec = CHECKS.get(r.id)
    return {
        **r.to_json(),
        "summary": _in_every_language(r.summary),
        "reason": str(r.reason),
        "title": _in_every_language(spec.title) if spec else {},
        "plain": _in_every_language(plain(r)),  # added within version 1
    }


def _in_every_language(message: Msg) -> dict[str, str]:
    return {lang: message.render(lang) for lang in LANGUAGES}


MAX_TIMEOUT = 600.0  # seconds: a check that needs longer is not going to answer


def diagnose(ctx: AppContext, wanted: Sequence[str], timeout: float | None, as_json: bool) -> int:
    """Run the checks in parallel with live progress; exit 1 when any check failed."""
    from fixit.diagnostics.runner import ThreadRunner

    if timeout is not None and not 0 < timeout <= MAX_TIMEOUT:  # also nan and inf
        raise UsageError(
            _(
                "--timeout must be more than 0 and at most {most:g} seconds, not {timeout:g}.",
                most=MAX_TIMEOUT,
                timeout=timeout,
            ),
            _("Try --timeout 10."),
        )
    ids = select_checks(wanted)
    settings = ctx.config.checks
    started_at = datetime.now(timezone.utc)
    started = time.monotonic()
    if as_json:
        results = ThreadRunner(settings, timeout).run(ids)
        document = to_document(list(results.values()), started_at, time.monotonic() - started)
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.USER_ERROR if document["failed"] else ExitCode.OK
    if ctx.plain:  # no spinner or redrawn bar: one line, then the results
        ctx.console.print(ctx.msgs(_("Running checks")), markup=False)
        results = ThreadRunner(settings, timeout).run(ids)
    else:
        results = _run_with_progress(ctx, ids, settings, timeout)
    ordered = sort_results(results.values())
    _show(ctx, ordered, time.monotonic() - started)
    return ExitCode.USER_ERROR if any(r.status == "fail" for r in ordered) else ExitCode.OK


def _run_with_progress(
    ctx: AppContext, ids: list[str], settings: Any, timeout: float | None
) -> dict[str, CheckResult]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from fixit.diagnostics.runner import ThreadRunner

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None if ctx.console.width >= NARROW else 10),
        MofNCompleteColumn(),
        console=ctx.console,
        transient=True,
    )
    task = progress.add_task(ctx.msgs(_("Running checks")), total=len(ids))

    def done(result: CheckResult) -> None:
        progress.advance(task)

    with progress:
        return ThreadRunner(settings, timeout, on_result=done).run(ids)


def _count(status: str, n: int) -> Msg:
    """How many checks ended with `status`: Finnish says "1 vika" but "2 vikaa"."""
    counts = {
        "pass": ngettext("{n} OK", "{n} OK", n),
        "warn": ngettext("{n} with a warning", "{n} with a warning", n),
        "fail": ngettext("{n} failed", "{n} failed", n),
        "error": ngettext("{n} could not run", "{n} could not run", n),
        "skipped": ngettext("{n} skipped", "{n} skipped", n),
    }
    return counts[status]


def _status_text(ctx: AppContext, status: str) -> str:
    return f"{SYMBOL.get(status, '?')} {ctx.msgs(DIAG_STATUS[status])}"


#: a number and the word or unit after it ("96 MiB", "32 %", "2 ydintä"), kept on one line
NUMBER_WORD = re.compile(r"(?<![\w.,:/-])(\d+(?:[.,]\d+)?) (?=[^\W\d_]|%)")
NBSP = "\u00a0"


def keep_units(text: str) -> str:
    """`text` with a no-break space between each number and the unit or word that follows it."""
    return NUMBER_WORD.sub(lambda m: m.group(1) + NBSP, text)


def lines_of(text: str, width: int, indent: str = "") -> list[str]:
    """`text` broken between words only, never between a number and its unit."""
    from fixit.term import wrap_words

    lines = wrap_words(keep_units(text), max(10, width), indent) or [""]
    return [line.replace(NBSP, " ") for line in lines]


def _found(ctx: AppContext, r: CheckResult) -> str:
    """What a check found, for the screen: its summary (the technical reason behind an error or
    a skip stays for `--json` and reports, where support reads it)."""
    from fixit.textsafe import visible

    return visible(r.text(ctx.lang), True)


def _title(ctx: AppContext, r: CheckResult) -> str:
    return ctx.msgs(CHECKS[r.id].title) if r.id in CHECKS else r.id


def _show_list(ctx: AppContext, results: list[CheckResult]) -> None:
    """Narrow terminals: each check as a heading line and what it found under it."""
    from rich.text import Text

    console: Console = ctx.console
    for r in results:
        head = Text(_status_text(ctx, r.status), style=STYLE[r.status])
        for i, line in enumerate(lines_of(f"{head.plain} {_title(ctx, r)}", console.width)):
            text = Text(line)
            text.stylize(STYLE[r.status], 0, len(head.plain) if i == 0 else 0)
            text.stylize("bold", len(head.plain) + 1 if i == 0 else 0)
            console.print(text, no_wrap=True, overflow="ignore", crop=False)
        for line in lines_of(_found(ctx, r), console.width - 2, "  "):
            console.print(Text("  " + line.lstrip()), no_wrap=True, overflow="ignore", crop=False)


def _show_table(ctx: AppContext, results: list[CheckResult]) -> None:
    """Wide terminals: status, check and finding in columns, the finding wrapped by us."""
    from rich.table import Table
    from rich.text import Text

    console: Console = ctx.console
    status_width = max(len(_status_text(ctx, r.status)) for r in results)
    check_width = max(len(_title(ctx, r)) for r in results)
    found_width = max(20, console.width - status_width - check_width - 7)
    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column(ctx.msgs(pgettext("diag.col.status", "Status")), no_wrap=True)
    table.add_column(ctx.msgs(_("Check")), no_wrap=True)
    table.add_column(ctx.msgs(_("Found")), overflow="fold")
    for r in results:
        table.add_row(
            Text(_status_text(ctx, r.status), style=STYLE[r.status]),
            Text(_title(ctx, r)),
            Text("\n".join(lines_of(_found(ctx, r), found_width))),
        )
    console.print(table)


def _show(ctx: AppContext, results: list[CheckResult], seconds: float) -> None:
    from rich.text import Text

    console: Console = ctx.console
    if console.width < NARROW or ctx.plain:  # plain mode draws no table
        _show_list(ctx, results)
    elif results:
        _show_table(ctx, results)
    n = counts(results)
    parts = [ctx.msgs(_count(s, n[s])) for s in ORDER if n[s]]
    secs = format.number(seconds, ctx.lang)
    line = ctx.msgs(_("Checks: {n} in {seconds} s", n=len(results), seconds=secs))
    for text in lines_of(f"{line}: {', '.join(parts)}", console.width):
        console.print(Text(text, style="bold"), no_wrap=True, overflow="ignore", crop=False)
