"""The environment snapshot: what the machine is, taken in the background when a session starts.

Only checks that send nothing over the network run here (system, power, network adapters and
proxy settings, browsers, displays), so a snapshot never waits on a dead network.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fixit.session_shape import SNAPSHOT_CHECKS as SNAPSHOT_CHECKS
from fixit.sessions import Session, now

if TYPE_CHECKING:
    from fixit.diagnostics.runner import CheckRunner

BUDGET = 6.0  # seconds from the start; the longest of these checks' limits, plus a margin


class Snapshot:
    """A snapshot taken in a daemon thread once started; `finish` waits for it within its budget."""

    def __init__(
        self,
        runner: CheckRunner,
        session: Session,
        checks: Sequence[str] = SNAPSHOT_CHECKS,
        budget: float = BUDGET,
    ) -> None:
        self.runner = runner
        self.session = session
        self.checks = tuple(checks)
        self.budget = budget
        self.started = 0.0
        self.error = ""
        self._thread = threading.Thread(target=self._take, name="snapshot", daemon=True)

    def start(self) -> None:
        """Begin in the background (once). The wizard calls this after the first answer, so the
        checks' imports and probes do not compete with drawing the first prompt."""
        if not self.started:
            self.started = time.monotonic()
            self._thread.start()

    def _take(self) -> None:
        taken = now()
        try:
            results = self.runner.run(self.checks)
            snapshot: dict[str, Any] = {
                "taken": taken,
                "checks": {cid: r.to_json() for cid, r in results.items()},
            }
            self.session.save_environment(snapshot)
        except Exception as exc:  # a snapshot is a bonus: it never breaks the session
            self.error = f"{exc.__class__.__name__}: {exc}"

    def finish(self) -> bool:
        """Wait for the snapshot until its budget runs out; whether it was saved."""
        self.start()
        self._thread.join(max(0.0, self.started + self.budget - time.monotonic()))
        return not self._thread.is_alive() and not self.error
