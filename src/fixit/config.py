"""Configuration layers (organisation, user, --config), validated once, read safely."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixit import paths
from fixit.errors import ConfigError
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, YamlError, is_null, load_file, to_python

TOP_KEYS = {"organisation", "support", "defaults", "trees", "checks", "redaction", "submit"}
SUPPORT_KEYS = {"email", "phone", "hours", "timezone"}
DEFAULT_KEYS = {"mode", "lang"}


@dataclass
class Config:
    """The configuration in force and the file each top-level value came from."""

    organisation: str = ""
    support: dict[str, str] = field(default_factory=dict)
    mode: str = "self"
    lang: str | None = None
    trees: list[Path] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def contact(self) -> str:
        """The support contact to show users: e-mail and phone when configured."""
        return ", ".join(v for v in (self.support.get("email"), self.support.get("phone")) if v)


def _bad(path: Path, at: Value | Scalar, message: str) -> ConfigError:
    return ConfigError(
        f"{path}:{at.line}:{at.col}: {message}",
        "Fix the configuration file (see `fixit config init` for an example).",
    )


def _text(path: Path, value: Value, what: str) -> str:
    if not isinstance(value, Scalar) or is_null(value):
        raise _bad(path, value, f"{what} must be text")
    return value.value


def _apply(cfg: Config, path: Path, root: Value) -> None:
    if not isinstance(root, Map):
        raise _bad(path, root, "the configuration must be a mapping")
    for key, scalar in root.keys.items():
        if key not in TOP_KEYS:
            raise _bad(path, scalar, f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})")
        cfg.origins[key] = str(path)
    items = root.items
    if "organisation" in items:
        cfg.organisation = _text(path, items["organisation"], "organisation")
    if "support" in items:
        support = items["support"]
        if not isinstance(support, Map):
            raise _bad(path, support, "support must be a mapping")
        for key, value in support.items.items():
            if key not in SUPPORT_KEYS:
                raise _bad(path, support.keys[key], f"unknown key support.{key}")
            cfg.support[key] = _text(path, value, f"support.{key}")
    if "defaults" in items:
        defaults = items["defaults"]
        if not isinstance(defaults, Map):
            raise _bad(path, defaults, "defaults must be a mapping")
        for key, value in defaults.items.items():
            if key not in DEFAULT_KEYS:
                raise _bad(path, defaults.keys[key], f"unknown key defaults.{key}")
            text = _text(path, value, f"defaults.{key}")
            allowed = ("self", "agent") if key == "mode" else ("en", "fi")
            if text not in allowed:
                raise _bad(path, value, f"defaults.{key} must be {' or '.join(allowed)}")
            setattr(cfg, key, text)
    if "trees" in items:
        trees = items["trees"]
        if not isinstance(trees, Seq):
            raise _bad(path, trees, "trees must be a list of folders")
        cfg.trees += [
            (path.parent / _text(path, t, "a tree folder")).expanduser() for t in trees.items
        ]
    if "checks" in items:
        _apply_checks(cfg, path, items["checks"])
    for key in ("redaction", "submit"):  # read by later features; kept as written
        if key in items:
            cfg.raw[key] = to_python(items[key])


def _apply_checks(cfg: Config, path: Path, section: Value) -> None:
    """Validate check settings against the registry's declared parameters, once, at load."""
    from fixit.diagnostics.registry import CHECKS
    from fixit.params import ParamError, resolve

    if not isinstance(section, Map):
        raise _bad(path, section, "checks must be a mapping of check id to settings")
    for cid, settings in section.items.items():
        spec = CHECKS.get(cid)
        if spec is None:
            known = ", ".join(sorted(CHECKS))
            raise _bad(path, section.keys[cid], f"unknown check {cid!r} (known: {known})")
        if not isinstance(settings, Map):
            raise _bad(path, settings, f"checks.{cid} must be a mapping of settings")
        merged = dict(cfg.checks.get(cid, {}))
        for key, value in settings.items.items():
            try:
                merged[key] = resolve(cid, spec.params, {key: to_python(value)})[key]
            except ParamError as exc:
                at = settings.keys[key] if key not in {p.name for p in spec.params} else value
                raise _bad(path, at, str(exc)) from None
        cfg.checks[cid] = merged


def load_config(explicit: Path | None = None) -> Config:
    """Organisation's file, then the user's, then --config; later values win."""
    cfg = Config()
    layers = [paths.system_config_dir() / "config.yaml", paths.user_config_dir() / "config.yaml"]
    for path in layers:
        if path.is_file():
            _load(cfg, path)
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(
                f"the configuration file {explicit} does not exist.",
                "Check the path given with --config or FIXIT_CONFIG.",
            )
        _load(cfg, explicit)
    return cfg


def _load(cfg: Config, path: Path) -> None:
    try:
        root = load_file(path)
    except YamlError as exc:
        raise ConfigError(str(exc.problem), "Fix the configuration file and try again.") from None
    _apply(cfg, path, root)
