"""Validation of the configuration's sections, each error at file:line:col with its key path.

Every problem is collected (`collecting`), so one run reports them all."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.config_problems import locate, reason, scrubbed
from fixit.errors import ConfigError
from fixit.i18n import Msg, _
from fixit.msglines import prefixed
from fixit.trees.yamlsafe import Map, Scalar, Value, is_null, to_python

if TYPE_CHECKING:
    from fixit.config_model import Config
    from fixit.submit.base import Target

HINT = _("Fix the configuration file (see `fixit config init` for an example).")


def secret_hint(key: str) -> Msg:
    """What to do with a secret written into the configuration at `key`."""
    return _(
        "Put the secret in an environment variable or in the credentials file (see `fixit config "
        "path`), and give the variable's name in {key}_env.",
        key=key,
    )


SUPPORT_KEYS = ("email", "phone", "hours", "timezone")
SUBMIT_KEYS = ("default", "targets", "existing_ticket", "existing_hours")
TARGET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
EMAIL = re.compile(r"[^@\s\"<>(),;:]+@(?:[^@\s\"<>(),;:.]+\.)+[^@\s\"<>(),;:.]{2,}")
PHONE = re.compile(r"\+?[0-9 ()./-]+")
PHONE_DIGITS = 3


def _is_email(value: str) -> bool:
    return EMAIL.fullmatch(value) is not None


def _is_phone(value: str) -> bool:
    return PHONE.fullmatch(value) is not None and sum(c.isdigit() for c in value) >= PHONE_DIGITS


#: support key -> (whether a value fits, what is wrong, what to do)
SUPPORT_RULES: dict[str, tuple[Callable[[str], bool], Msg, Msg]] = {
    "email": (
        _is_email,
        _("support.email must be one e-mail address, like tuki@example.fi"),
        _("Write the address where support reads its mail."),
    ),
    "phone": (
        _is_phone,
        _(
            "support.phone must be a phone number: at least {digits} digits, and only "
            "digits, spaces and + ( ) - . /",
            digits=PHONE_DIGITS,
        ),
        _('Write the number users call, in quotes, like "+358 10 123 4567".'),
    ),
}


class ConfigProblem(ConfigError):
    """One problem at a place in a configuration file."""

    def __init__(self, path: Path, line: int, col: int, message: Msg | str, hint: Msg) -> None:
        super().__init__(prefixed(f"{path}:{line}:{col}: ", message), hint)
        self.line = line
        self.col = col


def bad(path: Path, at: Value | Scalar, message: Msg | str, hint: Msg = HINT) -> ConfigError:
    """An error in a configuration file at the position of `at`."""
    return ConfigProblem(path, at.line, at.col, message, hint)


@contextmanager
def collecting(cfg: Config) -> Iterator[None]:
    """Record a ConfigError raised inside as one of the configuration's problems, and go on."""
    try:
        yield
    except ConfigError as exc:
        cfg.problems.append(exc)


def text(path: Path, value: Value, what: Msg | str) -> str:
    """A scalar's text, or an error naming the key path."""
    if not isinstance(value, Scalar) or is_null(value):
        raise bad(path, value, _("{what} must be text", what=what))
    return value.value


def mapping(path: Path, value: Value, what: Msg | str) -> Map:
    """A mapping, or an error naming the key path and what it should hold."""
    if not isinstance(value, Map):
        raise bad(path, value, _("{what} must be a mapping", what=what))
    return value


def record(cfg: Config, key: str, path: Path, at: Value | Scalar) -> None:
    """Remember where the value at dotted `key` came from: the file and line."""
    cfg.origins[key] = f"{path}:{at.line}"


def apply_support(cfg: Config, path: Path, section: Value) -> None:
    """support: e-mail, phone, opening hours (parsed) and time zone (checked), key by key."""
    from fixit.support_hours import parse_hours, zone

    support = mapping(path, section, "support")
    for key, value in support.items.items():
        with collecting(cfg):
            if key not in SUPPORT_KEYS:
                known = ", ".join(SUPPORT_KEYS)
                message = _("unknown key support.{key} ({known})", key=key, known=known)
                raise bad(path, support.keys[key], message)
            given = text(path, value, f"support.{key}")
            try:
                if key == "hours":
                    cfg.hours = parse_hours(given)
                elif key == "timezone":
                    zone(given)
            except ValueError as exc:
                raise bad(path, value, prefixed(f"support.{key}: ", reason(exc))) from None
            if key in SUPPORT_RULES:
                fits, message, hint = SUPPORT_RULES[key]
                if not fits(given.strip()):
                    raise bad(path, value, message, hint)
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
            message = _("unknown check {check} (known: {known})", check=repr(cid), known=known)
            cfg.problems.append(bad(path, checks.keys[cid], message))
            continue
        if not isinstance(settings, Map):
            message = _("checks.{check} must be a mapping of settings", check=cid)
            cfg.problems.append(bad(path, settings, message))
            continue
        merged = dict(cfg.checks.get(cid, {}))
        for key, value in settings.items.items():
            try:
                merged[key] = resolve(cid, spec.params, {key: to_python(value)})[key]
            except ParamError as exc:
                at = settings.keys[key] if key not in {p.name for p in spec.params} else value
                cfg.problems.append(bad(path, at, scrubbed(reason(exc))))
                continue
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
            raise bad(path, section, reason(exc)) from None
    assert isinstance(section, Map)
    for key, value in section.items.items():
        try:
            action = validate_policy({key: to_python(value)})[key]
        except ValueError as exc:
            at = value if key in POLICY_KINDS else section.keys[key]
            cfg.problems.append(bad(path, at, reason(exc)))
            continue
        cfg.redaction_overrides[key] = action
        record(cfg, f"redaction.{key}", path, section.keys[key])


