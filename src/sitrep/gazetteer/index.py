"""The gazetteer look-up: names -> candidate entries, over the tables :mod:`.build` makes."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached
from sitrep.gazetteer.normalize import (consonant_frame, fold, izafe_forms, skeleton, somali_key, undouble,
                                        without_article)

CACHE_SIZE = 50_000  # look-ups remembered (entries are immutable)
PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region", "city": "city",
             "seat": "point"}


def km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry. ``match`` says how the looked-up name matched it: ``name`` (its
    main name), ``alt`` (an alternate name) or ``skeleton`` (a transliteration variant)."""

    idx: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    feature: str
    population: int
    kind: str
    admin1: str | None = None
    match: str = "name"

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


@cached
def _compass_forms() -> dict[str, str]:
    """Each compass word's other form ("north" <-> "northern"), from ``data/places/compass_forms.tsv``."""
    out = {}
    for ln in vocab.terms("places/compass_forms.tsv")[1:]:  # (after the header)
        a, b = ln.split("\t")
        out[a], out[b] = b, a
    return out


def _other_forms(key: str, hyphenated: bool) -> list[str]:
    """Other spellings of a folded name that a look-up tries last: the other form of an opening compass word
    ("north darfur" -> "northern darfur", not "north region"), and, for a ``hyphenated`` name of two words, the two written as
    one ("Petion-Ville" -> "petionville"; two words apart may be a phrase, "Green Wood")."""
    out = []
    head, _, rest = key.partition(" ")
    # (not before a division noun alone: Cameroon's "North Region" is not Ghana's "Northern Region")
    other = _compass_forms().get(head) if rest and rest not in vocab.words("places/division_nouns.txt") else None
    if other:
        out.append(f"{other} {rest}")
    if hyphenated and rest and " " not in rest and len(head) >= 3 and len(rest) >= 3:
        out.append(head + rest)
    return out


