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
        """SQL condition (``TRUE`` when nothing is filtered) and its parameters."""
        conds, params = [], []
        if self.date_from:
            conds.append(f"{EVENT_DAY} >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{EVENT_DAY} <= ?")
            params.append(self.date_to)
        if self.country:
            conds.append("p.country = ?")
            params.append(self.country.upper())
        if self.type:
            conds.append("(e.type = ? OR e.acled_event_type = ?)")
            params += [self.type, self.type]
        if self.bbox:
            conds.append("p.lon BETWEEN ? AND ? AND p.lat BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        if self.document:
            conds.append("e.document_id = ?")
            params.append(self.document)
        if self.incident and incidents:
            conds.append("e.incident_id = ?")
            params.append(self.incident)
        if self.q:
            conds.append("json_extract_string(e.data, '$.evidence.text') ILIKE ?")
            params.append(f"%{self.q}%")
        return (" AND ".join(conds) or "TRUE"), params


def where_flat(f: Filters) -> tuple[str, list]:
    """The same filters over the flat ``event_index`` table (see :mod:`sitrep.fusion.store`)."""
    conds, params = [], []
    for cond, val in (("day >= ?", f.date_from), ("day <= ?", f.date_to),
                      ("country = ?", f.country and f.country.upper()), ("document_id = ?", f.document),
                      ("incident_id = ?", f.incident)):
        if val:
            conds.append(cond)
            params.append(val)
    if f.type:
        conds.append("(type = ? OR acled_event_type = ?)")
        params += [f.type, f.type]
    if f.bbox:
        conds.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        params += [f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]]
    if f.q:
        conds.append("evidence ILIKE ?")
        params.append(f"%{f.q}%")
    return (" AND ".join(conds) or "TRUE"), params


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
