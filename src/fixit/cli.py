"""The thin typer layer: parse, call a command function, return its exit code."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from fixit.context import CURRENT, AppContext
from fixit.i18n import LANGUAGES, _

HELP = """fixit walks you through fixing a problem, step by step, and writes a report for support.

Run `fixit` with no arguments to pick a problem from a list. Global options work before or after
the command name.

\b
Exit codes:
  0    success
  1    an error you can fix (bad tree, configuration or answer file; a failed
       check in `fixit diagnose`; a report that could not be sent)
  2    usage error
  3    internal error (a crash log is written and its path printed)
  4    a prompt was needed but stdin is not a terminal (use --answers)
  130  interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP); the session is saved
"""

HELP_NAMES = {"help_option_names": ["-h", "--help"]}
GLOBALS = "Global options work here too: --lang, --trees, --config, --no-color, --plain, --debug."

app = typer.Typer(
    help=HELP,
    context_settings=HELP_NAMES,
    add_completion=True,  # typer.main imports its completion code whether or not: no extra cost
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=False,
    invoke_without_command=True,
)
trees_app = typer.Typer(
    context_settings=HELP_NAMES,
    epilog=GLOBALS,
    help="Tree authoring: list, show, validate, test and draw trees, and the format's JSON Schema "
    "(default: list them).",
    short_help="Tree authoring: list, show, validate, test, graph, schema.",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(trees_app, name="trees")
config_app = typer.Typer(
    context_settings=HELP_NAMES,
    epilog=GLOBALS,
    help="The configuration in force and where it comes from (default: show it).",
    short_help="The configuration in force.",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(config_app, name="config")
outbox_app = typer.Typer(
    context_settings=HELP_NAMES,
    epilog=GLOBALS,
    help="Reports waiting to be sent, and sending them again.",
    short_help="Reports waiting to be sent.",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(outbox_app, name="outbox")

# every language with a catalogue, so that a new one needs no code change here
LANG_HELP = "Language: " + ", ".join(LANGUAGES) + "."
LangOpt = typer.Option(None, "--lang", envvar="FIXIT_LANG", help=LANG_HELP)


def _complete_trees(incomplete: str) -> list[str]:
    from fixit.completion import tree_ids

    return tree_ids(incomplete)


def _complete_sessions(incomplete: str) -> list[str]:
    from fixit.completion import session_ids

    return session_ids(incomplete)


def _complete_checks(incomplete: str) -> list[str]:
    from fixit.completion import check_ids

    return check_ids(incomplete)


def _trees_env() -> list[Path]:
    value = os.environ.get("FIXIT_TREES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def _ctx(c: typer.Context) -> AppContext:
    obj = c.find_root().obj
    assert isinstance(obj, AppContext)
    return obj


def _done(code: int) -> None:
    raise typer.Exit(int(code))


def _version(value: bool) -> None:
    if value:
        from fixit import __version__

        typer.echo(f"fixit {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    c: typer.Context,
    version: bool = typer.Option(
        False, "--version", "-V", is_eager=True, callback=_version, help="Show the version."
    ),
    lang: str | None = LangOpt,
    # readable=False: fixit itself says which folder is closed and what to do (not a usage error)
    trees: list[Path] | None = typer.Option(
        None,
        "--trees",
        help="Extra tree folder (repeatable). [env var: FIXIT_TREES]",
        readable=False,
    ),
    config: Path | None = typer.Option(
        None, "--config", envvar="FIXIT_CONFIG", help="Configuration file.", readable=False
    ),
    no_color: bool = typer.Option(False, "--no-color", help="No colours (also NO_COLOR)."),
    plain: bool = typer.Option(
        False,
        "--plain",
        envvar="FIXIT_PLAIN",
        help="Plain mode for screen readers and line terminals: numbered choices, no redraws, "
        "no boxes or colour (also TERM=dumb).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """fixit: a troubleshooting wizard."""
    if lang is not None and lang not in LANGUAGES:
        from fixit.errors import UsageError

        given = "FIXIT_LANG" if os.environ.get("FIXIT_LANG") == lang else "--lang"
        choices = ", ".join(LANGUAGES)
        hint = (
            _("Use {option} with one of: {languages}.", option=given, languages=choices)
            if given == "--lang"
            else _("Set FIXIT_LANG to one of: {languages}.", languages=choices)
        )
        raise UsageError(
            _("{option} {value} is not a language fixit speaks.", option=given, value=repr(lang)),
            hint,
        )
    c.obj = AppContext(lang, [*_trees_env(), *(trees or [])], config, no_color, debug, plain)
    CURRENT[:] = [c.obj]
    if c.invoked_subcommand is None:
        from fixit.commands.run import start as run_start

        _done(run_start(c.obj, None, None, None, None, None))


#: a support code typed with spaces after --from-code/--code arrives as several words: the
#: words after the first are taken as the rest of the code (see `_code_words`)
SPLIT_CODE = {"allow_extra_args": True}


@app.command(epilog=GLOBALS, context_settings=SPLIT_CODE)
def start(
    c: typer.Context,
    tree: str | None = typer.Argument(
        None, help="Tree id or path; omit to pick from a list.", autocompletion=_complete_trees
    ),
    agent: bool = typer.Option(False, "--agent", help="A support agent is guiding a caller."),
    self_mode: bool = typer.Option(False, "--self", help="The user runs it themselves."),
    answers: Path | None = typer.Option(
        None, "--answers", help="Answer file: run without prompts.", readable=False
    ),
    case: str | None = typer.Option(None, "--case", help="An existing case number."),
    checks: bool | None = typer.Option(
        None, "--checks/--no-checks", help="Run automatic checks (default: on in self mode)."
    ),
    from_code: str | None = typer.Option(
        None,
        "--from-code",
        metavar="CODE",
        help="Carry on, as the agent, from the support code a caller reads out: their answers "
        "are replayed and the call goes on where they stopped (always agent mode).",
    ),
) -> None:
    """Run the wizard on a tree."""
    from fixit.errors import UsageError

    if agent and self_mode:
        raise UsageError(_("--agent and --self cannot be used together."), _("Choose one of them."))
    if from_code is not None:
        from_code, tree = _code_words(c, from_code, tree)
        _pickup(c, from_code, "--from-code", tree, self_mode, answers, case, checks)
    _no_extra(c)
    from fixit.commands.run import start as run_start

    mode = "agent" if agent else "self" if self_mode else None
    _done(run_start(_ctx(c), tree, mode, answers, case, checks))


def _code_words(c: typer.Context, code: str, word: str | None) -> tuple[str, str | None]:
    """A code typed with spaces (`--from-code 2jvk cze2 pem`): the argument and any extra words
    that look like its groups (1 to 4 letters or digits) join the code; a longer argument stays
    what it is (a tree or session named beside a code: a usage error)."""
    words = [w for w in ([word] if word is not None else []) + list(c.args)]
    if words and all(len(w) <= 4 and w.isascii() and w.isalnum() for w in words):
        c.args = []
        return " ".join([code, *words]), None
    return code, word


def _no_extra(c: typer.Context) -> None:
    """Extra words are only allowed as the rest of a code: a usage error otherwise."""
    from fixit.errors import UsageError

    if c.args:
        raise UsageError(
            _("unexpected extra arguments: {words}", words=" ".join(c.args)),
            _("Run `fixit --help` or `fixit COMMAND --help`."),
        )


def _pickup(
    c: typer.Context,
    code: str,
    option: str,
    clash: str | None,
    self_mode: bool,
    answers: Path | None,
    case: str | None,
    checks: bool | None,
) -> None:
    """The agent's pickup from a support code; what cannot go with it is a usage error."""
    from fixit.commands.decode_cmd import pickup
    from fixit.errors import UsageError

    used = [o for o, v in (("--self", self_mode), ("--answers", answers)) if v]
    if clash is not None:
        used.insert(0, repr(clash))
    if used:
        raise UsageError(
            _("{option} cannot be used with {other}.", option=option, other=used[0]),
            _(
                "A support code names its tree and is carried on by the agent: leave {other} out.",
                other=used[0],
            ),
        )
    _done(pickup(_ctx(c), code, case, checks))


