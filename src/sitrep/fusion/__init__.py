"""Fusion across reports: events from many documents that describe one incident share an incident id.

``fuse(store)`` is the hook for the end of an ingest run (``sitrep incidents`` also calls it). It:

1. reads every event with its place, actors and document (``fusion/store.py``);
2. keeps every event that already has an ``incident_id`` where it is, so ids survive re-runs and new
   ingests; ``rebuild=True`` forgets them and clusters from scratch;
3. puts each new event, in a fixed order (date, document, event id), into the first incident all of
   whose members it is compatible with (``fusion/rules.py``: complete linkage, so no chaining; past
   16 members, the founder and the 15 latest stand for the rest), or
   founds a new incident whose id is a hash of its founding event ``(document_id, event id)``;
4. recomputes every incident row: place, dates, actors, every supporting report with its evidence
   span and claimant, and the fatality figures side by side; ``fatalities`` is the most
   conservative (lowest) reported figure, as ACLED codes it, and ``fatalities_min``/``_max`` the range.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import timedelta

from sitrep.fusion import store as sql
from sitrep.fusion.rules import DEFAULTS, SETTINGS, UNREAL, EventRecord, Place, date_interval, norm, same_incident

__all__ = ["fuse", "SETTINGS", "DEFAULTS", "incident_id_for"]

_PRECISION_RANK = {"point": 0, "neighbourhood": 0, "neighborhood": 0, "village": 1, "town": 1, "city": 1,
                   "admin2": 2, "adm2": 2, "district": 2, "admin1": 3, "adm1": 3, "province": 3,
                   "region": 3, "state": 3, "country": 4, "continent": 5}


_MAX_PROBE = 16  # members an event is checked against; bounds fusion on incidents with many reports


def incident_id_for(document_id: str, event_id: str) -> str:
    return "INC-" + hashlib.sha1(f"{document_id}/{event_id}".encode()).hexdigest()[:12]


def _ids(v) -> list[str]:
    """Actor references on an event: an id, a list of ids, or dicts with ``id``."""
    if v is None:
        return []
    if isinstance(v, (str, int)):
        return [str(v)]
    if isinstance(v, dict):
        return [str(v["id"])] if v.get("id") is not None else []
    return [x for item in v for x in _ids(item)]


def _record(e: dict, places: dict, actors: dict, docs: dict, settings: dict) -> EventRecord:
    d = e["document_id"]
    p = places.get((d, str(e.get("place")))) if e.get("place") is not None else None
    place = Place(p.get("name"), p.get("lat"), p.get("lon"), p.get("country"), p.get("admin1"),
                  p.get("precision")) if p else None
    dt = e.get("date")
    value = dt.get("value") if isinstance(dt, dict) else dt
    if isinstance(dt, dict) and dt.get("from_report"):
        value = None  # the report's own date, not the event's: the look-back window from publication applies
    lo, hi = date_interval(value, (docs.get(d) or {}).get("published"),
                           lookback=settings["published_lookback_days"])
    rec = EventRecord(d, e["id"], e.get("type"), lo, hi, place,
                      evidence=(e.get("evidence") or {}).get("text") or "", incident_id=e.get("incident_id"),
                      real=e.get("factuality") not in UNREAL)
    for role, names, ccs in (("source", rec.sources, rec.source_countries),
                             ("target", rec.targets, rec.target_countries)):
        for aid in _ids(e.get(role)):
            a = actors.get((d, aid)) or {"name": aid}  # the events layer may hold a name where no actor fits
            names.add(norm(a.get("name")))
            if a.get("country"):
                ccs.add(a["country"])
    return rec


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
    con = store.con
    sql.ensure_schema(con)
    events, places, actors, docs = sql.load_rows(con)
    by_key = {(e["document_id"], e["id"]): e for e in events}
    recs = [_record(e, places, actors, docs, settings) for e in events]
    if rebuild:
        for r in recs:
            r.incident_id = None

    members: dict[str, list[EventRecord]] = defaultdict(list)
    index = _Index(settings["max_days"], settings["max_km"])  # (type, day) -> incident ids: blocking keeps this near-linear
    for r in recs:
        if r.incident_id:
            members[r.incident_id].append(r)
            index.add(r, r.incident_id)
    new = sorted((r for r in recs if not r.incident_id),
                 key=lambda r: (r.lo.isoformat() if r.lo else "9999", r.document_id, r.id))
    for r in new:
        target = None
        for iid in index.candidates(r):
            ms = members[iid]
            # complete linkage; for a very large incident, against its founder and latest members only
            probe = ms if len(ms) <= _MAX_PROBE else [ms[0], *ms[-(_MAX_PROBE - 1):]]
            if all(same_incident(r, m, settings) for m in probe):
                target = iid
                break
        if target is None:
            target = incident_id_for(r.document_id, r.id)
        r.incident_id = target
        members[target].append(r)
        index.add(r, target)

    first_seen = sql.existing_first_seen(con)
    now = sql.now()
    rows = [_incident_row(iid, ms, by_key, places, actors, docs, first_seen.get(iid) or now, now)
            for iid, ms in members.items()]
    sql.write(con, {r.key: r.incident_id for r in recs}, rows)
    multi = sum(1 for ms in members.values() if len({m.document_id for m in ms}) > 1)
    return {"events": len(recs), "new_events": len(new), "incidents": len(rows),
            "multi_source_incidents": multi, "settings": settings}


class _Index:
    """Incident ids by (event type, day, where), in creation order: blocking keeps fusion near-linear.

    ``where`` is a grid cell (about ``max_km`` wide) for a point-precise place, ``("cc", country)`` for every place
    (coarse places compare against everything in their country) and ``"any"`` for everything
    (events with no place can only fuse as near-duplicate copies, so they look at all of that day).
    Vague dates (over a month) go to day ``None``.
    """

    def __init__(self, max_days: int, max_km: float):
        self.pad = timedelta(days=max_days)
        # a cell at least max_km wide up to ~70 degrees of latitude, so the 3x3 neighbourhood holds every match
        self.CELL = max(0.1, max_km / 35.0)
        self.buckets: dict[tuple, dict[str, None]] = defaultdict(dict)

    @staticmethod
    def _days(lo, hi):
        if lo is None or (hi - lo).days > 31:
            return [None]
        return [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]

    def _cell(self, p: Place) -> tuple[int, int]:
        return int(p.lat // self.CELL), int(p.lon // self.CELL)

    def _located(self, p: Place | None) -> bool:
        return p is not None and not p.coarse and p.lat is not None and p.lon is not None

    def add(self, r: EventRecord, iid: str) -> None:
        wheres: list = ["any"]
        if r.place is not None:
            wheres.append(("cc", r.place.country))
            if self._located(r.place):
                wheres.append(self._cell(r.place))
            else:
                wheres.append(("coarse", r.place.country))
        for d in self._days(r.lo, r.hi):
            for w in wheres:
                self.buckets[(r.type, d, w)][iid] = None

    def candidates(self, r: EventRecord) -> list[str]:
        if not r.type:
            return []
        days = [None] if r.lo is None else self._days(r.lo - self.pad, r.hi + self.pad) + [None]
        if r.place is None:
            wheres: list = ["any"]
        elif self._located(r.place):
            cy, cx = self._cell(r.place)
            wheres = [(cy + i, cx + j) for i in (-1, 0, 1) for j in (-1, 0, 1)] + [("coarse", r.place.country)]
        else:
            wheres = [("cc", r.place.country)]
        out: dict[str, None] = {}
        for d in days:
            for w in wheres:
                out.update(self.buckets.get((r.type, d, w), {}))
        return list(out)


def _incident_row(iid, ms, by_key, places, actors, docs, first_seen, now) -> dict:
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
            "document_id": m.document_id, "event_id": m.id, "fatalities": e.get("fatalities"),
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
    common = lambda key: (Counter(e.get(key) for e in evs if e.get(key)).most_common(1) or [(None, 0)])[0][0]
    return {
        "id": iid, "type": ms[0].type, "acled_event_type": common("acled_event_type"),
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
        "claims": claims, "first_seen": first_seen, "updated_at": now,
    }
