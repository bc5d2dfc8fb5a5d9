"""The `stats:` section: where the team's statistics store is (`store: postgresql://…`), where its
password comes from, and whether per-agent figures are kept (off unless switched on)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.config_model import TIMEOUT, TeamStore
from fixit.config_sections import ENV_NAME, bad, collecting, mapping, record, secret_hint, text
from fixit.i18n import _
from fixit.trees.yamlsafe import Scalar, Value, is_null

if TYPE_CHECKING:
    from fixit.config_model import Config

STATS_KEYS = ("store", "password_env", "agents", "agent_key_env", "timeout")
SCHEMES = ("postgresql", "postgres")
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
STORE_HINT = _(
    "Write it as postgresql://USER@HOST[:PORT]/DATABASE, with the password in the environment "
    "variable named in stats.password_env."
)


def check_store(url: str) -> str | None:
    """What is wrong with a store URL (English, for the message), or None when it will do."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "unreadable"
    if parts.scheme not in SCHEMES:
        return "scheme"
    if not parts.hostname:
        return "host"
    if parts.password is not None:
        return "password"
    query = urllib.parse.parse_qs(parts.query)
    if "password" in query:
        return "password"
    modes = query.get("sslmode", [])
    if any(m not in SSLMODES for m in modes):
        return "sslmode"
    return None


def apply_stats(cfg: Config, path: Path, section: Value) -> None:
    """stats: the store's URL (no secret in it), password_env, agents, agent_key_env, timeout."""
    if is_null(section):
        return
    stats = mapping(path, section, "stats")
    values: dict[str, object] = {}
    for key, value in stats.items.items():
        with collecting(cfg):
            if key not in STATS_KEYS:
                known = ", ".join(STATS_KEYS)
                message = _("unknown key stats.{key} ({known})", key=key, known=known)
                raise bad(path, stats.keys[key], message)
            values[key] = _value(path, key, value)
            record(cfg, f"stats.{key}", path, stats.keys[key])
    old = cfg.team
    url = str(values.get("store", old.url if old else ""))
    if not url:
        if values:
            cfg.problems.append(bad(path, section, _("stats needs a store (its URL)"), STORE_HINT))
        return
    agents = bool(values.get("agents", old.agents if old else False))
    key_env = _get(values, "agent_key_env", old.agent_key_env if old else None)
    if agents and key_env is None:
        message = _("stats.agents needs stats.agent_key_env (the key that makes agent ids opaque)")
        hint = _("Name an environment variable that holds a long random key, or switch agents off.")
        cfg.problems.append(bad(path, stats.keys.get("agents", section), message, hint))
        return
    cfg.team = TeamStore(
        url=url,
        password_env=_get(values, "password_env", old.password_env if old else None),
        agents=agents,
        agent_key_env=key_env,
        timeout=float(values.get("timeout", old.timeout if old else TIMEOUT)),  # type: ignore[arg-type]
    )


def _get(values: dict[str, object], key: str, default: str | None) -> str | None:
    found = values.get(key, default)
    return str(found) if found else None


def _value(path: Path, key: str, value: Value) -> object:
    """One setting, checked."""
    given_text = text(path, value, f"stats.{key}").strip()
    if key == "agents":
        if given_text.lower() not in ("true", "false"):
            raise bad(path, value, _("stats.agents must be true or false"))
        return given_text.lower() == "true"
    if key == "timeout":
        try:
            seconds = float(given_text)
        except ValueError:
            seconds = 0.0
        if not 0 < seconds <= 60:  # also NaN
            raise bad(path, value, _("stats.timeout must be a number of seconds, 60 at most"))
        return seconds
    if key.endswith("_env"):
        if not ENV_NAME.fullmatch(given_text):
            place = f"stats.{key}"
            message = _(
                "{where} must be the name of an environment variable, not the secret itself",
                where=place,
            )
            raise bad(path, value, message, secret_hint(key[: -len("_env")]))
        return given_text
    return _store(path, value, given_text)


def _store(path: Path, at: Scalar | Value, url: str) -> str:
    """The store's URL, or the error that says what is wrong with it (never quoting it)."""
    problem = check_store(url)
    if problem == "password":
        message = _("stats.store cannot hold a secret in the configuration")
        raise bad(path, at, message, secret_hint("password"))
    if problem == "sslmode":
        modes = ", ".join(SSLMODES)
        message = _("stats.store: sslmode must be one of {modes}", modes=modes)
        raise bad(path, at, message)
    if problem is not None:
        message = _("stats.store must be a PostgreSQL URL (postgresql://HOST/DATABASE)")
        raise bad(path, at, message, STORE_HINT)
    return url
