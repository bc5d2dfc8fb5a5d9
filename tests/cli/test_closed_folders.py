"""A configuration or tree folder this user cannot enter: every command ends in one clean error
naming the folder, why and what to do; `fixit config path` still works and marks it.

fixit runs in a subprocess that the kernel really refuses: as root (CI), it keeps uid 0 but
loses the capabilities that let root ignore permissions, and the folder belongs to another user
(as `/etc/fixit` at 0750 or a folder left by `sudo fixit` does to a normal user)."""

from __future__ import annotations

import ctypes
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA

ROOT = os.geteuid() == 0
OTHER = 65534  # nobody
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _drop_root_powers() -> None:
    """In the child, before exec: a root without the power to pass closed folders."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def fixit(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `fixit` as a user the closed folders are closed to."""
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "fixit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_drop_root_powers if ROOT else None,
    )


def close(folder: Path, mode: int) -> Path:
    """Make `folder` (created if needed) one fixit cannot enter; returns its owner's name."""
    folder.mkdir(parents=True, exist_ok=True)
    if ROOT:
        os.chown(folder, OTHER, OTHER)
        os.chmod(folder, mode)
    else:
        os.chmod(folder, 0)
    return folder


def owner_and_mode(mode: int) -> str:
    if ROOT:
        return f"owner {pwd.getpwuid(OTHER).pw_name}, mode {mode:04o}"
    return f"owner {pwd.getpwuid(os.getuid()).pw_name}, mode 0000"


