"""Fusion across reports: events from many documents that describe one incident share an incident id.

``fuse(store)`` is the hook for the end of an ingest run (``sitrep incidents`` also calls it). It:

1. reads every event with its place, actors and document (through the store, ``io/store.py``);
2. marks one main event per document, the fragments restating it and the background events, and
   groups them into reports (``fusion/report.py``; the role is stored in ``events.fusion_role``);
3. links reports of one incident across documents (``fusion/link.py`` over the verdicts of
   ``fusion/rules.py``): events that already have an ``incident_id`` keep it, so ids survive re-runs and
   new ingests, and only what is unlinked is linked (:func:`link_unlinked`); ``rebuild=True`` forgets
   every assignment; a new incident's id is a hash of its founding event ``(document_id, event id)``;
4. recomputes every incident row: the most precise place, the narrowest date, actors, every supporting
   report with its evidence span, claimant and role, the fatality figures side by side (``fatalities``
   the lowest, as ACLED codes it, ``fatalities_min``/``_max`` the range), and ``explain``: why each
   report joined and, for near misses, what kept a report apart.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date, timedelta

from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.fusion.contain import nest
from sitrep.fusion.ids import actor_ids as _ids
from sitrep.fusion.link import link_reports
from sitrep.fusion.report import plan_document
from sitrep.fusion.rules import DEFAULTS, SETTINGS, UNREAL, EventRecord, Place, date_interval, norm, type_classes
from sitrep.fusion.spans import actor_name_spans, date_spans, not_a_place
from sitrep.io.store import utc_now

__all__ = ["fuse", "link_unlinked", "SETTINGS", "DEFAULTS", "incident_id_for"]

_PRECISION_RANK = {"point": 0, "neighbourhood": 0, "neighborhood": 0, "village": 1, "town": 1, "city": 1,
                   "admin2": 2, "adm2": 2, "district": 2, "admin1": 3, "adm1": 3, "province": 3,
                   "region": 3, "state": 3, "country": 4, "continent": 5}


def incident_id_for(document_id: str, event_id: str) -> str:
    return "INC-" + hashlib.sha1(f"{document_id}/{event_id}".encode()).hexdigest()[:12]


def _proper_words(name: str | None, *, strict: bool = False) -> set[str]:
    """Words of a name that name something: capitalised, three letters or more, not function words.
    ``strict`` also leaves out a first word followed by a lower-case one, which may be capitalised only
    because it opens the sentence ("Suspected jihadists", "Armed herders")."""
    out = set()
    words = (name or "").replace("-", " ").split()
    if strict and len(words) > 1 and words[1][:1].islower():
        words = words[1:]
    for w in words:
        w = w.strip(".,;:()'\"’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) >= 3 and w[0].isupper() and w.lower() not in STOP_WORDS and not w.isdigit():
            out.add(w)
    return out


def _place(p: dict | None, text: str) -> Place | None:
    if not p or p.get("dateline") and len(p.get("mentions") or []) <= 1:
        return None  # a dateline says where the reporter is, not where the event was
    mention = None
    for m in p.get("mentions") or []:
        t = m.get("text") or ""
        if t and p.get("name") and norm(t) != norm(p["name"]) and not t.isupper():
            mention = t
            break
    if mention and p.get("name") and norm(p["name"]) in norm(mention):
        mention = None  # "Qalat city", "Zabul province": the name itself with its place noun
    if p.get("status") == "coarse":  # a village the gazetteer lacks, put at the division the text names:
        # compared as that village (its point is the division's, not its own), inside that province
        return Place(p.get("name"), None, None, p.get("country"), p.get("admin1"), None, mention=mention)
    return Place(p.get("name"), p.get("lat"), p.get("lon"), p.get("country"), p.get("admin1"),
                 p.get("precision"), mention=mention, geonameid=p.get("geonameid"), feature=p.get("feature"))


def _record(e: dict, places: dict, actors: dict, docs: dict, settings: dict) -> EventRecord:
    d = e["document_id"]
    text = (docs.get(d) or {}).get("text") or ""
    p = places.get((d, str(e.get("place")))) if e.get("place") is not None else None
    dt = e.get("date")
    value = dt.get("value") if isinstance(dt, dict) else dt
    if isinstance(dt, dict) and dt.get("from_report"):
        value = None  # the report's own date, not the event's: the look-back window from publication applies
    published = (docs.get(d) or {}).get("published")
    lo, hi = date_interval(value, published, lookback=settings["published_lookback_days"])
    pub = _day(published)
    if value and pub and lo and lo > pub + timedelta(days=1):  # after its own report: a plan or a misreading
        value = None
        lo, hi = date_interval(None, published, lookback=settings["published_lookback_days"])
    ev = e.get("evidence") or {}
    rec = EventRecord(d, e["id"], e.get("type"), lo, hi, _place(p, text),
                      evidence=ev.get("text") or "", incident_id=e.get("incident_id"),
                      real=e.get("factuality") not in UNREAL, acled_type=e.get("acled_event_type"),
                      fatalities=e.get("fatalities") if isinstance(e.get("fatalities"), int) else None,
                      dated=bool(value), start=int(ev.get("start") or 0),
                      confidence=float(e.get("confidence") or 0.0))
    for role, names, ccs in (("source", rec.sources, rec.source_countries),
                             ("target", rec.targets, rec.target_countries)):
        for aid in _ids(e.get(role)):
            a = actors.get((d, aid))
            if a is None:  # the events layer may hold words where no actor fits
                names.add(norm(aid))
                continue
            names.add(norm(a.get("name")))
            if a.get("country"):
                ccs.add(a["country"])
            words = _proper_words(a.get("name"))
            if a.get("kind") in ("armed group", "organisation", "state"):
                rec.names |= words
            if role == "source" and a.get("kind") == "armed group" and not a.get("country"):
                rec.perpetrators |= _proper_words(a.get("name"), strict=True)
    return rec


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat((s or "")[:10])
    except ValueError:
        return None


def _doc_places(places: dict, docs: dict) -> dict[str, list[tuple[Place, list[tuple[int, int]]]]]:
    out: dict[str, list] = defaultdict(list)
    for (d, _), p in places.items():
        ms = [(m.get("start") or 0, m.get("end") or 0) for m in p.get("mentions") or []]
        place = _place(p, "")
        if place is not None and (place.name or place.mention):
            out[d].append((place, ms))
    return out


def _places_only(places: dict, dates: dict, names: dict) -> dict:
    """The places that are places: not a date's words, nor an unknown name inside a group's name
    (``fusion/spans.py``)."""
    return {k: p for k, p in places.items() if not not_a_place(p, dates.get(k[0], []), names.get(k[0], []))}


def _nest(recs: list[EventRecord], by_key: dict, places: dict, docs: dict, actors: dict, dates: dict,
          doc_places: dict) -> None:
    """A village its event's sentence puts inside the event's place becomes the event's place
    (``fusion/contain.py``); words another layer reads as a date or an actor are no village."""
    names = actor_name_spans(actors, None)
    for r in recs:
        e = by_key[r.key]
        p = places.get((r.document_id, str(e.get("place")))) if e.get("place") is not None else None
        ev = e.get("evidence") or {}
        if p and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            nest(r, p, (docs.get(r.document_id) or {}).get("text") or "", (ev["start"], ev["end"]),
                 dates.get(r.document_id, []) + names.get(r.document_id, []),
                 [q for q, _ in doc_places.get(r.document_id, [])])


def fuse(store, *, rebuild: bool = False, **overrides) -> dict:
    """Link events of one incident across documents; returns statistics.

    Args:
        store: A writable :class:`sitrep.io.store.Store`.
        rebuild: Forget existing assignments and cluster every event again.
        **overrides: Settings from :data:`SETTINGS` (``max_km``, ``max_days``, ...).

    Raises:
        ConfigError: An unknown setting name.
    """
    from sitrep.errors import ConfigError

    unknown = sorted(set(overrides) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown fusion setting(s) {unknown}; known: {sorted(DEFAULTS)}")
    settings = {**DEFAULTS, **overrides}
    store.ensure_incidents()
    events, places, actors, docs = store.fusion_rows()
    dates = date_spans(store)
    places = _places_only(places, dates, actor_name_spans(actors))
    by_key = {(e["document_id"], e["id"]): e for e in events}
    recs = [_record(e, places, actors, docs, settings) for e in events]
    doc_places = _doc_places(places, docs)
    _nest(recs, by_key, places, docs, actors, dates, doc_places)
    if rebuild:
        for r in recs:
            r.incident_id = None
    n_new = sum(1 for r in recs if not r.incident_id)
    members, explain = link_unlinked(recs, docs, settings, doc_places=doc_places,
                                     doc_tolls=store.killed_counts())

    first_seen = store.incident_first_seen()
    now = utc_now()
    rows = [_incident_row(iid, ms, by_key, actors, docs, first_seen.get(iid) or now, now, explain.get(iid))
            for iid, ms in members.items()]
    store.write_incidents({r.key: (r.incident_id, r.role) for r in recs}, rows)
    multi = sum(1 for ms in members.values() if len({m.document_id for m in ms}) > 1)
    return {"events": len(recs), "new_events": n_new, "incidents": len(rows),
            "multi_source_incidents": multi, "settings": settings}


def link_unlinked(recs: list[EventRecord], docs: dict, settings: dict, *, doc_places: dict | None = None,
                  doc_tolls: dict | None = None) -> tuple[dict[str, list[EventRecord]], dict]:
    """Give every record without an ``incident_id`` one, keeping the ids records already have.

    Idempotent: run it again (after an interrupted ingest, or with nothing new) and it only links what
    is unlinked. Returns the members of every incident and each incident's explanation.
    """
    violent = {c for c in type_classes().values() if c == "political violence"}
    by_doc: dict[str, list[EventRecord]] = defaultdict(list)
    for r in recs:
        by_doc[r.document_id].append(r)
    reports = []
    for d in sorted(by_doc):
        rs = sorted(by_doc[d], key=lambda r: (r.start, r.id))
        doc = docs.get(d) or {}
        reports += plan_document(rs, doc.get("text") or "", settings=settings, violent=violent,
                                 places=(doc_places or {}).get(d, []), published=_day(doc.get("published")),
                                 tolls=(doc_tolls or {}).get(d, []))
    clusters, expl = link_reports(reports, settings)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        groups[c].append(i)
    members: dict[str, list[EventRecord]] = {}
    explain: dict[str, dict] = {}
    for c, idx in groups.items():
        ids = [reports[i].incident_id for i in idx if reports[i].incident_id]
        if ids:
            iid = Counter(ids).most_common(1)[0][0]
        else:
            founder = min(idx, key=lambda i: (reports[i].lo.isoformat() if reports[i].lo else "9999",
                                              reports[i].document_id, reports[i].events[0].id))
            iid = incident_id_for(*reports[founder].key)
        ms = []
        for i in idx:
            for e in reports[i].events:
                if not e.incident_id:
                    e.incident_id = iid
                ms.append(e)
        for e in ms:  # records kept from an earlier run may sit in another incident
            members.setdefault(e.incident_id, []).append(e)
        x = expl.get(c) or {"joins": [], "near": []}
        explain[iid] = {
            "joins": [{"document_id": reports[i].document_id, "event_id": reports[i].events[0].id,
                       "via_document_id": reports[j].document_id, "why": why} for j, i, why in x["joins"]],
            "near": [{"document_id": reports[j].document_id, "event_id": reports[j].events[0].id,
                      "near_document_id": reports[i].document_id, "why": why} for i, j, why in x["near"]][:20],
        }
    return members, explain


def _incident_row(iid, ms, by_key, actors, docs, first_seen, now, explain=None) -> dict:
    evs = [by_key[m.key] for m in ms]
    best_place, best_rank = None, 99
    for m in ms:  # the most precise place any report gives
        if m.place and m.place.lat is not None:
            rank = _PRECISION_RANK.get((m.place.precision or "").lower(), 1)
            if rank < best_rank:
                best_place, best_rank = m.place, rank
    days = sorted(x for m in ms for x in (m.lo, m.hi) if x)
    exact = sorted(m.lo for m in ms if m.lo and m.lo == m.hi)  # day-precise dates win over windows
    first, last = (exact[0], exact[-1]) if exact else ((days[0], days[-1]) if days else (None, None))
    claims = []
    for m, e in zip(ms, evs):
        doc = docs.get(m.document_id) or {}
        claimant = e.get("claimant")
        ca = actors.get((m.document_id, str(claimant))) if claimant is not None else None
        claims.append({
            "document_id": m.document_id, "event_id": m.id, "role": m.role, "fatalities": e.get("fatalities"),
            "claimant": claimant, "claimant_name": (ca or {}).get("name") or claimant,
            "factuality": e.get("factuality"), "evidence": e.get("evidence"),
            "date": m.lo.isoformat() if m.lo and m.lo == m.hi else None,
            "title": doc.get("title"), "source": doc.get("source"), "url": doc.get("url"),
            "published": doc.get("published"),
        })
    figures = [c["fatalities"] for c in claims if isinstance(c["fatalities"], (int, float))]
    names = {"source": Counter(), "target": Counter()}
    for m, e in zip(ms, evs):
        for role in names:
            for aid in _ids(e.get(role)):
                a = actors.get((m.document_id, aid)) or {"name": aid}
                if a.get("name"):
                    names[role][a["name"]] += 1
    lead = next((m for m in ms if m.role == "main"), ms[0])
    common = lambda key: (Counter(e.get(key) for e in evs if e.get(key)).most_common(1) or [(None, 0)])[0][0]
    return {
        "id": iid, "type": lead.type, "acled_event_type": common("acled_event_type"),
        "acled_subtype": common("acled_subtype"),
        "date": first.isoformat() if first else None,
        "date_last": last.isoformat() if last else None,
        "location": best_place.name if best_place else None,
        "lat": best_place.lat if best_place else None, "lon": best_place.lon if best_place else None,
        "country": best_place.country if best_place else None,
        "admin1": best_place.admin1 if best_place else None,
        "precision": best_place.precision if best_place else None,
        "fatalities": int(min(figures)) if figures else None,
        "fatalities_min": int(min(figures)) if figures else None,
        "fatalities_max": int(max(figures)) if figures else None,
        "conflicting": len(set(figures)) > 1, "n_events": len(ms),
        "n_documents": len({m.document_id for m in ms}),
        "actors": {role: [n for n, _ in c.most_common()] for role, c in names.items()},
        "claims": claims, "explain": explain or {"joins": [], "near": []},
        "first_seen": first_seen, "updated_at": now,
    }
