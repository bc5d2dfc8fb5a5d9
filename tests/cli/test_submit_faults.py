"""`fixit submit` and `fixit outbox send` against help desks that misbehave: a Retry-After in
both forms (honoured within the send's deadline, else the run stops and the outbox waits), an
error body that echoes the secret path, a mail server refusing one recipient, SIGTERM and SIGHUP
while a send is in flight, and a crash whose text quotes a secret."""

from __future__ import annotations

import email.utils
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.flows import delivery

from ..integration.submit.fakes import FakeServer, Reply, Seen, running
from .test_submit import new_session

TOKEN = "canary-hook-token-77aa"
SECRET_PATH = "/hooks/T01ABCDEF/B02GHIJKL/x9Yq7Wz3Kp5Rt8Uv"


def created(seen: Seen) -> Reply:
    """A receiver that takes every report."""
    return Reply(201, {"id": "T-1"})


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_WAITS", (0.0, 0.0))
    monkeypatch.setenv("HOOK_TOKEN", TOKEN)


@pytest.fixture
def hook() -> Iterator[FakeServer]:
    with running(created) as fake:
        yield fake


def config(tmp_path: Path, url: str, timeout: float = 20, extra: str = "") -> Path:
    """A configuration with one webhook target (and any extra target lines)."""
    path = tmp_path / "config.yaml"
    path.write_text(
        "submit:\n  default: hook\n  targets:\n"
        f"    hook: {{type: webhook, url: '{url}', token_env: HOOK_TOKEN, timeout: {timeout}}}\n"
        + extra
    )
    return path


def outbox(fixit: Callable[..., Any], cfg: Path) -> list[dict[str, Any]]:
    return list(json.loads(fixit("--config", str(cfg), "outbox", "list", "--json").out))


def item_json(item_id: str) -> dict[str, Any]:
    path = Path(os.environ["FIXIT_HOME"]) / "outbox" / item_id / "item.json"
    return dict(json.loads(path.read_text()))


def test_retry_after_in_seconds_is_honoured_within_the_send(
    fixit: Callable[..., Any], tmp_path: Path, hook: FakeServer
) -> None:
    sid = new_session(fixit, tmp_path)
    hook.answer("POST", SECRET_PATH, 503, headers={"Retry-After": "2"})
    start = time.monotonic()
    run = fixit("--config", str(config(tmp_path, hook.url + SECRET_PATH)), "submit", sid, "--yes")
    assert run.code == 0, run.err
    assert time.monotonic() - start >= 1.8  # the waits of RETRY_WAITS are 0 here
    assert "Trying again in 2 s, as it asked." in run.out
    assert "Sent to hook: T-1" in run.out
    keys = {s.header("Idempotency-Key") for s in hook.calls("POST")}
    assert len(hook.calls("POST")) == 2 and keys == {f"fixit-{sid}"}


def test_retry_after_as_an_http_date_is_honoured_too(
    fixit: Callable[..., Any], tmp_path: Path, hook: FakeServer
) -> None:
    sid = new_session(fixit, tmp_path)
    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    hook.answer("POST", "/hook", 429, headers={"Retry-After": when})
    start = time.monotonic()
    run = fixit("--config", str(config(tmp_path, hook.url + "/hook")), "submit", sid, "--yes")
    assert run.code == 0, run.err
    assert time.monotonic() - start >= 1.5  # the date has one-second resolution
    assert "as it asked." in run.out and len(hook.calls("POST")) == 2


def test_outbox_send_names_the_report_it_waits_for(
    fixit: Callable[..., Any], tmp_path: Path, hook: FakeServer
) -> None:
    sid = new_session(fixit, tmp_path)
    cfg = config(tmp_path, hook.url + "/hook")
    hook.answer("POST", "/hook", 503, times=3)
    assert fixit("--config", str(cfg), "submit", sid, "--yes").code == 1
    hook.answer("POST", "/hook", 429, headers={"Retry-After": "1"})
    run = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert run.code == 0 and f"{sid} → hook: sent as T-1." in run.out
    [line] = [x for x in run.out.splitlines() if x.endswith(", as it asked.")]
    assert line.startswith(
        f"{sid} → hook: 127.0.0.1 could not take the report now (429) and asked to be tried "
        "again in 1 s. Trying again in "
    )


