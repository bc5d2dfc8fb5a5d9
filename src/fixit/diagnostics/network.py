"""network.internet: can this machine reach the internet over HTTP(S)?"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Mapping
from typing import Any

from fixit.diagnostics.result import CheckResult

BODY_CAP = 64 * 1024


def bound_resolver() -> None:
    """glibc waits 10 s per DNS query by default; this must be set before the first lookup."""
    os.environ.setdefault("RES_OPTIONS", "timeout:1 attempts:1")


def probe_url(url: str, connect_timeout: float, read_timeout: float) -> dict[str, Any]:
    """Fetch a URL once with bounded connect and read, reading at most BODY_CAP bytes."""
    started = time.monotonic()
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    out: dict[str, Any] = {"url": url, "ok": False}
    try:
        conn: http.client.HTTPConnection
        if secure:
            conn = http.client.HTTPSConnection(
                host, port, timeout=connect_timeout, context=ssl.create_default_context()
            )
        else:
            conn = http.client.HTTPConnection(host, port, timeout=connect_timeout)
        try:
            conn.connect()
            if conn.sock is not None:
                conn.sock.settimeout(read_timeout)
            conn.request("GET", parts.path or "/", headers={"User-Agent": "fixit"})
            response = conn.getresponse()
            response.read(BODY_CAP)
            out.update(ok=True, status=response.status)
        finally:
            conn.close()
    except socket.gaierror:
        out["error"] = f"the name {host} does not resolve"
    except TimeoutError:
        out["error"] = f"no answer from {host} in time"
    except ssl.SSLError as exc:
        out["error"] = f"TLS failed with {host}: {exc.reason or exc}"
    except (OSError, http.client.HTTPException) as exc:
        out["error"] = f"{host}: {exc.__class__.__name__}: {exc}"
    out["seconds"] = round(time.monotonic() - started, 3)
    return out


def check_internet(params: Mapping[str, Any]) -> CheckResult:
    """Pass when any configured URL answers; probes run in parallel daemon threads."""
    bound_resolver()
    started = time.monotonic()
    urls = list(params["urls"])
    results: list[dict[str, Any]] = [{} for _ in urls]
    done = threading.Event()

    def run(i: int, url: str) -> None:
        results[i] = probe_url(url, float(params["connect_timeout"]), float(params["read_timeout"]))
        if results[i].get("ok") or all(results):
            done.set()

    for i, url in enumerate(urls):
        threading.Thread(target=run, args=(i, url), daemon=True).start()
    deadline = float(params["connect_timeout"]) + float(params["read_timeout"])
    done.wait(deadline)
    duration = time.monotonic() - started
    answered = [r for r in results if r.get("ok")]
    data = {
        "probes": [
            r or {"url": u, "ok": False, "error": "no answer in time"}
            for r, u in zip(results, urls, strict=True)
        ]
    }
    if any(r.get("status") in (200, 204) for r in answered):
        first = next(r for r in answered if r.get("status") in (200, 204))
        return CheckResult(
            "network.internet",
            "pass",
            f"{first['url']} answered in {first['seconds']:.2f} s",
            data,
            duration,
        )
    if answered:
        r = answered[0]
        return CheckResult(
            "network.internet",
            "warn",
            f"{r['url']} answered with status {r['status']}: a login page or proxy "
            "may be in the way",
            data,
            duration,
        )
    errors = [p.get("error", "no answer in time") for p in data["probes"]]
    return CheckResult(
        "network.internet", "fail", "no test address answered: " + errors[0], data, duration
    )
