"""browser.versions: fake file systems, PATH, registry and plists; a real run on this machine."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from fixit.diagnostics.browser import (
    BrowserProbe,
    check_browser_versions,
    run_version,
    version_in,
)
from fixit.diagnostics.result import STATUSES, CheckResult
from tests.unit.diagnostics.said import said

CID = "browser.versions"
FIREFOX_INI = b"[App]\nVendor=Mozilla\nName=Firefox\nVersion=128.5.0esr\nBuildID=1\n[Gecko]\nMinVersion=128.5.0\n"


def fake(
    *,
    platform: str = "linux",
    path: dict[str, str] | None = None,
    links: dict[str, str] | None = None,
    files: dict[str, bytes] | None = None,
    outputs: dict[str, str | BaseException] | None = None,
    registry: dict[tuple[str, str, str], str] | None = None,
    ran: list[list[str]] | None = None,
) -> BrowserProbe:
    """A probe over dicts: PATH commands, symlinks, file contents, `--version` outputs, registry."""
    files = files or {}

    def read_bytes(name: str) -> bytes:
        if name not in files:
            raise FileNotFoundError(name)
        return files[name]

    def run(argv: list[str], timeout: float) -> str:
        assert timeout <= 2.0 and argv[1:] == ["--version"]
        if ran is not None:
            ran.append(argv)
        out = (outputs or {}).get(argv[0], FileNotFoundError(argv[0]))
        if isinstance(out, BaseException):
            raise out
        return out

    return BrowserProbe(
        platform=platform,
        which=(path or {}).get,
        realpath=lambda p: (links or {}).get(p, p),
        exists=lambda p: p in files,
        read_bytes=read_bytes,
        run=run,
        registry=lambda *key: (registry or {}).get(key),
        home=lambda: "/home/u",
    )


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status, result
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


def test_firefox_version_comes_from_application_ini_beside_the_real_binary() -> None:
    ran: list[list[str]] = []
    probe = fake(
        path={"firefox-esr": "/usr/bin/firefox-esr"},
        links={"/usr/bin/firefox-esr": "/usr/lib/firefox-esr/firefox-esr"},
        files={"/usr/lib/firefox-esr/application.ini": FIREFOX_INI},
        ran=ran,
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert result.data["browsers"] == [
        {
            "name": "Firefox",
            "version": "128.5.0esr",
            "path": "/usr/bin/firefox-esr",
            "source": "path",
        }
    ]
    assert said(result) == {"en": "Firefox 128.5", "fi": "Firefox 128.5"}
    assert ran == []


def test_chromium_falls_back_to_version_output_and_aliases_count_once() -> None:
    ran: list[list[str]] = []
    probe = fake(
        path={
            "chromium": "/usr/bin/chromium",
            "google-chrome": "/usr/bin/google-chrome",
            "google-chrome-stable": "/usr/bin/google-chrome-stable",
        },
        links={
            "/usr/bin/google-chrome": "/opt/google/chrome/google-chrome",
            "/usr/bin/google-chrome-stable": "/opt/google/chrome/google-chrome",
        },
        outputs={
            "/usr/bin/chromium": "Chromium 156.0.7871.100 built on Debian 12.8, running on Debian",
            "/usr/bin/google-chrome": "Google Chrome 157.0.1.2 \n",
        },
        ran=ran,
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "Chromium 156.0, Google Chrome 157.0"
    assert sorted(argv[0] for argv in ran) == ["/usr/bin/chromium", "/usr/bin/google-chrome"]
    assert [b["version"] for b in result.data["browsers"]] == ["156.0.7871.100", "157.0.1.2"]


def test_a_hanging_or_broken_binary_leaves_the_version_unknown() -> None:
    probe = fake(
        path={"opera": "/usr/bin/opera", "vivaldi": "/usr/bin/vivaldi"},
        outputs={
            "/usr/bin/opera": subprocess.TimeoutExpired(["opera"], 2.0),
            "/usr/bin/vivaldi": "no version here",
        },
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "Opera (version unknown), Vivaldi (version unknown)"
    assert result.text("fi") == "Opera (versio ei selvinnyt), Vivaldi (versio ei selvinnyt)"


def test_snaps_and_flatpaks_are_read_from_their_files_without_running() -> None:
    ran: list[list[str]] = []
    app = "/var/lib/flatpak/app/org.chromium.Chromium/current/active/files"
    user = "/home/u/.local/share/flatpak"
    probe = fake(
        path={"firefox": "/snap/bin/firefox", "chromium": "/snap/bin/chromium"},
        links={"/snap/bin/firefox": "/usr/bin/snap", "/snap/bin/chromium": "/usr/bin/snap"},
        files={
            "/snap/firefox/current/meta/snap.yaml": b"name: firefox\nversion: '133.0-2'\n",
            "/var/lib/flatpak/exports/bin/org.chromium.Chromium": b"#!/bin/sh\n",
            f"{app}/share/metainfo/org.chromium.Chromium.metainfo.xml": (
                b'<component><releases><release version="131.0.6778.85" date="x"/>'
                b'<release version="130.0"/></releases></component>'
            ),
            f"{user}/exports/bin/com.brave.Browser": b"#!/bin/sh\n",
        },
        ran=ran,
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    found = {(b["name"], b["source"]): b["version"] for b in result.data["browsers"]}
    assert found == {
        ("Firefox", "snap"): "133.0-2",
        ("Chromium", "flatpak"): "131.0.6778.85",
        ("Brave", "flatpak"): None,
    }
    assert ran == []
    assert result.text("en") == "Firefox 133.0, Chromium 131.0, Brave (version unknown)"


def test_the_same_browser_twice_with_one_unknown_version_is_shown_once() -> None:
    probe = fake(
        path={"chromium-browser": "/usr/bin/chromium-browser", "chromium": "/snap/bin/chromium"},
        files={"/snap/chromium/current/meta/snap.yaml": b"version: 131.0.1\n"},
        outputs={"/usr/bin/chromium-browser": subprocess.TimeoutExpired(["x"], 2.0)},
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert [b["path"] for b in result.data["browsers"]] == ["/snap/bin/chromium"]


def test_a_wrapper_script_and_the_real_binary_count_once() -> None:
    probe = fake(  # Debian: /usr/bin/firefox is a shell script that runs firefox-esr
        path={"firefox": "/usr/bin/firefox", "firefox-esr": "/usr/bin/firefox-esr"},
        links={"/usr/bin/firefox-esr": "/usr/lib/firefox-esr/firefox-esr"},
        files={"/usr/lib/firefox-esr/application.ini": b"[App]\nVersion=140.12.0\n"},
        outputs={"/usr/bin/firefox": "Mozilla Firefox 140.12.0esr\n"},
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert result.text("en") == "Firefox 140.12"
    assert len(result.data["browsers"]) == 1


def test_more_than_three_browsers_are_counted() -> None:
    names = ["firefox", "chromium", "opera", "vivaldi", "brave-browser"]
    probe = fake(
        path={n: f"/usr/bin/{n}" for n in names},
        outputs={f"/usr/bin/{n}": f"{n} 1{i}.2.3" for i, n in enumerate(names)},
    )
    result = check_browser_versions({}, probe)
    well_formed(result, "pass")
    assert result.text("en").endswith(" and 2 more")
    assert result.text("fi").endswith(" ja 2 muuta")
    assert len(result.data["browsers"]) == 5


def test_no_browser_warns() -> None:
    result = check_browser_versions({}, fake())
    well_formed(result, "warn")
    assert result.text("en") == "no web browser found"
    assert result.data == {"browsers": []}


def test_windows_reads_the_registry() -> None:
    registry = {
        ("HKLM", r"SOFTWARE\Mozilla\Mozilla Firefox", "CurrentVersion"): "128.5.0 (x64 en-US)",
        ("HKCU", r"Software\Microsoft\Edge\BLBeacon", "version"): "131.0.2903.86",
        (
            "HKLM",
            r"SOFTWARE\WOW6432Node\Google\Update\Clients\{8A69D345-D564-463c-AFF1-A69D9E530F96}",
            "pv",
        ): "131.0.6778.86",
    }
    result = check_browser_versions({}, fake(platform="win32", registry=registry))
    well_formed(result, "pass")
    assert result.text("en") == "Google Chrome 131.0, Microsoft Edge 131.0, Firefox 128.5"
    assert result.data["browsers"][2]["version"] == "128.5.0"


def test_macos_reads_info_plists() -> None:
    files = {
        "/Applications/Safari.app/Contents/Info.plist": plistlib.dumps(
            {"CFBundleShortVersionString": "18.1.1"}
        ),
        "/home/u/Applications/Firefox.app/Contents/Info.plist": b"not a plist",
    }
    result = check_browser_versions({}, fake(platform="darwin", files=files))
    well_formed(result, "pass")
    assert result.data["browsers"] == [
        {
            "name": "Safari",
            "version": "18.1.1",
            "path": "/Applications/Safari.app",
            "source": "app",
        },
        {
            "name": "Firefox",
            "version": None,
            "path": "/home/u/Applications/Firefox.app",
            "source": "app",
        },
    ]


def test_an_unsupported_platform_is_skipped() -> None:
    result = check_browser_versions({}, fake(platform="aix"))
    well_formed(result, "skipped")
    assert "aix" in str(result.reason)


def test_a_raising_probe_is_an_error() -> None:
    def broken(name: str) -> str | None:
        raise RuntimeError("PATH lookup exploded")

    probe = BrowserProbe(platform="linux", which=broken)
    result = check_browser_versions({}, probe)
    well_formed(result, "error")
    assert "PATH lookup exploded" in str(result.reason)


@pytest.mark.parametrize(
    ("path", "text", "version"),
    [
        ("x/application.ini", "[App]\nVersion=115.0\n", "115.0"),
        ("x/application.ini", "[Gecko]\nMinVersion=1.0\n", None),
        ("meta/snap.yaml", 'version: "120.1"\n', "120.1"),
        ("", "Mozilla Firefox 128.5.0esr\n", "128.5.0esr"),
        ("", "Vivaldi 6.5.3206.50 stable\n", "6.5.3206.50"),
        ("", "", None),
    ],
)
def test_version_in(path: str, text: str, version: str | None) -> None:
    assert version_in(path, text) == version


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "browser"
    path.write_text(f"#!{sys.executable}\n{body}\n")
    path.chmod(0o755)
    return str(path)


def test_run_version_reads_real_output(tmp_path: Path) -> None:
    argv = [script(tmp_path, "import sys; print('Fake Browser 1.2.3', sys.argv[1:])"), "--version"]
    assert "Fake Browser 1.2.3" in run_version(argv, 2.0)


def test_run_version_kills_a_hanging_binary_and_its_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    body = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)"
    )
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        run_version([script(tmp_path, body), "--version"], 1.0)
    assert time.monotonic() - started < 5
    assert child_state(int(pid_file.read_text())) in ("gone", psutil.STATUS_ZOMBIE)


def child_state(pid: int) -> str:
    """'gone', or the process state once it has left 'running'/'sleeping' (within 3 s)."""
    deadline = time.monotonic() + 3
    while True:
        try:
            state = str(psutil.Process(pid).status())
        except psutil.NoSuchProcess:
            return "gone"
        if state == psutil.STATUS_ZOMBIE or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def test_run_version_does_not_read_stdin(tmp_path: Path) -> None:
    argv = [script(tmp_path, "import sys; print(repr(sys.stdin.read()))"), "--version"]
    assert run_version(argv, 2.0).strip() == "''"


def test_the_real_path_search_ignores_relative_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script(tmp_path, "print('planted')")
    (tmp_path / "browser").rename(tmp_path / "vivaldi")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", "/nonexistent"]))
    assert BrowserProbe().which("vivaldi") is None
    monkeypatch.setenv("PATH", str(tmp_path))
    assert BrowserProbe().which("vivaldi") == str(tmp_path / "vivaldi")


def test_browser_versions_on_this_machine() -> None:
    from fixit.diagnostics.registry import CHECKS
    from fixit.diagnostics.runner import ThreadRunner

    result = ThreadRunner().run([CID])[CID]
    assert result.status in STATUSES and result.status in ("pass", "warn"), str(result.reason)
    well_formed(result, result.status)
    assert result.duration < CHECKS[CID].timeout
