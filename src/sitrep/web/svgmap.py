"""The situation report's map as inline SVG over the page's basemap (no plotting library, no image).

The same Natural Earth outlines as the page (:mod:`sitrep.web.basemap`), an equirectangular view true at
its centre, incidents drawn with the page's symbols (size by reports; a town a filled dot, a district a
faded one, a province a hollow ring, a country's centre a dashed square), then names where they fit:
the incidents' places (most reported first), the countries, then the first-level divisions, none over
a point or another name. Text stays text: a reader can search and copy the names.
"""
from __future__ import annotations

import math
from html import escape

from sitrep.web.basemap import admin1_rings, country_rings

TYPE_COLORS = {"Battles": "#b2182b", "Explosions/Remote violence": "#e66101", "Violence against civilians": "#7b3294",
               "Protests": "#1a9850", "Riots": "#d6a400", "Strategic developments": "#4575b4"}
OTHER_COLOR = "#5b6472"
PRECISION_CLASS = {"admin1": "province", "adm1": "province", "province": "province", "region": "province",
                   "state": "province", "country": "country", "continent": "country",
                   "admin2": "district", "adm2": "district", "district": "district"}
WIDTH, MAX_HEIGHT, LEGEND = 760, 560, 200  # pixels: the map's frame and the legend beside it
CHAR_WIDTH = 0.56  # a character's width in ems, on average, in the sans-serif fonts browsers use (for overlaps)
CAPS_WIDTH = 0.72  # the same for capitals with the countries' letter spacing


class View:
    """Projection of lon/lat into the SVG's pixels: equirectangular, true at the view's centre."""

    def __init__(self, pts: list[tuple[float, float]]):
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        self.cx, self.cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        self.hw, self.hh = max(6.0, (max(xs) - min(xs)) * 0.65), max(4.0, (max(ys) - min(ys)) * 0.65)
        self.k = max(0.2, math.cos(math.radians(self.cy)))
        self.scale = min(WIDTH / (2 * self.hw * self.k), MAX_HEIGHT / (2 * self.hh))
        self.width, self.height = 2 * self.hw * self.k * self.scale, 2 * self.hh * self.scale

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.cx - self.hw, self.cy - self.hh, self.cx + self.hw, self.cy + self.hh

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.cx + self.hw) * self.k * self.scale, (self.cy + self.hh - lat) * self.scale

    def path(self, rings) -> str:
        """One SVG path for rings of lon/lat points, dropping points under a pixel from the last.
        Points far outside the frame are moved onto a margin around it (what is clipped stays out of
        the file; inside the frame the outline is the same)."""
        out = []
        lo_x, hi_x, lo_y, hi_y = -40.0, self.width + 40, -40.0, self.height + 40
        for r in rings:
            last = None
            for lon, lat in r:
                x, y = self.xy(lon, lat)
                x, y = min(max(x, lo_x), hi_x), min(max(y, lo_y), hi_y)
                if last is None or abs(x - last[0]) + abs(y - last[1]) >= 1.0:
                    out.append(f"{'M' if last is None else 'L'}{x:.1f} {y:.1f}")
                    last = (x, y)
            out.append("Z")
        return "".join(out)

    def meets(self, ring, margin: float = 1.0) -> bool:
        x0, y0, x1, y1 = self.bbox
        w, h = (x1 - x0) * margin, (y1 - y0) * margin
        return (min(p[0] for p in ring) < x1 + w and max(p[0] for p in ring) > x0 - w
                and min(p[1] for p in ring) < y1 + h and max(p[1] for p in ring) > y0 - h)


def _text_box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
    w = (CAPS_WIDTH if text.isupper() else CHAR_WIDTH) * size * len(text)
    left = x - w / 2 if anchor == "middle" else x
    return left, y - size * 0.8, left + w, y + size * 0.3


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_point(rings, view: View) -> tuple[float, float] | None:
    """Where a country's or division's name goes: the centre of its largest ring, when that ring is
    wide enough to hold a name at this scale (a twentieth of the view) and its centre is in view."""
    x0, y0, x1, y1 = view.bbox
    best, best_area = None, 0.0
    for r in rings:
        if len(r) < 3 or max(p[0] for p in r) - min(p[0] for p in r) < (x1 - x0) / 20:
            continue
        a = cx = cy = 0.0  # the shoelace centroid
        for (xa, ya), (xb, yb) in zip(r, r[1:] + r[:1]):
            cross = xa * yb - xb * ya
            a, cx, cy = a + cross, cx + (xa + xb) * cross, cy + (ya + yb) * cross
        if abs(a) > best_area:
            best, best_area = (cx / (3 * a), cy / (3 * a)), abs(a)
    if best is None or not (x0 < best[0] < x1 and y0 < best[1] < y1):
        return None
    return best


def _symbol(x: float, y: float, cls: str, colour: str, reports: int) -> tuple[str, float]:
    r = math.sqrt(30 + 40 * min(reports, 8)) / 2 * 1.4  # as the page: the area grows with the reports
    if cls == "country":
        r *= 1.25
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="none" '
                f'stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>', r)
    if cls == "province":
        r *= 1.3
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none" stroke="{colour}" stroke-width="2"/>', r
    opacity = 0.45 if cls == "district" else 0.85
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="{opacity}" '
            f'stroke="#1b2433" stroke-width="1"/>', r)


