"""Safe YAML reading: size cap, UTF-8, an event pre-pass, and values that keep their positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from fixit.i18n import N_, Msg, _
from fixit.records import Record
from fixit.trees.yamlfile import MAX_BYTES as MAX_BYTES  # re-exported: one module to read YAML
from fixit.trees.yamlfile import Problem as Problem
from fixit.trees.yamlfile import YamlError as YamlError
from fixit.trees.yamlfile import check_characters
from fixit.trees.yamlfile import decode as decode
from fixit.trees.yamlfile import read_bytes as read_bytes
from fixit.trees.yamlfile import text_position as text_position

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 64
MAX_EVENTS = 500_000


def _yaml() -> tuple[Any, type]:
    """PyYAML and its fastest safe loader, imported only when parsing (cached trees skip it)."""
    import yaml

    # the C parser is ~5x faster; the pre-pass bounds depth before it composes
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Scalar(Record):
    """A scalar exactly as written, with the tag YAML would have given it."""

    value: str
    tag: str
    plain: bool
    line: int
    col: int


@dataclass(frozen=True, repr=False, eq=False)
class Seq(Record):
    """A sequence and its position."""

    items: list[Value]
    line: int
    col: int


@dataclass(frozen=True, repr=False, eq=False)
class Map(Record):
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
            raise YamlError(Problem(*where, _("the document is too large")))
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(Problem(*where, _("aliases (*name) are not allowed in fixit files")))
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise YamlError(Problem(*where, _("anchors (&name) are not allowed in fixit files")))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag:
            message = _("tags ({tag}) are not allowed in fixit files", tag=event.tag)
            raise YamlError(Problem(*where, message))
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                message = _("only one YAML document is allowed per file")
                raise YamlError(Problem(*where, message))
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise YamlError(Problem(*where, _too_deep(max_depth)))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if documents == 0:
        raise YamlError(Problem(name, 1, 1, EMPTY))


EMPTY = _("the file is empty")


# PyYAML's own words for the commonest mistakes, translated; any others are shown as they are
PARSER_WORDS = {
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("block sequence entries are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("could not find expected ':'"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
}


def _parser_words(text: str) -> Msg | str:
    return _(text) if text in PARSER_WORDS else text


def _too_deep(max_depth: int) -> Msg:
    return _("nesting deeper than {depth} levels", depth=max_depth)


def _convert(node: yaml.Node, name: str, problems: list[Problem] | None) -> Value:
    yaml, _ = _yaml()
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Scalar(str(node.value), str(node.tag), node.style in (None, ""), line, col)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, name, problems) for item in node.value], line, col)
    if isinstance(node, yaml.MappingNode):
        return _convert_map(node, name, problems, line, col)
    raise YamlError(Problem(name, line, col, _("unsupported YAML node")))  # pragma: no cover


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
            problem = Problem(name, key.line, key.col, _("a key must be plain text"))
        elif not key.value.isprintable():  # a line break in a key would split every message
            message = _("a key must be one line of visible text, not {key}", key=repr(key.value))
            problem = Problem(name, key.line, key.col, message)
        elif key.value in items:
            message = _(
                "duplicate key {key} (first at line {line})",
                key=repr(key.value),
                line=keys[key.value].line,
            )
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
        check_characters(text, name)
        _check_events(text, name, max_depth)
        node = yaml.compose(text, Loader=loader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in str(exc.problem):
            # newer libyaml/PyYAML stop deep nesting in the scanner, before our event count sees it
            raise YamlError(Problem(name, line, col, _too_deep(max_depth))) from None
        syntax = _("YAML syntax: {problem}", problem=_parser_words(str(exc.problem or exc)))
        raise YamlError(Problem(name, line, col, syntax)) from None
    except Exception as exc:  # any parser failure is a problem in the file, never a crash
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise YamlError(Problem(name, 1, 1, _("cannot parse YAML: {error}", error=first))) from None
    if node is None:
        raise YamlError(Problem(name, 1, 1, EMPTY))
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
