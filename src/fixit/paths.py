"""Where fixit's files live: state, cache, the user's and the organisation's configuration."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

APP = "fixit"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "")
    return Path(value) if value and os.path.isabs(value) else None


def state_dir() -> Path:
    """Sessions, outbox and crash logs: $FIXIT_HOME, else $XDG_STATE_HOME/fixit."""
    home = os.environ.get("FIXIT_HOME")
    if home:
        return Path(home).expanduser()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP / "state"
    return (_env_path("XDG_STATE_HOME") or Path.home() / ".local" / "state") / APP


def cache_dir() -> Path:
    """Validated-tree cache: $XDG_CACHE_HOME/fixit (inside $FIXIT_HOME when that is set)."""
    home = os.environ.get("FIXIT_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP / "cache"
    return (_env_path("XDG_CACHE_HOME") or Path.home() / ".cache") / APP


def user_config_dir() -> Path:
    """The user's configuration folder: $XDG_CONFIG_HOME/fixit."""
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("APPDATA", Path.home())) / APP
    return (_env_path("XDG_CONFIG_HOME") or Path.home() / ".config") / APP


def system_config_dir() -> Path:
    """The organisation's folder: /etc/fixit ($FIXIT_SYSTEM_DIR overrides it, for tests)."""
    override = os.environ.get("FIXIT_SYSTEM_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("PROGRAMDATA", "C:/ProgramData")) / APP
    return Path("/etc/fixit")


def shipped_trees_dir() -> Path:
    """The trees installed with fixit (package data), or the checkout's folder in development."""
    here = Path(__file__).resolve().parent
    packaged = here / "decision_trees"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "decision_trees"


def config_option(args: Sequence[str]) -> Path | None:
    """The configuration file a command line names (`--config F`, `--config=F`, else
    FIXIT_CONFIG), for the places that need it before or after typer has parsed it: an error's
    language and a crash log's secrets."""
    explicit = os.environ.get("FIXIT_CONFIG") or None
    for i, arg in enumerate(args):
        if arg.startswith("--config="):
            explicit = arg.partition("=")[2]
        elif arg == "--config" and i + 1 < len(args):
            explicit = args[i + 1]
    return Path(explicit) if explicit else None
