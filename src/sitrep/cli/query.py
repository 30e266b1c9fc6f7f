"""``sitrep query``: run SQL against the store and print a table (or CSV/JSON)."""
from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitrep.cli.app import app, db_option, fail


@app.command()
def query(
    sql: str = typer.Argument(..., help="SQL to run (DuckDB dialect)."),
    db: str = db_option(),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json"),
) -> None:
    """Run one SELECT (read-only) against the database: documents, places, actors, quotes, dates, counts,
    events, failures, runs. Nothing outside the database is reachable (no ATTACH, COPY, read_csv).

    Example: sitrep query "SELECT type, count(*) FROM events GROUP BY 1" --db conflict.duckdb
    """
    import duckdb

    from sitrep.errors import StoreError
    from sitrep.export.formats import write_csv_rows
    from sitrep.io.store import Store

    if fmt not in ("table", "csv", "json"):
        fail(f"--format {fmt!r}: choose table, csv or json")
    try:
        with Store(db, read_only=True) as store:
            cols, rows = store.user_query(sql)
    except StoreError as e:
        fail(str(e))
    except duckdb.Error as e:
        fail(f"query failed: {(str(e).strip().splitlines() or [type(e).__name__])[0]}")
    if fmt == "csv":
        write_csv_rows(sys.stdout, cols, rows)
    elif fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps(dict(zip(cols, r)), default=str, ensure_ascii=False) + "\n")
    else:
        t = Table(*cols)
        for r in rows:
            t.add_row(*(escape("" if v is None else str(v)) for v in r))
        Console().print(t)