@app.command(epilog=GLOBALS, context_settings=SPLIT_CODE)
def resume(
    c: typer.Context,
    session: str | None = typer.Argument(
        None, help="Session id (default: the latest unfinished).", autocompletion=_complete_sessions
    ),
    code: str | None = typer.Option(
        None,
        "--code",
        metavar="CODE",
        help="Carry on a caller's session from its support code, as the agent (as `fixit start "
        "--from-code CODE` does).",
    ),
) -> None:
    """Carry on an interrupted session."""
    if code is not None:
        code, session = _code_words(c, code, session)
        _pickup(c, code, "--code", session, False, None, None, None)
    _no_extra(c)
    from fixit.commands.resume_cmd import resume as run_resume

    _done(run_resume(_ctx(c), session))


@app.command(epilog=GLOBALS, short_help="What a support code read over the phone says.")
def decode(
    c: typer.Context,
    code: list[str] = typer.Argument(
        ..., help="The support code, e.g. FX7K-3MQ9-ZD2A (spaces may split it)."
    ),
    json_out: bool = typer.Option(
        False, "--json", help="JSON output: tree, path (node and answer as recorded), outcome."
    ),
    spell: bool = typer.Option(
        False, "--spell", help="Also spell the code out, with the spelling alphabet of --lang."
    ),
) -> None:
    """What a support code read over the phone says: the tree, the path with each question and
    answer, the check results, and where the user stopped or how it ended. Carry on from it with
    `fixit start --from-code CODE --agent`."""
    from fixit.commands.decode_cmd import decode as run_decode

    _done(run_decode(_ctx(c), " ".join(code), json_out, spell))


