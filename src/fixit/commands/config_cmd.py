"""`fixit config show|path|init`: the configuration in force, where it lives, a starter file.

`show` never prints a secret: `*_env` settings show the variable's name and whether it is set,
secret-looking keys are hidden, URLs show only where they go (scheme, host and port, as the
submit preview does, without the path) and every known secret value is masked. `path` and
`init` work when the configuration is broken: that is when people need them."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fixit import access, credentials, paths, storage
from fixit.config import LAYERS, Config, config_files
from fixit.context import AppContext
from fixit.errors import ConfigError, ExitCode
from fixit.i18n import Messages, Msg, _, detect_language
from fixit.labels import CONFIG
from fixit.oserrors import reason

MASK = "•••••"
SECRET_KEY = re.compile(
    r"passw|passphrase|token|api[_-]?key|secret|auth|credential|private[_-]?key|cookie", re.I
)
URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]{0,20}://\S+")


def _settings(cfg: Config) -> Iterator[tuple[str, Any, str]]:
    """(dotted key, value, key whose origin applies) of every setting in force."""
    if cfg.organisation:
        yield "organisation", cfg.organisation, "organisation"
    for key, value in cfg.support.items():
        yield f"support.{key}", value, f"support.{key}"
    yield "defaults.mode", cfg.mode, "defaults.mode"
    if cfg.lang:
        yield "defaults.lang", cfg.lang, "defaults.lang"
    for i, folder in enumerate(cfg.trees):
        yield f"trees[{i}]", str(folder), f"trees[{i}]"
    for cid, settings in cfg.checks.items():
        for key, value in settings.items():
            yield from _flat(f"checks.{cid}.{key}", value)
    for kind, action in cfg.redaction.items():
        yield f"redaction.{kind}", action, f"redaction.{kind}"
    if cfg.default_target:
        yield "submit.default", cfg.default_target, "submit.default"
    for name, target in cfg.targets.items():
        prefix = f"submit.targets.{name}"
        yield f"{prefix}.type", target.type, f"{prefix}.type"
        for key, value in target.settings.items():
            if value not in ("", (), {}, None) or f"{prefix}.{key}" in cfg.origins:
                yield from _flat(f"{prefix}.{key}", value)
    if cfg.team is not None:  # the store's URL is shown as scheme://host[:port]/… (Masker.text)
        for key in ("store", "password_env", "agents", "agent_key_env", "timeout"):
            value = getattr(cfg.team, "url" if key == "store" else key)
            if value is not None:
                yield f"stats.{key}", value, f"stats.{key}"


def _flat(key: str, value: Any) -> Iterator[tuple[str, Any, str]]:
    """A mapping setting (headers, priorities) as one row per entry, under its own origin."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            yield f"{key}.{name}", item, key
    else:
        yield key, value, key


