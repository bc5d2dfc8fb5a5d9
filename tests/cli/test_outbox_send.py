"""`fixit outbox send` and `fixit outbox list` as a help desk reads them: every line names its
report and target, what happens next is said once, a report that needs a fix is not sent again
and again, the exit code says whether a try failed, and the list reads at 40 columns."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fixit.flows import delivery
from fixit.i18n import Messages
from fixit.submit import outbox
from fixit.submit.base import Target
from tests.cli.test_outbox_faults import payload_with
from tests.cli.test_submit import ANSWERS, CANARY

HELSINKI = ZoneInfo("Europe/Helsinki")
FIX_FIRST = (
    "After the fix, send it with --now: until the target's settings change, fixit does not "
    "try it again by itself."
)


class Desk:
    """A loopback help desk: `/<status>/hook` answers with that status; 201 makes a ticket."""

    def __init__(self) -> None:
        self.posts: list[str] = []
        desk = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                desk.posts.append(self.path)
                status = int(self.path.split("/")[1])
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                if status == 201:
                    self.wfile.write(json.dumps({"id": f"T-{len(desk.posts)}"}).encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(name="desk")
def desk_fixture() -> Iterator[Desk]:
    d = Desk()
    yield d
    d.server.shutdown()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_WAITS", (0.0, 0.0))
    monkeypatch.setenv("HOOK_TOKEN", CANARY)


@pytest.fixture(name="helsinki")
def helsinki_fixture() -> Iterator[None]:
    """This computer's clock in Helsinki (UTC+2 in winter), so local time is not UTC."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Helsinki"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def config(tmp_path: Path, desk: Desk, codes: dict[str, int], folder: Path | None = None) -> Path:
    path = tmp_path / "config.yaml"
    lines = ["submit:", "  targets:"]
    for name, code in codes.items():
        url = f"{desk.base}/{code}/hook"
        lines.append(f"    {name}: {{type: webhook, url: '{url}', token_env: HOOK_TOKEN}}")
    if folder is not None:
        lines.append(f"    folder: {{type: directory, path: '{folder}'}}")
    path.write_text("\n".join(lines) + "\n")
    return path


def session(fixit: Callable[..., Any], tmp_path: Path) -> str:
    """A new finished session's id (found by difference: two may start in one second)."""
    before = {s["id"] for s in json.loads(fixit("sessions", "--json").out)}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"tree": "report-problem", "answers": ANSWERS}))
    assert fixit("start", "--answers", str(answers), "--no-checks").code == 0
    [sid] = {s["id"] for s in json.loads(fixit("sessions", "--json").out)} - before
    return str(sid)


def item_file(sid: str, target: str) -> Path:
    return Path(os.environ["FIXIT_HOME"]) / "outbox" / f"{sid}--{target}" / "item.json"


def make_due(sid: str, target: str) -> dict[str, Any]:
    """Move an item's next try into the past, as if its backoff had run out."""
    path = item_file(sid, target)
    meta = json.loads(path.read_text())
    meta["next_try"] = "2020-01-01T00:00:00+00:00"
    path.write_text(json.dumps(meta))
    return dict(meta)


def next_try(sid: str, target: str, tz: dt.tzinfo | None = HELSINKI) -> str:
    """The item's next try as the output must show it: local time (Helsinki unless `tz` is
    None: the machine's), with its date and UTC offset."""
    at = dt.datetime.fromisoformat(json.loads(item_file(sid, target).read_text())["next_try"])
    local = at.astimezone(tz)
    offset = local.strftime("%z")
    zone = "UTC" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{local:%Y-%m-%d %H:%M} {zone}"


