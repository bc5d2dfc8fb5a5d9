"""The keys of one known issue read from positioned YAML, each fault recorded in the reader at
its place: id, texts and their languages, affects, times, ticket, new_reports and url."""

from __future__ import annotations

import datetime as dt

from fixit.i18n import Msg, _
from fixit.known.model import Affects
from fixit.known.rules import (
    AFFECTS_KEYS,
    ISSUE_ID,
    MAX_LIST,
    MAX_TITLE,
    MAX_URL,
    TAG,
    TICKET,
    TIME_EXAMPLE,
    URL,
    parse_time,
)
from fixit.trees.reader import Reader
from fixit.trees.summaries import ANY_LANG, Text
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, scalar_bool


def field_name(issue: str, key: str) -> Msg:
    """A key of an issue, as faults name it: `issue 'x' since`."""
    return _("issue {id} {key}", id=repr(issue), key=key)


def read_id(r: Reader, value: Value | None) -> str | None:
    if value is None:
        return None
    got = r.string(value, "id")
    if got is not None and not ISSUE_ID.match(got):
        message = _(
            "issue id {id} is not valid (lowercase letters, digits, ., - and _; 64 at most)",
            id=repr(got),
        )
        r.error(value, message)
        return None
    return got


def read_text(r: Reader, value: Value, issue: str, key: str) -> Text | None:
    text = r.text(value, field_name(issue, key))
    if text is None or key != "title":
        return text
    if any(len(t) > MAX_TITLE for t in text.values()):
        message = _(
            "issue {id}: a title is {limit} characters at most", id=repr(issue), limit=MAX_TITLE
        )
        r.error(value, message)
    elif not all(t.strip() for t in text.values()):
        r.error(value, _("issue {id}: a title cannot be empty", id=repr(issue)))
    return text


def check_languages(r: Reader, issue: Map, texts: dict[str, Text | None], where: str) -> None:
    """Every text written per language has each language any of the issue's texts has."""
    langs = {lang for t in texts.values() if t for lang in t if lang != ANY_LANG}
    for key, text in texts.items():
        if not text or ANY_LANG in text:
            continue
        for lang in sorted(langs - set(text)):
            message = _(
                "issue {id} {key} has no {lang} text, which its other texts have",
                id=repr(where),
                key=key,
                lang=lang,
            )
            r.error(issue.items[key], message)


def read_affects(r: Reader, value: Value, issue: str) -> Affects:
    what = field_name(issue, "affects")
    found = r.mapping(value, what, set(AFFECTS_KEYS))
    if found is None:
        return Affects()
    before = len(r.problems)
    lists = {
        key: _list(r, found.items[key], issue, key) for key in AFFECTS_KEYS if key in found.items
    }
    affects = Affects(**{k: tuple(v) for k, v in lists.items()})
    if not affects and len(r.problems) == before:
        r.error(
            value,
            _("issue {id}: affects must name at least one tree, tag, check or URL", id=repr(issue)),
        )
    return affects


def _list(r: Reader, value: Value, issue: str, key: str) -> list[str]:
    """One of affects' lists, each item checked by its kind."""
    what = field_name(issue, f"affects.{key}")  # issue 'x' affects.trees
    if not isinstance(value, Seq):
        r.error(value, _("{what} must be a list", what=what))
        return []
    if len(value.items) > MAX_LIST:
        r.error(value, _("{what} has more than {limit} items", what=what, limit=MAX_LIST))
        return []
    out: list[str] = []
    for item in value.items:
        got = read_url(r, item, what) if key == "urls" else r.string(item, what)
        fault = _entry_fault(key, got, what) if got is not None else None
        if fault is not None:
            r.error(item, fault)
        elif got is not None:
            out.append(got)
    return out


def _entry_fault(key: str, got: str, what: Msg) -> Msg | None:
    """What is wrong with one entry of a list of affects, or None."""
    from fixit.diagnostics.registry import KNOWN_CHECKS
    from fixit.trees.node_keys import TREE_ID

    if key == "checks" and got not in KNOWN_CHECKS:
        known = ", ".join(sorted(KNOWN_CHECKS))
        return _("unknown check {check} (known: {known})", check=repr(got), known=known)
    if key == "trees" and not TREE_ID.match(got):
        return _("{what}: {value} is not a tree id", what=what, value=repr(got))
    if key == "tags" and not TAG.match(got):
        return _(
            "{what}: {value} is not a tag (one word, 64 characters at most)",
            what=what,
            value=repr(got),
        )
    return None


def read_times(
    r: Reader, items: dict[str, Value], issue: str
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """`since` and `until`, each a time, `until` the later."""
    since = _time(r, items.get("since"), issue, "since")
    until = _time(r, items.get("until"), issue, "until")
    if since is not None and until is not None and until <= since:
        r.error(items["until"], _("issue {id}: until must be later than since", id=repr(issue)))
    return since, until


def _time(r: Reader, value: Value | None, issue: str, key: str) -> dt.datetime | None:
    if value is None:
        return None
    got = r.string(value, field_name(issue, key))
    if got is None:
        return None
    when = parse_time(got)
    if when is None:
        message = _(
            "issue {id} {key} must be a date and time, like {example}",
            id=repr(issue),
            key=key,
            example=TIME_EXAMPLE,
        )
        r.error(value, message)
    return when


def read_ticket(r: Reader, value: Value | None, issue: str) -> str | None:
    if value is None:
        return None
    got = r.string(value, field_name(issue, "ticket"))
    if got is not None and not TICKET.match(got):
        message = _(
            'issue {id} ticket must be a ticket reference such as "1234" or SUP-12',
            id=repr(issue),
        )
        r.error(value, message)
        return None
    return got


def read_flag(r: Reader, value: Value | None, issue: str) -> bool:
    if value is None:
        return True
    flag = scalar_bool(value) if isinstance(value, Scalar) else None
    if flag is None:
        r.error(value, _("issue {id} new_reports must be true or false", id=repr(issue)))
        return True
    return flag


def read_url(r: Reader, value: Value, what: Msg | str) -> str | None:
    got = r.string(value, what)
    if got is None:
        return None
    if len(got) > MAX_URL or not URL.match(got):
        r.error(
            value,
            _(
                "{what} must be an http:// or https:// address without a user name or password",
                what=what,
            ),
        )
        return None
    return got
