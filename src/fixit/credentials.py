"""Secrets for submit targets: an environment variable, else the user's private credentials file.

Values are returned to the submitter that asked and never logged, shown or put in an error."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from fixit import paths
from fixit.access import unreadable
from fixit.errors import ConfigError
from fixit.i18n import _
from fixit.msglines import prefixed
from fixit.trees.yamlsafe import EMPTY, Map, Scalar, YamlError, is_null, load_file

FILE = "credentials.yaml"
WHAT = (_("your credentials file"), _("your configuration folder"))


def credentials_path() -> Path:
    """The credentials file: $XDG_CONFIG_HOME/fixit/credentials.yaml."""
    return paths.user_config_dir() / FILE


def _check_private(path: Path, st: os.stat_result) -> None:
    """Refuse a file that is not a regular file of this user with mode 0600 or stricter."""
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(
            _("{path} is not a regular file.", path=str(path)),
            _("Replace it with a plain file (a link or a folder is not accepted for secrets)."),
        )
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows: the user's profile folder is private
        return
    if st.st_uid != getuid():
        raise ConfigError(
            _("{path} belongs to another user (uid {uid}).", path=str(path), uid=st.st_uid),
            _(
                "Make a credentials file of your own, or run `chown {uid} {path}`.",
                uid=getuid(),
                path=str(path),
            ),
        )
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077:
        message = (
            _("{path} can be read by other users (mode {mode:04o}).", path=str(path), mode=mode)
            if mode & 0o044
            else _(
                "{path} can be changed by other users (mode {mode:04o}).", path=str(path), mode=mode
            )
        )
        raise ConfigError(message, _("Run `chmod 600 {path}`.", path=str(path)))


def load(path: Path | None = None) -> dict[str, str]:
    """Every name and value in the credentials file ({} when there is none)."""
    path = path or credentials_path()
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return {}
    except OSError as exc:  # a closed folder on the way is named, with what to do
        raise ConfigError(*unreadable(path, *WHAT, exc=exc)) from None
    _check_private(path, st)
    try:
        root = load_file(path)
    except YamlError as exc:
        if exc.problem.message == EMPTY:
            return {}
        hint = _("Fix the credentials file and try again.")
        raise ConfigError(exc.problem.as_msg(), hint) from None
    if not isinstance(root, Map):
        raise ConfigError(
            prefixed(
                f"{path}:{root.line}:{root.col}: ",
                _("the credentials file must map names to values."),
            ),
            _("Write one `NAME: value` line for each secret, e.g. `REDMINE_API_KEY: ...`."),
        )
    out: dict[str, str] = {}
    for name, value in root.items.items():
        if not isinstance(value, Scalar) or is_null(value):
            shown = name if name.isidentifier() else repr(name)  # an empty or multi-line name
            raise ConfigError(
                prefixed(
                    f"{path}:{value.line}:{value.col}: ",
                    _("{name} must be a single value.", name=shown),
                ),
                _(
                    "Write it as `{name}: value` on one line (quote it if it has special "
                    "characters).",
                    name=name,
                ),
            )
        out[name] = value.value
    return out


def lookup(name: str) -> str | None:
    """The secret called `name`: the environment variable, else the credentials file's entry."""
    value = (os.environ.get(name) or "").strip()  # a trailing newline is a copy-paste slip
    if value:
        return value
    return (load().get(name) or "").strip() or None


def source(name: str, stored: Mapping[str, str]) -> str | None:
    """Where the secret `name` is set: "environment", "file" (in `stored`), or None."""
    if os.environ.get(name):
        return "environment"
    return "file" if stored.get(name) else None
