"""Fuzz the session readers: journal.jsonl, meta.json, trees.json and the stored tree snapshot it
names damaged in every way."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import typing
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from fixit import sessions, tree_store
from fixit.__main__ import main
from fixit.errors import ExitCode, FixitError
from fixit.events import Event
from fixit.sessions import JOURNAL, META, TREES
from tests.fuzz.support import CHARS

JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(CHARS, max_size=10),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(CHARS, max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture
def pristine(tmp_path: Path) -> dict[str, bytes]:
    """The files of a real session (no-internet, answered from an answer file), made to look
    interrupted before its end so that `fixit resume` replays it."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "answers": {"scope": "one", "reconnect": "unsolved", "device_restart": "solved"},
                "checks": {"network.interfaces": "fail"},
                "notes": ["a note"],
            }
        ),
        encoding="utf-8",
    )
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["start", "no-internet", "--answers", str(answers), "--no-checks"], False)
    assert code == ExitCode.OK
    (folder,) = sessions.sessions_dir().iterdir()
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    meta = {**json.loads(files[META]), "status": "running", "outcome": None}
    files[META] = json.dumps(meta).encode()
    journal = [line for line in _lines(files[JOURNAL]) if json.loads(line)["t"] != "end"]
    files[JOURNAL] = b"\n".join(journal) + b"\n"
    return files


def _lines(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\n") if line]


@st.composite
def damaged_json(draw: st.DrawFn, original: bytes) -> bytes:
    """A JSON file as it was, of the wrong shape, a field changed or dropped, cut, or garbage."""
    how = draw(st.sampled_from(["as is", "wrong shape", "field", "cut", "bytes", "utf-8"]))
    event(f"file {how}")
    if how == "as is":
        return original
    if how == "wrong shape":
        return json.dumps(draw(JSON)).encode()
    if how == "field":
        value = json.loads(original)
        if isinstance(value, dict) and value:
            key = draw(st.sampled_from(sorted(value)))
            if draw(st.booleans()):
                del value[key]
            else:
                value[key] = draw(JSON)
        return json.dumps(value, ensure_ascii=False).encode()
    if how == "cut":
        return original[: draw(st.integers(0, max(0, len(original) - 1)))]
    if how == "bytes":
        return draw(st.binary(max_size=40))
    at = draw(st.integers(0, len(original)))
    return original[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))


@st.composite
def damaged_journal(draw: st.DrawFn, original: bytes) -> bytes:
    """Journal lines kept, reordered, changed, cut short, or replaced with any JSON or bytes."""
    lines = _lines(original)
    out: list[bytes] = []
    for _ in range(draw(st.integers(0, len(lines) + 3))):
        line = draw(st.sampled_from(lines)) if lines else b"{}"
        how = draw(st.sampled_from(["keep", "keep", "field", "any json", "cut", "bytes", "empty"]))
        if how == "field":
            line = draw(damaged_json(line))
        elif how == "any json":
            line = json.dumps(draw(JSON)).encode()
        elif how == "cut":
            line = line[: draw(st.integers(0, len(line)))]
        elif how == "bytes":
            line = draw(st.binary(max_size=30)).replace(b"\n", b"")
        elif how == "empty":
            line = b" "
        out.append(line)
    return b"\n".join(out) + draw(st.sampled_from([b"\n", b"", b"\n\n"]))


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args), False)
    return code, out.getvalue(), err.getvalue()


def _install(files: dict[str, bytes], sid: str) -> None:
    """Put a session's files in place of the last example's (meta.json names its folder)."""
    folder = sessions.sessions_dir() / sid
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    for name, data in files.items():
        (folder / name).write_bytes(data)
        (folder / name).chmod(0o600)


