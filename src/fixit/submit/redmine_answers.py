"""What Redmine's answers mean: its 422 list of errors, a JSON object, or not Redmine at all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _
from fixit.submit import http, scrub
from fixit.submit.base import SubmitError

if TYPE_CHECKING:
    import requests


def check(response: requests.Response, what: Msg, url: str, key_env: str) -> None:
    """http.check, but a 422 carries Redmine's own list of what is wrong."""
    if response.status_code == 422:
        try:
            errors = response.json().get("errors")
        except ValueError:
            errors = None
        if isinstance(errors, list) and errors:
            said = scrub.server_text("; ".join(str(e) for e in errors))
            raise SubmitError(
                _(
                    "{host} rejected {what} (HTTP 422: {said}).",
                    host=http.host_of(url),
                    what=what,
                    said=said,
                ),
                _(
                    "Check the target's project, tracker_id and priorities settings; the report "
                    "stays in the outbox."
                ),
                retry=False,
            )
    http.check(response, what, url, key_env)


def json_of(
    response: requests.Response, what: Msg, url: str, retry: bool = False
) -> dict[str, Any]:
    """The response's JSON object, or SubmitError when it is something else."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise not_redmine(what, url, retry)
    return body


def not_redmine(what: Msg, url: str, retry: bool = False) -> SubmitError:
    """The error for an answer that is not shaped as Redmine's (retry: the issue may exist)."""
    host = http.host_of(url)
    if retry:  # the issue may exist: the next try's search finds it
        return SubmitError(
            _("{host} answered {what} without an issue number.", host=host, what=what),
            _("The report stays in the outbox; `fixit outbox send` checks whether it arrived."),
        )
    return SubmitError(
        _("{host} did not answer {what} as Redmine does.", host=host, what=what),
        _("Check the target's url: it should be the Redmine address without a path."),
        retry=False,
    )
