"""Geoparsing evaluation on GeoNames-annotated XML corpora (TR-News, GeoVirus; Gritta et al. 2019,
"A Pragmatic Guide to Geoparsing Evaluation").

Each gold toponym is matched to a system place mention near its offset (offsets in TR-News are
sometimes shifted by a few characters, GeoVirus offsets are 1-based) whose text contains, or is
contained in, the gold phrase; matching is one to one, nearest first. Figures:

* ``recall``: gold toponyms found; ``precision``: system mentions that match a gold toponym
  (every use counts: places, metonyms, demonyms, as the corpora annotate all of them);
* ``acc161``: of the found toponyms with gold coordinates, the share the system put within 161 km
  (an unresolved one counts as wrong); ``median_km`` and ``mean_km`` over those with coordinates;
  ``acc161_towns``: the same over toponyms the system resolved to a town or point (countries and
  divisions have no agreed centre: TR-News uses GeoNames' points, GeoVirus Wikipedia's);
* ``acc161_or_area``: acc161, also counting a country or first-level division reading right when the
  gold point lies in it (by the nearest town), whatever point each side gives the area;
* ``recall_x_acc161``: end to end, the share of all gold toponyms found and put within 161 km;
* ``same_geonameid``: of the found and resolved toponyms whose gold names a GeoNames id (TR-News), the
  share resolved to that very entry (a place sitrep built itself, such as a county, has no id);
* ``ms_per_1k_words``: time in the places stage per 1,000 words.

Run directly: ``python -m sitrep.eval.geoparsing PATH.xml [--limit N] [--misses]``.
"""
from __future__ import annotations

import re
import statistics
import sys
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from sitrep.doc import RawDocument
from sitrep.gazetteer.index import km

WINDOW = 15  # characters a gold offset may be off by


@dataclass
class Toponym:
    phrase: str
    start: int
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass
class Article:
    id: str
    text: str
    published: str | None
    toponyms: list[Toponym]


def _f(el, tag):
    x = el.find(tag)
    return None if x is None or x.text is None else x.text.strip()


def read_corpus(path: str | Path) -> list[Article]:
    """Articles and gold toponyms from a TR-News-style (``toponym``) or GeoVirus-style (``location``) XML."""
    root = ET.parse(path).getroot()
    out = []
    for n, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        tops = []
        for t in a.iter("toponym"):
            g = t.find("gaztag")
            lat = _f(g, "lat") if g is not None else None
            lon = _f(g, "lon") if g is not None else None
            gid = g.get("geonameid") if g is not None else None
            tops.append(Toponym(_f(t, "phrase") or "", int(_f(t, "start")), float(lat) if lat else None,
                                float(lon) if lon else None, int(gid) if gid and gid.isdigit() else None))
        for loc in a.iter("location"):  # GeoVirus: 1-based offsets
            lat, lon = _f(loc, "lat"), _f(loc, "lon")
            tops.append(Toponym(_f(loc, "name") or "", int(_f(loc, "start")) - 1, float(lat) if lat else None,
                                float(lon) if lon else None))
        out.append(Article(a.get("docid") or str(n), text, _f(a, "dltime"), sorted(tops, key=lambda x: x.start)))
    return out


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    return re.sub(r"\W+", " ", s).strip()


