"""Adding a report to an existing issue of a real Redmine on 127.0.0.1 (scripts/redmine-test-server.sh
start): the note as previewed, exactly once across a retry, also when the connection is cut after
Redmine accepted the note; fixit finds its own open issue of the same case."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import socket
import struct
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from fixit.submit import redmine
from fixit.submit.base import Payload, SubmitError
from fixit.submit.notes import case_marker
from fixit.submit.registry import sent_body, validate_target

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> dict[str, str]:
    """The real server's address, key and project, from the start script's export lines."""
    found = {k: os.environ.get(f"FIXIT_REDMINE_{k.upper()}", "") for k in ("url", "key")}
    found["project"] = os.environ.get("FIXIT_REDMINE_PROJECT", "fixit-test")
    if not found["url"] or not found["key"]:
        why = (
            'no real Redmine: run `eval "$(bash scripts/redmine-test-server.sh start)"` to set '
            "FIXIT_REDMINE_URL and FIXIT_REDMINE_KEY"
        )
        if os.environ.get("FIXIT_REQUIRE_REDMINE") == "1":
            pytest.fail(f"FIXIT_REQUIRE_REDMINE=1 but {why}")
        pytest.skip(why)
    return found


def submitter(url: str, server: dict[str, str]) -> redmine.RedmineSubmitter:
    raw = {
        "type": "redmine",
        "url": url,
        "project": server["project"],
        "api_key_env": "REDMINE_API_KEY",
        "timeout": 30,
    }
    return redmine.make(validate_target("helpdesk", raw), {"REDMINE_API_KEY": server["key"]}.get)


def payload(title: str, case: str = "") -> Payload:
    report_id = f"fixit-it-{uuid.uuid4().hex[:12]}"
    report = {"id": report_id, "title": title, "lang": "en"}
    body = "The printer says offline; the others in the room print."
    return Payload(
        report_id=report_id,
        title=title,
        report=report,
        markdown=f"# {title}\n\n{body}\n",
        text=f"{title}\n\n{body}\n",
        html=f"<h1>{title}</h1>",
        json=json.dumps(report),
        case=case,
    )


def notes(server: dict[str, str], number: int) -> list[str]:
    """Every note of an issue, as Redmine stores it."""
    response = requests.get(
        f"{server['url']}/issues/{number}.json",
        params={"include": "journals"},
        headers={"X-Redmine-API-Key": server["key"]},
        timeout=30,
    )
    response.raise_for_status()
    return [j["notes"] for j in response.json()["issue"]["journals"] if j.get("notes")]


class CutProxy:
    """A TCP relay to Redmine that, for the first PUT to an issue, lets Redmine do the work and
    then resets the client's connection instead of passing the answer on."""

    def __init__(self, upstream: str) -> None:
        parts = urllib.parse.urlsplit(upstream)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.cuts = 1
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                client, __ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self.relay, args=(client,), daemon=True).start()

    def relay(self, client: socket.socket) -> None:
        upstream = socket.create_connection(self.target, timeout=30)
        put = threading.Event()

        def forward() -> None:
            while chunk := _recv(client):
                if b"PUT /issues/" in chunk and self.cuts > 0:
                    self.cuts -= 1
                    put.set()
                upstream.sendall(chunk)
            upstream.close()

        threading.Thread(target=forward, daemon=True).start()
        while chunk := _recv(upstream):
            if put.is_set():  # Redmine answered the PUT: it made the note; the answer is lost
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                break
            client.sendall(chunk)
        client.close()
        upstream.close()


def _recv(s: socket.socket) -> bytes:
    try:
        return s.recv(65536)
    except OSError:
        return b""


@pytest.fixture
def proxy(server: dict[str, str]) -> Iterator[CutProxy]:
    p = CutProxy(server["url"])
    p.thread.start()
    yield p
    p.stop.set()
    p.listener.close()


def test_a_note_on_an_existing_issue_exactly_once_across_a_cut_connection(
    server: dict[str, str], proxy: CutProxy
) -> None:
    issue = submitter(server["url"], server).send(payload("Printer offline for everyone"))
    number = int(issue.ref.lstrip("#"))
    mine = dataclasses.replace(payload("Printer offline here too"), add_to=issue.ref)
    through = submitter(proxy.url, server)
    with pytest.raises(SubmitError) as caught:
        through.add_note(mine, issue.ref)
    assert caught.value.retry is True
    assert proxy.cuts == 0
    again = through.add_note(mine, issue.ref)  # the retry finds the note, never a second one
    assert (again.ref, again.added, again.existing) == (issue.ref, True, True)
    tagged = [n for n in notes(server, number) if mine.tag in n]
    assert len(tagged) == 1
    target = validate_target(
        "helpdesk",
        {"type": "redmine", "url": server["url"], "project": "p", "api_key_env": "K"},
    )
    assert tagged[0].replace("\r\n", "\n") == sent_body(target, mine)


def test_fixit_finds_its_own_open_issue_of_the_same_case(server: dict[str, str]) -> None:
    case = case_marker("printer", f"end-{uuid.uuid4().hex[:6]}", "Example Oy")
    s = submitter(server["url"], server)
    made = s.send(payload("Printer offline", case=case))
    s.send(payload("Printer offline, another case", case=case + "-other"))
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    found: Any = s.open_cases(case, since)
    assert [t.ref for t in found] == [made.ref]
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert s.open_cases(case, later) == []