def _leaves(value: Any, key: str = "") -> Iterator[dict[str, Any]]:
    """Every single value of the raw configuration under its own key only: whether a value is
    secret depends on its key's name, never on a parent's (a target named `hooksecret`)."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            yield from _leaves(item, str(name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item, key)
    else:
        yield {key: value}


def shown_url(url: str) -> str:
    """A URL as shown by `config show`: see `urls.short_url`."""
    from fixit.urls import short_url

    return short_url(url)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


class Masker:
    """Turns setting values into text that is safe to show."""

    def __init__(self, cfg: Config, stored: Mapping[str, str]) -> None:
        from fixit.report.secrets import secret_values

        self.stored = stored
        known = secret_values({**stored, **os.environ}, list(_leaves(cfg.raw)))
        self._known = sorted(known, key=len, reverse=True)

    def row(self, key: str, value: Any) -> dict[str, Any]:
        """One setting for output: `value` safe to show, plus `variable`/`set` or `hidden`."""
        last = key.rsplit(".", 1)[-1]
        if last.endswith("_env"):
            where = credentials.source(str(value), self.stored)
            return {
                "value": str(value),
                "variable": str(value),
                "set": bool(where),
                "source": where,
            }
        if SECRET_KEY.search(last):
            return {"value": MASK, "hidden": True}
        if isinstance(value, (list, tuple)):
            return {"value": _text([self.text(_text(v)) for v in value])}
        return {"value": self.text(_text(value))}

    def text(self, text: str) -> str:
        """`text` with URLs shortened to where they go, and every known secret value masked."""
        from fixit.report.secrets import URL_CREDS

        text = URL.sub(lambda m: shown_url(m[0]), text)
        text = URL_CREDS.sub(lambda m: f"{m[1]}{m[2]}:{MASK}@", text)
        for secret in self._known:
            text = text.replace(secret, MASK)
        return text


def _stored_secrets(lang: str) -> dict[str, str]:
    """The credentials file's entries; a refused file is reported (in `lang`) and treated as
    empty."""
    try:
        return credentials.load()
    except ConfigError as exc:
        from fixit.i18n import localized
        from fixit.textsafe import visible

        message = localized(exc.message, lang)
        sys.stderr.write(f"fixit: warning: {visible(message)}\n")
        if exc.hint is not None:
            sys.stderr.write(f"hint: {visible(localized(exc.hint, lang))}\n")
        return {}


def rows(cfg: Config, lang: str) -> list[dict[str, Any]]:
    """The configuration in force, one dict per setting: key, value, from (never a secret); a
    refused credentials file is reported in `lang`."""
    masker = Masker(cfg, _stored_secrets(lang))
    out = []
    for key, value, origin in _settings(cfg):
        out.append({"key": key, **masker.row(key, value), "from": cfg.origins.get(origin)})
    return out


def _shown(row: Mapping[str, Any], msgs: Messages) -> str:
    if "variable" in row:
        state = {"environment": "set", "file": "file"}.get(row["source"] or "", "unset")
        return msgs(CONFIG[f"env.{state}"], name=row["variable"])
    return msgs(CONFIG["hidden"]) if row.get("hidden") else str(row["value"])


def show(ctx: AppContext, json_out: bool) -> int:
    """The configuration in force (or JSON): key, value, where it came from; then the files
    read, so a file that sets nothing (all comments) is seen to have been found."""
    found = rows(ctx.config, ctx.lang)
    if json_out:
        sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    from fixit.columns import print_columns

    m = ctx.msgs
    headers = [m(CONFIG[f"col.{col}"]) for col in ("key", "value", "from")]
    table = [[row["key"], _shown(row, m), row["from"] or m(CONFIG["default"])] for row in found]
    print_columns(headers, table, plain=ctx.plain)  # a table when it fits, else blocks
    sys.stdout.write("\n")
    headers = [m(CONFIG[f"col.{col}"]) for col in ("what", "path", "state")]
    print_columns(headers, list(_files_read(ctx, m)), plain=ctx.plain)
    return ExitCode.OK


def _files_read(ctx: AppContext, m: Messages) -> Iterator[list[str]]:
    """Each configuration file: read (and whether it sets anything), or why not."""
    cfg = ctx.config
    kinds = ("system", "user", "explicit")
    for kind, path in zip(kinds, config_files(ctx.config_path), strict=False):
        if path in cfg.files:
            sets = any(str(o).startswith(f"{path}:") for o in cfg.origins.values())
            state = m(CONFIG["read" if sets else "read_empty"])
        else:
            state = _state(path, m)
        yield [m(CONFIG[f"path.{kind}"]), str(path), state]


def _state(path: Path, msgs: Messages) -> str:
    """Whether `path` is there, and readable: a folder closed to this user is named, never a
    crash (this command is where people look when the configuration cannot be read)."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return msgs(CONFIG["missing"])
    except OSError as exc:
        if exc.errno in access.DENIED:
            return msgs(CONFIG["denied"], folder=access.blocked_folder(path) or path)
        return msgs(CONFIG["unreadable"], reason=reason(exc, "", lowercase=True))
    need = os.R_OK | (os.X_OK if stat.S_ISDIR(st.st_mode) else 0)
    if not os.access(path, need):
        return msgs(CONFIG["denied"], folder=path)
    return msgs(CONFIG["exists"])


def _config_state(path: Path, msgs: Messages, broken: str) -> str:
    """A configuration file's status; one the configuration's error names has errors."""
    state = _state(path, msgs)
    if state == msgs(CONFIG["exists"]) and f"{path}:" in broken:
        return msgs(CONFIG["has_errors"])
    return state


