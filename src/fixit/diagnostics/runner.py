"""Run checks in parallel daemon threads, each with its own timeout, under an overall deadline."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from fixit.diagnostics.registry import CHECKS, CheckSpec
from fixit.diagnostics.result import CheckResult


class CheckRunner(Protocol):
    """What the wizard needs: results for check ids."""

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Run the checks and return a result for every id."""
        ...


def _params(spec: CheckSpec, settings: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {**spec.defaults, **settings.get(spec.id, {})}


def run_one(spec: CheckSpec, params: Mapping[str, Any]) -> CheckResult:
    """Run a check in this thread; a crash becomes an `error` result, never an exception."""
    started = time.monotonic()
    if spec.func is None:
        return CheckResult(
            spec.id,
            "skipped",
            "not available in this version of fixit",
            {},
            0.0,
            "this check is not implemented yet",
        )
    if not any(sys.platform.startswith(p) for p in spec.platforms):
        return CheckResult(
            spec.id, "skipped", f"not available on {sys.platform}", {}, 0.0, "unsupported platform"
        )
    try:
        return spec.func(params)
    except Exception as exc:  # isolation: a raising check is a result, not a crash
        name = exc.__class__.__name__
        return CheckResult(
            spec.id,
            "error",
            f"the check failed: {name}",
            {},
            time.monotonic() - started,
            f"{name}: {exc}",
        )


class ThreadRunner:
    """Runs each check in a daemon thread so a stuck DNS lookup cannot keep fixit alive."""

    def __init__(
        self,
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        deadline: float | None = None,
        registry: Mapping[str, CheckSpec] | None = None,
    ) -> None:
        self.settings = settings or {}
        self.deadline = deadline
        self.registry = registry if registry is not None else CHECKS

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Run the checks in parallel; each ends by its timeout, all by the deadline."""
        wanted = list(dict.fromkeys(ids))
        results: dict[str, CheckResult] = {}
        threads: dict[str, threading.Thread] = {}
        started = time.monotonic()
        for cid in wanted:
            spec = self.registry.get(cid)
            if spec is None:
                results[cid] = CheckResult(
                    cid, "error", "unknown check", {}, 0.0, "unknown check id"
                )
                continue

            def work(spec: CheckSpec = spec) -> None:
                results[spec.id] = run_one(spec, _params(spec, self.settings))

            threads[cid] = threading.Thread(target=work, name=f"check-{cid}", daemon=True)
            threads[cid].start()
        for cid, thread in threads.items():
            timeout = self.registry[cid].timeout
            if self.deadline is not None:
                timeout = min(timeout, self.deadline)
            thread.join(max(0.0, started + timeout - time.monotonic()))
            if cid not in results:
                results[cid] = CheckResult(
                    cid,
                    "error",
                    f"no result within {timeout:g} s",
                    {},
                    time.monotonic() - started,
                    "timed out",
                )
        return {cid: results[cid] for cid in wanted}


class ForcedRunner:
    """Results given in advance (answer files, tree tests): status per check id."""

    def __init__(self, forced: Mapping[str, str]) -> None:
        self.forced = dict(forced)

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Return the forced status, or `skipped` for a check with none."""
        out = {}
        for cid in ids:
            status = self.forced.get(cid)
            if status is None:
                out[cid] = CheckResult(cid, "skipped", "no result given", {}, 0.0, "not forced")
            else:
                out[cid] = CheckResult(cid, status, "given in the answer file", {}, 0.0)
        return out