def _names(view: View, pts: list[tuple[float, float, dict]], boxes: list) -> list[str]:
    """The labels that fit: the incidents' places (most reported first), then countries, then divisions."""
    out, taken = [], []
    frame = (0, 0, view.width, view.height)
    for x, y, g in sorted(pts, key=lambda p: -p[2]["reports"])[:40]:
        name = g["place"].get("name") or ""
        box = _text_box(x + 8, y - 5, name, 12, "start")
        if name and not any(_overlaps(box, t) for t in taken):
            taken.append(box)
            out.append(f'<text x="{x + 8:.1f}" y="{y - 5:.1f}" class="pl">{escape(name)}</text>')
    taken += boxes  # no name of the basemap over a point
    names = [(n.upper(), label_point(rs, view), 11, "co") for _, n, rs in country_rings() if n]
    names += [(n, label_point(rs, view), 10, "a1") for n, rs in admin1_rings(view.bbox) if n]
    for name, at, size, cls in names:
        if at is None:
            continue
        x, y = view.xy(*at)
        box = _text_box(x, y, name, size, "middle")
        inside = box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]
        if inside and not any(_overlaps(box, t) for t in taken):
            taken.append(box)
            out.append(f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}">{escape(name)}</text>')
    return out


def _legend(x0: float, types: list[str]) -> list[str]:
    out, y = [], 16
    for t in types:
        out.append(f'<circle cx="{x0 + 8}" cy="{y - 4}" r="5" fill="{TYPE_COLORS.get(t, OTHER_COLOR)}"/>'
                   f'<text x="{x0 + 20}" y="{y}" class="lg">{escape(t)}</text>')
        y += 18
    out.append(f'<rect x="{x0 + 3}" y="{y - 9}" width="10" height="10" fill="none" stroke="{OTHER_COLOR}" '
               f'stroke-dasharray="3 2"/><text x="{x0 + 20}" y="{y}" class="lg">country (centre)</text>')
    out.append(f'<circle cx="{x0 + 8}" cy="{y + 14}" r="5" fill="none" stroke="{OTHER_COLOR}" stroke-width="1.5"/>'
               f'<text x="{x0 + 20}" y="{y + 18}" class="lg">province (centre)</text>')
    return out


def map_svg(groups: list[dict]) -> str | None:
    """The map of the incidents (``place`` with lat/lon/precision/name, ``type``, ``reports``) as one
    ``<svg>`` element; None when no incident has coordinates."""
    located = [g for g in groups if g["place"].get("lat") is not None and g["place"].get("lon") is not None]
    if not located:
        return None
    view = View([(g["place"]["lon"], g["place"]["lat"]) for g in located])
    w, h = view.width, view.height
    countries = [r for _, _, rs in country_rings() for r in rs if len(r) > 2 and view.meets(r)]
    divisions = [r for _, rs in admin1_rings(view.bbox) for r in rs if len(r) > 2 and view.meets(r, 0.0)]
    pts, marks, boxes = [], [], []
    for g in located:
        x, y = view.xy(g["place"]["lon"], g["place"]["lat"])
        cls = PRECISION_CLASS.get(str(g["place"].get("precision") or "").lower(), "place")
        mark, r = _symbol(x, y, cls, TYPE_COLORS.get(g["type"], OTHER_COLOR), g["reports"])
        pts.append((x, y, g))
        marks.append(mark)
        boxes.append((x - r, y - r, x + r, y + r))
    style = ("text{font-family:system-ui,sans-serif}.pl{font-size:12px;fill:#111827;paint-order:stroke;"
             "stroke:#fff;stroke-width:3px}.co{font-size:11px;fill:#6b7280;text-anchor:middle;letter-spacing:.5px}"
             ".a1{font-size:10px;fill:#8a93a3;font-style:italic;text-anchor:middle}.lg{font-size:12px;fill:#1d2330}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -24 {w + LEGEND:.0f} {h + 24:.0f}" '
           f'width="{w + LEGEND:.0f}" style="max-width:100%;height:auto" role="img" aria-label="map of incidents">',
           f"<style>{style}</style>",
           '<text x="0" y="-8" font-size="12">Incidents (size: number of reports); basemap: Natural Earth countries '
           'and provinces</text>',
           f'<clipPath id="frame"><rect width="{w:.1f}" height="{h:.1f}"/></clipPath>',
           f'<g clip-path="url(#frame)"><rect width="{w:.1f}" height="{h:.1f}" fill="#e8eef5"/>',
           f'<path d="{view.path(countries)}" fill="#fbfbf8" stroke="#9aa3af" stroke-width="0.7"/>',
           f'<path d="{view.path(divisions)}" fill="none" stroke="#c3c9d2" stroke-width="0.5" '
           'stroke-dasharray="3 3"/>', *marks, *_names(view, pts, boxes), "</g>",
           *_legend(w + 12, sorted({g["type"] for g in located})), "</svg>"]
    return "\n".join(out)
