"""Where trees come from, which one wins for an id, and a cache of validated trees."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit import __version__, paths, storage
from fixit.access import unreadable
from fixit.errors import StorageError, TreeError
from fixit.i18n import _
from fixit.msglines import lines
from fixit.permissions import UnsafeStateError
from fixit.trees.summaries import (
    REVISION,
    Summary,
    library_problems,
    summary_from_json,
    summary_to_json,
)
from fixit.trees.yamlfile import Problem, YamlError, decode, read_bytes

if TYPE_CHECKING:  # the node classes and the schema load only when a tree is (docs/performance.md)
    from fixit.trees.model import Tree

SOURCE_ORDER = ("shipped", "system", "config", "user", "extra")


@dataclass(frozen=True)
class Source:
    """A folder of trees and how specific it is (later kinds win)."""

    kind: str
    path: Path


@dataclass
class Entry:
    """One tree file: its summary (the nodes load on first use) or its problems."""

    path: Path
    source: Source
    summary: Summary | None
    problems: list[Problem]
    key: str = ""
    shadows: list[Entry] = field(default_factory=list)
    _tree: Tree | None = None

    @property
    def tree(self) -> Tree | None:
        """The validated tree, loaded from the cache when first asked for."""
        if self.summary is None:
            return None
        if self._tree is None:
            from fixit.trees.encoded import remember
            from fixit.trees.model import tree_from_json

            cached = _read_cache_bytes(self.key, "tree")
            try:
                self._tree = tree_from_json(json.loads(cached)) if cached else None
            except (KeyError, TypeError, ValueError, AttributeError):
                self._tree = None  # a damaged cache entry: validate the file again
            if self._tree is not None and cached:
                remember(self._tree, cached)  # a session stores these bytes as they are
            if self._tree is None:
                self._tree = load_entry(self.path, self.source, False)._tree
        return self._tree


@dataclass
class Library:
    """All trees found, the winning entry per id, and every problem seen."""

    entries: list[Entry]
    by_id: dict[str, Entry]
    problems: list[Problem]

    def summaries(self) -> dict[str, Summary]:
        """Summaries of the valid winning trees, by id."""
        return {i: e.summary for i, e in self.by_id.items() if e.summary is not None}

    def trees(self) -> dict[str, Tree]:
        """The valid winning trees by id (loads every tree: use `tree` for one)."""
        out = {}
        for tid, entry in self.by_id.items():
            tree = entry.tree
            if tree is not None:
                out[tid] = tree
        return out

    def tree(self, tree_id: str) -> Tree:
        """One valid tree by id (for sub-trees of a tree already checked with `get`)."""
        tree = self.by_id[tree_id].tree
        assert tree is not None
        return tree

    def get(self, ref: str) -> Tree:
        """A runnable tree by id or path, with everything it runs; raises TreeError otherwise."""
        entry = self.by_id.get(ref)
        if entry is None:
            path = Path(ref)
            if ref.endswith((".yaml", ".yml")) or path.exists():
                entry = load_entry(path, Source("extra", path.parent))
                if entry.summary is not None:
                    self.by_id[entry.summary.id] = entry
            else:
                known = ", ".join(sorted(self.by_id))
                hint = (
                    _("Run `fixit trees list` to see the trees (known: {known}).", known=known)
                    if known
                    else _("Run `fixit trees list` to see the trees (known: none).")
                )
                raise TreeError(_("there is no tree {id}.", id=repr(ref)), hint)
        problems = entry.problems
        if entry.summary is not None and not problems:
            problems = library_problems(self.summaries(), [entry.summary.id])
        tree = entry.tree
        if tree is None or problems:
            hint = _("Fix the tree file, then check it with `fixit trees validate`.")
            if entry.shadows:  # the broken one hides a tree that would run: say which, and where
                hint = _(
                    "Fix {path} (check it with `fixit trees validate`), or move it away "
                    "to use the tree of the same id it hides, {hidden}.",
                    path=str(entry.path),
                    hidden=str(entry.shadows[0].path),
                )
            header = _("tree {id} does not validate:", id=repr(ref))
            raise TreeError(lines([header, *(p.as_msg() for p in problems)]), hint)
        return tree


FOLDERS = {
    "shipped": _("the shipped tree folder"),
    "system": _("the organisation's tree folder"),
    "config": _("a tree folder named in the configuration"),
    "user": _("your tree folder"),
    "extra": _("the tree folder"),
}


def tree_files(folder: Path, kind: str = "extra") -> list[Path]:
    """The tree files of a folder: *.yaml and *.yml, not *.test.yaml nor known_issues.yaml. A
    missing folder has none; one this user cannot open is an error naming it (its trees would
    silently vanish)."""
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise TreeError(*unreadable(folder, FOLDERS[kind], exc=exc)) from None
    # known_issues.yaml beside the trees is a list of known problems (fixit.known), not a tree
    return [
        p
        for p in names
        if not p.name.endswith((".test.yaml", ".test.yml"))
        and p.name not in ("known_issues.yaml", "known_issues.yml")
    ]


def default_sources(config_trees: Sequence[Path] = (), extra: Sequence[Path] = ()) -> list[Source]:
    """Shipped, organisation, configuration, user, then --trees folders: least to most specific."""
    out = [
        Source("shipped", paths.shipped_trees_dir()),
        Source("system", paths.system_config_dir() / "trees"),
    ]
    out += [Source("config", p) for p in config_trees]
    out.append(Source("user", paths.user_config_dir() / "trees"))
    out += [Source("extra", p) for p in extra]
    return out


def _cache_key(data: bytes, name: str) -> str:
    h = hashlib.sha256(data)
    h.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0" + __version__.encode())
    h.update(f"\0{REVISION}".encode())
    return h.hexdigest()


_CHECKED: dict[Path, tuple[int, ...]] = {}  # cache folder -> its lstat's identity when checked


def _cache_folder() -> Path | None:
    """The private folder of cached trees, checked on every use; None when it cannot be made
    (the cache only saves time). A link or another user's folder is refused: fixit would read
    trees from, and write them to, wherever it points. Once checked, a use costs one lstat: the
    same folder (device, inode, owner and mode, reached by the same path) needs no second full
    check."""
    folder = paths.cache_dir() / "trees"
    try:
        st = os.lstat(folder)
        if stat.S_ISDIR(st.st_mode) and _CHECKED.get(folder) == _identity(st):
            return folder
    except OSError:
        pass
    try:
        checked = storage.private_dir(folder)
        st = os.lstat(checked)
    except UnsafeStateError:
        raise
    except (StorageError, OSError):
        return None
    _CHECKED[checked] = _identity(st)
    return checked


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_uid, st.st_mode)


def _read_cache(key: str, part: str) -> Any:
    """One part of a cached validation result (`summary` or `tree`), or None."""
    data = _read_cache_bytes(key, part)
    try:
        return json.loads(data) if data is not None else None
    except ValueError:  # damage: validate again, replace it
        return None


def _read_cache_bytes(key: str, part: str) -> bytes | None:
    """The bytes of one part of a cached validation result, or None."""
    folder = _cache_folder()
    if folder is None:
        return None
    try:
        fd = storage.open_checked(folder / f"{key}.{part}.json", os.O_RDONLY)
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except (OSError, StorageError):  # a link or damage: validate again, replace it
        return None


def _write_cache(key: str, part: str, data: Any) -> None:
    _write_cache_bytes(key, part, json.dumps(data).encode())


def _write_cache_bytes(key: str, part: str, data: bytes) -> None:
    folder = _cache_folder()
    if folder is None:
        return
    with contextlib.suppress(StorageError):  # a cache that cannot be written only costs time
        storage.write_atomic(folder / f"{key}.{part}.json", data)


def load_entry(path: Path, source: Source, use_cache: bool = True) -> Entry:
    """Load and validate one tree file; a file seen before is answered from its summary."""
    name = str(path)
    try:
        data = read_bytes(path)
    except YamlError as exc:
        return Entry(path, source, None, [exc.problem])
    stem = path.name.rsplit(".", 1)[0]
    key = _cache_key(data, name)
    if use_cache:
        cached = _read_cache(key, "summary")
        try:
            if cached and "problems" in cached:
                problems = [Problem.from_json(p) for p in cached["problems"]]
                return Entry(path, source, None, problems, key)
            if cached:
                return Entry(path, source, summary_from_json(cached), [], key)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged cache entry: validate again
    try:
        text = decode(data, name)
    except YamlError as exc:
        return Entry(path, source, None, [exc.problem], key)
    from fixit.trees.encoded import tree_bytes
    from fixit.trees.model import summarize
    from fixit.trees.validate import check_text

    tree, problems = check_text(text, name, stem)
    summary = summarize(tree) if tree is not None else None
    if use_cache:
        if tree is not None and summary is not None:
            _write_cache_bytes(key, "tree", tree_bytes(tree))  # a session stores the same
            _write_cache(key, "summary", summary_to_json(summary))
        else:
            _write_cache(key, "summary", {"problems": [p.to_json() for p in problems]})
    return Entry(path, source, summary, problems, key, _tree=tree)


def load_library(sources: Iterable[Source], use_cache: bool = True) -> Library:
    """Load every tree of every source; for an id found twice the more specific source wins."""
    entries: list[Entry] = []
    by_id: dict[str, Entry] = {}
    for source in sources:
        for path in tree_files(source.path, source.kind):
            entry = load_entry(path, source, use_cache)
            entries.append(entry)
            tree_id = entry.summary.id if entry.summary else path.name.rsplit(".", 1)[0]
            if tree_id in by_id:
                entry.shadows = [by_id[tree_id], *by_id[tree_id].shadows]
            by_id[tree_id] = entry
    problems = [p for e in entries for p in e.problems]
    summaries = {i: e.summary for i, e in by_id.items() if e.summary is not None}
    problems += library_problems(summaries)
    return Library(entries, by_id, problems)
