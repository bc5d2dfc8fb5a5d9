"""Safe YAML reading: size cap, UTF-8, an event pre-pass, and values that keep their positions."""

from __future__ import annotations

import errno
import os
import re
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
    """A mapping with text keys and its position; duplicate keys are set aside in `dropped`."""

    items: dict[str, Value]
    keys: dict[str, Scalar] = field(default_factory=dict)
    line: int = 0
    col: int = 0
    dropped: tuple[tuple[Value, Value], ...] = ()  # (key, value) of duplicate or non-text keys


Value = Union[Scalar, Seq, Map]  # noqa: UP007 - evaluated at runtime on Python 3.10

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"


def is_null(node: Value) -> bool:
    """Tell whether a value is an empty or null scalar (`key:` with nothing after it)."""
    return isinstance(node, Scalar) and node.plain and node.tag == _NULL


def _cannot_read(name: str, path: Path, exc: OSError) -> YamlError:
    reason = exc.strerror or type(exc).__name__
    if exc.errno in (errno.EACCES, errno.EPERM):
        from fixit.access import why_denied

        reason = why_denied(path)  # whose file or folder it is: what to ask for
    return YamlError(Problem(name, 1, 1, f"cannot read the file: {reason}"))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file without blocking on FIFOs or devices, refusing anything over the cap."""
    name = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _cannot_read(name, path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise YamlError(Problem(name, 1, 1, "not a regular file"))
    if st.st_size > max_bytes:
        raise YamlError(
            Problem(name, 1, 1, f"the file is {st.st_size} bytes; the limit is {max_bytes}")
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _cannot_read(name, path, exc) from None
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


# what YAML counts as a line break, and the characters its reader refuses (PyYAML's set)
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of `text[index]`, as YAML counts them."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def decode(data: bytes, name: str) -> str:
    """Decode strict UTF-8 (a BOM is allowed) and refuse NUL bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the bytes before the bad one decode: count the column in characters, as YAML does
        before = data[: exc.start].decode("utf-8-sig", "replace")
        line, col = text_position(before, len(before))
        raise YamlError(Problem(name, line, col, "the file is not valid UTF-8")) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text_position(text, nul)
        raise YamlError(Problem(name, line, col, "the file contains a NUL byte"))
    return text


def _check_characters(text: str, name: str) -> None:
    """Refuse a raw control character at its own line and column (the parser says 1:1)."""
    found = _NOT_PRINTABLE.search(text)
    if found is not None:
        line, col = text_position(text, found.start())
        code = f"U+{ord(found.group()):04X}"
        message = f"the file contains a control character ({code}), which YAML does not allow"
        raise YamlError(Problem(name, line, col, message))


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


def _convert(node: yaml.Node, name: str, problems: list[Problem] | None) -> Value:
    yaml, _ = _yaml()
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Scalar(str(node.value), str(node.tag), node.style in (None, ""), line, col)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, name, problems) for item in node.value], line, col)
    if isinstance(node, yaml.MappingNode):
        return _convert_map(node, name, problems, line, col)
    raise YamlError(Problem(name, line, col, "unsupported YAML node"))  # pragma: no cover


def _convert_map(
    node: yaml.MappingNode, name: str, problems: list[Problem] | None, line: int, col: int
) -> Map:
    """A mapping; a duplicate or non-text key is a problem (collected, or raised when
    `problems` is None) and the first value written is kept."""
    items: dict[str, Value] = {}
    keys: dict[str, Scalar] = {}
    dropped: list[tuple[Value, Value]] = []
    for key_node, value_node in node.value:
        key = _convert(key_node, name, problems)
        value = _convert(value_node, name, problems)
        if not isinstance(key, Scalar):
            problem = Problem(name, key.line, key.col, "a key must be plain text")
        elif not key.value.isprintable():  # a line break in a key would split every message
            message = f"a key must be one line of visible text, not {key.value!r}"
            problem = Problem(name, key.line, key.col, message)
        elif key.value in items:
            first = keys[key.value]
            message = f"duplicate key {key.value!r} (first at line {first.line})"
            problem = Problem(name, key.line, key.col, message)
        else:
            keys[key.value] = key
            items[key.value] = value
            continue
        if problems is None:
            raise YamlError(problem)
        problems.append(problem)
        dropped.append((key, value))
    return Map(items, keys, line, col, tuple(dropped))


def parse_text(
    text: str, name: str, max_depth: int = MAX_DEPTH, problems: list[Problem] | None = None
) -> Value:
    """Parse one YAML document into positioned values, turning every failure into a Problem.

    With a `problems` list, problems that leave the rest readable (a duplicate key) are added
    to it and reading goes on; without one, the first of them is raised."""
    yaml, loader = _yaml()
    try:
        _check_characters(text, name)
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
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise YamlError(Problem(name, 1, 1, f"cannot parse YAML: {first}")) from None
    if node is None:
        raise YamlError(Problem(name, 1, 1, "the file is empty"))
    return _convert(node, name, problems)


def load_file(
    path: Path, max_bytes: int = MAX_BYTES, problems: list[Problem] | None = None
) -> Value:
    """Read, decode and parse a YAML file safely (see `parse_text` for `problems`)."""
    data = read_bytes(path, max_bytes)
    return parse_text(decode(data, str(path)), str(path), problems=problems)


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
