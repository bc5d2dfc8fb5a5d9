"""Fuzz the configuration and credentials files: a validated value or positioned errors."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, example, given
from hypothesis import strategies as st

from fixit import credentials
from fixit.config import Config, load_config
from fixit.config_sections import SUPPORT_KEYS
from fixit.diagnostics.registry import CHECKS
from fixit.errors import ConfigError
from fixit.i18n import LANGUAGES
from fixit.params import Param
from fixit.report.redact import ACTIONS, POLICY_KINDS
from fixit.submit.registry import TYPES
from tests.fuzz.support import (
    CHARS,
    CONTROLS,
    HEAVY,
    VALUES,
    YAML_TEXT,
    assert_positioned,
    bounded,
    splice,
)

NUMBERS = st.one_of(
    st.floats(),
    st.integers(-(2**66), 2**66),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "1e400", "0x10", "1_000", "٣", "３", " 2 "]),
    st.sampled_from(["", "2.5.1", "-0", ".5", "5.", "1e-400", "True"]),
)
URLS = st.one_of(
    st.sampled_from(
        ["http://127.0.0.1:9/x", "https://h", "https://h:99999/", "ftp://h", "http://"]
    ),
    st.sampled_from(["https://user:pw@h/x?token=s", "https://[::1/", "http://h:-1", "https://h\n"]),
    st.text(CHARS, max_size=15).map(lambda t: "https://" + t),
)
DAYS = st.sampled_from(
    ["Mon", "mon", "Fri", "ma", "pe", "maanantai", "Sunday", "mån", "fr", "söndag", "xyz", "", "Mo"]
)
TIMES = st.sampled_from(["09:00-16:00", "9-16", "9.00–16.00", "25:00-26:00", "16-9", "0-24"])
HOURS = st.one_of(
    st.lists(
        st.tuples(
            DAYS,
            st.sampled_from(["-", "–", "", "—"]),
            DAYS,
            st.sampled_from([" ", " klo ", " kl. "]),
        )
        .map("".join)
        .flatmap(lambda days: TIMES.map(lambda t: days + t)),
        min_size=1,
        max_size=3,
    ).map(", ".join),
    st.text(CHARS, max_size=20),
)
ZONES = st.one_of(
    st.sampled_from(["Europe/Helsinki", "UTC", "../../etc/passwd", "Europe", "", "Mars/Base"]),
    st.sampled_from(["/etc/localtime", "Europe/../UTC", "a" * 300, "Etc/GMT+1", "\\x00"]),
    st.text(CHARS, max_size=12),
)
ANY = st.one_of(VALUES, NUMBERS, URLS, st.text(CHARS, max_size=10), CONTROLS)


def _settings(params: tuple[Param, ...]) -> st.SearchStrategy[dict[str, Any]]:
    names = sorted({p.name for p in params} | {"enabled", "unknown", "type_env"})
    return st.dictionaries(st.sampled_from(names), ANY, max_size=4)


def _target() -> st.SearchStrategy[Any]:
    typed = st.sampled_from([*sorted(TYPES), "nope"]).flatmap(
        lambda kind: _settings(TYPES[kind].params if kind in TYPES else ()).map(
            lambda settings: {"type": kind, **settings}
        )
    )
    return st.one_of(typed, VALUES)


SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "organisation": ANY,
    "support": st.one_of(
        st.dictionaries(
            st.sampled_from([*SUPPORT_KEYS, "fax"]),
            st.one_of(HOURS, ZONES, ANY),
            max_size=4,
        ),
        VALUES,
    ),
    "defaults": st.dictionaries(
        st.sampled_from(["mode", "lang", "x"]),
        st.one_of(st.sampled_from(["self", "agent", *LANGUAGES]), ANY),
        max_size=3,
    ),
    "trees": st.one_of(st.lists(st.text(CHARS, max_size=10), max_size=3), VALUES),
    "checks": st.one_of(
        st.dictionaries(
            st.sampled_from([*sorted(CHECKS), "nope"]),
            st.one_of(
                st.sampled_from(sorted(CHECKS)).flatmap(lambda c: _settings(CHECKS[c].params)),
                VALUES,
            ),
            max_size=3,
        ),
        VALUES,
    ),
    "redaction": st.one_of(
        st.dictionaries(
            st.sampled_from([*POLICY_KINDS, "x"]), st.one_of(st.sampled_from(ACTIONS), ANY)
        ),
        VALUES,
    ),
    "submit": st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "default": st.one_of(st.sampled_from(["desk", "mail"]), ANY),
                "targets": st.one_of(
                    st.dictionaries(st.sampled_from(["desk", "mail", "bad name", ""]), _target()),
                    VALUES,
                ),
                "extra": ANY,
            },
        ),
        VALUES,
    ),
    "unknown": ANY,
}
CONFIGS = st.lists(st.sampled_from(sorted(SECTIONS)), unique=True).flatmap(
    lambda keys: st.fixed_dictionaries({k: SECTIONS[k] for k in keys})
)


def _numbers_fit(values: dict[str, Any], params: tuple[Param, ...]) -> None:
    """Every numeric setting in force is finite and inside its declared range."""
    for p in params:
        value = values.get(p.name)
        if p.kind in ("int", "float") and value is not None:
            assert math.isfinite(value), (p.name, value)
            assert p.minimum is None or value >= p.minimum, (p.name, value)
            assert p.maximum is None or value <= p.maximum, (p.name, value)


def _load_config(text: str) -> tuple[Path, Config | ConfigError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return path, load_config(path, environ={})
        except ConfigError as exc:
            return path, exc


@given(YAML_TEXT)
@example("support: {hours: 'Mon-Fri 09:00-16:00', timezone: '../../etc/passwd'}")
@example("checks: {network.gateway: {timeout: nan}}")
def test_any_text_is_a_configuration_or_positioned_errors(text: str) -> None:
    """Hostile YAML in a configuration file: every problem at file:line:col."""
    path, got = _load_config(text)
    if isinstance(got, ConfigError):
        assert_positioned(got, path)


@given(CONFIGS)
@example({"checks": {"network.gateway": {"timeout": "nan"}}})  # found: nan passed the range
@example({"redaction": {"\n": None}})  # found: the key's line break split the message in two
@example(
    {"submit": {"targets": {"desk": {"type": "webhook", "url": "https://h", "timeout": "nan"}}}}
)
def test_a_structured_configuration_is_valid_or_names_each_place(doc: dict[str, Any]) -> None:
    """Sections of the right and wrong shapes: settings in force fit their declarations."""
    path, got = _load_config(yaml.safe_dump(doc, allow_unicode=True))
    event(type(got).__name__)
    if isinstance(got, ConfigError):
        assert_positioned(got, path)
        return
    for cid, values in got.checks.items():
        _numbers_fit(values, CHECKS[cid].params)
    for target in got.targets.values():
        _numbers_fit(dict(target.settings), TYPES[target.type].params)
    assert got.mode in ("self", "agent")


def _load_credentials(text: str) -> tuple[Path, dict[str, str] | ConfigError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "credentials.yaml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            return path, credentials.load(path)
        except ConfigError as exc:
            return path, exc


CANARY = "S3cr3t-Canary-7f1e"
SECRETS = st.one_of(ANY, st.just(CANARY), st.lists(st.just(CANARY), min_size=1, max_size=2))


@given(
    st.one_of(
        YAML_TEXT,
        st.dictionaries(st.text(CHARS, max_size=8), SECRETS).map(
            lambda d: yaml.safe_dump(d, allow_unicode=True)
        ),
        st.tuples(st.integers(0, 40), YAML_TEXT).map(lambda t: splice(f"TOKEN: {CANARY}\n", *t)),
    )
)
@example("TOKEN: [a, b]")
@example("- TOKEN")
@example("TOKEN:")
@example("? '\n\n  '\n: null\n")  # found: the name's line break split the error from its cause
@example("? ''\n: null\n")  # found: an empty name left the error without a subject
@example(f"TOKEN: {CANARY}\n  x: [")
def test_a_credentials_file_is_names_and_values_or_a_positioned_error(text: str) -> None:
    """The credentials file: text names to text values, or one error at file:line:col that
    never quotes a secret."""
    path, got = _load_credentials(text)
    if isinstance(got, ConfigError):
        assert_positioned(got, path)
        assert CANARY not in str(got.message) and CANARY not in str(got.hint)
        return
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in got.items())


def _big_config(shape: str, count: int) -> str:
    line = {
        "unknown keys": "k{i}: {i}\n",
        "tree folders": "  - folder{i}\n",
        "check settings": "  network.gateway: {{timeout: {i}}}\n",
        "targets": "    t{i}: {{type: webhook, url: 'https://h{i}', timeout: x}}\n",
    }[shape]
    head = {
        "tree folders": "trees:\n",
        "check settings": "checks:\n",
        "targets": "submit:\n  targets:\n",
    }
    return head.get(shape, "") + "".join(line.format(i=i) for i in range(count))


@HEAVY
@given(
    st.sampled_from(["unknown keys", "tree folders", "check settings", "targets"]),
    st.integers(1000, 15_000),
)
def test_a_large_configuration_stays_within_memory_and_time(shape: str, count: int) -> None:
    """Thousands of entries or problems (up to the size cap): bounded memory and CPU time."""
    text = _big_config(shape, count)

    def run() -> str:
        return type(_load_config(text)[1]).__name__

    out = bounded(run)
    assert out in ("ok:Config", "ok:ConfigError", "ok:ConfigProblem"), out[:300]