def _same(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def system_mentions(doc) -> list[dict]:
    """Every place mention of a processed document, with original offsets and its place."""
    out = []
    for p in doc.layers.get("places", []):
        for m in p["mentions"]:
            out.append({"start": doc.source_map.to_original(m["start"]), "text": m["text"], "place": p})
    return out


def counters() -> dict:
    """The tallies :func:`score_article` adds to."""
    return {"gold": 0, "system": 0, "found": 0, "found_geo": 0, "within": 0, "errors": [], "local": 0,
            "local_within": 0, "with_id": 0, "same_id": 0, "area": 0}


def _in_area(p: dict, lat: float, lon: float, gaz) -> bool:
    """Whether a country or first-level division reading holds the gold point (by its nearest town)."""
    if gaz is None or p.get("precision") not in ("country", "admin1") or not p.get("country"):
        return False
    t = gaz.nearest_town(lat, lon)
    return t is not None and t.country == p["country"] and (p["precision"] == "country" or t.admin1 == p.get("admin1"))


def score_article(art: Article, doc, c: dict, misses: list | None = None, gaz=None) -> None:
    sys_m = system_mentions(doc)
    used = set()
    c["gold"] += len(art.toponyms)
    c["system"] += len(sys_m)
    for g in art.toponyms:
        best, bd = None, WINDOW + 1
        for k, m in enumerate(sys_m):
            d = abs(m["start"] - g.start)
            if k not in used and d < bd and _same(g.phrase, m["text"]):
                best, bd = k, d
        if best is None:
            if misses is not None:
                misses.append(f"{art.id} not found: {g.phrase!r} @{g.start}")
            continue
        used.add(best)
        c["found"] += 1
        if g.lat is None:
            continue
        c["found_geo"] += 1
        p = sys_m[best]["place"]
        if p.get("lat") is None:
            if misses is not None:
                misses.append(f"{art.id} unresolved: {g.phrase!r} ({p.get('reason')})")
            continue
        if g.geonameid is not None:
            c["with_id"] += 1
            c["same_id"] += p.get("geonameid") == g.geonameid
        err = km(g.lat, g.lon, p["lat"], p["lon"])
        c["errors"].append(err)
        local = p.get("precision") in ("city", "point", "admin2")
        c["local"] += local
        if err <= 161:
            c["within"] += 1
            c["local_within"] += local
            c["area"] += 1
            continue
        area = _in_area(p, g.lat, g.lon, gaz)
        c["area"] += area
        if misses is not None and area:
            misses.append(f"{art.id} {err:.0f} km off, in the right area: {g.phrase!r} -> {p['name']} ({p['country']})")
        elif misses is not None:
            misses.append(f"{art.id} {err:.0f} km off: {g.phrase!r} -> {p['name']} ({p['country']}, {p['admin1']})")


def evaluate(path, *, pipeline, limit: int | None = None, misses: list | None = None) -> dict:
    """Run ``pipeline`` on the corpus at ``path`` and return its geoparsing figures (module docstring)."""
    arts = read_corpus(path)[:limit] if limit else read_corpus(path)
    c = counters()
    gaz = pipeline.res.gazetteer if getattr(pipeline, "res", None) is not None else None  # loaded before the timing
    t0 = dict(getattr(pipeline, "timings", {}))
    raws = [RawDocument(text=a.text, path=f"{Path(path).name}#{a.id}", id=a.id, published=a.published) for a in arts]
    words = 0
    for art, doc in zip(arts, pipeline.pipe(raws)):
        words += len(art.text.split())
        if doc.error is None:
            score_article(art, doc, c, misses, gaz)
    t1 = getattr(pipeline, "timings", {})
    stage_s = t1.get("find_places", 0.0) - t0.get("find_places", 0.0)
    name = Path(path).stem
    recall = c["found"] / c["gold"] if c["gold"] else 0.0
    acc = c["within"] / c["found_geo"] if c["found_geo"] else 0.0
    geo_gold = sum(1 for a in arts for g in a.toponyms if g.lat is not None)
    return {
        f"{name}.docs": len(arts),
        f"{name}.toponyms": c["gold"],
        f"{name}.recall": round(recall, 4),
        f"{name}.precision": round(c["found"] / c["system"], 4) if c["system"] else 0.0,
        f"{name}.acc161": round(acc, 4),
        f"{name}.acc161_or_area": round(c["area"] / c["found_geo"], 4) if c["found_geo"] else 0.0,
        f"{name}.acc161_towns": round(c["local_within"] / c["local"], 4) if c["local"] else 0.0,
        f"{name}.median_km": round(statistics.median(c["errors"]), 1) if c["errors"] else None,
        f"{name}.mean_km": round(statistics.fmean(c["errors"]), 1) if c["errors"] else None,
        f"{name}.recall_x_acc161": round(c["within"] / geo_gold, 4) if geo_gold else 0.0,
        f"{name}.same_geonameid": round(c["same_id"] / c["with_id"], 4) if c["with_id"] else None,
        f"{name}.ms_per_1k_words": round(1000 * stage_s / words * 1000, 2) if words else None,
    }


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    from sitrep.pipeline import Pipeline
    from sitrep.stages import places

    ap = argparse.ArgumentParser(description="Geoparsing figures on a GeoNames-annotated XML corpus.")
    ap.add_argument("path", nargs="+")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--misses", action="store_true", help="print every miss to stderr")
    a = ap.parse_args(argv)
    pipeline = Pipeline(stages=[places.STAGE])  # the places stage reads only the parse
    for p in a.path:
        misses: list[str] = []
        print(json.dumps(evaluate(p, pipeline=pipeline, limit=a.limit, misses=misses)))
        if a.misses:
            print("\n".join(misses), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