def test_retry_after_past_the_deadline_stops_now_and_the_outbox_waits_for_it(
    fixit: Callable[..., Any], tmp_path: Path, hook: FakeServer
) -> None:
    hook.answer("POST", "/hook", 503, times=5, headers={"Retry-After": "3600"})
    sid = new_session(fixit, tmp_path)
    cfg = config(tmp_path, hook.url + "/hook", timeout=1)  # the send's deadline: about 6 s
    start = time.monotonic()
    run = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert time.monotonic() - start < 5 and len(hook.calls("POST")) == 1
    assert run.code == 1
    assert run.err == (
        "fixit: error: 127.0.0.1 could not take the report now (503) and asked to be tried "
        "again in 60 min.\n"
        "hint: The report stays in the outbox; `fixit outbox send` tries again once that time "
        "has come.\n"
    )
    [item] = outbox(fixit, cfg)
    assert item["status"] == "waiting" and item["attempts"] == 1
    wait = (
        dt_parse(item["next_try"]) - dt_parse(item_json(item["id"])["last_try"])
    ).total_seconds()
    assert 3590 <= wait <= 3610  # not the 60 s backoff: the time the help desk asked for
    later = fixit("--config", str(cfg), "outbox", "send")
    assert later.code == 0 and "next try after" in later.out and len(hook.calls("POST")) == 1
    fi = fixit("--config", str(cfg), "--lang", "fi", "outbox", "send", "--now")
    assert "pyysi yrittämään uudelleen 60 min kuluttua" in fi.err


def dt_parse(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text)


