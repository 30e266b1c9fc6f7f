"""Why an incident holds its reports: ``sitrep incidents --explain ID``.

Reads what fusion stored on the ``incidents`` row (``claims``: every report with its role; ``explain``:
for each report that joined, the report it linked to and the evidence points, and the near misses,
reports of other incidents that came close, with the field that kept them apart).
"""
from __future__ import annotations

import json


def explain_incident(con, incident_id: str) -> dict | None:
    """The incident (a unique id prefix is enough) with its reports, joins and near misses; None if absent.

    Raises:
        ValueError: The prefix names several incidents.
    """
    rows = con.execute("SELECT id, date, date_last, acled_event_type, type, location, country, fatalities, "
                       "fatalities_min, fatalities_max, n_documents, claims, explain FROM incidents "
                       "WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
                       [incident_id, incident_id.replace("%", "") + "%"]).fetchall()
    exact = [r for r in rows if r[0] == incident_id]
    if not rows:
        return None
    if len(rows) > 1 and not exact:
        raise ValueError(f"{incident_id!r} names several incidents ({rows[0][0]}, {rows[1][0]}, ...)")
    r = exact[0] if exact else rows[0]
    keys = ("id", "date", "date_last", "acled_event_type", "type", "location", "country", "fatalities",
            "fatalities_min", "fatalities_max", "n_documents", "claims", "explain")
    out = dict(zip(keys, r))
    out["claims"] = json.loads(out["claims"] or "[]")
    out["explain"] = json.loads(out["explain"] or "null") or {"joins": [], "near": []}
    return out


def explain_lines(x: dict) -> list[str]:
    """The explanation as plain text lines."""
    fat = "" if x["fatalities"] is None else f", killed {x['fatalities_min']}-{x['fatalities_max']}"
    lines = [f"{x['id']}: {x['acled_event_type'] or x['type'] or '?'} on {x['date'] or '?'}"
             f"{'' if x['date_last'] in (None, x['date']) else ' to ' + x['date_last']} at "
             f"{x['location'] or '?'}{', ' + x['country'] if x['country'] else ''}{fat}; "
             f"{x['n_documents']} report(s)", "", "reports:"]
    for c in x["claims"]:
        ev = (c.get("evidence") or {}).get("text") or ""
        lines.append(f"  {c['document_id']}/{c['event_id']} [{c.get('role') or '?'}] {c.get('source') or ''}"
                     f" {c.get('published') or ''}: \"{ev[:100]}\""
                     + (f" (killed {c['fatalities']})" if c.get("fatalities") is not None else ""))
    joins = x["explain"].get("joins") or []
    lines += ["", "why each report joined:" if joins else "no report joined another (a single report)."]
    for j in joins:
        lines.append(f"  {j['document_id']} joined through {j['via_document_id']}: {j['why']}")
    near = x["explain"].get("near") or []
    if near:
        lines += ["", "near misses (reports of other incidents that came close):"]
        for n in near:
            lines.append(f"  {n['document_id']} ({n['near_document_id']} here): {n['why']}")
    return lines