def apply_submit(cfg: Config, path: Path, section: Value) -> None:
    """submit: the default target's name and the targets (a later file replaces a whole one)."""
    submit = mapping(path, section, "submit")
    for key, at in submit.keys.items():
        if key not in SUBMIT_KEYS:
            known = ", ".join(SUBMIT_KEYS)
            message = _("unknown key submit.{key} ({known})", key=key, known=known)
            cfg.problems.append(bad(path, at, message))
    targets = submit.items.get("targets")
    if targets is not None and not is_null(targets):
        with collecting(cfg):
            targets = mapping(path, targets, _("submit.targets (target name -> settings)"))
            for name, node in targets.items.items():
                with collecting(cfg):
                    _apply_target(cfg, path, name, node, targets.keys[name])
    if "default" in submit.items:
        with collecting(cfg):
            value = submit.items["default"]
            cfg.default_target = text(path, value, "submit.default")
            record(cfg, "submit.default", path, submit.keys["default"])
            cfg.positions["submit.default"] = f"{path}:{value.line}:{value.col}"
    with collecting(cfg):
        apply_existing(cfg, path, submit)


def apply_existing(cfg: Config, path: Path, submit: Map) -> None:
    """submit.existing_ticket (add or new: what --yes does when there is a ticket to add the
    report to) and submit.existing_hours (how far back fixit looks for its own open tickets;
    0 looks for none)."""
    if "existing_ticket" in submit.items:
        value = submit.items["existing_ticket"]
        choice = text(path, value, "submit.existing_ticket")
        if choice not in ("add", "new"):
            message = _("submit.existing_ticket must be add or new, not {value}", value=choice)
            raise bad(path, value, message)
        cfg.existing_ticket = choice
        record(cfg, "submit.existing_ticket", path, submit.keys["existing_ticket"])
    if "existing_hours" in submit.items:
        value = submit.items["existing_hours"]
        said = text(path, value, "submit.existing_hours")
        try:
            hours = float(said)
        except ValueError:
            hours = -1.0
        if not 0 <= hours <= 168:
            message = _("submit.existing_hours must be a number of hours from 0 to 168")
            raise bad(path, value, message)
        cfg.existing_hours = hours
        record(cfg, "submit.existing_hours", path, submit.keys["existing_hours"])


def _apply_target(cfg: Config, path: Path, name: str, node: Value, at_name: Scalar) -> None:
    """One target, validated, in force with its origins (its name kept aside when invalid)."""
    prefix = f"submit.targets.{name}"
    cfg.invalid_targets.add(name)
    found = _target(path, name, node, at_name)
    if isinstance(found, list):
        cfg.problems += found
        return
    cfg.invalid_targets.discard(name)
    cfg.targets[name] = found
    for key in [k for k in cfg.origins if k == prefix or k.startswith(prefix + ".")]:
        del cfg.origins[key]
    record(cfg, prefix, path, at_name)
    for key, at in mapping(path, node, prefix).keys.items():
        record(cfg, f"{prefix}.{key}", path, at)


def _target(path: Path, name: str, node: Value, at_name: Scalar) -> Target | list[ConfigError]:
    """One target checked against its type's declared settings and what the type can use:
    the target, or every problem found in it."""
    from fixit.submit.registry import TYPES, check_target
    from fixit.submit.setting_rules import refused_settings

    where = f"submit.targets.{name}"
    if not TARGET_NAME.fullmatch(name):
        message = _("{where}: a target name is letters, digits, - and _ (64 at most)", where=where)
        raise bad(path, at_name, message)
    target = mapping(path, node, _("{where} (a type and its settings)", where=where))
    if "type" not in target.items:
        message = _("{where} needs a type ({types})", where=where, types=", ".join(TYPES))
        raise bad(path, at_name, message)
    spec = TYPES.get(str(to_python(target.items["type"])))
    known = {"type", *(p.name for p in spec.params)} if spec else {"type"}
    found: list[ConfigError] = []
    literal = [key for key in target.keys if f"{key}_env" in known]
    for key in literal:
        place = f"{where}.{key}"
        message = _("{where} cannot hold a secret in the configuration", where=place)
        found.append(bad(path, target.keys[key], message, secret_hint(key)))
    raw = to_python(target)
    assert isinstance(raw, dict)
    result, problems = check_target(name, {k: v for k, v in raw.items() if k not in literal})
    if result is not None:
        problems += refused_settings(result)
    for exc in problems:
        at = locate(target, where, str(exc), known)
        hint = getattr(exc, "hint", HINT)
        found.append(bad(path, at_name if at is target else at, scrubbed(reason(exc)), hint))
    if result is None:
        return found
    for key, value in result.settings.items():
        if key.endswith("_env") and value and not ENV_NAME.fullmatch(str(value)):
            place = f"{where}.{key}"
            message = _(
                "{where} must be the name of an environment variable, not the secret itself",
                where=place,
            )
            hint = secret_hint(key[: -len("_env")])
            found.append(bad(path, target.items[key], message, hint))
    return found or result
