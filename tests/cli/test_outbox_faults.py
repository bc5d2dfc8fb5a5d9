"""The outbox under faults: two senders, a crash mid-write or mid-move, damaged item files,
changed or special attachments, unexpected errors inside a send, secrets in the preview."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.errors import StorageError
from fixit.flows import delivery, report, sending
from fixit.submit import outbox
from fixit.submit.base import Attachment, Payload, Target
from tests.cli.test_submit import CANARY, Hook, config, new_session, outbox_json


@pytest.fixture(name="hook")
def hook_fixture() -> Iterator[Hook]:
    h = Hook()
    yield h
    h.server.shutdown()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_WAITS", (0.0, 0.0))
    monkeypatch.setenv("HOOK_TOKEN", CANARY)


def dead_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    s.close()
    return url


def queued(fixit: Callable[..., Any], tmp_path: Path) -> tuple[str, Path]:
    """A new session whose report waits in the outbox (the network was down)."""
    before = {s["id"] for s in json.loads(fixit("sessions", "--json").out)}
    new_session(fixit, tmp_path)
    [sid] = {s["id"] for s in json.loads(fixit("sessions", "--json").out)} - before
    assert fixit("--config", str(config(tmp_path, dead_url())), "submit", sid, "--yes").code == 1
    return sid, Path(os.environ["FIXIT_HOME"]) / "outbox" / f"{sid}--hook"


def test_submit_while_outbox_send_is_in_flight_sends_once(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    sid, _ = queued(fixit, tmp_path)
    cfg = config(tmp_path, hook.url)
    hook.delay = 3.0
    fixit_bin = str(Path(sys.executable).parent / "fixit")
    command = [fixit_bin, "--config", str(cfg), "outbox", "send", "--now"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    second = fixit("--config", str(cfg), "submit", sid, "--yes")
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, (out, err)
    assert len(hook.posts) == 1
    assert second.code == 1 and "being sent by another fixit right now" in second.err
    assert "cannot write" not in second.err
    assert "already sent to hook as T-1" in fixit("--config", str(cfg), "submit", sid, "--yes").out
    assert len(hook.posts) == 1


def test_lock_files_live_outside_the_items_and_refuse_a_symlink(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    _, folder = queued(fixit, tmp_path)
    locks = folder.parent / ".locks"
    lock = locks / f"{folder.name}.lock"
    assert lock.is_file() and (lock.stat().st_mode & 0o777) == 0o600
    assert not (folder / "lock").exists()
    lock.unlink()
    lock.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StorageError), outbox.lock(folder.name):
        pass
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("first", ["outbox", "submit"])
def test_an_item_marked_sent_but_left_in_the_outbox_is_not_sent_again(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook, first: str
) -> None:
    sid, folder = queued(fixit, tmp_path)
    meta = json.loads((folder / "item.json").read_text())
    meta.update(status="sent", ticket={"ref": "T-9", "url": None, "existing": False})
    (folder / "item.json").write_text(json.dumps(meta))
    cfg = config(tmp_path, hook.url)
    if first == "outbox":
        run = fixit("--config", str(cfg), "outbox", "send", "--now")
        assert run.code == 0, run.err
    again = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert again.code == 0 and "already sent to hook as T-9" in again.out
    assert fixit("--config", str(cfg), "outbox", "send", "--now").code == 0
    assert hook.posts == []
    assert not folder.exists() and (folder.parent / "sent" / folder.name / "item.json").is_file()
    assert outbox_json(fixit, cfg) == []


@pytest.mark.parametrize(
    "content", ["{garbage", "[]", "{}", "null", "bad-next-try", "naive-next-try", "bad-attachment"]
)
def test_a_damaged_item_is_listed_kept_aside_and_skipped(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook, content: str
) -> None:
    sid, folder = queued(fixit, tmp_path)
    meta = json.loads((folder / "item.json").read_text())
    if content == "bad-next-try":
        content = json.dumps(meta | {"next_try": "tomorrow"})
    elif content == "naive-next-try":
        content = json.dumps(meta | {"next_try": "2020-01-01T00:00:00"})
    elif content == "bad-attachment":
        content = json.dumps(meta | {"attachments": [{"stored": "../../x"}]})
    (folder / "item.json").write_text(content)
    cfg = config(tmp_path, hook.url)
    listed = fixit("--config", str(cfg), "outbox", "list")
    assert listed.code == 0, listed.err
    assert "every report has been sent" not in listed.out
    assert sid in listed.out and "damaged" in listed.out
    assert (folder / "item.json.corrupt").is_file() and not (folder / "item.json").exists()
    [row] = outbox_json(fixit, cfg)
    assert row["status"] == "damaged" and row["last_error"]
    sent = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert sent.code == 1 and "damaged" in sent.out and hook.posts == []
    assert "every report has been sent" not in sent.out
    # sending the session again replaces the damaged item
    again = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert again.code == 0 and "Sent to hook" in again.out
    assert outbox_json(fixit, cfg) == []


def test_a_damaged_item_does_not_stop_the_others(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    _, bad = queued(fixit, tmp_path)
    queued(fixit, tmp_path)
    (bad / "item.json").write_text("[]")
    run = fixit("--config", str(config(tmp_path, hook.url)), "outbox", "send", "--now")
    assert run.code == 1 and "→ hook: sent as T-1." in run.out and len(hook.posts) == 1


def test_a_crash_inside_put_keeps_the_queued_report(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid, folder = queued(fixit, tmp_path)
    real = os.replace

    class Killed(BaseException):
        pass

    def crash(src: Any, dst: Any, **kw: Any) -> None:
        if Path(src).name.startswith(".new-"):
            raise Killed
        real(src, dst, **kw)

    from fixit.context import AppContext

    ctx = AppContext(lang_option="en", config_path=config(tmp_path, dead_url()), no_color=True)
    target = ctx.config.targets["hook"]
    payload = report.payload(ctx, sid)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Killed):
        outbox.put(sid, target, payload)
    monkeypatch.setattr(os, "replace", real)
    [item] = outbox.waiting()
    assert item.id == folder.name and item.meta["attempts"] == 1
    left = [p.name for p in folder.parent.iterdir() if p.name.startswith((".new-", ".old-"))]
    assert left == []


def payload_with(path: Path, sha: str = "", size: int = -1) -> Payload:
    data = path.read_bytes() if path.is_file() else b""
    return Payload(
        report_id="fixit-x",
        title="t",
        report={},
        markdown="m",
        text="t",
        html="h",
        json="{}",
        attachments=[
            Attachment(
                path,
                path.name,
                "image/png",
                len(data) if size < 0 else size,
                sha or hashlib.sha256(data).hexdigest(),
            )
        ],
    )


def test_a_fifo_attachment_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "shot.png"
    os.mkfifo(fifo)
    with pytest.raises(StorageError) as err:
        outbox.put("s1", Target("hook", "webhook"), payload_with(fifo, sha="0" * 64, size=3))
    assert "shot.png" in str(err.value.message)
    assert outbox.waiting() == []
    assert not [p for p in (Path(os.environ["FIXIT_HOME"]) / "outbox").iterdir() if "new" in p.name]


def test_an_attachment_changed_after_the_preview_is_refused(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"before")
    payload = payload_with(shot)
    shot.write_bytes(b"after!")  # same size, other bytes
    with pytest.raises(StorageError) as err:
        outbox.put("s1", Target("hook", "webhook"), payload)
    assert "shot.png" in str(err.value.message) and "preview" in str(err.value.hint)
    shot.write_bytes(b"before")
    item = outbox.put("s1", Target("hook", "webhook"), payload)
    stored = item.folder / "files" / item.meta["attachments"][0]["stored"]
    assert stored.read_bytes() == b"before" and (stored.stat().st_mode & 0o777) == 0o600


def test_an_unreadable_attachment_is_a_storage_error_not_a_crash(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    with pytest.raises(StorageError):
        outbox.put("s1", Target("hook", "webhook"), payload_with(tmp_path / "gone.png"))


def test_an_unexpected_error_in_a_send_is_recorded_and_the_next_item_still_goes(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad_sid, _ = queued(fixit, tmp_path)
    queued(fixit, tmp_path)
    from fixit.submit import registry

    real = registry.make_submitter

    class Flaky:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def send(self, payload: Payload) -> Any:
            if payload.report_id == f"fixit-{bad_sid}":
                raise AttributeError(f"'NoneType' has no attribute {CANARY}")
            return self.inner.send(payload)

    monkeypatch.setattr(registry, "make_submitter", lambda t, s: Flaky(real(t, s)))
    cfg = config(tmp_path, hook.url)
    run = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert run.code == 1, run.err
    assert "fixit: error:" in run.err and "--debug" in run.err
    assert "→ hook: sent as T-1." in run.out and len(hook.posts) == 1
    [row] = outbox_json(fixit, cfg)
    assert row["session"] == bad_sid and row["last_error"] == "unexpected error: AttributeError"
    assert CANARY not in run.out + run.err
    home = Path(os.environ["FIXIT_HOME"]) / "outbox"
    for path in home.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes()
    debug = fixit("--config", str(cfg), "--debug", "outbox", "send", "--now")
    assert debug.code == 3 and "AttributeError" in debug.err


def test_the_preview_hides_url_secrets_and_shows_controls_visibly(tmp_path: Path) -> None:
    from fixit.context import AppContext

    ctx = AppContext(lang_option="en", no_color=True)
    target = Target("hook", "webhook", {"url": "https://bob:pa55w0rd@h.example/x?token=s3cret"})
    shot = tmp_path / "a\x1b[2Jb.png"
    shot.write_bytes(b"x")
    payload = payload_with(shot)
    payload = Payload(**{**payload.__dict__, "title": "Hi \x1b]0;owned\x07 \u202e", "json": "{}"})
    text = sending.preview(ctx, payload, target)
    assert "pa55w0rd" not in text and "s3cret" not in text and "bob" not in text
    assert "h.example" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
