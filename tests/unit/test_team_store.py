"""The team statistics store's settings and connection, without a server: the `stats:` section
checked, certificates verified unless the URL says otherwise, the password from the environment,
per-agent ids off unless switched on and opaque when on, and each error a user can meet as one
sentence and what to do, in every language."""

from __future__ import annotations

import builtins
import getpass
import sys
from pathlib import Path
from typing import Any

import pytest

from fixit.config import load_config
from fixit.config_model import TeamStore
from fixit.errors import ConfigError
from fixit.i18n import LANGUAGES, localized
from fixit.stats import team


def config(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    return load_config(path, environ={})


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        config(tmp_path, text)
    return [line for line in str(info.value).splitlines() if "config.yaml:" in line]


def test_a_store_with_its_settings(tmp_path: Path) -> None:
    cfg = config(
        tmp_path,
        "stats:\n  store: postgresql://fixit@db.example.fi/fixit\n  password_env: PW\n"
        "  agents: true\n  agent_key_env: AGENT_KEY\n  timeout: 2.5\n",
    )
    assert cfg.team == TeamStore(
        "postgresql://fixit@db.example.fi/fixit", "PW", True, "AGENT_KEY", 2.5
    )
    assert cfg.origins["stats.store"].endswith("config.yaml:2")


def test_no_stats_section_means_no_store_and_agents_are_off_by_default(tmp_path: Path) -> None:
    assert config(tmp_path, "organisation: Example Oy\n").team is None
    store = config(tmp_path, "stats: {store: 'postgresql://db.example.fi/fixit'}\n").team
    assert store is not None and store.agents is False and store.timeout == 5.0


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "stats: {store: 'postgresql://u:CANARY@db.example.fi/x'}",
            "1:16: stats.store cannot hold a secret in the configuration",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x?password=CANARY'}",
            "1:16: stats.store cannot hold a secret in the configuration",
        ),
        (
            "stats: {store: 'mysql://db.example.fi/x'}",
            "1:16: stats.store must be a PostgreSQL URL (postgresql://HOST/DATABASE)",
        ),
        (
            "stats: {store: 'postgresql:///x'}",
            "1:16: stats.store must be a PostgreSQL URL (postgresql://HOST/DATABASE)",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x?sslmode=maybe'}",
            "1:16: stats.store: sslmode must be one of disable, allow, prefer, require, "
            "verify-ca, verify-full",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x', password_env: 'CANARY secret'}",
            "1:62: stats.password_env must be the name of an environment variable, not the "
            "secret itself",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x', agents: yes}",
            "1:56: stats.agents must be true or false",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x', agents: true}",
            "1:48: stats.agents needs stats.agent_key_env (the key that makes agent ids opaque)",
        ),
        (
            "stats: {store: 'postgresql://db.example.fi/x', timeout: 600}",
            "1:57: stats.timeout must be a number of seconds, 60 at most",
        ),
        ("stats: {password_env: PW}", "1:8: stats needs a store (its URL)"),
        (
            "stats: {store: 'postgresql://db.example.fi/x', users: all}",
            "1:48: unknown key stats.users (store, password_env, agents, agent_key_env, timeout)",
        ),
    ],
)
def test_what_is_wrong_in_the_section_is_said_where_it_is(
    tmp_path: Path, text: str, said: str
) -> None:
    found = problems(tmp_path, text + "\n")
    assert [line.split("config.yaml:", 1)[1] for line in found] == [said]
    assert "CANARY" not in "\n".join(found)


def store(url: str = "postgresql://fixit@db.example.fi/fixit", **settings: Any) -> TeamStore:
    return TeamStore(url, **settings)


def test_certificates_are_verified_with_the_system_store_unless_the_url_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    args = team.connect_args(store(), lambda _n: None)
    assert args["sslmode"] == "verify-full"
    assert args["connect_timeout"] == 5 and args["tcp_user_timeout"] == 5000
    ca = tmp_path / "ca.pem"
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    assert team.connect_args(store(), lambda _n: None)["sslrootcert"] == str(ca)
    loopback = store("postgresql://fixit@127.0.0.1:5432/fixit?sslmode=disable")
    args = team.connect_args(loopback, lambda _n: None)
    assert "sslmode" not in args and "sslrootcert" not in args  # the URL's own choice stands


def test_the_password_comes_from_the_named_variable_and_its_absence_is_said() -> None:
    args = team.connect_args(store(password_env="PW"), {"PW": "s3cret"}.get)
    assert args["password"] == "s3cret"
    with pytest.raises(team.TeamStoreError) as info:
        team.connect_args(store(password_env="PW"), lambda _n: None)
    assert str(info.value.message) == "the password for the team statistics store is not set (PW)."
    assert info.value.retry is False


def test_without_psycopg_the_error_says_to_install_fixit_team(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_psycopg(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "psycopg", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(team.TeamStoreError) as info:
        team.driver()
    assert str(info.value.message) == (
        "the team statistics store needs psycopg, which is not installed."
    )
    assert str(info.value.hint) == "Install it with `pip install 'fixit[team]'`."


class Refused(Exception):
    sqlstate: str | None = None


@pytest.mark.parametrize(
    ("text", "state", "said"),
    [
        (
            'connection failed: FATAL:  password authentication failed for user "fixit"',
            None,
            "the team statistics store at postgresql://db.example.fi/… refused the user name "
            "or password.",
        ),
        (
            "connection failed: server certificate for db.example.fi does not match",
            None,
            "the team statistics store at postgresql://db.example.fi/… failed the certificate "
            "check.",
        ),
        (
            'connection failed: FATAL:  database "fixit" does not exist',
            None,
            "the team statistics store at postgresql://db.example.fi/… has no such database.",
        ),
        (
            "connection failed: Connection refused",
            None,
            "cannot reach the team statistics store at postgresql://db.example.fi/….",
        ),
    ],
)
def test_a_failed_connection_says_what_failed_in_every_language(
    text: str, state: str | None, said: str
) -> None:
    exc = Refused(text)
    exc.sqlstate = state
    error = team.connect_error(store(), exc)
    assert str(error.message) == said
    assert error.hint is not None
    for lang in LANGUAGES:
        shown = localized(error.message, lang)
        assert "postgresql://db.example.fi/…" in shown
        assert lang == "en" or shown != said  # translated
        assert "fixit@" not in shown


def test_a_refused_statement_names_its_sqlstate() -> None:
    exc = Refused("permission denied for schema public")
    exc.sqlstate = "42501"
    error = team.query_error(store(), exc)
    assert str(error.message) == (
        "the team statistics store at postgresql://db.example.fi/… refused the request (42501)."
    )
    exc.sqlstate = "57014"
    assert "did not answer in time" in str(team.query_error(store(), exc).message)


def test_agent_ids_only_when_switched_on_in_agent_mode_and_opaque() -> None:
    keys = {"KEY": "a long random key"}.get
    off = store(agents=False, agent_key_env="KEY")
    on = store(agents=True, agent_key_env="KEY")
    assert team.agent_id(off, "agent", keys) is None
    assert team.agent_id(on, "self", keys) is None  # an end user is never identified
    first = team.agent_id(on, "agent", keys)
    assert first is not None and first.startswith("a-") and len(first) == 18
    assert getpass.getuser() not in first
    assert team.agent_id(on, "agent", keys) == first  # stable: figures per agent add up
    other = team.agent_id(on, "agent", {"KEY": "another key"}.get)
    assert other != first  # without the key, nobody can tell whose it is
    assert team.agent_id(on, "agent", lambda _n: None) is None