class Gazetteer:
    """Look-ups over a built index (see :func:`sitrep.gazetteer.build.load_index`)."""

    def __init__(self, data: dict):
        self.version = data.get("version", "memory")
        (self._gid, self._name, self._lat, self._lon, self._cc, self._a1, self._feat, self._pop,
         self._kind) = data["cols"]
        self._keys = data["keys"]
        self._skel = data["skel"]
        self._cache: dict[tuple[str, bool], tuple[Entry, ...]] = {}  # names recur across articles
        self._has: dict[str, bool] = {}
        self._entries: dict[tuple[int, str], Entry] = {}  # one place is reached by many names and look-ups
        self._admin1: dict[tuple[str, str], int] = {}
        self._country: dict[str, int] = {}
        self._towns: dict[tuple[int, int], list[int]] | None = None  # 1-degree grid of towns, on first use
        self._a1_towns: dict[tuple[str, str], list[int]] | None = None  # (country, admin1) -> towns, on first use
        self._bare: dict[str, list[int]] | None = None  # names without their Arabic article -> codes, on first use
        self._somali: dict[str, list[int]] | None = None  # Somali names as English spells them -> codes, on first use
        for i, kind in enumerate(self._kind):
            if kind == "admin1":
                self._admin1[(self._cc[i], self._a1[i])] = i
            elif kind == "country":
                self._country[self._cc[i]] = i

    def __len__(self) -> int:
        return len(self._name)

    def entry(self, idx: int, match: str = "name") -> Entry:
        got = self._entries.get((idx, match))
        if got is None:
            if len(self._entries) >= CACHE_SIZE:
                self._entries.clear()
            got = self._entries[(idx, match)] = self._make_entry(idx, match)
        return got

    def _make_entry(self, idx: int, match: str) -> Entry:
        cc, a1, kind = self._cc[idx], self._a1[idx], self._kind[idx]
        a1_name = None
        if kind in ("city", "admin1", "admin2", "region") and a1:
            j = self._admin1.get((cc, a1))
            a1_name = self._name[j] if j is not None else (a1 if not a1.isdigit() else None)
        return Entry(idx, self._gid[idx], self._name[idx], self._lat[idx], self._lon[idx], cc, a1,
                     self._feat[idx], self._pop[idx], kind, a1_name, match)

    def has(self, name: str) -> bool:
        """Whether ``name`` (folded) is any entry's name or alternate name, also in another form of an opening
        compass word or of a hyphenated name (:func:`_other_forms`)."""
        hit = self._has.get(name)
        if hit is None:
            if len(self._has) >= CACHE_SIZE:
                self._has.clear()
            f = fold(name)
            hit = self._has[name] = f in self._keys or ("=" + name) in self._keys or any(
                k in self._keys for k in _other_forms(f, "-" in name))
        return hit

    def has_exact(self, name: str) -> bool:
        """Whether ``name`` is a case-sensitive abbreviation of an entry ("U.S.", "Ky.")."""
        return ("=" + name) in self._keys

    def lookup(self, name: str, *, variants: bool = True) -> list[Entry]:
        """Every entry named ``name``, by the first of these steps that finds any: exact-case abbreviation
        or folded name; the name with or without an Arabic article (:meth:`_article_matches`); another
        form of an opening compass word or a hyphenated name (:func:`_other_forms`); another romanisation
        of an izafe ("Kuhi Safed": :func:`.normalize.izafe_forms`); the same spelling but for doubled
        letters; only when ``variants`` is true, a transliteration skeleton; and a Somali name as English
        usage spells it (:meth:`_somali_matches`). Every step after the first is one name's other spelling,
        so it runs without ``variants`` too, but the skeleton, a sound-alike."""
        key = (name, variants)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            hit = self._cache[key] = tuple(self._lookup(name, variants))
        return list(hit)

    def _lookup(self, name: str, variants: bool) -> list[Entry]:
        out: dict[int, Entry] = {}
        for key in ("=" + name, fold(name)):
            v = self._keys.get(key)
            if v is None:
                continue
            for code in (v,) if isinstance(v, int) else v:
                i, alt = divmod(code, 2)
                if i not in out:
                    out[i] = self.entry(i, "alt" if alt else "name")
        if not out:  # "Busayrah" / "Al Busayrah", "Al Qaim" / "Qaim": one name with or without its article
            for i in self._article_matches(fold(name)):
                out[i] = self.entry(i, "alt")  # (an alternate name: a small place's needs support, see resolve.py)
        if not out:  # "North Darfur" / "Northern Darfur"; "Petion-Ville" / "Petionville"
            for key in _other_forms(fold(name), "-" in name):
                v = self._keys.get(key) if key else None
                for code in () if v is None else (v,) if isinstance(v, int) else v:
                    out.setdefault(code // 2, self.entry(code // 2, "alt"))
        if not out:  # (also without ``variants``: the izafe forms are one name's spellings, not a sound-alike)
            for form in izafe_forms(name):  # "Kuhi Safed" -> "Kuh-e Safed": a loose match, like a skeleton's
                v = self._keys.get(fold(form))
                for code in () if v is None else (v,) if isinstance(v, int) else v:
                    i = code // 2
                    if i not in out:
                        out[i] = self.entry(i, "skeleton")
        if not out:
            s = skeleton(name)
            v = self._skel.get(s)
            if v is not None:
                f = fold(name)
                frame, words, single = consonant_frame(name), f.count(" "), undouble(f)
                for i in (v,) if isinstance(v, int) else v:
                    g = fold(self._name[i])
                    if undouble(g) == single:  # only doubled letters differ ("Hiraan", "Hiiraan"): one spelling
                        out[i] = self.entry(i, "alt")
                        continue
                    if not variants or len(s) < 4:
                        continue  # (a shorter skeleton is too loose for a sound-alike)
                    if g[:1] == f[:1] and abs(len(g) - len(f)) <= 3 and g.count(" ") == words and (
                            self._kind[i] != "city" or self._pop[i] >= 5000) and consonant_frame(g) == frame:
                        out[i] = self.entry(i, "skeleton")
        if not out:  # "El Dhere" / "Ceel Dheere": a Somali name in English usage (one name's spellings, as above)
            for i in self._somali_matches(fold(name)):
                out[i] = self.entry(i, "skeleton")
        return list(out.values())

    def _somali_matches(self, key: str) -> list[int]:
        """Entries of a country that writes Somali names in the official orthography whose name, spelled as
        English usage spells it, is ``key`` so spelled (``data/places/somali_spelling.json``)."""
        rules = vocab.table("places/somali_spelling.json")
        if self._somali is None:
            countries, marks = set(rules["countries"]), rules["marks"]
            inside = {i for i, cc in enumerate(self._cc) if cc in countries}
            som: dict[str, list[int]] = {}
            for k, v in self._keys.items():  # (the country test first: it rules out most keys at once)
                if isinstance(v, int):
                    if v // 2 not in inside:
                        continue
                    codes = [v]
                else:
                    codes = [c for c in v if c // 2 in inside]
                if codes and k[:1] != "=" and any(m in k for m in marks):
                    som.setdefault(somali_key(k, rules["letters"]), []).extend(codes)
            self._somali = som
        s = somali_key(key, rules["letters"])
        if len(s) < rules["min_length"]:
            return []
        return list(dict.fromkeys(c // 2 for c in self._somali.get(s, ())))

    def _article_matches(self, key: str) -> list[int]:
        """Entries whose folded name is ``key`` with or without a leading Arabic article, in any of its
        romanisations (``data/places/arabic_articles.txt``): "al qaim", "qaim" and "el qaim" meet."""
        articles = vocab.words("places/arabic_articles.txt")
        countries = frozenset(vocab.terms("places/arabic_countries.txt"))
        initials = {a[:1] for a in articles}

        def arab(v) -> list[int]:  # only entries of countries that write the article (not "El Paso", "An Giang")
            return [c for c in ((v,) if isinstance(v, int) else v) if self._cc[c // 2] in countries]

        if self._bare is None:
            bare: dict[str, list[int]] = {}
            for k, v in self._keys.items():
                if k[:1] in initials:  # (most keys are skipped on one test)
                    rest = without_article(k, articles)
                    if rest is not None and (codes := arab(v)):
                        bare.setdefault(rest, []).extend(codes)
            self._bare = bare
        rest = without_article(key, articles)
        codes = list(self._bare.get(key, ()))
        if rest is not None:
            v = self._keys.get(rest)
            codes += () if v is None else arab(v)
            codes += self._bare.get(rest, ())
        return list(dict.fromkeys(c // 2 for c in codes))

    def country(self, iso2: str) -> Entry | None:
        i = self._country.get(iso2)
        return None if i is None else self.entry(i)

    def admin1(self, iso2: str, code: str) -> Entry | None:
        i = self._admin1.get((iso2, code))
        return None if i is None else self.entry(i)

    def namesake_seat(self, e: Entry, within_km: float) -> Entry | None:
        """The town a first-level division is named after and lies in ("Kandahar" province: Kandahar
        city), within ``within_km`` of the division's point; the most populous if several, else None."""
        if e.kind != "admin1":
            return None
        towns = [x for x in self.lookup(e.name, variants=False) if x.kind == "city" and x.country == e.country
                 and x.admin1_code == e.admin1_code and km(e.lat, e.lon, x.lat, x.lon) <= within_km]
        return max(towns, key=lambda x: x.population, default=None)

    def places_median(self, e: Entry) -> tuple[float, float] | None:
        """The median point of the populated places of the first-level division ``e`` (latitude and
        longitude apart), or None when it holds none: where a place known only to lie somewhere in the
        division most likely is, since events happen where people live."""
        if e.kind != "admin1":
            return None
        if self._a1_towns is None:
            self._a1_towns = {}
            for i, kind in enumerate(self._kind):
                if kind == "city" and self._a1[i]:
                    self._a1_towns.setdefault((self._cc[i], self._a1[i]), []).append(i)
        towns = self._a1_towns.get((e.country, e.admin1_code))
        if not towns:
            return None
        # longitudes as offsets from the division's own point, so that one across the 180th meridian
        # (Chukotka, Fiji's Eastern division) keeps its median on its own side of the world
        off = statistics.median((self._lon[i] - e.lon + 180) % 360 - 180 for i in towns)
        return statistics.median(self._lat[i] for i in towns), (e.lon + off + 180) % 360 - 180

    def _town_grid(self) -> dict[tuple[int, int], list[int]]:
        """Populated places by 1-degree cell (latitude, longitude mod 360), built on first use."""
        if self._towns is None:
            self._towns = {}
            for i, kind in enumerate(self._kind):
                if kind == "city":
                    self._towns.setdefault((math.floor(self._lat[i]), math.floor(self._lon[i]) % 360), []).append(i)
        return self._towns

    def near_country(self, countries, lat: float, lon: float, within_km: float) -> bool:
        """Whether a populated place of one of ``countries`` (ISO codes) lies within ``within_km`` of the
        point: how near the point is to those countries' territory, not to their reference points."""
        towns = self._town_grid()
        r, c = math.floor(lat), math.floor(lon) % 360
        dr = math.ceil(within_km / 111.0)
        dc = min(180, math.ceil(within_km / (111.0 * max(math.cos(math.radians(min(abs(lat) + dr, 89))), 0.01))))
        for y in range(r - dr, r + dr + 1):
            for x in range(c - dc, c + dc + 1):
                for i in towns.get((y, x % 360), ()):
                    if self._cc[i] in countries and km(lat, lon, self._lat[i], self._lon[i]) <= within_km:
                        return True
        return False

    def nearest_town(self, lat: float, lon: float) -> Entry | None:
        """The populated place nearest to a point, or None if none lies within about 20 degrees: a
        coarse reverse geocoder (away from borders its country and division are the point's)."""
        towns = self._town_grid()
        r, c = math.floor(lat), math.floor(lon) % 360
        best, best_km = None, math.inf
        for reach in range(21):
            ring = [(r + dr, (c + dc) % 360) for dr in range(-reach, reach + 1) for dc in range(-reach, reach + 1)
                    if max(abs(dr), abs(dc)) == reach]
            for cell in ring:
                for i in towns.get(cell, ()):
                    d = km(lat, lon, self._lat[i], self._lon[i])
                    if d < best_km:
                        best, best_km = i, d
            # a town in the next ring can still be nearer than one found in this ring, not beyond it
            if best is not None and best_km < reach * 111.0 * math.cos(math.radians(min(abs(lat) + reach, 89))):
                break
        return None if best is None else self.entry(best)
