"""Display connectors (HDMI, DisplayPort, …) and whether a screen is connected to them."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fixit.diagnostics import skip_reasons
from fixit.diagnostics.result import CheckResult, errored, skipped
from fixit.i18n import Msg, _, pgettext
from fixit.i18n.format import series

CID = "display.outputs"
DRM = "/sys/class/drm"
TEXT_MAX = 200
SHOWN = 3
# Connector kinds of a laptop's own panel; the rest are sockets a cable goes into.
INTERNAL = ("eDP", "LVDS", "DSI", "DPI")
KINDS = {
    "HDMI": "HDMI",
    "DP": "DisplayPort",
    "eDP": "eDP",
    "VGA": "VGA",
    "DVI": "DVI",
    "LVDS": "LVDS",
    "DSI": "DSI",
    "DPI": "DPI",
    "USB": "USB",
    "Virtual": "virtual",
}
# Writeback connectors are the GPU capturing its own output, never a screen.
NOT_SCREENS = ("Writeback",)


@dataclass(frozen=True)
class Connector:
    """One display connector as the operating system shows it."""

    name: str
    status: str  # connected | disconnected | unknown
    card: str = ""
    enabled: bool | None = None
    mode: str = ""
    internal: bool = False
    kind: str = ""
    screen: str = ""


@dataclass(frozen=True)
class DisplayProbe:
    """What the check reads: the platform and a function listing the connectors."""

    platform: str = field(default_factory=lambda: sys.platform)
    connectors: Callable[[], list[Connector]] | None = None


def kind_of(name: str) -> str:
    """The connector type of a DRM connector name: `HDMI-A-1` -> `HDMI`, `DP-2` -> `DisplayPort`."""
    head = re.split(r"[-_]", name, maxsplit=1)[0]
    head = re.sub(r"\d+$", "", head)
    return KINDS.get(head, head or "unknown")


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.readline(TEXT_MAX).strip()
    except OSError:
        return ""


def read_drm(root: str = DRM) -> list[Connector]:
    """Connectors under /sys/class/drm (card0-HDMI-A-1/status, enabled, modes)."""
    import os

    try:
        entries = sorted(os.listdir(root))
    except FileNotFoundError:
        return []
    found = []
    for entry in entries:
        match = re.fullmatch(r"(card\d+)-(.+)", entry)
        if not match or match.group(2).startswith(NOT_SCREENS):
            continue
        base = os.path.join(root, entry)
        status = _read(os.path.join(base, "status"))
        enabled = _read(os.path.join(base, "enabled"))
        name = match.group(2)[:TEXT_MAX]
        found.append(
            Connector(
                name=name,
                status=status if status in ("connected", "disconnected") else "unknown",
                card=match.group(1),
                enabled={"enabled": True, "disabled": False}.get(enabled),
                mode=_read(os.path.join(base, "modes")),
                internal=name.startswith(INTERNAL),
            )
        )
    return found


def read_windows() -> list[Connector]:
    """Outputs of Windows' graphics adapters and the monitor on each (EnumDisplayDevicesW)."""
    if sys.platform != "win32":
        raise OSError("not Windows")
    import ctypes
    from ctypes import wintypes

    class Device(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("DeviceName", wintypes.WCHAR * 32),
            ("DeviceString", wintypes.WCHAR * 128),
            ("StateFlags", wintypes.DWORD),
            ("DeviceID", wintypes.WCHAR * 128),
            ("DeviceKey", wintypes.WCHAR * 128),
        ]

    def device(parent: str | None, index: int) -> Device | None:
        dev = Device()
        dev.cb = ctypes.sizeof(dev)
        ok = ctypes.windll.user32.EnumDisplayDevicesW(parent, index, ctypes.byref(dev), 0)
        return dev if ok else None

    found = []
    for i in range(32):
        out = device(None, i)
        if out is None:
            break
        if out.StateFlags & 0x8:  # DISPLAY_DEVICE_MIRRORING_DRIVER: remote-control software
            continue
        monitor = device(out.DeviceName, 0)
        screen = monitor.DeviceString[:TEXT_MAX] if monitor else ""
        status = "connected" if out.StateFlags & 0x1 else "disconnected"  # ATTACHED_TO_DESKTOP
        name = out.DeviceName.removeprefix("\\\\.\\")[:TEXT_MAX]
        found.append(Connector(name, status, kind="unknown", screen=screen))
    return found


