"""The `known:` configuration as values: feed URLs, Statuspage pages and their mapping, and
how long fixit waits for them (read and checked by `fixit.config_known`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fixit.known.model import Affects
from fixit.records import Record

#: seconds a start waits for the feeds at most (connecting, reading, all of them together)
TIMEOUT = 3.0
#: seconds a copy read from a feed is used as it is, without asking the server again
REFRESH = 60.0
SUMMARY_PATH = "/api/v2/summary.json"


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class StatusPage(Record):
    """A Statuspage page: its summary's URL, which of its components touch which trees or tags,
    and what an incident that names none of those touches (`affects`)."""

    url: str
    components: Mapping[str, Affects] = field(default_factory=dict)
    affects: Affects = field(default_factory=Affects)

    def mapped(self, component_id: str, name: str) -> Affects | None:
        """What a component touches, found by its id or by its name (without regard to case)."""
        if component_id in self.components:
            return self.components[component_id]
        folded = name.casefold()
        for key, affects in self.components.items():
            if key.casefold() == folded:
                return affects
        return None


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class KnownSettings(Record):
    """Where known problems come from beyond the tree folders' files, and the time limits."""

    feeds: tuple[str, ...] = ()
    statuspages: tuple[StatusPage, ...] = ()
    timeout: float = TIMEOUT
    refresh: float = REFRESH

    def urls(self) -> tuple[str, ...]:
        """Every URL fixit may fetch for known problems: nothing else is ever contacted."""
        return tuple(dict.fromkeys([*self.feeds, *(p.url for p in self.statuspages)]))


def summary_url(url: str) -> str:
    """A Statuspage summary's URL: as given when it ends in `.json`, else the page's address
    with /api/v2/summary.json added."""
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if parts.path.endswith(".json"):
        return url
    path = parts.path.rstrip("/") + SUMMARY_PATH
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