def _locations(ctx: AppContext, m: Messages, broken: str = "") -> Iterator[tuple[str, str, str]]:
    """(what, path, status) of every place fixit reads or writes; `broken` is the message of
    the configuration's error, if it has one."""
    system, user = config_files()
    yield m(CONFIG["path.system"]), str(system), _config_state(system, m, broken)
    yield m(CONFIG["path.user"]), str(user), _config_state(user, m, broken)
    given = ctx.config_path
    explicit = (
        (str(given), _config_state(given, m, broken)) if given else ("", m(CONFIG["not_given"]))
    )
    yield m(CONFIG["path.explicit"]), *explicit
    creds = credentials.credentials_path()
    status = _state(creds, m)
    try:
        if status == m(CONFIG["exists"]):
            credentials.load()  # only to tell whether the file would be accepted
    except ConfigError as exc:
        from fixit.i18n import localized

        status = localized(exc.message, m.lang)
    yield m(CONFIG["path.credentials"]), str(creds), status
    from fixit.trees.library import default_sources

    try:
        config_trees = ctx.config.trees
    except ConfigError:
        config_trees = []
    for source in default_sources(config_trees, ctx.trees_option):
        what = m(CONFIG["path.trees"], source=m(CONFIG[f"source.{source.kind}"]))
        yield what, str(source.path), _state(source.path, m)
    yield m(CONFIG["path.state"]), str(paths.state_dir()), _state(paths.state_dir(), m)
    yield m(CONFIG["path.cache"]), str(paths.cache_dir()), _state(paths.cache_dir(), m)


def _plain_messages(ctx: AppContext) -> Messages:
    """UI messages in the language of --lang / FIXIT_LANG or the locale: the configuration's
    `defaults.lang` is not read, so a broken configuration cannot stop the command."""
    return Messages(detect_language(ctx.lang_option))


def path(ctx: AppContext) -> int:
    """Where fixit looks for configuration, credentials and trees, and keeps state and cache."""
    from fixit.columns import print_columns
    from fixit.i18n import localized

    try:
        m = ctx.msgs
        broken: Msg | str = ""
        hint: Msg | None = None
    except ConfigError as exc:  # this is where people look when the configuration is wrong
        m = _plain_messages(ctx)
        broken, hint = exc.message, exc.hint
    # plain columns: a path is never broken across lines (one record per row when narrow)
    headers = [m(CONFIG[f"col.{col}"]) for col in ("what", "path", "state")]
    # the English names the files with a problem (file:line:col)
    found = [list(row) for row in _locations(ctx, m, str(broken))]
    print_columns(headers, found, plain=ctx.plain)
    if broken:
        error = localized(broken, m.lang)
        ctx.screen.line(m(CONFIG["broken"], error=error), "yellow")
        if hint:  # what to do, as the other commands say it (a closed folder: the command)
            ctx.screen.line(f"hint: {localized(hint, m.lang)}")
    return ExitCode.OK


def _check_target(target: Path, force: bool, what: tuple[Msg | str, Msg | str]) -> None:
    """Refuse a folder, a file that is there (unless `force`) and a place this user cannot
    open (named, with what to do, where `Path.is_dir` would crash)."""
    try:
        st = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise ConfigError(*access.unreadable(target, *what, exc=exc)) from None
    if stat.S_ISDIR(st.st_mode) or os.path.isdir(target):  # a link to a folder too
        raise ConfigError(
            _("{path} is a folder.", path=str(target)),
            _(
                "Give a file name inside it with --output, e.g. {example}.",
                example=str(target / "config.yaml"),
            ),
        )
    if not force:
        raise ConfigError(
            _("{path} already exists.", path=str(target)),
            _("Add --force to replace it, or write elsewhere with --output FILE."),
        )


def init(ctx: AppContext, output: Path | None, force: bool) -> int:
    """Write the commented starter configuration (0600, atomically); never over a file
    unless `force`. The configuration is not read: this is the way out of a broken one."""
    from fixit.config_starter import STARTER

    m = _plain_messages(ctx)
    target = output or config_files()[1]
    _check_target(target, force, LAYERS[1] if output is None else LAYERS[2])
    if output is None:
        storage.private_dir(target.parent)
    elif not os.path.isdir(target.parent):
        try:
            target.parent.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise ConfigError(
                _(
                    "cannot create the folder {path}: {reason}.",
                    path=str(target.parent),
                    reason=reason(exc),
                ),
                _("Choose another place with --output FILE."),
            ) from None
    storage.write_atomic(target, STARTER.encode("utf-8"))
    ctx.screen.line(m(CONFIG["init.wrote"], path=target), "bold")
    ctx.screen.line(m(CONFIG["init.next"]))
    return ExitCode.OK
