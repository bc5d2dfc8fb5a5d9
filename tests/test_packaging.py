"""The built wheel carries the shipped trees as package data, and fixit finds them installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT, SHIPPED


def test_wheel_contains_the_shipped_trees(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = list(tmp_path.glob("fixit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.name for p in SHIPPED.glob("*.yaml"))
    assert shipped, "no shipped trees found"
    for name in shipped:
        assert f"fixit/decision_trees/{name}" in names
    assert "fixit/__main__.py" in names and "fixit/i18n/fi.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "fixit = fixit.__main__:entry" in zipfile.ZipFile(wheel).read(entry).decode()
