"""SIGTERM and SIGHUP become exceptions, so the session is saved and the terminal restored."""

from __future__ import annotations

import errno
import signal
import sys
from types import FrameType

from fixit.errors import ExitCode, Interrupted

received: ExitCode | None = None


def install() -> None:
    """Turn SIGTERM and SIGHUP into `Interrupted` (exit 143 / 129) instead of a silent death."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _raise_interrupt)


def hangup_code(exc: OSError) -> ExitCode | None:
    """The exit code when an I/O error means the terminal went away (or a signal is arriving)."""
    if received is not None:
        return received
    return ExitCode.SIGHUP if exc.errno == errno.EIO else None


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    global received
    code = ExitCode.SIGTERM if signum == signal.SIGTERM else ExitCode.SIGHUP
    received = code
    app = _running_prompt()
    if app is not None:
        # Raised inside an event-loop callback, the exception would be swallowed by asyncio's
        # exception handler and the prompt would carry on: end the prompt with it instead.
        try:
            app.loop.call_soon_threadsafe(_exit_prompt, app, code)  # type: ignore[attr-defined]
            return
        except (AttributeError, RuntimeError):
            pass
    raise Interrupted(code)


def _running_prompt() -> object | None:
    """The prompt_toolkit application on screen, if a prompt is open (without importing it)."""
    module = sys.modules.get("prompt_toolkit.application.current")
    if module is None:
        return None
    app = module.get_app_or_none()
    return app if app is not None and app.is_running and app.loop is not None else None


def _exit_prompt(app: object, code: ExitCode) -> None:
    try:
        app.exit(exception=Interrupted(code))  # type: ignore[attr-defined]
    except Exception:  # already exiting: the prompt ends anyway; report the signal
        raise Interrupted(code) from None


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP become exceptions, so the session is saved and the terminal restored."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _raise_interrupt)
