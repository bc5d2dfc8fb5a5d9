"""The environment snapshot: what the machine is, taken in the background when a session starts.

Only checks that send nothing over the network run here (system, power, network adapters and
proxy settings, browsers, displays), so a snapshot never waits on a dead network.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from fixit.diagnostics.runner import CheckRunner
from fixit.sessions import Session, now

SNAPSHOT_CHECKS = (
    "system.info",
    "power.battery",
    "network.interfaces",
    "network.proxy",
    "browser.versions",
    "display.outputs",
)
BUDGET = 6.0  # seconds from the start; the longest of these checks' limits, plus a margin


class Snapshot:
    """A snapshot being taken in a daemon thread; `finish` waits for it within its budget."""

    def __init__(self, runner: CheckRunner, session: Session) -> None:
        self.runner = runner
        self.session = session
        self.started = time.monotonic()
        self.error = ""
        self._thread = threading.Thread(target=self._take, name="snapshot", daemon=True)
        self._thread.start()

    def _take(self) -> None:
        taken = now()
        try:
            results = self.runner.run(SNAPSHOT_CHECKS)
            snapshot: dict[str, Any] = {
                "taken": taken,
                "checks": {cid: r.to_json() for cid, r in results.items()},
            }
            self.session.save_environment(snapshot)
        except Exception as exc:  # a snapshot is a bonus: it never breaks the session
            self.error = f"{exc.__class__.__name__}: {exc}"

    def finish(self) -> bool:
        """Wait for the snapshot until its budget runs out; whether it was saved."""
        self._thread.join(max(0.0, self.started + BUDGET - time.monotonic()))
        return not self._thread.is_alive() and not self.error
