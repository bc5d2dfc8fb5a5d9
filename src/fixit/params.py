"""Typed, validated settings: check parameters and submit-target keys in the configuration."""

from __future__ import annotations

import math
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KINDS = ("float", "int", "bool", "str", "url", "urls", "strs", "map")


class ParamError(ValueError):
    """A parameter value that does not fit its declaration; the message names the key path."""


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
        raise ParamError(f"{where} must be a URL, not {type(value).__name__}")
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParamError(f"{where} must be an http:// or https:// URL with a host, not {value!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ParamError(f"{where} has a bad port: {value!r}") from None
    return value


def _number(p: Param, value: Any, where: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParamError(f"{where} must be a number")
    try:
        number: float | int = int(value) if p.kind == "int" else float(value)
    except (ValueError, OverflowError):  # OverflowError: int() of an infinite float
        raise ParamError(f"{where} must be a number, not {value!r}") from None
    if not math.isfinite(number):  # nan passes every range check; inf is no timeout either
        raise ParamError(f"{where} must be a number, not {value!r}")
    if p.minimum is not None and number < p.minimum:
        raise ParamError(f"{where} must be at least {p.minimum:g}")
    if p.maximum is not None and number > p.maximum:
        raise ParamError(f"{where} must be at most {p.maximum:g}")
    return number


def _list(value: Any, where: str) -> Sequence[Any]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise ParamError(f"{where} must be a non-empty list")
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
        raise ParamError(f"{where} must be true or false")
    if p.kind == "str":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ParamError(f"{where} must be text")
        return str(value)
    if p.kind == "url":
        return _url(value, where)
    if p.kind == "urls":
        return tuple(_url(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))
    if p.kind == "strs":
        items = _list(value, where)
        if not all(isinstance(v, str) and v for v in items):
            raise ParamError(f"{where} must be a list of text")
        return tuple(items)
    if p.kind == "map":
        if not isinstance(value, dict):
            raise ParamError(f"{where} must be a mapping of names to values")
        out: dict[str, str] = {}
        for key, item in value.items():
            if isinstance(item, (dict, list)) or item is None:
                raise ParamError(f"{where}.{key} must be a single value")
            out[str(key)] = str(item)
        return out
    raise ParamError(f"{where}: unknown parameter kind {p.kind!r}")  # pragma: no cover


def resolve(cid: str, declared: Sequence[Param], given: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters a check runs with: its defaults overlaid with validated settings."""
    known = {p.name: p for p in (*declared, ENABLED)}
    out = {p.name: p.default for p in known.values()}
    for key, value in (given or {}).items():
        if key not in known:
            names = ", ".join(known) or "none"
            raise ParamError(f"checks.{cid}.{key} is not a setting of {cid} (settings: {names})")
        out[key] = convert(known[key], value, f"checks.{cid}.{key}")
    return out
