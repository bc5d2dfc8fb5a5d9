"""Where trees come from, which one wins for an id, and a cache of validated trees."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fixit import __version__, paths, storage
from fixit.errors import StorageError, TreeError
from fixit.trees.model import Tree, tree_from_json, tree_to_json
from fixit.trees.validate import check_text, library_problems
from fixit.trees.yamlsafe import Problem, YamlError, decode, read_bytes

SOURCE_ORDER = ("shipped", "system", "config", "user", "extra")


@dataclass(frozen=True)
class Source:
    """A folder of trees and how specific it is (later kinds win)."""

    kind: str
    path: Path


@dataclass
class Entry:
    """One tree file found in a source: the validated tree or its problems."""

    path: Path
    source: Source
    tree: Tree | None
    problems: list[Problem]
    shadows: list[Entry] = field(default_factory=list)


@dataclass
class Library:
    """All trees found, the winning entry per id, and every problem seen."""

    entries: list[Entry]
    by_id: dict[str, Entry]
    problems: list[Problem]

    def trees(self) -> dict[str, Tree]:
        """The valid winning trees by id."""
        return {i: e.tree for i, e in self.by_id.items() if e.tree is not None}

    def get(self, ref: str) -> Tree:
        """A runnable tree by id or path, with everything it runs; raises TreeError otherwise."""
        entry = self.by_id.get(ref)
        if entry is None:
            path = Path(ref)
            if ref.endswith((".yaml", ".yml")) or path.exists():
                entry = load_entry(path, Source("extra", path.parent))
                if entry.tree is not None:
                    self.by_id[entry.tree.id] = entry
            else:
                known = ", ".join(sorted(self.by_id)) or "none"
                raise TreeError(
                    f"there is no tree {ref!r}.",
                    f"Run `fixit trees list` to see the trees (known: {known}).",
                )
        problems = entry.problems or self._related_problems(entry)
        if entry.tree is None or problems:
            lines = "\n".join(str(p) for p in problems)
            raise TreeError(
                f"tree {ref!r} does not validate:\n{lines}",
                "Fix the tree file, then check it with `fixit trees validate`.",
            )
        return entry.tree

    def _related_problems(self, entry: Entry) -> list[Problem]:
        assert entry.tree is not None
        return library_problems(self.trees(), [entry.tree.id])


def tree_files(folder: Path) -> list[Path]:
    """The tree files of a folder: *.yaml and *.yml, not *.test.yaml."""
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return []
    return [p for p in names if not p.name.endswith((".test.yaml", ".test.yml"))]


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


def _cache_key(data: bytes, stem: str) -> str:
    h = hashlib.sha256(data)
    h.update(b"\0" + stem.encode() + b"\0" + __version__.encode())
    return h.hexdigest()


def _cache_get(key: str) -> Tree | list[Problem] | None:
    """A cached validation result: the tree, or the problems of a file that did not validate."""
    path = paths.cache_dir() / "trees" / f"{key}.json"
    try:
        data = storage.read_json(path)
        if "problems" in data:
            return [Problem(p["file"], p["line"], p["col"], p["message"]) for p in data["problems"]]
        return tree_from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_put(key: str, value: Tree | list[Problem]) -> None:
    folder = paths.cache_dir() / "trees"
    if isinstance(value, Tree):
        data = tree_to_json(value)
    else:
        data = {"problems": [p.__dict__ for p in value]}
    with contextlib.suppress(StorageError):  # a cache that cannot be written only costs time
        storage.private_dir(folder)
        storage.write_atomic(folder / f"{key}.json", json.dumps(data).encode())


def load_entry(path: Path, source: Source, use_cache: bool = True) -> Entry:
    """Load and validate one tree file, through the content-hash cache."""
    name = str(path)
    try:
        data = read_bytes(path)
    except YamlError as exc:
        return Entry(path, source, None, [exc.problem])
    stem = path.name.rsplit(".", 1)[0]
    key = _cache_key(data, stem + "\0" + name)
    cached = _cache_get(key) if use_cache else None
    if isinstance(cached, Tree):
        return Entry(path, source, cached, [])
    if cached is not None:
        return Entry(path, source, None, cached)
    try:
        text = decode(data, name)
    except YamlError as exc:
        return Entry(path, source, None, [exc.problem])
    tree, problems = check_text(text, name, stem)
    if use_cache:
        _cache_put(key, tree if tree is not None else problems)
    return Entry(path, source, tree, problems)


def load_library(sources: Iterable[Source], use_cache: bool = True) -> Library:
    """Load every tree of every source; for an id found twice the more specific source wins."""
    entries: list[Entry] = []
    by_id: dict[str, Entry] = {}
    for source in sources:
        for path in tree_files(source.path):
            entry = load_entry(path, source, use_cache)
            entries.append(entry)
            tree_id = entry.tree.id if entry.tree else path.name.rsplit(".", 1)[0]
            if tree_id in by_id:
                entry.shadows = [by_id[tree_id], *by_id[tree_id].shadows]
            by_id[tree_id] = entry
    problems = [p for e in entries for p in e.problems]
    trees = {i: e.tree for i, e in by_id.items() if e.tree is not None}
    problems += library_problems(trees)
    return Library(entries, by_id, problems)
