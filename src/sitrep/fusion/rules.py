"""When do two reports tell one incident? Pure functions over :class:`Report`; no SQL here.

The unit is ACLED's, "one event per actors-day-location" (ACLED Codebook 2023, "Event definition").
Two reports are compared on what they assert, never on how they word it (docs/workbench.md):

- **vetoes** keep apart what only looks alike: incompatible event classes, dates that cannot overlap,
  places that contradict (two different named villages or towns, a town outside the other's province),
  death tolls that cannot be one evolving count, different named perpetrators, an attack and a threat;
- **evidence points** (``data/fusion/points.json``) add up what agrees: the same place weighs most, a
  province or a country needs other evidence (the same day, the same toll, a named participant), and
  copies of one report (near-identical evidence sentences) agree by their wording alone.

Two reports link when no veto holds and their points reach ``link_score``. Every setting is in
:data:`SETTINGS`, the one documented place (``sitrep incidents --set NAME=VALUE``).
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep import vocab
from sitrep.fusion.names import fold, named_in, names_match, norm, skeleton  # noqa: F401 (re-exported)
from sitrep.resources import cached

# Settings: (name, default, help). Documented in docs/workbench.md and `sitrep incidents --help`.
SETTINGS: list[tuple[str, object, str]] = [
    ("max_km", 10.0, "Two differently named towns or villages closer than this may be one place (two gazetteer entries) (km)."),
    ("district_km", 60.0, "Greatest distance from a district's (admin2) centre to a town inside it (km)."),
    ("max_days", 1, "Greatest gap between the date intervals of two reports of one incident (days)."),
    ("max_date_span_days", 7, "A date vaguer than this (a month, a year) never links two reports."),
    ("published_lookback_days", 1, "A report with no date of its own is dated [published - N, published]."),
    ("news_window_days", 14, "An event dated more than this before its report's publication is background, not news."),
    ("mutual_km", 100.0, "Two event places each report names (its own and the other's) may be one incident's if their points lie within this (km): about one district's width either side (district_km)."),
    ("near_duplicate", 0.8, "Token Jaccard of two evidence sentences above which they are copies of one report."),
    ("link_score", 2.0, "Evidence points two reports need to link (points: data/fusion/points.json)."),
    ("toll_ratio", 3.0, "Two tolls are one evolving count unless the larger exceeds toll_ratio x smaller + toll_gap."),
    ("toll_gap", 4, "See toll_ratio: the allowance for small tolls."),
    ("toll_min", 3, "Smallest agreeing death toll that counts as evidence (one or two dead agree by chance)."),
]
DEFAULTS = {name: default for name, default, _ in SETTINGS}

# Factuality values of events that did not (yet) happen: they never fuse with events that did.
UNREAL = {"hypothetical", "planned", "threatened", "negated"}

# Place precision -> level: 0 a town, village or finer (and a named place the gazetteer lacks), 2 a district,
# 3 a province, 4 a country. A coarse place says nothing about where inside it the event happened.
_LEVEL = {"admin2": 2, "adm2": 2, "district": 2, "admin1": 3, "adm1": 3, "province": 3, "region": 3,
          "state": 3, "country": 4, "continent": 5}
COARSE = {p for p, lvl in _LEVEL.items()}
# GeoNames feature codes of capitals and seats of first- and second-order divisions
_SEATS = {"PPLC", "PPLA", "PPLA2", "PPLG"}


@cached(limit=1)
def points() -> dict[str, float]:
    d = json.loads(vocab.read_text("fusion/points.json"))
    return {k: float(v) for k, v in d.items() if not k.startswith("_")}


@cached(limit=1)
def type_classes() -> dict[str, str]:
    """ACLED or PLOVER type -> class name (``data/fusion/types.json``)."""
    d = json.loads(vocab.read_text("fusion/types.json"))
    out = {}
    for cls, kinds in d["classes"].items():
        for t in kinds.get("acled", []) + kinds.get("plover", []):
            out[t] = cls
    return out


def type_class(acled_type: str | None, plover_type: str | None) -> str | None:
    classes = type_classes()
    for t in (acled_type, plover_type):
        if t and t in classes:
            return classes[t]
    return plover_type or acled_type


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


@dataclass(frozen=True)
class Place:
    """A place as an event's report gives it: the gazetteer entry (or none) and the words used."""

    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str | None
    mention: str | None = None  # the report's own words, when they differ from the gazetteer name
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature code ("P.PPLA": seat of a province)

    @functools.cached_property
    def coarse(self) -> bool:
        return (self.precision or "").lower() in COARSE

    @functools.cached_property
    def level(self) -> int:
        return _LEVEL.get((self.precision or "").lower(), 0)

    @functools.cached_property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.mention) if n)

    @functools.cached_property
    def big_city(self) -> bool:
        """A capital or a division's seat: 'in X' says little about where in it (a city of many districts)."""
        return self.level == 0 and (self.feature or "").split(".")[-1] in _SEATS

    @functools.cached_property
    def stands_in(self) -> bool:
        """A town's point standing for a named place inside it ('Karte Char' resolved to Kabul)."""
        return bool(self.mention and self.name and self.level == 0 and not names_match(self.mention, self.name))


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
    acled_type: str | None = None
    fatalities: int | None = None
    dated: bool = False  # the event carries a date of its own (not the publication window)
    start: int = 0  # evidence offset in the document text
    confidence: float = 0.0
    perpetrators: set[str] = field(default_factory=set)  # proper-name words of named armed groups (source side)
    names: set[str] = field(default_factory=set)  # proper-name words of every named participant
    role: str = "other"  # main, fragment, background, other (fusion/report.py)
    container: Place | None = None  # the place its sentence puts its own place in (fusion/contain.py)
    alongside: Place | None = None  # the other end of "between X and Y" (fusion/contain.py)
    _tokens: set[str] | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.document_id, self.id)

    @property
    def tclass(self) -> str | None:
        return type_class(self.acled_type, self.type)

    @property
    def tokens(self) -> set[str]:
        if self._tokens is None:
            self._tokens = set(norm(self.evidence).split())
        return self._tokens


