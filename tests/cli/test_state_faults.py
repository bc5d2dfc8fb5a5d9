"""fixit's state on disk under attack and accident: damaged metadata, a full disk, a read-only
folder, planted symbolic links and loose permissions (RELIABILITY policy 4, docs/state.md)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.__main__ import main
from fixit.commands.resume_cmd import resume
from fixit.context import AppContext
from fixit.prompts.scripted import ScriptedPrompter

from ..conftest import DATA

TREES = str(DATA / "trees")
Fixit = Callable[..., Any]
NEWEST = "29991231-235959-beef"  # sorts after every real id: the newest session


def home() -> Path:
    return Path(os.environ["FIXIT_HOME"])


def run_demo(fixit: Fixit, tmp_path: Path, answers: str) -> str:
    """A demo session from an answer file; its id."""
    path = tmp_path / "answers.yaml"
    path.write_text(f"answers: {{{answers}}}\n")
    before = set(os.listdir(home() / "sessions")) if (home() / "sessions").exists() else set()
    fixit("--trees", TREES, "start", "demo", "--answers", str(path))
    [sid] = set(os.listdir(home() / "sessions")) - before
    return sid


@pytest.fixture
def sessions3(fixit: Fixit, tmp_path: Path) -> tuple[str, str, str]:
    """A finished session, one paused at a missing answer, and the newest, `NEWEST`, whose meta.json the
    test damages."""
    done = run_demo(fixit, tmp_path, "restart: solved")
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    bad = run_demo(fixit, tmp_path, "restart: solved")
    os.rename(home() / "sessions" / bad, home() / "sessions" / NEWEST)
    meta = json.loads((home() / "sessions" / NEWEST / "meta.json").read_text())
    meta["id"] = NEWEST
    (home() / "sessions" / NEWEST / "meta.json").write_text(json.dumps(meta))
    return done, paused, NEWEST


def good_meta(sid: str) -> dict[str, Any]:
    return dict(json.loads((home() / "sessions" / sid / "meta.json").read_text()))


def without(meta: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k != key}


DAMAGE: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "empty object": (lambda m: {}, "meta.json has no valid 'id'"),
    "array": (lambda m: [], "meta.json is not a JSON object"),
    "null": (lambda m: None, "meta.json is not a JSON object"),
    "string": (lambda m: "meta", "meta.json is not a JSON object"),
    "no status": (lambda m: without(m, "status"), "meta.json has no valid 'status'"),
    "status 5": (lambda m: {**m, "status": 5}, "meta.json has no valid 'status'"),
    "status list": (lambda m: {**m, "status": ["finished"]}, "meta.json has no valid 'status'"),
    "tree number": (lambda m: {**m, "tree": 7}, "meta.json has no valid 'tree'"),
    "mode dict": (lambda m: {**m, "mode": {}}, "meta.json has no valid 'mode'"),
    "other id": (lambda m: {**m, "id": "x"}, "meta.json belongs to another session"),
    "unknown tree": (
        lambda m: {**m, "tree": "nosuch"},
        "its tree snapshot does not hold the session's tree",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_one_damaged_meta_leaves_every_other_session_usable(
    fixit: Fixit, sessions3: tuple[str, str, str], case: str
) -> None:
    done, paused, bad = sessions3
    damage, problem = DAMAGE[case]
    raw = json.dumps(damage(good_meta(bad)))
    (home() / "sessions" / bad / "meta.json").write_text(raw)

    listed = fixit("sessions")
    assert listed.code == 0, listed.err
    row = next(line for line in listed.out.splitlines() if line.startswith(bad))
    in_meta = case != "unknown tree"  # the listing reads no tree snapshot: it costs time
    assert ("damaged" in row) == in_meta and done in listed.out and paused in listed.out
    as_json = fixit("sessions", "--json")
    assert as_json.code == 0, as_json.err
    rows = {r["id"]: r for r in json.loads(as_json.out)}
    assert (rows[bad]["status"] == "damaged") == in_meta
    assert rows[done]["status"] == "finished" and rows[paused]["status"] == "paused"

    plain = fixit("report")  # the newest session is the damaged one: the newest readable wins
    assert plain.code == 0, plain.err
    newest = max(done, paused)
    assert newest in plain.out
    assert plain.err == (
        f"fixit: warning: session {bad} is damaged ({problem}); "
        f"fixit uses {newest}, the newest session that can be read.\n"
    )
    assert fixit("report", done).code == 0

    folder = home() / "sessions" / bad
    expected = (
        f"fixit: error: session {bad} is damaged: {problem}.\n"
        f"hint: Nothing in it was changed: its files are kept in {folder} (answers in its "
        "journal: 1); start a new session with `fixit start`.\n"
    )
    for command in ("report", "resume"):
        r = fixit(command, bad)
        assert (r.code, r.err) == (1, expected), command
    good_resume = fixit("--trees", TREES, "resume", paused)
    assert good_resume.code == 4, good_resume.err  # it reached the first question
    assert fixit("--trees", TREES, "resume").code == 4  # the latest unfinished, not the bad one
    assert (folder / "meta.json").read_text() == raw  # kept as it was
    assert not list(home().glob("crash/*"))


def test_a_damaged_meta_in_finnish(fixit: Fixit, sessions3: tuple[str, str, str]) -> None:
    _, _, bad = sessions3
    (home() / "sessions" / bad / "meta.json").write_text("[]")
    r = fixit("--lang", "fi", "report", bad)
    assert r.code == 1
    assert r.err.startswith(
        f"fixit: error: istunto {bad} on vioittunut: meta.json ei ole JSON-olio.\n"
        "hint: Siihen ei koskettu: sen tiedostot ovat tallessa kansiossa "
    )
    assert r.err.endswith(
        " (vastauksia lokissa: 1); aloita uusi istunto komennolla `fixit start`.\n"
    )


def test_damaged_tree_snapshot_and_garbage_meta_are_damaged_too(
    fixit: Fixit, sessions3: tuple[str, str, str]
) -> None:
    done, _, bad = sessions3
    (home() / "sessions" / bad / "trees.json").write_text("[]")
    r = fixit("report", bad)
    assert r.code == 1 and r.err.startswith(
        f"fixit: error: session {bad} is damaged: trees.json is not a tree snapshot.\n"
    )
    (home() / "sessions" / done / "meta.json").write_bytes(b"\xff{not json")
    r = fixit("report", done)
    assert r.code == 1 and r.err.startswith(
        f"fixit: error: session {done} is damaged: meta.json is not valid JSON.\n"
    )
    assert fixit("sessions").code == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t["demo"].update(start="nowhere"),
        lambda t: t["demo"]["nodes"][0].update(unsolved="nowhere"),
        lambda t: t["demo"]["nodes"][1]["choices"][0].update(goto="nowhere"),
        lambda t: t["demo"]["nodes"][0].update(kind="bomb"),
        lambda t: t["demo"]["nodes"][0].update(shell="rm -rf"),
        lambda t: t["demo"]["nodes"][0].update(choices=5),
        lambda t: t["demo"].update(title=[]),
    ],
)
def test_a_tree_snapshot_that_does_not_hang_together_is_damaged(
    fixit: Fixit, tmp_path: Path, damage: Callable[[dict[str, Any]], None]
) -> None:
    done = run_demo(fixit, tmp_path, "restart: solved")
    path = home() / "sessions" / done / "trees.json"
    stored = home() / "trees" / f"{json.loads(path.read_text())['demo']}.json"
    trees = {"demo": json.loads(stored.read_text())}  # the older layout: the tree in trees.json
    damage(trees)
    path.write_text(json.dumps(trees))
    r = fixit("report", done)
    assert (r.code, r.err.splitlines()[0]) == (
        1,
        f"fixit: error: session {done} is damaged: trees.json is not a tree snapshot.",
    )


@pytest.mark.parametrize(
    "environment",
    [
        "[]",
        '{"checks": []}',
        '{"checks": {"net": 5}}',
        '{"checks": {"net": {"summary": 5}}}',
        '{"checks": {"net": {"data": 7}}}',
        '{"checks": {"net": {"duration": "slow"}}}',
    ],
)
def test_a_damaged_environment_snapshot_is_left_out_of_the_report(
    fixit: Fixit, tmp_path: Path, environment: str
) -> None:
    done = run_demo(fixit, tmp_path, "restart: solved")
    (home() / "sessions" / done / "environment.json").write_text(environment)
    for fmt in ("markdown", "json"):
        r = fixit("report", done, "--format", fmt)
        assert r.code == 0, r.err
    assert json.loads(r.out)["environment"] is None


def test_damaged_journal_events_are_kept_aside_not_crashing(
    fixit: Fixit, sessions3: tuple[str, str, str]
) -> None:
    done, _, _ = sessions3
    journal = home() / "sessions" / done / "journal.jsonl"
    lines = journal.read_text().splitlines()
    bad_lines = [
        '{"t": "answer"}',
        '{"t": "check", "id": "x", "result": {"duration": "long"}}',
        '{"t": "caller", "caller": []}',
    ]
    journal.write_text("\n".join([lines[0], *bad_lines, *lines[1:]]) + "\n")
    r = fixit("report", done)
    assert r.code == 0, r.err
    assert "Resolved" in r.out
    assert r.err == (
        f"fixit: warning: session {done}: line 2, 3, 4 of the journal was damaged; "
        "the original is kept as journal.jsonl.corrupt.\n"
    )
    assert fixit("report", done).err == ""  # said once: the journal is clean now
    assert (home() / "sessions" / done / "journal.jsonl.corrupt").exists()
    assert journal.read_text().splitlines() == [json.dumps(json.loads(x)) for x in lines]


def test_a_damaged_journal_of_a_session_open_elsewhere_is_read_not_rewritten(
    fixit: Fixit, tmp_path: Path
) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    folder = home() / "sessions" / paused
    journal = folder / "journal.jsonl"
    first, *rest = journal.read_text().splitlines()
    journal.write_text("\n".join([first, "garbage", *rest]) + "\n")
    before = journal.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
            str(folder / "lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        r = fixit("report", paused)  # a wizard appending to it would lose every later answer
        assert r.code == 0
        assert r.err == (
            f"fixit: warning: session {paused}: line 2 of the journal is damaged and was "
            "skipped; the journal is left as it is.\n"
        )
        assert journal.read_bytes() == before and not list(folder.glob("*.corrupt*"))
    finally:
        holder.kill()
        holder.wait(10)
    r = fixit("report", paused)
    assert r.err.endswith("the original is kept as journal.jsonl.corrupt.\n")
    assert (folder / "journal.jsonl.corrupt").read_bytes() == before
    assert b"garbage" not in journal.read_bytes()


# --- a full disk and a read-only folder -----------------------------------------------------


@pytest.fixture
def enospc_on(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make every write (and fsync) of a file whose name ends with `name` fail with ENOSPC."""

    def arm(name: str) -> None:
        real_write, real_fsync = os.write, os.fsync

        def full(fd: int) -> None:
            if os.readlink(f"/proc/self/fd/{fd}").endswith(name):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def write(fd: int, data: Any) -> int:
            full(fd)
            return real_write(fd, data)

        def fsync(fd: int) -> None:
            full(fd)
            real_fsync(fd)

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fsync", fsync)

    return arm


