"""The scrubbing rule: a help desk's error text that echoes the request (its path, its query, a
header) never shows a secret, for every HTTP target type; and the rule masks whole tokens only
when a value is short, so fixit's own words stay whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import SubmitError
from fixit.submit.registry import make_submitter, validate_target
from fixit.submit.scrub import Secrets, of_settings, server_text, url_secrets

from .fakes import (  # noqa: F401 - no_proxy is an autouse fixture
    CANARY,
    FakeServer,
    Reply,
    Seen,
    assert_clean,
    no_proxy,
    payload,
    running,
    secrets,
)

PATH_KEY = "T01ABCDEF/B02GHIJKL/x9Yq7Wz3Kp5Rt8Uv"  # a Slack-style webhook path: the secret
QUERY_KEY = "tenant-4f2a9c"


class Echo:
    """A framework's default error page: the status, and the request echoed back."""

    def __init__(self) -> None:
        self.status = 400

    def __call__(self, seen: Seen) -> Reply:
        query = "&".join(f"{k}={v[0]}" for k, v in seen.query.items())
        body = {
            "status": self.status,
            "error": "Bad Request",
            "path": seen.path + (f"?{query}" if query else ""),
            "quoted": seen.path.replace("/", "%2F"),
            "auth": seen.header("Authorization"),
            "key": seen.header("X-Redmine-API-Key"),
        }
        return Reply(self.status, body)


@pytest.fixture
def echo() -> Echo:
    return Echo()


@pytest.fixture
def fake(echo: Echo) -> Iterator[FakeServer]:
    with running(echo) as server:
        yield server


def targets(base: str) -> dict[str, dict[str, Any]]:
    """One target of each HTTP type, its URL carrying a secret path (and a query)."""
    url = f"{base}/hooks/{PATH_KEY}"
    return {
        "webhook": {"type": "webhook", "url": f"{url}?team={QUERY_KEY}", "token_env": "TOKEN"},
        "redmine": {"type": "redmine", "url": url, "project": "desk", "api_key_env": "TOKEN"},
        "zendesk": {"type": "zendesk", "url": url, "email": "a@example.fi", "token_env": "TOKEN"},
        "jira": {
            "type": "jira",
            "url": url,
            "service_desk_id": "7",
            "request_type_id": "25",
            "email": "a@example.fi",
            "token_env": "TOKEN",
        },
        "github": {"type": "github", "repo": "acme/desk", "api_url": url, "token_env": "TOKEN"},
    }


@pytest.mark.parametrize("kind", ["webhook", "redmine", "zendesk", "jira", "github"])
@pytest.mark.parametrize("status", [400, 401, 403, 422])
def test_an_error_body_echoing_the_request_never_shows_a_secret(
    kind: str, status: int, echo: Echo, fake: FakeServer, tmp_path: Path
) -> None:
    echo.status = status
    target = validate_target(kind, {**targets(fake.url)[kind], "timeout": 5})
    with pytest.raises(SubmitError) as info:
        make_submitter(target, secrets({"TOKEN": CANARY})).send(payload(tmp_path))
    err = info.value
    assert fake.seen, "the request reached the server"
    assert f"(HTTP {status}" in str(err.message) and err.retry is False
    assert_clean(err)
    for part in [*PATH_KEY.split("/"), QUERY_KEY]:
        assert part not in str(err.message), str(err.message)
    # the echo is quoted, masked: the status and kind stay readable
    assert "***" in str(err.message)


def test_redmines_own_list_of_422_errors_is_scrubbed_too(fake: FakeServer, tmp_path: Path) -> None:
    def refuse(seen: Seen) -> Reply:
        if seen.method == "GET":
            return Reply(200, {"issues": []})
        if seen.path.endswith("/uploads.json"):
            return Reply(201, {"upload": {"token": "t1"}})
        return Reply(422, {"errors": [f"Project {seen.path} is invalid", f"Key {CANARY}"]})

    fake.app = refuse
    target = validate_target("rm", {**targets(fake.url)["redmine"], "timeout": 5})
    with pytest.raises(SubmitError) as info:
        make_submitter(target, secrets({"TOKEN": CANARY})).send(payload(tmp_path))
    assert str(info.value.message) == (
        "127.0.0.1 rejected the issue (HTTP 422: Project ***/issues.json is invalid; Key ***)."
    )


