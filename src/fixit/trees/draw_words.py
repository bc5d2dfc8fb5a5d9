"""What a drawn tree says: each kind's words for the legend, an arrow's words, a box's detail
line, and untrusted text made into short, visible label lines (escaped later, per format)."""

from __future__ import annotations

import textwrap
import unicodedata

from fixit.compat import assert_never
from fixit.i18n import Messages, Msg, _, pgettext
from fixit.labels import OUTCOME
from fixit.textsafe import visible
from fixit.trees.model import localize
from fixit.trees.nodes import Check, End, Info, Input, Node, Question, Run, Step

WIDTH = 30  # characters a label line holds before it wraps
LIMIT = 160  # characters of a node's text drawn; the rest is cut with "…"

#: what each kind of node is, for the legend
KIND: dict[str, Msg] = {
    "question": _("question: the answer chosen leads on"),
    "step": _("step: an instruction, then solved or not"),
    "check": _("automatic check: leads on by its result"),
    "input": _("answer to type in (goes into the report)"),
    "info": _("message to read"),
    "tree": _("runs another guide (drawn in its own box)"),
    "end": pgettext("graph legend", "end"),
}

#: the words on an arrow that is not a question's choice
EDGE: dict[str, Msg] = {
    "solved": pgettext("graph arrow", "solved"),
    "unsolved": pgettext("graph arrow", "not solved"),
    "pass": pgettext("graph arrow", "check passed"),
    "warn": pgettext("graph arrow", "check warned"),
    "fail": pgettext("graph arrow", "check failed"),
    "error": pgettext("graph arrow", "check could not run"),
    "fallback": pgettext("graph arrow", "not checked"),
}

LEGEND: dict[str, Msg] = {
    "title": pgettext("graph", "Legend"),
    "start": pgettext("graph", "Start"),
    "runs": _("dotted arrow: goes into the guide it runs"),
    "path": _("session {session}: the way it went (thick lines)"),
    "stopped": _("where the session ended or stopped"),
    "uncovered": _("dashed red: no tree test reaches it"),
    "stats": _(
        "figures from {sessions}: how often a node was shown, how often a step solved the "
        "problem, where people gave up; (n) on an arrow: how often that answer was given"
    ),
}


def plain_lines(text: str, width: int = WIDTH, limit: int = LIMIT) -> tuple[str, ...]:
    """Untrusted text as short label lines: one line of visible characters (no controls, bidi
    overrides, lone surrogates or line separators), cut at `limit`, wrapped at `width`."""
    flat = " ".join(text.split())  # newlines and tabs in a tree's text are only spacing
    shown = "".join(_visible_char(c) for c in visible(flat, one_line=True))
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return tuple(textwrap.wrap(shown, width, break_on_hyphens=False)) or ("",)


def _visible_char(c: str) -> str:
    if unicodedata.category(c) in ("Cs", "Co", "Cn", "Zl", "Zp", "Cc"):
        return f"<U+{ord(c):04X}>"
    return c


def node_detail(node: Node, msgs: Messages) -> list[str]:
    """What a node's box says besides its text and id: its check, sub-tree, field or outcome."""
    match node:
        case Check():
            return [node.check]
        case Question() | Step():
            return []
        case Input():
            return [node.field]
        case Run():
            return [f"→ {node.tree}"]
        case End():
            label = OUTCOME.get(node.outcome)
            return [msgs(label) if label else node.outcome]
        case Info():
            return []
        case _:
            assert_never(node)


def edge_words(node: Node, lang: str, msgs: Messages) -> list[tuple[str, str, str]]:
    """(target, answer, words) for each way out of a node, as the tree writes them: a choice's
    label, solved or not, a check status, a sub-tree's outcome."""

    def word(key: str) -> str:
        return msgs(EDGE[key])

    match node:
        case Question():
            return [(c.goto, c.id, localize(c.label, lang)) for c in node.choices if c.goto]
        case Step():
            return [
                (node.solved, "solved", word("solved")),
                (node.unsolved, "unsolved", word("unsolved")),
            ]
        case Check():
            routed = [(t, s, word(s) if s in EDGE else s) for s, t in node.on.items()]
            return [*routed, (node.fallback, "fallback", word("fallback"))]
        case Input() | Info():
            return [(node.goto, "", "")]
        case Run():
            return [(t, o, msgs(OUTCOME[o]) if o in OUTCOME else o) for o, t in node.on.items()]
        case End():
            return []
        case _:
            assert_never(node)
