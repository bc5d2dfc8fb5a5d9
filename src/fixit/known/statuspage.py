"""A Statuspage summary (`/api/v2/summary.json`) read into known problems: its unresolved
incidents and in-progress maintenances, and its mapped components that are not operational
(a component one of those incidents names is folded into it: one outage is one problem).
The JSON is untrusted: every value is checked for its type and capped; a wrong shape is a
FeedError naming what is wrong."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from fixit.i18n import _
from fixit.known.issues import MAX_TITLE, MAX_URL, URL, parse_time
from fixit.known.model import Affects, FeedError, Problem
from fixit.known.settings import StatusPage

OPERATIONAL = "operational"
OVER = ("resolved", "postmortem", "completed", "scheduled")
MAX_ITEMS = 1000
MAX_TEXT = 2000
MAX_ID = 64
#: a component's id -> its name and its group's id ("" when in no group)
Names = Mapping[str, tuple[str, str]]


def _text(value: object, limit: int) -> str:
    """A string value, cut to `limit` characters; anything else is empty."""
    return value[:limit] if isinstance(value, str) else ""


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The mappings in a list of the summary (at most MAX_ITEMS; other values left out)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise FeedError(_("{key} is not a list", key=key))
    return [item for item in value[:MAX_ITEMS] if isinstance(item, dict)]


def read_summary(
    body: bytes, page: StatusPage, source: str, fetched_at: dt.datetime | None
) -> list[Problem]:
    """The problems a summary says are in force; FeedError when it is not a summary."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise FeedError(_("the answer is not JSON")) from None
    if not isinstance(data, dict) or not ("components" in data or "incidents" in data):
        raise FeedError(_("the answer is not a Statuspage summary (no components or incidents)"))
    components = _list(data, "components")
    names = {
        _text(c.get("id"), MAX_ID): (
            _text(c.get("name"), MAX_TITLE),
            _text(c.get("group_id"), MAX_ID),
        )
        for c in components
    }
    found: list[Problem] = []
    folded: set[str] = set()  # components an incident in force names: one outage, one problem
    for key in ("incidents", "scheduled_maintenances"):
        for incident in _list(data, key):
            problem = _incident(incident, page, names, source, fetched_at)
            if problem is not None:
                found.append(problem)
                folded.update(_named(incident))
    for component in components:
        problem = _component(component, page, names, source, fetched_at)
        if problem is not None and problem.id.removeprefix("statuspage:") not in folded:
            found.append(problem)
    return found


def _named(item: Mapping[str, Any]) -> set[str]:
    """The ids of the components an incident or maintenance names."""
    named = item.get("components")
    return {
        _text(comp.get("id"), MAX_ID)
        for comp in (named[:MAX_ITEMS] if isinstance(named, list) else ())
        if isinstance(comp, dict)
    }


def _incident(
    item: Mapping[str, Any],
    page: StatusPage,
    names: Names,
    source: str,
    fetched_at: dt.datetime | None,
) -> Problem | None:
    """An incident or maintenance not over yet, touching what its mapped components touch and
    what the page's own mapping says."""
    ident, title = _text(item.get("id"), MAX_ID), _text(item.get("name"), MAX_TITLE)
    status = _text(item.get("status"), MAX_ID)
    if not ident or not title or status in OVER:
        return None
    affects = page.affects
    named = item.get("components")
    for comp in named[:MAX_ITEMS] if isinstance(named, list) else ():
        if isinstance(comp, dict):
            cid = _text(comp.get("id"), MAX_ID)
            mapped = _mapped(page, names, cid, _text(comp.get("name"), MAX_TITLE))
            affects = affects.joined(mapped) if mapped is not None else affects
    since = _when(item.get("started_at")) or _when(item.get("created_at"))
    return _problem(ident, title, _latest(item), since, status, affects, source, fetched_at, item)


def _mapped(page: StatusPage, names: Names, cid: str, name: str) -> Affects | None:
    """What a component touches: its own mapping (by id or name), else its group's."""
    own_name, group = names.get(cid, ("", ""))
    found = page.mapped(cid, name or own_name)
    if found is None and group:
        found = page.mapped(group, names.get(group, ("", ""))[0])
    return found


def _component(
    item: Mapping[str, Any],
    page: StatusPage,
    names: Names,
    source: str,
    fetched_at: dt.datetime | None,
) -> Problem | None:
    """A component the configuration maps (itself or its group), when it is not operational;
    a group's own entry is left out (its components say which part is down)."""
    ident, name = _text(item.get("id"), MAX_ID), _text(item.get("name"), MAX_TITLE)
    status = _text(item.get("status"), MAX_ID)
    if not ident or not name or not status or status == OPERATIONAL or item.get("group") is True:
        return None
    mapped = _mapped(page, names, ident, name)
    if mapped is None:
        return None
    since = _when(item.get("updated_at"))
    return _problem(ident, name, "", since, status, mapped, source, fetched_at, {})


def _problem(
    ident: str,
    title: str,
    text: str,
    since: dt.datetime | None,
    status: str,
    affects: Affects,
    source: str,
    fetched_at: dt.datetime | None,
    item: Mapping[str, Any],
) -> Problem:
    link = _text(item.get("shortlink"), MAX_URL)
    return Problem(
        id=f"statuspage:{ident}",
        kind="statuspage",
        source=source,
        title={"en": title},
        text={"en": text} if text else {},
        workaround={},
        since=since,
        until=None,
        status=status,
        ticket=None,
        new_reports=True,
        affects=affects,
        url=link if URL.match(link) else None,
        fetched_at=fetched_at,
    )


def _latest(item: Mapping[str, Any]) -> str:
    """The newest update's words (Statuspage lists the newest first)."""
    updates = item.get("incident_updates")
    if isinstance(updates, list) and updates and isinstance(updates[0], dict):
        return _text(updates[0].get("body"), MAX_TEXT)
    return ""


def _when(value: object) -> dt.datetime | None:
    return parse_time(value) if isinstance(value, str) and value else None