@pytest.fixture(autouse=True)
def can_drop() -> None:
    if ROOT:
        try:
            subprocess.run(["true"], preexec_fn=_drop_root_powers, check=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            pytest.skip("cannot drop root's permission powers here")


@pytest.fixture
def system_closed(isolated: Path) -> Path:
    """The organisation's folder at 0750, of another user and group, with a configuration."""
    etc = isolated / "etc"
    etc.mkdir()
    (etc / "config.yaml").write_text("organisation: Example Oy\n", "utf-8")
    return close(etc, 0o750)


@pytest.fixture
def user_closed(isolated: Path) -> Path:
    """The user's configuration folder left behind by another user (as by `sudo fixit`)."""
    folder = isolated / "config" / "fixit"
    folder.mkdir(parents=True)
    (folder / "config.yaml").write_text("defaults: {mode: self}\n", "utf-8")
    return close(folder, 0o700)


def answers(tmp_path: Path) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text("tree: demo\nanswers: {restart: solved}\n", "utf-8")
    return str(path)


COMMANDS = [
    ["config", "show"],
    ["sessions"],
    ["trees", "list"],
    ["start", "--answers", "ANSWERS", "--trees", str(DATA / "trees")],
]


def check_clean_error(run: subprocess.CompletedProcess[str], message: str, hint: str) -> None:
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    assert run.stderr == f"fixit: error: {message}\nhint: {hint}\n"
    crash = Path(os.environ["FIXIT_HOME"]) / "crash"
    assert not crash.exists() or not any(crash.iterdir())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_closed_organisation_folder_is_named_by_every_command(
    system_closed: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [answers(tmp_path) if a == "ANSWERS" else a for a in command]
    run = fixit(*args)
    hint = (
        f"Ask your administrator to let you read it, for example `sudo chmod a+rX {system_closed}`."
        if ROOT
        else f"Give yourself access with `chmod u+rwX {system_closed}`."
    )
    check_clean_error(
        run,
        f"cannot open the organisation's configuration folder ({system_closed}): "
        f"permission denied ({owner_and_mode(0o750)}).",
        hint,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_user_folder_of_another_user_is_named_with_the_way_back(
    user_closed: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [answers(tmp_path) if a == "ANSWERS" else a for a in command]
    run = fixit(*args)
    me = pwd.getpwuid(os.getuid()).pw_name
    hint = (
        f"Make it yours again with `sudo chown -R {me} {user_closed}`."
        if ROOT
        else f"Give yourself access with `chmod u+rwX {user_closed}`."
    )
    check_clean_error(
        run,
        f"cannot open your configuration folder ({user_closed}): "
        f"permission denied ({owner_and_mode(0o700)}).",
        hint,
    )


def test_config_path_works_and_marks_the_closed_folders(
    system_closed: Path, user_closed: Path
) -> None:
    run = fixit("config", "path")
    assert run.returncode == 0, run.stderr
    rows = {line.split("  ")[0]: line for line in run.stdout.splitlines()}
    system = rows["Organisation's configuration"]
    assert f"{system_closed / 'config.yaml'}" in system
    assert f"cannot be read (no permission for {system_closed})" in system
    assert f"cannot be read (no permission for {system_closed})" in rows["Trees (organisation)"]
    assert f"cannot be read (no permission for {user_closed})" in rows["Your configuration"]
    assert f"cannot be read (no permission for {user_closed})" in rows["Trees (yours)"]
    assert f"cannot be read (no permission for {user_closed})" in rows["Credentials"]
    assert "The configuration has an error" in run.stdout
    assert "\nhint: Fix the configuration file (see `fixit config init`" in run.stdout
    assert "fixit: error" not in run.stderr and "Traceback" not in run.stderr


def test_both_closed_folders_are_reported_in_one_run_in_finnish(
    system_closed: Path, user_closed: Path
) -> None:
    run = fixit("--lang", "fi", "config", "show")
    assert run.returncode == 1
    assert run.stderr.startswith("fixit: error: asetuksissa on 2 virhettä:\n")
    assert f"organisaation asetuskansio ({system_closed}) ei aukea: sinulla ei ole" in run.stderr
    assert f"oma asetuskansiosi ({user_closed}) ei aukea" in run.stderr


def test_a_closed_trees_folder_given_on_the_command_line(tmp_path: Path) -> None:
    folder = close(tmp_path / "trees", 0o700)
    for args in (["--trees", str(folder), "trees", "list"], ["trees", "validate", str(folder)]):
        run = fixit(*args)
        assert run.returncode == 1, run.stderr
        assert run.stderr.startswith(
            f"fixit: error: cannot open the tree folder ({folder}): permission denied ("
        ), run.stderr
        assert "hint: " in run.stderr and "Traceback" not in run.stderr


def test_a_closed_organisation_tree_folder(isolated: Path) -> None:
    folder = close(isolated / "etc" / "trees", 0o750)
    run = fixit("trees", "list")
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(
        f"fixit: error: cannot open the organisation's tree folder ({folder}): "
        f"permission denied ({owner_and_mode(0o750)}).\n"
    ), run.stderr


def test_config_init_names_a_closed_user_folder_and_ignores_a_closed_organisation_one(
    isolated: Path, system_closed: Path, tmp_path: Path
) -> None:
    run = fixit("config", "init")
    assert run.returncode == 0, run.stderr  # the organisation's folder is not read
    written = isolated / "config" / "fixit" / "config.yaml"
    assert written.is_file()
    close(written.parent, 0o700)
    run = fixit("config", "init", "--force")
    assert run.returncode == 1
    assert run.stderr.startswith(
        f"fixit: error: cannot open your configuration folder ({written.parent}): "
    ), run.stderr
    assert "Traceback" not in run.stderr


def test_an_answer_file_in_a_closed_folder(tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "answers.yaml").write_text("tree: demo\nanswers: {restart: solved}\n")
    close(folder, 0o700)
    path = folder / "answers.yaml"
    run = fixit("--trees", str(DATA / "trees"), "start", "--answers", str(path))
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(
        f"fixit: error: cannot open the folder of the answer file ({folder}): "
        f"permission denied ({owner_and_mode(0o700)}).\n"
    ), run.stderr


def test_a_config_file_given_in_a_closed_folder(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "c.yaml").write_text("organisation: X\n")
    close(folder, 0o700)
    run = fixit("--config", str(folder / "c.yaml"), "config", "show")
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(
        f"fixit: error: cannot open the folder of the configuration file ({folder}): "
        f"permission denied ({owner_and_mode(0o700)}).\n"
    ), run.stderr
    run = fixit("--config", str(folder / "c.yaml"), "config", "path")
    assert run.returncode == 0, run.stderr
    assert f"cannot be read (no permission for {folder})" in run.stdout
    hint = f"`sudo chmod a+rX {folder}`" if ROOT else f"`chmod u+rwX {folder}`"
    assert run.stdout.rstrip().splitlines()[-1].startswith("hint: ")
    assert run.stdout.rstrip().endswith(f"{hint}."), run.stdout


def test_a_tree_file_of_another_user_says_whose_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "trees"
    folder.mkdir()
    path = folder / "demo.yaml"
    path.write_text((DATA / "trees" / "demo.yaml").read_text("utf-8"), "utf-8")
    if ROOT:
        os.chown(path, OTHER, OTHER)
    os.chmod(path, 0o600 if ROOT else 0)
    run = fixit("trees", "validate", str(path))
    assert run.returncode == 1
    mode = "0600" if ROOT else "0000"
    owner = pwd.getpwuid(OTHER if ROOT else os.getuid()).pw_name
    assert (
        f"{path}:1:1: cannot read the file: permission denied (owner {owner}, mode {mode})\n"
        in (run.stderr)
    ), run.stderr
