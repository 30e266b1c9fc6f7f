"""When are two event records one incident? Pure functions over :class:`EventRecord`; no SQL here.

The rule follows ACLED's unit of observation, "one event per actors-day-location" (ACLED Codebook,
2023, section "Event definition"): two reports describe one incident when they have the same event
type, a compatible place, compatible dates and compatible actors. Syndicated copies of one wire
report are caught by a second rule: the same type and near-identical evidence sentences.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

# Settings: (name, default, help). Documented in docs/workbench.md and `sitrep incidents --help`.
SETTINGS: list[tuple[str, object, str]] = [
    ("max_km", 25.0, "Greatest distance between two point-precise places of one incident (km)."),
    ("max_days", 1, "Greatest gap between the date intervals of two reports of one incident (days)."),
    ("max_date_span_days", 7, "A date vaguer than this (a month, a year) only fuses through near-duplicate evidence."),
    ("published_lookback_days", 1, "An event with no date of its own is dated [published - N, published]."),
    ("near_duplicate", 0.8, "Token Jaccard of two evidence sentences above which they are copies of one report."),
]
DEFAULTS = {name: default for name, default, _ in SETTINGS}

# Place precisions too coarse for a distance test: a centroid of a country or province says nothing
# about where in it the event happened, so such places match only by name or containing admin1.
# Factuality values of events that did not (yet) happen: they never fuse with events that did.
UNREAL = {"hypothetical", "planned", "threatened", "negated"}

COARSE = {"country", "region", "admin1", "adm1", "province", "state", "continent", "admin2", "adm2"}


@dataclass
class Place:
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str | None

    @property
    def coarse(self) -> bool:
        return (self.precision or "").lower() in COARSE


@dataclass
class EventRecord:
    """One row of ``events`` with what fusion needs, resolved from its document."""

    document_id: str
    id: str
    type: str | None
    lo: date | None  # the event's date interval, inclusive
    hi: date | None
    place: Place | None
    sources: set[str] = field(default_factory=set)  # normalised actor names
    targets: set[str] = field(default_factory=set)
    source_countries: set[str] = field(default_factory=set)
    target_countries: set[str] = field(default_factory=set)
    evidence: str = ""
    incident_id: str | None = None
    real: bool = True  # factuality not in UNREAL
    _tokens: set[str] | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.document_id, self.id)

    @property
    def tokens(self) -> set[str]:
        if self._tokens is None:
            self._tokens = set(norm(self.evidence).split())
        return self._tokens


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def date_interval(value: str | None, published: str | None, *, lookback: int) -> tuple[date | None, date | None]:
    """The days an ISO 8601 value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www) may mean.

    With no value, the event is taken to fall in the days just before publication, the window
    wire reports cover; with neither, the interval is unknown ``(None, None)``.
    """
    v = (value or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return date(y, mo, 1), nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 1, 1), date(int(v), 12, 31)
    except ValueError:
        pass
    if published:
        try:
            p = date.fromisoformat(published[:10])
            return p - timedelta(days=lookback), p
        except ValueError:
            pass
    return None, None


def near_duplicate(a: EventRecord, b: EventRecord, *, threshold: float) -> bool:
    ta, tb = a.tokens, b.tokens
    if len(ta) < 4 or len(tb) < 4:  # too short to call a copy
        return False
    return len(ta & tb) / len(ta | tb) >= threshold


def places_compatible(a: Place | None, b: Place | None, *, max_km: float) -> bool:
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if not a.coarse and not b.coarse:
        if None in (a.lat, a.lon, b.lat, b.lon):
            return bool(a.name) and norm(a.name) == norm(b.name)
        return km(a.lat, a.lon, b.lat, b.lon) <= max_km
    # at least one coarse place: the same name, or the precise one lies in the coarse one's admin1
    if a.name and b.name and norm(a.name) == norm(b.name):
        return True
    coarse, other = (a, b) if a.coarse else (b, a)
    if (coarse.precision or "").lower() == "country" or other.coarse:
        return False
    region = norm(coarse.admin1 or coarse.name)
    return bool(region) and norm(other.admin1) == region


def dates_compatible(a: EventRecord, b: EventRecord, *, max_days: int, max_span: int) -> bool:
    if None in (a.lo, a.hi, b.lo, b.hi):
        return False
    if (a.hi - a.lo).days >= max_span or (b.hi - b.lo).days >= max_span:
        return False
    gap = max((b.lo - a.hi).days, (a.lo - b.hi).days, 0)
    return gap <= max_days


def _side_compatible(names_a: set[str], names_b: set[str], cc_a: set[str], cc_b: set[str]) -> bool:
    if not names_a or not names_b:  # an unnamed side is compatible with anyone (ACLED "unidentified")
        return True
    if names_a & names_b:
        return True
    for x in names_a:  # "russian forces" vs "russian armed forces": one name's tokens inside the other's
        for y in names_b:
            tx, ty = set(x.split()), set(y.split())
            if tx <= ty or ty <= tx:
                return True
    return bool(cc_a and cc_b and cc_a & cc_b)


def actors_compatible(a: EventRecord, b: EventRecord) -> bool:
    return (_side_compatible(a.sources, b.sources, a.source_countries, b.source_countries)
            and _side_compatible(a.targets, b.targets, a.target_countries, b.target_countries))


def same_incident(a: EventRecord, b: EventRecord, settings: dict) -> bool:
    """True when ``a`` and ``b`` describe one incident under the settings (see module docstring)."""
    if not a.type or a.type != b.type:
        return False
    if a.key == b.key:
        return True
    if a.real != b.real:  # a threat or a denial-of-occurrence is not the attack itself
        return False
    if near_duplicate(a, b, threshold=settings["near_duplicate"]):
        # copies of one report: only a clear contradiction of place keeps them apart
        pa, pb = a.place, b.place
        if pa and pb and not pa.coarse and not pb.coarse and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
            return km(pa.lat, pa.lon, pb.lat, pb.lon) <= settings["max_km"]
        return True
    return (places_compatible(a.place, b.place, max_km=settings["max_km"])
            and dates_compatible(a, b, max_days=settings["max_days"], max_span=settings["max_date_span_days"])
            and actors_compatible(a, b))
