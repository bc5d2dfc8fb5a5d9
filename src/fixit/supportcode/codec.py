"""A session's path as a support code and back: the header, then each answer along the active
path as digits, packed into one number, written in base 32 with check characters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fixit.engine import ESCALATE, MAX_STEPS, Answer, AnswerError, Engine, Walk
from fixit.i18n import Msg, _
from fixit.supportcode import alphabet
from fixit.supportcode.digits import DigitsError, Packer, Unpacker, from_symbols, to_symbols
from fixit.supportcode.header import (
    KNOWN,
    MODES,
    Header,
    content_prefix,
    pack_header,
    tree_hash,
    unpack_header,
)
from fixit.supportcode.steps import person, put_answer, stand_in, take_answer
from fixit.supportcode.typed import MAX_LENGTH, CodeError, checked, read_again
from fixit.trees.model import Tree
from fixit.trees.nodes import End, Input, Run


@dataclass(frozen=True)
class Decoded:
    """What a code says over a tree: the answers along the path (an input's with an empty value:
    typed values are never in a code, so a replay asks them again), the mode, whether the
    session finished, its outcome and end node, or the node it stopped at; `path` is the walk's
    every node, `tree` nodes included."""

    tree: str
    version: int | None
    mode: str
    answers: tuple[Answer, ...]
    finished: bool
    outcome: str | None
    end: str | None
    at: str | None
    path: tuple[str, ...] = ()


def encode(
    trees: Mapping[str, Tree],
    root: str,
    digest: str,
    answers: Sequence[Answer],
    mode: str,
    finished: bool,
    known: bool = False,
) -> str:
    """The support code of a session: tree `root` (content `digest`), the answers in force, the
    mode and whether it finished; `known`: it ended at a known problem ("this is my problem")
    where the answers had reached (the only way a session finishes away from an end node: any
    other session whose answers stop at a node reads back as unfinished there). Grouped by
    four, e.g. "FX7K-3MQ9-ZD2A". CodeError when the answers do not walk the tree or the code
    would be over MAX_LENGTH characters."""
    if mode not in MODES:
        raise ValueError(f"mode {mode!r} is none of {MODES}")
    engine = Engine(trees, root)
    try:
        walk = engine.walk(answers)
    except AnswerError as exc:
        raise CodeError(
            _("the answers do not fit tree {tree}: {why}", tree=root, why=exc.message),
            _("This is a fault in fixit: report it with the session."),
        ) from None
    answers = answers[: _used(engine, walk)]  # any after the end never count
    escalated = bool(answers) and answers[-1].value == ESCALATE
    stop = "escalate" if escalated else "end" if walk.finished else KNOWN if known else "at"
    body = answers[:-1] if escalated else answers
    count = None if stop == "end" else len(body)
    header = Header(
        tree_hash(root),
        trees[root].version,
        content_prefix(trees, root, digest),
        mode,
        stop == KNOWN if stop in ("at", KNOWN) else finished,  # a node reached: unfinished
        stop,
        count,
    )
    packer = Packer()
    pack_header(packer, header)
    for answer in body:
        put_answer(packer, engine.node(answer.node), answer)
    return _written(packer.number())


def _written(number: int) -> str:
    """A packed number as a code: base 32, its check characters, in groups of four."""
    word = alphabet.protect(to_symbols(number))
    if len(word) > MAX_LENGTH:
        raise CodeError(
            _(
                "this session is too long for a support code ({n} characters; at most {max})",
                n=len(word),
                max=MAX_LENGTH,
            ),
            _("Send the report instead: it holds every answer."),
        )
    return alphabet.grouped(word)


def _used(engine: Engine, walk: Walk) -> int:
    """How many answers a walk used: one for each node it was answered at."""
    asked = sum(not isinstance(engine.node(qid), (Run, End)) for qid in walk.path)
    return asked if walk.finished else asked - 1


def read_header(code: str) -> Header:
    """What a code says without any tree; CodeError when it is mistyped (naming the group)."""
    return _header(code)[0]


def _header(code: str) -> tuple[Header, Unpacker]:
    unpacker = Unpacker(from_symbols(checked(code)))
    try:
        header = unpack_header(unpacker)
    except DigitsError:
        raise CodeError(_("this is not a support code fixit makes"), read_again()) from None
    if isinstance(header, int):
        raise CodeError(
            _("this code was made by a newer fixit (code format {n})", n=header),
            _("Update fixit on this machine to read it."),
        )
    return header, unpacker


def decode(code: str, candidates: Iterable[tuple[Mapping[str, Tree], str, str]]) -> Decoded:
    """A code read over the trees of this machine: `candidates` are (trees, root id, digest).
    CodeError when it is mistyped, for a tree or version this machine does not have, or does
    not fit the tree it names."""
    header, unpacker = _header(code)
    trees, root = _pick(header, list(candidates))
    tree = trees[root]
    engine = Engine(trees, root)
    try:
        answers, walk = _replay(engine, header, unpacker)
        unpacker.done()
    except (DigitsError, AnswerError, KeyError):
        raise CodeError(
            _(
                "the code does not fit tree {tree} version {version}",
                tree=root,
                version=tree.version,
            ),
            _(
                "Ask the user to read the code again; if it is right, the user's copy of the tree "
                "differs from this machine's though the versions match."
            ),
        ) from None
    kept = tuple(
        Answer(a.node, "", a.by) if isinstance(engine.node(a.node), Input) else a for a in answers
    )
    return Decoded(
        root,
        tree.version,
        header.mode,
        kept,
        header.finished,
        KNOWN if header.stop == KNOWN else walk.outcome,
        walk.end,
        None if walk.finished else walk.qid,
        walk.path,
    )


def _pick(
    header: Header, candidates: list[tuple[Mapping[str, Tree], str, str]]
) -> tuple[Mapping[str, Tree], str]:
    """The candidate the header names; CodeError naming what is missing when none is."""
    named = [c for c in candidates if tree_hash(c[1]) == header.tree_hash and c[1] in c[0]]
    for trees, root, digest in named:
        if trees[root].version == header.version and _prefix_of(trees, root, digest) == (
            header.digest_prefix
        ):
            return trees, root
    raise _missing(header, named)


def _prefix_of(trees: Mapping[str, Tree], root: str, digest: str) -> str | None:
    """A candidate's digest prefix; None when a tree it runs is missing here."""
    try:
        return content_prefix(trees, root, digest)
    except KeyError:
        return None


