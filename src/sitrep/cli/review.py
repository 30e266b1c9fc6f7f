"""``sitrep review``: confirm, reject or correct an incident from the command line; list reviews."""
from __future__ import annotations

import typer

from sitrep.cli.app import app, db_option, fail, stdout_write


@app.command()
def review(
    incident: str = typer.Argument(None, help="Incident id (INC-...); none: list every review."),
    db: str = db_option(),
    set_: list[str] = typer.Option([], "--set", help="FIELD=VALUE: type, subtype, place, lat, lon, admin1, "
                                   "country, date, actor1, actor2 or fatalities (repeat the option)."),
    confirm: bool = typer.Option(False, "--confirm", help="Mark the incident confirmed."),
    reject: bool = typer.Option(False, "--reject", help="Mark the incident rejected (it leaves the ACLED export)."),
    by: str = typer.Option(None, "--by", help="Your name, stored with the review."),
    note: str = typer.Option(None, "--note", help="Why (stored with the review)."),
) -> None:
    """Review an incident: each change is stored with who, when and the previous value.

    Example: sitrep review INC-0123abcd4567 --set place=Rubizhne --set fatalities=4 --by ana --db conflict.duckdb
    """
    from sitrep.errors import ConfigError
    from sitrep.io.store import Store, read_reviews
    from sitrep.review import review as do_review

    if incident is None:
        with Store(db, read_only=True) as store:
            for r in read_reviews(store.con):
                stdout_write(f"{r['at']:%Y-%m-%d %H:%M}  {r['incident_id']}  {r['field']}: "
                             f"{r['previous']!s} -> {r['value']!s}  by {r['reviewer']}"
                             + (f"  ({r['note']})" if r["note"] else ""))
        return
    if confirm and reject:
        fail("--confirm and --reject exclude each other", 2)
    changes: dict[str, str | None] = {}
    for item in set_:
        if "=" not in item:
            fail(f"--set {item!r}: expected FIELD=VALUE", 2)
        k, v = item.split("=", 1)
        changes[k] = v
    if confirm or reject:
        changes["status"] = "confirmed" if confirm else "rejected"
    if not by:
        fail("say who reviews: --by NAME", 2)
    try:
        with Store(db) as store:
            rows = do_review(store.con, incident, changes, reviewer=by, note=note)
    except ConfigError as e:
        fail(str(e))
    for r in rows:
        stdout_write(f"{incident}  {r['field']}: {r['previous']!s} -> {r['value']!s}  by {r['reviewer']}")