@given(st.data())
def test_a_damaged_session_is_read_listed_and_reported_or_refused(
    pristine: dict[str, bytes], data: st.DataObject
) -> None:
    """sessions.load, sessions.listing, `fixit sessions`, `fixit report` and `fixit resume` on
    a session whose files were damaged: a value or fixit's own error, never a crash."""
    files = dict(pristine)
    part = data.draw(st.sampled_from([META, JOURNAL, TREES, "all"]), label="damaged")
    if part in (META, "all"):
        files[META] = data.draw(damaged_json(pristine[META]), label=META)
    if part in (TREES, "all"):
        files[TREES] = data.draw(damaged_json(pristine[TREES]), label=TREES)
    if part in (JOURNAL, "all"):
        files[JOURNAL] = data.draw(damaged_journal(pristine[JOURNAL]), label=JOURNAL)
    sid = json.loads(pristine[META])["id"]
    _install(files, sid)
    try:
        loaded = sessions.load(sid)
    except FixitError as exc:
        event("load refused")
        assert sid in str(exc.message) or sid in str(exc.hint), exc.message
    else:
        event("loaded")
        assert isinstance(loaded.meta, dict)
        assert all(isinstance(e, typing.get_args(Event)) for e in loaded.events)
    rows = list(sessions.listing())
    assert all(isinstance(row, dict) and isinstance(row.get("id"), str) for row in rows)
    code, out, err = _run("sessions", "--json")
    assert code == ExitCode.OK, err
    assert isinstance(json.loads(out), list)
    for args in (("report", sid, "--format", "json"), ("resume", sid)):
        code, out, err = _run(*args)
        event(f"{args[0]} exit {int(code)}")
        assert code in (ExitCode.OK, ExitCode.USER_ERROR, ExitCode.NEEDS_TERMINAL), err
        assert "Traceback" not in err
        if args[0] == "report" and code == ExitCode.OK:
            assert isinstance(json.loads(out), dict)  # the whole report, as its schema says


@pytest.mark.parametrize("by", [None, "x", ["user"], ""])
def test_an_answer_by_an_unknown_hand_is_reported_and_resumed(
    pristine: dict[str, bytes], by: object
) -> None:
    """Found by the fuzz test: an answer whose `by` is not one fixit writes (null) crashed
    `fixit report` with KeyError 'by.None' (exit 3)."""
    files = dict(pristine)
    lines = [json.loads(line) for line in _lines(files[JOURNAL])]
    for line in lines:
        if line["t"] == "answer":
            line["by"] = by
    files[JOURNAL] = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    sid = json.loads(pristine[META])["id"]
    _install(files, sid)
    code, out, err = _run("report", sid, "--format", "json")
    assert code == ExitCode.OK, err
    assert {step["by"] for step in json.loads(out)["steps"]} <= {"", "check"}
    assert _run("resume", sid)[0] == ExitCode.NEEDS_TERMINAL


_STORED: dict[Path, bytes] = {}  # each stored snapshot as the pristine session wrote it


@given(st.data())
def test_a_damaged_stored_tree_snapshot_is_refused_never_a_crash(
    pristine: dict[str, bytes], data: st.DataObject
) -> None:
    """The snapshot a session's trees.json names (trees/<digest>.json, shared by every session
    of that tree) damaged in every way: `sessions.load`, `fixit report` and `fixit resume` say
    the session is damaged, or read it when the damage left it as it was; never a crash."""
    sid = json.loads(pristine[META])["id"]
    _install(dict(pristine), sid)
    named = json.loads(pristine[TREES])
    tree_id = data.draw(st.sampled_from(sorted(named)), label="tree")
    path = tree_store.store_dir() / f"{named[tree_id]}.json"
    for digest in named.values():  # put back what an earlier example damaged or set aside
        stored = tree_store.store_dir() / f"{digest}.json"
        if stored not in _STORED:
            _STORED[stored] = stored.read_bytes()
        stored.write_bytes(_STORED[stored])
        stored.chmod(0o600)
    path.write_bytes(data.draw(damaged_json(_STORED[path]), label="snapshot"))
    try:
        sessions.load(sid)
    except FixitError as exc:
        event("load refused")
        assert sid in str(exc.message), exc.message
    for args in (("report", sid, "--format", "json"), ("resume", sid)):
        code, _out, err = _run(*args)
        event(f"{args[0]} exit {int(code)}")
        assert code in (ExitCode.OK, ExitCode.USER_ERROR, ExitCode.NEEDS_TERMINAL), err
        assert "Traceback" not in err
