"""The bounded TCP connect shared by network.gateway and network.proxy: loopback sockets only."""

from __future__ import annotations

import time

from fixit.diagnostics.tcp import tcp_probe


def test_tcp_probe_open_refused_and_silent(listening: int, closed: int, silent: int) -> None:
    assert tcp_probe("127.0.0.1", listening, 2.0) == "open"
    assert tcp_probe("127.0.0.1", closed, 2.0) == "refused"
    started = time.monotonic()
    assert tcp_probe("127.0.0.1", silent, 0.3) == "no answer"
    assert time.monotonic() - started < 5.0


def test_tcp_probe_unknown_host() -> None:
    assert tcp_probe("no-such-host.invalid", 80, 1.0) in ("unknown host", "no answer")
