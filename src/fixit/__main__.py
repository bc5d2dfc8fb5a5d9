"""Entry point: global options anywhere, signals, and the one error boundary."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from typing import TYPE_CHECKING

from fixit import signals
from fixit.errors import ExitCode, FixitError, Interrupted
from fixit.i18n import Msg, _

if TYPE_CHECKING:
    import typer

GLOBAL_VALUED = ("--lang", "--trees", "--config")
GLOBAL_FLAGS = ("--no-color", "--plain", "--debug")


def hoist_globals(argv: list[str]) -> list[str]:
    """Move global options to the front so they work before or after the command name."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_VALUED:
            if "=" in arg:
                front.append(arg)
            else:
                front += argv[i : i + 2]
                i += 1
        elif arg in GLOBAL_FLAGS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _error(message: Msg | str, hint: Msg | None = None, args: list[str] | None = None) -> None:
    """`fixit: error:` and `hint:` in the run's language (English when anything about the
    language fails: an error is never lost to its translation)."""
    from fixit.textsafe import visible

    text, help_text = str(message), str(hint or "")
    try:
        from fixit.context import error_language
        from fixit.i18n import localized

        lang = error_language(language_hint(args or []))  # the same choice as the warnings
        text, help_text = localized(message, lang), localized(hint or "", lang)
    except Exception:  # the English text is still right
        pass
    try:
        sys.stderr.write(_fit(f"fixit: error: {visible(text)}"))
        if help_text:
            sys.stderr.write(_fit(f"hint: {visible(help_text)}"))
        sys.stderr.flush()
    except OSError:
        pass


def language_hint(args: list[str]) -> str:
    """The language asked for before the configuration is read: --lang, FIXIT_LANG, the locale."""
    from fixit.i18n import LANGUAGES, detect_language

    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else ""
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGUAGES:
            return value
    env = os.environ.get("FIXIT_LANG")
    return detect_language(env if env in LANGUAGES else None)


def _fit(line: str) -> str:
    """On a terminal, the line broken between words to its width (a long path stays whole);
    elsewhere one line, for scripts and logs."""
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return line + "\n"
    import shutil

    from fixit.term import wrap_words

    width = max(20, shutil.get_terminal_size().columns - 1)
    return "\n".join(wrap_words(line, width, "  ") or [line]) + "\n"


def _traceback(exc: BaseException, args: list[str]) -> str:
    """The traceback with every secret fixit knows masked: an exception's words can quote a
    server's answer or a URL with its secret path. Unmaskable, only the frames and the kind."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        from fixit.flows.crash import secrets_for_crash_log

        return secrets_for_crash_log(args).scrub(text)
    except Exception:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        return f"Traceback (most recent call last):\n{frames}{type(exc).__name__}\n"


def _crash_log(text: str) -> str:
    import datetime as dt
    import platform

    from fixit import __version__, paths, storage

    body = (
        f"# fixit crash\n\n- version: {__version__}\n- python: {platform.python_version()}\n"
        f"- platform: {platform.platform()}\n- command: fixit {' '.join(sys.argv[1:])}\n\n"
        f"```\n{text}```\n"
    )
    folder = storage.private_dir(paths.state_dir() / "crash")
    path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.md"
    storage.write_atomic(path, body.encode())
    return str(path)


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's last flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real descriptor (a test's captured stream): nothing to flush
        pass


def main(argv: list[str] | None = None, handle_signals: bool = True) -> int:
    """Run fixit and return its exit code (never a traceback unless --debug)."""
    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    if handle_signals:
        signals.install()
    from fixit.cli import app
    from fixit.context import CURRENT

    CURRENT.clear()  # a run in the same process (the tests') starts without the last one's context
    from fixit.context import error_language
    from fixit.permissions import warnings_in

    hint = language_hint(args)
    warnings_in(lambda: error_language(hint))  # the language is decided here, once, for both
    try:
        return _run(app, args, debug)
    finally:
        warnings_in(None)  # a later run in this process (the tests') decides its own


def _run(app: typer.Typer, args: list[str], debug: bool) -> int:
    """The command, and every way it can end, as an exit code."""
    import typer

    try:
        code = app(args=args, prog_name="fixit", standalone_mode=False)
        return int(code) if isinstance(code, int) else ExitCode.OK
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return ExitCode.SIGINT
    except typer.exceptions.TyperException as exc:  # click's usage errors, vendored by typer
        show = getattr(exc, "format_message", None)
        _error(
            show() if show else str(exc), _("Run `fixit --help` or `fixit COMMAND --help`."), args
        )
        return ExitCode.USAGE
    except FixitError as exc:
        if debug:
            traceback.print_exc()
        _error(exc.message, exc.hint, args)
        return exc.code
    except Interrupted as exc:
        return exc.code
    except BrokenPipeError as exc:  # `fixit … | head`: what was read was delivered
        return _pipe_closed(exc, debug, args)
    except SystemExit as exc:  # click turns any EPIPE into a silent exit 1 of its own
        cause = exc.__context__
        if isinstance(cause, OSError) and cause.errno == errno.EPIPE:
            return _pipe_closed(cause, debug, args)
        raise
    except KeyboardInterrupt:
        return ExitCode.SIGINT
    except Exception as exc:
        return _crashed(exc, debug, args)


def _crashed(exc: BaseException, debug: bool, args: list[str]) -> int:
    """An unexpected error: a crash log, one line naming it, exit 3."""
    text = _traceback(exc, args)
    if debug:
        sys.stderr.write(text)
    where: Msg | str
    try:
        where = _crash_log(text)
    except Exception:
        where = _("(the crash log could not be written)")
    _error(
        _("fixit stopped unexpectedly ({kind}).", kind=exc.__class__.__name__),
        _("Please send the crash log to the fixit developers: {where}", where=where),
        args,
    )
    return ExitCode.INTERNAL


def _pipe_closed(exc: OSError, debug: bool, args: list[str]) -> int:
    """Exit 0 when stdout's reader left, as git and ls end; another broken pipe is a crash."""
    if not _stdout_closed():
        return _crashed(exc, debug, args)
    _silence_stdout()
    return ExitCode.OK


def _stdout_closed() -> bool:
    """Whether stdout is a pipe whose reader has gone (poll says so; elsewhere assume it)."""
    import select

    if not hasattr(select, "poll"):
        return True
    try:
        poller = select.poll()
        poller.register(sys.__stdout__.fileno() if sys.__stdout__ else 1, select.POLLOUT)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (OSError, ValueError):
        return True


def entry() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the terminal is gone (SIGHUP): Python's own final flush would exit 120
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
