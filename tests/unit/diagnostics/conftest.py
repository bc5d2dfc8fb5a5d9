"""Loopback sockets for the network check tests: listening, refusing and silent ports."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from fixit.diagnostics.tcp import tcp_probe


@pytest.fixture
def listening() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections."""
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(8)
        yield srv.getsockname()[1]


@pytest.fixture
def closed() -> int:
    """A port on 127.0.0.1 where nothing listens: connects are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def silent() -> Iterator[int]:
    """A listener whose backlog is full, so the kernel drops new SYNs: no answer at all."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(0)
    port = srv.getsockname()[1]
    fill = []
    for _ in range(8):
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(("127.0.0.1", port))
        fill.append(c)
        time.sleep(0.02)
    try:
        if tcp_probe("127.0.0.1", port, 0.3) != "no answer":
            pytest.skip("this kernel does not drop SYNs to a full backlog")
        yield port
    finally:
        for c in fill:
            c.close()
        srv.close()


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real checks may only reach loopback: any other address gets no answer, untouched."""

    def guarded(host: str, port: int, timeout: float) -> str:
        if host.split("%")[0] in ("127.0.0.1", "::1", "localhost"):
            return tcp_probe(host, port, timeout)
        return "no answer"

    monkeypatch.setattr("fixit.diagnostics.gateway.tcp_probe", guarded)
    monkeypatch.setattr("fixit.diagnostics.proxy.tcp_probe", guarded)
