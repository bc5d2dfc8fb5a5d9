"""The built wheel carries the shipped trees as package data, and fixit finds them installed."""

from __future__ import annotations

import subprocess
import sys
import tarfile
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
    # the JSON Schema the shipped trees name on their first line, for editors
    assert "fixit/decision_trees/tree.schema.json" in names
    assert "fixit/__main__.py" in names
    # every language's catalogue, compiled, for gettext; the .po for translators
    assert "fixit/i18n/locale/fi/LC_MESSAGES/fixit.mo" in names
    assert "fixit/i18n/locale/fi/LC_MESSAGES/fixit.po" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "fixit = fixit.__main__:entry" in zipfile.ZipFile(wheel).read(entry).decode()


def test_wheel_and_sdist_carry_the_licence_and_what_the_tests_need(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = list(tmp_path.glob("fixit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    assert "MIT License" in zipfile.ZipFile(wheel).read(licence).decode()
    [sdist] = list(tmp_path.glob("fixit-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        inside = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "scripts/redmine-test-server.sh", "tests/conftest.py"} <= inside