@app.command(epilog=GLOBALS)
def sessions(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output.")
) -> None:
    """List sessions: id, tree, mode, started, status, outcome, support code."""
    from fixit.commands.info import list_sessions

    _done(list_sessions(_ctx(c), json_out))


@app.command(epilog=GLOBALS, short_help="A session's ticket-ready report, redacted.")
def report(
    c: typer.Context,
    session: str | None = typer.Argument(
        None, help="Session id (default: the latest).", autocompletion=_complete_sessions
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        metavar="markdown|text|html|json",
        help="The report's format (default markdown; a new report reads as text here).",
    ),
    output: Path | None = typer.Option(None, "--output", help="Write to a file."),
    new: bool = typer.Option(
        False, "--new", help="Describe a new problem (asked also when there is no session)."
    ),
    attach: list[Path] | None = typer.Option(
        None,
        "--attach",
        help="Add a file to the report, e.g. a screenshot (repeatable; kept with the session, "
        "so `fixit submit` sends it too).",
    ),
    no_redact: bool = typer.Option(
        False, "--no-redact", help="Show personal data unredacted (this screen only)."
    ),
    schema: bool = typer.Option(False, "--schema", help="Print the report's JSON Schema."),
) -> None:
    """A session's ticket-ready report (redacted), in the session's language unless --lang."""
    from fixit.commands.report_cmd import report as run_report

    _done(
        run_report(
            _ctx(c),
            session,
            fmt,
            output,
            new=new,
            attach=list(attach or []),
            no_redact=no_redact,
            schema=schema,
        )
    )


@app.command(epilog=GLOBALS)
def diagnose(
    c: typer.Context,
    check: list[str] | None = typer.Option(
        None,
        "--check",
        help="A check id or family, e.g. network.dns or network (repeatable).",
        autocompletion=_complete_checks,
    ),
    timeout: float | None = typer.Option(
        None, "--timeout", help="Seconds the whole run may take (each check keeps its own limit)."
    ),
    json_out: bool = typer.Option(
        False, "--json", help="JSON output: the fixit-diagnose v1 shape (see the docs)."
    ),
) -> None:
    """Run the automatic checks and show them. Exit 1 when a check failed.

    Checks (for --check; a family is the part before the dot): system.info, power.battery,
    cpu.load, memory.usage, disk.space, network.interfaces, network.gateway, network.dns,
    network.internet, network.proxy, time.skew, display.outputs, browser.versions, process.top,
    service.url.
    """
    from fixit.commands.diagnose import diagnose as run_diagnose

    _done(run_diagnose(_ctx(c), list(check or []), timeout, json_out))


@trees_app.callback()
def trees(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output (list).")
) -> None:
    """The trees (default: list them, as `fixit trees list` does)."""
    if c.invoked_subcommand is None:
        from fixit.commands.trees_cmd import list_trees

        _done(list_trees(_ctx(c), json_out))


@trees_app.command("list", epilog=GLOBALS)
def trees_list(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output.")
) -> None:
    """List the trees and where each comes from."""
    from fixit.commands.trees_cmd import list_trees

    _done(list_trees(_ctx(c), json_out))


@trees_app.command("show", epilog=GLOBALS)
def trees_show(
    c: typer.Context,
    tree: str = typer.Argument(..., help="Tree id or path.", autocompletion=_complete_trees),
) -> None:
    """Print a readable outline of a tree."""
    from fixit.commands.trees_cmd import show

    _done(show(_ctx(c), tree))


