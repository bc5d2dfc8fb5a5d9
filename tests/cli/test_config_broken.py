"""A broken configuration: every problem in one run, and the commands that help out of it
(`config init`, `config path`) still work; `config show` shows URLs only as where they go."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.commands import config_cmd
from fixit.config_starter import STARTER

BROKEN = "colour: red\nsupport:\n  fax: 1\n  email: nobody\n"
HINT = "hint: Fix the configuration file (see `fixit config init` for an example).\n"


def user_config(isolated: Path, text: str) -> Path:
    path = isolated / "config" / "fixit" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_every_problem_is_on_stderr_with_one_final_hint(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BROKEN)
    run = fixit("--config", str(path), "config", "show")
    assert run.code == 1 and run.out == ""
    assert run.err == (
        "fixit: error: the configuration has 3 problems:\n"
        f"{path}:1:1: unknown key 'colour' (known: checks, defaults, known, organisation, "
        "redaction, stats, submit, support, trees)\n"
        f"{path}:3:3: unknown key support.fax (email, phone, hours, timezone)\n"
        f"{path}:4:10: support.email must be one e-mail address, like tuki@example.fi\n"
        "  hint: Write the address where support reads its mail.\n" + HINT
    )


def test_config_naming_a_folder(fixit: Callable[..., Any], tmp_path: Path) -> None:
    run = fixit("--config", str(tmp_path), "config", "show")
    assert run.code == 1
    assert run.err == (
        f"fixit: error: the configuration file {tmp_path} is a folder, not a file.\n"
        "hint: Give the path of a YAML file with --config or FIXIT_CONFIG, e.g. "
        f"{tmp_path / 'config.yaml'}.\n"
    )


@pytest.mark.parametrize("where", ["user", "explicit", "environment"])
def test_init_output_works_while_the_configuration_is_broken(
    fixit: Callable[..., Any],
    isolated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN)
    extra: list[str] = []
    if where == "user":
        user_config(isolated, BROKEN)
    elif where == "explicit":
        extra = ["--config", str(broken)]
    else:
        monkeypatch.setenv("FIXIT_MODE", "robot")
    target = tmp_path / "new.yaml"
    run = fixit(*extra, "config", "init", "--output", str(target))
    assert run.code == 0, run.err
    assert f"Wrote a starter configuration to {target}." in run.out
    assert target.read_text("utf-8") == STARTER and (os.stat(target).st_mode & 0o777) == 0o600


def test_init_with_a_broken_configuration_still_needs_force_to_replace_a_file(
    fixit: Callable[..., Any], isolated: Path, tmp_path: Path
) -> None:
    user = user_config(isolated, BROKEN)
    run = fixit("config", "init")
    assert run.code == 1
    assert run.err == (
        f"fixit: error: {user} already exists.\n"
        "hint: Add --force to replace it, or write elsewhere with --output FILE.\n"
    )
    assert user.read_text() == BROKEN
    mine = tmp_path / "mine.yaml"
    mine.write_text("organisation: Mine\n")
    assert fixit("config", "init", "--output", str(mine)).code == 1
    assert mine.read_text() == "organisation: Mine\n"
    assert fixit("config", "init", "--force").code == 0
    assert user.read_text() == STARTER


def test_init_output_naming_a_folder(fixit: Callable[..., Any], tmp_path: Path) -> None:
    for extra in ([], ["--force"]):
        run = fixit("config", "init", "--output", str(tmp_path), *extra)
        assert run.code == 1
        assert run.err == (
            f"fixit: error: {tmp_path} is a folder.\n"
            f"hint: Give a file name inside it with --output, e.g. {tmp_path / 'config.yaml'}.\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_init_speaks_the_language_asked_for_without_reading_the_configuration(
    fixit: Callable[..., Any], isolated: Path, tmp_path: Path
) -> None:
    user_config(isolated, "defaults: {lang: fi}\ncolour: red\n")
    target = tmp_path / "c.yaml"
    run = fixit("--lang", "fi", "config", "init", "--output", str(target))
    assert run.code == 0, run.err
    assert f"Asetuspohja tallennettiin tiedostoon {target}." in run.out


def test_path_lists_every_problem(fixit: Callable[..., Any], isolated: Path) -> None:
    user = user_config(isolated, BROKEN)
    run = fixit("config", "path")
    assert run.code == 0, run.err
    assert "the configuration has 3 problems:" in run.out
    assert f"{user}:4:10: support.email must be one e-mail address" in run.out


SHOWN = """\
checks:
  service.url: {url: "https://mon:pw-5e1d@portal.example.fi:8443/T0KENPATH?token=QSECRET"}
  network.internet: {urls: ["https://www.example.fi/", "http://a.example.fi/p,QPATH"]}
submit:
  targets:
    hooksecret:
      type: webhook
      url: "https://hooks.example.fi/T0KENPATH"
      headers: {X-Team: helpdesk}
"""


def test_show_gives_urls_only_as_where_they_go(fixit: Callable[..., Any], isolated: Path) -> None:
    user_config(isolated, SHOWN)
    rows = {r["key"]: r["value"] for r in json.loads(fixit("config", "show", "--json").out)}
    assert rows["checks.service.url.url"] == "https://portal.example.fi:8443/…"
    assert rows["checks.network.internet.urls"] == "https://www.example.fi/, http://a.example.fi/…"
    assert rows["submit.targets.hooksecret.url"] == "https://hooks.example.fi/…"
    table = fixit("config", "show").out
    for leak in ("T0KENPATH", "QSECRET", "QPATH", "pw-5e1d", "mon:"):
        assert leak not in table + json.dumps(rows)


def test_a_target_named_like_a_secret_does_not_hide_its_settings(
    fixit: Callable[..., Any], isolated: Path
) -> None:
    user_config(isolated, SHOWN)
    rows = {r["key"]: r for r in json.loads(fixit("config", "show", "--json").out)}
    assert rows["submit.targets.hooksecret.type"]["value"] == "webhook"
    assert rows["submit.targets.hooksecret.headers.X-Team"]["value"] == "helpdesk"
    assert "hidden" not in rows["submit.targets.hooksecret.type"]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://u:p@host.test:8443/a/b?token=s#frag", "https://host.test:8443/…"),
        ("https://host.test/?token=s", "https://host.test/…"),
        ("https://host.test?token=s", "https://host.test/…"),
        ("https://host.test/", "https://host.test/"),
        ("https://host.test", "https://host.test"),
        ("http://[::1]:8080/x", "http://[::1]:8080/…"),
        ("http://[::1", "(an unreadable URL)"),
    ],
)
def test_shown_url(url: str, shown: str) -> None:
    assert config_cmd.shown_url(url) == shown
