"""``sitrep serve``: the analyst's web page over a store; reviews are taken on loopback only."""
from __future__ import annotations

import ipaddress

import typer

from sitrep.cli.app import app, db_option, err, fail


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8765, "--port", help="TCP port."),
    read_only: bool = typer.Option(False, "--read-only", help="Take no reviews (always so off loopback)."),
) -> None:
    """Serve the map, timeline, incident table, review and document view; JSON twins under /api/.

    Example: sitrep serve --db conflict.duckdb --port 8765
    """
    import uvicorn

    from sitrep.errors import StoreError
    from sitrep.io.store import Store
    from sitrep.web.app import LOOPBACK, create_app

    try:
        Store(db, read_only=True).close()  # one line now for a missing, foreign or locked database
    except StoreError as e:
        fail(str(e))
    local = is_loopback(host)
    writable = local and not read_only
    try:
        web = create_app(db, writable=writable, hosts=LOOPBACK if local else LOOPBACK | {host.lower()})
    except Exception as e:  # a lock held by another process, a file we may not write
        fail(f"cannot open {db}{' for reviews' if writable else ''}: {str(e).splitlines()[0]}"
             + (" (or pass --read-only)" if writable else ""))
    mode = "reviews on" if writable else "read-only"
    err.print(f"sitrep: serving {db} on http://{host}:{port}/  ({mode}; API: http://{host}:{port}/api)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
