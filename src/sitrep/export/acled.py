"""ACLED-shaped CSV: ACLED's column names and vocabularies, one row per incident.

ACLED's unit is "one event per actors-day-location" (ACLED Codebook 2023), which is what fusion's
incidents are; events never fused count as their own incident. Only events coded with an ACLED
event type are exported (diplomatic PLOVER types such as CONSULT have no ACLED row). Fatalities are
the lowest figure any report gives, as ACLED codes them; 0 with the tag ``fatalities not reported``
where no report gives one (ACLED's convention for unknown); a disagreement between reports goes
into ``notes`` with every figure and its claimant.
"""
from __future__ import annotations

import hashlib
import json
import time

import pycountry

from sitrep import vocab as data_files
from sitrep.fusion.rules import UNREAL
from sitrep.resources import cached
from sitrep.speech import is_outlet


@cached(limit=1)
def vocab() -> dict:
    return json.loads(data_files.read_text("export/acled.json"))


def _country(cc: str | None):
    try:
        return pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    except (KeyError, LookupError):
        return None


def _ids(v) -> list[str]:
    from sitrep.fusion.ids import actor_ids

    return actor_ids(v)


def inter_code(actor: dict) -> int:
    """The ACLED interaction code of an actors-layer item: its ``inter`` (issue 15), or for items written
    before, the code of its kind; 0 when none fits."""
    if "inter" in actor:
        return int(actor["inter"] or 0)
    return int(vocab()["inter_codes"].get((actor.get("kind") or "").lower(), 0) or 0)  # "_" keys are notes


def country_name(cc: str | None) -> str:
    """ACLED's name of a country (ISO2): its own spelling where it differs, else GeoNames' name."""
    if not cc:
        return ""
    from sitrep.stages.actors import lexicon as lx

    return vocab()["country_names"].get(cc.upper()) or lx.country_name(cc.upper())


def region(cc: str | None) -> str:
    """ACLED's region of a country (ISO2), or "" when unknown."""
    if not cc:
        return ""
    v = vocab()
    for name, codes in v["regions"].items():
        if not name.startswith("_") and cc.upper() in codes:
            return name
    from sitrep.stages.actors import lexicon as lx

    return v["continent_regions"].get(lx.continent(cc.upper()), "")


def _side(actor: dict | None, etype: str | None, country: str | None, *, agent: bool = False) -> tuple[str, int]:
    """(ACLED actor name, inter code) of one actor of an event, by the actor's type: a state's forces
    active outside their country are external forces (8); in a protest or a riot, civilians and
    unnamed people are protesters (6) or rioters (5), as ACLED codes them."""
    from sitrep.stages.actors.classes import label as class_label, types

    t = types()
    code = (inter_code(actor) or None) if actor else None
    name = (actor or {}).get("label") or (actor or {}).get("name") or ""
    if actor and actor.get("kind") == "state":
        name = class_label(t["state_label"], actor.get("country"))
    crowd = {"Protests": "protesters", "Riots": "rioters"}.get(etype or "")
    if crowd and code in (None, 5, 6, 7):
        tmpl, kind = t["by_event_type"]["Protests" if crowd == "protesters" else "Riots"]
        return class_label(tmpl, country), t["inter"][kind]
    if code is None:
        return "", 0
    if agent and code in (6, 7):  # civilians or protesters doing violence are rioters, as ACLED codes them
        tmpl, kind = t["by_event_type"]["Riots"]
        return class_label(tmpl, country), t["inter"][kind]
    if code == 1 and actor.get("country") and country and actor["country"] != country:
        code = 8
    return name, int(code)


def event_actors(ev: dict, actors: dict[str, dict], country: str | None) -> dict:
    """ACLED actor columns of one event: ``actor1``/``inter1`` from its source (when the report names none,
    the default actor of its event type: "Unidentified Armed Group (Kenya)", "Protesters (Kenya)"),
    ``actor2``/``inter2`` from its target (the civilians of the country for violence against civilians
    with no named target). ``country`` is the ISO2 of the event's place."""
    from sitrep.stages.actors.classes import label as class_label, types

    t = types()
    etype = ev.get("acled_event_type")
    src = next(iter(_ids(ev.get("source"))), "")
    a1, i1 = _side(actors.get(src), etype, country, agent=True)
    if not a1:
        tmpl, kind = t["by_event_type"].get(etype or "", t["by_event_type"]["default"])
        a1, i1 = class_label(tmpl, country), t["inter"][kind]
    target = actors.get(next(iter(_ids(ev.get("target"))), ""))
    a2, i2 = _side(target, None, country) if target else ("", 0)
    crowd = t["by_event_type"].get(etype or "")
    if crowd and etype in ("Protests", "Riots") and i1 not in (5, 6):
        # the crowd is actor 1 of a protest or riot; the forces acting on it are actor 2 (ACLED)
        a2, i2 = (a1, i1) if i1 else (a2, i2)
        a1, i1 = class_label(crowd[0], country), t["inter"][crowd[1]]
    if not a2 and etype == "Violence against civilians":
        a2, i2 = class_label("Civilians ({country})", country), t["inter"]["civilians"]
    return {"actor1": a1, "inter1": i1, "actor2": a2, "inter2": i2}


