"""The Typer application every command module registers on."""
from __future__ import annotations

import sys

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="sitrep: news reports about armed conflict -> a sourced, geolocated event dataset.")
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit: for user mistakes, never a traceback."""
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    raise typer.Exit(code)


def check_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def stdout_write(line: str) -> None:
    sys.stdout.write(line + "\n")


def _version(value: bool) -> None:
    if value:
        from sitrep import __version__

        stdout_write(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """sitrep: news reports about armed conflict -> a sourced, geolocated event dataset."""
