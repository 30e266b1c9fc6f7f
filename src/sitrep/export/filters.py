"""Filters shared by exports, the web API and the report: one WHERE clause over events + places.

Every query that lists events aliases ``events e``, ``places p`` (the event's place, same document)
and ``documents d``; :meth:`Filters.where` returns SQL and parameters for those aliases.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep.errors import ConfigError

# The day an event is filed under: its own date (a month or year counts from its first day),
# else its document's publication date.
EVENT_DAY = ("coalesce(CASE WHEN length(e.date) = 7 THEN e.date || '-01' WHEN length(e.date) = 4 "
             "THEN e.date || '-01-01' WHEN e.date LIKE '____-W%' THEN NULL ELSE left(e.date, 10) END, "
             "left(d.published, 10))")

EVENTS_FROM = ("events e JOIN documents d ON d.id = e.document_id "
               "LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place")


@dataclass(frozen=True)
class Filters:
    """What to keep. Dates are ISO ``YYYY-MM-DD`` (inclusive); ``country`` is ISO 3166-1 alpha-2;
    ``type`` matches a PLOVER type or an ACLED event type; ``bbox`` is (min_lon, min_lat, max_lon, max_lat)."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    type: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    document: str | None = None
    incident: str | None = None
    q: str | None = None  # text search in the evidence

    @property
    def empty(self) -> bool:
        return not any((self.date_from, self.date_to, self.country, self.type, self.bbox, self.document,
                        self.incident, self.q))

    def where(self, *, incidents: bool = True) -> tuple[str, list]:
        """SQL condition over ``events e``/``places p``/``documents d`` (``TRUE`` when nothing is filtered)."""
        return self.conditions(JOINED if incidents else {**JOINED, "incident": None})

    def conditions(self, cols: dict[str, str | None]) -> tuple[str, list]:
        """SQL condition and parameters with the column expressions in ``cols`` (see :data:`JOINED`);
        a filter whose column is missing or None is not applied."""
        conds, params = [], []
        for name, op, val in (("day", ">=", self.date_from), ("day", "<=", self.date_to),
                              ("country", "=", self.country and self.country.upper()),
                              ("document", "=", self.document), ("incident", "=", self.incident)):
            if val and cols.get(name):
                conds.append(f"{cols[name]} {op} ?")
                params.append(val)
        if self.type:
            conds.append(f"({cols['type']} = ? OR {cols['acled']} = ?)")
            params += [self.type, self.type]
        if self.bbox and cols.get("lon"):
            conds.append(f"{cols['lon']} BETWEEN ? AND ? AND {cols['lat']} BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        if self.q and cols.get("evidence"):
            conds.append(f"{cols['evidence']} ILIKE ?")
            params.append(f"%{self.q}%")
        return (" AND ".join(conds) or "TRUE"), params


# column expressions per source: the joined tables, the flat event_index, the incidents table
JOINED = {"day": EVENT_DAY, "country": "p.country", "type": "e.type", "acled": "e.acled_event_type",
          "lon": "p.lon", "lat": "p.lat", "document": "e.document_id", "incident": "e.incident_id",
          "evidence": "json_extract_string(e.data, '$.evidence.text')"}
FLAT = {"day": "day", "country": "country", "type": "type", "acled": "acled_event_type", "lon": "lon",
        "lat": "lat", "document": "document_id", "incident": "incident_id", "evidence": "evidence"}
INCIDENTS = {"day": "date", "country": "country", "type": "type", "acled": "acled_event_type", "lon": "lon",
             "lat": "lat", "incident": "id"}


def where_flat(f: Filters) -> tuple[str, list]:
    """The same filters over the flat ``event_index`` table (see :func:`sitrep.io.store.build_event_index`)."""
    return f.conditions(FLAT)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"min_lon,min_lat,max_lon,max_lat"`` -> a tuple; raises ConfigError with the expected form."""
    if not value:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        raise ConfigError(f"bbox {value!r} must be min_lon,min_lat,max_lon,max_lat (e.g. 22,44,41,53)")
    return parts  # type: ignore[return-value]
