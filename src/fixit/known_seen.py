"""A known problem as a session met it: what was shown, in every language it has, kept in the
journal so the session's report names it even after the feed has changed or gone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fixit.trees.summaries import localize

if TYPE_CHECKING:  # the feeds' package: not needed to read a journal back
    from fixit.known import Problem

KINDS = ("file", "statuspage")
#: the most of one text a journal keeps (a feed's sizes are capped already; this is the journal's)
_CAP = 4000


@dataclass(frozen=True)
class Seen:
    """One known problem as shown before the first step."""

    id: str
    kind: str
    source: str
    title: Mapping[str, str]
    text: Mapping[str, str]
    workaround: Mapping[str, str]
    since: str | None
    status: str
    ticket: str | None
    new_reports: bool
    url: str | None

    def title_in(self, lang: str) -> str:
        """The title in `lang` (or the language the feed has), else the id."""
        return localize(dict(self.title), lang) or self.id

    def to_json(self) -> dict[str, Any]:
        """The JSON form a journal line holds."""
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "title": dict(self.title),
            "text": dict(self.text),
            "workaround": dict(self.workaround),
            "since": self.since,
            "status": self.status,
            "ticket": self.ticket,
            "new_reports": self.new_reports,
            "url": self.url,
        }

    @classmethod
    def from_json(cls, raw: object) -> Seen:
        """A problem read back from a journal line; ValueError when it is not one."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
            raise ValueError("a known problem needs an id")
        return cls(
            id=raw["id"],
            kind=raw["kind"] if raw.get("kind") in KINDS else "file",
            source=_text(raw.get("source")),
            title=_texts(raw.get("title")),
            text=_texts(raw.get("text")),
            workaround=_texts(raw.get("workaround")),
            since=_text(raw.get("since")) or None,
            status=_text(raw.get("status")),
            ticket=_text(raw.get("ticket")) or None,
            new_reports=raw.get("new_reports") is not False,
            url=_text(raw.get("url")) or None,
        )


def _text(value: object) -> str:
    """A value kept as text ("" for none), capped."""
    return "" if value is None else str(value)[:_CAP]


def _texts(value: object) -> dict[str, str]:
    """A language -> text mapping read back; anything else is none."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): _text(v) for k, v in value.items() if isinstance(v, (str, int, float))}


def seen_of(problem: Problem) -> Seen:
    """What a session keeps of a feed's problem: its JSON form read as a journal line is (the
    same caps; `affects`, `until` and `fetched_at` are the feed's, not the session's)."""
    return Seen.from_json(problem.to_json())
