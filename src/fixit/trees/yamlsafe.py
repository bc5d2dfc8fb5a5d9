"""Safe YAML reading: size cap, UTF-8, an event pre-pass, and values that keep their positions."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EVENTS = 500_000


def _yaml() -> tuple[Any, type]:
    """PyYAML and its fastest safe loader, imported only when parsing (cached trees skip it)."""
    import yaml

    # the C parser is ~5x faster; the pre-pass bounds depth before it composes
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class YamlError(Exception):
    """A file that cannot be read as safe YAML; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written, with the tag YAML would have given it."""

    value: str
    tag: str
    plain: bool
    line: int
    col: int


@dataclass(frozen=True)
class Seq:
    """A sequence and its position."""

    items: list[Value]
    line: int
    col: int


@dataclass(frozen=True)
class Map:
    """A mapping with text keys (duplicates already rejected) and its position."""

    items: dict[str, Value]
    keys: dict[str, Scalar] = field(default_factory=dict)
    line: int = 0
    col: int = 0


Value = Union[Scalar, Seq, Map]  # noqa: UP007 - evaluated at runtime on Python 3.10

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"


def is_null(node: Value) -> bool:
    """Tell whether a value is an empty or null scalar (`key:` with nothing after it)."""
    return isinstance(node, Scalar) and node.plain and node.tag == _NULL


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file without blocking on FIFOs or devices, refusing anything over the cap."""
    name = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise YamlError(Problem(name, 1, 1, f"cannot read the file: {exc.strerror}")) from None
    if not stat.S_ISREG(st.st_mode):
        raise YamlError(Problem(name, 1, 1, "not a regular file"))
    if st.st_size > max_bytes:
        raise YamlError(
            Problem(name, 1, 1, f"the file is {st.st_size} bytes; the limit is {max_bytes}")
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise YamlError(Problem(name, 1, 1, f"cannot read the file: {exc.strerror}")) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise YamlError(Problem(name, 1, 1, "not a regular file"))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise YamlError(Problem(name, 1, 1, f"the file is over the limit of {max_bytes} bytes"))
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def decode(data: bytes, name: str) -> str:
    """Decode strict UTF-8 (a BOM is allowed) and refuse NUL bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise YamlError(Problem(name, line, col, "the file is not valid UTF-8")) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise YamlError(Problem(name, line, col, "the file contains a NUL byte"))
    return text


def _check_events(text: str, name: str, max_depth: int) -> None:
    yaml, loader = _yaml()
    depth = 0
    documents = 0
    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        mark = event.start_mark
        where: tuple[str, int, int] = (
            (name, mark.line + 1, mark.column + 1) if mark else (name, 1, 1)
        )
        if count > MAX_EVENTS:
            raise YamlError(Problem(*where, "the document is too large"))
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(Problem(*where, "aliases (*name) are not allowed in fixit files"))
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise YamlError(Problem(*where, "anchors (&name) are not allowed in fixit files"))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag:
            raise YamlError(Problem(*where, f"tags ({event.tag}) are not allowed in fixit files"))
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError(Problem(*where, "only one YAML document is allowed per file"))
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise YamlError(Problem(*where, f"nesting deeper than {max_depth} levels"))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if documents == 0:
        raise YamlError(Problem(name, 1, 1, "the file is empty"))


def _convert(node: yaml.Node, name: str) -> Value:
    yaml, _ = _yaml()
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Scalar(str(node.value), str(node.tag), node.style in (None, ""), line, col)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, name) for item in node.value], line, col)
    if isinstance(node, yaml.MappingNode):
        items: dict[str, Value] = {}
        keys: dict[str, Scalar] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, name)
            if not isinstance(key, Scalar):
                raise YamlError(Problem(name, key.line, key.col, "a key must be plain text"))
            if key.value in items:
                first = keys[key.value]
                raise YamlError(
                    Problem(
                        name,
                        key.line,
                        key.col,
                        f"duplicate key {key.value!r} (first at line {first.line})",
                    )
                )
            keys[key.value] = key
            items[key.value] = _convert(value_node, name)
        return Map(items, keys, line, col)
    raise YamlError(Problem(name, line, col, "unsupported YAML node"))  # pragma: no cover


def parse_text(text: str, name: str, max_depth: int = MAX_DEPTH) -> Value:
    """Parse one YAML document into positioned values, turning every failure into a Problem."""
    yaml, loader = _yaml()
    try:
        _check_events(text, name, max_depth)
        node = yaml.compose(text, Loader=loader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in str(exc.problem):
            # newer libyaml/PyYAML stop deep nesting in the scanner, before our event count sees it
            raise YamlError(
                Problem(name, line, col, f"nesting deeper than {max_depth} levels")
            ) from None
        raise YamlError(Problem(name, line, col, f"YAML syntax: {exc.problem or exc}")) from None
    except Exception as exc:  # any parser failure is a problem in the file, never a crash
        raise YamlError(Problem(name, 1, 1, f"cannot parse YAML: {exc}")) from None
    if node is None:
        raise YamlError(Problem(name, 1, 1, "the file is empty"))
    return _convert(node, name)


def load_file(path: Path, max_bytes: int = MAX_BYTES) -> Value:
    """Read, decode and parse a YAML file safely."""
    data = read_bytes(path, max_bytes)
    return parse_text(decode(data, str(path)), str(path))


def scalar_int(node: Scalar, max_digits: int = 12) -> int | None:
    """The integer a plain scalar spells, or None (digits capped: no 5000-digit integers)."""
    raw = node.value.strip().replace("_", "")
    if not node.plain or node.tag != _INT or len(raw) > max_digits:
        return None
    try:
        return int(raw, 0) if raw[:2].lower() in ("0x", "0o", "0b") else int(raw)
    except ValueError:
        return None


def scalar_bool(node: Scalar) -> bool | None:
    """The boolean a plain scalar spells (true/false/yes/no...), or None."""
    if not node.plain or node.tag != _BOOL:
        return None
    return node.value.lower() in ("true", "yes", "on", "y")


def to_python(value: Value) -> object:
    """Turn positioned values into plain Python values, scalars kept as written text."""
    if isinstance(value, Scalar):
        return None if is_null(value) else value.value
    if isinstance(value, Seq):
        return [to_python(item) for item in value.items]
    return {key: to_python(item) for key, item in value.items.items()}
