"""Reading positioned YAML values as the types the tree format expects, collecting problems."""

from __future__ import annotations

import re
from collections.abc import Callable

from fixit.i18n import Msg, _
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
        self.texts: list[tuple[Text, Value, Msg | str]] = []

    def error(self, at: Value | Scalar, message: Msg | str) -> None:
        """A problem at the position of `at`."""
        self.problems.append(Problem(self.name, at.line, at.col, message))

    def mapping(
        self,
        value: Value,
        what: Msg | str,
        allowed: set[str],
        *,
        not_mapping: Msg | None = None,
        unknown: Callable[[str], Msg] | None = None,
    ) -> Map | None:
        """A mapping with only `allowed` keys (each other key a problem), else None.

        `not_mapping` and `unknown` (given the key as quoted) are the problems in words of their
        own where the general ones (`{what} must be a mapping`) read badly in a language."""
        if not isinstance(value, Map):
            self.error(value, not_mapping or _("{what} must be a mapping", what=what))
            return None
        for key, scalar in value.keys.items():
            if key not in allowed:
                quoted = repr(key)
                message = unknown(quoted) if unknown else None
                self.error(
                    scalar, message or _("unknown key {key} in {what}", key=quoted, what=what)
                )
        return value

    def string(
        self, value: Value, what: Msg | str, pattern: re.Pattern[str] | None = None
    ) -> str | None:
        """A scalar's text (matching `pattern` when given), else None."""
        if not isinstance(value, Scalar) or is_null(value):
            self.error(value, _("{what} must be text", what=what))
            return None
        if pattern is not None and not pattern.match(value.value):
            self.error(
                value,
                _(
                    "{what} {value} is not a valid id (letters, digits, - and _)",
                    what=what,
                    value=repr(value.value),
                ),
            )
            return None
        return value.value

    def one_of(self, value: Value, what: Msg | str, options: tuple[str, ...]) -> str | None:
        """One of `options`, else None."""
        got = self.string(value, what)
        if got is not None and got not in options:
            message = _(
                "{what} must be one of {options}, not {value}",
                what=what,
                options=", ".join(options),
                value=repr(got),
            )
            self.error(value, message)
            return None
        return got

    def text(self, value: Value, what: Msg | str) -> Text | None:
        """A text: one string, or a mapping of language code to string."""
        if isinstance(value, Scalar) and not is_null(value):
            return self._checked({model.ANY_LANG: value.value}, value, what)
        if isinstance(value, Map) and value.items:
            out: dict[str, str] = {}
            for lang, item in value.items.items():
                if not LANG.match(lang):
                    self.error(
                        value.keys[lang],
                        _(
                            "{lang} in {what} is not a language code "
                            "(quote a text that contains a comma or a colon)",
                            lang=repr(lang),
                            what=what,
                        ),
                    )
                    continue
                got = self.string(item, _in_language(what, lang))
                if got is not None:
                    out[lang] = got
            self.languages.update(out)
            return self._checked(out, value, what)
        self.error(value, _("{what} must be text or a mapping of language code to text", what=what))
        return None

    def _checked(self, text: dict[str, str], at: Value, what: Msg | str) -> Text:
        for lang, body in text.items():
            if len(body) > MAX_TEXT:
                message = _(
                    "{what} ({lang}) is over {limit} characters",
                    what=what,
                    lang=lang or "text",
                    limit=MAX_TEXT,
                )
                self.error(at, message)
        self.texts.append((text, at, what))
        return text


def _in_language(what: Msg | str, lang: str) -> Msg:
    """`what` with the language it is written in: `title (fi)`."""
    return Msg("{what} ({lang})", {"what": what, "lang": lang})
