"""The known-problem package stays light: importing it (as the wizard does before its first
prompt) loads neither requests nor PyYAML, and `fixit --help` does not load it at all."""

from __future__ import annotations

import subprocess
import sys


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `statement`."""
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(out.split())


def test_the_package_imports_no_http_or_yaml_library() -> None:
    loaded = loaded_after("from fixit.known import Known, Problem, gather, in_background")
    assert not {"requests", "urllib3", "yaml", "fixit.known.fetch", "fixit.known.issues"} & loaded


def test_the_command_line_does_not_load_it_until_needed() -> None:
    loaded = loaded_after("import fixit.cli, fixit.config")
    assert not {m for m in loaded if m.startswith("fixit.known")}
