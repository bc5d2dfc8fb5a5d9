"""Jira Service Management beside new requests: the comments on an existing request (does one
carry the report's tag?) and fixit's own open requests of one case."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from fixit.i18n import pgettext
from fixit.submit import api, http, notes
from fixit.submit.base import OpenTicket

if TYPE_CHECKING:
    import requests

    from fixit.i18n import Msg
    from fixit.submit.base import Ticket


class _Call(Protocol):
    """What these steps need of one Jira send (`fixit.submit.jira._Call`)."""

    base: str
    desk: str
    timeout: float
    until: float | None
    secret_name: str
    s: requests.Session

    def fetch(self, method: str, path: str, what: Msg, **kwargs: Any) -> dict[str, Any]:
        """One API request and its JSON object."""
        ...

    def ticket(self, item: dict[str, Any], what: Msg, existing: bool = False) -> Ticket:
        """The issue key and the customer portal link of a request."""
        ...


PAGE = 50  # Jira caps a page at 50 or 100 and may give fewer: isLastPage decides
CASE_PAGES = 2  # pages of open fixit requests read when looking for one of the same case
COMMENTS = pgettext("submit step", "the request's comments")
SEARCH = pgettext("submit step", "the request search")


def open_cases(call: _Call, case: str, since: dt.datetime) -> list[OpenTicket]:
    """Open requests whose summary has fixit's tag (a search for "fixit"), made since
    `since`, whose description carries the case marker (at most CASE_PAGES pages)."""
    what = pgettext("submit step", "the search for open requests")
    params: dict[str, Any] = {
        "searchTerm": "fixit",
        "requestOwnership": "ALL_REQUESTS",
        "requestStatus": "OPEN_REQUESTS",
        "serviceDeskId": call.desk,
        "limit": PAGE,
    }
    found: list[OpenTicket] = []
    start, after = 0, since.timestamp() * 1000
    for __ in range(CASE_PAGES):
        data = call.fetch("GET", "/request", what, params={**params, "start": start})
        values = api.items(data, "values", call.base, what)
        for item in values:
            made = item.get("createdDate")
            millis = made.get("epochMillis") if isinstance(made, dict) else None
            text = field(item, "description", call.base)
            if isinstance(millis, int) and millis >= after and case in text.splitlines():
                ticket = call.ticket(item, what)
                found.append(OpenTicket(ticket.ref, field(item, "summary", call.base), ticket.url))
        if not values or data.get("isLastPage") is True:
            break
        start += len(values)
    return found


def commented(call: _Call, key: str, tag: str) -> bool:
    """Whether a comment on the request carries the tag (at most notes.PAGES pages)."""
    path, start = f"/request/{key}/comment", 0
    url = f"{call.base}/rest/servicedeskapi{path}"
    for __ in range(notes.PAGES):
        params = {"start": start, "limit": PAGE}
        response = http.request(call.s, "GET", url, call.timeout, until=call.until, params=params)
        if response.status_code == 404:
            raise notes.missing(url, key)
        http.check(response, COMMENTS, url, call.secret_name)
        data = api.json_object(response, call.base, COMMENTS)
        values = api.items(data, "values", call.base, COMMENTS)
        if any(tag in str(c.get("body") or "") for c in values):
            return True
        if not values or data.get("isLastPage") is True:
            return False
        start += len(values)
    return False


def field(item: dict[str, Any], name: str, url: str) -> str:
    """A text field among a request's field values ("" when it has none)."""
    fields = api.items(
        item, "requestFieldValues", url, pgettext("submit step", "the request search")
    )
    value = next((f.get("value") for f in fields if f.get("fieldId") == name), "")
    return value if isinstance(value, str) else ""
