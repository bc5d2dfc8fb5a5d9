"""Checks inside the wizard: run one with a live status line, journal it, retry a verify."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.i18n import Messages
from fixit.sessions import Session
from fixit.term import Screen
from fixit.textsafe import visible
from fixit.trees.model import Node, localize

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner


@dataclass
class CheckFlow:
    """What the wizard needs of checks: results, shown and written to the session journal."""

    runner: CheckRunner
    session: Session
    msgs: Messages
    screen: Screen
    sleep: Callable[[float], None] = field(default=time.sleep)

    def run(self, cid: str) -> CheckResult:
        """Run one check with a status line; the result goes to the journal before it is used."""
        title = localize(CHECKS[cid].title, self.msgs.lang) if cid in CHECKS else cid
        with self.screen.status(self.msgs("check.running", title=title)):
            result = self.runner.run([cid])[cid]
        self.record(result)
        return result

    def record(self, result: CheckResult) -> None:
        """Journal a check result (run here, or forced by an answer file)."""
        self.session.append({"t": "check", "id": result.id, "result": result.to_json()})

    def summary(self, result: CheckResult) -> str:
        """The result's one-line summary in the UI language, safe for the terminal."""
        return visible(result.text(self.msgs.lang), True)

    def verify(self, node: Node) -> tuple[CheckResult, str | None]:
        """Run a step's verify check, retrying while it does not pass; the answer it gives."""
        assert node.verify is not None
        attempts = max(1, node.retry_attempts)
        for attempt in range(1, attempts + 1):
            result = self.run(node.verify)
            answer = node.by_check(result.status)
            if answer == "solved" or result.status == "skipped" or attempt == attempts:
                return result, answer
            self.screen.line(
                self.msgs("verify.retry", summary=self.summary(result), seconds=node.retry_wait),
                "yellow",
            )
            self.sleep(node.retry_wait)
        raise AssertionError("unreachable")  # pragma: no cover