@dataclass
class Report:
    """What one report asserts about one incident: its main event and the fragments restating it
    (or one other event of the report standing alone). The unit fusion links."""

    document_id: str
    events: list[EventRecord]
    tclass: str | None
    lo: date | None
    hi: date | None
    places: list[Place]
    fatalities: int | None
    perpetrators: set[str]
    names: set[str]
    tokens: set[str]
    real: bool
    country: str | None
    role: str
    incident_id: str | None = None
    context: list[Place] = field(default_factory=list)  # every other place the report names (not datelines)
    # the toll is not the main event's own: a death count of the text, or a figure only a fragment gives
    # (a second ambush on the rescuers, one victim of several): evidence for a link, never against
    toll_loose: bool = False
    keys: dict[str, frozenset[str]] = field(default_factory=dict)  # name-like phrases of its own news (names.name_keys)

    @property
    def key(self) -> tuple[str, str]:
        return self.events[0].key

    @property
    def exact_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi


@dataclass
class Verdict:
    linked: bool
    score: float
    veto: str | None
    reasons: list[str]

    def text(self) -> str:
        if self.veto:
            return f"kept apart: {self.veto}"
        return f"{self.score:g} points ({', '.join(self.reasons) or 'no evidence'})"


def near_duplicate(a: set[str], b: set[str], *, threshold: float) -> bool:
    if len(a) < 4 or len(b) < 4:  # too short to call a copy
        return False
    return len(a & b) / len(a | b) >= threshold


