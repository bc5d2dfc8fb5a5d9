"""The runner and the registry (RELIABILITY policy 7): isolated, bounded, never a crash."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from typing import Any

import pytest

from fixit.diagnostics.registry import CHECKS, CheckSpec
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import ForcedRunner, ThreadRunner
from fixit.params import Param, ParamError, resolve
from tests.unit.diagnostics.said import say

SPEC_IDS = {
    "system.info",
    "power.battery",
    "cpu.load",
    "memory.usage",
    "disk.space",
    "network.interfaces",
    "network.gateway",
    "network.dns",
    "network.internet",
    "network.proxy",
    "time.skew",
    "display.outputs",
    "browser.versions",
    "process.top",
    "service.url",
}


def spec(func: Any, timeout: float = 0.3, *params: Param, platforms: Any = None) -> CheckSpec:
    return CheckSpec(
        "x.test",
        say("X", "X"),
        say("X", "X"),
        func,
        timeout,
        platforms or ("linux", "win32", "darwin"),
        params,
    )


def run(s: CheckSpec, **kw: Any) -> CheckResult:
    return ThreadRunner(registry={"x.test": s}, **kw).run(["x.test"])["x.test"]


def test_the_registry_holds_every_spec_check_with_texts_in_both_languages() -> None:
    assert set(CHECKS) == SPEC_IDS
    for cid, s in CHECKS.items():
        assert s.id == cid and s.timeout > 0
        for text in (s.title, s.about):
            assert text.render("en").strip() and text.render("fi").strip()
        defaults = {p.name: p.default for p in s.params}
        assert resolve(cid, s.params, None) == {**defaults, "enabled": True}


def test_a_raising_check_is_an_error_result() -> None:
    def boom(params: Any) -> CheckResult:
        raise RuntimeError("sensor missing")

    r = run(spec(boom))
    assert r.status == "error" and "sensor missing" in str(r.reason)
    assert r.text("en") and r.text("fi")


def test_a_hanging_check_times_out_and_does_not_hold_the_process() -> None:
    def hang(params: Any) -> CheckResult:
        time.sleep(30)
        raise AssertionError("unreachable")

    started = time.monotonic()
    r = run(spec(hang))
    assert time.monotonic() - started < 1.0
    assert r.status == "error" and str(r.reason) == "timed out"
    stuck = [t for t in threading.enumerate() if t.name == "check-x.test"]
    assert stuck and all(t.daemon for t in stuck)


def test_the_overall_deadline_cuts_a_longer_check_timeout() -> None:
    def hang(params: Any) -> CheckResult:
        time.sleep(30)
        raise AssertionError("unreachable")

    started = time.monotonic()
    r = run(spec(hang, 20.0), deadline=0.2)
    assert time.monotonic() - started < 0.8
    assert r.status == "error" and "0.2" in r.text("en")


def test_checks_run_in_parallel_and_report_progress_as_they_finish() -> None:
    def slow(params: Mapping[str, Any]) -> CheckResult:
        time.sleep(0.3)
        return CheckResult("x", "pass", say("ok", "ok"))

    registry = {
        f"x.{i}": CheckSpec(f"x.{i}", say("X", "X"), say("X", "X"), slow, 2.0) for i in range(5)
    }
    seen: list[str] = []
    started = time.monotonic()
    results = ThreadRunner(registry=registry, on_result=lambda r: seen.append(r.id)).run(registry)
    assert time.monotonic() - started < 1.2  # five 0.3 s checks, not 1.5 s in a row
    assert sorted(seen) == sorted(registry)
    assert all(r.status == "pass" and r.id == cid for cid, r in results.items())


def test_settings_reach_the_check_validated_and_merged_with_defaults() -> None:
    got: dict[str, Any] = {}

    def record(params: Mapping[str, Any]) -> CheckResult:
        got.update(params)
        return CheckResult("x.test", "pass", say("ok", "ok"))

    s = spec(record, 1.0, Param("limit", "float", 5.0, 0, 10), Param("name", "str", "a"))
    run(s, settings={"x.test": {"limit": "7.5"}})
    assert got == {"limit": 7.5, "name": "a", "enabled": True}


def test_unsupported_platform_is_skipped_with_a_reason() -> None:
    r = run(spec(lambda p: CheckResult("x.test", "pass", say("", "")), platforms=("plan9",)))
    assert r.status == "skipped" and "plan9" in str(r.reason)


def test_unknown_and_forced() -> None:
    assert ThreadRunner().run(["nope"])["nope"].status == "error"
    forced = ForcedRunner({"network.internet": "fail"}).run(["network.internet", "power.battery"])
    assert forced["network.internet"].status == "fail"
    assert forced["power.battery"].status == "skipped"


def test_result_json_round_trips_and_reads_old_string_summaries() -> None:
    r = CheckResult("disk.space", "warn", say("low", "vähissä"), {"free": 1}, 0.1234, "")
    assert CheckResult.from_json(json.loads(json.dumps(r.to_json()))) == CheckResult(
        "disk.space", "warn", say("low", "vähissä"), {"free": 1}, 0.123, ""
    )
    old = CheckResult.from_json({"id": "a.b", "status": "bogus", "summary": "eth0 down"})
    assert old.status == "error" and old.text("fi") == "eth0 down"
    assert set(STATUSES) == {"pass", "warn", "fail", "error", "skipped"}


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        (Param("n", "float", 1.0, 0, 10), "x", "must be a number"),
        (Param("n", "float", 1.0, 0, 10), 11, "at most 10"),
        (Param("n", "int", 1, 1, 10), 0, "at least 1"),
        (Param("u", "url", ""), "ftp://example.fi/", "http:// or https://"),
        (Param("u", "urls", ()), [], "non-empty list"),
        (Param("u", "urls", ()), ["https://ok.fi/", "nope"], "checks.x.test.u[1]"),
        (Param("b", "bool", True), "maybe", "true or false"),
        (Param("s", "strs", ()), [1], "list of text"),
    ],
)
def test_bad_parameters_name_the_key_path(param: Param, value: Any, message: str) -> None:
    with pytest.raises(ParamError) as err:
        resolve("x.test", (param,), {param.name: value})
    assert message in str(err.value)


def test_an_unknown_setting_lists_the_known_ones() -> None:
    with pytest.raises(ParamError, match=r"checks.network.dns.nmes is not a setting .*names"):
        resolve("network.dns", CHECKS["network.dns"].params, {"nmes": ["a"]})


def test_a_longer_configured_timeout_widens_the_checks_limit() -> None:
    s = spec(
        lambda p: CheckResult("x.test", "pass", say("", "")), 1.0, Param("timeout", "float", 0.5)
    )
    runner = ThreadRunner(registry={"x.test": s})
    assert runner.limit("x.test", {"timeout": 0.5}) == 1.0
    assert runner.limit("x.test", {"timeout": 4.0}) == 4.5
    assert ThreadRunner(registry={"x.test": s}, deadline=2.0).limit("x.test", {"timeout": 4}) == 2.0


def test_a_check_turned_off_in_the_configuration_is_skipped_without_running() -> None:
    ran: list[bool] = []

    def record(params: Mapping[str, Any]) -> CheckResult:
        ran.append(True)
        return CheckResult("x.test", "pass", say("ok", "ok"))

    r = run(spec(record), settings={"x.test": {"enabled": "false"}})
    assert r.status == "skipped" and str(r.reason) == "checks.x.test.enabled is false" and not ran
