"""Gathering what is known: the tree folders' files, then every configured feed at once in
threads, each bounded by the timeout; a feed not read in time gives its saved copy and a
notice with the copy's age. Never raises, never blocks past the timeout."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.i18n import Msg, _
from fixit.known.model import FeedError, Known, Problem
from fixit.known.settings import KnownSettings
from fixit.known.sources import Feed, Found

if TYPE_CHECKING:
    from fixit.config_model import Config
    from fixit.known.cache import Copy


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def settings_of(config: Config) -> KnownSettings:
    """The configuration's `known:` settings (the defaults when it has none)."""
    found = getattr(config, "known", None)
    return found if isinstance(found, KnownSettings) else KnownSettings()


def feeds_of(settings: KnownSettings) -> list[Feed]:
    """Every feed the configuration names, each URL once: nothing else is ever fetched."""
    feeds = {url: Feed(url) for url in settings.feeds}
    for page in settings.statuspages:
        feeds.setdefault(page.url, Feed(page.url, page))
    return list(feeds.values())


Loaded = tuple["Copy | None", "Msg | None"]  # a feed's saved copy, and a notice when damaged


def from_copy(
    feed: Feed, reason: Msg | None, now: dt.datetime, loaded: Loaded | None = None
) -> Found:
    """A feed from its saved copy only (no network); `reason`: why it was not read now (None:
    the copy is recent enough to use as it is); `loaded`: the copy when already read."""
    from fixit.known import cache
    from fixit.known.notices import bad_feed, faulty, not_read

    copy, damaged = loaded if loaded is not None else cache.read(feed.url)
    found = Found(notices=[damaged] if damaged else [])
    found.sources.append(feed.source(copy.fetched_at if copy else None, copy is not None))
    if reason is not None:
        found.notices.append(not_read(feed.url, reason, copy.fetched_at if copy else None, now))
    if copy is not None:
        try:
            found.problems = parse_copy(feed, copy.body, copy.fetched_at)
        except FeedError as exc:  # written by an older fixit, or by hand: said, not used
            found.notices.append(faulty(bad_feed(feed.url, None, now), list(exc.faults)))
    return found


def parse_copy(feed: Feed, body: bytes, fetched_at: dt.datetime) -> list[Problem]:
    """A saved or fetched body as problems (FeedError when it cannot be used)."""
    from fixit.known.sources import parse

    return parse(feed, body, fetched_at)


def from_network(feed: Feed, settings: KnownSettings, timeout: float) -> Found:
    """A feed read now (revalidating its copy), else its copy with a notice saying why."""
    from fixit.known import cache
    from fixit.known.fetch import FetchError, fetch

    now = _now()
    loaded = cache.read(feed.url)
    copy = loaded[0]
    if copy is not None and (now - copy.fetched_at).total_seconds() < settings.refresh:
        return from_copy(feed, None, now, loaded)
    etag, modified = (copy.etag, copy.last_modified) if copy else (None, None)
    try:
        got = fetch(feed.url, timeout, etag, modified)
    except FetchError as exc:
        return from_copy(feed, exc.reason, now, loaded)
    if got.status == 304 and copy is None:
        return from_copy(feed, _("it answered that an earlier copy is current"), now, loaded)
    if got.status == 304 and copy is not None:
        fresh = cache.Copy(
            feed.url, copy.body, got.etag or etag, got.last_modified or modified, now
        )
    else:
        fresh = cache.Copy(feed.url, got.body, got.etag, got.last_modified, now)
    return _fresh(feed, fresh, loaded, now)


def _fresh(feed: Feed, fresh: Copy, loaded: Loaded, now: dt.datetime) -> Found:
    """A body the server just vouched for: its problems, and the copy saved for next time; when
    it cannot be used, the fault said and the saved copy used instead."""
    from fixit.known import cache
    from fixit.known.notices import bad_feed, faulty

    copy, damaged = loaded
    try:
        problems = parse_copy(feed, fresh.body, now)
    except FeedError as exc:
        old = from_copy(feed, None, now, loaded)
        heading = bad_feed(feed.url, copy.fetched_at if copy else None, now)
        old.notices.insert(1 if damaged else 0, faulty(heading, list(exc.faults)))
        return old
    unsaved = cache.write(fresh)
    notices = [n for n in (damaged, unsaved) if n is not None]
    return Found(problems, notices, [feed.source(now)])


def assemble(found: Sequence[Found], now: dt.datetime) -> Known:
    """One Known of every source's: problems in force, an id given twice kept once (the later
    source's), notices in order, each once."""
    by_id: dict[str, Problem] = {}
    for part in found:
        for problem in part.problems:
            by_id.pop(problem.id, None)
            by_id[problem.id] = problem
    problems = tuple(p for p in by_id.values() if p.in_force(now))
    notices = {str(n): n for part in found for n in part.notices}  # one refused folder: once
    sources = tuple(source for part in found for source in part.sources)
    return Known(problems, tuple(notices.values()), sources)


