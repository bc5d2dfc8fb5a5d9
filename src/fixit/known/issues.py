"""`known_issues.yaml`, format 1: the rules of the file (tables the JSON Schema is built from too)
and its positioned YAML read into problems, every fault collected at its file:line:col."""

from __future__ import annotations

import datetime as dt
import re

from fixit.i18n import Msg, _
from fixit.known.model import Affects, Problem
from fixit.trees.reader import Reader
from fixit.trees.summaries import ANY_LANG, Text
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, is_null, scalar_bool, scalar_int

FORMAT = 1
FILE_NAMES = ("known_issues.yaml", "known_issues.yml")
TOP_KEYS = ("format", "issues")
ISSUE_KEYS = (
    "id",
    "title",
    "text",
    "affects",
    "since",
    "until",
    "status",
    "ticket",
    "workaround",
    "new_reports",
    "url",
)
REQUIRED = ("id", "title", "affects")
AFFECTS_KEYS = ("trees", "tags", "checks", "urls")
STATUSES = ("investigating", "identified", "monitoring", "active", "resolved")
TEXT_KEYS = ("title", "text", "workaround")
ISSUE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
TICKET = re.compile(r"^[A-Za-z0-9#][A-Za-z0-9#_./:-]{0,63}$")
URL = re.compile(r"^https?://[^\s/?#@]+(/[^\s]*)?$")
TAG = re.compile(r"^[^\s,]{1,64}$")
MAX_ISSUES = 200
MAX_LIST = 100
MAX_TITLE = 300
MAX_URL = 2000
TIME_EXAMPLE = "2026-12-07T08:00:00+02:00"
#: a date, or a date and time, with an optional offset (what every supported Python reads)
TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{3}|\.[0-9]{6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$"
)


def parse_time(text: str) -> dt.datetime | None:
    """An ISO 8601 date and time (`Z` or an offset; without one, this machine's local time;
    a date alone is its midnight), or None."""
    given = text.strip()
    if not TIME.match(given):
        return None
    if given[-1:] in ("Z", "z"):
        given = given[:-1] + "+00:00"
    if len(given) > 10 and given[10] in (" ", "t"):
        given = given[:10] + "T" + given[11:]
    try:
        when = dt.datetime.fromisoformat(given)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


def read_issues(
    root: Value, name: str, fetched_at: dt.datetime | None, kind: str = "file"
) -> tuple[list[Problem], Reader]:
    """The problems a file lists, and the reader holding every fault found (none: all read)."""
    r = Reader(name)
    top = r.mapping(root, _("the file"), set(TOP_KEYS), not_mapping=_("the file must be a mapping"))
    if top is None:
        return [], r
    for key in TOP_KEYS:
        if key not in top.items:
            r.error(top, _("missing required key {key}", key=repr(key)))
    fmt = top.items.get("format")
    if fmt is not None and (not isinstance(fmt, Scalar) or scalar_int(fmt) != FORMAT):
        r.error(fmt, _("format must be 1 (this fixit reads known_issues.yaml format 1)"))
    issues = top.items.get("issues")
    if issues is None or is_null(issues):
        return [], r
    if not isinstance(issues, Seq):
        r.error(issues, _("issues must be a list"))
        return [], r
    if len(issues.items) > MAX_ISSUES:
        r.error(issues, _("more than {limit} issues in one file", limit=MAX_ISSUES))
        return [], r
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for item in issues.items:
        written = item.items.get("id") if isinstance(item, Map) else None
        if isinstance(written, Scalar) and written.value in seen:
            message = _(
                "duplicate issue id {id} (first at line {line})",
                id=repr(written.value),
                line=seen[written.value],
            )
            r.error(written, message)
        elif isinstance(written, Scalar):
            seen[written.value] = written.line
        problem = _issue(r, item, name, fetched_at, kind)
        if problem is not None:
            found.append(problem)
    return found, r


