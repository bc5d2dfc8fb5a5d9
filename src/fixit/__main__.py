"""Entry point: global options anywhere, signals, and the one error boundary."""

from __future__ import annotations

import os
import sys
import traceback

from fixit import signals
from fixit.errors import ExitCode, FixitError, Interrupted

GLOBAL_VALUED = ("--lang", "--trees", "--config")
GLOBAL_FLAGS = ("--no-color", "--debug")


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


def _error(message: str, hint: str = "", args: list[str] | None = None) -> None:
    from fixit.textsafe import visible

    try:
        from fixit.i18n.errors import error_language, translate

        lang = error_language(args or [])
        message, hint = translate(message, lang), translate(hint, lang)
    except Exception:  # the English text is still right: never lose an error to its translation
        pass
    try:
        sys.stderr.write(f"fixit: error: {visible(message)}\n")
        if hint:
            sys.stderr.write(f"hint: {visible(hint)}\n")
        sys.stderr.flush()
    except OSError:
        pass


def _crash_log(exc: BaseException) -> str:
    import datetime as dt
    import platform

    from fixit import __version__, paths, storage

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    body = (
        f"# fixit crash\n\n- version: {__version__}\n- python: {platform.python_version()}\n"
        f"- platform: {platform.platform()}\n- command: fixit {' '.join(sys.argv[1:])}\n\n"
        f"```\n{text}```\n"
    )
    folder = storage.private_dir(paths.state_dir() / "crash")
    path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.md"
    storage.write_atomic(path, body.encode())
    return str(path)


def main(argv: list[str] | None = None, handle_signals: bool = True) -> int:
    """Run fixit and return its exit code (never a traceback unless --debug)."""
    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    if handle_signals:
        signals.install()
    import typer

    from fixit.cli import app

    try:
        code = app(args=args, prog_name="fixit", standalone_mode=False)
        return int(code) if isinstance(code, int) else ExitCode.OK
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return ExitCode.SIGINT
    except typer.exceptions.TyperException as exc:  # click's usage errors, vendored by typer
        show = getattr(exc, "format_message", None)
        _error(show() if show else str(exc), "Run `fixit --help` or `fixit COMMAND --help`.", args)
        return ExitCode.USAGE
    except FixitError as exc:
        if debug:
            traceback.print_exc()
        _error(exc.message, exc.hint, args)
        return exc.code
    except Interrupted as exc:
        return exc.code
    except KeyboardInterrupt:
        return ExitCode.SIGINT
    except Exception as exc:
        if debug:
            traceback.print_exc()
        try:
            where = _crash_log(exc)
        except Exception:
            where = "(the crash log could not be written)"
        _error(
            f"fixit stopped unexpectedly ({exc.__class__.__name__}).",
            f"Please send the crash log to the fixit developers: {where}",
            args,
        )
        return ExitCode.INTERNAL


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