def _guarded(work: Callable[[], Found], failed: Msg) -> Found:
    """`work`'s result; an unexpected failure is a notice, never a crash."""
    try:
        return work()
    except Exception:
        return Found(notices=[failed])


class Reading:
    """The configured feeds being read, each in its own daemon thread, within `timeout`
    seconds; what each gave is kept as it comes, so that a slow feed holds up none of the
    others."""

    def __init__(self, feeds: Sequence[Feed], settings: KnownSettings, timeout: float) -> None:
        from fixit.known.notices import shown

        self.feeds = list(feeds)
        self.results: dict[int, Found] = {}  # one key set once per thread: safe to read any time
        self.end = time.monotonic() + timeout
        self.late = _("no answer within {seconds:g} s", seconds=round(timeout, 1))
        self.threads = []
        for i, feed in enumerate(self.feeds):
            failed = _(
                "{url} could not be read (an internal error); it is left out.", url=shown(feed.url)
            )
            thread = threading.Thread(
                target=self._read, args=(i, feed, settings, timeout, failed), name="fixit-known"
            )
            thread.daemon = True
            thread.start()
            self.threads.append(thread)

    def _read(
        self, i: int, feed: Feed, settings: KnownSettings, timeout: float, failed: Msg
    ) -> None:
        self.results[i] = _guarded(lambda: from_network(feed, settings, timeout), failed)

    def wait(self) -> None:
        """Wait for the feeds until the time is up."""
        for thread in self.threads:
            thread.join(max(0.0, self.end - time.monotonic()))

    def found(self, late: Msg | None = None) -> list[Found]:
        """What each feed gave, or, for one not read yet, its saved copy and why (`late`)."""
        now = _now()
        reason = late or self.late
        return [
            self.results[i] if i in self.results else from_copy(feed, reason, now)
            for i, feed in enumerate(self.feeds)
        ]


FILES_FAILED = _("The known-problem files could not be read.")
FAILED = _("Known problems could not be read (an internal error).")


def gather(config: Config, tree_dirs: Sequence[Path], *, timeout: float | None = None) -> Known:
    """Every known problem in force: the tree folders' files and the configured feeds, read
    within `timeout` seconds (default: the configuration's `known.timeout`). Never raises."""
    try:
        settings = settings_of(config)
        wait = settings.timeout if timeout is None else max(0.0, timeout)
        reading = Reading(feeds_of(settings), settings, wait)
        files = _guarded(lambda: _files(tree_dirs), FILES_FAILED)
        reading.wait()
        return assemble([files, *reading.found()], _now())
    except Exception:
        return Known((), (FAILED,))


def offline(config: Config, tree_dirs: Sequence[Path], reason: Msg | None = None) -> Known:
    """What is known without the network: the files and the feeds' saved copies (`reason`:
    why the feeds were not read, said for each). Never raises."""
    try:
        now = _now()
        files = _guarded(lambda: _files(tree_dirs), FILES_FAILED)
        copies = [from_copy(feed, reason, now) for feed in feeds_of(settings_of(config))]
        return assemble([files, *copies], now)
    except Exception:
        return Known((), (FAILED,))


def _files(tree_dirs: Sequence[Path]) -> Found:
    from fixit.known.sources import read_files

    return read_files(tree_dirs)


class Pending:
    """Gathering in a daemon thread; `result` never waits longer than it is told, and gives the
    feeds read by then and the saved copies of the others."""

    def __init__(self, config: Config, tree_dirs: Sequence[Path]) -> None:
        self._config = config
        self._dirs = list(tree_dirs)
        self._known: list[Known] = []
        self._reading: list[Reading] = []
        self._thread = threading.Thread(target=self._run, name="fixit-known", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            settings = settings_of(self._config)
            reading = Reading(feeds_of(settings), settings, settings.timeout)
            self._reading.append(reading)
            files = _guarded(lambda: _files(self._dirs), FILES_FAILED)
            reading.wait()
            self._known.append(assemble([files, *reading.found()], _now()))
        except Exception:
            self._known.append(Known((), (FAILED,)))

    def done(self) -> bool:
        """Whether the feeds have all been read (or given up on)."""
        return bool(self._known)

    def result(self, wait: float) -> Known:
        """What gather found, waiting at most `wait` seconds; after that, the files, the feeds
        read by then and the others' saved copies (each said to be still loading)."""
        self._thread.join(max(0.0, wait))
        if self._known:
            return self._known[0]
        if not self._reading:
            return offline(self._config, self._dirs, _("still loading"))
        try:
            files = _guarded(lambda: _files(self._dirs), FILES_FAILED)
            return assemble([files, *self._reading[0].found(_("still loading"))], _now())
        except Exception:
            return Known((), (FAILED,))


def in_background(config: Config, tree_dirs: Sequence[Path]) -> Pending:
    """Start gathering in a daemon thread and return at once."""
    return Pending(config, tree_dirs)
