"""UI message catalogues (English, Finnish) and choosing the language."""

from __future__ import annotations

import os

from fixit.i18n import en, fi, report_en, report_fi, support_en, support_fi

LANGUAGES = ("en", "fi")
_CATALOGUES = {
    "en": {**en.MESSAGES, **report_en.MESSAGES, **support_en.MESSAGES},
    "fi": {**fi.MESSAGES, **report_fi.MESSAGES, **support_fi.MESSAGES},
}


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """--lang (or FIXIT_LANG), else the configuration, else the locale, else English."""
    for choice in (explicit, configured):
        if choice:
            return choice
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"


class Messages:
    """Look up UI text by key in one language, English as the fallback."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in _CATALOGUES else "en"
        self._table = _CATALOGUES[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        """The message for `key`, with `{name}` values filled in."""
        template = self._table.get(key) or _CATALOGUES["en"][key]
        return template.format(**values) if values else template
