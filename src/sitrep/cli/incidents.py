"""``sitrep incidents``: link events of one incident across reports, then list the incidents."""
from __future__ import annotations

import json
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli.app import app, db_option, err, fail, stdout_write
from sitrep.fusion.rules import SETTINGS

_SETTINGS_HELP = "; ".join(f"{n}={d}: {h}" for n, d, h in SETTINGS)


def _parse_settings(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        known = {n: d for n, d, _ in SETTINGS}
        if name not in known or not value:
            fail(f"--set {pair!r}: expected NAME=VALUE with NAME one of {', '.join(known)}")
        try:
            out[name] = type(known[name])(value)
        except ValueError:
            fail(f"--set {pair!r}: {value!r} is not a {type(known[name]).__name__}")
    return out


def _explain(con, incident_id: str, as_json: bool) -> None:
    from sitrep.fusion.explain import explain_incident, explain_lines

    try:
        x = explain_incident(con, incident_id)
    except ValueError as e:
        fail(str(e))
    if x is None:
        fail(f"no incident {incident_id!r} (list them with: sitrep incidents)")
    if as_json:
        stdout_write(json.dumps(x, ensure_ascii=False, default=str))
        return
    for line in explain_lines(x):
        stdout_write(line)


@app.command()
def incidents(
    db: str = db_option(),
    setting: List[str] = typer.Option([], "--set", help=f"Fusion setting NAME=VALUE. {_SETTINGS_HELP}"),
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget incident assignments and fuse from scratch."),
    no_fuse: bool = typer.Option(False, "--no-fuse", help="Only list; do not link new events first."),
    limit: int = typer.Option(50, "--limit", help="Incidents to list (most reports first)."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines, one incident per line, with its claims."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 code."),
    explain: Optional[str] = typer.Option(None, "--explain", metavar="ID",
                                          help="Say why each report joined incident ID (or a unique prefix) "
                                               "and what kept near misses apart."),
) -> None:
    """Link events that describe one incident across documents, then list incidents.

    Fusion keeps existing incident ids (run it after every ingest); see docs/workbench.md for the rule.

    Example: sitrep incidents --db conflict.duckdb --set link_score=3 --limit 20
    """
    from sitrep.fusion import fuse
    from sitrep.io.store import has_incidents
    from sitrep.errors import StoreError
    from sitrep.io.store import Store

    overrides = _parse_settings(setting)
    try:
        store = Store(db, read_only=no_fuse)
    except StoreError as e:
        fail(str(e))
    with store:
        if not no_fuse:
            stats = fuse(store, rebuild=rebuild, **overrides)
            err.print(f"fused {stats['events']} events ({stats['new_events']} new) into {stats['incidents']} "
                      f"incidents, {stats['multi_source_incidents']} with several reports")
        if not has_incidents(store.con):
            fail(f"{db} has not been fused yet: run sitrep incidents --db {db}")
        if explain:
            _explain(store.con, explain, as_json)
            return
        rows = store.list_incidents(country=country, limit=limit)
    if as_json:
        for r in rows:
            r["claims"] = json.loads(r["claims"])
            stdout_write(json.dumps(r, ensure_ascii=False, default=str))
        return
    t = Table("incident", "date", "type", "where", "killed (range)", "reports", "claimants")
    for r in rows:
        claims = json.loads(r["claims"])
        who = sorted({c.get("claimant_name") or "-" for c in claims})
        rng = "" if r["fatalities"] is None else (
            f"{r['fatalities']}" + (f" ({r['fatalities_min']}-{r['fatalities_max']})"
                                    if r["fatalities_max"] != r["fatalities_min"] else ""))
        t.add_row(r["id"], r["date"] or "", r["acled_event_type"] or r["type"] or "",
                  ", ".join(x for x in (r["location"], r["country"]) if x), rng, str(r["n_documents"]),
                  "; ".join(who))
    Console().print(t)
