"""Settings their target or section cannot use are refused when the configuration is read, not
at send time: secrets in URLs and headers, a relative folder, formats the directory target
cannot write, a support e-mail or phone that is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixit.config import load_config
from fixit.errors import ConfigError
from fixit.submit import directory, registry

HINT = "Fix the configuration file (see `fixit config init` for an example)."


def secret_hint(what: str, envs: str) -> str:
    return (
        f"{what}, put the secret in an environment variable or in the credentials file (see "
        f"`fixit config path`), and give the variable's name in {envs}."
    )


WEBHOOK_ENVS = "token_env (sent as Authorization: Bearer) or hmac_secret_env (signs the body)"


def target(line: str) -> str:
    return f"submit:\n  targets:\n    t: {line}\n"


RULES = [
    (
        target("{type: webhook, url: 'https://u:hunter22@h.example.fi/x'}"),
        "3:29: submit.targets.t.url cannot hold a password in the configuration (user:password@)",
        secret_hint("Remove it from the URL", WEBHOOK_ENVS),
    ),
    (
        target("{type: webhook, url: 'https://h.example.fi/x?team=a&Token=hunter22'}"),
        "3:29: submit.targets.t.url cannot hold a secret in the configuration (its query "
        "parameter 'Token')",
        secret_hint("Remove Token= from the URL", WEBHOOK_ENVS),
    ),
    (
        target(
            "{type: redmine, url: 'https://r.example.fi/?key=hunter22', project: s, "
            "api_key_env: RM_KEY}"
        ),
        "3:29: submit.targets.t.url cannot hold a secret in the configuration (its query "
        "parameter 'key')",
        secret_hint("Remove key= from the URL", "api_key_env"),
    ),
    (
        target(
            "{type: zendesk, url: 'https://z.example.fi/?access_token=hunter22', email: a@b.fi, "
            "token_env: ZD}"
        ),
        "3:29: submit.targets.t.url cannot hold a secret in the configuration (its query "
        "parameter 'access_token')",
        secret_hint("Remove access_token= from the URL", "token_env"),
    ),
    (
        target(
            "{type: github, repo: a/b, token_env: GH, api_url: 'https://g.example.fi/?SIG=hunter22'}"
        ),
        "3:58: submit.targets.t.api_url cannot hold a secret in the configuration (its query "
        "parameter 'SIG')",
        secret_hint("Remove SIG= from the URL", "token_env"),
    ),
    *(
        (
            target(
                f"{{type: webhook, url: 'https://h.example.fi/', headers: {{{name}: hunter22}}}}"
            ),
            f"3:{66 + len(name)}: submit.targets.t.headers.{name} cannot hold a secret in the "
            "configuration",
            secret_hint("Remove the header", WEBHOOK_ENVS),
        )
        for name in (
            "Authorization",
            "proxy-authorization",
            "COOKIE",
            "X-Auth-Token",
            "X-Api-Key",
            "X-Client-Secret",
            "X-Service-API-KEY",
        )
    ),
    (
        target("{type: directory, path: tickets}"),
        "3:32: submit.targets.t.path must be a full path to a folder, not the relative 'tickets'",
        "Give the folder from the root, e.g. /srv/share/tickets or ~/tickets.",
    ),
    (
        target("{type: directory, path: /srv/t, formats: [markdown, pdf]}"),
        "3:60: submit.targets.t.formats[1] is 'pdf', which a directory target cannot write",
        "List only formats from markdown, text, html, json.",
    ),
    (
        "support:\n  email: tuki at example.fi\n",
        "2:10: support.email must be one e-mail address, like tuki@example.fi",
        "Write the address where support reads its mail.",
    ),
    (
        "support:\n  phone: call us\n",
        "2:10: support.phone must be a phone number: at least 3 digits, and only digits, spaces "
        "and + ( ) - . /",
        'Write the number users call, in quotes, like "+358 10 123 4567".',
    ),
    (
        "support:\n  phone: '+1'\n",
        "2:10: support.phone must be a phone number: at least 3 digits, and only digits, spaces "
        "and + ( ) - . /",
        'Write the number users call, in quotes, like "+358 10 123 4567".',
    ),
]


@pytest.mark.parametrize(("text", "message", "hint"), RULES)
def test_settings_a_target_or_section_cannot_use_are_refused(
    tmp_path: Path, text: str, message: str, hint: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    assert str(info.value.message) == f"{path}:{message}"
    assert str(info.value.hint) == hint
    assert "hunter22" not in str(info.value.message) + str(info.value.hint)


@pytest.mark.parametrize(
    "text",
    [
        target("{type: webhook, url: 'https://me@h.example.fi/x?team=a&tokens=1&keyword=b'}"),
        target("{type: webhook, url: 'https://h.example.fi/', headers: {X-Team: a, X-Keys: b}}"),
        target("{type: directory, path: ~/tickets, formats: [markdown, text, html, json]}"),
        target("{type: directory, path: /srv/share/tickets}"),
        "support: {email: tuki@esimerkki.fi, phone: '+358 (0)10 123-4567'}\n",
        "support: {phone: 112}\n",
    ],
)
def test_what_the_rules_allow(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, "utf-8")
    load_config(path, {})


def test_a_secret_in_a_bad_url_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(target("{type: webhook, url: 'ftp://h.example.fi/?a=1&token=hunter22'}"))
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    assert str(info.value.message).splitlines()[-1] == (
        f"{path}:3:29: submit.targets.t.url must be an http:// or https:// URL with a host, not "
        "'ftp://h.example.fi/?a=1&token=<secret>'"
    )


def test_the_directory_formats_are_what_the_directory_target_writes() -> None:
    assert set(registry.DIRECTORY_FORMATS) == set(directory.FILES)


def test_sending_code_still_builds_targets_it_refuses_itself() -> None:
    """The send-time checks stay (a target made outside the configuration meets them)."""
    made = registry.validate_target("t", {"type": "directory", "path": "/x", "formats": ["pdf"]})
    assert made.settings["formats"] == ("pdf",)
