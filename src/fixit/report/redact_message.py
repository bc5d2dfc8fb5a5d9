"""Messages kept as JSON inside a report (a probe's `error_msg` in check data): redacted so that
they still render in any language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol


class Redacts(Protocol):
    """What a message's redaction asks of the report's redactor."""

    def apply(self, value: Any) -> Any:
        """A copy of a JSON-like value with every string redacted."""

    def changes(self, s: str) -> bool:
        """Whether redaction would change `s` (nothing is counted)."""


#: a message as `i18n.to_json` keeps it; its keys, msgid, plural and context are fixit's own
_MESSAGE_KEYS = frozenset({"msg", "values", "plural", "n", "context", "en"})
_PLACEHOLDER = re.compile(r"\{\w*\}")


def is_message(value: object) -> bool:
    """Whether `value` is a message kept as JSON (`i18n.to_json`), and nothing besides."""
    return (
        isinstance(value, Mapping)
        and isinstance(value.get("msg"), str)
        and all(k in _MESSAGE_KEYS for k in value)
    )


def redact_message(value: Mapping[str, Any], redactor: Redacts) -> dict[str, Any] | str:
    """A kept message with its values and its English redacted, so that it still renders in
    any language: the values' names and the placeholders in its msgid stay as written (a
    machine named `host` must not turn `{host}` into a placeholder). A msgid whose own words
    redaction would change is not fixit's text: only its redacted English is kept."""
    english = redactor.apply(value.get("en")) if isinstance(value.get("en"), str) else ""
    words = (value.get(k) for k in ("msg", "plural"))
    if any(isinstance(w, str) and redactor.changes(_PLACEHOLDER.sub(" ", w)) for w in words):
        return str(english)
    out = {**value, "en": english}
    values = value.get("values")
    if isinstance(values, Mapping):
        out["values"] = {k: redactor.apply(v) for k, v in values.items()}
    return out
