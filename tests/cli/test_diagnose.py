"""`fixit diagnose`: the table, the JSON shape, choosing checks, exit codes, and its deadline."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.commands.diagnose import JSON_FORMAT, JSON_VERSION
from fixit.diagnostics.registry import CHECKS
from fixit.i18n import LANGUAGES

LOCAL = ["--check", "system.info", "--check", "disk.space", "--check", "memory.usage"]


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def offline_config(tmp_path: Path) -> Path:
    """A configuration whose internet test address is a closed loopback port."""
    path = tmp_path / "config.yaml"
    url = f"http://127.0.0.1:{closed_port()}/"
    path.write_text(f'checks:\n  network.internet: {{urls: ["{url}"], connect_timeout: 1}}\n')
    return path


def test_json_is_pure_versioned_and_complete(fixit: Callable[..., Any]) -> None:
    run = fixit("diagnose", "--json", *LOCAL, "--check", "power")
    doc = json.loads(run.out)  # nothing but JSON on stdout
    assert doc["format"] == JSON_FORMAT and doc["version"] == JSON_VERSION
    ids = [r["id"] for r in doc["results"]]
    assert sorted(ids) == ["disk.space", "memory.usage", "power.battery", "system.info"]
    assert sum(doc["counts"].values()) == 4
    assert run.code == (1 if doc["failed"] else 0)
    for r in doc["results"]:
        assert r["status"] in ("pass", "warn", "fail", "error", "skipped")
        assert r["summary"]["en"] and r["summary"]["fi"]
        title = CHECKS[r["id"]].title
        assert r["title"] == {lang: title.render(lang) for lang in LANGUAGES}
        assert r["title"]["fi"] == title.render("fi") != title.render("en")
        assert r["plain"]["en"].endswith(".") and r["plain"]["fi"].endswith(".")
        assert isinstance(r["data"], dict) and r["duration"] >= 0
        if r["status"] in ("error", "skipped"):
            assert r["reason"]
    order = [
        ("fail", "error", "warn", "pass", "skipped").index(r["status"]) for r in doc["results"]
    ]
    assert order == sorted(order), "failures and warnings come first"


def test_a_failed_check_exits_1_and_is_listed_first(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    config = offline_config(tmp_path)
    run = fixit("--config", str(config), "diagnose", "--check", "network.internet", *LOCAL)
    assert run.code == 1
    lines = run.out.splitlines()
    first_row = next(i for i, line in enumerate(lines) if "✗" in line or "FAILED" in line)
    assert "Internet connection" in lines[first_row]
    assert "refused the connection" in run.out
    assert "Checks: 4 in" in run.out and "1 failed" in run.out


def test_finnish_narrow_and_without_colour(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    run = fixit("--lang", "fi", "diagnose", *LOCAL)
    assert "\x1b" not in run.out
    assert all(len(line) <= 40 for line in run.out.splitlines()), run.out
    assert "Levytila" in run.out and "Tarkistuksia 3" in run.out


def test_unknown_check_is_a_usage_error(fixit: Callable[..., Any]) -> None:
    run = fixit("diagnose", "--check", "network.dsn")
    assert run.code == 2
    assert "there is no check 'network.dsn'" in run.err and "network.dns" in run.err
    assert fixit("diagnose", "--timeout", "0").code == 2
    for odd in ("nan", "inf", "601"):
        run = fixit("diagnose", "--timeout", odd)
        assert run.code == 2 and "--timeout must be more than 0 and at most 600 seconds" in run.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("checks:\n  network.internett: {urls: []}\n", "2:3: unknown check 'network.internett'"),
        (
            'checks:\n  network.internet:\n    urls: ["ftp://x.fi/"]\n',
            "3:11: checks.network.internet.urls[0] must be an http:// or https:// URL",
        ),
        ("checks:\n  disk.space: {warn_percent: 200}\n", "must be at most 100"),
        ("checks:\n  disk.space: {warn_pct: 5}\n", "checks.disk.space.warn_pct is not a setting"),
    ],
)
def test_bad_check_settings_name_file_line_and_key(
    fixit: Callable[..., Any], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    run = fixit("--config", str(path), "diagnose", "--check", "system.info")
    assert run.code == 1
    assert f"{path}:" in run.err and message in run.err
    assert "hint:" in run.err


HANG_DNS = """
import socket, threading
_never = threading.Event()
def _hang(*args, **kwargs):
    _never.wait()
socket.getaddrinfo = _hang
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs unshare (Linux)")
def test_a_dead_resolver_with_no_network_cannot_hold_diagnose_past_its_deadline(
    tmp_path: Path,
) -> None:
    """Every name lookup hangs for ever and there is no route: all checks still end in time."""
    (tmp_path / "sitecustomize.py").write_text(HANG_DNS)
    fixit_bin = shutil.which("fixit", path=os.path.dirname(sys.executable))
    unshare = shutil.which("unshare")
    assert fixit_bin is not None
    command = [fixit_bin, "diagnose", "--json"]
    if unshare is not None:
        command = [unshare, "--net", *command]
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    started = time.monotonic()
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL
    )
    elapsed = time.monotonic() - started
    if unshare is not None and done.returncode not in (0, 1) and "unshare" in done.stderr:
        pytest.skip(f"new network namespaces are not permitted: {done.stderr[:200]}")
    doc = json.loads(done.stdout)
    longest = max(spec.timeout for spec in CHECKS.values())
    assert elapsed < longest + 0.5 + 1.5, f"took {elapsed:.1f} s"  # 1.5 s: starting Python
    by_id = {r["id"]: r for r in doc["results"]}
    assert by_id["network.dns"]["status"] == "fail"
    assert by_id["network.internet"]["status"] == "fail"
    assert done.returncode == 1


#: a whole number and the word or unit after it, split over two lines
SPLIT = re.compile(r"(?<![\w.,:/-])\d+(?:[.,]\d+)?\n\s*(?:[^\W\d_]|%)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forty_columns_keep_words_and_units_whole_and_show_no_developer_text(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    """S7: at 40 columns every finding reads whole (no word cut, no '96 / MiB'), and the
    technical reason behind a skip (a configuration key, a function name) is not shown."""
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    config = tmp_path / "config.yaml"
    config.write_text("checks:\n  power.battery: {enabled: false}\n")
    wanted = [*LOCAL, "--check", "service.url", "--check", "power.battery", "--check", "cpu"]
    run = fixit("--lang", lang, "--config", str(config), "diagnose", *wanted)
    doc = json.loads(fixit("--config", str(config), "diagnose", "--json", *wanted).out)
    lines = run.out.splitlines()
    assert all(len(line) <= 40 for line in lines), run.out
    assert not SPLIT.search(run.out), run.out
    flat = " ".join(run.out.split())
    for r in doc["results"]:
        if r["id"] not in ("cpu.load", "memory.usage", "disk.space", "system.info"):
            assert " ".join(r["summary"][lang].split()) in flat  # read whole, words uncut
    assert "checks.service.url" not in run.out and ".enabled is false" not in run.out
    assert "psutil" not in run.out


def test_a_number_stays_with_its_unit_when_lines_break() -> None:
    from fixit.commands.diagnose import keep_units, lines_of

    text = "muistia käytössä 761 MiB / 23,5 GiB (3 %), kuorma 1,9 (2 ydintä) 192.0.2.1"
    for width in range(12, 60):
        lines = lines_of(text, width)
        assert " ".join(lines) == text
        assert not SPLIT.search("\n".join(lines)), (width, lines)
    assert keep_units("eth0 up, 96 MiB") == "eth0 up, 96\u00a0MiB"