def _issue(
    r: Reader, value: Value, name: str, fetched_at: dt.datetime | None, kind: str
) -> Problem | None:
    """One issue, or None when it has a fault (recorded in `r`)."""
    before = len(r.problems)
    issue = r.mapping(
        value, _("an issue"), set(ISSUE_KEYS), not_mapping=_("an issue must be a mapping")
    )
    if issue is None:
        return None
    items = issue.items
    for key in REQUIRED:
        if key not in items:
            r.error(issue, _("an issue needs the key {key}", key=repr(key)))
    issue_id = _id(r, items.get("id"))
    written = items.get("id")
    where = written.value if isinstance(written, Scalar) and not is_null(written) else "?"
    texts = {key: _text(r, items[key], where, key) for key in TEXT_KEYS if key in items}
    _check_languages(r, issue, texts, where)
    affects = _affects(r, items["affects"], where) if "affects" in items else Affects()
    since = _time(r, items.get("since"), where, "since")
    until = _time(r, items.get("until"), where, "until")
    if since is not None and until is not None and until <= since:
        r.error(items["until"], _("issue {id}: until must be later than since", id=repr(where)))
    status = (
        r.one_of(items["status"], _field(where, "status"), STATUSES)
        if "status" in items
        else "active"
    )
    ticket = _ticket(r, items.get("ticket"), where)
    new_reports = _flag(r, items.get("new_reports"), where)
    url = _url(r, items["url"], _field(where, "url")) if "url" in items else None
    if len(r.problems) > before or issue_id is None or texts.get("title") is None:
        return None
    return Problem(
        id=issue_id,
        kind=kind,
        source=name,
        title=texts["title"] or {},
        text=texts.get("text") or {},
        workaround=texts.get("workaround") or {},
        since=since,
        until=until,
        status=status or "active",
        ticket=ticket,
        new_reports=new_reports,
        affects=affects,
        url=url,
        fetched_at=fetched_at,
    )


def _field(issue: str, key: str) -> Msg:
    """A key of an issue, as faults name it: `issue 'x' since`."""
    return _("issue {id} {key}", id=repr(issue), key=key)


def _id(r: Reader, value: Value | None) -> str | None:
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


def _text(r: Reader, value: Value, issue: str, key: str) -> Text | None:
    text = r.text(value, _field(issue, key))
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


def _check_languages(r: Reader, issue: Map, texts: dict[str, Text | None], where: str) -> None:
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


def _affects(r: Reader, value: Value, issue: str) -> Affects:
    what = _field(issue, "affects")
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
    from fixit.diagnostics.registry import KNOWN_CHECKS
    from fixit.trees.node_keys import TREE_ID

    what = Msg("{what} {key}", {"what": _field(issue, "affects"), "key": key})
    if not isinstance(value, Seq):
        r.error(value, _("{what} must be a list", what=what))
        return []
    if len(value.items) > MAX_LIST:
        r.error(value, _("{what} has more than {limit} items", what=what, limit=MAX_LIST))
        return []
    out: list[str] = []
    for item in value.items:
        got = r.string(item, what)
        if got is None:
            continue
        if key == "checks" and got not in KNOWN_CHECKS:
            r.error(
                item,
                _(
                    "unknown check {check} (known: {known})",
                    check=repr(got),
                    known=", ".join(sorted(KNOWN_CHECKS)),
                ),
            )
        elif key == "trees" and not TREE_ID.match(got):
            r.error(item, _("{what}: {value} is not a tree id", what=what, value=repr(got)))
        elif key == "tags" and not TAG.match(got):
            r.error(
                item,
                _(
                    "{what}: {value} is not a tag (one word, 64 characters at most)",
                    what=what,
                    value=repr(got),
                ),
            )
        elif key == "urls" and _url(r, item, what) is None:
            continue
        else:
            out.append(got)
    return out


def _time(r: Reader, value: Value | None, issue: str, key: str) -> dt.datetime | None:
    if value is None:
        return None
    got = r.string(value, _field(issue, key))
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


def _ticket(r: Reader, value: Value | None, issue: str) -> str | None:
    if value is None:
        return None
    got = r.string(value, _field(issue, "ticket"))
    if got is not None and not TICKET.match(got):
        message = _(
            'issue {id} ticket must be a ticket reference such as "1234" or SUP-12',
            id=repr(issue),
        )
        r.error(value, message)
        return None
    return got


def _flag(r: Reader, value: Value | None, issue: str) -> bool:
    if value is None:
        return True
    flag = scalar_bool(value) if isinstance(value, Scalar) else None
    if flag is None:
        r.error(value, _("issue {id} new_reports must be true or false", id=repr(issue)))
        return True
    return flag


def _url(r: Reader, value: Value, what: Msg | str) -> str | None:
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
