"""The offline basemap: Natural Earth 1:50m country outlines shipped as TopoJSON (npm ``world-atlas``).

The web page decodes the same file in the browser (``static/app.js``); the situation report draws
it as inline SVG (:mod:`sitrep.web.svgmap`) through :func:`country_rings` and :func:`admin1_rings`.
No tile server, no network.
"""
from __future__ import annotations

import json
from pathlib import Path

from sitrep.resources import cached

BASEMAP = Path(__file__).parent / "static" / "world" / "countries-50m.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode quantized arcs into lon/lat points (TopoJSON spec, section 2.1.3)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a[1:] if pts else a)
    return pts


@cached(limit=1)
def country_rings() -> list[tuple[str, str, list[list[tuple[float, float]]]]]:
    """Every country as ``(iso_numeric, name, rings)``; rings are closed lon/lat point lists."""
    topo = json.loads(BASEMAP.read_text())
    arcs = decode_arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", [])
        rings = [ring(arcs, r) for poly in polys for r in poly]
        out.append((str(g.get("id", "")), g.get("properties", {}).get("name", ""), rings))
    return out


ADMIN1 = Path(__file__).parent / "static" / "admin1"


@cached(limit=1)
def _admin1_index() -> dict[str, list[float]]:
    return json.loads((ADMIN1 / "index.json").read_text())


@cached(limit=64)
def _admin1_country(iso3: str) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    data = json.loads((ADMIN1 / f"{iso3}.json").read_text())
    out = []
    for name, rings in zip(data["names"], data["rings"]):
        decoded = []
        for flat in rings:
            x = y = 0
            pts = []
            for i in range(0, len(flat), 2):
                x += flat[i]
                y += flat[i + 1]
                pts.append((x / 1000, y / 1000))
            decoded.append(pts)
        out.append((name, decoded))
    return out


def admin1_rings(bbox: tuple[float, float, float, float]) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """First-level divisions (name, rings) of the countries whose extent meets ``bbox``
    (min_lon, min_lat, max_lon, max_lat): the same files the page draws."""
    x0, y0, x1, y1 = bbox
    out = []
    for iso3, (a, b, c, d) in _admin1_index().items():
        if c >= x0 and a <= x1 and d >= y0 and b <= y1:
            out.extend(_admin1_country(iso3))
    return out