def event_inter(ev: dict, actors: dict[str, dict], doc: dict | None = None) -> int:
    """The inter1 code :func:`event_actors` gives one event of a document JSON (for evaluation)."""
    places = {p.get("id"): p for p in (doc or {}).get("places") or []}
    country = (places.get(ev.get("place")) or {}).get("country")
    if country is None:
        from sitrep.stages.actors.classes import document_country

        class _D:  # the JSON's layers as document_country reads them
            layers = {"places": (doc or {}).get("places") or []}
        country = document_country(_D)
    return event_actors(ev, actors, country)["inter1"]


def incident_rows(rows: list[dict], reviews: dict | None = None) -> list[dict]:
    """Group filtered event rows by incident (or by event, where unfused), keeping date order.

    ``reviews`` (:func:`sitrep.review.latest`): reviewed values replace extracted ones, the row is
    tagged with its reviewers, and incidents a reviewer rejected are left out."""
    from sitrep.review import apply_acled, rejected

    reviews = reviews or {}
    groups: dict[str, list[dict]] = {}
    for r in rows:
        if not r["event"].get("acled_event_type") or r["event"].get("factuality") in UNREAL:
            continue  # ACLED records what happened: no threats, plans, hypotheticals or negations
        key = r["incident_id"] or f"{r['document']['id']}/{r['event']['id']}"
        groups.setdefault(key, []).append(r)
    out = []
    for key, members in groups.items():
        chosen = incident_members(members)
        if chosen and not rejected(reviews.get(key)):
            out.append(apply_acled(acled_row(key, chosen), reviews.get(key)))
    return out


_ROLE_ORDER = {"main": 0, "fragment": 1, "other": 2, "background": 3}


def incident_members(members: list[dict]) -> list[dict] | None:
    """The members an incident's row is built from, reports' main events first; None: no row.

    Fusion marks each event's role in its report (``claims[].role`` of the incident; see
    :mod:`sitrep.fusion.report`). An incident that is no report's news, only events told in passing
    (a deployment after the attack, "last month's ambush"), gets a row only when it is a violent event
    with a day and a place of its own (town or province), as ACLED would code it from its own report.
    Unfused stores (no roles) keep every member.
    """
    roles = {}
    for m in members:
        for c in ((m.get("incident") or {}).get("claims") or []):
            roles[(c.get("document_id"), c.get("event_id"))] = c.get("role")
    role = lambda m: roles.get((m["document"]["id"], m["event"]["id"]))
    if not any(role(m) for m in members):
        return members
    ordered = sorted(members, key=lambda m: _ROLE_ORDER.get(role(m), 2))
    if role(ordered[0]) in ("main", "fragment"):
        return ordered
    violent = {t for t, d in vocab()["event_types"].items() if (d or {}).get("disorder") == "Political violence"}
    for m in ordered:
        date = m["event"].get("date")
        day = isinstance(date, dict) and date.get("precision") == "day"
        place = m["place"] or {}
        located = place.get("lat") is not None and (place.get("precision") or "") not in ("country", "")
        if day and located and m["event"].get("acled_event_type") in violent:
            return [m] + [x for x in ordered if x is not m]
    return None


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
    sides = [event_actors(m["event"], m["actors"], place.get("country")) for m in members]
    actor1, inter1 = sides[0]["actor1"], sides[0]["inter1"]
    actor2, inter2 = sides[0]["actor2"], sides[0]["inter2"]
    # co-perpetrators and further victims named by the incident's reports
    assoc1 = sorted({x["actor1"] for x in sides if x["actor1"]} - {actor1})
    assoc2 = sorted({x["actor2"] for x in sides if x["actor2"]} - {actor2})
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
    notes = (ev.get("sentence") or ev.get("evidence") or {}).get("text") or ""  # the evidence's whole sentence
    if not figures:
        tags.append("fatalities not reported")
    elif len({f for f, _, _ in figures}) > 1:
        notes += " [Reports disagree on fatalities: " + "; ".join(
            f"{f} ({who or 'unattributed'}, {src})" for f, who, src in figures) + "]"
    denied = [m for m in members if m["event"].get("denied_by")]
    if denied:
        tags.append("contested: denied by a party")
    sources = sorted({m["document"].get("source") for m in members if m["document"].get("source")}) or ["Unknown"]
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
        "civilian_targeting": "Civilian targeting" if inter2 == 7 and etype != "Protests" else "",
        "iso": int(country.numeric) if country else "", "region": region(place.get("country")),
        "country": country_name(place.get("country")),
        "admin1": place.get("admin1") or "", "admin2": place.get("admin2") or "", "admin3": place.get("admin3") or "",
        "location": place.get("name") or "", "latitude": place.get("lat", ""), "longitude": place.get("lon", ""),
        "geo_precision": (place.get("geo_precision") or v["geo_precision"].get((place.get("precision") or "").lower(), 2))
        if place else "",
        "source": "; ".join(sources), "source_scale": _scale(sources), "notes": notes,
        "fatalities": min(f for f, _, _ in figures) if figures else 0,
        "tags": "; ".join(tags), "timestamp": int(time.time()),
    }


def _scale(sources: list[str]) -> str:
    """ACLED source_scale where every outlet is a known wire agency; "" otherwise (not in the text)."""
    known = [s for s in sources if s != "Unknown" and is_outlet(s)]
    return vocab()["source_scale"]["agency"] if known and len(known) == len(sources) else ""


def write_csv(rows: list[dict], fh, reviews: dict | None = None) -> int:
    from sitrep.export.formats import write_csv_rows

    return write_csv_rows(fh, vocab()["columns"], incident_rows(rows, reviews))
