"""Run checks in parallel daemon threads, each with its own timeout, under an overall deadline."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from fixit.diagnostics import skip_reasons
from fixit.diagnostics.netprobe import bound_resolver
from fixit.diagnostics.registry import CHECKS, CheckSpec
from fixit.diagnostics.result import CheckResult, errored, skipped
from fixit.i18n import _
from fixit.i18n.format import decimal
from fixit.params import resolve

OnResult = Callable[[CheckResult], None]


class CheckRunner(Protocol):
    """What the wizard needs: results for check ids."""

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Run the checks and return a result for every id."""
        ...


def run_one(spec: CheckSpec, params: Mapping[str, Any]) -> CheckResult:
    """Run a check in this thread; a crash becomes an `error` result, never an exception."""
    started = time.monotonic()
    if not any(sys.platform.startswith(p) for p in spec.platforms):
        return skipped(
            spec.id,
            _("not available on {platform}", platform=sys.platform),
            _(
                "the check runs on {platforms}, not on {platform}",
                platforms=", ".join(spec.platforms),
                platform=sys.platform,
            ),
        )
    if params.get("enabled") is False:
        return skipped(
            spec.id,
            _("turned off in the configuration"),
            _(skip_reasons.TURNED_OFF, check=spec.id),
        )
    try:
        result = spec.func(params)
    except Exception as exc:  # isolation: a raising check is a result, not a crash
        name = exc.__class__.__name__
        return errored(
            spec.id,
            _("the check failed: {name}", name=name),
            f"{name}: {exc}"[:500],
            time.monotonic() - started,
        )
    if result.id != spec.id:  # a check's helpers need not know their own id
        result = CheckResult(
            spec.id, result.status, result.summary, result.data, result.duration, result.reason
        )
    return result


def _timed_out(cid: str, limit: float, elapsed: float) -> CheckResult:
    return errored(
        cid,
        _("no result within {limit} s", limit=decimal(limit, 0 if limit == int(limit) else 2)),
        _("timed out"),
        elapsed,
    )


class ThreadRunner:
    """Runs each check in a daemon thread so a stuck DNS lookup cannot keep fixit alive.

    `deadline` bounds the whole run (and so every check); `on_result` is called in the calling
    thread as each result arrives, for live progress.
    """

    def __init__(
        self,
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        deadline: float | None = None,
        registry: Mapping[str, CheckSpec] | None = None,
        on_result: OnResult | None = None,
    ) -> None:
        self.settings = settings or {}
        self.deadline = deadline
        self.registry = registry if registry is not None else CHECKS
        self.on_result = on_result

    def limit(self, cid: str, params: Mapping[str, Any] | None = None) -> float:
        """How long check `cid` may run: its own limit, or longer if its settings ask for it.

        A check's network timeouts are settings; the runner allows their sum (and any sampling
        time) plus half a second, so a larger configured timeout is not cut off early.
        """
        own = self.registry[cid].timeout
        if params:
            asked = sum(
                float(v)
                for k, v in params.items()
                if k.endswith("timeout") or k == "sample_seconds"
            )
            own = max(own, asked + 0.5)
        return own if self.deadline is None else min(own, self.deadline)

    def run(self, ids: Iterable[str]) -> dict[str, CheckResult]:
        """Run the checks in parallel; each ends by its timeout, all by the deadline."""
        bound_resolver()
        wanted = list(dict.fromkeys(ids))
        results: dict[str, CheckResult] = {}
        inbox: queue.Queue[CheckResult] = queue.Queue()
        started = time.monotonic()
        pending: dict[str, float] = {}
        limits: dict[str, float] = {}
        for cid in wanted:
            spec = self.registry.get(cid)
            if spec is None:
                results[cid] = errored(cid, _("unknown check"), cid)
                continue
            params = resolve(cid, spec.params, self.settings.get(cid))

            def work(spec: CheckSpec = spec, params: Mapping[str, Any] = params) -> None:
                inbox.put(run_one(spec, params))

            threading.Thread(target=work, name=f"check-{cid}", daemon=True).start()
            limits[cid] = self.limit(cid, params)
            pending[cid] = started + limits[cid]
        while pending:
            wait = max(0.0, min(pending.values()) - time.monotonic())
            try:
                got = inbox.get(timeout=wait)
            except queue.Empty:
                now = time.monotonic()
                for cid in [c for c, end in pending.items() if end <= now]:
                    del pending[cid]
                    self._record(results, _timed_out(cid, limits[cid], now - started))
                continue
            if got.id in pending:  # a late result after its timeout is dropped
                del pending[got.id]
                self._record(results, got)
        return {cid: results[cid] for cid in wanted}

    def _record(self, results: dict[str, CheckResult], result: CheckResult) -> None:
        results[result.id] = result
        if self.on_result is not None:
            self.on_result(result)


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
                out[cid] = skipped(cid, _("no result given"), _("not forced"))
            else:
                given = _("given in the answer file")
                out[cid] = CheckResult(cid, status, given, {}, 0.0)
        return out