def test_an_error_body_echoing_the_secret_path_shows_no_secret_anywhere(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    def echo(seen: Seen) -> Reply:  # many frameworks' default error JSON
        return Reply(422, {"status": 422, "error": "Unprocessable", "path": seen.path})

    with running(echo) as fake:
        sid = new_session(fixit, tmp_path)
        cfg = config(tmp_path, fake.url + SECRET_PATH)
        run = fixit("--config", str(cfg), "submit", sid, "--yes")
        again = fixit("--config", str(cfg), "--lang", "fi", "outbox", "send", "--now")
    assert run.code == 1 and again.code == 1
    assert (
        "raportin lähetys epäonnistui: palvelin 127.0.0.1 hylkäsi pyynnön (HTTP 422: " in again.err
    )
    assert '(HTTP 422: {"status": 422, "error": "Unprocessable", "path": "***"})' in run.err
    listed = fixit("--config", str(cfg), "outbox", "list").out
    [item] = outbox(fixit, cfg)
    stored = (Path(os.environ["FIXIT_HOME"]) / "outbox" / item["id"] / "item.json").read_text()
    for text in (run.out, run.err, again.out, again.err, listed, stored):
        for part in SECRET_PATH.split("/")[2:]:
            assert part not in text
        assert TOKEN not in text


def test_the_secrets_of_every_configured_target_are_masked(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_KEY", "desk-key-5f5e0c1b")
    other = "/in/9c1e7f3a2b4d"

    def echo(seen: Seen) -> Reply:  # one gateway in front of both: it names every route
        return Reply(400, {"routes": [seen.path, other], "keys": ["desk-key-5f5e0c1b"]})

    with running(echo) as fake:
        extra = (
            f"    desk: {{type: redmine, url: '{fake.url}{other}', project: p,"
            " api_key_env: DESK_KEY}\n"
        )
        sid = new_session(fixit, tmp_path)
        cfg = config(tmp_path, fake.url + SECRET_PATH, extra=extra)
        run = fixit("--config", str(cfg), "submit", sid, "--yes", "--to", "hook")
    assert run.code == 1 and '(HTTP 400: {"routes": ["***", "***"], "keys": ["***"]})' in run.err


def test_a_short_token_is_not_scrubbed_out_of_ordinary_words(
    fixit: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOOK_TOKEN", "box")

    def echo(seen: Seen) -> Reply:
        return Reply(422, {"error": "bad token", "token": "box"})

    with running(echo) as fake:
        sid = new_session(fixit, tmp_path)
        run = fixit("--config", str(config(tmp_path, fake.url + "/in")), "submit", sid, "--yes")
    assert run.code == 1
    assert '(HTTP 422: {"error": "bad token", "token": "***"})' in run.err
    assert "hint: Check the target's settings; the report stays in the outbox.\n" in run.err


def test_a_crash_log_and_debug_traceback_quote_no_secret(
    fixit: Callable[..., Any], tmp_path: Path, hook: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixit.submit import webhook

    url = hook.url + SECRET_PATH

    def broken(self: Any, payload: Any) -> Any:
        raise RuntimeError(f"POST {url} failed with Bearer {TOKEN}")

    monkeypatch.setattr(webhook.WebhookSubmitter, "send", broken)
    sid = new_session(fixit, tmp_path)
    run = fixit("--config", str(config(tmp_path, url)), "submit", sid, "--yes", "--debug")
    assert run.code == 3 and "RuntimeError: POST http://127.0.0.1:" in run.err
    [log] = (Path(os.environ["FIXIT_HOME"]) / "crash").glob("crash-*.md")
    for text in (run.err, log.read_text()):
        assert "RuntimeError" in text
        assert "x9Yq7Wz3Kp5Rt8Uv" not in text and TOKEN not in text


# --- a mail server that refuses one of two recipients (aiosmtpd, a real SMTP conversation)


class Mailroom:
    """An aiosmtpd handler that refuses the addresses in `refuse` at RCPT and keeps the rest."""

    def __init__(self) -> None:
        self.refuse: dict[str, str] = {}
        self.mails: list[tuple[list[str], bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((list(envelope.rcpt_tos), envelope.original_content or b""))
        return "250 OK"


def test_a_refused_recipient_fails_the_send_and_only_it_gets_the_retry(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    from aiosmtpd.controller import Controller

    from ..integration.submit.test_email import free_port

    room = Mailroom()
    room.refuse["desk@example.fi"] = "550 5.1.1 <desk@example.fi>: no such mailbox"
    controller = Controller(room, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        cfg = tmp_path / "mail.yaml"
        cfg.write_text(
            "submit:\n  targets:\n    mail: {type: email, to: [tuki@example.fi, desk@example.fi],"
            f" from: fixit@example.fi, host: 127.0.0.1, port: {controller.port},"
            " security: none, timeout: 5}\n"
        )
        sid = new_session(fixit, tmp_path)
        run = fixit("--config", str(cfg), "submit", sid, "--yes")
        assert run.code == 1
        assert run.err.startswith(
            "fixit: error: the mail server 127.0.0.1 refused desk@example.fi (550 5.1.1 "
            "<desk@example.fi>: no such mailbox), so the report reached only tuki@example.fi.\n"
        )
        assert "Sent" not in run.out and "kept in the outbox" in run.out
        [item] = outbox(fixit, cfg)
        assert item["status"] == "needs_fix"
        assert item_json(item["id"])["delivered_to"] == ["tuki@example.fi"]
        assert [m[0] for m in room.mails] == [["tuki@example.fi"]]

        # sent again (a new submit replaces the item): still never to tuki@ a second time
        assert fixit("--config", str(cfg), "submit", sid, "--yes").code == 1
        del room.refuse["desk@example.fi"]
        sent = fixit("--config", str(cfg), "outbox", "send", "--now")
        assert sent.code == 0 and f"{sid} → mail: sent as <fixit-{sid}@example.fi>." in sent.out
        assert [m[0] for m in room.mails] == [["tuki@example.fi"], ["desk@example.fi"]]
        ids = {email.message_from_bytes(raw)["Message-ID"] for _, raw in room.mails}
        assert ids == {f"<fixit-{sid}@example.fi>"} and outbox(fixit, cfg) == []
    finally:
        controller.stop()


def test_a_recipient_refused_for_now_is_retried_alone_within_the_run(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    from aiosmtpd.controller import Controller

    from ..integration.submit.test_email import free_port

    room = Mailroom()
    room.refuse["desk@example.fi"] = "450 4.2.1 mailbox busy"
    controller = Controller(room, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        cfg = tmp_path / "mail.yaml"
        cfg.write_text(
            "submit:\n  targets:\n    mail: {type: email, to: [tuki@example.fi, desk@example.fi],"
            f" from: fixit@example.fi, host: 127.0.0.1, port: {controller.port},"
            " security: none, timeout: 5}\n"
        )
        sid = new_session(fixit, tmp_path)
        run = fixit("--config", str(cfg), "submit", sid, "--yes")
    finally:
        controller.stop()
    assert run.code == 1
    assert run.err.startswith(  # the last try went to desk@ alone: tuki@ has the report
        "fixit: error: the mail server 127.0.0.1 refused desk@example.fi (450 4.2.1 mailbox "
        "busy) for now, so the report reached only tuki@example.fi.\n"
    )
    assert [m[0] for m in room.mails] == [["tuki@example.fi"]]  # three tries, one mail to tuki@
    [item] = outbox(fixit, cfg)
    assert item["status"] == "waiting" and item["attempts"] == 1


# --- signals while a send is in flight: the report stays in the outbox, the exit is 128+n


def _held(fake: FakeServer) -> None:
    """Wait until the fake has the request (it then holds the answer back)."""
    deadline = time.monotonic() + 20
    while not fake.seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake.seen, "the request never arrived"
    time.sleep(0.2)  # fixit is now waiting for the answer


@pytest.mark.parametrize(
    ("command", "sig", "code"),
    [
        (("submit", "--yes"), signal.SIGTERM, 143),
        (("submit", "--yes"), signal.SIGHUP, 129),
        (("submit", "--yes"), signal.SIGINT, 130),
        (("outbox", "send", "--now"), signal.SIGTERM, 143),
        (("outbox", "send", "--now"), signal.SIGHUP, 129),
    ],
)
def test_a_signal_while_sending_exits_128_plus_n_with_the_report_in_the_outbox(
    fixit: Callable[..., Any],
    tmp_path: Path,
    hook: FakeServer,
    command: tuple[str, ...],
    sig: signal.Signals,
    code: int,
) -> None:
    sid = new_session(fixit, tmp_path)
    cfg = config(tmp_path, hook.url + "/hook")
    if command[0] == "outbox":  # a report already waiting: its first try failed
        hook.answer("POST", "/hook", 503, times=3)
        assert fixit("--config", str(cfg), "submit", sid, "--yes").code == 1
        hook.seen.clear()
    hook.stall_after("POST", "/hook", 30)
    fixit_bin = str(Path(sys.executable).parent / "fixit")
    args = [fixit_bin, "--config", str(cfg), *command] + ([sid] if command[0] == "submit" else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _held(hook)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert proc.returncode == code, err
    assert "unexpected" not in err and "Traceback" not in err
    named = f"{sid} → hook: " if command[0] == "outbox" else ""  # outbox send names each
    assert f"{named}The report is kept in the outbox" in out
    [item] = outbox(fixit, cfg)
    assert item["session"] == sid and item["status"] == "waiting"
    assert item["attempts"] == (1 if command[0] == "outbox" else 0)  # the signal is no failure
    assert item["last_error"] is None or "503" in item["last_error"]


def test_sigterm_while_a_mail_server_holds_the_data_exits_143(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    import asyncio

    from aiosmtpd.controller import Controller

    from ..integration.submit.test_email import free_port

    class Slow(Mailroom):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.mails.append((list(envelope.rcpt_tos), b""))
            await asyncio.sleep(20)
            return "250 OK"

    room = Slow()
    controller = Controller(room, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        cfg = tmp_path / "mail.yaml"
        cfg.write_text(
            "submit:\n  targets:\n    mail: {type: email, to: tuki@example.fi,"
            f" from: fixit@example.fi, host: 127.0.0.1, port: {controller.port},"
            " security: none, timeout: 30}\n"
        )
        sid = new_session(fixit, tmp_path)
        fixit_bin = str(Path(sys.executable).parent / "fixit")
        args = [fixit_bin, "--config", str(cfg), "submit", sid, "--yes"]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 20
            while not room.mails and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=15)
        finally:
            proc.kill()
    finally:
        controller.stop()
    assert room.mails, "the mail never reached DATA"
    assert proc.returncode == 143, err
    assert "fixit: error" not in err and "The report is kept in the outbox" in out
    [item] = outbox(fixit, cfg)
    assert item["status"] == "waiting" and item["attempts"] == 0


def test_sigterm_during_the_wizards_end_of_session_send_keeps_the_report(
    tmp_path: Path, hook: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    from fixit import signals
    from fixit.commands.run import start
    from fixit.context import AppContext
    from fixit.errors import ExitCode, Interrupted
    from fixit.prompts.scripted import ScriptedPrompter

    hook.stall_after("POST", "/hook", 30)
    ctx = AppContext(lang_option="en", config_path=config(tmp_path, hook.url + "/hook"))
    replies = ["ok", "incident", "other", "L-1", "Logging in", "It fails", "", "today"]
    replies += ["always", "", "me"]
    replies += ["high", "", "Maija", "maija@example.fi", "send"]
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    signals.install()
    killer = threading.Thread(target=lambda: (_held(hook), os.kill(os.getpid(), signal.SIGTERM)))
    killer.start()
    try:
        with pytest.raises(Interrupted) as info:
            start(
                ctx, "report-problem", "self", None, None, False, prompter=ScriptedPrompter(replies)
            )
    finally:
        killer.join()
        for s, handler in before.items():
            signal.signal(s, handler)
        signals.received = None
    assert info.value.code == ExitCode.SIGTERM
    assert "kept in the outbox" in capsys.readouterr().out
    items = list((Path(os.environ["FIXIT_HOME"]) / "outbox").glob("*--hook/item.json"))
    [meta] = [json.loads(p.read_text()) for p in items]
    assert meta["status"] == "waiting" and meta["attempts"] == 0
