"""`fixit known`: the known problems and outages in force, where each comes from and how old
the data is (docs/known.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys

from fixit.context import AppContext
from fixit.errors import ExitCode
from fixit.i18n import Messages, Msg, _, pgettext
from fixit.known import Known, Problem, folders, gather
from fixit.known.labels import status_label
from fixit.known.model import Source
from fixit.known.notices import age
from fixit.textsafe import visible
from fixit.trees.summaries import localize

SCHEMA_VERSION = 1
ABOUT = _(
    "Known problems come from a known_issues.yaml in a tree folder and from the feeds under "
    "known: in the configuration (see docs/known.md)."
)


def known(
    ctx: AppContext, as_json: bool = False, tree: str | None = None, schema: bool = False
) -> int:
    """List the known problems in force (all, or those touching one tree); or print the JSON
    Schema of known_issues.yaml."""
    if schema:
        from fixit.known.json_schema import schema_text

        sys.stdout.write(schema_text())
        return ExitCode.OK
    chosen = ctx.library.get(tree) if tree is not None else None
    found = _gathered(ctx, as_json)
    problems = found.for_tree(chosen) if chosen is not None else found.problems
    if as_json:
        _print_json(found, problems, ctx.lang)
        return ExitCode.OK
    m = ctx.msgs
    for notice in found.notices:
        sys.stderr.write(f"fixit: warning: {visible(m(notice))}\n")
    now = dt.datetime.now(dt.timezone.utc)
    write = ctx.screen.line
    if not found.sources and not found.notices:
        write(m(_("No known problems are in force.")))
        write(m(ABOUT))
        return ExitCode.OK
    if not problems and chosen is not None:
        write(m(_("No known problem touches the tree {tree}.", tree=chosen.id)))
    elif not problems:
        write(m(_("No known problems are in force.")))
    else:
        write(m(_("Known problems in force: {n}", n=len(problems))), "bold")
    for problem in problems:
        write()
        _write(ctx, lines(problem, m, now, ctx.screen.width))
    if found.sources:
        write()
        _write(ctx, sources(found.sources, m, now, ctx.screen.width))
    return ExitCode.OK


def _gathered(ctx: AppContext, as_json: bool) -> Known:
    """What is known, with a spinner on a terminal while the feeds are read (up to the
    configuration's known.timeout)."""
    from fixit.known.gather import settings_of

    dirs = folders(ctx.config, ctx.trees_option)
    if as_json or not ctx.screen.color or not settings_of(ctx.config).urls():
        return gather(ctx.config, dirs)
    with ctx.screen.status(ctx.msgs(_("Reading the known-problem feeds…"))):
        return gather(ctx.config, dirs)


def _write(ctx: AppContext, text: list[str]) -> None:
    """Lines already made inert and wrapped."""
    ctx.screen.stream.write("".join(line + "\n" for line in text))
    ctx.screen.stream.flush()


def sources(found: tuple[Source, ...], m: Messages, now: dt.datetime, width: int) -> list[str]:
    """Where the data comes from and how old it is: a heading, then a line a source."""
    out = _wrapped(m(_("Read from:")), width, "")
    for source in found:
        if source.kind == "file":
            line = source.name
        elif source.fetched_at is not None:
            line = m(
                _("{source} (read {age} ago)", source=source.name, age=age(source.fetched_at, now))
            )
        else:
            line = m(_("{source} (not read; fixit has no copy of it)", source=source.name))
        out += _wrapped(line, width, "  ")
    return out


def _print_json(found: Known, problems: tuple[Problem, ...], lang: str) -> None:
    """Pure JSON on stdout: the problems and the notices (in the run's language)."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "problems": [p.to_json() for p in problems],
        "sources": [s.to_json() for s in found.sources],
        "notices": [n.render(lang) for n in found.notices],
    }
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def lines(problem: Problem, m: Messages, now: dt.datetime, width: int) -> list[str]:
    """A problem as `fixit known` shows it: its title, then `label: value` lines, each wrapped
    between words and indented; every text from the feed made inert."""
    out = _wrapped(localize(problem.title, m.lang), width, "")
    for label, value in _fields(problem, m, now):
        out += _wrapped(f"{m(label)}: {value}", width, "  ")
    return out


def _fields(problem: Problem, m: Messages, now: dt.datetime) -> list[tuple[Msg, str]]:
    """The labelled lines of a problem, those it has."""
    from fixit.report.outline import when

    status = status_label(problem.status)
    state = m(status) if isinstance(status, Msg) else status
    if problem.since is not None:
        state = m(
            _("{status}, since {when}", status=state, when=when(problem.since.isoformat(), m))
        )
    fields = [(pgettext("known problem", "Status"), state)]  # as the wizard labels it
    text = localize(problem.text, m.lang)
    fields += [(pgettext("known problem", "Description"), text)] if text else []
    workaround = localize(problem.workaround, m.lang)
    fields += [(_("Workaround"), workaround)] if workaround else []
    if problem.until is not None:
        fields.append((_("Until"), when(problem.until.isoformat(), m)))
    if problem.ticket:
        ticket = problem.ticket
        if not problem.new_reports:
            ticket = m(_("{ticket} (support wants no new reports of it)", ticket=ticket))
        fields.append((_("Help-desk ticket"), ticket))
    affects = _affects(problem, m)
    fields += [(_("Affects"), affects)] if affects else []
    if problem.url:
        fields.append((_("More"), problem.url))
    fields.append((_("From"), problem.source))
    if problem.fetched_at is not None:
        fields.append((_("Read"), m(_("{age} ago", age=age(problem.fetched_at, now)))))
    fields.append((_("Id"), problem.id))
    return fields


def _affects(problem: Problem, m: Messages) -> str:
    """What a problem touches, by kind: `trees web-service; tags portal`."""
    parts = []
    a = problem.affects
    for label, items in (
        (_("trees {items}", items=", ".join(a.trees)), a.trees),
        (_("tags {items}", items=", ".join(a.tags)), a.tags),
        (_("checks {items}", items=", ".join(a.checks)), a.checks),
        (_("services {items}", items=", ".join(a.urls)), a.urls),
    ):
        if items:
            parts.append(m(label))
    return "; ".join(parts)


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    """Untrusted text made inert, broken between words to the width, continuation indented (a
    word longer than a line, a path or a URL, stays whole and indented)."""
    import textwrap

    out: list[str] = []
    for i, para in enumerate(visible(text).split("\n")):
        first = indent if i == 0 else indent + "  "
        wrapped = textwrap.wrap(
            para,
            width,
            initial_indent=first,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        out += wrapped or [first.rstrip()]
    return out
