"""The entry point's edges: --version, -h, and output whose reader went away."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import __main__ as entry
from fixit import __version__
from tests.cli.conftest import Run
from tests.conftest import DATA

FIXIT = shutil.which("fixit") or "fixit"


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_is_printed_and_nothing_runs(fixit: Callable[..., Run], flag: str) -> None:
    run = fixit(flag)
    assert (run.code, run.out, run.err) == (0, f"fixit {__version__}\n", "")


@pytest.mark.parametrize("args", [["-h"], ["trees", "-h"], ["start", "-h"], ["config", "-h"]])
def test_dash_h_is_help(fixit: Callable[..., Run], args: list[str]) -> None:
    run = fixit(*args)
    assert run.code == 0 and run.out.startswith("Usage: fixit") and run.err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["trees", "show", "no-internet"],
        ["trees", "list"],
        ["trees", "list", "--json"],
        ["config", "path"],
        ["report", "--schema"],
        ["--help"],
    ],
)
def test_a_reader_that_leaves_early_ends_fixit_quietly_with_0(args: list[str]) -> None:
    # `fixit … | head -1`: the reader closes the pipe; fixit must neither fail nor complain
    proc = subprocess.Popen(
        [FIXIT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(timeout=60), err) == (0, b"")


def test_a_broken_pipe_that_is_not_stdout_is_a_crash_not_a_success(
    fixit: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    # click turns every EPIPE into a silent exit 1; one from a socket is fixit's bug to report
    def broken(*_: object, **__: object) -> int:
        raise BrokenPipeError(errno.EPIPE, "a socket's peer went away")

    monkeypatch.setattr("fixit.commands.info.list_sessions", broken)
    monkeypatch.setattr(entry, "_stdout_closed", lambda: False)
    run = fixit("sessions")
    assert run.code == 3 and "fixit stopped unexpectedly (BrokenPipeError)" in run.err


def test_stdout_closed_is_false_for_an_open_pipe() -> None:
    code = "from fixit.__main__ import _stdout_closed; print(_stdout_closed())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_trees_alone_lists_the_trees_as_config_and_outbox_run_their_default(
    fixit: Callable[..., Run],
) -> None:
    alone, listed = fixit("trees"), fixit("trees", "list")
    assert (alone.code, alone.out) == (0, listed.out) and "no-internet" in alone.out
    as_json = fixit("trees", "--json")
    assert as_json.code == 0 and as_json.out == fixit("trees", "list", "--json").out


def test_outbox_alone_takes_json_as_outbox_list_does(fixit: Callable[..., Run]) -> None:
    run = fixit("outbox", "--json")
    assert (run.code, run.out.strip()) == (0, "[]")


def test_diagnose_help_lists_every_check_id(fixit: Callable[..., Run]) -> None:
    from fixit.diagnostics.registry import CHECKS

    shown = " ".join(fixit("diagnose", "--help").out.split())
    assert all(f" {check}," in shown or f" {check}." in shown for check in CHECKS)


@pytest.mark.parametrize("columns", ["40", "100"])
def test_command_lists_are_never_cut(
    fixit: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for group in ([], ["trees"], ["config"], ["outbox"]):
        out = fixit(*group, "--help").out
        assert "..." not in out.split("Commands:")[1]


def test_trees_option_names_its_environment_twin(fixit: Callable[..., Run]) -> None:
    assert "FIXIT_TREES" in " ".join(fixit("--help").out.split())


def test_lang_help_names_every_language_with_a_catalogue(fixit: Callable[..., Run]) -> None:
    from fixit.i18n import LANGUAGES

    shown = " ".join(fixit("--help").out.split())
    assert "sv" in LANGUAGES and f"Language: {', '.join(LANGUAGES)}." in shown


@pytest.mark.parametrize("group", ["trees", "config", "outbox"])
def test_group_help_says_global_options_work_there(fixit: Callable[..., Run], group: str) -> None:
    assert "Global options work here too" in fixit(group, "--help").out


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    import os

    extra = {"_FIXIT_COMPLETE": "complete_bash", "COMP_WORDS": words}
    extra["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    out = subprocess.run(
        [FIXIT], env={**os.environ, **extra, **(env or {})}, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_completion_offers_tree_ids_check_ids_and_session_ids(
    fixit: Callable[..., Run], tmp_path: Path
) -> None:
    assert _complete("fixit start no-int") == ["no-internet"]
    assert "no-internet" in _complete("fixit trees show ")
    assert _complete("fixit diagnose --check network.d") == ["network.dns"]
    assert "power" in _complete("fixit diagnose --check ")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "tree: demo\nmode: self\nanswers:\n  restart: unsolved\n  hdmi: 'Yes'\n"
        "  player_id: A-1234\nchecks: {network.internet: pass}\n",
        encoding="utf-8",
    )
    run = fixit("--trees", str(DATA / "trees"), "start", "--answers", str(answers))
    assert run.code == 0, run.err
    ids = _complete("fixit report ")
    [sid] = ids
    assert _complete(f"fixit submit {sid[:8]}") == [sid]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_for_each_shell(shell: str) -> None:
    import os

    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    out = subprocess.run(
        [FIXIT, "--show-completion", shell], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0 and "_FIXIT_COMPLETE" in out.stdout


def test_report_help_names_the_formats_it_takes(fixit: Callable[..., Run]) -> None:
    assert "--format markdown|text|html|json" in fixit("report", "--help").out
