"""Places: every toponym the article names, resolved to one gazetteer entry (or said why not).

Reads the spaCy parse and the paragraphs; writes ``places``: one item per resolved place and
use (a place named as a location, a capital used for its government, a demonym), with all its
mentions. Detection is in :mod:`.detect`, resolution in :mod:`.resolve`, metonymy in
:mod:`.metonymy`; word lists and tables live in ``sitrep/data/places/``.
"""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage
from sitrep.stages.places.dateline import Datelines
from sitrep.stages.places.detect import find_mentions
from sitrep.stages.places.directional import named_countries, part_reading
from sitrep.stages.places.metonymy import is_metonym
from sitrep.stages.places.relations import containment
from sitrep.stages.places.resolve import SETTINGS, Resolver
from sitrep.stages.places.tokens import Tokens

GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
@stage("find_places", version=1, reads=("sentences",), writes="places")
def find_places(doc: Document, *, res) -> list[dict]:
    """Detect, resolve and group the toponyms of ``doc``.

    Returns one item per (place, use) with ``mentions``; an unresolved mention becomes an item
    with ``status: "unresolved"`` and a ``reason``. Mentions in credit and byline paragraphs
    are ignored. Never raises on odd input: a document with no places gives ``[]``.
    """
    gaz = res.gazetteer
    sp = doc.spacy
    datelines = Datelines(doc)
    tok = Tokens(sp, doc.text)  # token columns the passes share
    mentions = find_mentions(doc, gaz, datelines, tok)
    if not mentions:
        return []
    dl_cc = None
    inside = containment(tok, mentions)
    for k, m in enumerate(mentions[:3]):
        if datelines.at(m.start, m.end) and m.cands:
            # the likeliest country of the dateline's place is evidence, unless the dateline says
            # where the place is ("LONDON, Ky." must not make an article British)
            if k not in inside:
                dl_cc = max(m.cands, key=lambda e: (e.kind == "country", e.population)).country
            break
    resolved = Resolver(sp, mentions, gaz, dateline_cc=dl_cc, inside=inside, tok=tok).run()

    named = named_countries(mentions, resolved)
    items: dict[tuple, dict] = {}
    for k, m in enumerate(mentions):
        entry, status, reason = resolved[k]
        if m.part and status == "resolved":
            entry, status, reason = part_reading(entry, named, division_part=m.division_part)
        metonym = bool(entry is not None and not m.adjectival and status == "resolved"
                       and (entry.kind == "seat" or entry.feature == "P.PPLC") and is_metonym(sp, m.i, m.j))
        role = "adjectival" if m.adjectival else "metonym" if metonym else "place"
        key = (entry.idx if entry is not None and status == "resolved" else m.text.casefold(), status, role)
        item = items.get(key)
        if item is None:
            item = items[key] = _item(entry, m, status, reason, role)
            _fallback_point(item, entry, gaz)
            _seat_point(item, entry, gaz)
        item["mentions"].append(doc.span(m.start, m.end))
        if datelines.at(m.start, m.end):
            item["dateline"] = True
    out = sorted(items.values(), key=lambda it: it["mentions"][0]["start"])
    for n, it in enumerate(out, 1):
        it["id"] = f"P{n}"
    return out


def _fallback_point(item: dict, entry, gaz) -> None:
    """A place the text puts somewhere in a first-level division (``coarse``) is pointed at the median
    of the division's populated places (latitude and longitude apart), not at its reference point:
    events happen where people live, and a large division's GeoNames point often lies in empty country.
    On the ACLED dev notes (``sitrep eval ../shared/dev-data/acled/ -n 500``, 2026-12-07) this moved 25
    rows: within 50 km of the row's point were 11 of them on GeoNames' point, 18 on the median, 19 on
    the mean or the centre of the extent (mean error 228, 209, 208, 212 km). The median is as good as
    the others within one row, and a few mis-coded places far off cannot pull it away (the centre of
    the extent needs the build's clustering for that). A division named after a town keeps that town's
    point (:func:`_seat_point`: 49 of 51 Kenyan rows within 50 km, 40 on the median)."""
    if entry is None or item["status"] != "coarse" or item["precision"] != "admin1" or entry.kind != "admin1":
        return
    mid = gaz.places_median(entry)
    if mid is not None:
        item["lat"], item["lon"] = round(mid[0], 5), round(mid[1], 5)


def _seat_point(item: dict, entry, gaz) -> None:
    """A first-level division named after a town inside it ("Kandahar province", "Mandera County") is
    pointed at that town, as ACLED codes an event known only to its province at the provincial capital
    (ACLED Codebook, geo-precision 3); its precision stays ``admin1``."""
    if entry is None or item["precision"] != "admin1" or entry.kind != "admin1" or item["metonym"]:
        return
    seat = gaz.namesake_seat(entry, SETTINGS.seat_km)
    if seat is not None:
        item["lat"], item["lon"] = round(seat.lat, 5), round(seat.lon, 5)


def _item(entry, m, status, reason, role) -> dict:
    it = {"id": "", "name": m.text, "geonameid": None, "lat": None, "lon": None, "country": None, "admin1": None,
          "feature": None, "precision": None, "geo_precision": None, "mentions": [], "metonym": role == "metonym",
          "stands_for": None, "adjectival": role == "adjectival", "dateline": False, "status": status}
    if entry is not None:
        coarse = status == "coarse"
        it.update(name=m.text if coarse else entry.name, geonameid=None if coarse else entry.geonameid,
                  lat=round(entry.lat, 5), lon=round(entry.lon, 5), country=entry.country or None,
                  admin1=entry.name if entry.kind == "admin1" else entry.admin1,
                  feature="region" if entry.kind == "region" else entry.feature,
                  precision="region" if m.part else entry.precision)
        it["geo_precision"] = GEO_PRECISION[it["precision"]]
        if coarse:  # ACLED: 2 for a place placed on a town or district near it, 3 for a province
            it["geo_precision"] = max(2, it["geo_precision"])
        if role == "metonym":
            it["stands_for"] = entry.country or None
    if reason:
        it["reason"] = reason
    return it


STAGE = find_places.stage