def test_each_failure_names_its_report_and_target_and_says_once_what_happens_next(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, helsinki: None
) -> None:
    cfg = str(config(tmp_path, desk, {"h401": 401, "h500": 500}))
    first, second = session(fixit, tmp_path), session(fixit, tmp_path)
    assert fixit("--config", cfg, "submit", first, "--to", "h401", "--yes").code == 1
    assert fixit("--config", cfg, "submit", second, "--to", "h500", "--yes").code == 1
    run = fixit("--config", cfg, "outbox", "send", "--now")
    assert run.code == 1
    lines = run.err.splitlines()
    assert {(lines[0], lines[1]), (lines[2], lines[3])} == {  # queued in one second: either order
        (
            f"fixit: error: {first} → h401: 127.0.0.1 refused the report (HTTP 401).",
            f"hint: Check the credentials in HOOK_TOKEN. {FIX_FIRST}",
        ),
        (
            f"fixit: error: {second} → h500: 127.0.0.1 could not take the report now (500).",
            f"hint: Next try after {next_try(second, 'h500')}.",
        ),
    }
    assert len(lines) == 4
    assert run.out == "Sent: 0. Still waiting: 1. Needing a fix: 1.\n"
    assert "fixit outbox send" not in run.out + run.err and "tries again" not in run.err
    assert "+00:00" not in run.err  # local time, not the UTC stamp item.json keeps


def test_a_report_that_needs_a_fix_is_not_sent_again_until_its_target_changes(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk
) -> None:
    cfg = config(tmp_path, desk, {"desk": 401})
    sid = session(fixit, tmp_path)
    assert fixit("--config", str(cfg), "submit", sid, "--to", "desk", "--yes").code == 1
    make_due(sid, "desk")
    for _ in range(3):  # a cron job: nothing goes out with the same bad credentials
        run = fixit("--config", str(cfg), "outbox", "send")
        assert run.code == 0 and run.err == ""
        assert run.out == (
            f"{sid} → desk: needs a fix, so it was not tried: 127.0.0.1 refused the report (HTTP 401).\n"
            f"Check the credentials in HOOK_TOKEN. {FIX_FIRST}\n"  # fixit submit kept what to fix
            "Nothing was due, so no report was tried.\n"
            "Sent: 0. Still waiting: 0. Needing a fix: 1.\n"
        )
    assert desk.posts == ["/401/hook"]
    # a person asks for it: tried at once, and what to fix is still kept for the next runs
    assert fixit("--config", str(cfg), "outbox", "send", "--now").code == 1
    make_due(sid, "desk")
    later = fixit("--config", str(cfg), "outbox", "send")
    assert f"\nCheck the credentials in HOOK_TOKEN. {FIX_FIRST}\n" in later.out
    assert later.code == 0 and len(desk.posts) == 2
    # the target's url is fixed: the next run whose try is due sends it
    cfg = config(tmp_path, desk, {"desk": 201})
    make_due(sid, "desk")
    fixed = fixit("--config", str(cfg), "outbox", "send")
    assert fixed.code == 0, fixed.err
    assert fixed.out.startswith(f"{sid} → desk: sent as T-3.\n")
    assert fixed.out.endswith("Sent: 1. Still waiting: 0. Needing a fix: 0.\n")


def test_a_changed_target_still_waits_for_the_next_try(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, helsinki: None
) -> None:
    cfg = config(tmp_path, desk, {"desk": 401})
    sid = session(fixit, tmp_path)
    assert fixit("--config", str(cfg), "submit", sid, "--to", "desk", "--yes").code == 1
    cfg = config(tmp_path, desk, {"desk": 201})
    run = fixit("--config", str(cfg), "outbox", "send")
    assert run.code == 0 and desk.posts == ["/401/hook"]
    assert run.out.startswith(
        f"{sid} → desk: next try after {next_try(sid, 'desk')} (use --now to try now).\n"
    )


def test_nothing_due_is_exit_0_and_said(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, helsinki: None
) -> None:
    cfg = config(tmp_path, desk, {"desk": 500})
    sid = session(fixit, tmp_path)
    assert fixit("--config", str(cfg), "submit", sid, "--to", "desk", "--yes").code == 1
    run = fixit("--config", str(cfg), "outbox", "send")
    assert run.code == 0 and run.err == "" and desk.posts == ["/500/hook"] * 3
    assert run.out == (
        f"{sid} → desk: next try after {next_try(sid, 'desk')} (use --now to try now).\n"
        "Nothing was due, so no report was tried.\n"
        "Sent: 0. Still waiting: 1. Needing a fix: 0.\n"
    )


