"""Exit codes and the exception classes that carry them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fixit.i18n import Msg


class ExitCode(enum.IntEnum):
    """The documented exit codes of fixit (SPEC §2)."""

    OK = 0
    USER_ERROR = 1
    USAGE = 2
    INTERNAL = 3
    NEEDS_TERMINAL = 4
    SIGHUP = 129
    SIGINT = 130
    SIGTERM = 143


class FixitError(Exception):
    """An error a user can meet: one sentence of cause, one of what to do.

    Both are messages not yet in a language (`_("…", value=…)`); `str(error)` is English, for
    logs and files, and the error boundary shows them in the user's language."""

    code: ExitCode = ExitCode.USER_ERROR

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


class UsageError(FixitError):
    """The command line was wrong."""

    code = ExitCode.USAGE


class TreeError(FixitError):
    """A tree could not be loaded or did not validate."""


class ConfigError(FixitError):
    """The configuration could not be read or is invalid."""


class SessionError(FixitError):
    """A session could not be found, locked or read."""


class StorageError(FixitError):
    """The state directory or a file in it could not be written."""


class NeedsTerminalError(FixitError):
    """An interactive prompt was needed but stdin is not a terminal."""

    code = ExitCode.NEEDS_TERMINAL


class MissingAnswerError(NeedsTerminalError):
    """An answer file has no answer for a node the run reached."""


class Interrupted(BaseException):
    """The user or the system stopped the program; carries the exit code.

    Not an Exception, as KeyboardInterrupt is not: a handler that turns failures into a result
    (`except Exception` around a send or a check) must never turn SIGTERM into one."""

    def __init__(self, code: ExitCode) -> None:
        super().__init__(code.name)
        self.code = code
