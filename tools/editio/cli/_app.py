"""The typer application shared by every command module, and the guard that turns errors into exit codes."""

from __future__ import annotations

import errno
import functools
import signal
import sys
import threading

import typer

from ..errors import EditioError

app = typer.Typer(
    name="editio",
    help=(
        "editio: build a TEI-XML scholarly edition.\n\n"
        "Example: editio convert seeds/*.txt --out tei/ && editio validate tei/ && editio build --web --print"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _commands() -> None:
    # always a group of commands: typer runs the only registered command as the program itself, and
    # `editio validate ...` imports only the validate command (see cli/__init__.py)
    pass


def guarded(func):
    """Run a command so that input errors print one line to stderr and exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            # a terminated command unwinds like an interrupted one: temporary files and staging
            # folders are removed on the way out (see outdir)
            signal.signal(signal.SIGTERM, _terminated)
        try:
            return func(*args, **kwargs)
        except EditioError as exc:
            print(str(exc), file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            # the last resort for a file operation no stage turned into an EditioError
            where = f"{exc.filename}: " if exc.filename else ""
            verb = "cannot write" if exc.errno in _WRITE_ERRORS else "cannot read or write"
            print(f"{where}error: {verb}: {exc.strerror or exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            raise typer.Exit(130) from None

    return wrapper


_WRITE_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


def _terminated(signum, frame):
    raise KeyboardInterrupt


def finish(reporter, output_format: str = "text") -> None:
    """End a command: warnings were printed (or put in its JSON); --strict turns them into exit 1."""
    code = reporter.exit_code
    if code:
        if output_format != "json":
            print(f"{len(reporter)} warning(s); failing because of --strict" if reporter.strict else
                  "errors reported", file=sys.stderr)
        raise typer.Exit(code)