def place_relation(a: Place, b: Place, s: dict) -> tuple[str, float]:
    """(relation, points) of two places: same, near, within, same district/province, country, unknown
    or conflict."""
    pts = points()
    if a.country and b.country and a.country != b.country:
        return "conflict: different countries", -1
    la, lb = a.level, b.level
    if any(names_match(x, y) for x in a.names for y in b.names) or (a.geonameid and a.geonameid == b.geonameid):
        if la == lb == 0:
            if a.stands_in and b.stands_in and not names_match(a.mention, b.mention):
                return f"conflict: {a.mention} and {b.mention} are different places in {a.name}", -1
            if a.stands_in != b.stands_in:  # a named place inside a town vs the town's point: vague
                return f"within {a.name or b.name}", pts["within"]
            if a.big_city or b.big_city:  # the same city of many neighbourhoods: needs other evidence
                return f"same city {a.name or b.name}", pts["within"]
            return f"same place {a.mention or a.name}", pts["same_place"]
        if la == lb == 2:
            return f"same district {a.name}", pts["same_district"]
        if la == lb == 3:
            return f"same province {a.name}", pts["same_province"]
        if max(la, lb) <= 3:
            return f"within {a.name if la > lb else b.name}", pts["within"]
        return "same country", 0.0
    if la == 4 or lb == 4:
        return "same country", 0.0
    if la == lb == 0:
        if a.located and b.located:
            d = km(a.lat, a.lon, b.lat, b.lon)
            if a.stands_in or b.stands_in:  # a named place standing on a town's point: its name decides
                return f"conflict: {a.mention or a.name} and {b.mention or b.name} are different places", -1
            if d <= s["max_km"]:
                return f"{a.name} and {b.name} {d:.0f} km apart", pts["near_place"]
            for town, other in ((a, b), (b, a)):
                # a town named like its own province may stand for the province (Kunduz, Mandera, Herat)
                if town.admin1 and names_match(town.name, town.admin1) and other.admin1 \
                        and norm(other.admin1) == norm(town.admin1):
                    return f"{other.name} within {town.admin1} (town or province)", pts["within"]
            return f"conflict: {a.name} and {b.name} {d:.0f} km apart", -1
        if not a.located and not b.located:
            return f"conflict: {a.mention or a.name} and {b.mention or b.name} are different places", -1
        return "unknown", 0.0  # a place the gazetteer lacks may lie near the other
    if la == lb == 2:  # two districts of the gazetteer, differently named: two places of one level
        return f"conflict: {a.name} and {b.name} are different districts", -1
    fine, big = (a, b) if la < lb else (b, a)
    if big.level == 3:
        if fine.admin1 and big.admin1:
            if norm(fine.admin1) == norm(big.admin1) or names_match(fine.admin1, big.name):
                return f"{fine.name} within {big.name}", pts["within"]
            return f"conflict: {fine.name} is not in {big.name}", -1
        return "unknown", 0.0
    # big is a district: distance from its centre, where both are located
    if fine.located and big.located:
        d = km(fine.lat, fine.lon, big.lat, big.lon)
        limit = s["district_km"] * (2 if fine.level == 2 else 1)
        if d <= limit and fine.level == 0:
            return f"{fine.name} within {big.name}", pts["within"]
        if d > limit:
            return f"conflict: {fine.name} is {d:.0f} km from {big.name}", -1
    return "unknown", 0.0


def places_relation(pa: list[Place], pb: list[Place], s: dict) -> tuple[str, float]:
    """The relation of two reports' places, decided at the finest level both give: two named villages
    that differ keep the reports apart even when both add the same province."""
    if not pa or not pb:
        return "no place", 0.0
    for level in (0, 2, 3, 4):
        fa = [p for p in pa if p.level <= level]
        fb = [p for p in pb if p.level <= level]
        if not fa or not fb:
            continue
        rels = [place_relation(x, y, s) for x in fa for y in fb]
        good = [r for r in rels if r[1] > 0]
        if good:
            return max(good, key=lambda r: r[1])
        if all(r[1] < 0 for r in rels):
            return rels[0]
        if level == 0 and any(r[1] < 0 for r in rels) and not any(r[0] == "unknown" for r in rels):
            return next(r for r in rels if r[1] < 0)
    return "same country", 0.0


