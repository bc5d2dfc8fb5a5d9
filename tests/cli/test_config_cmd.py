"""`fixit config show|path|init`: values with their origins, never a secret; the places fixit
uses; a starter file that loads and is private."""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit import storage
from fixit.config import load_config
from fixit.config_starter import STARTER

CANARY_ENV = "canary-env-7f3a9c"  # an *_env variable's value
CANARY_FILE = "canary-file-41d2e8"  # a value in the credentials file
CANARY_LITERAL = "canary-literal-9b7e11"  # a secret-named header's value in the configuration
CANARY_URL = "canary-urlpw-2c5d77"  # a password inside a URL in the configuration
CANARY_KNOWN = "canary-known-5a1f03"  # a secret variable's value that turns up elsewhere
CANARIES = (CANARY_ENV, CANARY_FILE, CANARY_LITERAL, CANARY_URL, CANARY_KNOWN)

CONFIG = f"""\
organisation: "Example Oy {CANARY_KNOWN}"
support:
  email: tuki@example.fi
  phone: "+358 10 123 4567"
  hours: "Mon-Fri 09:00-16:00"
  timezone: Europe/Helsinki
defaults: {{mode: agent, lang: en}}
checks:
  service.url: {{url: "https://monitor:{CANARY_URL}@portal.example.fi/"}}
submit:
  default: hook
  targets:
    hook:
      type: webhook
      url: "https://hooks.example.fi/fixit"
      token_env: HOOK_TOKEN
      hmac_secret_env: HOOK_HMAC
      headers: {{X-Secret-Salt: "{CANARY_LITERAL}", X-Team: helpdesk}}
    mail: {{type: email, to: tuki@example.fi, from: fixit@example.fi, host: smtp.example.fi,
           password_env: SMTP_PASSWORD}}
"""


@pytest.fixture(autouse=True)
def _no_fixit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FIXIT_MODE", "FIXIT_SUBMIT_TO", "HOOK_TOKEN", "HOOK_HMAC", "SMTP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


def user_config(isolated: Path, text: str) -> Path:
    path = isolated / "config" / "fixit" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def credentials_file(isolated: Path, text: str, mode: int = 0o600) -> Path:
    path = isolated / "config" / "fixit" / "credentials.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    os.chmod(path, mode)
    return path


