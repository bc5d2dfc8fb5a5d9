"""Configuration validation reports every problem of every layer in one run, in the order they
are written; a file that is not YAML stops there; --config must name a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixit.config import load_config
from fixit.errors import ConfigError

HINT = "Fix the configuration file (see `fixit config init` for an example)."
SECRET_HINT = (
    "Put the secret in an environment variable or in the credentials file (see `fixit config "
    "path`), and give the variable's name in password_env."
)

MISTAKES = """\
colour: red
organisation: [a]
support:
  fax: 123
  hours: "Mon-Fry 09:00-16:00"
  timezone: Europe/Helsinky
defaults: {mode: robot, lang: de}
trees: /srv/trees
checks:
  network.foo: {}
  disk.space: {warn_pct: 5, fail_percent: lots}
redaction: {phone: remove, ip: hide}
submit:
  default: nowhere
  targets:
    m: {type: email, to: a@b.fi, from: f@b.fi, port: 99999, password: hunter22}
"""


@pytest.fixture(autouse=True)
def _no_fixit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FIXIT_MODE", "FIXIT_SUBMIT_TO", "FIXIT_LANG"):
        monkeypatch.delenv(var, raising=False)


def problems(path: Path, environ: dict[str, str] | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path, environ or {})
    return info.value


def test_seventeen_mistakes_are_reported_in_one_run_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MISTAKES, "utf-8")
    error = problems(path)
    assert str(error.message) == "\n".join(
        [
            "the configuration has 17 problems:",
            f"{path}:1:1: unknown key 'colour' (known: checks, defaults, known, organisation, "
            "redaction, stats, submit, support, trees)",
            f"{path}:2:15: organisation must be text",
            f"{path}:4:3: unknown key support.fax (email, phone, hours, timezone)",
            f"{path}:5:10: support.hours: 'Fry' is not a day (use Mon Tue Wed Thu Fri Sat Sun, or "
            "ma ti ke to pe la su)",
            f"{path}:6:13: support.timezone: 'Europe/Helsinky' is not a time zone (use a name like "
            "Europe/Helsinki)",
            f"{path}:7:18: defaults.mode must be self or agent",
            f"{path}:7:31: defaults.lang must be en, fi or sv",
            f"{path}:8:8: trees must be a list of folders",
            f"{path}:10:3: unknown check 'network.foo' (known: browser.versions, cpu.load, "
            "disk.space, display.outputs, memory.usage, network.dns, network.gateway, "
            "network.interfaces, network.internet, network.proxy, power.battery, process.top, "
            "service.url, system.info, time.skew)",
            f"{path}:11:16: checks.disk.space.warn_pct is not a setting of disk.space (settings: "
            "warn_percent, fail_percent, warn_bytes, fail_bytes, enabled)",
            f"{path}:11:43: checks.disk.space.fail_percent must be a number, not 'lots'",
            f"{path}:12:13: redaction.phone is not a kind (kinds: username, hostname, email, ip, "
            "mac, home)",
            f"{path}:12:32: redaction.ip must be one of placeholder, remove, keep",
            f"{path}:16:5: submit.targets.m needs 'host'",
            f"{path}:16:54: submit.targets.m.port must be at most 65535",
            f"{path}:16:61: submit.targets.m.password cannot hold a secret in the configuration",
            f"  hint: {SECRET_HINT}",
            f"{path}:14:12: submit.default names 'nowhere', which is not a submit target (m).",
            "  hint: Name one of the targets under submit.targets.",
        ]
    )
    assert str(error.hint) == HINT
    assert "hunter22" not in str(error.message) + str(error.hint)


def test_a_single_problem_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("submit:\n  targets:\n    m: {type: email, to: a@b.fi, from: f@b.fi}\n")
    error = problems(path)
    assert str(error.message) == f"{path}:3:5: submit.targets.m needs 'host'"
    assert str(error.hint) == HINT


def test_every_layer_and_the_environment_are_reported_together(
    isolated: Path, tmp_path: Path
) -> None:
    system = isolated / "etc" / "config.yaml"
    system.parent.mkdir(parents=True)
    system.write_text("defaults: {mode: robot}\n")
    explicit = tmp_path / "mine.yaml"
    explicit.write_text("support:\n  fax: 1\n")
    error = problems(explicit, {"FIXIT_LANG": "de"})
    assert str(error.message).splitlines() == [
        "the configuration has 3 problems:",
        f"{system}:1:18: defaults.mode must be self or agent",
        f"{explicit}:2:3: unknown key support.fax (email, phone, hours, timezone)",
        "FIXIT_LANG must be en, fi or sv, not 'de'.",
        "  hint: Set FIXIT_LANG=en, FIXIT_LANG=fi or FIXIT_LANG=sv, or unset it.",
    ]


def test_a_default_naming_an_invalid_target_is_not_a_second_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("submit:\n  default: hd\n  targets:\n    hd: {type: trello}\n")
    assert str(problems(path).message) == (
        f"{path}:4:16: submit.targets.hd.type must be one of email, redmine, zendesk, jira, "
        "github, webhook, directory, not 'trello'"
    )


def test_a_yaml_syntax_error_is_one_problem_of_its_file(isolated: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("support:\n  email: [a\nfax: 1\n")
    error = problems(path)
    assert "\n" not in str(error.message) and str(error.message).startswith(f"{path}:")
    assert str(error.hint) == "Fix the configuration file and try again."
    # the other layers are still read and reported in the same run
    user = isolated / "config" / "fixit" / "config.yaml"
    user.parent.mkdir(parents=True)
    user.write_text("colour: red\n")
    lines = str(problems(path, {"FIXIT_LANG": "de"}).message).splitlines()
    assert lines[0] == "the configuration has 3 problems:"
    assert lines[1].startswith(f"{user}:1:1: unknown key 'colour'")
    assert lines[2].startswith(f"{path}:") and "YAML syntax" in lines[2]
    assert lines[4] == "FIXIT_LANG must be en, fi or sv, not 'de'."


def test_a_duplicate_key_is_one_problem_among_the_others(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("organisation: A\nsupport:\n  fax: 1\norganisation: B\n")
    assert str(problems(path).message).splitlines() == [
        "the configuration has 2 problems:",
        f"{path}:3:3: unknown key support.fax (email, phone, hours, timezone)",
        f"{path}:4:1: duplicate key 'organisation' (first at line 1)",
    ]


def test_a_control_character_is_reported_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"organisation: A\nsupport:\n  phone: 12\x1b[2J\n")
    assert str(problems(path).message) == (
        f"{path}:3:12: the file contains a control character (U+001B), which YAML does not allow"
    )


def test_config_naming_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    error = problems(tmp_path)
    assert str(error.message) == f"the configuration file {tmp_path} is a folder, not a file."
    assert str(error.hint) == (
        "Give the path of a YAML file with --config or FIXIT_CONFIG, e.g. "
        f"{tmp_path / 'config.yaml'}."
    )


def test_config_naming_a_fifo_says_it_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    error = problems(fifo)
    assert str(error.message) == f"the configuration file {fifo} is not a regular file."
    assert str(error.hint) == "Check the path given with --config or FIXIT_CONFIG."


def test_config_naming_nothing_still_says_it_does_not_exist(tmp_path: Path) -> None:
    error = problems(tmp_path / "nope.yaml")
    assert str(error.message) == f"the configuration file {tmp_path / 'nope.yaml'} does not exist."
