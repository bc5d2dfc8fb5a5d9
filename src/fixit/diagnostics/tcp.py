"""Bounded TCP connects and the small helpers the network checks share."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence

from fixit.diagnostics.result import CheckResult, errored
from fixit.i18n import Msg

TEXT_MAX = 200
ANSWERED = ("open", "refused")  # a refusal is an answer: the host is there
Connect = Callable[[str, int, float], str]


def short(value: object) -> str:
    """Machine text as a string of at most TEXT_MAX characters."""
    return str(value)[:TEXT_MAX]


def failed(cid: str, summary: Msg, exc: BaseException, started: float) -> CheckResult:
    """An `error` result whose reason names the exception, with credentials masked."""
    text = re.sub(r"\S*@", "***@", f"{type(exc).__name__}: {exc}")  # never echo credentials
    return errored(cid, summary, text[:500], time.monotonic() - started)


def tcp_probe(host: str, port: int, timeout: float) -> str:
    """Connect once: open, refused, no answer, unreachable, unknown host or error."""
    import errno
    import socket

    names = ("ENETUNREACH", "EHOSTUNREACH", "WSAENETUNREACH", "WSAEHOSTUNREACH")
    unreachable = {getattr(errno, n) for n in names if hasattr(errno, n)}
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return "open"
    except ConnectionRefusedError:
        return "refused"
    except TimeoutError:
        return "no answer"
    except socket.gaierror:
        return "unknown host"
    except OSError as exc:
        return "unreachable" if exc.errno in unreachable else "error"


def probe_all(
    connect: Connect, targets: Sequence[tuple[str, int]], timeout: float, early: bool
) -> dict[tuple[str, int], str]:
    """Connect to every target in parallel daemon threads; never waits past `timeout`."""
    import queue

    inbox: queue.Queue[tuple[tuple[str, int], str]] = queue.Queue()

    def one(target: tuple[str, int]) -> None:
        try:
            outcome = connect(target[0], target[1], timeout)
        except Exception:  # a probe that raises is a probe that did not get an answer
            outcome = "error"
        inbox.put((target, outcome))

    for target in targets:
        threading.Thread(target=one, args=(target,), name="fixit-connect", daemon=True).start()
    deadline = time.monotonic() + timeout + 0.25
    found: dict[tuple[str, int], str] = {}
    while len(found) < len(targets):
        try:
            target, outcome = inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        found[target] = outcome
        if early and outcome in ANSWERED:
            return found
    return {t: found.get(t, "no answer") for t in targets}
