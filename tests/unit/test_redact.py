"""The privacy layer of reports: secrets always go, personal data follows the policy."""

from __future__ import annotations

import copy
import json
import os
import time
from typing import Any

import pytest

from fixit.report import redact
from fixit.report.redact import (
    ACTIONS,
    DEFAULT_POLICY,
    POLICY_KINDS,
    Redactor,
    redact_json,
    secret_values,
    validate_policy,
)

USER = "maija"
HOME = "/home/maija"
HOSTS = ["maija-laptop.corp.example"]
CONTACT = "Maija.Meikalainen@Example.fi"
GHP = "ghp_" + "A1b2C3d4E5" * 4
PEM = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\nAAAAB3NzaC1yc2E\n-----END OPENSSH PRIVATE KEY-----"


def make(policy: dict[str, str] | None = None, **kw: Any) -> Redactor:
    """A redactor for a fixed, fictional machine."""
    args: dict[str, Any] = {"user": USER, "home": HOME, "hostnames": HOSTS}
    args.update(kw)
    return Redactor(policy if policy is not None else DEFAULT_POLICY, **args)


# --- policy ------------------------------------------------------------------------------------


def test_constants() -> None:
    assert POLICY_KINDS == ("username", "hostname", "email", "ip", "mac", "home")
    assert ACTIONS == ("placeholder", "remove", "keep")
    assert dict.fromkeys(POLICY_KINDS, "placeholder") == DEFAULT_POLICY


