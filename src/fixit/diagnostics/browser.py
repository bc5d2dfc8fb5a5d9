"""Installed web browsers and their versions: read from files, run only as a last resort."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fixit.diagnostics.result import CheckResult, errored, skipped, verbatim
from fixit.i18n import Msg, _
from fixit.i18n.format import series

CID = "browser.versions"
RUN_TIMEOUT = 2.0
TEXT_MAX = 200
SHOWN = 3
BROWSERS = (  # name, commands on Linux, flatpak application id
    ("Firefox", ("firefox", "firefox-esr"), "org.mozilla.firefox"),
    ("Chromium", ("chromium", "chromium-browser"), "org.chromium.Chromium"),
    ("Google Chrome", ("google-chrome", "google-chrome-stable"), "com.google.Chrome"),
    ("Microsoft Edge", ("microsoft-edge", "microsoft-edge-stable"), "com.microsoft.Edge"),
    ("Brave", ("brave-browser",), "com.brave.Browser"),
    ("Opera", ("opera",), "com.opera.Opera"),
    ("Vivaldi", ("vivaldi",), "com.vivaldi.Vivaldi"),
)
FLATPAK_ROOTS = ("/var/lib/flatpak", "~/.local/share/flatpak")
SNAP_BIN = "/snap/bin"
GOOGLE_UPDATE = r"SOFTWARE\WOW6432Node\Google\Update\Clients\{8A69D345-D564-463c-AFF1-A69D9E530F96}"
EDGE_UPDATE = r"SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients"
EDGE_ID = "{56EB18F8-B008-4CBD-B6D2-8C97FE7E9062}"
WINDOWS = (  # (name, hive, key, value): the first that answers wins for each browser
    ("Google Chrome", "HKCU", r"Software\Google\Chrome\BLBeacon", "version"),
    ("Google Chrome", "HKLM", GOOGLE_UPDATE, "pv"),
    ("Microsoft Edge", "HKCU", r"Software\Microsoft\Edge\BLBeacon", "version"),
    ("Microsoft Edge", "HKLM", EDGE_UPDATE + "\\" + EDGE_ID, "pv"),
    ("Firefox", "HKLM", r"SOFTWARE\Mozilla\Mozilla Firefox", "CurrentVersion"),
    ("Firefox", "HKLM", r"SOFTWARE\WOW6432Node\Mozilla\Mozilla Firefox", "CurrentVersion"),
    ("Firefox", "HKCU", r"Software\Mozilla\Mozilla Firefox", "CurrentVersion"),
    ("Brave", "HKCU", r"Software\BraveSoftware\Brave-Browser\BLBeacon", "version"),
    ("Chromium", "HKCU", r"Software\Chromium\BLBeacon", "version"),
)
# Application bundles in /Applications, also the names shown.
MACOS = "Safari|Firefox|Google Chrome|Chromium|Microsoft Edge|Brave Browser|Opera|Vivaldi"
VERSION = re.compile(r"\d+(?:\.\d+)+[a-z]*\d*")


def run_version(argv: list[str], timeout: float) -> str:
    """Run `argv` (no shell, no stdin) and return its output; its whole process group dies late."""
    import signal
    import subprocess

    with subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        try:
            out, _err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if sys.platform == "win32":
                proc.kill()
            else:  # a wrapper script's children may hold the pipe open: kill the whole group
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=1.0)
            raise
    return out[:4096].decode("utf-8", "replace")


def read_registry(hive: str, key: str, value: str) -> str | None:
    """One string value from the Windows registry, or None."""
    if sys.platform != "win32":
        return None
    import winreg

    root = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[hive]
    try:
        with winreg.OpenKey(root, key) as handle:
            found, _kind = winreg.QueryValueEx(handle, value)
    except OSError:
        return None
    return str(found)


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read(1024 * 1024)


def _which(name: str) -> str | None:
    import shutil

    # Only absolute folders: an empty or "." entry would run a "firefox" from the current folder.
    dirs = [d for d in os.environ.get("PATH", os.defpath).split(os.pathsep) if os.path.isabs(d)]
    return shutil.which(name, path=os.pathsep.join([*dirs, SNAP_BIN]))


@dataclass(frozen=True)
class BrowserProbe:
    """What the check reads: files, PATH, the registry, and `--version` as a last resort."""

    platform: str = field(default_factory=lambda: sys.platform)
    which: Callable[[str], str | None] = _which
    realpath: Callable[[str], str] = os.path.realpath
    exists: Callable[[str], bool] = os.path.exists
    read_bytes: Callable[[str], bytes] = _read_bytes
    run: Callable[[list[str], float], str] = run_version
    registry: Callable[[str, str, str], str | None] = read_registry
    home: Callable[[], str] = lambda: os.path.expanduser("~")


@dataclass
class Found:
    """A browser found: its name, version (None when unknown), path and where it came from."""

    name: str
    path: str
    source: str
    version: str | None = None
    files: tuple[str, ...] = ()  # files that may hold the version, tried in order

    def as_data(self) -> dict[str, Any]:
        """A JSON-safe dict: name, version, path, source."""
        return {k: v for k, v in vars(self).items() if k != "files"}


def version_in(path: str, text: str) -> str | None:
    """The version in application.ini, snap.yaml, metainfo XML or `--version` output."""
    if path.endswith("application.ini"):
        match = re.search(r"^Version=(\S+)", text, re.MULTILINE)
    elif path.endswith("snap.yaml"):
        match = re.search(r"^version:\s*['\"]?([^'\"\s]+)", text, re.MULTILINE)
    elif path.endswith(".xml"):
        match = re.search(r"<release\b[^>]*\bversion=\"([^\"]+)\"", text)
    else:
        match = VERSION.search(text)
    if match is None:
        return None
    return (match.group(1) if match.groups() else match.group(0))[:64]


def on_path(probe: BrowserProbe) -> list[Found]:
    """Browsers on PATH and in /snap/bin, one per real binary."""
    found: list[Found] = []
    seen: set[str] = set()
    for name, command in ((n, c) for n, cs, _app in BROWSERS for c in cs):
        path = probe.which(command)
        if not path:
            continue
        path = path[:TEXT_MAX]
        if path.startswith(SNAP_BIN + "/"):  # every snap command links to /usr/bin/snap
            key = os.path.basename(path)
            item = Found(name, path, "snap", files=(f"/snap/{key}/current/meta/snap.yaml",))
        else:
            key = probe.realpath(path)
            item = Found(name, path, "path", files=(f"{os.path.dirname(key)}/application.ini",))
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found


def flatpaks(probe: BrowserProbe) -> list[Found]:
    """Browsers installed as flatpaks, system-wide or for this user."""
    found = []
    for root in FLATPAK_ROOTS:
        root = root.replace("~", probe.home(), 1)
        for name, _commands, app in BROWSERS:
            export = f"{root}/exports/bin/{app}"
            if not probe.exists(export):
                continue
            files = f"{root}/app/{app}/current/active/files"
            candidates = (
                f"{files}/lib/firefox/application.ini",
                f"{files}/share/metainfo/{app}.metainfo.xml",
                f"{files}/share/appdata/{app}.appdata.xml",
            )
            found.append(Found(name, export, "flatpak", files=candidates))
    return found


def _ask(probe: BrowserProbe, item: Found) -> None:
    try:
        out = probe.run([item.path, "--version"], RUN_TIMEOUT)
    except Exception:  # timed out, not executable, gone: the version stays unknown
        return
    item.version = version_in("", out)


def resolve(probe: BrowserProbe, items: list[Found]) -> list[Found]:
    """Fill in versions from files; run `--version` (in parallel) only for the rest on PATH."""
    unknown = []
    for item in items:
        for path in item.files:
            with contextlib.suppress(OSError):  # a missing file: try the next
                item.version = version_in(path, probe.read_bytes(path).decode("utf-8", "replace"))
            if item.version:
                break
        if item.version is None and item.source == "path":
            unknown.append(item)
    if len(unknown) == 1:
        _ask(probe, unknown[0])
    elif unknown:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(8, len(unknown))) as pool:
            list(pool.map(lambda item: _ask(probe, item), unknown))
    return dedupe(items)


def dedupe(items: list[Found]) -> list[Found]:
    """One entry per browser and version; an unknown version only when no other is known."""
    known = {i.name for i in items if i.version}
    out, seen = [], set()
    for item in items:  # a wrapper's `--version` may say "128.5.0esr" where a file says "128.5.0"
        key = (item.name, re.sub(r"[^\d.].*", "", item.version or ""))
        if key in seen or (not item.version and item.name in known):
            continue
        seen.add(key)
        out.append(item)
    return out


def on_linux(probe: BrowserProbe) -> list[Found]:
    """Browsers on PATH, snaps and flatpaks, with versions."""
    return resolve(probe, on_path(probe) + flatpaks(probe))


def on_windows(probe: BrowserProbe) -> list[Found]:
    """Browsers whose version the registry records."""
    found: list[Found] = []
    for name, hive, key, value in WINDOWS:
        if any(f.name == name for f in found):
            continue
        raw = probe.registry(hive, key, value)
        if raw:  # Firefox says "128.5.0 (x64 en-US)"
            found.append(Found(name, f"{hive}\\{key}", "registry", raw.split(" (")[0][:64] or None))
    return found


def on_macos(probe: BrowserProbe) -> list[Found]:
    """Browsers in /Applications or ~/Applications, versions from their Info.plist."""
    import plistlib

    found = []
    for name in MACOS.split("|"):
        for folder in ("/Applications", os.path.join(probe.home(), "Applications")):
            app = f"{folder}/{name}.app"
            try:
                raw = probe.read_bytes(f"{app}/Contents/Info.plist")
            except OSError:
                continue
            try:
                version = str(plistlib.loads(raw).get("CFBundleShortVersionString") or "")[:64]
            except Exception:  # a damaged plist: the browser is there, its version unknown
                version = ""
            found.append(Found(name, app, "app", version or None))
            break
    return found


def _short(version: str) -> str:
    match = re.match(r"\d+(?:\.\d+)?", version)
    return match.group(0) if match else version[:20]


def _label(item: Found) -> Msg:
    if item.version:
        return verbatim(f"{item.name} {_short(item.version)}")
    return _("{browser} (version unknown)", browser=item.name)


def _summary(items: list[Found]) -> Msg:
    more = len(items) - SHOWN
    shown = series([_label(i) for i in items[:SHOWN]])
    return _("{browsers} and {n} more", browsers=shown, n=more) if more > 0 else shown


def _finder(platform: str) -> Callable[[BrowserProbe], list[Found]] | None:
    if platform.startswith("linux"):
        return on_linux
    return {"win32": on_windows, "darwin": on_macos}.get(platform)


def check_browser_versions(
    params: Mapping[str, Any], probe: BrowserProbe | None = None
) -> CheckResult:
    """Which web browsers are installed, and their versions."""
    started = time.monotonic()
    probe = probe or BrowserProbe()
    finder = _finder(probe.platform)
    if finder is None:
        return skipped(
            CID,
            _("not available on this system"),
            _("no way to find web browsers on {platform}", platform=probe.platform),
        )
    try:
        items = finder(probe)
    except Exception as exc:  # a failing probe is a result, never a crash
        return errored(
            CID,
            _("could not look for web browsers"),
            f"{exc.__class__.__name__}: {exc}"[:500],
            time.monotonic() - started,
        )
    data = {"browsers": [item.as_data() for item in items]}
    if not items:
        summary = _("no web browser found")
        return CheckResult(CID, "warn", summary, data, time.monotonic() - started)
    return CheckResult(CID, "pass", _summary(items), data, time.monotonic() - started)
