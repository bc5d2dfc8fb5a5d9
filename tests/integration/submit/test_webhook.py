"""Webhook target against a loopback receiver that checks the token, the key and the signature."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixit.submit.base import SubmitError, Ticket
from fixit.submit.registry import make_submitter, validate_target

from .fakes import (  # noqa: F401 - no_proxy is an autouse fixture
    CANARY,
    FakeServer,
    Reply,
    Seen,
    Wrong,
    assert_clean,
    assert_redirect_refused,
    no_proxy,
    payload,
    running,
    secrets,
)

SIGNING = "hmac-" + CANARY


class Receiver:
    """A receiver that verifies what a careful one would, and deduplicates by key."""

    def __init__(self) -> None:
        self.token: str | None = CANARY
        self.signing: str | None = SIGNING
        self.delivered: dict[str, bytes] = {}
        self.answer: Any = None

    def __call__(self, seen: Seen) -> Reply:
        if (seen.method, seen.path) != ("POST", "/hook"):
            raise Wrong("the report is POSTed to the configured url")
        if self.token and seen.header("Authorization") != f"Bearer {self.token}":
            return Reply(401, {"error": "unauthorized", "echo": seen.header("Authorization")})
        if self.signing:
            expected = hmac.new(self.signing.encode(), seen.body, hashlib.sha256).hexdigest()
            given = seen.header("X-Fixit-Signature") or ""
            if not hmac.compare_digest(given, f"sha256={expected}"):
                return Reply(401, {"error": "bad signature"})
        if seen.header("Content-Type") != "application/json":
            raise Wrong("the body is JSON")
        key = seen.header("Idempotency-Key")
        if not key or seen.header("X-Fixit-Report-Id") != key:
            raise Wrong("Idempotency-Key and X-Fixit-Report-Id carry the report id")
        seen.json()
        if key in self.delivered:
            return Reply(200, {"id": "HOOK-1", "duplicate": True})
        self.delivered[key] = seen.body
        return Reply(201, self.answer if self.answer is not None else {"id": "HOOK-1"})


@pytest.fixture
def hook() -> Receiver:
    return Receiver()


@pytest.fixture
def fake(hook: Receiver) -> Iterator[FakeServer]:
    with running(hook) as server:
        yield server


def submitter(fake: FakeServer, values: dict[str, str] | None = None, **extra: Any) -> Any:
    raw = {
        "type": "webhook",
        "url": fake.url + "/hook",
        "token_env": "HOOK_TOKEN",
        "hmac_secret_env": "HOOK_HMAC",
        "headers": {"X-Team": "helpdesk"},
        "timeout": 5,
    }
    target = validate_target("hook", {**raw, **extra})
    lookup = {"HOOK_TOKEN": CANARY, "HOOK_HMAC": SIGNING} if values is None else values
    return make_submitter(target, secrets(lookup))


def test_signed_json_with_token_key_and_headers(
    fake: FakeServer, hook: Receiver, tmp_path: Path
) -> None:
    p = payload(tmp_path)
    assert submitter(fake).send(p) == Ticket("HOOK-1")
    (seen,) = fake.seen
    assert seen.body == p.json.encode("utf-8")
    assert seen.header("Idempotency-Key") == p.report_id
    assert seen.header("X-Team") == "helpdesk"
    digest = hmac.new(SIGNING.encode(), seen.body, hashlib.sha256).hexdigest()
    assert seen.header("X-Fixit-Signature") == f"sha256={digest}"
    assert hook.delivered == {p.report_id: seen.body}


def test_plain_hook_without_secrets(fake: FakeServer, hook: Receiver, tmp_path: Path) -> None:
    hook.token = hook.signing = None
    plain = submitter(fake, values={}, token_env="", hmac_secret_env="", headers={})
    p = payload(tmp_path)
    assert plain.send(p) == Ticket("HOOK-1")
    (seen,) = fake.seen
    assert seen.header("Authorization") is None and seen.header("X-Fixit-Signature") is None


@pytest.mark.parametrize(
    ("answer", "ticket"),
    [
        (
            {"ticket": 42, "url": "https://desk.example.fi/t/42"},
            Ticket("42", "https://desk.example.fi/t/42"),
        ),
        (
            {"url": "https://desk.example.fi/t/7"},
            Ticket("https://desk.example.fi/t/7", "https://desk.example.fi/t/7"),
        ),
        ({"ok": True}, Ticket("fixit-20250101-abcd")),
        ([], Ticket("fixit-20250101-abcd")),
        ({"id": "A\x1b[31mB"}, Ticket("A\\x1b[31mB")),
    ],
)
def test_ticket_reference_from_the_answer(
    fake: FakeServer, hook: Receiver, tmp_path: Path, answer: Any, ticket: Ticket
) -> None:
    hook.answer = answer
    assert submitter(fake).send(payload(tmp_path)) == ticket


def test_a_wrong_signing_secret_is_caught_by_the_receiver(fake: FakeServer, tmp_path: Path) -> None:
    wrong = submitter(fake, values={"HOOK_TOKEN": CANARY, "HOOK_HMAC": "other"})
    with pytest.raises(SubmitError) as info:
        wrong.send(payload(tmp_path))
    assert info.value.retry is False and "bad signature" in str(info.value.message)
    assert_clean(info.value, SIGNING)


def test_503_then_201_delivers_once(fake: FakeServer, hook: Receiver, tmp_path: Path) -> None:
    fake.answer("POST", "/hook", 503)
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert (
        info.value.retry is True
        and str(info.value.message) == "127.0.0.1 could not take the report now (503)."
    )
    assert submitter(fake).send(p) == Ticket("HOOK-1")
    assert len(hook.delivered) == 1


def test_reset_after_delivery_is_deduplicated_by_the_key(
    fake: FakeServer, hook: Receiver, tmp_path: Path
) -> None:
    fake.reset_after("POST", "/hook")
    p = payload(tmp_path)
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(p)
    assert info.value.retry is True
    assert submitter(fake).send(p) == Ticket("HOOK-1")
    first, second = fake.seen
    assert first.body == second.body
    assert first.header("Idempotency-Key") == second.header("Idempotency-Key") == p.report_id
    assert first.header("X-Fixit-Signature") == second.header("X-Fixit-Signature")
    assert len(hook.delivered) == 1


def test_401_needs_a_fix_and_hides_the_token(fake: FakeServer, tmp_path: Path) -> None:
    wrong = submitter(fake, values={"HOOK_TOKEN": CANARY + "2", "HOOK_HMAC": SIGNING})
    with pytest.raises(SubmitError) as info:
        wrong.send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 refused the report (HTTP 401: ")
    assert "Bearer ***" in str(info.value.message)
    assert str(info.value.hint) == "Check the credentials in HOOK_TOKEN."
    assert_clean(info.value, CANARY + "2", SIGNING)


def test_422_needs_a_fix(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("POST", "/hook", 422, body={"error": "unknown schema_version"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert info.value.retry is False
    assert str(info.value.message).startswith("127.0.0.1 rejected the report (HTTP 422: ")
    assert_clean(info.value, SIGNING)


def test_redirect_is_refused(fake: FakeServer, tmp_path: Path) -> None:
    fake.answer("POST", "/hook", 308, headers={"Location": fake.url + "/stolen"})
    with pytest.raises(SubmitError) as info:
        submitter(fake).send(payload(tmp_path))
    assert_redirect_refused(info.value, fake)


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({"X-Team": "a\r\nX-Evil: 1"}, "'X-Team' of target 'hook' has a line break"),
        ({"X-Team": "a\nb"}, "'X-Team' of target 'hook' has a line break"),
        ({"X-Team": "caf\u00e9\u2028"}, "'X-Team' of target 'hook' has a line break"),
        (
            {"X-Evil\r\nHost": "x"},
            "'X-Evil\\\\x0d\\\\x0aHost' of target 'hook' is not a valid header name",
        ),
        ({"Authorization": "Basic abc"}, "'Authorization' of target 'hook' is set by fixit itself"),
        ({"content-type": "text/plain"}, "'content-type' of target 'hook' is set by fixit itself"),
        ({"X-Fixit-Signature": "sha256=0"}, "'X-Fixit-Signature' of target 'hook' is set by fixit"),
        ({"Idempotency-Key": "other"}, "'Idempotency-Key' of target 'hook' is set by fixit itself"),
    ],
)
def test_configured_headers_cannot_inject_or_override(
    fake: FakeServer, tmp_path: Path, headers: dict[str, str], problem: str
) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, headers=headers).send(payload(tmp_path))
    assert problem in str(info.value.message) and info.value.retry is False
    assert "\r" not in str(info.value.message) and "\n" not in str(info.value.message)
    assert fake.seen == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"HOOK_HMAC": SIGNING}, "the API token for target 'hook' is not set."),
        ({"HOOK_TOKEN": CANARY}, "the signing secret for target 'hook' is not set."),
    ],
)
def test_missing_secrets_are_named(
    fake: FakeServer, tmp_path: Path, values: dict[str, str], message: str
) -> None:
    with pytest.raises(SubmitError) as info:
        submitter(fake, values=values).send(payload(tmp_path))
    assert str(info.value.message) == message and info.value.retry is False
    assert "in the environment or in the credentials file" in str(info.value.hint)
    assert fake.seen == []
