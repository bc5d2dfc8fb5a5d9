"""Settings a target's declaration accepts but the target cannot use: a secret written into a URL
or a header (it belongs in a variable its `*_env` setting names), a relative folder, a format
the directory target cannot write. The configuration's reader reports each, with what to do."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fixit.i18n import N_, Msg, _
from fixit.params import ParamError
from fixit.submit.base import Target
from fixit.submit.registry import DIRECTORY_FORMATS, TYPES

#: URL query parameters that carry a secret, and header names that do (lower case)
SECRET_QUERY = frozenset(
    ("token", "key", "apikey", "api_key", "secret", "password", "sig", "signature", "access_token")
)
SECRET_HEADERS = frozenset(("authorization", "proxy-authorization", "cookie"))
SECRET_HEADER_ENDS = ("-token", "-key", "-secret", "-api-key")
#: how a type's `*_env` settings are used, where the name alone does not say it
SECRET_USE = {
    "webhook": N_("token_env (sent as Authorization: Bearer) or hmac_secret_env (signs the body)"),
}
# what to do with a secret found in the configuration, one sentence per place it was found
SECRET_HINTS = {
    "url": N_(
        "Remove it from the URL, put the secret in an environment variable or in the "
        "credentials file (see `fixit config path`), and give the variable's name in {envs}."
    ),
    "query": N_(
        "Remove {name}= from the URL, put the secret in an environment variable or in the "
        "credentials file (see `fixit config path`), and give the variable's name in {envs}."
    ),
    "header": N_(
        "Remove the header, put the secret in an environment variable or in the credentials "
        "file (see `fixit config path`), and give the variable's name in {envs}."
    ),
}


class SettingError(ParamError):
    """A setting its declaration accepts but its target cannot use; carries what to do.

    `str(error)` is the English message (the configuration's reader locates the key path in
    it); `message` and `hint` are the messages to show."""

    def __init__(self, message: Msg, hint: Msg) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def refused_settings(target: Target) -> list[SettingError]:
    """Settings that pass their declaration but that the target cannot use: a secret in a URL
    or a header, a relative folder, a format the directory target cannot write."""
    spec = TYPES[target.type]
    where = f"submit.targets.{target.name}"
    use = SECRET_USE.get(target.type)
    envs: Msg | str = _(use) if use else " or ".join(spec.secrets)
    problems: list[SettingError] = []
    for p in spec.params:
        value = target.settings.get(p.name)
        if p.kind == "url" and value:
            problems += _url_secrets(f"{where}.{p.name}", str(value), envs)
        if p.name == "headers" and value:
            problems += _header_secrets(f"{where}.headers", value, envs)
    if target.type == "directory":
        problems += _directory(where, target.settings)
    return problems


def _url_secrets(where: str, url: str, envs: Msg | str) -> list[SettingError]:
    parts = urllib.parse.urlsplit(url)
    problems = []
    if parts.password is not None:
        problems.append(
            SettingError(
                _(
                    "{where} cannot hold a password in the configuration (user:password@)",
                    where=where,
                ),
                _(SECRET_HINTS["url"], envs=envs),
            )
        )
    for name, __ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in SECRET_QUERY:
            problems.append(
                SettingError(
                    _(
                        "{where} cannot hold a secret in the configuration (its query "
                        "parameter {name})",
                        where=where,
                        name=repr(name),
                    ),
                    _(SECRET_HINTS["query"], name=name, envs=envs),
                )
            )
    return problems


def _header_secrets(where: str, headers: Mapping[str, str], envs: Msg | str) -> list[SettingError]:
    problems = []
    for name in headers:
        low = name.lower()
        if low in SECRET_HEADERS or low.endswith(SECRET_HEADER_ENDS):
            problems.append(
                SettingError(
                    _(
                        "{where}.{name} cannot hold a secret in the configuration",
                        where=where,
                        name=name,
                    ),
                    _(SECRET_HINTS["header"], envs=envs),
                )
            )
    return problems


def _directory(where: str, settings: Mapping[str, Any]) -> list[SettingError]:
    problems = []
    folder = str(settings.get("path") or "")
    if folder and not Path(folder).expanduser().is_absolute():
        problems.append(
            SettingError(
                _(
                    "{where}.path must be a full path to a folder, not the relative {folder}",
                    where=where,
                    folder=repr(folder),
                ),
                _("Give the folder from the root, e.g. /srv/share/tickets or ~/tickets."),
            )
        )
    for i, fmt in enumerate(settings.get("formats") or ()):
        if fmt not in DIRECTORY_FORMATS:
            problems.append(
                SettingError(
                    _(
                        "{where}.formats[{index}] is {format}, which a directory target cannot "
                        "write",
                        where=where,
                        index=i,
                        format=repr(fmt),
                    ),
                    _("List only formats from {formats}.", formats=", ".join(DIRECTORY_FORMATS)),
                )
            )
    return problems
