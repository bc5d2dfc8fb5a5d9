"""Known problems as values: what one affects, the problem itself, and what is known now."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _
from fixit.records import Record

if TYPE_CHECKING:
    from fixit.trees.model import Tree
    from fixit.trees.summaries import Summary
    from fixit.trees.yamlfile import Problem as Fault

KINDS = ("file", "statuspage")


class FeedError(Exception):
    """A file's or a feed's content that cannot be used: each fault, at its place when it has
    one (`file:line:col`)."""

    def __init__(self, *faults: Fault | Msg) -> None:
        super().__init__("; ".join(str(f) for f in faults))
        self.faults = faults


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Affects(Record):
    """What a known problem touches: tree ids, tree tags, check ids and service URLs."""

    trees: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.trees or self.tags or self.checks or self.urls)

    def joined(self, other: Affects) -> Affects:
        """Both, each list without repeats, in the order first written."""
        return Affects(
            *(
                tuple(dict.fromkeys((*mine, *theirs)))
                for mine, theirs in (
                    (self.trees, other.trees),
                    (self.tags, other.tags),
                    (self.checks, other.checks),
                    (self.urls, other.urls),
                )
            )
        )

    def to_json(self) -> dict[str, list[str]]:
        """The lists as JSON."""
        return {
            "trees": list(self.trees),
            "tags": list(self.tags),
            "checks": list(self.checks),
            "urls": list(self.urls),
        }


def url_covers(affected: str, given: str) -> bool:
    """Whether a service URL a problem names covers `given`: the same scheme, host and port,
    and `given`'s path at or under the affected one's."""
    try:
        a, g = urllib.parse.urlsplit(affected), urllib.parse.urlsplit(given)
        same = (a.scheme, a.hostname, a.port) == (g.scheme, g.hostname, g.port)
    except ValueError:
        return False
    if not same or not a.hostname:
        return False
    base = a.path.rstrip("/")
    return g.path.rstrip("/") == base or g.path.startswith(base + "/")


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Problem(Record):
    """One known problem or outage, as its feed says it (all its text is untrusted data)."""

    id: str
    kind: str
    source: str
    title: Mapping[str, str]
    text: Mapping[str, str]
    workaround: Mapping[str, str]
    since: dt.datetime | None
    until: dt.datetime | None
    status: str
    ticket: str | None
    new_reports: bool
    affects: Affects
    url: str | None
    fetched_at: dt.datetime | None

    def matches(
        self,
        tree_id: str,
        tags: Iterable[str],
        checks: Iterable[str] = (),
        urls: Iterable[str] = (),
    ) -> bool:
        """Whether the problem touches a tree with this id and tags, running these checks, or
        a service at one of these URLs (tags compare without regard to case)."""
        a = self.affects
        if tree_id in a.trees:
            return True
        mine = {t.casefold() for t in a.tags}
        if any(t.casefold() in mine for t in tags):
            return True
        if set(checks) & set(a.checks):
            return True
        return any(url_covers(mine_url, u) for u in urls for mine_url in a.urls)

    def in_force(self, now: dt.datetime) -> bool:
        """Whether it holds at `now`: started, not over, not resolved."""
        if self.status in ("resolved", "postmortem", "completed"):
            return False
        if self.since is not None and self.since > now:
            return False
        return self.until is None or self.until > now

    def to_json(self) -> dict[str, Any]:
        """The problem as `fixit known --json` writes it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "title": dict(self.title),
            "text": dict(self.text),
            "workaround": dict(self.workaround),
            "since": _iso(self.since),
            "until": _iso(self.until),
            "status": self.status,
            "ticket": self.ticket,
            "new_reports": self.new_reports,
            "affects": self.affects.to_json(),
            "url": self.url,
            "fetched_at": _iso(self.fetched_at),
        }


def _iso(when: dt.datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Source(Record):
    """One place known problems were read from: a file's path or a feed's URL (as shown), its
    kind (file, feed or statuspage), and when its server last vouched for the data used (None:
    a local file, or a feed of which fixit has nothing)."""

    name: str
    kind: str
    fetched_at: dt.datetime | None
    available: bool = True  # False: a feed not read and with no saved copy

    def to_json(self) -> dict[str, Any]:
        """The source as `fixit known --json` writes it."""
        return {
            "source": self.name,
            "kind": self.kind,
            "fetched_at": _iso(self.fetched_at),
            "available": self.available,
        }


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Known(Record):
    """What is known now: the problems in force, notices about feeds (not read, old copy, a
    file with problems), each a message to show, and the sources read."""

    problems: tuple[Problem, ...]
    notices: tuple[Msg, ...]
    sources: tuple[Source, ...] = ()

    def for_tree(self, tree: Tree | Summary) -> tuple[Problem, ...]:
        """The problems that touch a tree: by its id and tags, and a Tree's check ids too."""
        checks: set[str] = set()
        nodes = getattr(tree, "nodes", None)
        if nodes:
            from fixit.trees.nodes import probe

            checks = {c for c in (probe(n) for n in nodes.values()) if c}
        return tuple(p for p in self.problems if p.matches(tree.id, tree.tags, checks))

    @property
    def brief(self) -> tuple[Msg, ...]:
        """The notices as the wizard says them: one line pointing to `fixit known`, which
        lists each (a caller needs no feed's faults before the first question), or none."""
        if not self.notices:
            return ()
        return (_("Some known-problem sources could not be read; `fixit known` shows which."),)
