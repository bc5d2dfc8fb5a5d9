"""Validation of the configuration's sections, each error at file:line:col with its key path."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.errors import ConfigError
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, is_null, to_python

if TYPE_CHECKING:
    from fixit.config import Config
    from fixit.submit.base import Target

HINT = "Fix the configuration file (see `fixit config init` for an example)."
SECRET_HINT = (
    "Put the secret in an environment variable or in the credentials file (see `fixit config "
    "path`), and give the variable's name in {key}_env."
)
SUPPORT_KEYS = ("email", "phone", "hours", "timezone")
SUBMIT_KEYS = ("default", "targets")
TARGET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")


def bad(path: Path, at: Value | Scalar, message: str, hint: str = HINT) -> ConfigError:
    """An error in a configuration file at the position of `at`."""
    return ConfigError(f"{path}:{at.line}:{at.col}: {message}", hint)


def text(path: Path, value: Value, what: str) -> str:
    """A scalar's text, or an error naming the key path."""
    if not isinstance(value, Scalar) or is_null(value):
        raise bad(path, value, f"{what} must be text")
    return value.value


def mapping(path: Path, value: Value, what: str) -> Map:
    """A mapping, or an error naming the key path and what it should hold."""
    if not isinstance(value, Map):
        raise bad(path, value, f"{what} must be a mapping")
    return value


def record(cfg: Config, key: str, path: Path, at: Value | Scalar) -> None:
    """Remember where the value at dotted `key` came from: the file and line."""
    cfg.origins[key] = f"{path}:{at.line}"


def apply_support(cfg: Config, path: Path, section: Value) -> None:
    """support: e-mail, phone, opening hours (parsed) and time zone (checked), key by key."""
    from fixit.support_hours import parse_hours, zone

    support = mapping(path, section, "support")
    for key, value in support.items.items():
        if key not in SUPPORT_KEYS:
            raise bad(
                path, support.keys[key], f"unknown key support.{key} ({', '.join(SUPPORT_KEYS)})"
            )
        given = text(path, value, f"support.{key}")
        try:
            if key == "hours":
                cfg.hours = parse_hours(given)
            elif key == "timezone":
                zone(given)
        except ValueError as exc:
            raise bad(path, value, f"support.{key}: {exc}") from None
        cfg.support[key] = given
        record(cfg, f"support.{key}", path, support.keys[key])


def apply_checks(cfg: Config, path: Path, section: Value) -> None:
    """Check settings against the registry's declared parameters, key by key."""
    from fixit.diagnostics.registry import CHECKS
    from fixit.params import ParamError, resolve

    checks = mapping(path, section, "checks")
    for cid, settings in checks.items.items():
        spec = CHECKS.get(cid)
        if spec is None:
            known = ", ".join(sorted(CHECKS))
            raise bad(path, checks.keys[cid], f"unknown check {cid!r} (known: {known})")
        if not isinstance(settings, Map):
            raise bad(path, settings, f"checks.{cid} must be a mapping of settings")
        merged = dict(cfg.checks.get(cid, {}))
        for key, value in settings.items.items():
            try:
                merged[key] = resolve(cid, spec.params, {key: to_python(value)})[key]
            except ParamError as exc:
                at = settings.keys[key] if key not in {p.name for p in spec.params} else value
                raise bad(path, at, scrub(str(exc))) from None
            record(cfg, f"checks.{cid}.{key}", path, settings.keys[key])
        cfg.checks[cid] = merged


def apply_redaction(cfg: Config, path: Path, section: Value) -> None:
    """redaction: kind -> action, each checked with the report redactor's own policy check."""
    from fixit.report.redact import POLICY_KINDS, validate_policy

    if is_null(section):
        return
    if not isinstance(section, Map):
        try:
            validate_policy(to_python(section))
        except ValueError as exc:
            raise bad(path, section, str(exc)) from None
    assert isinstance(section, Map)
    for key, value in section.items.items():
        try:
            action = validate_policy({key: to_python(value)})[key]
        except ValueError as exc:
            raise bad(path, value if key in POLICY_KINDS else section.keys[key], str(exc)) from None
        cfg.redaction_overrides[key] = action
        record(cfg, f"redaction.{key}", path, section.keys[key])


