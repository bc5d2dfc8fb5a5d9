"""The options a wizard screen offers: the node's own answers, then Back, Note, Help, Quit."""

from __future__ import annotations

from fixit.compat import assert_never
from fixit.engine import ACK, ESCALATE
from fixit.i18n import Messages, _
from fixit.prompts.base import Option
from fixit.textsafe import visible
from fixit.trees.model import Node, localize
from fixit.trees.nodes import Check, End, Info, Input, Question, Run, Step

BACK, NOTE, HELP, QUIT, VERIFY = "!back", "!note", "!help", "!quit", "!verify"
OVERRIDE, STATUS = "!override", "!status:"


def node_menu(
    node: Node, msgs: Messages, detected: tuple[str, str] | None = None, verify: bool = False
) -> tuple[str, list[Option]]:
    """The prompt line and the answers of a node (`detected`: a check's status and summary, for
    the person to confirm)."""
    m = msgs
    match node:
        case Question() | Input():
            options = [Option(c.id, visible(localize(c.label, m.lang), True)) for c in node.choices]
            return m(_("Your answer:")), options  # the question itself is shown once, above
        case Step():
            options = [
                Option("solved", m(_("Done — that fixed it"))),
                Option("unsolved", m(_("Done — still not working"))),
            ]
            if verify:  # the first answer lets fixit check: "Done — check whether it works now"
                options.insert(0, Option(VERIFY, m(_("Done — check whether it works now"))))
            return m(_("Did that help?")), options  # for a person to answer or fixit to check
        case Check() if detected is not None:
            status, summary = detected
            return m(_("Detected: {summary}", summary=summary)), [
                Option(STATUS + status, m(_("That's right — continue"))),
                Option(OVERRIDE, m(_("That's not right — let me answer"))),
            ]
        case Check() | Info() | Run() | End():
            return m(_("When you have read this:")), [Option(ACK, m(_("Continue")))]
        case _:
            assert_never(node)


def extras(msgs: Messages, guard: bool, can_back: bool, has_help: bool) -> list[Option]:
    """The wizard's own options under every menu."""
    out = []
    if guard:
        out.append(
            Option(ESCALATE, msgs(_("Hand this over to support now")), separator_before=True)
        )
    if can_back:
        out.append(Option(BACK, msgs(_("← Back")), separator_before=not out))
    out.append(Option(NOTE, msgs(_("✎ Add a note")), separator_before=not out))
    if has_help:
        out.append(Option(HELP, msgs(_("? Help"))))
    out.append(Option(QUIT, msgs(_("Save and quit"))))
    return out
