"""`fixit trees graph`: a tree drawn as Mermaid or Graphviz DOT, with a session's path, the tree
tests' coverage or the recorded sessions' figures laid over it."""

from __future__ import annotations

import sys
from pathlib import Path

from fixit.context import AppContext
from fixit.errors import ExitCode, UsageError
from fixit.i18n import _

FORMATS = ("mermaid", "dot")
ALIASES = {"mmd": "mermaid", "graphviz": "dot", "gv": "dot"}


def graph(
    ctx: AppContext,
    ref: str | None,
    fmt: str | None,
    output: Path | None,
    session: str | None = None,
    coverage: bool = False,
    stats: bool = False,
    legend: bool = True,
) -> int:
    """Draw a tree (or the tree a session ran) in the format asked for, to stdout or `output`."""
    from fixit.flows import graph as flow
    from fixit.trees.draw import draw

    name = _format(fmt)
    if ref is None and session is None:
        raise UsageError(
            _("name the tree to draw."),
            _("Give a tree id or path, e.g. `fixit trees graph no-internet`, or --session ID."),
        )
    if session is not None:
        subject = flow.session_subject(ref, session)
    else:
        assert ref is not None
        subject = flow.library_subject(ctx, ref)
    if coverage:
        flow.mark_coverage(ctx, subject)
    if stats:
        flow.mark_figures(ctx, subject)
    flow.fallback_note(subject, ctx.msgs)
    drawing = draw(subject.trees, subject.root, ctx.lang, ctx.msgs, subject.marks, legend)
    if name == "dot":
        from fixit.trees.draw_dot import render_dot

        text = render_dot(drawing)
    else:
        from fixit.trees.draw_mermaid import render_mermaid

        text = render_mermaid(drawing)
    if output is None:
        sys.stdout.write(text)
        return ExitCode.OK
    from fixit import storage

    storage.write_output(output, text.encode("utf-8"))
    ctx.screen.line(ctx.msgs(_("Graph written to {path}.", path=str(output))), "dim")
    return ExitCode.OK


def _format(fmt: str | None) -> str:
    """The format `--format` names (Mermaid when none)."""
    name = (fmt or "mermaid").lower()
    name = ALIASES.get(name, name)
    if name not in FORMATS:
        raise UsageError(
            _("there is no graph format {format}.", format=repr(fmt)),
            _("Use one of: {names}.", names=", ".join(FORMATS)),
        )
    return name