@pytest.mark.parametrize("name", ["/lock", ".tmp"])
def test_a_full_disk_at_the_start_leaves_nothing_behind(
    fixit: Fixit, tmp_path: Path, enospc_on: Callable[[str], None], name: str
) -> None:
    done = run_demo(fixit, tmp_path, "restart: solved")
    enospc_on(name)
    path = tmp_path / "answers.yaml"
    r = fixit("--trees", TREES, "start", "demo", "--answers", str(path))
    assert r.code == 1
    assert r.err.startswith("fixit: error: cannot write ") and r.err.endswith(
        ": No space left on device.\nhint: Free some disk space, then run the command again.\n"
    )
    assert os.listdir(home() / "sessions") == [done]  # no half-made session folder
    assert fixit("report").code == 0


def test_an_empty_session_folder_does_not_break_a_plain_report(
    fixit: Fixit, tmp_path: Path
) -> None:
    done = run_demo(fixit, tmp_path, "restart: solved")
    (home() / "sessions" / NEWEST).mkdir(mode=0o700)  # left by an older fixit on a full disk
    r = fixit("report")
    assert r.code == 0 and done in r.out
    assert "meta.json is missing" in r.err
    r = fixit("report", NEWEST)
    assert r.code == 1
    assert r.err.startswith(f"fixit: error: session {NEWEST} is damaged: meta.json is missing.\n")
    assert "(answers in its journal: 0)" in r.err