def read_macos() -> list[Connector]:
    """Screens macOS has online (CoreGraphics): built-in or external, with their size in points."""
    import ctypes

    cg = ctypes.CDLL("/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics")
    u32 = ctypes.c_uint32
    cg.CGGetOnlineDisplayList.argtypes = [u32, ctypes.POINTER(u32), ctypes.POINTER(u32)]
    cg.CGGetOnlineDisplayList.restype = ctypes.c_int32
    cg.CGDisplayIsBuiltin.argtypes = [u32]
    cg.CGDisplayIsBuiltin.restype = u32
    for name in ("CGDisplayPixelsWide", "CGDisplayPixelsHigh"):
        getattr(cg, name).argtypes = [u32]
        getattr(cg, name).restype = ctypes.c_size_t
    ids = (u32 * 16)()
    count = u32(0)
    if cg.CGGetOnlineDisplayList(16, ids, ctypes.byref(count)) != 0:
        raise OSError("CGGetOnlineDisplayList failed")
    found = []
    for n, ident in enumerate(ids[: min(count.value, 16)], 1):
        builtin = bool(cg.CGDisplayIsBuiltin(ident))
        size = f"{cg.CGDisplayPixelsWide(ident)}x{cg.CGDisplayPixelsHigh(ident)}"
        kind = "built-in" if builtin else "external"
        found.append(Connector(f"display {n}", "connected", mode=size, internal=builtin, kind=kind))
    return found


def _describe(c: Connector) -> Msg | str:
    notes: list[Msg | str] = []
    if c.internal:
        notes.append(_("built-in"))
    if c.mode:
        notes.append(c.mode)
    if c.enabled is False:
        notes.append(_("not in use"))
    return _("{name} ({notes})", name=c.name, notes=series(notes)) if notes else c.name


def _shown(items: list[str]) -> tuple[list[Msg | str], Msg | str]:
    """The connectors to name (at most SHOWN, the rest counted) and the last of them."""
    named: list[Msg | str] = list(items)
    if len(items) > SHOWN:
        more = len(items) - SHOWN + 1
        named = [*items[: SHOWN - 1], pgettext("display connectors", "{n} more", n=more)]
    return named[:-1], named[-1]


def _one_of(items: list[str]) -> Msg | str:
    """'HDMI-1, DP-1 or 2 more': the connectors a screen may be on."""
    rest, last = _shown(items)
    if not rest:
        return last
    return pgettext("one of the connectors", "{items} or {last}", items=series(rest), last=last)


def _none_of(items: list[str]) -> Msg | str:
    """'HDMI-1 or DP-1': connectors with nothing on them ("on neither", in English)."""
    rest, last = _shown(items)
    if not rest:
        return last
    return pgettext("none of the connectors", "{items} or {last}", items=series(rest), last=last)


def _as_data(c: Connector) -> dict[str, Any]:
    return {
        "name": c.name,
        "card": c.card,
        "type": c.kind or kind_of(c.name),
        "status": c.status,
        "enabled": c.enabled,
        "mode": c.mode,
        "internal": c.internal,
        "screen": c.screen,
    }


def judge(connectors: list[Connector], duration: float) -> CheckResult:
    """Pass when a screen is connected; fail when none is (warn when the driver cannot tell)."""
    data = {"connectors": [_as_data(c) for c in connectors]}
    on = [c for c in connectors if c.status == "connected"]
    if not on:
        free = [c.name for c in connectors]
        if any(c.status == "unknown" for c in connectors):
            summary = _("cannot tell if a screen is on {connectors}", connectors=_one_of(free))
            return CheckResult(CID, "warn", summary, data, duration)
        summary = _("no screen connected to {connectors}", connectors=_one_of(free))
        return CheckResult(CID, "fail", summary, data, duration)
    screens = series([_describe(c) for c in on[:SHOWN]])
    if len(on) == 1:
        summary = _("screen on {screens}", screens=screens)
    else:
        summary = _("{n} screens: {screens}", n=len(on), screens=screens)
    free = [c.name for c in connectors if c.status != "connected" and not c.internal]
    if free and len(free) <= 2 and len(str(summary)) < 50:  # "is the cable in the HDMI?"
        summary = _(
            "{summary}; nothing on {connectors}", summary=summary, connectors=_none_of(free)
        )
    return CheckResult(CID, "pass", summary, data, duration)


def _real(platform: str) -> Callable[[], list[Connector]] | None:
    if platform.startswith("linux"):
        return read_drm
    return {"win32": read_windows, "darwin": read_macos}.get(platform)


def check_display_outputs(
    params: Mapping[str, Any], probe: DisplayProbe | None = None
) -> CheckResult:
    """Which display connectors exist and whether a screen is connected to any of them."""
    started = time.monotonic()
    probe = probe or DisplayProbe()
    reader = probe.connectors or _real(probe.platform)
    if reader is None:
        return skipped(
            CID,
            _("not available on this system"),
            _("no way to list display connectors on {platform}", platform=probe.platform),
        )
    try:
        connectors = reader()
    except Exception as exc:  # a probe that fails is a result, never a crash
        return errored(
            CID,
            _("could not read the display connectors"),
            f"{exc.__class__.__name__}: {exc}"[:500],
            time.monotonic() - started,
        )
    if not connectors:
        return skipped(
            CID,
            _("no display connectors found"),
            _(skip_reasons.NO_CONNECTORS, platform=probe.platform),
            time.monotonic() - started,
        )
    return judge(connectors, time.monotonic() - started)