def test_a_webhook_that_echoes_its_path_as_the_ticket_gives_no_secret(
    fake: FakeServer, tmp_path: Path
) -> None:
    def answer(seen: Seen) -> Reply:
        return Reply(201, {"id": seen.path, "url": f"{fake.url}{seen.path}"})

    fake.app = answer
    target = validate_target("hook", {**targets(fake.url)["webhook"], "timeout": 5})
    ticket = make_submitter(target, secrets({"TOKEN": CANARY})).send(payload(tmp_path))
    assert PATH_KEY not in f"{ticket.ref} {ticket.url}"
    assert (ticket.ref, ticket.url) == ("***", f"{fake.url}***")


def test_short_values_are_masked_as_whole_tokens_only() -> None:
    rule = Secrets(frozenset({"box", "x", "s3cr3t-long-value"}))
    assert rule.scrub("the report stays in the outbox") == "the report stays in the outbox"
    assert rule.scrub("token box refused, x=1") == "token *** refused, ***=1"
    assert rule.scrub("path%2Fs3cr3t-long-value%2F") == "path%2F***%2F"  # long: anywhere
    assert rule.scrub("prefixs3cr3t-long-valuesuffix") == "prefix***suffix"
    assert rule.scrub("S3CR3T-LONG-VALUE") == "***"  # a long one in any case
    assert rule.scrub("Box and BOX") == "Box and BOX"  # a short one exactly as it is
    path = Secrets(frozenset({"/hooks/abcdefghij"}))
    assert path.scrub('{"path":"\\/hooks\\/abcdefghij"}') == '{"path":"***"}'  # PHP's JSON
    assert path.scrub("%2Fhooks%2fabcdefghij") == "***"


def test_url_secrets_are_the_path_its_key_like_parts_the_query_and_the_user() -> None:
    found = url_secrets("https://bot:pa55word@hooks.example.fi/services/T01234/abc?team=desk42")
    assert {"/services/T01234/abc", "T01234", "team=desk42", "desk42", "pa55word"} <= found
    assert {"bot:pa55word", "services/T01234/abc"} <= found
    assert not {"services", "abc", "bot"} & found  # plain words stay readable
    assert url_secrets("https://redmine.example.fi/") == set()
    assert url_secrets("https://h.example.fi/in?team=desk") == {"/in", "team=desk"}


def test_quoted_server_text_is_masked_before_it_is_clipped() -> None:
    key = "k" * 30
    rule = Secrets(frozenset({key}))
    shown = rule.text("x" * 190 + key, 200)
    assert "kkk" not in shown  # a cut through the secret would have left most of it
    assert shown == "x" * 190 + "***"
    assert rule.text(b"line one\r\nline\ttwo \x1b[31m") == "line one line two \\x1b[31m"


def test_settings_secrets_cover_credentials_urls_and_secret_looking_headers() -> None:
    settings = {
        "url": f"https://h.example.fi/in/{PATH_KEY}",
        "token_env": "TOKEN",
        "headers": {"X-Api-Key": "hdr-value", "X-Tenant": "acme"},
        "timeout": 20,
    }
    found = of_settings(settings, {"TOKEN": CANARY}.get).values
    assert {CANARY, "hdr-value", f"/in/{PATH_KEY}"} <= found
    assert "acme" not in found and "TOKEN" not in found


def test_server_text_outside_a_send_still_makes_text_safe() -> None:
    assert (
        server_text(json.dumps({"a": "\u202eevil"}, ensure_ascii=False)) == '{"a": "<U+202E>evil"}'
    )


def test_a_huge_body_is_quoted_quickly_and_exactly_as_a_whole_scrub_would() -> None:
    import random
    import time

    from fixit.textsafe import clip, visible

    rng = random.Random(7)
    for _ in range(200):  # short secrets, long ones, and texts made of little else
        secret = "".join(rng.choice("ab/") for _ in range(rng.randint(1, 12)))
        rule = Secrets(frozenset({secret}))
        text = "".join(rng.choice("ab/ ") for _ in range(rng.randint(0, 2000)))
        limit = rng.randint(5, 60)
        whole = clip(visible(rule.scrub(" ".join(text.split())), True), limit)
        assert rule.text(text, limit) == whole, (secret, limit)
    rule = Secrets(frozenset(url_secrets(f"https://h.example.fi/hooks/{PATH_KEY}?t={QUERY_KEY}")))
    body = (f"/hooks/{PATH_KEY} " + "x" * 1000) * 4000  # 4 MB, the most an answer may be
    start = time.monotonic()
    shown = rule.text(body)
    assert time.monotonic() - start < 0.5  # masking all of it took seconds
    assert PATH_KEY.split("/")[0] not in shown
