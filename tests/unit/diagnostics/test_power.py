"""power.battery with fake probes and psutil stand-ins, and once for real on this machine."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from fixit.diagnostics.power import (
    Battery,
    BatteryProbe,
    battery_from_psutil,
    check_battery,
    real_battery_probe,
)
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

PARAMS = {"warn_percent": 20.0, "fail_percent": 5.0}
UNLIMITED, UNKNOWN = psutil.POWER_TIME_UNLIMITED, psutil.POWER_TIME_UNKNOWN


def well_formed(r: CheckResult, status: str) -> CheckResult:
    assert r.status == status, r
    assert r.text("en") and r.text("fi")
    if status in ("error", "skipped"):
        assert str(r.reason)
    json.dumps(r.to_json())
    return r


def probe(percent: float, plugged: bool | None, secsleft: int | None = None) -> BatteryProbe:
    return BatteryProbe(lambda: Battery(percent, plugged, secsleft))


def raising(exc: BaseException) -> Callable[[], Any]:
    def read() -> Any:
        raise exc

    return read


@pytest.mark.parametrize(
    ("battery", "status", "en", "fi"),
    [
        (
            probe(80, True),
            "pass",
            "charger plugged in, battery 80%",
            "laturi kytketty, akun varaus 80 %",
        ),
        (
            probe(3, True),
            "pass",
            "charger plugged in, battery 3%",
            "laturi kytketty, akun varaus 3 %",
        ),
        (
            probe(100, True),
            "pass",
            "charger plugged in, battery full",
            "laturi kytketty, akku täynnä",
        ),
        (
            probe(55, False, 7800),
            "pass",
            "on battery, 55% left (about 2 h 10 min)",
            "akkuvirralla, 55 % jäljellä (noin 2 h 10 min)",
        ),
        (
            probe(18, False, 1500),
            "warn",
            "on battery, 18% left (about 25 min): plug in the charger soon",
            "akkuvirralla, 18 % jäljellä (noin 25 min): kytke laturi pian",
        ),
        (
            probe(4, False),
            "fail",
            "on battery, only 4% left: plug in the charger now",
            "akkuvirralla, vain 4 % jäljellä: kytke laturi heti",
        ),
        (
            probe(60, None),
            "pass",
            "battery 60%, charger state unknown",
            "akun varaus 60 %, laturin tilaa ei tiedetä",
        ),
        (
            probe(4, None),
            "warn",
            "battery low: 4%, charger state unknown",
            "akku vähissä: 4 %, laturin tilaa ei tiedetä",
        ),
    ],
)
def test_battery_states(battery: BatteryProbe, status: str, en: str, fi: str) -> None:
    r = well_formed(check_battery(PARAMS, battery), status)
    assert said(r) == {"en": en, "fi": fi}


def test_battery_data_has_seconds_left_only_when_known() -> None:
    known = check_battery(PARAMS, probe(55, False, 7800))
    assert known.data == {"percent": 55.0, "plugged": False, "secsleft": 7800}
    unknown = check_battery(PARAMS, probe(55, False))
    assert "secsleft" not in unknown.data


def test_thresholds_come_from_params() -> None:
    well_formed(
        check_battery({"warn_percent": 60.0, "fail_percent": 50.0}, probe(55, False)), "warn"
    )
    well_formed(
        check_battery({"warn_percent": 60.0, "fail_percent": 56.0}, probe(55, False)), "fail"
    )


@pytest.mark.parametrize(
    "read",
    [lambda: None, raising(AttributeError("sensors_battery")), raising(NotImplementedError())],
)
def test_no_battery_is_skipped(read: Callable[[], Any]) -> None:
    r = well_formed(check_battery(PARAMS, BatteryProbe(read)), "skipped")
    assert r.text("en").startswith("no battery")


@pytest.mark.parametrize(
    "exc",
    [
        psutil.AccessDenied(),
        psutil.NoSuchProcess(1),
        PermissionError(13, "denied"),
        OSError("EIO"),
        RuntimeError("x"),
    ],
)
def test_unreadable_battery_is_an_error(exc: BaseException) -> None:
    r = well_formed(check_battery(PARAMS, BatteryProbe(raising(exc))), "error")
    assert exc.__class__.__name__ in str(r.reason) and exc.__class__.__name__ in r.text("en")


def test_psutil_time_sentinels_become_unknown() -> None:
    def raw(secs: Any, plugged: Any = False, percent: Any = 50.0) -> Any:
        return SimpleNamespace(percent=percent, secsleft=secs, power_plugged=plugged)

    assert battery_from_psutil(None, UNLIMITED, UNKNOWN) is None
    assert battery_from_psutil(raw(60, percent=None), UNLIMITED, UNKNOWN) is None
    assert battery_from_psutil(raw(UNLIMITED, True), UNLIMITED, UNKNOWN) == Battery(
        50.0, True, None
    )
    assert battery_from_psutil(raw(UNKNOWN), UNLIMITED, UNKNOWN) == Battery(50.0, False, None)
    assert battery_from_psutil(raw(-5), UNLIMITED, UNKNOWN) == Battery(50.0, False, None)
    assert battery_from_psutil(raw(600.0, None), UNLIMITED, UNKNOWN) == Battery(50.0, None, 600)
    assert battery_from_psutil(raw(600, percent=100.4), UNLIMITED, UNKNOWN) == Battery(
        100.0, False, 600
    )


def test_real_probe_reads_psutil(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(percent=12, secsleft=UNLIMITED, power_plugged=True)
    monkeypatch.setattr(psutil, "sensors_battery", lambda: fake)
    r = well_formed(check_battery(PARAMS, real_battery_probe()), "pass")
    assert r.data == {"percent": 12.0, "plugged": True}


def test_real_probe_without_the_psutil_sensor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(psutil, "sensors_battery")
    well_formed(check_battery(PARAMS), "skipped")


def test_unsupported_platform_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "sunos5")
    r = well_formed(check_battery(PARAMS, probe(50, False)), "skipped")
    assert "sunos5" in str(r.reason)


def test_on_this_machine() -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    r = ThreadRunner().run(["power.battery"])["power.battery"]
    assert r.id == "power.battery" and r.status in STATUSES
    assert r.text("en") and r.text("fi")
    json.dumps(r.to_json())
    assert r.duration < CHECKS["power.battery"].timeout
