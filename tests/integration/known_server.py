"""A loopback HTTP server for the known-problem feeds' tests: routes that answer with a body
and its validators (ETag, Last-Modified, 304 when they match), hang, drip, redirect or are
too large; every request is logged with its headers."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the server stops)
    drip: float = 0.0  # seconds between the body's bytes
    length: int | None = None  # Content-Length to claim (None: the body's)
    chunked: bool = False  # HTTP/1.1 chunked transfer encoding, no Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Feeds:
    """The routes, the requests seen, and the base URL of the server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.stop = threading.Event()
        self.url = ""

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        self.log.append(Request(handler.path, dict(handler.headers.items())))
        route = self.routes.get(handler.path)
        if route is None:
            handler.send_error(404)
            return
        if route.hang:
            self.stop.wait(30)
            return
        validators = {"ETag": route.etag, "Last-Modified": route.last_modified}
        matched = (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
            route.last_modified
            and not route.etag
            and handler.headers.get("If-Modified-Since") == route.last_modified
        )
        if route.chunked:
            handler.protocol_version = "HTTP/1.1"
            handler.close_connection = True
        handler.send_response(304 if matched else route.status)
        for name, value in {**validators, **route.headers}.items():
            if value is not None:
                handler.send_header(name, value)
        if matched:
            handler.end_headers()
            return
        if route.chunked:
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            for i in range(0, len(route.body), 1000):
                part = route.body[i : i + 1000]
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            handler.wfile.write(b"0\r\n\r\n")
            return
        handler.send_header("Content-Length", str(route.length or len(route.body)))
        handler.end_headers()
        self._body(handler, route)

    def _body(self, handler: BaseHTTPRequestHandler, route: Route) -> None:
        try:
            if not route.drip:
                handler.wfile.write(route.body)
                return
            for i in range(len(route.body)):
                if self.stop.wait(route.drip):
                    return
                handler.wfile.write(route.body[i : i + 1])
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up: that is what the test wanted


@contextmanager
def serve(context: ssl.SSLContext | None = None) -> Iterator[Feeds]:
    """A server on 127.0.0.1 in a thread for the test's length (HTTPS with `context`)."""
    feeds = Feeds()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feeds.answer(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if context is not None else "http"
    feeds.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield feeds
    finally:
        feeds.stop.set()
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: object, seconds: float = 5.0) -> None:
    """Wait until `predicate()` is true (a background write), at most `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not predicate():  # type: ignore[operator]
        time.sleep(0.02)