def test_validate_policy_overlays_defaults() -> None:
    assert validate_policy(None) == DEFAULT_POLICY
    assert validate_policy({}) == DEFAULT_POLICY
    got = validate_policy({"ip": "keep", "email": "remove"})
    assert got == {**DEFAULT_POLICY, "ip": "keep", "email": "remove"}
    got["ip"] = "remove"
    assert DEFAULT_POLICY["ip"] == "placeholder"  # a copy, never the shared default


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"ip": "hide"}, "redaction.ip must be one of placeholder, remove, keep"),
        ({"mac": False}, "redaction.mac must be one of placeholder, remove, keep"),  # YAML `no`
        (
            {"foo": "keep"},
            "redaction.foo is not a kind (kinds: username, hostname, email, ip, mac, home)",
        ),
        (["ip"], "redaction must be a mapping of kind to action"),
    ],
)
def test_validate_policy_errors_name_the_key(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as err:
        validate_policy(raw)
    assert str(err.value) == message


def test_redactor_validates_its_policy() -> None:
    with pytest.raises(ValueError, match=r"redaction\.home must be one of"):
        make({"home": "blur"})


# --- secrets known on this machine -------------------------------------------------------------


def test_secret_values_from_environment_names() -> None:
    environ = {
        "FIXIT_TEST_API_TOKEN": "tok-123456",
        "my_passwd": "pw-abcdef",  # names compare case-insensitively
        "GITLAB_APIKEY": "glkey-99999",
        "SESSION_COOKIE": "c00kie-value",
        "AWS_SECRET_ACCESS_KEY": "  wJalrXUtnFEMI  ",
        "SHORT_TOKEN": "abc12",  # too short to scrub everywhere
        "PATH": "/usr/bin:/bin",
        "HOME": "/home/maija",
        "XDG_SESSION_TYPE": "wayland",  # desktop plumbing, not a secret
        "DESKTOP_SESSION": "ubuntu",
    }
    assert secret_values(environ, {}) == {
        "tok-123456",
        "pw-abcdef",
        "glkey-99999",
        "c00kie-value",
        "wJalrXUtnFEMI",
    }


def test_secret_values_from_configuration() -> None:
    environ = {"REDMINE_API_KEY": "redmine-key-1", "HOOK_TOKEN": "hook-token-2", "UNUSED": "x"}
    config = {
        "organisation": "Example Oy",
        "submit": {
            "targets": {
                "helpdesk": {"type": "redmine", "api_key_env": "REDMINE_API_KEY"},
                "hook": {"url": "https://hooks.example.fi/fixit", "token_env": "HOOK_TOKEN"},
                "gone": {"password_env": "NOT_SET"},
                "mail": {"username": "fixit", "password": "smtp-pass-3", "port": 587},
                "pin": {"password": 12345678},  # YAML reads digits as an integer
                "db": {"url": "postgres://app:db%40pass@db.example.fi/x"},
                "creds": {"secret": {"prod": "nested-secret-4"}},
                "tokens": {"api_tokens": ["list-token-5"]},
                "hooksecret": {"type": "webhook", "url": "https://h.example.fi/"},
            }
        },
    }
    assert secret_values(environ, config) == {
        "redmine-key-1",
        "hook-token-2",
        "smtp-pass-3",
        "12345678",
        "db%40pass",
        "db@pass",
        "nested-secret-4",
        "list-token-5",
    }


def test_secret_values_from_proxy_urls() -> None:
    environ = {"https_proxy": "http://maija:proxy-pw-77@proxy.example.fi:3128", "NO_PROXY": "x"}
    assert secret_values(environ, None) == {"proxy-pw-77"}


# --- secrets are always removed ----------------------------------------------------------------

SECRET_CASES = [
    ("Authorization: Bearer abc.def-ghi_123", "token", "Authorization: Bearer <secret>"),
    ("proxy-authorization: Basic dXNlcjpwYXNz", "token", "proxy-authorization: Basic <secret>"),
    ('{"Authorization": "Token 9f8e7d6c"}', "token", '{"Authorization": "Token <secret>"}'),
    ("Cookie: sid=3f2a; theme=dark", "token", "Cookie: <secret>"),
    ("GET /api?token=abc123def&page=2", "token", "GET /api?token=<secret>&page=2"),
    ("api_key=k-998877, next", "token", "api_key=<secret>, next"),
    ("X-Api-Key: k_5544332211", "token", "X-Api-Key: <secret>"),
    ('{"password": "hu\\"nter2", "user": "x"}', "token", '{"password": "<secret>", "user": "x"}'),
    ("db_password: 'p w d'", "token", "db_password: '<secret>'"),
    ("sent Bearer eyJhbGciOi.x.y to it", "token", "sent Bearer <secret> to it"),
    ("header Basic dXNlcjpwYXNz was refused", "token", "header Basic <secret> was refused"),
    (f"remote {GHP} x", "token", "remote <secret> x"),
    ("glpat-AbCdEfGhIjKlMnOpQrSt12", "token", "<secret>"),
    ("slack xoxb-1234567890-abcdefghij", "token", "slack <secret>"),
    ("id AKIAIOSFODNN7EXAMPLE.", "token", "id <secret>."),
    ("jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4", "token", "jwt <secret>"),
    (
        "https://maija:pa55@proxy.example.fi:8080/",
        "url_credentials",
        "https://<secret>@proxy.example.fi:8080/",
    ),
    ("ftp://a@b.fi:p@ss@host/x", "url_credentials", "ftp://<secret>@host/x"),
    (f"key:\n{PEM}\nend", "private_key", "key:\n<secret>\nend"),
    ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN (truncated)", "private_key", "<secret>"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), SECRET_CASES)
def test_secrets_are_removed(text: str, kind: str, expected: str) -> None:
    r = make(dict.fromkeys(POLICY_KINDS, "keep"))  # whatever the policy
    assert r.text(text) == expected
    assert [e["kind"] for e in r.summary()] == [kind]
    assert all(e["action"] == "remove" for e in r.summary())


@pytest.mark.parametrize(
    "text",
    [
        "basic connectivity works",  # not a base64 user:password
        "the bearer of bad news",
        "ssh://git@gitlab.example.fi/repo.git",  # a user name but no password
        "http://portal.example.fi:8080/path",
        "Did you forget your password?",
        '"password": null',
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    ],
)
def test_secret_lookalikes_are_left(text: str) -> None:
    r = make(dict.fromkeys(POLICY_KINDS, "keep"))
    assert r.text(text) == text
    assert r.summary() == []


def test_known_secrets_are_found_anywhere() -> None:
    r = make(secrets=["s3cr3t-Value", "short", "   "])
    text = "x=s3cr3t-Value;words_s3cr3t-Valueglued and s3cr3t%2DValue? short stays"
    assert r.text(text) == "x=<secret>;words_<secret>glued and s3cr3t%2DValue? short stays"
    assert r.summary() == [{"kind": "known_secret", "action": "remove", "count": 2}]
    r = make(secrets=["p@ss w0rd!"])
    assert r.text("url https://h/?q=p%40ss%20w0rd%21") == "url https://h/?q=<secret>"


def test_known_secret_is_not_split_by_heuristics() -> None:
    r = make(secrets=["correct horse battery"])
    assert r.text("password: correct horse battery") == "password: <secret>"
    assert r.summary() == [{"kind": "known_secret", "action": "remove", "count": 1}]


# --- personal data by policy -------------------------------------------------------------------

PERSONAL_CASES = [
    ("username", "user maija logged in", "user <user-1> logged in", "user <removed> logged in"),
    ("hostname", "on MAIJA-LAPTOP today", "on <host-1> today", "on <removed> today"),
    ("email", "mail bob@example.org now", "mail <email-1> now", "mail <removed> now"),
    ("ip", "server 8.8.8.8 down", "server <ip-1> down", "server <removed> down"),
    ("mac", "nic aa:bb:cc:dd:ee:01 up", "nic <mac-1> up", "nic <removed> up"),
    (
        "home",
        "saved /home/maija/Pictures/shot.png",
        "saved <home>/Pictures/shot.png",
        "saved <removed>/Pictures/shot.png",
    ),
]


@pytest.mark.parametrize(("kind", "text", "placeholder", "removed"), PERSONAL_CASES)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_kind_and_action(
    kind: str, text: str, placeholder: str, removed: str, action: str
) -> None:
    r = make({**dict.fromkeys(POLICY_KINDS, "keep"), kind: action})
    want = {"placeholder": placeholder, "remove": removed, "keep": text}[action]
    assert r.text(text) == want
    counted = [] if action == "keep" else [{"kind": kind, "action": action, "count": 1}]
    assert r.summary() == counted


def test_username_only_as_a_whole_word() -> None:
    r = make()
    assert (
        r.text("maijab xmaija maija_2 Maija maija.") == "maijab xmaija maija_2 <user-1> <user-1>."
    )


def test_hostnames_whole_words_case_insensitive_one_placeholder() -> None:
    r = make(hostnames=["Maija-Laptop.corp.example", "print-srv"])
    got = r.text("maija-laptop.corp.example maija-laptop MAIJA-LAPTOP.lan print-srv print-srv2")
    assert got == "<host-1> <host-1> <host-1>.lan <host-2> print-srv2"


def test_names_folded_by_the_regex_do_not_crash() -> None:
    r = make(hostnames=["kiosk"], user="usr")
    assert r.text("\u212aio\u017fk KIOSK u\u017fr") == "<host-1> <host-1> <user-1>"


def test_defaults_come_from_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redact.getpass, "getuser", lambda: "kalle")
    monkeypatch.setattr(redact.socket, "gethostname", lambda: "kalle-pc.office.lan")
    monkeypatch.setenv("HOME", "/home/kalle")
    r = Redactor(DEFAULT_POLICY)
    assert (
        r.text("kalle@kalle-pc: /home/kalle/x kalle-pc") == "<user-1>@<host-1>: <home>/x <host-1>"
    )


def test_emails_numbered_kept_contact_case_insensitive() -> None:
    r = make(keep_emails=[CONTACT])
    text = "a@x.org b@y.org A@X.ORG maija.meikalainen@example.FI"
    assert r.text(text) == "<email-1> <email-2> <email-1> maija.meikalainen@example.FI"


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.9",
        "172.31.255.1",
        "192.168.1.20",
        "127.0.0.1",
        "169.254.3.4",
        "192.0.2.7",
        "198.51.100.1",
        "203.0.113.9",
        "0.0.0.0",
        "224.0.0.251",
        "::1",
        "fe80::1ff:fe23:4567:890a",
        "fd00::1",
        "2001:db8::42",
        "100.64.1.1",
    ],
)
def test_private_and_special_addresses_are_kept(address: str) -> None:
    r = make()
    assert r.text(f"via {address}, ok") == f"via {address}, ok"