def test_a_due_retry_that_fails_again_is_exit_1(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk
) -> None:
    cfg = config(tmp_path, desk, {"desk": 500})
    sid = session(fixit, tmp_path)
    fixit("--config", str(cfg), "submit", sid, "--to", "desk", "--yes")
    make_due(sid, "desk")
    run = fixit("--config", str(cfg), "outbox", "send")
    assert run.code == 1 and run.out == "Sent: 0. Still waiting: 1. Needing a fix: 0.\n"
    assert run.err.startswith(f"fixit: error: {sid} → desk: 127.0.0.1 could not take")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The outbox is empty: no report is waiting to be sent.\n"),
        ("fi", "Lähtevissä ei ole mitään: yksikään raportti ei odota lähettämistä.\n"),
    ],
)
def test_an_empty_outbox_says_only_that(fixit: Callable[..., Any], lang: str, text: str) -> None:
    for command in ("list", "send"):
        run = fixit("--lang", lang, "outbox", command)
        assert run.code == 0 and run.out == text and run.err == ""


def test_a_folder_ticket_is_the_report_id_and_the_folder_is_where_it_is(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk
) -> None:
    share = tmp_path / "share"
    gone = tmp_path / "not-mounted"
    sid = session(fixit, tmp_path)
    down = fixit("--config", str(config(tmp_path, desk, {}, gone)), "submit", sid, "--yes")
    assert down.code == 1 and "hint: Check that the shared drive is mounted.\n" in down.err
    share.mkdir()
    run = fixit("--config", str(config(tmp_path, desk, {}, share)), "outbox", "send", "--now")
    assert run.code == 0, run.err
    folder = share / f"fixit-{sid}"
    assert run.out.startswith(f"{sid} → folder: sent as fixit-{sid}.\n{folder}\n")
    assert (folder / "report.md").is_file()
    meta = json.loads((Path(os.environ["FIXIT_HOME"]) / "sessions" / sid / "meta.json").read_text())
    assert meta["ticket"] == {"target": "folder", "ref": f"fixit-{sid}", "url": str(folder)}