@pytest.fixture
def secrets_everywhere(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A configuration with canaries in env, the credentials file, a header and a URL."""
    monkeypatch.setenv("HOOK_TOKEN", CANARY_ENV)
    monkeypatch.setenv("FIXIT_TEST_API_TOKEN", CANARY_KNOWN)
    credentials_file(isolated, f"SMTP_PASSWORD: {CANARY_FILE}\n")
    return user_config(isolated, CONFIG)


def test_show_lists_values_with_their_origins(
    fixit: Callable[..., Any], secrets_everywhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIXIT_SUBMIT_TO", "mail")
    run = fixit("config", "show")
    assert run.code == 0, run.err
    lines = {line.split()[0]: line for line in run.out.splitlines() if line.strip()}
    assert f"{secrets_everywhere}:4" in lines["support.phone"]
    assert "+358 10 123 4567" in lines["support.phone"]
    assert "FIXIT_SUBMIT_TO" in lines["submit.default"] and "mail" in lines["submit.default"]
    assert "built-in default" in lines["redaction.ip"]
    assert "HOOK_TOKEN (set)" in lines["submit.targets.hook.token_env"]
    assert "HOOK_HMAC (not set)" in lines["submit.targets.hook.hmac_secret_env"]
    assert (
        "SMTP_PASSWORD (set in the credentials file)" in lines["submit.targets.mail.password_env"]
    )
    assert "••••• (hidden)" in lines["submit.targets.hook.headers.X-Secret-Salt"]
    assert "helpdesk" in lines["submit.targets.hook.headers.X-Team"]
    assert " https://portal.example.fi/ " in lines["checks.service.url.url"]
    assert "Example Oy •••••" in lines["organisation"]


def test_show_json_is_the_same_as_data(fixit: Callable[..., Any], secrets_everywhere: Path) -> None:
    run = fixit("config", "show", "--json")
    assert run.code == 0, run.err
    rows = {r["key"]: r for r in json.loads(run.out)}
    assert rows["support.hours"] == {
        "key": "support.hours",
        "value": "Mon-Fri 09:00-16:00",
        "from": f"{secrets_everywhere}:5",
    }
    assert rows["defaults.mode"]["value"] == "agent"
    assert rows["redaction.ip"] == {"key": "redaction.ip", "value": "placeholder", "from": None}
    token = rows["submit.targets.hook.token_env"]
    assert (token["variable"], token["set"], token["source"]) == ("HOOK_TOKEN", True, "environment")
    smtp = rows["submit.targets.mail.password_env"]
    assert (smtp["set"], smtp["source"]) == (True, "file")
    assert rows["submit.targets.hook.hmac_secret_env"]["set"] is False
    assert rows["submit.targets.hook.headers.X-Secret-Salt"]["hidden"] is True


def test_no_secret_reaches_any_output(
    fixit: Callable[..., Any], secrets_everywhere: Path, isolated: Path
) -> None:
    outputs = [
        fixit("config", "show"),
        fixit("config", "show", "--json"),
        fixit("--lang", "fi", "config", "show"),
        fixit("config", "path"),
    ]
    for run in outputs:
        assert run.code == 0, run.err
        for canary in CANARIES:
            assert canary not in run.out + run.err
    for file in (isolated / "state").rglob("*") if (isolated / "state").exists() else []:
        if file.is_file():
            assert not any(c in file.read_text("utf-8", "replace") for c in CANARIES)


def test_a_credentials_file_others_can_read_is_reported_by_show_and_path(
    fixit: Callable[..., Any], isolated: Path
) -> None:
    user_config(
        isolated,
        "submit:\n  targets:\n    mail: {type: email, to: a@b.fi, from: f@b.fi, "
        "host: h, password_env: SMTP_PASSWORD}\n",
    )
    creds = credentials_file(isolated, f"SMTP_PASSWORD: {CANARY_FILE}\n", 0o644)
    show = fixit("config", "show")
    assert show.code == 0
    assert f"{creds} can be read by other users (mode 0644)." in show.err
    assert f"Run `chmod 600 {creds}`." in show.err
    assert "SMTP_PASSWORD (not set)" in show.out
    path = fixit("config", "path")
    assert "(mode 0644)" in path.out
    assert CANARY_FILE not in show.out + show.err + path.out + path.err


def test_path_lists_every_place(fixit: Callable[..., Any], isolated: Path, tmp_path: Path) -> None:
    user_config(isolated, "trees: [/srv/org-trees]\n")
    explicit = tmp_path / "extra.yaml"
    explicit.write_text("organisation: X\n")
    extra = tmp_path / "more-trees"
    run = fixit("--config", str(explicit), "--trees", str(extra), "config", "path")
    assert run.code == 0, run.err
    out = re.sub(r"\s+", " ", run.out.replace("│", " "))
    for label, place, state in [
        ("Organisation's configuration", isolated / "etc" / "config.yaml", "not found"),
        ("Your configuration", isolated / "config" / "fixit" / "config.yaml", "exists"),
        ("--config / FIXIT_CONFIG", explicit, "exists"),
        ("Credentials", isolated / "config" / "fixit" / "credentials.yaml", "not found"),
        ("Trees (configuration)", Path("/srv/org-trees"), "not found"),
        ("Trees (--trees / FIXIT_TREES)", extra, "not found"),
        ("Trees (yours)", isolated / "config" / "fixit" / "trees", "not found"),
        ("State (sessions, outbox)", isolated / "state", ""),
        ("Cache", isolated / "state" / "cache", ""),
    ]:
        assert f"{label} {place} {state}".strip() in out


def test_path_works_with_a_broken_configuration(fixit: Callable[..., Any], isolated: Path) -> None:
    user_config(isolated, "colour: red\n")
    run = fixit("config", "path")
    assert run.code == 0
    assert "The configuration has an error" in run.out and "unknown key 'colour'" in run.out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "support:\n  hours: 'Mon-Fri 9-25'\n",
            "2:10",
            "support.hours: '9-25' is not a time of day",
        ),
        (
            "redaction: {ip: hide}\n",
            "1:17",
            "redaction.ip must be one of placeholder, remove, keep",
        ),
        (
            "submit:\n  targets:\n    x: {type: fax}\n",
            "3:15",
            "submit.targets.x.type must be one of",
        ),
        (
            "submit:\n  default: x\n",
            "2:12",
            "submit.default names 'x', which is not a submit target",
        ),
    ],
)
def test_validation_errors_reach_the_user_with_file_line_and_column(
    fixit: Callable[..., Any], tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    run = fixit("--config", str(path), "config", "show")
    assert run.code == 1
    assert f"fixit: error: {path}:{where}: {message}" in run.err
    assert "\nhint: " in run.err


def uncommented(text: str) -> str:
    """The starter with every example line switched on."""
    return "\n".join(line[2:] if line.startswith("# ") else line for line in text.splitlines())


def test_init_writes_a_private_starter_that_loads(
    fixit: Callable[..., Any], isolated: Path
) -> None:
    run = fixit("config", "init")
    target = isolated / "config" / "fixit" / "config.yaml"
    assert run.code == 0, run.err
    assert f"Wrote a starter configuration to {target}." in run.out
    assert target.read_text("utf-8") == STARTER
    assert (os.stat(target).st_mode & 0o777) == 0o600
    assert load_config(None, {}).files == [target]
    assert fixit("config", "show").code == 0


def test_the_starter_examples_are_a_valid_configuration_of_every_key(tmp_path: Path) -> None:
    path = tmp_path / "all.yaml"
    path.write_text(uncommented(STARTER), "utf-8")
    cfg = load_config(path, {})
    top = {k for k in cfg.origins if "." not in k and "[" not in k}
    assert top == {
        "organisation",
        "support",
        "defaults",
        "trees",
        "checks",
        "redaction",
        "submit",
        "stats",
        "known",
    }
    assert cfg.team is not None and cfg.team.agents is False
    assert cfg.known is not None and cfg.known.urls() == (
        "https://support.example.fi/fixit/known_issues.yaml",
        "https://status.example.fi/api/v2/summary.json",
    )
    assert set(cfg.support) == {"email", "phone", "hours", "timezone"}
    assert {"defaults.mode", "defaults.lang", "submit.default"} <= set(cfg.origins)
    assert {t.type for t in cfg.targets.values()} == {
        "email",
        "redmine",
        "zendesk",
        "jira",
        "github",
        "webhook",
        "directory",
    }
    assert set(cfg.redaction_overrides) == {"username", "hostname", "email", "ip", "mac", "home"}
    assert cfg.checks


def test_init_refuses_to_overwrite_without_force(fixit: Callable[..., Any], isolated: Path) -> None:
    target = user_config(isolated, "organisation: Mine\n")
    run = fixit("config", "init")
    assert run.code == 1
    assert run.err == (
        f"fixit: error: {target} already exists.\n"
        "hint: Add --force to replace it, or write elsewhere with --output FILE.\n"
    )
    assert target.read_text() == "organisation: Mine\n"
    assert fixit("config", "init", "--force").code == 0
    assert target.read_text() == STARTER


def test_init_output_goes_to_a_new_folder(fixit: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "fixit.yaml"
    run = fixit("config", "init", "--output", str(target))
    assert run.code == 0, run.err
    assert str(target) in run.out and (os.stat(target).st_mode & 0o777) == 0o600
    assert load_config(target, {}).files[-1] == target


def test_init_is_atomic_a_failed_write_keeps_the_old_file(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fixit.yaml"
    target.write_text("organisation: Old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", full)
    run = fixit("config", "init", "--output", str(target), "--force")
    assert run.code == 1
    assert f"cannot write {target}: No space left on device." in run.err
    assert target.read_text() == "organisation: Old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["fixit.yaml"]


def test_init_speaks_finnish(fixit: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    run = fixit("--lang", "fi", "config", "init", "--output", str(target))
    assert f"Asetuspohja tallennettiin tiedostoon {target}." in run.out


@pytest.mark.parametrize("columns", ["120", "40"])
def test_path_never_breaks_a_path_across_lines(
    fixit: Callable[..., Any], isolated: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    deep = isolated / "a-rather-long-folder-name" / "and-another-one-below-it"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(deep))
    monkeypatch.setenv("COLUMNS", columns)
    out = fixit("config", "path").out
    assert str(deep / "fixit" / "credentials.yaml") in out
    too_long = [line for line in out.splitlines() if len(line) > int(columns)]
    # only a path itself may be wider than the screen: it is left whole for copying
    assert all(re.fullmatch(r"\s*([^/]*: )?/\S+(\s+\S.*)?", line) for line in too_long), too_long
