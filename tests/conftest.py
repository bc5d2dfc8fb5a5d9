"""Test isolation: every test gets its own home, state, config and 'system' folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "decision_trees"
DATA = Path(__file__).resolve().parent / "data"

# Property-based tests (tests/fuzz): `ci` is the default, small and the same inputs on every run;
# `long` is the deeper run (`python -m pytest tests/fuzz --hypothesis-profile long`, see README).
# No example database: nothing is written into the checkout; a failure prints its reproducer.
_FUZZ = {
    "database": None,
    "deadline": 5000,  # ms: an example takes a few ms; a hang fails, two busy cores do not
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
settings.register_profile("ci", max_examples=30, derandomize=True, **_FUZZ)
settings.register_profile("long", max_examples=3000, **_FUZZ)
settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every folder fixit uses into a temporary directory; the real ones are never touched."""
    base = tmp_path_factory.mktemp("fixit-env")
    home = base / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FIXIT_HOME", str(base / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(base / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("FIXIT_SYSTEM_DIR", str(base / "etc"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("PROMPT_TOOLKIT_NO_CPR", "1")
    for var in (
        "FIXIT_LANG",
        "FIXIT_TREES",
        "FIXIT_CONFIG",
        "FIXIT_MODE",
        "FIXIT_SUBMIT_TO",
        "NO_COLOR",
        "LC_ALL",
        "LC_MESSAGES",
        # the machine's proxy settings must not steer what a test sends
        *(f"{v}{s}" for v in ("http", "https", "all", "no") for s in ("_proxy", "_PROXY")),
    ):
        monkeypatch.delenv(var, raising=False)
    return base


@pytest.fixture(autouse=True, scope="session")
def real_home_untouched() -> object:
    """Fail loudly if a test wrote fixit state into the real home folder."""
    real = Path(os.path.expanduser("~")) / ".local" / "state" / "fixit"
    before = sorted(p.name for p in real.rglob("*")) if real.exists() else []
    yield
    after = sorted(p.name for p in real.rglob("*")) if real.exists() else []
    assert after == before, "a test wrote to the real ~/.local/state/fixit: isolation is broken"


@pytest.fixture
def tree_dir(tmp_path: Path) -> Path:
    """An empty folder for trees written by a test."""
    folder = tmp_path / "trees"
    folder.mkdir()
    return folder