def test_public_addresses_are_replaced_consistently() -> None:
    r = make()
    text = "8.8.8.8 1.1.1.1 2001:4860:4860::8888 2001:4860:4860:0:0:0:0:8888 ::ffff:8.8.8.8 [2a00:1450::1]:443"
    assert r.text(text) == "<ip-1> <ip-2> <ip-3> <ip-3> <ip-1> [<ip-4>]:443"


@pytest.mark.parametrize(
    "text",
    [
        "fixit 1.2.3",
        "Windows 10.0.19045.2965",
        "Chrome/120.0.6099.109",
        "1.2.3.999",
        "256.1.1.1",
        "v8.8.8.8",
        "01.2.3.4",
        "at 12:30:45",
        "std::vector",
        "a::b",
        "cafe:beef:dead",
        "1.2.3.4.5",
    ],
)
def test_versions_and_times_are_not_addresses(text: str) -> None:
    r = make()
    assert r.text(text) == text


def test_macs_both_separators_one_placeholder() -> None:
    r = make()
    text = (
        "aa:bb:cc:dd:ee:ff AA-BB-CC-DD-EE-FF 11:22:33:44:55:66 00:00:00:00:00:00 aa:bb-cc:dd:ee:ff"
    )
    assert r.text(text) == "<mac-1> <mac-1> <mac-2> 00:00:00:00:00:00 aa:bb-cc:dd:ee:ff"


