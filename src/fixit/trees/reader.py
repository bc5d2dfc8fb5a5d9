"""Reading positioned YAML values as the types the tree format expects, collecting problems."""

from __future__ import annotations

import re

from fixit.trees import model
from fixit.trees.model import Text
from fixit.trees.yamlsafe import Map, Problem, Scalar, Value, is_null

LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
MAX_TEXT = 10_000


class Reader:
    """Collects problems while reading one file's values."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.languages: set[str] = set()
        self.texts: list[tuple[Text, Value, str]] = []

    def error(self, at: Value | Scalar, message: str) -> None:
        self.problems.append(Problem(self.name, at.line, at.col, message))

    def mapping(self, value: Value, what: str, allowed: set[str]) -> Map | None:
        if not isinstance(value, Map):
            self.error(value, f"{what} must be a mapping")
            return None
        for key, scalar in value.keys.items():
            if key not in allowed:
                self.error(scalar, f"unknown key {key!r} in {what}")
        return value

    def string(self, value: Value, what: str, pattern: re.Pattern[str] | None = None) -> str | None:
        if not isinstance(value, Scalar) or is_null(value):
            self.error(value, f"{what} must be text")
            return None
        if pattern is not None and not pattern.match(value.value):
            self.error(
                value, f"{what} {value.value!r} is not a valid id (letters, digits, - and _)"
            )
            return None
        return value.value

    def one_of(self, value: Value, what: str, options: tuple[str, ...]) -> str | None:
        got = self.string(value, what)
        if got is not None and got not in options:
            self.error(value, f"{what} must be one of {', '.join(options)}, not {got!r}")
            return None
        return got

    def text(self, value: Value, what: str) -> Text | None:
        if isinstance(value, Scalar) and not is_null(value):
            return self._checked({model.ANY_LANG: value.value}, value, what)
        if isinstance(value, Map) and value.items:
            out: dict[str, str] = {}
            for lang, item in value.items.items():
                if not LANG.match(lang):
                    self.error(
                        value.keys[lang],
                        f"{lang!r} in {what} is not a language code "
                        "(quote a text that contains a comma or a colon)",
                    )
                    continue
                got = self.string(item, f"{what} ({lang})")
                if got is not None:
                    out[lang] = got
            self.languages.update(out)
            return self._checked(out, value, what)
        self.error(value, f"{what} must be text or a mapping of language code to text")
        return None

    def _checked(self, text: dict[str, str], at: Value, what: str) -> Text:
        for lang, body in text.items():
            if len(body) > MAX_TEXT:
                self.error(at, f"{what} ({lang or 'text'}) is over {MAX_TEXT} characters")
        self.texts.append((text, at, what))
        return text
