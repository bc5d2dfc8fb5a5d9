"""network.proxy: fake settings and connects, loopback sockets only, credentials never shown."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Mapping

import pytest

from fixit.diagnostics.proxy import PROXY_MAX, ProxyProbe, _system_extras, check_proxy, redact_url
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import STATUSES, CheckResult
from fixit.diagnostics.runner import ThreadRunner
from fixit.diagnostics.tcp import tcp_probe
from tests.unit.diagnostics.said import said

SECRET = "s3cr3t-pa55"


def well_formed(result: CheckResult, status: str) -> None:
    assert result.status == status, result
    assert result.text("en") and result.text("fi")
    if status in ("error", "skipped"):
        assert str(result.reason)
    json.dumps(result.to_json())


def leaks(result: CheckResult) -> bool:
    return SECRET in json.dumps(result.to_json(), ensure_ascii=False)


def proxy(
    proxies: Mapping[str, str],
    extras: Mapping[str, str] | None = None,
    connect: Callable[[str, int, float], str] | None = None,
) -> ProxyProbe:
    return ProxyProbe(lambda: proxies, lambda: extras or {}, connect or tcp_probe)


def test_proxy_pass_without_a_proxy() -> None:
    result = check_proxy({}, proxy({}))
    well_formed(result, "pass")
    assert said(result) == {"en": "no proxy", "fi": "ei välityspalvelinta"}


def test_proxy_pass_hides_credentials(listening: int) -> None:
    url = f"http://alice:{SECRET}@127.0.0.1:{listening}"
    result = check_proxy({}, proxy({"http": url, "https": url, "no": "localhost,.corp"}))
    well_formed(result, "pass")
    where = f"127.0.0.1:{listening}"
    assert result.text("en") == f"proxy {where} (http, https)"
    assert result.text("fi") == f"välityspalvelin {where} (http, https)"
    assert result.data["proxies"]["http"] == f"http://***@{where}"
    assert result.data["bypass"] == "localhost,.corp"
    assert result.data["reachable"] == {where: "open"}
    assert not leaks(result)


def test_proxy_warn_when_it_refuses_and_hides_credentials(closed: int) -> None:
    url = f"alice:{SECRET}@127.0.0.1:{closed}"  # no scheme, as env variables often are
    result = check_proxy({}, proxy({"https": url}))
    well_formed(result, "warn")
    assert result.text("en") == f"proxy 127.0.0.1:{closed} does not answer"
    assert result.text("fi") == f"välityspalvelin 127.0.0.1:{closed} ei vastaa"
    assert not leaks(result)


def test_proxy_warn_when_it_is_silent(silent: int) -> None:
    started = time.monotonic()
    result = check_proxy({}, proxy({"http": f"http://127.0.0.1:{silent}"}))
    well_formed(result, "warn")
    assert result.data["reachable"] == {f"127.0.0.1:{silent}": "no answer"}
    assert time.monotonic() - started < 5.0


def test_proxy_warn_for_an_invalid_address() -> None:
    def never(host: str, port: int, timeout: float) -> str:
        raise AssertionError("no connect for an invalid address")

    result = check_proxy({}, proxy({"http": f"http://u:{SECRET}@proxy:99999"}, connect=never))
    well_formed(result, "warn")
    assert result.data["reachable"] == {"invalid (http)": "invalid"}
    assert str(result.summary) == "the proxy setting for http is not a valid address"
    assert not leaks(result)


def test_proxy_ipv6_and_socks(listening: int) -> None:
    seen: list[tuple[str, int]] = []

    def connect(host: str, port: int, timeout: float) -> str:
        seen.append((host, port))
        return "open"

    result = check_proxy(
        {}, proxy({"all": "socks5://[::1]", "ftp": "http://[::1]:3128"}, connect=connect)
    )
    well_formed(result, "pass")
    assert sorted(seen) == [("::1", 1080), ("::1", 3128)]
    assert set(result.data["reachable"]) == {"[::1]:1080", "[::1]:3128"}


def test_proxy_connects_are_bounded() -> None:
    seen: list[int] = []

    def connect(host: str, port: int, timeout: float) -> str:
        seen.append(port)
        assert timeout <= 1.0
        return "open"

    many = {f"s{i}": f"http://127.0.0.1:{9000 + i}" for i in range(20)}
    result = check_proxy({}, proxy(many, connect=connect))
    well_formed(result, "pass")
    assert len(seen) == PROXY_MAX


def test_proxy_pac_only_hides_its_query() -> None:
    pac = f"http://wpad.corp/proxy.pac?token={SECRET}"
    result = check_proxy({}, proxy({}, {"pac": pac, "bypass": "<local>"}))
    well_formed(result, "pass")
    assert result.text("en") == "automatic configuration http://wpad.corp/proxy.pac?***"
    assert result.text("fi") == "automaattinen määritys http://wpad.corp/proxy.pac?***"
    assert result.data["bypass"] == "<local>"
    assert not leaks(result)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://proxy:8080", "http://proxy:8080"),
        (f"http://bob:{SECRET}@proxy:8080", "http://***@proxy:8080"),
        (f"http://bob:{SECRET}/x@y@proxy:8080/", "http://***@proxy:8080/"),
        (f"bob:{SECRET}@proxy:8080", "***@proxy:8080"),
        (f"socks5h://{SECRET}@proxy", "socks5h://***@proxy"),
        (f"http://proxy/p.pac?key={SECRET}", "http://proxy/p.pac?***"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize("where", ["proxies", "extras"])
def test_proxy_error_when_settings_cannot_be_read(where: str) -> None:
    def boom() -> Mapping[str, str]:
        raise OSError(f"cannot parse http://bob:{SECRET}@proxy:8080")

    probe = ProxyProbe(
        boom if where == "proxies" else dict,
        boom if where == "extras" else dict,
        lambda h, p, t: "open",
    )
    result = check_proxy({}, probe)
    well_formed(result, "error")
    assert "OSError" in str(result.reason)
    assert not leaks(result) and SECRET not in str(result.reason)


def test_proxy_real_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, listening: int
) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ftp_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("https_proxy", f"http://carol:{SECRET}@127.0.0.1:{listening}")
    monkeypatch.setenv("no_proxy", "localhost")
    result = check_proxy({})
    well_formed(result, "pass")
    assert result.data["proxies"] == {"https": f"http://***@127.0.0.1:{listening}"}
    assert result.data["bypass"] == "localhost"
    assert not leaks(result)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="system extras are empty elsewhere")
def test_system_extras_are_empty_on_linux() -> None:
    assert _system_extras() == {}


# --- the real machine -------------------------------------------------------------------------


@pytest.mark.usefixtures("loopback_only")
def test_smoke_real_machine() -> None:
    cid = "network.proxy"
    result = ThreadRunner().run([cid])[cid]
    assert result.status in STATUSES
    assert result.text("en") and result.text("fi")
    json.dumps(result.to_json())
    assert result.duration < CHECKS[cid].timeout