@trees_app.command("validate", epilog=GLOBALS)
def trees_validate(
    c: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None, help="Files or folders (default: all trees).", readable=False
    ),
) -> None:
    """Validate trees; every problem as file:line:col. Exit 1 on any problem."""
    from fixit.commands.trees_cmd import validate

    _done(validate(_ctx(c), list(paths or [])))


@trees_app.command("schema", epilog=GLOBALS)
def trees_schema(
    c: typer.Context,
    output: Path | None = typer.Option(
        None,
        "--output",
        help="Write it to this file, or into this folder as tree.schema.json (the name the "
        "shipped trees use).",
    ),
) -> None:
    """Print the JSON Schema of the tree format, for editors to check trees as you type."""
    from fixit.commands.trees_schema import schema

    _done(schema(_ctx(c), output))


@trees_app.command("test", epilog=GLOBALS)
def trees_test(
    c: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None, help="Tree files or folders (default: all trees).", readable=False
    ),
) -> None:
    """Run the *.test.yaml cases beside the trees, with coverage."""
    from fixit.commands.trees_cmd import test

    _done(test(_ctx(c), list(paths or [])))


@trees_app.command("graph", epilog=GLOBALS)
def trees_graph(
    c: typer.Context,
    tree: str | None = typer.Argument(
        None,
        help="Tree id or path (with --session: the session's tree).",
        autocompletion=_complete_trees,
    ),
    fmt: str | None = typer.Option(
        None, "--format", metavar="mermaid|dot", help="Mermaid (default) or Graphviz DOT."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write to a file."),
    session: str | None = typer.Option(
        None,
        "--session",
        help="Draw this session's path over the tree it ran.",
        autocompletion=_complete_sessions,
    ),
    coverage: bool = typer.Option(
        False, "--coverage", help="Mark the nodes and edges no tree test reaches."
    ),
    stats: bool = typer.Option(
        False, "--stats", help="Label nodes and edges with the recorded sessions' figures."
    ),
    legend: bool = typer.Option(True, "--legend/--no-legend", help="Draw a legend."),
) -> None:
    """Draw a tree as Mermaid (for Markdown and wikis) or Graphviz DOT; sub-trees as clusters."""
    from fixit.commands.trees_graph import graph

    _done(graph(_ctx(c), tree, fmt, output, session, coverage, stats, legend))


@config_app.callback()
def config(c: typer.Context) -> None:
    """The configuration in force and where it comes from (default: show it)."""
    if c.invoked_subcommand is None:
        from fixit.commands.config_cmd import show

        _done(show(_ctx(c), False))


@config_app.command(
    "show", epilog=GLOBALS, short_help="The configuration and where each value comes from."
)
def config_show(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output.")
) -> None:
    """The configuration in force, each value with the file or variable it came from."""
    from fixit.commands.config_cmd import show

    _done(show(_ctx(c), json_out))


@config_app.command("path", epilog=GLOBALS, short_help="Where fixit looks for its files.")
def config_path(c: typer.Context) -> None:
    """Where fixit looks for configuration, credentials, trees and state, and what exists."""
    from fixit.commands.config_cmd import path

    _done(path(_ctx(c)))


@config_app.command("init", epilog=GLOBALS)
def config_init(
    c: typer.Context,
    output: Path | None = typer.Option(
        None, "--output", help="Where to write it (default: the user's configuration file)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing file."),
) -> None:
    """Write a commented starter configuration file."""
    from fixit.commands.config_cmd import init

    _done(init(_ctx(c), output, force))


@app.command(epilog=GLOBALS, short_help="Preview, confirm and send a report.")
def submit(
    c: typer.Context,
    session: str | None = typer.Argument(
        None, help="Session id (default: the latest).", autocompletion=_complete_sessions
    ),
    to: str | None = typer.Option(None, "--to", help="Target name from the configuration."),
    yes: bool = typer.Option(False, "--yes", help="Send without asking to confirm."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show exactly what would be sent, and send nothing."
    ),
    attach: list[Path] | None = typer.Option(
        None,
        "--attach",
        help="Send a file with the report, e.g. a screenshot (repeatable; once sent, the "
        "session keeps it).",
    ),
    new_ticket: bool = typer.Option(
        False,
        "--new-ticket",
        help="Make a new ticket without asking whether to add to an existing one (a known "
        "problem's, or an open ticket fixit filed for the same problem).",
    ),
) -> None:
    """Preview, confirm and send a session's report to a configured target (or add it to an
    existing ticket: see docs/submit.md)."""
    from fixit.commands.submit_cmd import submit as run_submit

    attached = list(attach or [])
    _done(run_submit(_ctx(c), session, to, yes, dry_run, attach=attached, new_ticket=new_ticket))


@outbox_app.callback()
def outbox(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output (list).")
) -> None:
    """Reports waiting to be sent (default: list them)."""
    if c.invoked_subcommand is None:
        from fixit.commands.outbox_cmd import outbox_list

        _done(outbox_list(_ctx(c), json_out))


@outbox_app.command("list", epilog=GLOBALS)
def outbox_list(
    c: typer.Context, json_out: bool = typer.Option(False, "--json", help="JSON output.")
) -> None:
    """Reports waiting in the outbox, with why each is waiting."""
    from fixit.commands.outbox_cmd import outbox_list as run_list

    _done(run_list(_ctx(c), json_out))


@outbox_app.command("send", epilog=GLOBALS)
def outbox_send(
    c: typer.Context,
    now: bool = typer.Option(
        False, "--now", help="Try every report now, also those not due or needing a fix."
    ),
) -> None:
    """Send the reports that are due. A report that needs a fix is tried again once its target's
    settings change, or with --now (use it after fixing a password or token: those are not
    settings). A retry never makes a second ticket. Exits 1 only when a try failed."""
    from fixit.commands.outbox_cmd import outbox_send as run_send

    _done(run_send(_ctx(c), now))


@app.command("stats", epilog=GLOBALS, short_help="What the recorded sessions say.")
def stats_command(
    c: typer.Context,
    tree: str | None = typer.Option(None, "--tree", help="Only this tree (its id)."),
    since: str | None = typer.Option(
        None, "--since", help="Only sessions started on or after this date (YYYY-MM-DD[THH:MM])."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Only sessions started before the end of this date (or this time)."
    ),
    mode: str | None = typer.Option(None, "--mode", metavar="self|agent", help="Only this mode."),
    version: int | None = typer.Option(None, "--version", help="Only this tree version."),
    include: list[str] | None = typer.Option(
        None,
        "--include",
        metavar="answers|tests",
        help="Count answer-file runs or test runs too (left out by default; repeatable).",
    ),
    json_out: bool = typer.Option(
        False, "--json", help="JSON output: the documented shape (schema_version 1)."
    ),
    csv_out: bool = typer.Option(False, "--csv", help="CSV output of one table (see --table)."),
    table: str | None = typer.Option(
        None,
        "--table",
        metavar="trees|nodes|checks|escalations",
        help="The table --csv writes (default: nodes).",
    ),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Build the statistics index again from every session."
    ),
    team: bool = typer.Option(
        False, "--team", help="The whole team's figures, from the store in stats.store."
    ),
) -> None:
    """What the recorded sessions say: outcomes per tree, how often each step solved the
    problem, where people give up, time to an outcome, checks people override."""
    from fixit.commands.stats_cmd import stats as run_stats

    _done(
        run_stats(
            _ctx(c),
            tree,
            since,
            until,
            mode,
            version,
            list(include or []),
            json_out,
            csv_out,
            table,
            rebuild,
            team,
        )
    )