def _named_in(primary: list[Place], context: list[Place]) -> Place | None:  # noqa: D401
    """A town or village of one report's event that the other report names somewhere."""
    for p in primary:
        if p.level == 0 and any(names_match(x, y) for c in context if _same_country(p, c)
                                for x in p.names for y in c.names):
            return p
    return None


def _same_country(p: Place, q: Place) -> bool:
    return not (p.country and q.country and p.country != q.country)


def _named_in_text(primary: list[Place], keys: dict[str, frozenset[str]], levels: tuple[int, ...]) -> Place | None:
    """A place of one report's event, at one of ``levels``, whose name the other report's own text gives
    (found where that report's places layer missed it: "in Kenya's Laikipia county", "#Laikipia")."""
    for p in primary:
        if p.level in levels and any(named_in(n, keys) for n in p.names):
            return p
    return None


def _named_by_each_other(a: Report, b: Report, s: dict) -> tuple[str, str] | None:
    """Two differently named event places (towns, villages, districts) that each report's own text
    names, the other's as well as its own: one place told two ways (a village and its commune, the two
    ends of a road, where it happened and where the vehicle was found), not two incidents. Towns whose
    points lie more than ``mutual_km`` apart, or a named place inside a city, stay a contradiction."""
    for x in a.places:
        for y in b.places:
            if max(x.level, y.level) > 2 or x.stands_in or y.stands_in or (x.country and y.country
                                                                            and x.country != y.country):
                continue
            if x.located and y.located and km(x.lat, x.lon, y.lat, y.lon) > s["mutual_km"]:
                continue
            if _names(b, x) and _names(a, y):
                return x.mention or x.name, y.mention or y.name
    return None


def _names(r: Report, p: Place) -> bool:
    """The report names the place outside its background sentences: among its places, or in its text."""
    return any(names_match(n, m) for n in p.names for c in r.context for m in c.names) \
        or any(named_in(n, r.keys) for n in p.names)


def report_places_relation(a: Report, b: Report, s: dict) -> tuple[str, float]:
    """Places of two reports: their events' places first (a contradiction between them keeps the reports
    apart); else a town or village of one report's event that the other report names elsewhere (an event
    placed at the district, the village named in the next sentence) agrees too, then one its text names
    where its places layer found none; then a district or province, likewise."""
    pts = points()
    rel = places_relation(a.places, b.places, s)
    if rel[1] < 0 and (pair := _named_by_each_other(a, b, s)):
        return f"each names the other's place ({pair[0]} / {pair[1]})", pts["named_each_other"]
    if rel[1] >= pts["same_place"] or rel[1] < 0:
        return rel  # a contradiction between the events' own places stands: "Tiboro, in Selma" is not Kamba
    hit = _named_in(a.places, b.context) or _named_in(b.places, a.context)
    if hit is not None:
        return f"both name {hit.mention or hit.name}", pts["named_place"]
    hit = _named_in_text(a.places, b.keys, (0,)) or _named_in_text(b.places, a.keys, (0,))
    if hit is not None and pts["named_in_text"] > rel[1]:
        return f"both name {hit.mention or hit.name} (in the text)", pts["named_in_text"]
    if rel[1] <= 0:  # a district or province of one report's event that the other names
        for x, other in ((a, b), (b, a)):
            for p in x.places:
                if not 2 <= p.level <= 3 or _other_at_level(p, other.places):
                    continue
                how = "" if any(names_match(n, m) for c in other.context if _same_country(p, c)
                                for n in p.names for m in c.names) \
                    else " (in the text)" if _named_in_text([p], other.keys, (p.level,)) else None
                if how is not None:
                    return f"both name {p.name}{how}", pts["same_district" if p.level == 2 else "same_province"]
    return rel


def _other_at_level(p: Place, places: list[Place]) -> bool:
    """The report places its event in another division of the same level: naming ``p`` elsewhere in its
    text does not make it the event's."""
    return any(q.level == p.level and not any(names_match(n, m) for n in p.names for m in q.names) for q in places)


