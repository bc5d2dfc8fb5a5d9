"""A YAML file's text, read safely: a regular file under the size cap, strict UTF-8 without NUL
bytes or raw control characters; and the problem a file can have, at its place."""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixit import oserrors
from fixit.i18n import Msg, _, from_json, to_json
from fixit.msglines import prefixed
from fixit.records import Record

MAX_BYTES = 1024 * 1024


@dataclass(frozen=True, repr=False, eq=False)  # Record's: one copy for all
class Problem(Record):
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: Msg | str  # a str only from code not yet converted to messages: shown as it is

    @property
    def where(self) -> str:
        """The place, as editors and compilers write it: `file:line:col`."""
        return f"{self.file}:{self.line}:{self.col}"

    def as_msg(self) -> Msg:
        """The problem as one message: the place (data) before what is wrong (translated)."""
        return prefixed(f"{self.where}: ", self.message)

    def render(self, lang: str) -> str:
        """`file:line:col: message`, the message in `lang`."""
        return self.as_msg().render(lang)

    def __str__(self) -> str:
        return self.render("en")

    def to_json(self) -> dict[str, object]:
        """The problem as a cache keeps it (a message with its id and values)."""
        message = to_json(self.message) if isinstance(self.message, Msg) else self.message
        return {"file": self.file, "line": self.line, "col": self.col, "message": message}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Problem:
        """A problem `to_json` wrote; ValueError for any other shape."""
        kept = raw["message"]
        message = kept if isinstance(kept, str) else from_json(kept)
        if message is None or not isinstance(raw["line"], int) or not isinstance(raw["col"], int):
            raise ValueError("not a problem")
        return cls(str(raw["file"]), raw["line"], raw["col"], message)


class YamlError(Exception):
    """A file that cannot be read as safe YAML; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _cannot_read(name: str, path: Path, exc: OSError) -> YamlError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        from fixit.access import why_denied

        reason: Msg | str = why_denied(path)  # whose file or folder it is: what to ask for
    else:
        reason = oserrors.reason(exc, type(exc).__name__)
    return YamlError(Problem(name, 1, 1, _("cannot read the file: {reason}", reason=reason)))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file without blocking on FIFOs or devices, refusing anything over the cap."""
    name = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _cannot_read(name, path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise YamlError(Problem(name, 1, 1, _(oserrors.NOT_REGULAR)))
    if st.st_size > max_bytes:
        message = _(
            "the file is {size} bytes; the limit is {limit}", size=st.st_size, limit=max_bytes
        )
        raise YamlError(Problem(name, 1, 1, message))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _cannot_read(name, path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise YamlError(Problem(name, 1, 1, _(oserrors.NOT_REGULAR)))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        message = _("the file is over the limit of {limit} bytes", limit=max_bytes)
        raise YamlError(Problem(name, 1, 1, message))
    return data


# what YAML counts as a line break
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


@functools.cache
def not_printable() -> re.Pattern[str]:
    """The characters YAML's reader refuses (PyYAML's set), compiled when a file is first read:
    written as the characters refused, not as the negation of those allowed, whose class over
    all of Unicode took ~6 ms to compile; this one ~1 ms, which a start needs only for YAML."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


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
        raise YamlError(Problem(name, line, col, _("the file is not valid UTF-8"))) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text_position(text, nul)
        raise YamlError(Problem(name, line, col, _("the file contains a NUL byte")))
    return text


def check_characters(text: str, name: str) -> None:
    """Refuse a raw control character at its own line and column (the parser says 1:1)."""
    found = not_printable().search(text)
    if found is not None:
        line, col = text_position(text, found.start())
        code = f"U+{ord(found.group()):04X}"
        message = _(
            "the file contains a control character ({code}), which YAML does not allow", code=code
        )
        raise YamlError(Problem(name, line, col, message))
