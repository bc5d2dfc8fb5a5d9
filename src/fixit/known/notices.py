"""What fixit says about the feeds: a feed not read and the copy used instead (with its age),
a file or a feed with faults, and an age as people read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fixit.i18n import Msg, _, pgettext
from fixit.msglines import lines, prefixed
from fixit.trees.yamlfile import Problem as Fault
from fixit.urls import redact_url

#: faults of one file or feed listed in a notice at most (the rest counted)
SHOWN_FAULTS = 10


def age(then: dt.datetime, now: dt.datetime) -> Msg:
    """How long ago `then` was: `40 s`, `5 min`, `3 h`, `2 d`."""
    seconds = max(0, round((now - then).total_seconds()))
    if seconds < 120:
        return pgettext("age", "{n} s", n=seconds)
    if seconds < 2 * 3600:
        return pgettext("age", "{n} min", n=seconds // 60)
    if seconds < 2 * 86400:
        return pgettext("age", "{n} h", n=seconds // 3600)
    return pgettext("age", "{n} d", n=seconds // 86400)


def shown(url: str) -> str:
    """A feed's URL as notices show it: no credentials, query or fragment."""
    return redact_url(url)


def not_read(url: str, reason: Msg, copied: dt.datetime | None, now: dt.datetime) -> Msg:
    """A feed that was not read: the copy used instead and its age, or that there is none."""
    if copied is None:
        return _(
            "{url} was not read ({reason}), and fixit has no earlier copy of it.",
            url=shown(url),
            reason=reason,
        )
    return _(
        "{url} was not read ({reason}); using the copy read {age} ago.",
        url=shown(url),
        reason=reason,
        age=age(copied, now),
    )


def faulty(what: Msg, faults: Sequence[Fault | Msg]) -> Msg:
    """A file or feed that is not used, and why: each fault at its line and column."""
    listed: list[Msg | str] = [what]
    for fault in faults[:SHOWN_FAULTS]:
        listed.append(prefixed("  ", fault.as_msg() if isinstance(fault, Fault) else fault))
    if len(faults) > SHOWN_FAULTS:
        more = len(faults) - SHOWN_FAULTS
        listed.append(prefixed("  ", _("… and {n} more", n=more)))
    return lines(listed)


def bad_file(path: str) -> Msg:
    """The heading of a known-problems file with faults."""
    return _("The known-problems file {path} is not used; fix these:", path=path)


def bad_feed(url: str, copied: dt.datetime | None, now: dt.datetime) -> Msg:
    """The heading of a feed whose answer cannot be used: the copy used instead, if any."""
    if copied is None:
        return _("The answer of {url} is not used; it has these faults:", url=shown(url))
    return _(
        "The answer of {url} is not used; fixit uses its copy from {age} ago instead. The "
        "answer's faults:",
        url=shown(url),
        age=age(copied, now),
    )