def test_home_paths() -> None:
    r = make()
    assert r.text("/home/maija /home/maijab /mnt/home/maija file:///home/maija/a") == (
        "<home> /home/maijab /mnt/home/<user-1> file://<home>/a"  # not this home, but the name
    )
    w = make(home="C:\\Users\\Maija", user="Maija")
    assert w.text("C:\\Users\\maija\\Desktop c:/users/MAIJA/x C:\\\\Users\\\\Maija\\\\y") == (
        "<home>\\Desktop <home>/x <home>\\\\y"
    )
    assert make(home="/").text("/etc/hosts") == "/etc/hosts"  # a root home swallows nothing


def test_home_keep_still_hides_the_user_name() -> None:
    r = make({**DEFAULT_POLICY, "home": "keep"})
    assert r.text("/home/maija/x") == "/home/<user-1>/x"


def test_order_secrets_then_home_then_rest() -> None:
    r = make()
    got = r.text("https://maija:pw-1234@maija-laptop/ and token=/home/maija/key")
    assert got == "https://<secret>@<host-1>/ and token=<secret>"


def test_placeholders_are_stable_on_a_second_pass() -> None:
    r = make(hostnames=["user", "host"], user="secret")
    once = r.text("secret on user and host, 8.8.8.8 x@y.org")
    assert r.text(once) == once


# --- whole reports -----------------------------------------------------------------------------


def sample_report() -> dict[str, Any]:
    """A report shaped like report/model.py builds, full of personal data."""
    return {
        "schema_version": 1,
        "title": "maija cannot reach 8.8.8.8",
        "problem": {
            "happened": "bob@example.org said maija-laptop is down",
            "doing": "ping 8.8.8.8",
        },
        "reporter": {
            "name": "Maija",
            "organisation": "Example Oy",
            "contact": CONTACT,
            "device_id": "MAIJA-LAPTOP",
        },
        "fields": [{"id": "error", "label": "Error", "value": "timeout from 8.8.8.8"}],
        "steps": [
            {
                "question": "Who?",
                "answer": f"write to bob@example.org or {CONTACT}",
                "n": 1,
                "ok": True,
                "v": None,
            }
        ],
        "notes": [{"text": "MAC aa:bb:cc:dd:ee:ff on 192.168.1.5"}],
        "checks": [
            {
                "summary": "gateway 192.168.1.1",
                "data": {"mac": "AA-BB-CC-DD-EE-FF", "addrs": ["8.8.8.8", "10.0.0.2"], "n": 3.5},
                "reason": None,
            }
        ],
        "environment": {"checks": [{"summary": "host maija-laptop", "data": {"user": "maija"}}]},
        "attachments": [{"path": "/home/maija/Pictures/shot.png", "name": "shot.png", "size": 10}],
        "redactions": [{"kind": "stale", "action": "keep", "count": 9}],
        "redacted": False,
    }


