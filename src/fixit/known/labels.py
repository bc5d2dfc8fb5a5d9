"""Words for a known problem's status and where it comes from, as messages (the status is
data: a word fixit does not know is shown as written)."""

from __future__ import annotations

from fixit.i18n import Msg, _, pgettext

STATUS: dict[str, Msg] = {
    "active": pgettext("known problem status", "in force"),
    "investigating": pgettext("known problem status", "support is investigating"),
    "identified": pgettext("known problem status", "the cause is known; support is fixing it"),
    "monitoring": pgettext("known problem status", "fixed; support is watching"),
    "in_progress": pgettext("known problem status", "maintenance in progress"),
    "verifying": pgettext("known problem status", "maintenance ending; being verified"),
    "degraded_performance": pgettext("known problem status", "slow"),
    "partial_outage": pgettext("known problem status", "partly down"),
    "major_outage": pgettext("known problem status", "down"),
    "under_maintenance": pgettext("known problem status", "under maintenance"),
}

KIND: dict[str, Msg] = {
    "file": _("known-problems file"),
    "statuspage": _("status page"),
}


def status_label(status: str) -> Msg | str:
    """A status in words: fixit's own when it knows the word, else the word as written."""
    return STATUS.get(status, status)
