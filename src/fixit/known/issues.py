"""`known_issues.yaml`, format 1: its positioned YAML read into problems, every fault collected at
its file:line:col (the rules are the tables of `fixit.known.rules`, re-exported here)."""

from __future__ import annotations

import datetime as dt

from fixit.i18n import _
from fixit.known import fields as f
from fixit.known.model import Affects, Problem
from fixit.known.rules import AFFECTS_KEYS as AFFECTS_KEYS
from fixit.known.rules import FILE_NAMES as FILE_NAMES
from fixit.known.rules import FORMAT as FORMAT
from fixit.known.rules import ISSUE_ID as ISSUE_ID
from fixit.known.rules import ISSUE_KEYS as ISSUE_KEYS
from fixit.known.rules import MAX_ISSUES as MAX_ISSUES
from fixit.known.rules import MAX_LIST as MAX_LIST
from fixit.known.rules import MAX_TITLE as MAX_TITLE
from fixit.known.rules import MAX_URL as MAX_URL
from fixit.known.rules import REQUIRED as REQUIRED
from fixit.known.rules import STATUSES as STATUSES
from fixit.known.rules import TAG as TAG
from fixit.known.rules import TEXT_KEYS as TEXT_KEYS
from fixit.known.rules import TICKET as TICKET
from fixit.known.rules import TIME as TIME
from fixit.known.rules import TOP_KEYS as TOP_KEYS
from fixit.known.rules import URL as URL
from fixit.known.rules import parse_time as parse_time
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, is_null, scalar_int


def read_issues(
    root: Value, name: str, fetched_at: dt.datetime | None, kind: str = "file"
) -> tuple[list[Problem], Reader]:
    """The problems a file lists, and the reader holding every fault found (none: all read)."""
    r = Reader(name)
    issues = _issues(r, root)
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for item in issues.items if issues is not None else ():
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


def _issues(r: Reader, root: Value) -> Seq | None:
    """The file's list of issues, its top level checked; None when there is none to read."""
    top = r.mapping(
        root,
        _("the file"),
        set(TOP_KEYS),
        not_mapping=_("the file must be a mapping"),
        unknown=lambda key: _("unknown key {key} in the file", key=key),
    )
    if top is None:
        return None
    for key in TOP_KEYS:
        if key not in top.items:
            r.error(top, _("missing required key {key}", key=repr(key)))
    fmt = top.items.get("format")
    if fmt is not None and (not isinstance(fmt, Scalar) or scalar_int(fmt) != FORMAT):
        r.error(fmt, _("format must be 1 (this fixit reads known_issues.yaml format 1)"))
    issues = top.items.get("issues")
    if issues is None or is_null(issues):
        return None
    if not isinstance(issues, Seq):
        r.error(issues, _("issues must be a list"))
        return None
    if len(issues.items) > MAX_ISSUES:
        r.error(issues, _("more than {limit} issues in one file", limit=MAX_ISSUES))
        return None
    return issues


def _issue(
    r: Reader, value: Value, name: str, fetched_at: dt.datetime | None, kind: str
) -> Problem | None:
    """One issue, or None when it has a fault (recorded in `r`)."""
    before = len(r.problems)
    issue = r.mapping(
        value,
        _("an issue"),
        set(ISSUE_KEYS),
        not_mapping=_("an issue must be a mapping"),
        unknown=lambda key: _("unknown key {key} in an issue", key=key),
    )
    if issue is None:
        return None
    items = issue.items
    for key in (k for k in REQUIRED if k not in items):
        r.error(issue, _("an issue needs the key {key}", key=repr(key)))
    issue_id = f.read_id(r, items.get("id"))
    written = items.get("id")
    where = written.value if isinstance(written, Scalar) and not is_null(written) else "?"
    texts = {key: f.read_text(r, items[key], where, key) for key in TEXT_KEYS if key in items}
    f.check_languages(r, issue, texts, where)
    since, until = f.read_times(r, items, where)
    status = (
        r.one_of(items["status"], f.field_name(where, "status"), STATUSES)
        if "status" in items
        else None
    )
    problem = Problem(
        id=issue_id or "",
        kind=kind,
        source=name,
        title=texts.get("title") or {},
        text=texts.get("text") or {},
        workaround=texts.get("workaround") or {},
        since=since,
        until=until,
        status=status or "active",
        ticket=f.read_ticket(r, items.get("ticket"), where),
        new_reports=f.read_flag(r, items.get("new_reports"), where),
        affects=f.read_affects(r, items["affects"], where) if "affects" in items else Affects(),
        url=f.read_url(r, items["url"], f.field_name(where, "url")) if "url" in items else None,
        fetched_at=fetched_at,
    )
    return problem if len(r.problems) == before else None
