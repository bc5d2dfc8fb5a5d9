"""display.outputs: DRM connectors read from a fake sysfs, every status, and a real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixit.diagnostics import display
from fixit.diagnostics.display import (
    Connector,
    DisplayProbe,
    check_display_outputs,
    kind_of,
    read_drm,
)
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import ThreadRunner

CID = "display.outputs"


def run(*connectors: Connector, platform: str = "linux") -> CheckResult:
    probe = DisplayProbe(platform=platform, connectors=lambda: list(connectors))
    return check_display_outputs({}, probe)


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


def sysfs(root: Path, entry: str, status: str, enabled: str = "", modes: str = "") -> None:
    folder = root / entry
    folder.mkdir(parents=True)
    (folder / "status").write_text(status + "\n")
    if enabled:
        (folder / "enabled").write_text(enabled + "\n")
    (folder / "modes").write_text(modes)


def test_read_drm_parses_connector_folders(tmp_path: Path) -> None:
    sysfs(tmp_path, "card0-eDP-1", "connected", "enabled", "2560x1600\n1920x1200\n")
    sysfs(tmp_path, "card0-HDMI-A-1", "disconnected", "disabled")
    sysfs(tmp_path, "card0-Writeback-1", "unknown")
    (tmp_path / "card0").mkdir()
    (tmp_path / "version").write_text("drm 1.1.0\n")
    found = {c.name: c for c in read_drm(str(tmp_path))}
    assert set(found) == {"eDP-1", "HDMI-A-1"}
    assert found["eDP-1"] == Connector("eDP-1", "connected", "card0", True, "2560x1600", True)
    assert found["HDMI-A-1"].status == "disconnected" and found["HDMI-A-1"].enabled is False
    assert not found["HDMI-A-1"].internal and found["HDMI-A-1"].mode == ""


def test_read_drm_tolerates_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "card1-DP-3").mkdir()
    assert read_drm(str(tmp_path)) == [Connector("DP-3", "unknown", "card1")]
    assert read_drm(str(tmp_path / "missing")) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [("HDMI-A-1", "HDMI"), ("DP-2", "DisplayPort"), ("eDP-1", "eDP"), ("DVI-D-1", "DVI")],
)
def test_connector_kinds(name: str, kind: str) -> None:
    assert kind_of(name) == kind


def test_a_connected_screen_passes() -> None:
    result = run(
        Connector("eDP-1", "connected", "card0", True, "1920x1080", True),
        Connector("HDMI-A-1", "disconnected", "card0", False),
    )
    well_formed(result, "pass")
    assert "eDP-1" in result.text("en") and "built-in" in result.text("en")
    assert "nothing on HDMI-A-1" in result.text("en")
    assert "ei näyttöä: HDMI-A-1" in result.text("fi")
    hdmi = result.data["connectors"][1]
    assert hdmi == {
        "name": "HDMI-A-1",
        "card": "card0",
        "type": "HDMI",
        "status": "disconnected",
        "enabled": False,
        "mode": "",
        "internal": False,
        "screen": "",
    }


def test_several_screens_are_counted() -> None:
    result = run(
        Connector("DP-1", "connected", mode="2560x1440"),
        Connector("HDMI-A-1", "connected", enabled=False),
    )
    well_formed(result, "pass")
    assert result.text("en").startswith("2 screens: DP-1 (2560x1440)")
    assert "HDMI-A-1 (not in use)" in result.text("en")
    assert result.text("fi").startswith("2 näyttöä:")


def test_no_screen_on_any_connector_fails() -> None:
    result = run(Connector("HDMI-A-1", "disconnected"), Connector("DP-1", "disconnected"))
    well_formed(result, "fail")
    assert result.text("en") == "no screen connected to HDMI-A-1 or DP-1"
    assert result.text("fi") == "näyttöä ei ole kytketty liitäntään HDMI-A-1 tai DP-1"


def test_many_empty_connectors_are_shortened() -> None:
    result = run(*(Connector(f"DP-{n}", "disconnected") for n in range(1, 7)))
    well_formed(result, "fail")
    assert result.text("en") == "no screen connected to DP-1, DP-2 or 4 more"
    assert len(result.data["connectors"]) == 6


def test_a_driver_that_cannot_tell_warns() -> None:
    result = run(Connector("DP-1", "unknown"), Connector("DP-2", "disconnected"))
    well_formed(result, "warn")


def test_no_connectors_is_skipped() -> None:
    well_formed(run(), "skipped")


def test_a_raising_probe_is_an_error() -> None:
    def broken() -> list[Connector]:
        raise PermissionError("denied: /sys/class/drm")

    result = check_display_outputs({}, DisplayProbe("linux", broken))
    well_formed(result, "error")
    assert "PermissionError" in str(result.reason)


def test_an_unsupported_platform_is_skipped() -> None:
    result = check_display_outputs({}, DisplayProbe(platform="sunos5"))
    well_formed(result, "skipped")
    assert "sunos5" in str(result.reason)


def test_the_native_readers_are_chosen_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(display, "read_windows", lambda: [Connector("DISPLAY1", "connected")])
    monkeypatch.setattr(display, "read_macos", lambda: [])
    well_formed(check_display_outputs({}, DisplayProbe(platform="win32")), "pass")
    well_formed(check_display_outputs({}, DisplayProbe(platform="darwin")), "skipped")


def test_the_windows_reader_refuses_elsewhere() -> None:
    result = check_display_outputs({}, DisplayProbe("win32", display.read_windows))
    well_formed(result, "error")


def test_display_outputs_on_this_machine() -> None:
    result = ThreadRunner().run([CID])[CID]
    assert result.status in STATUSES and result.status != "error", str(result.reason)
    well_formed(result, result.status)
    assert result.duration < CHECKS[CID].timeout
