"""`fixit submit` and `fixit outbox`: preview, confirm, the outbox before any network I/O,
retries that never duplicate, two senders at once, the ticket kept, secrets never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from fixit.flows import delivery

CANARY = "canary-hook-token-5d0c"
ANSWERS = {
    "category": "incident",
    "topic": "other",
    "doing": "Logging in",
    "happened": "The page reloads",
    "error_message": "",
    "since": "today",
    "frequency": "always",
    "reproduce": "",
    "affected": "me",
    "urgency": "high",
    "device_id": "L-1",
    "screenshot": "",
    "reporter_name": "Maija",
    "reporter_contact": "maija@example.fi",
}


class Hook:
    """A loopback webhook receiver: records POSTs; can fail first, or answer slowly."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.fail_first = 0
        self.delay = 0.0
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                time.sleep(hook.delay)
                hook.posts.append({"headers": dict(self.headers), "body": body})
                status = 503 if hook.fail_first > 0 else 201
                hook.fail_first -= 1
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                if status == 201:
                    self.wfile.write(json.dumps({"id": f"T-{len(hook.posts)}"}).encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def hook() -> Iterator[Hook]:
    h = Hook()
    yield h
    h.server.shutdown()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_WAITS", (0.0, 0.0))
    monkeypatch.setenv("HOOK_TOKEN", CANARY)


def config(tmp_path: Path, url: str, folder: Path | None = None) -> Path:
    path = tmp_path / "config.yaml"
    lines = [
        "support: {phone: '+358 10 123 4567', hours: 'Mon-Fri 09:00-16:00', timezone: Europe/Helsinki}",
        "submit:",
        "  default: hook",
        "  targets:",
        f"    hook: {{type: webhook, url: '{url}', token_env: HOOK_TOKEN}}",
    ]
    if folder is not None:
        lines.append(f"    folder: {{type: directory, path: '{folder}'}}")
    path.write_text("\n".join(lines) + "\n")
    return path


def with_share(fixit: Callable[..., Any], tmp_path: Path, hook: Hook) -> tuple[Path, Path, str]:
    """A shared folder, a configuration with the hook and a folder target, and a session."""
    share = tmp_path / "share"
    share.mkdir()
    return share, config(tmp_path, hook.url, folder=share), new_session(fixit, tmp_path)


def new_session(fixit: Callable[..., Any], tmp_path: Path) -> str:
    af = tmp_path / "answers.json"
    af.write_text(json.dumps({"tree": "report-problem", "answers": ANSWERS}))
    assert fixit("start", "--answers", str(af), "--no-checks").code == 0
    return str(json.loads(fixit("sessions", "--json").out)[0]["id"])


def outbox_json(fixit: Callable[..., Any], cfg: Path) -> list[dict[str, Any]]:
    return list(json.loads(fixit("--config", str(cfg), "outbox", "list", "--json").out))


def test_dry_run_shows_exactly_what_would_leave_and_sends_nothing(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    cfg = config(tmp_path, hook.url)
    sid = new_session(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid, "--dry-run")
    assert run.code == 0
    assert "To: hook (webhook, http://127.0.0.1:" in run.out
    assert "The page reloads — L-1 — blocks my work" in run.out
    assert f'"id": "{sid}"' in run.out  # a webhook receives the JSON report: that is shown
    assert hook.posts == [] and outbox_json(fixit, cfg) == []


def test_files_attached_to_the_report_or_at_submit_are_sent(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    share, cfg, sid = with_share(fixit, tmp_path, hook)
    shot, log = tmp_path / "shot.png", tmp_path / "vpn.log"
    shot.write_bytes(b"\x89PNG picture")
    log.write_text("connect failed\n")
    assert fixit("--config", str(cfg), "report", sid, "--attach", str(shot)).code == 0
    run = fixit(
        "--config", str(cfg), "submit", sid, "--to", "folder", "--yes", "--attach", str(log)
    )
    assert run.code == 0, run.err
    [folder] = share.iterdir()
    assert (folder / "attachments" / "shot.png").read_bytes() == b"\x89PNG picture"
    assert (folder / "attachments" / "vpn.log").read_text() == "connect failed\n"


def test_the_preview_lists_only_the_files_the_target_receives(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    share = tmp_path / "share"
    cfg = config(tmp_path, hook.url, folder=share)
    sid = new_session(fixit, tmp_path)
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG picture")
    assert fixit("--config", str(cfg), "report", sid, "--attach", str(shot)).code == 0
    lines = fixit("--config", str(cfg), "submit", sid, "--dry-run").out.splitlines()
    assert lines[2:4] == [
        "Files: none (the report is the message itself)",
        "Not sent: a webhook target takes no files, so support must ask for shot.png.",
    ]
    lines = fixit("--config", str(cfg), "submit", sid, "--to", "folder", "--dry-run").out
    assert "Files: report.md, report.json, report.html, shot.png (12 B, sha256 " in lines
    fi = fixit("--config", str(cfg), "--lang", "fi", "submit", sid, "--dry-run").out
    assert "Ei lähetetä: webhook-kohteeseen ei voi liittää tiedostoja" in fi


def test_an_unfinished_session_is_sent_only_with_a_warning(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    cfg = config(tmp_path, hook.url)
    af = tmp_path / "part.json"
    part = {k: v for k, v in ANSWERS.items() if k not in ("reporter_name", "reporter_contact")}
    af.write_text(json.dumps({"tree": "report-problem", "answers": part}))
    assert fixit("start", "--answers", str(af), "--no-checks").code == 4
    sid = str(json.loads(fixit("sessions", "--json").out)[0]["id"])
    run = fixit("--config", str(cfg), "submit", sid, "--dry-run")
    assert run.code == 0 and run.err == (
        f"fixit: warning: session {sid} is not finished: support gets only the answers so far. "
        f"To finish it first, run `fixit resume {sid}`.\n"
    )
    new_session(fixit, tmp_path)
    [done] = [s["id"] for s in json.loads(fixit("sessions", "--json").out) if s["id"] != sid]
    assert fixit("--config", str(cfg), "submit", done, "--dry-run").err == ""


def test_every_targets_ticket_is_kept_with_the_session(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    _, cfg, sid = with_share(fixit, tmp_path, hook)
    assert fixit("--config", str(cfg), "submit", sid, "--yes").code == 0
    assert fixit("--config", str(cfg), "submit", sid, "--to", "folder", "--yes").code == 0
    [meta_file] = Path(os.environ["FIXIT_HOME"]).glob(f"sessions/{sid}/meta.json")
    meta = json.loads(meta_file.read_text())
    assert (meta["tickets"][0]["target"], meta["tickets"][0]["ref"]) == ("hook", "T-1")
    assert [t["target"] for t in meta["tickets"]] == ["hook", "folder"]
    assert meta["ticket"] == meta["tickets"][-1]


def test_attach_at_submit_changes_nothing_unless_the_report_is_sent(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    share, cfg, sid = with_share(fixit, tmp_path, hook)
    log = tmp_path / "vpn.log"
    log.write_text("connect failed\n")
    dry = fixit(
        "--config", str(cfg), "submit", sid, "--to", "folder", "--dry-run", "--attach", str(log)
    )
    assert dry.code == 0 and "vpn.log (15 B, sha256 " in dry.out  # previewed...
    report = json.loads(fixit("report", sid, "--format", "json").out)
    assert report["attachments"] == []  # ...but not kept
    assert fixit("--config", str(cfg), "submit", sid, "--to", "folder", "--yes").code == 0
    late = fixit(
        "--config", str(cfg), "submit", sid, "--to", "folder", "--yes", "--attach", str(log)
    )
    assert late.code == 0 and "already sent to folder" in late.out
    assert late.err == (
        "fixit: warning: this report was already sent to folder, so vpn.log did not go with it. "
        "Send the file to support another way, or send the report to another target with --to.\n"
    )
    assert not list(share.glob("*/attachments/vpn.log"))


def test_sending_needs_a_confirmation_or_yes(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    cfg = config(tmp_path, hook.url)
    sid = new_session(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid)
    assert run.code == 4 and "--yes" in run.err and hook.posts == []


def test_a_send_records_the_ticket_and_a_second_submit_does_not_send_again(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    cfg = config(tmp_path, hook.url)
    sid = new_session(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert run.code == 0, run.err
    assert "Sent to hook: T-1" in run.out
    [post] = hook.posts
    assert post["headers"]["Authorization"] == f"Bearer {CANARY}"
    assert post["headers"]["Idempotency-Key"] == f"fixit-{sid}"
    assert json.loads(post["body"])["id"] == sid
    report = json.loads(fixit("--config", str(cfg), "report", sid, "--format", "json").out)
    assert report["ticket"]["ref"] == "T-1" and report["ticket"]["target"] == "hook"
    again = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert again.code == 0 and "already sent to hook as T-1" in again.out
    assert len(hook.posts) == 1 and outbox_json(fixit, cfg) == []
    for text in (run.out, run.err, again.out):
        assert CANARY not in text


def test_503_then_201_makes_exactly_one_ticket(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    hook.fail_first = 1
    cfg = config(tmp_path, hook.url)
    sid = new_session(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert run.code == 0 and "Sent to hook: T-2" in run.out  # retried in the same run
    assert [p["headers"]["Idempotency-Key"] for p in hook.posts] == [f"fixit-{sid}"] * 2


def test_network_down_keeps_the_report_in_the_outbox_until_outbox_send(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    s = __import__("socket").socket()
    s.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    s.close()
    sid = new_session(fixit, tmp_path)
    cfg = config(tmp_path, dead)
    run = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert run.code == 1
    assert "fixit: error: could not reach 127.0.0.1" in run.err and "hint:" in run.err
    assert "kept in the outbox" in run.out
    [item] = outbox_json(fixit, cfg)
    assert item["session"] == sid and item["attempts"] == 1 and item["status"] == "waiting"
    folder = Path(os.environ["FIXIT_HOME"]) / "outbox" / item["id"]
    stored = {p.name for p in folder.iterdir()}
    assert {"report.json", "report.md", "report.txt", "report.html", "item.json"} <= stored
    for path in folder.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes()
    later = fixit("--config", str(cfg), "outbox", "send")
    assert later.code == 0 and "next try after" in later.out  # not due yet: backoff
    cfg = config(tmp_path, hook.url)  # the network is back
    sent = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert sent.code == 0 and f"{sid} → hook: sent as T-1." in sent.out
    assert outbox_json(fixit, cfg) == [] and len(hook.posts) == 1


def test_two_outbox_sends_at_once_send_a_report_once(
    fixit: Callable[..., Any], tmp_path: Path, hook: Hook
) -> None:
    sid = new_session(fixit, tmp_path)
    s = __import__("socket").socket()
    s.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    s.close()
    fixit("--config", str(config(tmp_path, dead)), "submit", sid, "--yes")
    cfg = config(tmp_path, hook.url)
    hook.delay = 1.0  # both senders are in flight together
    fixit_bin = str(Path(sys.executable).parent / "fixit")
    command = [fixit_bin, "--config", str(cfg), "outbox", "send", "--now"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert len(hook.posts) == 1, outs
    assert sum("→ hook: sent as T-1." in o for o in outs) == 1
    assert sum("being sent by another fixit" in o or "empty" in o for o in outs) == 1


def test_no_target_configured_says_how_to_add_one(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    sid = new_session(fixit, tmp_path)
    run = fixit("submit", sid, "--yes")
    assert run.code == 1 and "no submit target is configured." in run.err
    assert "fixit config init" in run.err


def test_the_wizard_offers_to_send_at_the_end_of_an_escalated_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixit.commands.run import start
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    share = tmp_path / "share"
    share.mkdir()
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"submit:\n  targets:\n    folder: {{type: directory, path: '{share}'}}\n")
    ctx = AppContext(lang_option="en", config_path=cfg, no_color=True)
    replies = ["ok", "incident", "other", "L-1", "Logging in", "It fails", "", "today"]
    replies += ["always", "", "me"]
    replies += ["high", "", "Maija", "maija@example.fi", "show", "send"]
    p = ScriptedPrompter(replies)
    assert start(ctx, "report-problem", "self", None, None, False, prompter=p) == 0
    out = capsys.readouterr().out
    assert "To: folder (directory," in out  # "show" previewed exactly what leaves
    assert "Sent to folder:" in out
    [folder] = list(share.iterdir())
    assert {"report.md", "report.json", "report.html"} <= {p.name for p in folder.iterdir()}
    assert json.loads((folder / "report.json").read_text())["title"].startswith("It fails")


def test_starting_a_session_mentions_reports_waiting_in_the_outbox(
    fixit: Callable[..., Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixit.commands.run import start
    from fixit.context import AppContext
    from fixit.prompts.scripted import ScriptedPrompter

    s = __import__("socket").socket()
    s.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    s.close()
    sid = new_session(fixit, tmp_path)
    assert fixit("--config", str(config(tmp_path, dead)), "submit", sid, "--yes").code == 1
    capsys.readouterr()
    ctx = AppContext(lang_option="en", no_color=True)
    start(ctx, "report-problem", "self", None, None, False, prompter=ScriptedPrompter(["!quit"]))
    assert "Reports waiting in the outbox: 1. Send them with `fixit outbox send`." in (
        capsys.readouterr().out
    )


def test_the_preview_shows_the_body_exactly_as_github_and_jira_receive_it(
    tmp_path: Path,
) -> None:
    from fixit.context import AppContext
    from fixit.flows import sending
    from fixit.submit.base import Target
    from fixit.submit.github import issue_body
    from fixit.submit.jira import description

    from ..integration.submit.fakes import payload

    p = payload(tmp_path, files=0)
    p = type(p)(**{**p.__dict__, "markdown": "Ask @alice about #12\n", "text": "t" * 40_000})
    ctx = AppContext(lang_option="en")
    gh = Target("gh", "github", {"repo": "acme/desk"})
    shown = sending.preview(ctx, p, gh)
    assert shown.endswith(issue_body(p)) and "@&#8203;alice about #&#8203;12" in shown
    jira = Target("sd", "jira", {"url": "https://acme.atlassian.net"})
    shown = sending.preview(ctx, p, jira)
    assert shown.endswith(description(p)) and "[report shortened to fit Jira's limit]" in shown
