"""Checks inside the wizard: run one with a live status line, journal it, retry a verify, and
say what it found (a question's suggestion, a step's verdict)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fixit import events
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.i18n import Messages, _
from fixit.labels import CHECK, VERIFY_LINES
from fixit.sessions import Session
from fixit.term import Screen
from fixit.textsafe import visible
from fixit.trees.nodes import Question, Step, by_check

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


def _key_wait(seconds: float) -> bool:
    """Wait `seconds`, or less when a key is pressed (True then); imported on first wait."""
    from fixit.keywait import key_wait

    return key_wait(seconds)


@dataclass
class CheckFlow:
    """What the wizard needs of checks: results, shown and written to the session journal."""

    runner: CheckRunner
    session: Session
    msgs: Messages
    screen: Screen
    wait: Callable[[float], bool] = field(default=_key_wait)  # True: a key cut the wait short
    latest: dict[str, tuple[float, CheckResult]] = field(default_factory=dict)
    step: str = ""  # the node (qualified id) being asked: the step a check runs for

    def run(self, cid: str) -> CheckResult:
        """Run one check with a status line; the result goes to the journal before it is used."""
        title = self.msgs(CHECKS[cid].title) if cid in CHECKS else cid
        with self.screen.status(self.msgs(_("Checking: {title}…", title=title))):
            result = self.runner.run([cid])[cid]
        self.record(result)
        self.latest[cid] = (time.monotonic(), result)
        return result

    def fresh(self, cid: str, within: float = 120) -> CheckResult | None:
        """The result of `cid` run in this process less than `within` seconds ago, if any."""
        ran, result = self.latest.get(cid, (-within, None))
        return result if time.monotonic() - ran < within else None

    def record(self, result: CheckResult) -> None:
        """Journal a check result (run here, or forced by an answer file), with the step it
        ran for, so that each step keeps its own result in the report."""
        self.session.append(events.Check(result.id, result.to_json(), self.step))

    def summary(self, result: CheckResult) -> str:
        """What the check found, as a plain sentence a user can confirm (the technical summary
        is for the report), without its full stop so that it fits inside a message."""
        from fixit.diagnostics.plain import plain_text  # the checks' sentences: when one is shown

        return visible(plain_text(result, self.msgs.lang), True).removesuffix(".")

    def verify(self, node: Step, keys: bool = True) -> tuple[CheckResult, str | None, bool]:
        """Run a step's verify check, retrying while it does not pass: the last result, the
        answer it gives, and whether a key stopped the waiting (`keys`: a person may press one).
        """
        assert node.verify is not None
        attempts = max(1, node.retry_attempts)
        for attempt in range(1, attempts + 1):
            result = self.run(node.verify)
            answer = by_check(node, result.status)
            if answer == "solved" or result.status == "skipped" or attempt == attempts:
                return result, answer, False
            key = "retry.key" if keys and node.retry_wait else "retry"
            summary = self.summary(result)
            self.screen.line(
                self.msgs(VERIFY_LINES[key], summary=summary, seconds=node.retry_wait), "yellow"
            )
            if not keys:  # an answer file's run: nobody to press a key, nothing to stop
                time.sleep(node.retry_wait)
            elif self.wait(node.retry_wait):
                return result, None, True
        raise AssertionError("unreachable")  # pragma: no cover

    def follow_up(self, cid: str) -> CheckResult:
        """The result a step's verify just got (shown then), or the check run again."""
        result = self.fresh(cid)
        if result is None:  # resumed since: what was known then may have changed
            result = self.run(cid)
            self.screen.line(self.msgs(_("Checked again: {summary}", summary=self.summary(result))))
        return result

    def suggest(self, node: Question, cid: str) -> str | None:
        """Run a question's check; the choice its status pre-selects, if any."""
        result = self.run(cid)
        suggested = by_check(node, result.status)
        key = "suggested" if suggested else "unsure"
        self.screen.line(self.msgs(CHECK[key], summary=self.summary(result)), "cyan")
        return suggested

    def verify_step(self, node: Step) -> str | None:
        """Re-run a step's check after the instruction: solved, unsolved, or None (can't tell)."""
        result, answer, stopped = self.verify(node)
        if stopped:
            self.screen.line(
                self.msgs(_("Stopped waiting for the check: answer yourself.")), "yellow"
            )
            return None
        key = {"solved": "passed", "unsolved": "failed"}.get(answer or "", "unknown")
        self.screen.line(
            self.msgs(VERIFY_LINES[key], summary=self.summary(result)),
            "green" if answer == "solved" else "yellow",
        )
        return answer
