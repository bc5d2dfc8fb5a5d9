"""The one explicit registry of submit targets: the settings each type takes (validated when the
configuration is read) and where its code lives (imported when a target of the type is used)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from fixit.i18n import _
from fixit.params import Param, ParamError, convert
from fixit.submit.base import (
    CaseFinder,
    Noter,
    Payload,
    SecretLookup,
    Submitter,
    Target,
    TargetType,
)

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
    note: str = "",
    cases: bool = False,
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
        note,
        cases,
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
            preview="description",
            note="note",
            cases=True,
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
            note="comment",
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
            note="comment",
            cases=True,
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
            note="comment",
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


def sent_files(target: Target, payload: Payload | None = None) -> list[str]:
    """The report files a target receives besides the body (a folder: its formats; a note on
    an existing ticket: none, the note is the report)."""
    if payload is not None and adds_note(target, payload):
        return []
    if target.type == "directory":
        from fixit.submit.directory import FILES

        return [FILES[f] for f in target.settings.get("formats", ()) if f in FILES]
    return list(TYPES[target.type].report_files)


def can_add(target: Target) -> bool:
    """Whether the target can add a report to an existing ticket (a note or a comment)."""
    return bool(TYPES[target.type].note)


def default_adds(targets: Mapping[str, Target], default: str | None) -> bool:
    """Whether the target a report goes to without `--to` (the default, or the only one) adds
    it to an existing ticket; False when it sends a new report naming the ticket (directory,
    webhook, e-mail) or when no one target is chosen. For the words that promise "added to"."""
    name = default or (next(iter(targets)) if len(targets) == 1 else None)
    target = targets.get(name) if name is not None else None
    return target is not None and target.type in TYPES and can_add(target)


def adds_note(target: Target, payload: Payload) -> bool:
    """Whether this payload goes as a note on an existing ticket of this target."""
    return bool(payload.add_to) and can_add(target)


def sent_body(target: Target, payload: Payload) -> str:
    """The body exactly as the target receives it (GitHub's made inert, GitHub's and Jira's
    shortened to the service's limit; a note on an existing ticket as the note)."""
    spec = TYPES[target.type]
    if adds_note(target, payload):
        module = importlib.import_module(f"fixit.submit.{spec.module}")
        return str(getattr(module, spec.note)(payload))
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


def make_noter(target: Target, secret: SecretLookup) -> Noter:
    """The submitter for a target that can add to an existing ticket (see `can_add`)."""
    spec = TYPES[target.type]
    module = importlib.import_module(f"fixit.submit.{spec.module}")
    noter: Noter = getattr(module, spec.factory)(target, secret)
    return noter


def make_finder(target: Target, secret: SecretLookup) -> CaseFinder | None:
    """The case search of a target that has one (`TargetType.cases`), else None."""
    spec = TYPES[target.type]
    if not spec.cases:
        return None
    module = importlib.import_module(f"fixit.submit.{spec.module}")
    finder: CaseFinder = getattr(module, spec.factory)(target, secret)
    return finder
