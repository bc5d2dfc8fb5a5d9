"""Battery and power: power.battery (charge, and whether the charger is plugged in)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from fixit.diagnostics import skip_reasons
from fixit.diagnostics.result import CheckResult, errored, not_here, skipped
from fixit.i18n import N_, Msg, _

CID = "power.battery"
PLATFORMS = ("linux", "win32", "darwin")
NO_BATTERY = N_("no battery: a desktop, a virtual machine or the sensor is not readable")


class Battery(NamedTuple):
    """Charge in percent, charger plugged in (None: cannot tell), seconds left when known."""

    percent: float
    plugged: bool | None
    secsleft: int | None


class BatteryProbe(NamedTuple):
    """What power.battery reads: the battery, or None when the machine has none."""

    read: Callable[[], Battery | None]


def battery_from_psutil(raw: Any, unlimited: int, unknown: int) -> Battery | None:
    """Turn psutil's `sensors_battery()` answer into a Battery; its time sentinels become None."""
    if raw is None or raw.percent is None:
        return None
    secs = raw.secsleft
    known = isinstance(secs, (int, float)) and secs not in (unlimited, unknown) and secs >= 0
    plugged = raw.power_plugged if isinstance(raw.power_plugged, bool) else None
    percent = min(100.0, max(0.0, float(raw.percent)))
    return Battery(percent, plugged, int(secs) if known else None)


def real_battery_probe() -> BatteryProbe:
    """The battery as psutil sees it."""
    import psutil

    def read() -> Battery | None:
        return battery_from_psutil(
            psutil.sensors_battery(), psutil.POWER_TIME_UNLIMITED, psutil.POWER_TIME_UNKNOWN
        )

    return BatteryProbe(read)


def _time_left(secs: int | None) -> str:
    """'2 h 10 min' (the same in every language), or '' when unknown."""
    if secs is None:
        return ""
    hours, minutes = divmod(secs // 60, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def _grade(bat: Battery, params: Mapping[str, Any]) -> str:
    if bat.plugged:
        return "pass"
    if bat.percent < params["fail_percent"]:
        # Without knowing whether the charger is in, a low charge is worth a warning only.
        return "warn" if bat.plugged is None else "fail"
    return "warn" if bat.percent < params["warn_percent"] else "pass"


def _summary(bat: Battery, status: str) -> Msg:
    pct = f"{bat.percent:.0f}"
    if bat.plugged:
        if bat.percent >= 99.5:
            return _("charger plugged in, battery full")
        return _("charger plugged in, battery {pct}%", pct=pct)
    if bat.plugged is None:
        if status != "pass":
            return _("battery low: {pct}%, charger state unknown", pct=pct)
        return _("battery {pct}%, charger state unknown", pct=pct)
    left = _time_left(bat.secsleft)
    if status == "fail":
        if left:
            return _(
                "on battery, only {pct}% left (about {left}): plug in the charger now",
                pct=pct,
                left=left,
            )
        return _("on battery, only {pct}% left: plug in the charger now", pct=pct)
    if status == "warn":
        if left:
            return _(
                "on battery, {pct}% left (about {left}): plug in the charger soon",
                pct=pct,
                left=left,
            )
        return _("on battery, {pct}% left: plug in the charger soon", pct=pct)
    if left:
        return _("on battery, {pct}% left (about {left})", pct=pct, left=left)
    return _("on battery, {pct}% left", pct=pct)


def check_battery(params: Mapping[str, Any], probe: BatteryProbe | None = None) -> CheckResult:
    """Battery charge and charger: fail when nearly empty on battery, warn when low."""
    import psutil

    started = time.monotonic()
    elsewhere = not_here(CID, PLATFORMS)
    if elsewhere is not None:
        return elsewhere
    try:
        bat = (probe or real_battery_probe()).read()
    except (NotImplementedError, AttributeError) as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:276]
        reason = _(skip_reasons.NO_BATTERY_SENSOR, error=error)
        return skipped(CID, _(NO_BATTERY), reason, time.monotonic() - started)
    except (psutil.Error, OSError, RuntimeError, ValueError, TypeError) as exc:
        name = exc.__class__.__name__
        summary = _("could not read the battery ({name})", name=name)
        return errored(CID, summary, f"{name}: {exc}"[:300], time.monotonic() - started)
    if bat is None:
        reason = _(skip_reasons.NO_BATTERY_FOUND)
        return skipped(CID, _(NO_BATTERY), reason, time.monotonic() - started)
    status = _grade(bat, params)
    data: dict[str, Any] = {"percent": round(bat.percent, 1), "plugged": bat.plugged}
    if bat.secsleft is not None:
        data["secsleft"] = bat.secsleft
    return CheckResult(CID, status, _summary(bat, status), data, time.monotonic() - started)
