"""Configuration layers (organisation, user, --config, environment), validated once, read safely.

Every value's origin (file:line or variable name) is kept in `Config.origins` by dotted key path,
for `fixit config show`. Section validation lives in `fixit.config_sections`."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fixit import paths
from fixit.access import denied, unreadable
from fixit.config_known import apply_known
from fixit.config_model import Config as Config  # re-exported: where callers look for it
from fixit.config_sections import (
    HINT,
    ConfigProblem,
    apply_checks,
    apply_redaction,
    apply_submit,
    apply_support,
    bad,
    collecting,
    mapping,
    record,
    text,
)
from fixit.config_stats import apply_stats
from fixit.errors import ConfigError
from fixit.i18n import LANGUAGES, Msg, _, ngettext
from fixit.i18n.format import series
from fixit.msglines import lines, prefixed
from fixit.trees.yamlsafe import (
    EMPTY,
    Map,
    Problem,
    Scalar,
    Seq,
    Value,
    YamlError,
    is_null,
    load_file,
    to_python,
)

#: what each configuration file and its folder are, in the order of `config_files`
LAYERS: tuple[tuple[Msg, Msg], ...] = (
    (_("the organisation's configuration file"), _("the organisation's configuration folder")),
    (_("your configuration file"), _("your configuration folder")),
    (_("the configuration file"), _("the folder of the configuration file")),
)
TOP_KEYS = (
    "organisation",
    "support",
    "defaults",
    "trees",
    "checks",
    "redaction",
    "submit",
    "stats",
    "known",
)
DEFAULTS = {"mode": ("self", "agent"), "lang": LANGUAGES}
#: environment variables that override the files: variable -> dotted key path
ENVIRONMENT = {
    "FIXIT_LANG": "defaults.lang",
    "FIXIT_MODE": "defaults.mode",
    "FIXIT_SUBMIT_TO": "submit.default",
}


def _apply_defaults(cfg: Config, path: Path, section: Value) -> None:
    defaults = mapping(path, section, "defaults")
    for key, value in defaults.items.items():
        with collecting(cfg):
            if key not in DEFAULTS:
                message = _("unknown key defaults.{key} (mode, lang)", key=key)
                raise bad(path, defaults.keys[key], message)
            given = text(path, value, f"defaults.{key}")
            if given not in DEFAULTS[key]:
                allowed = either(DEFAULTS[key])
                message = _("defaults.{key} must be {allowed}", key=key, allowed=allowed)
                raise bad(path, value, message)
            setattr(cfg, key, given)
            record(cfg, f"defaults.{key}", path, defaults.keys[key])


def _apply_trees(cfg: Config, path: Path, section: Value) -> None:
    if not isinstance(section, Seq):
        raise bad(path, section, _("trees must be a list of folders"))
    for item in section.items:
        with collecting(cfg):
            if not isinstance(item, Scalar) or is_null(item):
                raise bad(path, item, _("a tree folder must be text"))
            folder = (path.parent / item.value).expanduser()
            record(cfg, f"trees[{len(cfg.trees)}]", path, item)
            cfg.trees.append(folder)


def _merge_raw(raw: dict[str, Any], key: str, value: Any) -> None:
    """Keep `raw` as the layers' merge: lists add up, targets replace whole, the rest by key."""
    old = raw.get(key)
    if isinstance(old, list) and isinstance(value, list):
        raw[key] = old + value
    elif isinstance(old, dict) and isinstance(value, dict):
        merged = dict(old)
        for k, v in value.items():
            inner = merged.get(k)
            deep = (key, k) == ("submit", "targets") or key == "checks"
            if deep and isinstance(inner, dict) and isinstance(v, dict):
                merged[k] = {**inner, **v}
            else:
                merged[k] = v
        raw[key] = merged
    else:
        raw[key] = value


def _apply(cfg: Config, path: Path, root: Value) -> None:
    if is_null(root):
        return
    if not isinstance(root, Map):
        raise bad(path, root, _("the configuration must be a mapping"))
    for key, scalar in root.keys.items():
        if key not in TOP_KEYS:
            known = ", ".join(sorted(TOP_KEYS))
            message = _("unknown key {key} (known: {known})", key=repr(key), known=known)
            cfg.problems.append(bad(path, scalar, message))
            continue
        record(cfg, key, path, scalar)
    items = root.items
    if "organisation" in items:
        with collecting(cfg):
            cfg.organisation = text(path, items["organisation"], "organisation")
    sections = {
        "support": apply_support,
        "defaults": _apply_defaults,
        "trees": _apply_trees,
        "checks": apply_checks,
        "redaction": apply_redaction,
        "submit": apply_submit,
        "stats": apply_stats,
        "known": apply_known,
    }
    for key, apply in sections.items():
        if key in items:
            with collecting(cfg):
                apply(cfg, path, items[key])
    for key, value in items.items():
        if key in TOP_KEYS:
            _merge_raw(cfg.raw, key, to_python(value))


def _apply_environment(cfg: Config, environ: Mapping[str, str]) -> None:
    """FIXIT_LANG, FIXIT_MODE and FIXIT_SUBMIT_TO override every file."""
    for var, key in ENVIRONMENT.items():
        value = environ.get(var, "").strip()
        if not value:
            continue
        if key == "submit.default":
            cfg.default_target = value
            cfg.positions[key] = var
        else:
            name = key.split(".")[1]
            if value not in DEFAULTS[name]:
                allowed = either([f"{var}={v}" for v in DEFAULTS[name]])
                cfg.problems.append(
                    ConfigError(
                        _(
                            "{var} must be {allowed}, not {value}.",
                            var=var,
                            allowed=either(DEFAULTS[name]),
                            value=repr(value),
                        ),
                        _("Set {allowed}, or unset it.", allowed=allowed),
                    )
                )
                continue
            setattr(cfg, name, value)
        cfg.origins[key] = var