def tolls_relation(a: int | None, b: int | None, s: dict) -> tuple[str, float]:
    if a is None or b is None:
        return "", 0.0
    lo, hi = sorted((a, b))
    if hi > s["toll_ratio"] * lo + s["toll_gap"]:
        return f"conflict: tolls {lo} and {hi} cannot be one evolving count", -1
    if lo >= s["toll_min"] and hi <= max(lo * 1.5, lo + 2):
        return f"tolls {a} and {b}", points()["toll"]
    return "", 0.0


def actors_relation(a: Report, b: Report) -> tuple[str, float]:
    if a.perpetrators and b.perpetrators and not (a.perpetrators & b.perpetrators) \
            and not _acronym_of(a.perpetrators, b.perpetrators):
        return (f"conflict: different perpetrators ({', '.join(sorted(a.perpetrators))} / "
                f"{', '.join(sorted(b.perpetrators))})", -1)
    common = a.names & b.names
    if common:
        return f"named {sorted(common)[0]}", points()["actor"]
    return "", 0.0


def _acronym_of(x: set[str], y: set[str]) -> bool:
    """JNIM and 'Jama'at Nusrat al-Islam wal-Muslimin': one side's word is the other's initials."""
    for short, long_ in ((x, y), (y, x)):
        initials = "".join(w[0] for w in sorted(long_))
        if any(len(w) >= 2 and w.isupper() and set(w) <= set(initials.upper()) for w in short):
            return True
    return False


def compare(a: Report, b: Report, s: dict) -> Verdict:
    """Whether two reports tell one incident under the settings ``s`` (see the module docstring)."""
    pts = points()
    if not a.tclass or a.tclass != b.tclass:
        return Verdict(False, 0.0, f"different kinds of event ({a.tclass} / {b.tclass})", [])
    if a.real != b.real:  # a threat or a denial-of-occurrence is not the attack itself
        return Verdict(False, 0.0, "one report tells a threat, plan or denial, the other an event", [])
    if "background" in (a.role, b.role):  # told in passing: too little said to link it
        return Verdict(False, 0.0, "an event told in passing (background)", [])
    reasons, score = [], 0.0
    dup = near_duplicate(a.tokens, b.tokens, threshold=s["near_duplicate"])
    if dup:
        score += pts["duplicate"]
        reasons.append("near-identical wording")
    if None in (a.lo, a.hi, b.lo, b.hi):
        return Verdict(False, 0.0, "a report without a date", [])
    span = max((a.hi - a.lo).days, (b.hi - b.lo).days)
    if span >= s["max_date_span_days"]:
        return Verdict(False, 0.0, "a date vaguer than max_date_span_days", [])
    gap = max((b.lo - a.hi).days, (a.lo - b.hi).days, 0)
    if gap > s["max_days"]:
        return Verdict(False, 0.0, f"dates {gap} days apart", [])
    if a.exact_day and b.exact_day:
        if a.lo == b.lo:
            score += pts["same_day"]
            reasons.append(f"same day {a.lo.isoformat()}")
        else:  # both give their day and the days differ: allowed (overnight, time zones) but counts against
            score += pts["different_day"]
            reasons.append(f"different days {min(a.lo, b.lo).isoformat()} and {max(a.lo, b.lo).isoformat()}")
    tolls = tolls_relation(a.fatalities, b.fatalities, s)
    if tolls[1] < 0 and (a.toll_loose or b.toll_loose):
        tolls = ("", 0.0)  # a count not tied to the main event may be another's or a part: for, never against
    for rel, p in (tolls, report_places_relation(a, b, s),
                   actors_relation(a, b)):
        if p < 0:
            if dup and not rel.startswith("conflict: tolls"):
                continue  # copies of one report: their wording outweighs a misread place or actor
            return Verdict(False, score, rel.removeprefix("conflict: "), reasons)
        if p > 0:
            score += p
            reasons.append(rel)
    return Verdict(score >= s["link_score"], score, None, reasons)
