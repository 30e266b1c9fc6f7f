"""The Typer application every command module registers on, and the one-line error path.

No input or environment makes a command print a Python traceback (issue 18): errors sitrep
expects are one line from :func:`fail`; anything else is caught in :func:`run` and printed as one
line too. ``sitrep --debug COMMAND`` or ``SITREP_DEBUG=1`` shows the traceback instead.
"""
from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

DEBUG_ENV = "SITREP_DEBUG"

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="sitrep: news reports about armed conflict -> a sourced, geolocated event dataset.")
err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        from sitrep import __version__

        sys.stdout.write(f"sitrep {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks of unexpected errors "
                                     f"(also {DEBUG_ENV}=1)."),
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    if debug:
        os.environ[DEBUG_ENV] = "1"


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit: for user mistakes, never a traceback.

    ``message`` is plain text (file names and input may hold ``[...]``, which is not Rich markup here).
    """
    err.print(Text.assemble(("error:", "red"), " ", message), soft_wrap=True)
    raise typer.Exit(code)


def say(kind: str, message: str, colour: str = "yellow") -> None:
    """One status line on stderr, ``KIND message``; the message is plain text, never markup."""
    err.print(f"[{colour}]{kind}[/{colour}] {escape(message)}", soft_wrap=True, highlight=False)


def check_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


DEFAULT_DB = "sitrep.duckdb"


def _existing_db(value: str) -> str:
    """``--db`` of a command that reads a store: a missing file is one line that says how to make it."""
    from pathlib import Path

    if not Path(value).exists():
        fix = (f"give the file sitrep ingest wrote with --db FILE, or create {value}: sitrep ingest PATH"
               if value == DEFAULT_DB else f"create it with: sitrep ingest PATH --db {value}")
        fail(f"{value}: no such database ({fix})")
    return value


def db_option(*, writes: bool = False):
    """The one ``--db`` option of every command (as sqlite-utils shares its option decorators): a store
    the command reads, which must exist, or (``writes``) the file ``ingest`` writes, made if missing."""
    if writes:
        return typer.Option(DEFAULT_DB, "--db", help="DuckDB file to write (created if missing).")
    return typer.Option(DEFAULT_DB, "--db", callback=_existing_db, help="DuckDB file written by sitrep ingest.")


def stdout_write(line: str) -> None:
    sys.stdout.write(line + "\n")


def run() -> None:
    """``sitrep``: run the command; an unexpected error is one line on stderr and exit status 1."""
    command = typer.main.get_command(app)
    try:
        command.main(prog_name="sitrep", standalone_mode=True)
    except Exception as e:  # noqa: BLE001  the last net: one line, the traceback only on request
        if debugging():
            raise
        err.print(Text.assemble(("error:", "red"), " ", one_line(e),
                                f" (run with sitrep --debug or {DEBUG_ENV}=1 for the Python traceback)"),
                  soft_wrap=True)
        sys.exit(1)


def one_line(e: BaseException) -> str:
    """An exception as one line: sitrep's own messages as they are, others with their type."""
    from sitrep.errors import SitrepError

    text = (str(e).strip().splitlines() or [""])[0]
    if isinstance(e, SitrepError):
        return text
    if isinstance(e, OSError) and e.strerror:
        return f"{e.filename + ': ' if e.filename else ''}{e.strerror}"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
