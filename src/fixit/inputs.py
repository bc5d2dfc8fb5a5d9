"""Validation of typed input answers (text, email, number, datetime, choice, path)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
import string
from pathlib import Path

from fixit.i18n import Messages, Msg, _
from fixit.trees.model import localize
from fixit.trees.nodes import Input

EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y klo %H.%M",
    "%d.%m.%Y klo %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)
MAX_INPUT = 10_000


_SETTLED = re.compile(r"^(.*\S)\s+\(([^()]+)\)$")


def parse_datetime(value: str) -> dt.datetime | None:
    """A date or date and time in ISO or Finnish (31.12.2026 klo 14.00) form, also as a spoken
    phrase settled with its date ("eilen klo 8 (6.12.2026 klo 8.00)")."""
    text = " ".join(value.split())
    settled = _SETTLED.match(text)
    if settled:
        text = settled.group(2)
    for fmt in DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return _as_written(text)


_FIELD = {"year": r"\d{4}", "month": r"\d{1,2}", "day": r"\d{1,2}", "hour": r"\d{1,2}"}
_FIELD["minute"] = r"\d{2}"


@functools.cache
def _written_forms() -> tuple[re.Pattern[str], ...]:
    """Every language's own date and time formats (the catalogue's), as patterns: a date is
    accepted as fixit writes it in any language it speaks ("7.12.2026 kl. 9.05" in Swedish)."""
    from fixit.i18n import LANGUAGES
    from fixit.i18n.format import DATE_FORMAT, TIME_FORMAT

    forms = {m.render_template(lang) for m in (TIME_FORMAT, DATE_FORMAT) for lang in LANGUAGES}
    return tuple(re.compile(_pattern(form), re.IGNORECASE) for form in sorted(forms))


def _pattern(form: str) -> str:
    out = ""
    for literal, name, _spec, _conv in string.Formatter().parse(form):
        out += r"\s+".join(re.escape(part) for part in literal.split(" "))
        if name:
            out += f"(?P<{name}>{_FIELD.get(name, '.+?')})"
    return out


def _as_written(text: str) -> dt.datetime | None:
    for pattern in _written_forms():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        got = {k: int(v) for k, v in found.groupdict().items()}
        try:
            return dt.datetime(
                got["year"], got["month"], got["day"], got.get("hour", 0), got.get("minute", 0)
            )
        except (KeyError, ValueError):
            continue
    return None


def settle_datetime(value: str, lang: str, now: dt.datetime | None = None) -> str:
    """A date answer as it is kept: a written date as typed; a spoken one ("eilen klo 8") with
    the date it meant added, since "yesterday" means nothing in a report read next week."""
    from fixit.spoken_dates import read_spoken

    text = " ".join(value.split())
    if parse_datetime(text) is not None:
        return text
    spoken = read_spoken(text, now or dt.datetime.now())
    return f"{text} ({spoken.written(lang)})" if spoken else text


def _is_datetime(value: str) -> bool:
    from fixit.spoken_dates import read_spoken

    return parse_datetime(value) is not None or read_spoken(value, dt.datetime.now()) is not None


def input_error(node: Input, value: str, msgs: Messages, check_paths: bool = True) -> str | None:
    """Why a value does not fit an input node, in the user's language; None when it fits."""
    problem = input_problem(node, value, msgs.lang, check_paths)
    return msgs(problem) if problem is not None else None


def input_problem(node: Input, value: str, lang: str, check_paths: bool = True) -> Msg | None:
    """Why a value does not fit an input node; None when it fits. `lang` picks the language of
    the choices' labels the message lists (the tree's own text)."""
    stripped = value.strip()
    if not stripped:
        return _("This is required. Please type an answer.") if node.required else None
    if len(value) > MAX_INPUT:
        return _("That is too long ({limit} characters at most).", limit=MAX_INPUT)
    kind = node.type
    if kind == "text" and "\n" in value:
        return _("Please keep it on one line.")
    if kind == "email" and not EMAIL.match(stripped):
        return _("That does not look like an e-mail address (name@example.com).")
    if kind == "number" and not NUMBER.match(stripped):
        return _("Please type a number.")
    if kind == "datetime" and not _is_datetime(stripped):
        return _("Please give a date, e.g. 2026-11-20 14:30, 20.11. at 14:30 or yesterday 8:00.")
    if kind == "choice" and stripped not in {c.id for c in node.choices}:
        labels = ", ".join(localize(c.label, lang) for c in node.choices)
        return _("Please pick one of: {choices}.", choices=labels)
    if kind == "path" and check_paths:
        return _path_problem(stripped)
    return None


def _path_problem(value: str) -> Msg | None:
    path = Path(os.path.expanduser(value))
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL byte, which no path can hold
        return _("There is no such file. Check the path.")
    if not stat.S_ISREG(st.st_mode):
        return _("That is not a file.")
    if not os.access(path, os.R_OK):
        return _("That file cannot be read.")
    return None
