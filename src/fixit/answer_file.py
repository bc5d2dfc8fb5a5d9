"""Reading an answer file (SPEC §4): its values as written, every problem at its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fixit.access import closed, denied
from fixit.errors import FixitError
from fixit.i18n import Msg, _, ngettext
from fixit.msglines import lines
from fixit.trees.model import CHECK_STATUSES
from fixit.trees.yamlsafe import Map, Problem, Scalar, Seq, Value, YamlError, is_null, load_file

CALLER_KEYS = ("name", "organisation", "contact", "device_id")
WHAT = (_("the answer file"), _("the folder of the answer file"))
TOP_KEYS = {"tree", "mode", "lang", "answers", "checks", "caller", "notes"}


class AnswerFileError(FixitError):
    """An answer file that cannot be used."""


@dataclass
class AnswerFile:
    """Answers by node id (a list when a node is reached more than once), forced checks, caller."""

    answers: dict[str, list[str]] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)
    caller: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tree: str | None = None
    mode: str | None = None
    lang: str | None = None
    source: str = ""
    #: (line, column) of each key under `answers:` and `checks:`, for errors about a name
    answer_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    check_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    _used: dict[str, int] = field(default_factory=dict)

    def take(self, qid: str) -> str | None:
        """The next answer for a node; the last one given is reused when the node comes back."""
        given = self.answers.get(qid)
        if not given:
            return None
        n = self._used.get(qid, 0)
        self._used[qid] = n + 1
        return given[min(n, len(given) - 1)]


HINT = _("Fix the answer file; SPEC §4 describes its format.")


class _Reader:
    """Reads an answer file's values, collecting every problem with its place."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, at: Value, message: Msg) -> None:
        self.problems.append(Problem(self.name, at.line, at.col, message))

    def text(self, value: Value, not_text: Msg) -> str | None:
        """A scalar's text; `not_text` is the problem when it is something else."""
        if isinstance(value, Scalar):
            return "" if is_null(value) else value.value
        self.fail(value, not_text)
        return None

    def mapping(self, value: Value, not_mapping: Msg) -> Map | None:
        """A mapping; `not_mapping` is the problem when it is something else."""
        if isinstance(value, Map):
            return value
        self.fail(value, not_mapping)
        return None

    def texts(self, values: list[Value], not_text: Msg) -> list[str]:
        got = [self.text(v, not_text) for v in values]
        return [v for v in got if v is not None]


def _read(path: Path) -> tuple[Value, list[Problem]]:
    """The file's values, and its duplicate keys as problems (one among the others)."""
    duplicates: list[Problem] = []
    try:
        root = load_file(path, problems=duplicates)
    except YamlError as exc:
        if closed(path):  # which folder or file is closed, and what to do
            raise AnswerFileError(*denied(path, *WHAT)) from None
        hint = _("Fix the answer file and run it again.")
        raise AnswerFileError(exc.problem.as_msg(), hint) from None
    return root, duplicates


def load_answer_file(path: Path) -> AnswerFile:
    """Read an answer file with the same safe loader as trees; values are read as written.

    Every problem is reported at once, each at its file:line:col."""
    root, duplicates = _read(path)
    r = _Reader(str(path))
    r.problems += duplicates
    out = AnswerFile(source=str(path))
    top = r.mapping(root, _("the answer file must be a mapping"))
    if top is not None:
        _read_top(r, top, out)
    if r.problems:
        r.problems.sort(key=lambda p: (p.line, p.col))
        raise AnswerFileError(counted([p.as_msg() for p in r.problems]), HINT)
    return out


def counted(found: list[Msg]) -> Msg:
    """One problem as it is; several under a line that counts them."""
    if len(found) == 1:
        return found[0]
    head = ngettext(
        "the answer file has {n} problem:", "the answer file has {n} problems:", len(found)
    )
    return lines([head, *found])


def _read_top(r: _Reader, top: Map, out: AnswerFile) -> None:
    for key, scalar in top.keys.items():
        if key not in TOP_KEYS:
            r.fail(scalar, _("unknown key {key}", key=repr(key)))
    for key in ("tree", "mode", "lang"):
        if key in top.items:
            setattr(out, key, r.text(top.items[key], _("{what} must be text", what=key)))
    if out.mode not in (None, "self", "agent"):
        r.fail(top.items["mode"], _("mode must be self or agent"))
    answers = _section(r, top, "answers")
    if answers is not None:
        for node, value in answers.items.items():
            out.answer_at[node] = (answers.keys[node].line, answers.keys[node].col)
            values: list[Value] = list(value.items) if isinstance(value, Seq) else [value]
            out.answers[node] = r.texts(values, _("answer to {node} must be text", node=node))
    checks = _section(r, top, "checks")
    if checks is not None:
        for cid, value in checks.items.items():
            out.check_at[cid] = (checks.keys[cid].line, checks.keys[cid].col)
            status = r.text(value, _("check {check} must be text", check=cid))
            if status is not None and status not in CHECK_STATUSES:
                statuses = ", ".join(CHECK_STATUSES)
                message = _("check {check} must be one of {statuses}", check=cid, statuses=statuses)
                r.fail(value, message)
            elif status is not None:
                out.checks[cid] = status
    _read_people(r, top, out)


def _section(r: _Reader, top: Map, key: str) -> Map | None:
    """A top-level section that must be a mapping, when the file has it."""
    if key not in top.items:
        return None
    return r.mapping(top.items[key], _("{what} must be a mapping", what=key))


def _read_people(r: _Reader, top: Map, out: AnswerFile) -> None:
    """`caller:` and `notes:`."""
    caller = _section(r, top, "caller")
    if caller is not None:
        for key, value in caller.items.items():
            if key not in CALLER_KEYS:
                r.fail(caller.keys[key], _("unknown caller key {key}", key=repr(key)))
            got = r.text(value, _("caller {key} must be text", key=key))
            if got is not None and key in CALLER_KEYS:
                out.caller[key] = got
    if "notes" in top.items:
        notes = top.items["notes"]
        if not isinstance(notes, Seq):
            r.fail(notes, _("notes must be a list"))
        else:
            out.notes = r.texts(notes.items, _("a note must be text"))
