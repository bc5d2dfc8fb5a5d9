"""Drives the engine: asks through a Prompter (or an answer file), journals every answer."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fixit import events
from fixit.answers import AnswerFile
from fixit.checkflow import CheckFlow
from fixit.compat import assert_never
from fixit.diagnostics.result import CheckResult
from fixit.engine import FALLBACK, Answer, Engine, State, Walk
from fixit.i18n import Messages, _
from fixit.inputs import input_error
from fixit.labels import CHECK
from fixit.prompts.base import Prompter
from fixit.remaining import steps_left
from fixit.sessions import Session, now
from fixit.stepping import UNAVAILABLE, automatic, back_stops_at, follows_verify, step_number
from fixit.term import Screen
from fixit.trees.language import fallback_notice, shown_language
from fixit.trees.model import Node, fill, localize
from fixit.trees.nodes import Asked, Check, Info, Input, Question, Step
from fixit.wizard_menu import BACK, HELP, NOTE, OVERRIDE, QUIT, STATUS, VERIFY, extras, node_menu
from fixit.wizard_scripted import scripted_step
from fixit.wizard_text import ask_text
from fixit.wizard_view import StepView

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


class QuitRequested(Exception):
    """The user chose save-and-quit."""


@dataclass
class Wizard:
    """One run of a session's prompts until its end, a quit, or an interruption."""

    engine: Engine
    session: Session
    msgs: Messages
    screen: Screen
    runner: CheckRunner
    mode: str = "self"
    prompter: Prompter | None = None
    answer_file: AnswerFile | None = None
    checks_enabled: bool = True
    started: float = field(default_factory=time.monotonic)
    on_answer: Callable[[], None] | None = None
    #: the caller's details given at the start (agent mode): they pre-fill the inputs that ask
    #: the same thing (`prefill:` in the tree)
    caller: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.flow = CheckFlow(self.runner, self.session, self.msgs, self.screen)
        self.view = StepView(self.engine, self.msgs, self.screen, self.mode == "agent")
        self.told_checks_off = False
        self.told_language: set[str] = set()  # the fallback languages already told this run

    @property
    def lang(self) -> str:
        """The language prompts are shown in."""
        return self.msgs.lang

    def run(self, state: State) -> tuple[State, Walk]:
        """Ask until the walk ends; every answer is synced to the journal before the next prompt."""
        given = (*state.answers, *state.aside)  # a resumed session: its notice was shown before
        self.told_checks_off = any(self._automatic(self.engine.node(a.node)) for a in given)
        while True:
            walk = self.engine.walk(state.active)
            if walk.finished:
                return state, walk
            assert walk.node is not None
            action, value, by = self._ask(walk, state)
            if action == BACK:
                state = self._back(state)
                continue
            answer = Answer(walk.qid, value, self._still_theirs(state, walk.qid, value, by), now())
            state, kept = self.engine.answer(state, answer)
            self.session.append(events.Answer(answer.node, answer.value, answer.by))
            if self.on_answer is not None:
                self.on_answer()
            if kept and self.prompter is not None:
                self.screen.line(
                    self.msgs(_("Kept the later answers that still apply ({n}).", n=kept)), "dim"
                )

    def _still_theirs(self, state: State, qid: str, value: str, by: str) -> str:
        """Who gave an answer: in agent mode, the caller's answer from their support code given
        again unchanged after Back stays the caller's (only an answer the agent changes is the
        agent's)."""
        held = next((a for a in state.held if a.node == qid), None)
        if self.mode == "agent" and held is not None and held.by == "user":
            return held.by if held.value == value else by
        return by

    def _back(self, state: State) -> State:
        """Step back to the previous node a person answered: nodes that answer themselves again
        (a check that is off, that could not run, or that a step's verify already ran) are
        stepped over."""
        while state.cursor > 0:
            state = self.engine.back(state)
            self.session.append(events.Back())
            if back_stops_at(self.engine, state.answers, state.cursor, self.checks_enabled):
                break
        return state

    def _automatic(self, node: Node) -> bool:
        return automatic(node, self.checks_enabled)

    def _ask(self, walk: Walk, state: State) -> tuple[str, str, str]:
        node = walk.node
        assert node is not None
        self.flow.step = walk.qid  # check runs from here on are this step's evidence
        if self.answer_file is not None:
            af = self.answer_file
            prefilled = self._prefill(node) if walk.qid not in af.answers else None
            return scripted_step(
                af,
                self.flow,
                node,
                walk.qid,
                prefilled,
                not self.checks_enabled,
                self.msgs,
                check_paths=self.mode == "self",
            )
        self._tell_language(walk.qid)
        match node:
            case Check():
                return self._ask_check(walk, node, state)
            case Question():
                return self._ask_question(walk, node, state)
            case Step():
                verify = node.verify is not None and self.checks_enabled
                default = self._present(walk, node, state)
                return self._screen(walk, node, state, default, verify=verify)
            case Input() | Info():
                return self._screen(walk, node, state, self._present(walk, node, state))
            case _:
                assert_never(node)

    def _ask_check(self, walk: Walk, node: Check, state: State) -> tuple[str, str, str]:
        """A check node: its fallback when checks are off, the result a step's verify just got,
        or the check run and its finding shown for the person to confirm."""
        if self._automatic(node):
            self.view.links(walk)
            self._checks_off()
            return "answer", FALLBACK, self._who()
        before = state.active[-1] if state.cursor else None
        if follows_verify(self.engine, node, before):
            self.view.links(walk)
            return "answer", self.flow.follow_up(node.check).status, "check"
        default = self._present(walk, node, state)
        detected = self.flow.run(node.check)
        if detected.status in UNAVAILABLE:  # nothing to confirm: on to the fallback question
            self.screen.line(
                self.msgs(
                    _("Could not check this automatically: {summary}", summary=self._said(detected))
                )
            )
            return "answer", detected.status, "check"
        return self._screen(walk, node, state, default, detected=detected)

    def _ask_question(self, walk: Walk, node: Question, state: State) -> tuple[str, str, str]:
        """A question; its check, when it has one, pre-selects the choice its status names."""
        default = self._present(walk, node, state)
        suggested = None
        if node.check and self.checks_enabled:
            suggested = self.flow.suggest(node, node.check)
            default = suggested or default
        return self._screen(walk, node, state, default, suggested=suggested)

    def _present(self, walk: Walk, node: Asked, state: State) -> str | None:
        """Show the step; the answer to pre-select: one given before, else a caller detail."""
        assert self.prompter is not None
        earlier = self.engine.earlier(state, walk.qid)
        default = earlier or self._prefill(node)
        self._show(walk, node, state)
        if default and not earlier:
            self.screen.line(
                self.msgs(
                    _(
                        "Filled in from the caller's details you gave at the start: change it if "
                        "it is not right."
                    )
                ),
                "dim",
            )
        return default

    def _screen(
        self,
        walk: Walk,
        node: Asked,
        state: State,
        default: str | None,
        detected: CheckResult | None = None,
        suggested: str | None = None,
        verify: bool = False,
    ) -> tuple[str, str, str]:
        """Ask until there is an answer (or Back): help and notes come back to the same step."""
        while True:
            if isinstance(node, Input) and node.type != "choice":
                assert self.prompter is not None
                choice = ask_text(self.prompter, node, self.msgs, default, self.mode == "self")
            else:
                choice = self._ask_select(walk, node, state, default, detected, verify)
            if choice == VERIFY and isinstance(node, Step):
                answer = self.flow.verify_step(node)
                if answer is not None:
                    return "answer", answer, "check"
                verify = False  # the check could not tell: the person answers
                continue
            got = self._chosen(walk, node, choice, suggested)
            if got is not None:
                return got

    def _chosen(
        self, walk: Walk, node: Asked, choice: str, suggested: str | None
    ) -> tuple[str, str, str] | None:
        """What a choice does: an answer, Back or Quit; None after help or a note (ask again)."""
        if choice == HELP:
            text = localize(node.help, self.lang) or self.msgs(
                _(
                    "There is no extra help for this step. Describe what you see in a note and go "
                    "on."
                )
            )
            self.screen.box(fill(text, walk.fields), self.msgs(_("Help")), "blue")
            self._again(walk, node)
        elif choice == NOTE:
            self._note(walk.qid)
            self._again(walk, node)
        elif choice == QUIT:
            raise QuitRequested
        elif choice == BACK:
            return BACK, "", ""
        elif choice == OVERRIDE:
            return "answer", FALLBACK, "override"
        elif choice.startswith(STATUS):
            return "answer", choice.split(":", 1)[1], "check"
        elif suggested is not None:
            return "answer", choice, "check" if choice == suggested else "override"
        else:
            return "answer", choice, self._who()
        return None

    def _prefill(self, node: Asked) -> str | None:
        """The caller detail an input declares it asks again, when it fits the input (a phone
        number given as the contact does not pre-fill an e-mail question)."""
        if not isinstance(node, Input):
            return None
        value = self.caller.get(node.prefill or "", "").strip()
        if not value or input_error(node, value, self.msgs, check_paths=False) is not None:
            return None
        return value

    def _again(self, walk: Walk, node: Asked) -> None:
        """After help or a note, the question once more: it is asked again, not repeated."""
        text = fill(localize(node.text, self.lang), walk.fields)
        if text:
            self.screen.line(text)

    def _said(self, result: CheckResult) -> str:
        return self.flow.summary(result)

    def _tell_language(self, qid: str) -> None:
        """Before the first step shown in a fallback language (the tree, or a sub-tree, lacks the
        session's), say so once; not at every step, nor again for a sub-tree in the same one."""
        parts = qid.split("/")
        tree = self.engine.trees[parts[-2] if len(parts) > 1 else self.engine.root]
        notice = fallback_notice(tree.languages, self.lang)
        shown = shown_language(tree.languages, self.lang)
        if notice is not None and shown not in self.told_language:
            self.told_language.add(shown)
            self.screen.line(self.msgs(notice), "yellow")

    def _checks_off(self) -> None:
        """Say once per session why checks are not run (not again at every check)."""
        if self.told_checks_off:
            return
        self.told_checks_off = True
        reason = CHECK["off.agent" if self.mode == "agent" else "off.disabled"]
        self.screen.line(
            self.msgs(
                _(
                    "Automatic checks are skipped in this session: {reason}.",
                    reason=self.msgs(reason),
                )
            ),
            "dim",
        )

    def _who(self) -> str:
        return "agent" if self.mode == "agent" else "user"

    def _show(self, walk: Walk, node: Asked, state: State) -> None:
        number = step_number(self.engine, state.active, self.checks_enabled)
        left = steps_left(self.engine.trees, walk.trees, walk.path, walk.qid, self.checks_enabled)
        most = number - 1 + left if left else None
        self.view.show(walk, node, number, time.monotonic() - self.started, most)

    def _ask_select(
        self,
        walk: Walk,
        node: Asked,
        state: State,
        default: str | None,
        detected: CheckResult | None = None,
        verify: bool = False,
    ) -> str:
        assert self.prompter is not None
        found = (detected.status, self._said(detected)) if detected is not None else None
        message, options = node_menu(node, self.msgs, found, verify)
        on = self.checks_enabled  # Back only where it leads to a screen, not to a re-run check
        can_back = any(back_stops_at(self.engine, state.active, i, on) for i in range(state.cursor))
        options += extras(self.msgs, walk.guard, can_back, bool(node.help))
        if detected is not None or default not in {o.value for o in options}:
            default = None  # an earlier answer offered only where it is a choice here
        return self.prompter.select(message, options, default=default)

    def _note(self, qid: str) -> None:
        assert self.prompter is not None
        text = self.prompter.text(self.msgs(_("Your note")), multiline=False)
        if text.strip():
            self.session.append(events.Note(qid, text))
            self.screen.line(self.msgs(_("Note saved.")), "dim")
