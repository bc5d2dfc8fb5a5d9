"""The one explicit registry of submit targets: the settings each type takes (validated when the
configuration is read) and where its code lives (imported when a target of the type is used)."""

from __future__ import annotations

import importlib
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fixit.i18n import N_, Msg, _
from fixit.params import Param, ParamError, convert
from fixit.submit.base import Payload, SecretLookup, Submitter, Target, TargetType

TIMEOUT = Param("timeout", "float", 20.0, 1.0, 300.0, "seconds for each connect and each read")


#: the report's own files a target that takes them sends beside its body
REPORT_FILES = ("report.md", "report.json", "report.html")


def _type(
    name: str,
    *params: Param,
    required: tuple[str, ...] = (),
    secrets: tuple[str, ...] = (),
    body: str = "markdown",
    report_files: tuple[str, ...] = (),
    takes_files: bool = False,
    preview: str = "",
) -> TargetType:
    return TargetType(
        name,
        (*params, TIMEOUT),
        required,
        secrets,
        name,
        "make",
        body,
        report_files,
        takes_files,
        preview,
    )


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
            body="text",
            report_files=REPORT_FILES,
            takes_files=True,
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
            report_files=REPORT_FILES,
            takes_files=True,
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
            body="text",
            takes_files=True,
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
            body="text",
            takes_files=True,
            preview="description",
        ),
        _type(
            "github",
            Param("repo", "str", ""),
            Param("token_env", "str", ""),
            Param("api_url", "url", "https://api.github.com"),
            Param("labels", "strs", ()),
            required=("repo", "token_env"),
            secrets=("token_env",),
            preview="issue_body",
        ),
        _type(
            "webhook",
            Param("url", "url", ""),
            Param("token_env", "str", ""),
            Param("hmac_secret_env", "str", ""),
            Param("headers", "map", {}),
            required=("url",),
            secrets=("token_env", "hmac_secret_env"),
            body="json",
        ),
        _type(
            "directory",
            Param("path", "str", ""),
            Param("formats", "strs", ("markdown", "json", "html")),
            required=("path",),
            takes_files=True,
        ),
    )
}


#: what the directory target can write (fixit.submit.directory.FILES; a test keeps them equal)
DIRECTORY_FORMATS = ("markdown", "text", "html", "json")
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


def validate_target(name: str, raw: Mapping[str, Any]) -> Target:
    """A target's settings checked against its type; ParamError names the key path."""
    target, problems = check_target(name, raw)
    if problems:
        raise problems[0]
    assert target is not None
    return target


def check_target(name: str, raw: Mapping[str, Any]) -> tuple[Target | None, list[ParamError]]:
    """Every problem of a target's settings against its type's declarations, each naming its
    key path; the target (bad settings left at their defaults) unless the type is unknown."""
    where = f"submit.targets.{name}"
    kind = raw.get("type")
    if kind not in TYPES:
        known = ", ".join(TYPES)
        return None, [
            ParamError(
                _(
                    "{where}.type must be one of {known}, not {kind}",
                    where=where,
                    known=known,
                    kind=repr(kind),
                )
            )
        ]
    spec = TYPES[str(kind)]
    known_params = {p.name: p for p in spec.params}
    settings = {p.name: p.default for p in spec.params}
    problems: list[ParamError] = []
    for key, value in raw.items():
        if key == "type":
            continue
        if key not in known_params:
            names = ", ".join(known_params)
            problems.append(
                ParamError(
                    _(
                        "{where}.{key} is not a setting of a {kind} target ({names})",
                        where=where,
                        key=key,
                        kind=kind,
                        names=names,
                    )
                )
            )
            continue
        try:
            settings[key] = convert(known_params[key], value, f"{where}.{key}")
        except ParamError as exc:
            problems.append(exc)
    for key in spec.required:
        if key not in raw and settings.get(key) in ("", (), None):
            problems.append(ParamError(_("{where} needs {key}", where=where, key=repr(key))))
    return Target(name, str(kind), settings), problems


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


def sent_files(target: Target) -> list[str]:
    """The report files a target receives besides the body (a folder: its formats)."""
    if target.type == "directory":
        from fixit.submit.directory import FILES

        return [FILES[f] for f in target.settings.get("formats", ()) if f in FILES]
    return list(TYPES[target.type].report_files)


def sent_body(target: Target, payload: Payload) -> str:
    """The body exactly as the target receives it (GitHub's made inert, GitHub's and Jira's
    shortened to the service's limit)."""
    spec = TYPES[target.type]
    if spec.preview:
        module = importlib.import_module(f"fixit.submit.{spec.module}")
        return str(getattr(module, spec.preview)(payload))
    return str(getattr(payload, spec.body))


def make_submitter(target: Target, secret: SecretLookup) -> Submitter:
    """The submitter for a validated target (its module is imported here, on first use)."""
    spec = TYPES[target.type]
    module = importlib.import_module(f"fixit.submit.{spec.module}")
    submitter: Submitter = getattr(module, spec.factory)(target, secret)
    return submitter
