"""The feed fetcher's rules that need no server: which redirects stay on the configured host,
how a host is named in messages (never a path or query), and which validators are kept."""

from __future__ import annotations

import pytest

from fixit.known.fetch import _header, host_of, same_site


@pytest.mark.parametrize(
    ("target", "same"),
    [
        ("https://status.example.fi/other.json", True),
        ("https://status.example.fi:443/x", True),
        ("http://status.example.fi/x", False),  # never down from https
        ("https://status.example.fi:8443/x", False),
        ("https://evil.example/x", False),
        ("https://status.example.fi.evil.example/x", False),
        ("https://user:pw@status.example.fi/x", False),
        ("https://[::1/x", False),
    ],
)
def test_a_redirect_stays_on_the_configured_host_and_port(target: str, same: bool) -> None:
    assert same_site("https://status.example.fi/api/v2/summary.json", target) is same


def test_http_may_become_https_on_the_same_host_only() -> None:
    assert same_site("http://status.example.fi/s.json", "https://status.example.fi/s.json")
    assert not same_site("http://status.example.fi/s.json", "https://status.example.fi:8443/s")
    assert not same_site("http://status.example.fi:8080/s.json", "http://status.example.fi/s")


def test_a_host_is_named_without_path_query_or_controls() -> None:
    assert host_of("https://s.example.fi:8443/x?token=canary") == "s.example.fi:8443"
    assert host_of("https://s.example.fi/x") == "s.example.fi"
    assert host_of("http://[::1") == "?"


@pytest.mark.parametrize(
    ("value", "kept"),
    [('"v1"', '"v1"'), ('W/"x"', 'W/"x"'), ("x" * 600, None), ('"\x1b"', None), ("ä", None)],
)
def test_only_a_plain_short_validator_is_kept(value: str, kept: str | None) -> None:
    assert _header(value) == kept
