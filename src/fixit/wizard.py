"""Drives the engine: asks through a Prompter (or an answer file), journals every answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from fixit.answers import AnswerFile, scripted_answer
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.runner import CheckRunner
from fixit.engine import ACK, ESCALATE, FALLBACK, Answer, Engine, State, Walk
from fixit.i18n import Messages
from fixit.inputs import input_error
from fixit.prompts.base import Option, Prompter
from fixit.sessions import Session, now
from fixit.term import Screen
from fixit.textsafe import visible
from fixit.trees.model import Node, fill, localize

BACK, NOTE, HELP, QUIT = "!back", "!note", "!help", "!quit"
COMMANDS = {"/back": BACK, "/note": NOTE, "/help": HELP, "/quit": QUIT}


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

    @property
    def lang(self) -> str:
        """The language prompts are shown in."""
        return self.msgs.lang

    def run(self, state: State) -> tuple[State, Walk]:
        """Ask until the walk ends; every answer is synced to the journal before the next prompt."""
        while True:
            walk = self.engine.walk(state.active)
            if walk.finished:
                return state, walk
            assert walk.node is not None
            action, value, by = self._ask(walk, state)
            if action == BACK:
                state = self._back(state)
                continue
            answer = Answer(walk.qid, value, by, now())
            state, kept = self.engine.answer(state, answer)
            self.session.append(
                {"t": "answer", "node": answer.node, "value": answer.value, "by": answer.by}
            )
            if kept and self.prompter is not None:
                self.screen.line(self.msgs("kept", n=kept), "dim")

    def _back(self, state: State) -> State:
        """Step back to the previous node a person answered (automatic ones are skipped)."""
        while state.cursor > 0:
            state = self.engine.back(state)
            self.session.append({"t": "back"})
            walk = self.engine.walk(state.active)
            if walk.node is None or not self._automatic(walk.node):
                break
        return state

    def _automatic(self, node: Node) -> bool:
        return node.kind == "check" and (self.mode == "agent" or not self.checks_enabled)

    def _ask(self, walk: Walk, state: State) -> tuple[str, str, str]:
        node = walk.node
        assert node is not None
        if self.answer_file is not None:
            return self._scripted(walk, node)
        if self._automatic(node):
            reason = "check.off.agent" if self.mode == "agent" else "check.off.disabled"
            self.screen.line(self.msgs("check.off", reason=self.msgs(reason)), "dim")
            return "answer", FALLBACK, self._who()
        assert self.prompter is not None
        pending = state.answers[state.cursor] if state.cursor < len(state.answers) else None
        default = pending.value if pending and pending.node == walk.qid else None
        self._show(walk, node, state)
        detected = self._run_check(node) if node.kind == "check" else ""
        while True:
            if node.kind == "input" and node.type != "choice":
                choice = self._ask_input(node, default)
            else:
                choice = self._ask_select(walk, node, state, default, detected)
            if choice == HELP:
                text = localize(node.help, self.lang) or self.msgs("help.none")
                self.screen.box(fill(text, walk.fields), self.msgs("help.title"), "blue")
            elif choice == NOTE:
                self._note(walk.qid)
            elif choice == QUIT:
                raise QuitRequested
            elif choice == BACK:
                return BACK, "", ""
            elif choice == "!override":
                return "answer", FALLBACK, "override"
            elif choice.startswith("!status:"):
                return "answer", choice.split(":", 1)[1], "check"
            else:
                return "answer", choice, self._who()

    def _who(self) -> str:
        return "agent" if self.mode == "agent" else "user"

    def _show(self, walk: Walk, node: Node, state: State) -> None:
        heading = self.msgs("step.of", n=len(state.active) + 1)
        if self.mode == "agent":
            minutes, seconds = divmod(int(time.monotonic() - self.started), 60)
            heading += " · " + self.msgs("call.elapsed", time=f"{minutes:02d}:{seconds:02d}")
        say = fill(localize(node.say, self.lang), walk.fields) if self.mode == "agent" else ""
        text = fill(localize(node.text, self.lang), walk.fields)
        self.screen.line()
        self.screen.line(heading, "cyan")
        if text:
            self.screen.line(text)
        if say:
            self.screen.box(say, self.msgs("say.title"), "magenta")
        if walk.guard:
            self.screen.line(self.msgs("guard.notice"), "yellow")

    def _extras(self, walk: Walk, state: State, node: Node) -> list[Option]:
        m = self.msgs
        out = []
        if walk.guard:
            out.append(Option(ESCALATE, m("opt.escalate"), separator_before=True))
        if state.cursor > 0:
            out.append(Option(BACK, m("opt.back"), separator_before=not out))
        out.append(Option(NOTE, m("opt.note"), separator_before=not out))
        if node.help:
            out.append(Option(HELP, m("opt.help")))
        out.append(Option(QUIT, m("opt.quit")))
        return out

    def _ask_select(
        self, walk: Walk, node: Node, state: State, default: str | None, detected: str = ""
    ) -> str:
        m = self.msgs
        assert self.prompter is not None
        message = m("step.prompt")
        if node.kind == "question" or node.kind == "input":
            options = [
                Option(c.id, visible(localize(c.label, self.lang), True)) for c in node.choices
            ]
            message = visible(fill(localize(node.text, self.lang), walk.fields), True)
        elif node.kind == "step":
            options = [Option("solved", m("step.solved")), Option("unsolved", m("step.unsolved"))]
        elif node.kind == "check":
            message = m("check.detected", summary=visible(detected, True))
            options = [
                Option(f"!status:{self._last_status}", m("check.accept")),
                Option("!override", m("check.override")),
            ]
            default = None
        else:
            options = [Option(ACK, m("opt.continue"))]
        options += self._extras(walk, state, node)
        return self.prompter.select(message, options, default=default)

    _last_status = "error"

    def _run_check(self, node: Node) -> str:
        assert node.check is not None
        spec = CHECKS[node.check]
        with self.screen.status(self.msgs("check.running", title=localize(spec.title, self.lang))):
            result = self.runner.run([node.check])[node.check]
        self.session.append({"t": "check", "id": node.check, "result": result.to_json()})
        self._last_status = result.status
        return f"{result.status} — {result.summary}"

    def _ask_input(self, node: Node, default: str | None) -> str:
        assert self.prompter is not None
        m = self.msgs

        def validate(value: str) -> str | None:
            if value.strip() in COMMANDS:
                return None
            return input_error(node, value, m, check_paths=self.mode == "self")

        hint = m("input.multiline") if node.type == "multiline" else ""
        if not node.required:
            hint = f"{hint} {m('input.optional')}".strip()
        value = self.prompter.text(
            visible(localize(node.text, self.lang), True),
            default=default or "",
            multiline=node.type == "multiline",
            validate=validate,
            instruction=f"{hint} /back /note /help /quit".strip(),
        )
        return COMMANDS.get(value.strip(), value)

    def _note(self, qid: str) -> None:
        assert self.prompter is not None
        text = self.prompter.text(self.msgs("note.prompt"), multiline=False)
        if text.strip():
            self.session.append({"t": "note", "node": qid, "text": text})
            self.screen.line(self.msgs("note.saved"), "dim")

    def _scripted(self, walk: Walk, node: Node) -> tuple[str, str, str]:
        """An answer from the answer file; a check it does not force runs for real."""
        assert self.answer_file is not None
        got = scripted_answer(
            node,
            walk.qid,
            self.answer_file,
            self._automatic(node),
            self.msgs,
            check_paths=self.mode == "self",
        )
        if got is None:
            self._run_check(node)
            return "answer", self._last_status, "check"
        value, by = got
        if by == "check" and node.check:
            self.session.append(
                {
                    "t": "check",
                    "id": node.check,
                    "result": {
                        "id": node.check,
                        "status": value,
                        "summary": "given in the answer file",
                    },
                }
            )
        return "answer", value, by