def either(options: Sequence[str]) -> Msg | str:
    """`a, b or c`, the words between them in the message's language (the options are data)."""
    if len(options) < 2:
        return "".join(options)
    return _("{first} or {second}", first=series(list(options[:-1])), second=options[-1])


def _check_default(cfg: Config) -> None:
    """submit.default (or FIXIT_SUBMIT_TO) must name a target of the merged configuration."""
    name = cfg.default_target
    if name is None or name in cfg.targets or name in cfg.invalid_targets:
        return  # an invalid target is reported where it is written
    named = dict.fromkeys([*cfg.targets, *sorted(cfg.invalid_targets)])
    names: Msg | str = ", ".join(named) or _("none is configured")
    where = cfg.positions.get("submit.default", "submit.default")
    what = "FIXIT_SUBMIT_TO" if where == "FIXIT_SUBMIT_TO" else f"{where}: submit.default"
    hint = (
        _("Set FIXIT_SUBMIT_TO to one of the targets, or unset it.")
        if where == "FIXIT_SUBMIT_TO"
        else _("Name one of the targets under submit.targets.")
    )
    message = _(
        "{what} names {name}, which is not a submit target ({names}).",
        what=what,
        name=repr(name),
        names=names,
    )
    raise ConfigError(message, hint)


def config_files(explicit: Path | None = None) -> list[Path]:
    """The configuration files in the order they apply: organisation's, user's, --config."""
    files = [paths.system_config_dir() / "config.yaml", paths.user_config_dir() / "config.yaml"]
    return files + ([explicit] if explicit is not None else [])


def load_config(explicit: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Organisation's file, the user's, --config, then FIXIT_* variables; later values win.

    Every problem of every layer is reported at once (a file that is not YAML at all is one
    problem: nothing else in it can be read, but the other layers still are)."""
    cfg = Config()
    for path, what in zip(config_files(), LAYERS[:2], strict=True):
        with collecting(cfg):
            if _present(path, what):
                _load(cfg, path)
    if explicit is not None:
        try:
            _check_explicit(explicit)
        except ConfigError as exc:
            cfg.problems.append(exc)
        else:
            with collecting(cfg):
                _load(cfg, explicit)
    _apply_environment(cfg, os.environ if environ is None else environ)
    with collecting(cfg):
        _check_default(cfg)
    if cfg.problems:
        raise _all_problems(cfg.problems)
    return cfg


def _present(path: Path, what: tuple[Msg, Msg]) -> bool:
    """Whether a configuration file is there to read (a missing one is not an error); a file
    or a folder on its way this user cannot open is an error naming it and what to do."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise ConfigError(*unreadable(path, *what, exc=exc)) from None
    if not stat.S_ISREG(st.st_mode):
        return False
    if not os.access(path, os.R_OK):
        raise ConfigError(*denied(path, *what))
    return True


def _check_explicit(path: Path) -> None:
    """The file named by --config must be a file."""
    where = _("Check the path given with --config or FIXIT_CONFIG.")
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        message = _("the configuration file {path} does not exist.", path=str(path))
        raise ConfigError(message, where) from None
    except OSError as exc:
        raise ConfigError(*unreadable(path, *LAYERS[2], exc=exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(
            _("the configuration file {path} is a folder, not a file.", path=str(path)),
            _(
                "Give the path of a YAML file with --config or FIXIT_CONFIG, e.g. {example}.",
                example=str(path / "config.yaml"),
            ),
        )
    if not stat.S_ISREG(st.st_mode):
        message = _("the configuration file {path} is not a regular file.", path=str(path))
        raise ConfigError(message, where)
    if not os.access(path, os.R_OK):
        raise ConfigError(*denied(path, *LAYERS[2]))


def _all_problems(problems: list[ConfigError]) -> ConfigError:
    """One error for every problem: a lone one as it is; several listed, each with its own
    hint where it has one beyond the general one."""
    if len(problems) == 1:
        return problems[0]
    header = ngettext(
        "the configuration has {n} problem:", "the configuration has {n} problems:", len(problems)
    )
    shown: list[Msg | str] = [header]
    for problem in problems:
        shown.append(problem.message)
        if problem.hint and problem.hint != HINT:
            shown.append(prefixed("  hint: ", problem.hint))
    return ConfigError(lines(shown), HINT)


def _load(cfg: Config, path: Path) -> None:
    duplicates: list[Problem] = []  # one problem among the others: the first value is read
    try:
        root = load_file(path, problems=duplicates)
    except YamlError as exc:
        if exc.problem.message == EMPTY:  # only comments: nothing configured
            cfg.files.append(path)
            return
        hint = _("Fix the configuration file and try again.")
        raise ConfigError(exc.problem.as_msg(), hint) from None
    first = len(cfg.problems)
    for dup in duplicates:
        cfg.problems.append(ConfigProblem(path, dup.line, dup.col, dup.message, HINT))
    with collecting(cfg):
        _apply(cfg, path, root)
    # in the order they are written (sections are checked in a fixed order)
    cfg.problems[first:] = sorted(
        cfg.problems[first:], key=lambda p: (getattr(p, "line", 0), getattr(p, "col", 0))
    )
    cfg.files.append(path)
