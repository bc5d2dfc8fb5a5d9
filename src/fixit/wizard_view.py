"""What the wizard shows before it asks: why it goes into a sub-tree, the step's heading (with
the call's time in agent mode), its text, the agent's Say box and note, the loop-guard notice."""

from __future__ import annotations

from dataclasses import dataclass

from fixit.engine import Engine, Walk
from fixit.i18n import Messages, _
from fixit.term import Screen
from fixit.trees.model import Node, fill, localize


@dataclass
class StepView:
    """Writes a step's screen; `agent` adds what only the agent sees."""

    engine: Engine
    msgs: Messages
    screen: Screen
    agent: bool
    #: the agent's line above the Say box at every step (a known problem in force), or ""
    reminder: str = ""

    def links(self, walk: Walk) -> None:
        """The text (and, for the agent, the Say box) of each sub-tree the walk just went into."""
        for qid in walk.links:
            link = self.engine.node(qid)
            text = fill(localize(link.text, self.msgs.lang), walk.fields)
            say = fill(localize(link.say, self.msgs.lang), walk.fields) if self.agent else ""
            if text or say:
                self.screen.line()
            if text:
                self.screen.line(text, "bold")
            if say:
                self.screen.box(say, self.msgs(_("Say")), "magenta")

    def show(
        self, walk: Walk, node: Node, number: int, elapsed: float, most: int | None = None
    ) -> None:
        """The screen of step `number` (of at most `most`), `elapsed` seconds into the call."""
        m, lang = self.msgs, self.msgs.lang
        self.links(walk)
        heading = (
            m(_("Step {n} of at most {most}", n=number, most=most))
            if most
            else m(_("Step {n}", n=number))
        )
        if self.agent:
            minutes, seconds = divmod(int(elapsed), 60)
            clock = f"{minutes:02d}:{seconds:02d}"
            heading += " · " + m(_("Call {time}", time=clock))
        say = fill(localize(node.say, lang), walk.fields) if self.agent else ""
        text = fill(localize(node.text, lang), walk.fields)
        self.screen.line()
        self.screen.line(heading, "cyan")
        if text:
            self.screen.line(text)
        if self.agent and self.reminder:
            self.screen.line(self.reminder, "yellow")
        if say:
            self.screen.box(say, m(_("Say")), "magenta")
        if self.agent and node.agent_note:  # for the agent alone, never read out
            note = fill(localize(node.agent_note, lang), walk.fields)
            self.screen.box(note, m(_("For you only — do not read out")), "dim")
        if walk.guard:
            self.screen.line(
                m(
                    _(
                        "We have been round this part a few times. You can hand it over to "
                        "support now."
                    )
                ),
                "yellow",
            )