@app.command("known", epilog=GLOBALS, short_help="The known problems and outages in force.")
def known_command(
    c: typer.Context,
    json_out: bool = typer.Option(
        False, "--json", help="JSON output: the problems and the notices (schema_version 1)."
    ),
    tree: str | None = typer.Option(
        None,
        "--tree",
        help="Only those touching this tree (its id).",
        autocompletion=_complete_trees,
    ),
    schema: bool = typer.Option(
        False, "--schema", help="Print the JSON Schema of known_issues.yaml (for editors)."
    ),
) -> None:
    """The known problems and outages in force, from known_issues.yaml files in the tree folders
    and the feeds under known: in the configuration: where each comes from and how old the data
    is. A feed not read in time is shown from its saved copy, with the copy's age."""
    from fixit.commands.known_cmd import known as run_known

    _done(run_known(_ctx(c), json_out, tree, schema))


def _whole_short_help(group: typer.Typer) -> None:
    """Command lists show each command's first sentence whole (wrapped), never cut with '...'."""
    for info in group.registered_commands:
        doc = info.callback.__doc__ if info.callback else None
        if info.short_help is None and doc:
            info.short_help = " ".join(doc.split()).split(". ")[0].rstrip(".") + "."
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _whole_short_help(sub.typer_instance)


_whole_short_help(app)
