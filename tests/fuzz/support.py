"""Shared pieces of the fuzz tests: hostile YAML strategies, position checks, a resource guard."""

from __future__ import annotations

import os
import re
import resource
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings
from hypothesis import strategies as st

from fixit.errors import FixitError
from fixit.trees.yamlsafe import Problem

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (ROOT / "decision_trees").glob("*.yaml") if ".test." not in p.name)
SHIPPED_TEXT = {p.stem: p.read_text(encoding="utf-8") for p in SHIPPED}


def _on_as_text(value: Any) -> Any:
    """YAML 1.1 reads the key `on` as True; give it back its name (fixit reads keys as text)."""
    if isinstance(value, dict):
        return {("on" if k is True else k): _on_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_on_as_text(v) for v in value]
    return value


def _yaml_or_none(text: str) -> Any:
    """A shipped file's plain values; None while it does not parse (test_shipped_trees says why:
    one file being edited must not stop every fuzz test from being collected)."""
    try:
        return _on_as_text(yaml.safe_load(text))
    except yaml.YAMLError:
        return None


SHIPPED_DATA = {
    name: data
    for name, text in SHIPPED_TEXT.items()
    if isinstance(data := _yaml_or_none(text), dict)
}
#: the shipped trees' test cases, (tree, case) pairs: answers that reach every end node
SHIPPED_CASES = [
    (p.stem, case)
    for p in SHIPPED
    if (cases := p.with_name(p.stem + ".test.yaml")).exists() and p.stem in SHIPPED_DATA
    for case in _yaml_or_none(cases.read_text("utf-8")) or []
    if isinstance(case, dict)
]

#: heavy examples (megabytes, in a forked child) run a tenth as often as the profile says (50 at
#: most); their time is bounded by the child's CPU-time limit, which a busy machine cannot flake
HEAVY = settings(max_examples=min(50, max(3, settings.default.max_examples // 10)), deadline=None)

# Characters a file can hold once decoded: everything but lone surrogates (UTF-8 cannot carry them).
CHARS = st.characters(exclude_categories=("Cs",))
CONTROLS = st.sampled_from(
    [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x9B, 0x85)]
    + ["\u202e", "\u2028", "\u2029", "\ufeff", "\x1b[31m", "\x1b]8;;http://x\x07"]
)
FRAGMENTS = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\r",
        "  ",
        " ",
        "\t",
        ":",
        ": ",
        "- ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "#",
        "'",
        '"',
        "|",
        ">",
        "|-",
        "&a ",
        "*a",
        "<<: *a",
        "!!python/object:os.system ",
        "!!python/name:os.system",
        "!!float ",
        "!!int ",
        "!!timestamp ",
        "!!binary ",
        "!local ",
        "!!set ",
        "!!omap ",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        "---\n",
        "...\n",
        "0b_",
        "0x",
        "0o",
        "0b1",
        "1e400",
        ".nan",
        ".inf",
        "-.inf",
        "~",
        "null",
        "no",
        "yes",
        "on",
        "0755",
        "2024-01-02",
        "2024-13-45T25:61:61",
        "1:",
        "true:",
        "1.0:",
        "kind",
        "id",
        "nodes",
        "start",
        "goto",
        "choices",
        "text",
        "format: 1",
        "en:",
        "fi:",
        "\\x00",
        '"\\ud800"',
        '"\\U0010ffff"',
        "'''",
        '"\\',
        "@",
        "`",
        "%",
    ]
)
HUGE_INT = st.integers(4000, 6000).map(lambda n: "9" * n)
NESTING = st.tuples(st.sampled_from(["[", "{a: ", "- ", "{", "[a, "]), st.integers(1, 400)).map(
    lambda t: t[0] * t[1] + {"[": "]", "{a: ": "}", "- ": "", "{": "}", "[a, ": "]"}[t[0]] * t[1]
)
YAML_TEXT = st.lists(
    st.one_of(FRAGMENTS, st.text(CHARS, max_size=6), CONTROLS, HUGE_INT, NESTING),
    max_size=40,
).map("".join)

#: plain values of every YAML type, for structured documents dumped with yaml.safe_dump
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(CHARS, max_size=12),
    st.sampled_from(["no", "yes", "0755", "2024-01-02", "", "~", "{x}", "[/x]", "\x1b[2J"]),
    HUGE_INT,
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(CHARS, max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def splice(text: str, at: int, insert: str, cut: int = 0) -> str:
    """`text` with `cut` characters at `at` (taken modulo its length) replaced by `insert`."""
    at = at % (len(text) + 1)
    return text[:at] + insert + text[at + cut :]


def max_line(text: str) -> int:
    """An upper bound of the lines a YAML reader can count in `text` (every kind of break)."""
    return len(text.splitlines()) + 1


def assert_problem(problem: Problem, name: str, text: str) -> None:
    """A problem names the file and a line and column that exist."""
    assert isinstance(problem, Problem), problem
    assert problem.file == name
    assert 1 <= problem.line <= max_line(text), (problem, max_line(text))
    assert problem.col >= 1, problem
    assert str(problem.message).strip(), problem
    assert str(problem).startswith(f"{name}:{problem.line}:{problem.col}: ")


def assert_positioned(exc: FixitError, path: Path) -> None:
    """Every problem line of a FixitError about a file starts with that file:line:col."""
    lines = str(exc.message).split("\n")  # not splitlines: a key may hold \x1e or \u2028
    assert lines, exc
    if re.fullmatch(r"the (configuration|answer file) has \d+ problems:", lines[0]):
        lines = [line for line in lines[1:] if not line.startswith("  hint: ")]
    where = re.compile(rf"{re.escape(str(path))}:(\d+):(\d+): .")
    for line in lines:
        m = where.match(line)
        assert m is not None, f"no position in {line!r}"
        assert int(m[1]) >= 1 and int(m[2]) >= 1, line
    assert str(exc.hint).strip(), exc


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize")  # pragma: no cover


def bounded(fn: Callable[[], str], megabytes: int = 300, seconds: int = 20) -> str:
    """Run `fn` in a forked child under an address-space cap and a CPU-time limit.

    Returns "ok:<what fn returned>", "fixit:<message>" for fixit's own error, or
    "crash:<exception>" for anything else; a child killed by a signal or a limit fails the test.
    """
    if not sys.platform.startswith("linux"):
        pytest.skip("the resource guard needs Linux's /proc and fork")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read)
            cap = _address_space() + megabytes * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
            signal.alarm(seconds * 2)
            try:
                out = "ok:" + fn()
            except FixitError as exc:
                out = f"fixit:{exc.message}"
            except BaseException as exc:
                out = f"crash:{type(exc).__name__}: {exc}"
            os.write(write, out.encode("utf-8", "replace")[:20_000])
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), f"killed by signal {os.WTERMSIG(status)} (memory or time limit)"
    assert os.WEXITSTATUS(status) == 0, "the guarded child failed before running"
    return b"".join(chunks).decode("utf-8")
