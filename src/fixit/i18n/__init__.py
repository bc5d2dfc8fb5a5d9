"""Messages as values, translated at the edge with gettext; and choosing the language.

Code between the edges carries `Msg` values: the English text (the gettext msgid) and the values to
fill in. Only the edges render them in a language: the error boundary, the screen, the report
renderers and the payloads. `str(msg)` is English, for logs, crash logs and outbox files.

A language is a catalogue: `locale/<lang>/LC_MESSAGES/fixit.po`, compiled to `fixit.mo` beside it
(`python scripts/po.py compile`). The languages fixit speaks are English and those catalogues.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fixit.records import Record

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "fixit"
SOURCE_LANGUAGE = "en"


def _present() -> tuple[str, ...]:
    """English and every language with a compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


LANGUAGES = _present()


@functools.cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`; English (the msgids themselves) when there is none."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


@dataclass(frozen=True, repr=False, eq=False)  # repr, == and hash: Record's, one copy for all
class Msg(Record):
    """A message not yet in any language: its English text (the msgid) and its values.

    A value that is a `Msg` is translated with it; any other value (a path, a server's words, a
    name) is put in as it is."""

    id: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None
    context: str | None = None

    def render(self, lang: str) -> str:
        """The message in `lang`, values filled in; English where the catalogue has no entry."""
        text = self._template(translation(lang))
        if not self.values:
            return text
        filled = {k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.values.items()}
        try:
            return text.format_map(filled)
        except (KeyError, IndexError, ValueError):
            pass  # a translation whose placeholders went wrong: the English still says it
        english = self._template(gettext.NullTranslations())
        try:
            return english.format_map(filled)
        except (KeyError, IndexError, ValueError):  # a damaged file's message: never a crash
            return english

    def _template(self, t: gettext.NullTranslations) -> str:
        if self.plural is not None:
            n = self.n if self.n is not None else 0
            if self.context is not None:
                return t.npgettext(self.context, self.id, self.plural, n)
            return t.ngettext(self.id, self.plural, n)
        if self.context is not None:
            return t.pgettext(self.context, self.id)
        return t.gettext(self.id)

    def render_template(self, lang: str) -> str:
        """The message's text in `lang` with its placeholders not yet filled in."""
        return self._template(translation(lang))

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)

    def with_values(self, **values: object) -> Msg:
        """The same message with more values."""
        return Msg(self.id, {**self.values, **values}, self.plural, self.n, self.context)


def _(text: str, /, **values: object) -> Msg:
    """Mark `text` for translation: a message with its values, rendered later."""
    return Msg(text, values)


def N_(text: str, /) -> str:
    """Mark a literal for extraction only (module-level tables); `_(table[key])` renders it."""
    return text


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> Msg:
    """A message whose form depends on the number `n` (given to the text as `{n}` too)."""
    return Msg(singular, {"n": n, **values}, plural, n)


def pgettext(context: str, text: str, /, **values: object) -> Msg:
    """A message whose English is shared by meanings that translate differently."""
    return Msg(text, values, context=context)


def localized(message: Msg | str, lang: str) -> str:
    """`message` in `lang`; a plain string is somebody's own words (a server's, an exception's,
    or an older fixit's English kept in a file) and stays as it is."""
    return message.render(lang) if isinstance(message, Msg) else message


def language_of(locale_name: str) -> str | None:
    """The fixit language a locale name such as `sv_FI.UTF-8` asks for, when fixit speaks it."""
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """--lang (or FIXIT_LANG), else the configuration, else the locale, else English."""
    for choice in (explicit, configured):
        if choice:
            return choice
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return language_of(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


class Messages:
    """Renders messages in one language: the screen's and the report's edge."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE

    def __call__(self, message: Msg, /, **values: object) -> str:
        """`message` in this language, with `values` added to its own."""
        return (message.with_values(**values) if values else message).render(self.lang)


def to_json(message: Msg) -> dict[str, object]:
    """A message as a journal or outbox file keeps it: the msgid, the values and the English, so
    that it can be shown later in any language (and read as it is without fixit)."""
    out: dict[str, object] = {"msg": message.id, "values": _json_values(message.values)}
    if message.plural is not None:
        out["plural"], out["n"] = message.plural, message.n
    if message.context is not None:
        out["context"] = message.context
    out["en"] = str(message)
    return out


def _json_values(values: Mapping[str, object]) -> dict[str, object]:
    plain = (str, int, float, bool, type(None))
    return {
        k: to_json(v) if isinstance(v, Msg) else v if isinstance(v, plain) else str(v)
        for k, v in values.items()
    }


def from_json(obj: object) -> Msg | None:
    """A message `to_json` wrote; None when `obj` is not one (an older or damaged file)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("msg"), str):
        return None
    raw = obj.get("values")
    values = {
        str(k): from_json(v) or v if isinstance(v, dict) else v
        for k, v in (raw.items() if isinstance(raw, dict) else ())
    }
    plural, n, context = obj.get("plural"), obj.get("n"), obj.get("context")
    return Msg(
        obj["msg"],
        values,
        plural if isinstance(plural, str) else None,
        n if isinstance(n, int) else None,
        context if isinstance(context, str) else None,
    )
