"""``sitrep export``: write the store as ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet or JSON documents."""
from __future__ import annotations

from typing import Optional

import typer

from sitrep.cli.app import app, check_date, db_option, err, fail
from sitrep.errors import ConfigError, StoreError


@app.command("export")
def export_cmd(
    fmt: str = typer.Option(..., "--format", "-f", help="acled, plover, geojson, parquet or docs."),
    db: str = db_option(),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="File (acled/plover/geojson; default stdout) or folder "
                                              "(parquet; docs: folder or .zip)."),
    date_from: Optional[str] = typer.Option(None, "--from", callback=check_date, help="First day (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", callback=check_date, help="Last day (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 code of the place."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type (ASSAULT) or ACLED event type."),
    bbox: Optional[str] = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat"),
    force: bool = typer.Option(False, "--force", help="Replace an existing output."),
) -> None:
    """Export events (ACLED rows are incidents: run sitrep incidents first to fuse reports).

    Example: sitrep export --format acled --db conflict.duckdb --from 2022-04-01 --country UA -o april.csv
    """
    from sitrep.export import Filters, export, parse_bbox

    if date_from and date_to and date_from > date_to:
        fail(f"--from {date_from} is after --to {date_to}: the range is empty (swap them)")
    try:
        filters = Filters(date_from=date_from, date_to=date_to, country=country, type=type_, bbox=parse_bbox(bbox))
        stats = export(db, fmt, output, filters=filters, force=force)
    except (ConfigError, StoreError) as e:
        fail(str(e))
    err.print(f"{stats['rows']} rows -> {stats['output']} ({fmt})")
