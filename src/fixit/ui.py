"""Rendering for the terminal with rich; every untrusted string goes through `visible` as Text."""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.text import Text

from fixit.i18n import Messages, _
from fixit.labels import OUTCOME, SUMMARY_CALLER
from fixit.textsafe import visible

if TYPE_CHECKING:
    from fixit.summary import Summary


def safe(text: str, style: str = "") -> Text:
    """Untrusted text as a rich Text: no markup parsed, controls made visible."""
    return Text(visible(text), style=style)


class _Console(Console):
    """rich's Console, but a reader that went away (`fixit … | head`) is not an error of ours."""

    def on_broken_pipe(self) -> None:
        """Stop writing and let the error boundary end quietly (rich itself would exit 1)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def make_console(no_color: bool = False, stderr: bool = False, plain: bool = False) -> Console:
    """A console that honours NO_COLOR and --no-color, with no auto-highlighting; in plain mode
    it writes no escape sequence at all (no colour, no bold)."""
    width = height = None
    if os.environ.get("TERM") == "dumb" and sys.stdout.isatty():
        width, height = shutil.get_terminal_size()  # rich assumes 80x25 on dumb terminals
    return _Console(
        no_color=no_color or None,
        color_system=None if plain else "auto",  # None: no escape sequence of any kind
        highlight=False,
        stderr=stderr,
        emoji=False,
        width=width,
        height=height,
    )


def show_node(
    console: Console, heading: str, text: str, say: str = "", say_title: str = ""
) -> None:
    """A node's heading, text and (agent mode) the script to read out."""
    console.print()
    console.print(safe(heading, "bold cyan"))
    if text:
        console.print(safe(text))
    if say:
        from rich.panel import Panel

        console.print(
            Panel(safe(say, "bold"), title=say_title, border_style="magenta", expand=False)
        )


def show_help(console: Console, title: str, text: str) -> None:
    """A node's help text."""
    from rich.panel import Panel

    console.print(Panel(safe(text), title=title, border_style="blue", expand=False))


NARROW = 60  # below this many columns, tables become blocks: a label, then its value


def show_summary(console: Console, summary: Summary, msgs: Messages, plain: bool = False) -> None:
    """The end of a session: the outcome and what was found, steps, fields, notes, and last the
    one thing left to do (as blocks of labelled lines in plain mode and on a narrow terminal,
    where tables would cut words)."""
    if plain or console.width < NARROW:
        _summary_blocks(console, summary, msgs)
        return
    from rich.panel import Panel
    from rich.table import Table

    outcome = summary.outcome
    label = _outcome(summary, msgs)
    style = {"resolved": "green", "referred": "yellow"}.get(str(outcome), "red")
    body: list[Any] = []
    if summary.end_text:
        body.append(safe(summary.end_text))
    console.print()
    console.print(
        Panel(
            Group(*body) if body else Text(""),
            title=msgs(_("Outcome: {outcome}", outcome=label)),
            border_style=style,
        )
    )
    steps = summary.steps
    if steps:
        table = Table(title=msgs(_("Steps and answers")), show_lines=False, expand=False)
        table.add_column("#", justify="right")
        table.add_column(msgs(_("Step")), overflow="fold")
        table.add_column(msgs(_("Answer")), overflow="fold")
        table.add_column(msgs(_("Answered by")))
        for i, step in enumerate(steps, 1):
            table.add_row(str(i), safe(step.question), safe(step.answer), safe(step.by))
        console.print(table)
    caller = {msgs(SUMMARY_CALLER[k]): v for k, v in summary.caller.items()}
    _pairs(console, _who(summary, msgs), caller)
    _pairs(console, msgs(_("Details collected")), summary.fields)
    notes = summary.notes
    if notes:
        console.print(Text(msgs(_("Notes")), style="bold"))
        for note in notes:
            console.print(Text("• ") + safe(note.text))
    _next(console, summary, msgs)


def _next(console: Console, summary: Summary, msgs: Messages) -> None:
    """The support code, then the next step, last, where the eye ends up (the offer to send, if
    any, follows it)."""
    if summary.code:
        from fixit.code_lines import code_lines

        console.print()
        for text, style in code_lines(msgs, summary.code, summary.mode):
            console.print(safe(text, style))
    if summary.next:
        console.print()
        console.print(safe(summary.next, "bold"))


def _who(summary: Summary, msgs: Messages) -> str:
    """The heading of the person's details: the caller's in agent mode, your own in self mode."""
    return msgs(_("Caller")) if summary.mode == "agent" else msgs(_("Your details"))


def _outcome(summary: Summary, msgs: Messages) -> str:
    """The outcome's name on the end screen; in agent mode an escalation "needs follow-up",
    since the agent reading it is support."""
    outcome = summary.outcome
    if not outcome:
        return msgs(_("not finished"))
    if summary.mode == "agent" and outcome == "escalate":
        return msgs(_("Needs follow-up"))
    return msgs(OUTCOME[outcome])


def _summary_blocks(console: Console, summary: Summary, msgs: Messages) -> None:
    """The summary as labelled lines: nothing drawn, nothing cut, every element named."""

    def say(text: str = "", style: str = "") -> None:
        console.print(safe(text, style))

    label = _outcome(summary, msgs)
    say()
    say(msgs(_("Outcome: {outcome}", outcome=label)), "bold")
    if summary.end_text:
        say(summary.end_text)
    steps = summary.steps
    if steps:
        say()
        say(msgs(_("Steps and answers")), "bold")
        for i, step in enumerate(steps, 1):
            say(f"{i}. {step.question}")
            by = f"{msgs(_('Answered by'))}: {step.by}"
            say(f"   {msgs(_('Answer'))}: {step.answer} ({by})")
    caller = {msgs(SUMMARY_CALLER[k]): v for k, v in summary.caller.items()}
    for title, values in (
        (_who(summary, msgs), caller),
        (msgs(_("Details collected")), summary.fields),
    ):
        if values:
            say()
            say(title, "bold")
            for key, value in values.items():
                say(f"{key}: {value}")
    notes = summary.notes
    if notes:
        say()
        say(msgs(_("Notes")), "bold")
        for note in notes:
            say(f"- {note.text}")
    _next(console, summary, msgs)


def _pairs(console: Console, title: str, values: Mapping[str, str]) -> None:
    from rich.table import Table

    if not values:
        return
    table = Table(title=title, show_header=False, expand=False)
    table.add_column(overflow="fold")
    table.add_column(overflow="fold")
    for key, value in values.items():
        table.add_row(safe(key), safe(value))
    console.print(table)