def _runs_note(trees: Mapping[str, Tree], root: str) -> Msg | str:
    """For a tree that runs others: that they may be what differs."""
    runs = trees[root].subtrees()
    if not runs:
        return ""
    return _(" (or other copies of the trees it runs: {runs})", runs=", ".join(runs))


def _missing(header: Header, named: list[tuple[Mapping[str, Tree], str, str]]) -> CodeError:
    """What is missing on this machine: any tree of the code's id hash, or its version."""
    version = "?" if header.version is None else header.version
    if not named:
        return CodeError(
            _(
                "this code is for a tree this machine does not have (version {version}, "
                "content {digest})",
                version=version,
                digest=header.digest_prefix,
            ),
            _(
                "Add the tree folders the user's fixit has to this machine's; `fixit trees list` "
                "shows the trees here."
            ),
        )
    same = [c for c in named if c[0][c[1]].version == header.version]
    trees, root, _digest = (same or named)[0]
    have = trees[root].version
    why = (
        _(
            "this code is for tree {tree} version {version} with other content than this "
            "machine's copy{runs}",
            tree=root,
            version=version,
            runs=_runs_note(trees, root),
        )
        if have == header.version
        else _(
            "this code is for tree {tree} version {version}, which this machine does not have "
            "(it has version {have})",
            tree=root,
            version=version,
            have=have,
        )
    )
    return CodeError(why, _put_hint(trees, root))


def _put_hint(trees: Mapping[str, Tree], root: str) -> Msg:
    """What to put on this machine: the tree, and the trees it runs (a code's digest covers
    them all, so it cannot tell which one differs)."""
    runs = trees[root].subtrees()
    if runs:
        return _(
            "Put the user's copies of {tree} and of the trees it runs ({runs}) in one of this "
            "machine's tree folders, or ask the user for the answers.",
            tree=root,
            runs=", ".join(runs),
        )
    return _(
        "Put the user's version of {tree} in one of this machine's tree folders, or ask the user "
        "for the answers.",
        tree=root,
    )


def _replay(engine: Engine, header: Header, unpacker: Unpacker) -> tuple[list[Answer], Walk]:
    """Read answers off the code along the walk until the header's stop; the final walk."""
    answers: list[Answer] = []
    spent: set[str] = set()
    walk = engine.walk(answers)
    while header.count is None or len(answers) < header.count:
        if walk.finished or walk.node is None:
            break
        if len(answers) >= MAX_STEPS or (unpacker.rest == 0 and walk.qid in spent):
            raise DigitsError("the answers loop")
        if unpacker.rest == 0 and header.count is None:  # all zeros from here: a node met
            spent.add(walk.qid)  # again would be met for ever
        answer = take_answer(unpacker, walk.node, walk.qid, header.mode)
        if isinstance(walk.node, Input):
            answer = Answer(walk.qid, stand_in(walk.node), answer.by)
        answers.append(answer)
        walk = engine.walk(answers)
    if header.stop == "escalate" and not walk.finished:
        answers.append(Answer(walk.qid, ESCALATE, person(header.mode)))
        walk = engine.walk(answers)
    if walk.finished != (header.stop in ("end", "escalate")):
        raise DigitsError("the answers end elsewhere")
    return answers, walk
