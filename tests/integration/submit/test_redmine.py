"""The redmine target against a real Redmine on 127.0.0.1 (scripts/redmine-test-server.sh start):
the issue, its files and priority as Redmine stores them; a second send finds it, never a twin."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from fixit.submit import redmine
from fixit.submit.base import Attachment, Payload, SubmitError
from fixit.submit.registry import validate_target

pytestmark = pytest.mark.slow

CANARY = "CANARY-wrong-key-5e1f00d"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
REPORT_FILES = ("report.md", "report.json", "report.html")
PRIORITIES = {"critical": 5, "high": 4, "normal": 2, "low": 1}


@pytest.fixture(scope="module")
def server() -> dict[str, str]:
    """The real server's address, key and project, from the start script's export lines."""
    found = {k: os.environ.get(f"FIXIT_REDMINE_{k.upper()}", "") for k in ("url", "key")}
    found["project"] = os.environ.get("FIXIT_REDMINE_PROJECT", "fixit-test")
    if not found["url"] or not found["key"]:
        why = (  # the same command and needs as the README's development section
            'no real Redmine: run `eval "$(bash scripts/redmine-test-server.sh start)"` '
            "(it needs root, apt and Debian: it installs Debian's redmine) to set "
            "FIXIT_REDMINE_URL and FIXIT_REDMINE_KEY"
        )
        if os.environ.get("FIXIT_REQUIRE_REDMINE") == "1":
            pytest.fail(f"FIXIT_REQUIRE_REDMINE=1 but {why}")
        pytest.skip(why)
    return found


def submitter(server: dict[str, str], key: str) -> redmine.RedmineSubmitter:
    """A submitter built as fixit builds one: validated settings and a secret lookup."""
    raw = {
        "type": "redmine",
        "url": server["url"],
        "project": server["project"],
        "api_key_env": "REDMINE_API_KEY",
        "priorities": PRIORITIES,
        "timeout": 30,
    }
    return redmine.make(validate_target("helpdesk", raw), {"REDMINE_API_KEY": key}.get)


def payload(tmp: Path, title: str = "VPN drops every hour") -> Payload:
    """A payload with a fresh report id, a PNG-ish file and a text file attached."""
    report_id = f"fixit-it-{uuid.uuid4().hex[:12]}"
    png, log = tmp / "screen.png", tmp / "vpn log.txt"
    png.write_bytes(PNG)
    log.write_text("12:00 tunnel up\n13:00 tunnel down\n")
    files = [
        Attachment(p, p.name, mime, p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p, mime in ((png, "image/png"), (log, "text/plain"))
    ]
    report = {"id": report_id, "title": title, "urgency": "high"}
    body = "The VPN drops every hour; reconnecting helps for a while."
    return Payload(
        report_id=report_id,
        title=title,
        report=report,
        markdown=f"# {title}\n\n{body}\n",
        text=f"{title}\n\n{body}\n",
        html=f"<h1>{title}</h1><p>{body}</p>",
        json=json.dumps(report),
        attachments=files,
    )


def api(server: dict[str, str], method: str, path: str, **kwargs: Any) -> requests.Response:
    """A call to the real Redmine as its admin, for reading back what the submitter made."""
    headers = {"X-Redmine-API-Key": server["key"]}
    url = path if path.startswith(server["url"] + "/") else server["url"] + path
    response = requests.request(
        method, url, headers=headers, timeout=30, allow_redirects=False, **kwargs
    )
    response.raise_for_status()
    return response


def tagged(server: dict[str, str], p: Payload) -> list[int]:
    """The ids of every issue (open or closed) whose subject carries the payload's tag."""
    params = {"project_id": server["project"], "status_id": "*", "subject": f"~{p.report_id}"}
    issues = api(server, "GET", "/issues.json", params=params).json()["issues"]
    return [i["id"] for i in issues if p.tag in i["subject"]]


def test_an_issue_with_its_files_and_priority_and_no_twin(server: dict[str, str], tmp_path: Path):
    p, s = payload(tmp_path), submitter(server, server["key"])
    ticket = s.send(p)
    number = int(ticket.ref.lstrip("#"))
    assert ticket.url == f"{server['url']}/issues/{number}" and not ticket.existing
    issue = api(server, "GET", f"/issues/{number}.json?include=attachments").json()["issue"]
    assert issue["subject"] == f"{p.title} {p.tag}"
    assert "The VPN drops every hour; reconnecting helps" in issue["description"]
    assert issue["priority"]["id"] == PRIORITIES["high"]
    files = {a["filename"]: a for a in issue["attachments"]}
    assert sorted(files) == sorted(["screen.png", "vpn log.txt", *REPORT_FILES])
    assert files["screen.png"]["filesize"] == len(PNG)
    assert files["vpn log.txt"]["filesize"] == p.attachments[1].size
    assert files["report.md"]["filesize"] == len(p.markdown.encode())
    assert api(server, "GET", files["screen.png"]["content_url"]).content == PNG
    again = s.send(p)
    assert (again.ref, again.url, again.existing) == (ticket.ref, ticket.url, True)
    assert tagged(server, p) == [number]


def test_a_closed_issue_with_a_long_title_is_still_found(server: dict[str, str], tmp_path: Path):
    p = payload(tmp_path, title="The VPN client drops the tunnel " * 12)
    s = submitter(server, server["key"])
    number = int(s.send(p).ref.lstrip("#"))
    subject = api(server, "GET", f"/issues/{number}.json").json()["issue"]["subject"]
    assert len(subject) == 255 and subject.endswith(f"… {p.tag}")
    statuses = api(server, "GET", "/issue_statuses.json").json()["issue_statuses"]
    closed = next(st["id"] for st in statuses if st["is_closed"])
    api(server, "PUT", f"/issues/{number}.json", json={"issue": {"status_id": closed}})
    assert s.send(p).existing is True
    assert tagged(server, p) == [number]


def test_a_wrong_key_needs_a_fix_and_is_never_shown(server: dict[str, str], tmp_path: Path):
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as caught:
        submitter(server, CANARY).send(p)
    err = caught.value
    assert err.retry is False and "401" in str(err.message) and "REDMINE_API_KEY" in str(err.hint)
    for text in (str(err), str(err.message), str(err.hint), repr(err)):
        assert CANARY not in text
    assert tagged(server, p) == []
