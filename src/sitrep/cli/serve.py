"""``sitrep serve``: the analyst's web page over a store (read-only)."""
from __future__ import annotations

import typer

from sitrep.cli.app import app, err, fail


@app.command()
def serve(
    db: str = typer.Option("sitrep.duckdb", "--db", help="DuckDB file written by sitrep ingest."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8765, "--port", help="TCP port."),
) -> None:
    """Serve the map, timeline, table and document view; JSON twins under /api/.

    Example: sitrep serve --db conflict.duckdb --port 8765
    """
    import uvicorn

    from sitrep.errors import StoreError
    from sitrep.io.store import Store
    from sitrep.web.app import create_app

    try:
        Store(db, read_only=True).close()  # one line now for a missing, foreign or locked database
    except StoreError as e:
        fail(str(e))
    err.print(f"sitrep: serving {db} on http://{host}:{port}/  (API: http://{host}:{port}/api)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