def test_redact_json_consistent_placeholders() -> None:
    report = sample_report()
    before = copy.deepcopy(report)
    out = redact_json(report, make(keep_emails=[CONTACT]))
    assert report == before  # the input is not touched
    assert out["title"] == "<user-1> cannot reach <ip-1>"
    assert out["problem"]["happened"] == "<email-1> said <host-1> is down"
    assert out["reporter"] == {**before["reporter"], "name": "<user-1>", "device_id": "<host-1>"}
    assert out["fields"][0]["value"] == "timeout from <ip-1>"
    assert out["steps"][0] == {**before["steps"][0], "answer": f"write to <email-1> or {CONTACT}"}
    assert out["notes"][0]["text"] == "MAC <mac-1> on 192.168.1.5"
    assert out["checks"][0]["data"] == {"mac": "<mac-1>", "addrs": ["<ip-1>", "10.0.0.2"], "n": 3.5}
    assert out["environment"]["checks"][0] == {
        "summary": "host <host-1>",
        "data": {"user": "<user-1>"},
    }
    assert out["attachments"][0] == {
        "path": "<home>/Pictures/shot.png",
        "name": "shot.png",
        "size": 10,
    }
    assert out["redacted"] is True
    assert out["redactions"] == [
        {"kind": "username", "action": "placeholder", "count": 3},
        {"kind": "hostname", "action": "placeholder", "count": 3},
        {"kind": "email", "action": "placeholder", "count": 2},
        {"kind": "ip", "action": "placeholder", "count": 4},
        {"kind": "mac", "action": "placeholder", "count": 2},
        {"kind": "home", "action": "placeholder", "count": 1},
    ]


def test_reporter_contact_kept_even_if_caller_forgot() -> None:
    out = redact_json(sample_report(), make())
    assert out["reporter"]["contact"] == CONTACT
    assert CONTACT in out["steps"][0]["answer"]


def test_summary_order_and_actions() -> None:
    r = make({**DEFAULT_POLICY, "email": "remove", "ip": "keep"})
    r.text("8.8.8.8 a@b.org a@b.org password=hunter22 maija https://u:pwpwpw@h/")
    assert r.summary() == [
        {"kind": "url_credentials", "action": "remove", "count": 1},
        {"kind": "token", "action": "remove", "count": 1},
        {"kind": "username", "action": "placeholder", "count": 1},
        {"kind": "email", "action": "remove", "count": 2},
    ]


def test_canary_secret_leaves_no_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    """RELIABILITY: a canary in env, config and an answer appears in no string of the report."""
    canaries = ["CANARY-env-7f3a9c", "CANARY-ptr-1b2c3d", "CANARY-cfg-9e8d7c"]
    monkeypatch.setenv("FIXIT_TEST_API_TOKEN", canaries[0])
    monkeypatch.setenv("HOOK_SECRET_VAR", canaries[1])
    config = {
        "redaction": {"ip": "keep"},
        "submit": {
            "targets": {
                "hook": {"type": "webhook", "token_env": "HOOK_SECRET_VAR"},
                "mail": {"type": "email", "username": "fixit", "password": canaries[2]},
            }
        },
    }
    report = sample_report()
    report["steps"][0]["answer"] = f"my token is {canaries[0]}, glued{canaries[1]}glued"
    report["problem"]["error_message"] = f"SMTP auth failed for fixit:{canaries[2]}"
    report["checks"][0]["data"]["headers"] = {"X-Debug": f"key {canaries[1]}"}
    report["notes"].append({"text": f"https://fixit:{canaries[2]}@smtp.example.fi"})
    report["attachments"][0]["path"] = f"/tmp/{canaries[0]}.log"
    redactor = make(validate_policy(config["redaction"]), secrets=secret_values(os.environ, config))
    dumped = json.dumps(redact_json(report, redactor))
    for canary in canaries:
        assert canary not in dumped
        assert canary[7:] not in dumped
    kinds = {e["kind"] for e in redactor.summary()}
    assert "known_secret" in kinds


# --- hostile text ------------------------------------------------------------------------------


def test_hostile_text_never_crashes() -> None:
    r = make()
    samples = [
        "\x00\x1b[31m\u202e\x9b" * 2500,
        "[bold]x[/bold] [/x] <script>alert(1)</script> " * 250,
        "a" * 10_000,
        "\udcff lone surrogate maija \ud800",
        "password=" + "\x1b" * 10_000,
    ]
    for s in samples:
        assert isinstance(r.text(s), str)
    assert "\x1b[31m" in r.text(samples[0])  # only replaced, never otherwise escaped
    make(secrets=["bad\udcffsurrogate"]).text("x")


