"""Typed, validated settings: check parameters and submit-target keys in the configuration."""

from __future__ import annotations

import math
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fixit.i18n import Msg, _

KINDS = ("float", "int", "bool", "str", "url", "urls", "strs", "map")


class ParamError(ValueError):
    """A parameter value that does not fit its declaration; the message names the key path.

    `message` is what to show; `str(error)` is its English (the configuration's reader finds
    the key path in it)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Param:
    """One parameter of a check: its name, kind, default and allowed range."""

    name: str
    kind: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


ENABLED = Param("enabled", "bool", True, help="false turns the check off (it reports skipped)")


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str):
        kind = type(value).__name__
        raise ParamError(_("{where} must be a URL, not {kind}", where=where, kind=kind))
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParamError(
            _(
                "{where} must be an http:// or https:// URL with a host, not {value}",
                where=where,
                value=repr(value),
            )
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ParamError(
            _("{where} has a bad port: {value}", where=where, value=repr(value))
        ) from None
    return value


def _number(p: Param, value: Any, where: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParamError(_("{where} must be a number", where=where))
    not_a_number = _("{where} must be a number, not {value}", where=where, value=repr(value))
    try:
        number: float | int = int(value) if p.kind == "int" else float(value)
    except (ValueError, OverflowError):  # OverflowError: int() of an infinite float
        raise ParamError(not_a_number) from None
    if not math.isfinite(number):  # nan passes every range check; inf is no timeout either
        raise ParamError(not_a_number)
    if p.minimum is not None and number < p.minimum:
        raise ParamError(_("{where} must be at least {limit:g}", where=where, limit=p.minimum))
    if p.maximum is not None and number > p.maximum:
        raise ParamError(_("{where} must be at most {limit:g}", where=where, limit=p.maximum))
    return number


def _list(value: Any, where: str) -> Sequence[Any]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise ParamError(_("{where} must be a non-empty list", where=where))
    return value


def convert(p: Param, value: Any, where: str) -> Any:
    """Check one value against its declaration and return it in its Python type."""
    if p.kind in ("float", "int"):
        return _number(p, value, where)
    if p.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no"):
            return value.lower() in ("true", "yes")
        raise ParamError(_("{where} must be true or false", where=where))
    if p.kind == "str":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ParamError(_("{what} must be text", what=where))
        return str(value)
    if p.kind == "url":
        return _url(value, where)
    if p.kind == "urls":
        return tuple(_url(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))
    if p.kind == "strs":
        items = _list(value, where)
        if not all(isinstance(v, str) and v for v in items):
            raise ParamError(_("{where} must be a list of text", where=where))
        return tuple(items)
    if p.kind == "map":
        if not isinstance(value, dict):
            raise ParamError(_("{where} must be a mapping of names to values", where=where))
        out: dict[str, str] = {}
        for key, item in value.items():
            if isinstance(item, (dict, list)) or item is None:
                path = f"{where}.{key}"
                raise ParamError(_("{where} must be a single value", where=path))
            out[str(key)] = str(item)
        return out
    raise AssertionError(f"{where}: unknown parameter kind {p.kind!r}")  # pragma: no cover


def resolve(cid: str, declared: Sequence[Param], given: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters a check runs with: its defaults overlaid with validated settings."""
    known = {p.name: p for p in (*declared, ENABLED)}
    out = {p.name: p.default for p in known.values()}
    for key, value in (given or {}).items():
        if key not in known:
            path = f"checks.{cid}.{key}"
            raise ParamError(
                _(
                    "{where} is not a setting of {check} (settings: {names})",
                    where=path,
                    check=cid,
                    names=", ".join(known),
                )
            )
        out[key] = convert(known[key], value, f"checks.{cid}.{key}")
    return out