@pytest.fixture
def read_only_state(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Arm it to make the state folder behave as on a read-only mount: any change under it
    fails with EROFS (as root, chmod cannot make a folder read-only)."""

    def arm() -> None:
        top = str(home())
        real_open, real_mkdir, real_chmod = os.open, os.mkdir, os.chmod
        real_replace, real_unlink = os.replace, os.unlink
        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

        def refuse(path: Any) -> None:
            if os.fspath(path).startswith(top):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))

        def fake_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            if flags & writes:
                refuse(path)
            return real_open(path, flags, mode, **kw)

        def fake_mkdir(path: Any, mode: int = 0o777, **kw: Any) -> None:
            refuse(path)
            real_mkdir(path, mode, **kw)

        def fake_chmod(path: Any, mode: int, **kw: Any) -> None:
            refuse(path)
            real_chmod(path, mode, **kw)

        def fake_replace(src: Any, dst: Any, **kw: Any) -> None:
            refuse(dst)
            real_replace(src, dst, **kw)

        def fake_unlink(path: Any, **kw: Any) -> None:
            refuse(path)
            real_unlink(path, **kw)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)
        monkeypatch.setattr(os, "chmod", fake_chmod)
        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(os, "unlink", fake_unlink)

    return arm


def test_resume_on_a_read_only_state_folder_is_a_clear_error(
    fixit: Fixit, tmp_path: Path, read_only_state: Callable[[], None]
) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    folder = home() / "sessions" / paused
    before = {p: p.read_bytes() for p in folder.iterdir()}
    read_only_state()
    r = fixit("--trees", TREES, "resume", paused)
    assert r.err == (
        f"fixit: error: cannot open {folder / 'lock'}: Read-only file system.\n"
        "hint: Set FIXIT_HOME to a folder you can write to, or fix the folder's permissions.\n"
    )
    assert r.code == 1
    assert fixit("report", paused).code == 0  # reading still works
    started = fixit("--trees", TREES, "start", "demo", "--answers", str(tmp_path / "answers.yaml"))
    assert started.code == 1 and "Read-only file system" in started.err
    assert {p: p.read_bytes() for p in folder.iterdir()} == before


# --- planted symbolic links -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["journal.jsonl", "lock", "meta.json", "trees.json"])
def test_a_symlink_planted_in_a_session_is_refused(fixit: Fixit, tmp_path: Path, name: str) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    target = tmp_path / "victim"
    target.write_text("precious\n")
    planted = home() / "sessions" / paused / name
    planted.unlink()
    planted.symlink_to(target)
    expected = (
        f"fixit: error: {planted} is a symbolic link; fixit will not follow it.\n"
        "hint: Remove the link and run the command again.\n"
    )
    for args in (("report", paused), ("--trees", TREES, "resume", paused)):
        r = fixit(*args)
        assert (r.code, r.err) == (1, expected), args
    assert fixit("sessions").code == 0
    assert target.read_text() == "precious\n" and planted.is_symlink()


def test_a_symlinked_cache_folder_is_refused(fixit: Fixit, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (home()).mkdir(mode=0o700)
    (home() / "cache").symlink_to(target)
    r = fixit("--trees", TREES, "trees", "list")
    assert r.code == 1
    assert r.err == (
        f"fixit: error: {home() / 'cache'} is a symbolic link; fixit will not follow it.\n"
        "hint: Remove the link and run the command again.\n"
    )
    assert list(target.iterdir()) == []
    (home() / "cache").unlink()
    assert fixit("--trees", TREES, "trees", "list").code == 0
    assert list((home() / "cache" / "trees").iterdir())


def test_a_symlinked_cache_entry_is_not_followed(fixit: Fixit, tmp_path: Path) -> None:
    assert fixit("--trees", TREES, "trees", "list").code == 0
    entry = sorted((home() / "cache" / "trees").iterdir())[0]
    victim = tmp_path / "victim.json"
    victim.write_text('{"problems": [{"where": "x", "message": "planted"}]}')
    entry.unlink()
    entry.symlink_to(victim)
    r = fixit("--trees", TREES, "trees", "list")
    assert r.code == 0 and "planted" not in r.out + r.err
    assert victim.read_text().startswith('{"problems"') and not entry.is_symlink()


# --- permissions ----------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_loose_modes_are_tightened_with_a_warning_each(fixit: Fixit, tmp_path: Path) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    folder = home() / "sessions" / paused
    loose = [home(), home() / "sessions", folder, *sorted(folder.iterdir())]
    for path in loose:
        path.chmod(0o755 if path.is_dir() else 0o644)
    r = fixit("report", paused)
    assert r.code == 0, r.err
    for path in loose:
        was = "0755" if path.is_dir() else "0644"
        now = "0700" if path.is_dir() else "0600"
        line = (
            f"fixit: warning: {path} was open to other users ({was}); "
            f"fixit made it private ({now}).\n"
        )
        assert r.err.count(line) == 1, path
        assert mode(path) == int(now, 8), path
    assert fixit("report", paused).err == ""  # once fixed, quiet


def test_the_cache_follows_the_same_policy(fixit: Fixit) -> None:
    assert fixit("--trees", TREES, "trees", "list").code == 0
    cache = home() / "cache" / "trees"
    cache.chmod(0o777)
    entry = sorted(cache.iterdir())[0]
    entry.chmod(0o666)
    r = fixit("--trees", TREES, "trees", "list")
    assert r.code == 0
    assert f"fixit: warning: {cache} was open to other users (0777)" in r.err
    assert f"fixit: warning: {entry} was open to other users (0666)" in r.err
    assert mode(cache) == 0o700 and mode(entry) == 0o600
    os.chown(cache, 65534, 65534)
    r = fixit("--trees", TREES, "trees", "list")
    assert (r.code, r.err.splitlines()[0]) == (
        1,
        f"fixit: error: {cache} belongs to another user (uid 65534); fixit will not use it.",
    )


def test_resume_fixes_a_loose_journal_before_appending(tmp_path: Path, fixit: Fixit) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    journal = home() / "sessions" / paused / "journal.jsonl"
    journal.chmod(0o666)
    ctx = AppContext(lang_option="en", trees_option=[DATA / "trees"], no_color=True)
    assert resume(ctx, paused, prompter=ScriptedPrompter(["no", "A-1"])) == 0
    assert mode(journal) == 0o600


def test_a_state_folder_of_another_user_is_refused(fixit: Fixit, tmp_path: Path) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    os.chown(home(), 65534, 65534)
    home().chmod(0o777)
    for args in (("sessions",), ("report", paused), ("--trees", TREES, "resume", paused)):
        r = fixit(*args)
        assert (r.code, r.err) == (
            1,
            f"fixit: error: {home()} belongs to another user (uid 65534); "
            "fixit will not use it.\n"
            "hint: Run fixit as the user who owns it, or set FIXIT_HOME to a folder of your "
            "own.\n",
        ), args
    assert mode(home()) == 0o777  # not ours to change
    os.chown(home(), 0, 0)
    session = home() / "sessions" / paused
    os.chown(session / "journal.jsonl", 65534, 65534)
    r = fixit("report", paused)
    assert r.code == 1 and f"{session / 'journal.jsonl'} belongs to another user" in r.err
    assert fixit("sessions").code == 0


def test_permission_warnings_in_finnish(
    fixit: Fixit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paused = run_demo(fixit, tmp_path, "restart: unsolved")
    (home() / "sessions" / paused).chmod(0o750)
    monkeypatch.setenv("FIXIT_LANG", "fi")  # warnings find the language as errors do
    r = fixit("report", paused)
    assert r.code == 0
    assert (
        f"fixit: warning: {home() / 'sessions' / paused} oli muiden käyttäjien käytettävissä "
        "(0750); fixit rajasi sen vain sinun käyttöösi (0700).\n"
    ) in r.err


# --- a real read-only state folder, as a user who is not root -------------------------------


def as_nobody(*args: str) -> tuple[int, str]:
    """Run `fixit ARGS` in a forked child that has become uid 65534; its exit code and stderr.
    (Python's own files are out of that user's reach: every module must be loaded already.)"""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = os.fdopen(write, "w")
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            code = int(main(list(args), handle_signals=False))
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as fh:
        err = fh.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def test_resume_as_a_user_whose_state_folder_is_read_only(
    fixit: Fixit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = Path(tempfile.mkdtemp(prefix="fixit-nobody-"))
    try:
        base.chmod(0o755)  # pytest's own folders are root's alone: this one the child can reach
        for var, name in (("FIXIT_HOME", "state"), ("XDG_CONFIG_HOME", "config"), ("HOME", "")):
            monkeypatch.setenv(var, str(base / name))
        monkeypatch.setenv("FIXIT_SYSTEM_DIR", str(base / "etc"))
        paused = run_demo(fixit, tmp_path, "restart: unsolved")
        assert fixit("report", paused).code == 0  # loads what the child will need
        assert fixit("--trees", TREES, "resume", paused).code == 4
        for folder, _dirs, files in os.walk(base / "state"):
            os.chown(folder, 65534, 65534)
            os.chmod(folder, 0o500)
            for name in files:
                os.chown(Path(folder) / name, 65534, 65534)
                os.chmod(Path(folder) / name, 0o400)
        lock = base / "state" / "sessions" / paused / "lock"
        code, err = as_nobody("--trees", TREES, "resume", paused)
        assert (code, err) == (
            1,
            f"fixit: error: cannot open {lock}: Permission denied.\n"
            "hint: Set FIXIT_HOME to a folder you can write to, or fix the folder's permissions.\n",
        )
        code, err = as_nobody("report", paused)
        assert (code, err) == (0, "")
    finally:
        for folder, _, _ in os.walk(base):
            os.chmod(folder, 0o700)
        shutil.rmtree(base)