ADVERSARIAL = [
    "a" * 100_000,
    " " * 100_000,
    "1." * 50_000,
    "1:" * 50_000,
    "ab:" * 33_000,
    "a@" * 50_000,
    "a.b@c." * 16_000,
    "-----BEGIN PRIVATE KEY-----" * 3_700,
    "https://" * 12_500,
    "https://a:" * 10_000,
    "password" * 12_500,
    'password="' * 10_000,
    '"password": "' + "\\" * 100_000,
    "Authorization:" * 7_000,
    "Bearer " * 14_000,
    "Bearer " + "a" * 100_000,
    "Basic " + "QUFB" * 25_000,
    "ghp_" * 25_000,
    "eyJaaaaaaaaa." * 7_500,
    "2001:" * 20_000,
    "aa-" * 33_000,
    "a-" * 50_000,
    "<user-1>" * 12_500,
    "maija-laptop maija@x.fi 8.8.8.8 aa:bb:cc:dd:ee:ff /home/maija/ " * 1_600,
    "…" * 100_000,
    "a…" * 50_000,
    ("x" * 159 + "…") * 600,
    "CANARY-a…" * 11_000,
    "maij…" * 20_000,
    "https://a:b…" * 8_000,
    ("1.2." * 40 + "…") * 600,
    ("a@" * 80 + "…") * 600,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_input_is_linear(text: str) -> None:
    r = make(secrets=["CANARY-abc123"])
    start = time.perf_counter()
    r.text(text)
    assert time.perf_counter() - start < 1.0


def test_mapping_keys_are_redacted_too() -> None:
    r = Redactor(DEFAULT_POLICY, user="maija", home="/home/maija", hostnames=["maija-laptop"])
    out = r.apply(
        {"reachable": {"81.2.69.160:8080": "open", "maija-laptop:3128": "open", "10.0.0.1": 1}}
    )
    assert set(out["reachable"]) == {"<ip-1>:8080", "<host-1>:3128", "10.0.0.1"}


# --- text shortened before it reached the redactor ---------------------------------------------

CUT_ITEMS = [  # (text, where its private part starts, how much shows its shape)
    ("liisa.virtanen@example.org", 0, 15),  # once the `@` is in
    ("GHP_TOKEN", 0, 4),
    ("https://liisa:Pa55word@portal.example.org/x", 8, 14),  # user and `:`
    ("CANARY-abc123xyz", 0, 4),
    ("Authorization: Bearer abcdef0123456789", 22, 25),
    ("Bearer abcdef0123456789", 7, 10),
    ("81.2.69.160", 0, 6),  # three parts
    ("aa:bb:cc:dd:ee:ff", 0, 6),  # three groups
    ("maija-laptop", 0, 3),
    ("/home/maija/plans.txt", 6, 8),
]


@pytest.mark.parametrize(("typed", "start", "shape"), CUT_ITEMS, ids=[i[0][:14] for i in CUT_ITEMS])
def test_a_piece_cut_short_before_redaction_is_hidden_whole(
    typed: str, start: int, shape: int
) -> None:
    """A check's error text is clipped where it is made, long before a report is redacted: once
    a piece shows what it begins, none of its private part is left."""
    from fixit.textsafe import clip

    typed = typed.replace("GHP_TOKEN", GHP)
    for cut in range(shape, len(typed) + 1):
        text = clip("error: " + typed + " and more", len("error: ") + cut + 1)
        out = make(secrets=["CANARY-abc123xyz"]).text(text)
        private = typed[start:cut]
        assert private not in out, (cut, out)


@pytest.mark.parametrize(
    "text",
    [
        "version 3.1…",  # two parts: a version, not an address
        "gateway 192.168.1…",  # private
        "see the manual for mor…",
        "written to /home/…",  # the home folder's parent says nothing
        "reply to tuki.helpdesk@exa…",  # the reporter's own contact is kept
        "Restarting the desktop…",  # a whole word that only begins the host's name
    ],
)
def test_ordinary_cut_text_is_left(text: str) -> None:
    r = make(keep_emails=["tuki.helpdesk@example.fi"], hostnames=["desktop-7h2k9"])
    assert r.text(text) == text
    assert r.summary() == []


def test_cut_pieces_are_counted_and_numbered_by_kind() -> None:
    r = make(secrets=["CANARY-abc123xyz"])
    got = r.text("a liisa@exam… b https://u:pw… c CANARY-ab… d 81.2.69… e maij…")
    assert got == "a <email-1>… b https://<secret>… c <secret>… d <ip-1>… e <user-1>…"
    kinds = {e["kind"]: e["count"] for e in r.summary()}
    assert kinds == {
        "url_credentials": 1,
        "known_secret": 1,
        "username": 1,
        "email": 1,
        "ip": 1,
    }
