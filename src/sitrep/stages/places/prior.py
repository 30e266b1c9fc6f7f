"""How likely each reading of a place name is before any document evidence: the prior from the
reading's kind and population, the name-match penalty, and each reading's share of its name."""
from __future__ import annotations

import math

from sitrep.resources import cached

MAX_CANDS = 25  # candidates scored per mention, by prior (a name like "Washington" has hundreds)
KIND_PRIOR = {"country": 13.0, "region": 7.5, "seat": 8.0, "admin1": 8.0}
SUPPORT_TOP = 4  # candidates per other name that may lend support (by prior)
LOCAL_KINDS = ("city", "admin1", "admin2", "region")
# a county's prior grows slowly with the population of its places: among the 17 Monroe Counties the
# state the article names matters more than size, and a summed population overstates a county
# against a town of the same name
ADMIN2_PRIOR = (3.0, 0.6)
MATCH = {"name": 0.0, "alt": -0.4, "skeleton": -2.0}


def prior(e) -> float:
    """A reading's prior: fixed for countries, regions, seats and first-level divisions, growing with
    population for counties and towns, with a bonus for a capital."""
    if e.kind in KIND_PRIOR:
        return KIND_PRIOR[e.kind]
    if e.kind == "admin2":
        return ADMIN2_PRIOR[0] + ADMIN2_PRIOR[1] * math.log10(max(e.population, 10))
    return 1.25 * math.log10(max(e.population, 10)) + (1.5 if e.feature == "P.PPLC" else 0.0)


def shares(cands) -> list:
    """The likeliest local readings of one name as (lat, lon, share, idx, country, admin1 code, kind):
    share is the reading's part of the name's prior (softmax over its readings)."""
    return _shares(_Readings(cands))


class _Readings:
    """One name's candidates as a cache key: equal when their (idx, match, lat) are, which is cheaper to
    hash than every field of every entry."""

    __slots__ = ("cands", "key")

    def __init__(self, cands):
        self.cands = cands
        self.key = tuple((e.idx, e.match, e.lat) for e in cands)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return self.key == other.key


@cached(limit=20_000)  # a candidate set's support points: names recur across articles
def _shares(readings: _Readings) -> list:
    cands = readings.cands
    top = sorted((e for e in cands if e.match != "skeleton"), key=prior, reverse=True)[:MAX_CANDS]
    w = [math.exp(min(prior(e), 30.0)) for e in top]
    tot = sum(w)
    return [(e.lat, e.lon, x / tot, e.idx, e.country, e.admin1_code, e.kind)
            for e, x in zip(top, w) if e.kind in LOCAL_KINDS and e.lat is not None][:SUPPORT_TOP]
