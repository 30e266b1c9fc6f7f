"""ACLED-shaped CSV: ACLED's column names and vocabularies, one row per incident.

ACLED's unit is "one event per actors-day-location" (ACLED Codebook 2023), which is what fusion's
incidents are; events never fused count as their own incident. Only events coded with an ACLED
event type are exported (diplomatic PLOVER types such as CONSULT have no ACLED row). Fatalities are
the lowest figure any report gives, as ACLED codes them; 0 with the tag ``fatalities not reported``
where no report gives one (ACLED's convention for unknown); a disagreement between reports goes
into ``notes`` with every figure and its claimant.
"""
from __future__ import annotations

import functools
import hashlib
import json
import time
from importlib import resources

import pycountry

from sitrep.fusion.rules import UNREAL


@functools.lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("export/acled.json").read_text())


def _country(cc: str | None):
    try:
        return pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    except (KeyError, LookupError):
        return None


def _ids(v) -> list[str]:
    from sitrep.fusion import _ids as ids

    return ids(v)


def inter_code(actor: dict) -> int:
    """The ACLED interaction code of an actors-layer item (0: none fits its kind)."""
    return int(vocab()["inter_codes"].get((actor.get("kind") or "").lower(), 0) or 0)  # "_" keys are notes


def _actor_names(row: dict, role: str) -> list[tuple[str, int]]:
    out = []
    for aid in _ids(row["event"].get(role)):
        a = row["actors"].get(aid) or {"name": aid}  # a name where no actor fits
        if a.get("name"):
            out.append((a["name"], inter_code(a)))
    return out


def incident_rows(rows: list[dict]) -> list[dict]:
    """Group filtered event rows by incident (or by event, where unfused), keeping date order."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        if not r["event"].get("acled_event_type") or r["event"].get("factuality") in UNREAL:
            continue  # ACLED records what happened: no threats, plans, hypotheticals or negations
        key = r["incident_id"] or f"{r['document']['id']}/{r['event']['id']}"
        groups.setdefault(key, []).append(r)
    return [acled_row(key, members) for key, members in groups.items()]


def acled_row(key: str, members: list[dict]) -> dict:
    v = vocab()
    first = members[0]
    ev = first["event"]
    # the most precise place any report gives
    places = [m["place"] for m in members if m["place"] and m["place"].get("lat") is not None]
    places.sort(key=lambda p: v["geo_precision"].get((p.get("precision") or "").lower(), 2))
    place = places[0] if places else (first["place"] or {})
    country = _country(place.get("country"))
    etype = ev.get("acled_event_type")
    subtype = ev.get("acled_subtype") or ""
    disorder = v["subtype_disorder"].get(subtype) or (v["event_types"].get(etype) or {}).get("disorder", "")
    a1 = [x for m in members for x in _actor_names(m, "source")]
    a2 = [x for m in members for x in _actor_names(m, "target")]
    actor1, inter1 = (a1[0] if a1 else ("", 0))
    actor2, inter2 = (a2[0] if a2 else ("", 0))
    assoc1 = sorted({n for n, _ in a1} - {actor1})
    assoc2 = sorted({n for n, _ in a2} - {actor2})
    days = sorted(m["day"] for m in members if m["day"])
    precisions = [((m["event"].get("date") or {}).get("precision") if isinstance(m["event"].get("date"), dict)
                   else None) for m in members]
    tp = min((v["time_precision"].get(p or "", 3) for p in precisions), default=3)
    figures = []
    for m in members:
        f = m["event"].get("fatalities")
        if isinstance(f, (int, float)):
            cl = m["event"].get("claimant")
            who = (m["actors"].get(str(cl)) or {}).get("name", cl) if cl is not None else None
            figures.append((int(f), who, m["document"].get("source") or m["document"]["id"]))
    tags = [f"sitrep_incident={key}"]
    notes = (ev.get("evidence") or {}).get("text") or ""
    if not figures:
        tags.append("fatalities not reported")
    elif len({f for f, _, _ in figures}) > 1:
        notes += " [Reports disagree on fatalities: " + "; ".join(
            f"{f} ({who or 'unattributed'}, {src})" for f, who, src in figures) + "]"
    denied = [m for m in members if m["event"].get("denied_by")]
    if denied:
        tags.append("contested: denied by a party")
    sources = sorted({m["document"].get("source") or m["document"]["id"] for m in members})
    digest = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
    inter_pair = sorted(x for x in (inter1, inter2) if x)
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{digest}",
        "event_date": days[0] if days else "", "year": days[0][:4] if days else "",
        "time_precision": tp, "disorder_type": disorder, "event_type": etype, "sub_event_type": subtype,
        "actor1": actor1, "assoc_actor_1": "; ".join(assoc1), "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": "; ".join(assoc2), "inter2": inter2 or "",
        # ACLED: the two codes, lower first; a sole actor's code is followed by 0 ("60": protesters alone)
        "interaction": int("".join(map(str, inter_pair)).ljust(2, "0")) if inter_pair else "",
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": int(country.numeric) if country else "", "region": "",
        "country": country.name if country else (place.get("country") or ""),
        "admin1": place.get("admin1") or "", "admin2": place.get("admin2") or "", "admin3": "",
        "location": place.get("name") or "", "latitude": place.get("lat", ""), "longitude": place.get("lon", ""),
        "geo_precision": (place.get("geo_precision") or v["geo_precision"].get((place.get("precision") or "").lower(), 2))
        if place else "",
        "source": "; ".join(sources), "source_scale": "", "notes": notes,
        "fatalities": min(f for f, _, _ in figures) if figures else 0,
        "tags": "; ".join(tags), "timestamp": int(time.time()),
    }


def write_csv(rows: list[dict], fh) -> int:
    from sitrep.export.formats import write_csv_rows

    return write_csv_rows(fh, vocab()["columns"], incident_rows(rows))
