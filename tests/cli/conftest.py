"""Helpers for running fixit in-process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from fixit.__main__ import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def fixit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run `fixit ARGS` in this process and capture its output (a wide terminal, no colour)."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(list(args), handle_signals=False)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
