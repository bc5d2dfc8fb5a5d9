"""The one explicit registry of submit targets: the settings each type takes (validated when the
configuration is read) and where its code lives (imported when a target of the type is used)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from fixit.params import Param, ParamError, convert
from fixit.submit.base import SecretLookup, Submitter, Target, TargetType

TIMEOUT = Param("timeout", "float", 20.0, 1.0, 300.0, "seconds for each connect and each read")


def _type(
    name: str,
    *params: Param,
    required: tuple[str, ...] = (),
    secrets: tuple[str, ...] = (),
) -> TargetType:
    return TargetType(name, (*params, TIMEOUT), required, secrets, name, "make")


TYPES: dict[str, TargetType] = {
    t.type: t
    for t in (
        _type(
            "email",
            Param("to", "strs", ()),
            Param("from", "str", ""),
            Param("host", "str", ""),
            Param("port", "int", 587, 1, 65535),
            Param("security", "str", "starttls", help="starttls, tls or none"),
            Param("username", "str", ""),
            Param("password_env", "str", ""),
            Param("subject_prefix", "str", "[fixit]"),
            required=("to", "from", "host"),
            secrets=("password_env",),
        ),
        _type(
            "redmine",
            Param("url", "url", ""),
            Param("project", "str", ""),
            Param("api_key_env", "str", ""),
            Param("tracker_id", "int", 0, 0),
            Param("priorities", "map", {}, help="urgency -> Redmine priority id"),
            required=("url", "project", "api_key_env"),
            secrets=("api_key_env",),
        ),
        _type(
            "zendesk",
            Param("url", "url", ""),
            Param("email", "str", ""),
            Param("token_env", "str", ""),
            Param("api", "str", "tickets", help="tickets (agent token) or requests (end user)"),
            Param("priorities", "map", {}, help="urgency -> Zendesk priority"),
            required=("url", "email", "token_env"),
            secrets=("token_env",),
        ),
        _type(
            "jira",
            Param("url", "url", ""),
            Param("service_desk_id", "str", ""),
            Param("request_type_id", "str", ""),
            Param("email", "str", ""),
            Param("token_env", "str", ""),
            required=("url", "service_desk_id", "request_type_id", "email", "token_env"),
            secrets=("token_env",),
        ),
        _type(
            "github",
            Param("repo", "str", ""),
            Param("token_env", "str", ""),
            Param("api_url", "url", "https://api.github.com"),
            Param("labels", "strs", ()),
            required=("repo", "token_env"),
            secrets=("token_env",),
        ),
        _type(
            "webhook",
            Param("url", "url", ""),
            Param("token_env", "str", ""),
            Param("hmac_secret_env", "str", ""),
            Param("headers", "map", {}),
            required=("url",),
            secrets=("token_env", "hmac_secret_env"),
        ),
        _type(
            "directory",
            Param("path", "str", ""),
            Param("formats", "strs", ("markdown", "json", "html")),
            required=("path",),
        ),
    )
}


def validate_target(name: str, raw: Mapping[str, Any]) -> Target:
    """A target's settings checked against its type; ParamError names the key path."""
    where = f"submit.targets.{name}"
    kind = raw.get("type")
    if kind not in TYPES:
        known = ", ".join(TYPES)
        raise ParamError(f"{where}.type must be one of {known}, not {kind!r}")
    spec = TYPES[str(kind)]
    known_params = {p.name: p for p in spec.params}
    settings = {p.name: p.default for p in spec.params}
    for key, value in raw.items():
        if key == "type":
            continue
        if key not in known_params:
            names = ", ".join(known_params)
            raise ParamError(f"{where}.{key} is not a setting of a {kind} target ({names})")
        settings[key] = convert(known_params[key], value, f"{where}.{key}")
    for key in spec.required:
        if settings.get(key) in ("", (), None):
            raise ParamError(f"{where} needs {key!r}")
    return Target(name, str(kind), settings)


def make_submitter(target: Target, secret: SecretLookup) -> Submitter:
    """The submitter for a validated target (its module is imported here, on first use)."""
    spec = TYPES[target.type]
    module = importlib.import_module(f"fixit.submit.{spec.module}")
    submitter: Submitter = getattr(module, spec.factory)(target, secret)
    return submitter
