"""The gazetteer: GeoNames places, countries, first-level divisions, regions and seats of power.

``load_gazetteer()`` returns the packaged gazetteer (the cache built at install by
``python -m sitrep.gazetteer.sources`` from the ``gazetteer`` extra, pycountry and ``sitrep/data/places/``; see :mod:`sitrep.gazetteer.build`).
Tests use :class:`InMemoryGazetteer`, built from a handful of records by the same code.
"""
from __future__ import annotations

from sitrep.gazetteer.build import Builder
from sitrep.gazetteer.index import Entry, Gazetteer
from sitrep.resources import cached

__all__ = ["Entry", "Gazetteer", "InMemoryGazetteer", "load_gazetteer"]


@cached
def load_gazetteer() -> Gazetteer:
    from sitrep.gazetteer.build import load_index

    return Gazetteer(load_index())


class InMemoryGazetteer(Gazetteer):
    """A small gazetteer for tests, from dicts::

        InMemoryGazetteer([
            {"name": "Ukraine", "kind": "country", "country": "UA", "lat": 49, "lon": 32},
            {"name": "Kyiv", "alt": ["Kiev"], "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52,
             "population": 2900000, "feature": "P.PPLC"},
        ])

    Keys: name, alt (alternate names), exact (case-sensitive abbreviations), kind (city by default),
    country, admin1 (code), feature, population, geonameid, lat, lon.
    """

    FEATURES = {"country": "A.PCLI", "admin1": "A.ADM1", "admin2": "A.ADM2", "region": "L.RGN", "city": "P.PPL", "seat": "S.BLDG"}

    def __init__(self, items: list[dict]):
        b = Builder()
        for n, it in enumerate(items):
            kind = it.get("kind", "city")
            rec = (it.get("geonameid", None if kind in ("admin1", "admin2", "region", "seat") else 10_000 + n), it["name"],
                   float(it["lat"]), float(it["lon"]), it.get("country", ""), it.get("admin1", ""),
                   it.get("feature", self.FEATURES[kind]), int(it.get("population", 0)), kind)
            b.add(rec, [it["name"], *it.get("alt", [])], it.get("exact", []))
        super().__init__(b.index())
