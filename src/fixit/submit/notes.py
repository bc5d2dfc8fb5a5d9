"""Adding a report to an existing ticket: the note's words, the ticket reference each help desk
takes, and the errors for a reference that is wrong or a ticket that is not there."""

from __future__ import annotations

import hashlib
import re

from fixit.i18n import Msg, _
from fixit.submit import http
from fixit.submit.base import Payload, SubmitError
from fixit.textsafe import clip, visible

_NUMBER = re.compile(r"#?([0-9]{1,12})")
_JIRA_KEY = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]{1,12}")
PAGES = 10  # pages of notes read when looking for an earlier try's note


def case_marker(tree: str, node: str, organisation: str) -> str:
    """The line fixit writes in the tickets it files so that it can find its own open ones for
    the same tree and end from this organisation: `fixit-case:<tree>/<end>/<org hash>`."""
    org = hashlib.sha256(organisation.strip().encode("utf-8")).hexdigest()[:8]
    return f"fixit-case:{tree}/{node}/{org}"


def with_case(body: str, payload: Payload) -> str:
    """A new ticket's body with the case marker as its last line (when the payload has one)."""
    return f"{body.rstrip()}\n\n{payload.case}\n" if payload.case else body


def note_text(payload: Payload, body: str) -> str:
    """The note as the help desk gets it: a line saying what it is (with the report's tag, which
    a retry looks for), then the report."""
    head = _("Another report of this problem, sent by fixit {tag}.", tag=payload.tag)
    return f"{head.render(payload.lang)}\n\n{body}"


def number(ref: str, target: str) -> str:
    """A ticket number from a reference such as `1234` or `#1234`; SubmitError otherwise."""
    found = _NUMBER.fullmatch(ref.strip())
    if found is None:
        raise bad_ref(ref, target, _("a ticket number such as 1234"))
    return found.group(1)


def jira_key(ref: str, target: str) -> str:
    """A Jira issue key such as `SD-12`; SubmitError otherwise."""
    key = ref.strip().upper()
    if not _JIRA_KEY.fullmatch(key):
        raise bad_ref(ref, target, _("an issue key such as SD-12"))
    return key


def bad_ref(ref: str, target: str, form: Msg) -> SubmitError:
    """The error for a ticket reference the target cannot take."""
    return SubmitError(
        _(
            "the ticket reference {ref} is not one target '{target}' can add to: it needs {form}.",
            ref=repr(clip(visible(ref, True), 40)),
            target=target,
            form=form,
        ),
        _(
            "Correct the known problem's ticket in its feed, or send the report as a new ticket "
            "with `fixit submit --new-ticket`."
        ),
        retry=False,
    )


def missing(url: str, ref: str) -> SubmitError:
    """The error for a ticket the help desk does not have (or does not show this account)."""
    return SubmitError(
        _(
            "{host} has no ticket {ref} that this account can add to.",
            host=http.host_of(url),
            ref=clip(visible(ref, True), 40),
        ),
        _(
            "Check the ticket reference and the target's account, or send the report as a new "
            "ticket with `fixit submit --new-ticket`."
        ),
        retry=False,
    )