def test_an_urgent_report_out_of_hours_gives_the_report_id_to_read_out(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    cfg = config(tmp_path, desk, {}, share)
    closed = "support: {phone: '+358 10 123 4567', hours: 'Sun 00:00-00:01', timezone: UTC}\n"
    cfg.write_text(closed + cfg.read_text())
    sid = session(fixit, tmp_path)
    run = fixit("--config", str(cfg), "submit", sid, "--yes")
    assert run.code == 0, run.err
    assert f"give the ticket number fixit-{sid}." in run.out
    assert str(share) not in run.out.split("ticket number")[1]


def queue_two(fixit: Callable[..., Any], tmp_path: Path, desk: Desk) -> tuple[str, str, Path]:
    cfg = config(tmp_path, desk, {"helpdesk": 401, "h500": 500})
    first, second = session(fixit, tmp_path), session(fixit, tmp_path)
    fixit("--config", str(cfg), "submit", first, "--to", "helpdesk", "--yes")
    fixit("--config", str(cfg), "submit", second, "--to", "h500", "--yes")
    return first, second, cfg


def test_the_list_at_40_columns_is_a_block_per_report(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, cfg = queue_two(fixit, tmp_path, desk)
    monkeypatch.setenv("COLUMNS", "40")
    run = fixit("--config", str(cfg), "outbox", "list")
    assert run.code == 0
    blocks = set(
        run.out.removesuffix("\n").split("\n\n")
    )  # oldest first: these two were queued in one second
    assert blocks == {
        f"{first} → helpdesk\n"
        "  Title: The page reloads — L-1 — blocks\n"
        "  my work\n"
        "  Tries: 1\n"
        "  Status: needs a fix\n"
        "  Last error: 127.0.0.1 refused the\n"
        "  report (HTTP 401).",
        f"{second} → h500\n"
        "  Title: The page reloads — L-1 — blocks\n"
        "  my work\n"
        "  Tries: 1\n"
        "  Status: waiting\n"
        f"  Next try: {next_try(second, 'h500', None)}\n"
        "  Last error: 127.0.0.1 could not take\n"
        "  the report now (500).",
    }
    assert run.out.endswith(".\n") and "\n\n\n" not in run.out


@pytest.mark.parametrize("columns", [50, 60, 80, 100, 120])
def test_the_list_never_breaks_an_id(
    fixit: Callable[..., Any],
    tmp_path: Path,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    first, second, cfg = queue_two(fixit, tmp_path, desk)
    monkeypatch.setenv("COLUMNS", str(columns))
    out = fixit("--config", str(cfg), "outbox", "list").out
    assert all(len(line) <= columns for line in out.splitlines())
    for whole in (first, second, "helpdesk"):
        assert whole in out
    if columns != 80:  # a table only where its other columns have room for their words
        assert ("┃ Session" in out) is (columns > 100)


def test_send_lines_break_only_at_spaces(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = config(tmp_path, desk, {"service-desk-espoo": 500})
    sid = session(fixit, tmp_path)
    fixit("--config", str(cfg), "submit", sid, "--yes")
    monkeypatch.setenv("COLUMNS", "40")  # "service-desk-" would still fit on the first line
    out = fixit("--config", str(cfg), "outbox", "send").out
    assert out.startswith(f"{sid} →\nservice-desk-espoo: next try after")


def test_the_label_and_times_people_read() -> None:
    from fixit.flows.outbox import label, local_time

    item = outbox.Item(Path("/x/20261202-013850-01a9--helpdesk"), {})
    assert label(item) == "20261202-013850-01a9 → helpdesk"
    en, fi = Messages("en"), Messages("fi")
    # local time with its date and UTC offset, as reports write times: a log is read later
    cases = [
        (
            "2026-12-02T21:05:00+00:00",
            "2026-12-02 23:05 UTC+02:00",
            "2.12.2026 klo 23.05 UTC+02:00",
        ),
        ("2026-12-02T22:05:00+00:00", "2026-12-03 00:05 UTC+02:00", "3.12.2026 klo 0.05 UTC+02:00"),
        (
            "2026-07-24T08:30:00+00:00",
            "2026-07-24 11:30 UTC+03:00",
            "24.7.2026 klo 11.30 UTC+03:00",
        ),
        ("2026-12-24T08:30:00+00:00", "2026-12-24 08:30 UTC", "24.12.2026 klo 8.30 UTC"),
    ]
    for n, (when, english, finnish) in enumerate(cases):
        tz = dt.timezone.utc if n == 3 else HELSINKI
        assert local_time(when, en, tz) == english
        assert local_time(when, fi, tz) == finnish


def test_an_item_remembers_the_settings_it_failed_with(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"x")
    bad = Target("desk", "webhook", {"url": "https://desk.example/a", "token_env": "T"})
    item = outbox.put("s1", bad, payload_with(shot))
    item.failed("desk.example refused the report (401).", False, "Check T.")
    assert (item.meta["status"], item.meta["hint"]) == ("needs_fix", "Check T.")
    assert not item.fixed(bad)  # tried with the settings it was queued with
    good = Target("desk", "webhook", {"url": "https://desk.example/b", "token_env": "T"})
    assert item.fixed(good)
    item.failed("desk.example refused the report (401).", False, target=good)
    assert not item.fixed(good) and item.meta["hint"] is None
    del item.meta["settings_sha256"]  # it failed before fixit kept the settings: try it again
    assert item.fixed(good) and item.fixed(bad)


def test_a_report_whose_session_is_gone_is_still_sent_and_the_next_are_tried(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk
) -> None:
    import shutil

    cfg = config(tmp_path, desk, {"down": 503})
    first, second = session(fixit, tmp_path), session(fixit, tmp_path)
    for sid in (first, second):
        assert fixit("--config", str(cfg), "submit", sid, "--yes").code == 1
    shutil.rmtree(Path(os.environ["FIXIT_HOME"]) / "sessions" / first)
    cfg = config(tmp_path, desk, {"down": 201})  # the desk is back
    run = fixit("--config", str(cfg), "outbox", "send", "--now")
    assert run.code == 0, run.err
    assert f"{first} → down: sent as " in run.out and f"{second} → down: sent as " in run.out
    assert f"fixit: warning: {first} → down: the ticket " in run.err
    assert f"could not be noted in the session: there is no session '{first}'." in run.err
    assert run.out.endswith("Sent: 2. Still waiting: 0. Needing a fix: 0.\n")
