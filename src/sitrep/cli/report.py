"""``sitrep report``: a self-contained HTML situation report (and its Markdown twin)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from sitrep.cli.app import app, check_date, db_option, err, fail


@app.command()
def report(
    db: str = db_option(),
    date_from: str = typer.Option(..., "--from", callback=check_date, help="First day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", callback=check_date, help="Last day (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 code."),
    output: str = typer.Option("sitrep-report.html", "--output", "-o",
                               help="HTML file; the Markdown goes beside it (.md)."),
    top: int = typer.Option(10, "--top", help="Incidents to detail."),
    force: bool = typer.Option(False, "--force", help="Replace existing files."),
) -> None:
    """Write counts by day and region, a map and the top incidents with their sources and claims.

    Example: sitrep report --db conflict.duckdb --from 2022-04-01 --to 2022-04-07 --country UA -o sitrep.html
    """
    from sitrep.errors import ConfigError, StoreError
    from sitrep.report import write_report

    if date_from > date_to:
        fail(f"--from {date_from} is after --to {date_to}: the range is empty (swap them)")
    html_path, md_path = Path(output), Path(output).with_suffix(".md")
    if html_path == md_path:
        fail(f"{output}: give the HTML file a .html name (the Markdown goes beside it as .md)")
    try:
        stats = write_report(db, html_path, md_path, date_from=date_from, date_to=date_to, country=country,
                             top=top, force=force)
    except (ConfigError, StoreError) as e:
        fail(str(e))
    err.print(f"{stats['events']} events, {stats['incidents']} incidents -> {html_path}, {md_path}")
