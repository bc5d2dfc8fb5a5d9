"""Where known problems are read from: the tree folders' `known_issues.yaml` files, and a
feed's body (a known_issues.yaml or a Statuspage summary) parsed into problems."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fixit.i18n import Msg
from fixit.known.model import FeedError, Problem, Source
from fixit.known.settings import StatusPage
from fixit.records import Record
from fixit.trees.yamlfile import Problem as Fault

MAX_FEED = 1024 * 1024  # bytes of a feed's body, and of a file


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Feed(Record):
    """A URL the configuration names, and the page's mapping when it is a Statuspage summary
    (None: a known_issues.yaml)."""

    url: str
    page: StatusPage | None = None

    def source(self, fetched_at: dt.datetime | None, available: bool = True) -> Source:
        """This feed as a source read (or not) at `fetched_at`."""
        from fixit.known.notices import shown

        kind = "statuspage" if self.page is not None else "feed"
        return Source(shown(self.url), kind, fetched_at, available)


@dataclass
class Found:
    """What one source gave: its problems, and what to say about it."""

    problems: list[Problem] = field(default_factory=list)
    notices: list[Msg] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def parse(feed: Feed, body: bytes, fetched_at: dt.datetime | None) -> list[Problem]:
    """A feed's body as problems; FeedError with every fault when it cannot be used."""
    from fixit.known.notices import shown

    if feed.page is not None:
        from fixit.known.statuspage import read_summary

        return read_summary(body, feed.page, shown(feed.url), fetched_at)
    return parse_yaml(body, shown(feed.url), fetched_at)


def parse_yaml(body: bytes, name: str, fetched_at: dt.datetime | None) -> list[Problem]:
    """A known_issues.yaml's bytes as problems, with the trees' safe YAML reader; FeedError
    with every fault (file:line:col) when it has any."""
    from fixit.known.issues import read_issues
    from fixit.trees.yamlsafe import YamlError, decode, parse_text

    if len(body) > MAX_FEED:
        raise FeedError(Fault(name, 1, 1, _over(MAX_FEED)))
    faults: list[Fault] = []
    try:
        root = parse_text(decode(body, name), name, problems=faults)
    except YamlError as exc:
        raise FeedError(exc.problem) from None
    problems, reader = read_issues(root, name, fetched_at)
    faults = sorted([*faults, *reader.problems], key=lambda p: (p.line, p.col))
    if faults:
        raise FeedError(*faults)
    return problems


def _over(limit: int) -> Msg:
    from fixit.i18n import _

    return _("the file is over the limit of {limit} bytes", limit=limit)


def read_files(folders: Sequence[Path]) -> Found:
    """The known_issues.yaml of each tree folder that has one, in the folders' order; a file
    with faults is not used, and a notice lists every fault."""
    from fixit.known.issues import FILE_NAMES
    from fixit.known.notices import bad_file, faulty
    from fixit.trees.yamlfile import YamlError, read_bytes

    found = Found()
    for folder in dict.fromkeys(folders):
        for name in FILE_NAMES:
            path = folder / name
            if not os.path.lexists(path):  # False too when the folder cannot be opened
                continue
            try:
                found.problems += parse_yaml(read_bytes(path, MAX_FEED), str(path), None)
                found.sources.append(Source(str(path), "file", None))
            except YamlError as exc:
                found.notices.append(faulty(bad_file(str(path)), [exc.problem]))
            except FeedError as exc:
                found.notices.append(faulty(bad_file(str(path)), list(exc.faults)))
    return found


def is_known_file(path: Path) -> bool:
    """Whether a path names a known-problems file (by its name, as the tree folders hold it)."""
    from fixit.known.rules import FILE_NAMES

    return path.name in FILE_NAMES


def folder_files(folders: Sequence[Path]) -> list[Path]:
    """The known-problems files of these folders that are there (each folder once; a path that
    is no folder, or one this user cannot open, has none: the trees' loader names that one)."""
    from fixit.known.rules import FILE_NAMES

    found = [f / name for f in dict.fromkeys(folders) for name in FILE_NAMES]
    return [p for p in found if os.path.lexists(p)]


def faults_of(path: Path) -> list[Fault]:
    """Every fault of one known-problems file, at its file:line:col (none: it is valid)."""
    from fixit.trees.yamlfile import YamlError, read_bytes

    try:
        parse_yaml(read_bytes(path, MAX_FEED), str(path), None)
    except YamlError as exc:
        return [exc.problem]
    except FeedError as exc:
        return [f for f in exc.faults if isinstance(f, Fault)]
    return []