def apply_submit(cfg: Config, path: Path, section: Value) -> None:
    """submit: the default target's name and the targets (a later file replaces a whole one)."""
    submit = mapping(path, section, "submit")
    for key, at in submit.keys.items():
        if key not in SUBMIT_KEYS:
            raise bad(path, at, f"unknown key submit.{key} ({', '.join(SUBMIT_KEYS)})")
    targets = submit.items.get("targets")
    if targets is not None and not is_null(targets):
        targets = mapping(path, targets, "submit.targets (target name -> settings)")
        for name, node in targets.items.items():
            target = _target(path, name, node, targets.keys[name])
            cfg.targets[name] = target
            prefix = f"submit.targets.{name}"
            for key in [k for k in cfg.origins if k == prefix or k.startswith(prefix + ".")]:
                del cfg.origins[key]
            record(cfg, prefix, path, targets.keys[name])
            for key, at in mapping(path, node, prefix).keys.items():
                record(cfg, f"{prefix}.{key}", path, at)
    if "default" in submit.items:
        value = submit.items["default"]
        cfg.default_target = text(path, value, "submit.default")
        record(cfg, "submit.default", path, submit.keys["default"])
        cfg.positions["submit.default"] = f"{path}:{value.line}:{value.col}"


def _target(path: Path, name: str, node: Value, at_name: Scalar) -> Target:
    """One target checked against its type's declared settings."""
    from fixit.params import ParamError
    from fixit.submit.registry import TYPES, validate_target

    where = f"submit.targets.{name}"
    if not TARGET_NAME.fullmatch(name):
        raise bad(path, at_name, f"{where}: a target name is letters, digits, - and _ (64 at most)")
    target = mapping(path, node, f"{where} (a type and its settings)")
    if "type" not in target.items:
        raise bad(path, at_name, f"{where} needs a type ({', '.join(TYPES)})")
    spec = TYPES.get(str(to_python(target.items["type"]))) if "type" in target.items else None
    known = {"type", *(p.name for p in spec.params)} if spec else {"type"}
    for key, at in target.keys.items():
        if f"{key}_env" in known:
            raise bad(
                path,
                at,
                f"{where}.{key} cannot hold a secret in the configuration",
                SECRET_HINT.format(key=key),
            )
    raw = to_python(target)
    assert isinstance(raw, dict)
    try:
        result = validate_target(name, raw)
    except ParamError as exc:
        found = locate(target, where, str(exc), known)
        raise bad(path, at_name if found is target else found, scrub(str(exc))) from None
    for key, value in result.settings.items():
        if key.endswith("_env") and value and not ENV_NAME.fullmatch(str(value)):
            raise bad(
                path,
                target.items[key],
                f"{where}.{key} must be the name of an environment variable, not the secret itself",
                SECRET_HINT.format(key=key[: -len("_env")]),
            )
    return result


def locate(node: Map, prefix: str, message: str, known: Collection[str]) -> Value | Scalar:
    """What a ParamError about `prefix.key...` points at: an unknown key's name, else the
    deepest value its key path names (the target itself when it names none)."""
    rest = message[len(prefix) :] if message.startswith(prefix) else ""
    at: Value | Scalar = node
    while rest:
        if isinstance(at, Map):
            keys = sorted(at.items, key=len, reverse=True)
            key = next((k for k in keys if re.match(rf"\.{re.escape(k)}(?![\w-])", rest)), None)
            if key is None:
                break
            if at is node and key not in known:
                return at.keys[key]
            at, rest = at.items[key], rest[len(key) + 1 :]
            continue
        index = re.match(r"\[(\d+)\]", rest)
        if not isinstance(at, Seq) or index is None or int(index[1]) >= len(at.items):
            break
        at, rest = at.items[int(index[1])], rest[index.end() :]
    return at


def scrub(message: str) -> str:
    """An error message with any password in a URL it quotes replaced."""
    from fixit.report.secrets import URL_CREDS

    return URL_CREDS.sub(lambda m: f"{m[1]}{m[2]}:<secret>@", message)
