"""The situation report: a self-contained HTML file (map embedded as a base64 PNG) and its Markdown twin.

Reads the filtered events of a store (:func:`sitrep.export.load_events`), groups them by incident
(fused by ``sitrep incidents``; unfused events count alone) and writes counts by day and by region,
a static map drawn with matplotlib over the shipped Natural Earth outlines, and the top incidents
with every source and every conflicting figure beside its claimant.
"""
from __future__ import annotations

import base64
import html
import io
import math
from collections import Counter
from pathlib import Path


def _groups(rows: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        key = r["incident_id"] or f"{r['document']['id']}/{r['event']['id']}"
        groups.setdefault(key, []).append(r)
    out = []
    for key, ms in groups.items():
        ev = ms[0]["event"]
        place = next((m["place"] for m in ms if m["place"] and m["place"].get("lat") is not None), ms[0]["place"])
        claims = []
        for m in ms:
            cl = m["event"].get("claimant")
            who = (m["actors"].get(str(cl)) or {}).get("name", cl) if cl is not None else None
            claims.append({"source": m["document"].get("source") or m["document"]["id"],
                           "title": m["document"].get("title"), "claimant": who,
                           "fatalities": m["event"].get("fatalities"),
                           "evidence": (m["event"].get("evidence") or {}).get("text") or "",
                           "denied": bool(m["event"].get("denied_by"))})
        figs = [c["fatalities"] for c in claims if isinstance(c["fatalities"], (int, float))]
        out.append({"key": key, "type": ev.get("acled_event_type") or ev.get("type") or "?",
                    "day": min((m["day"] for m in ms if m["day"]), default=None), "place": place or {},
                    "reports": len({m["document"]["id"] for m in ms}), "claims": claims,
                    "fatalities": min(figs) if figs else None, "max": max(figs) if figs else None})
    out.sort(key=lambda g: (-g["reports"], -(g["fatalities"] or 0), g["day"] or "", g["key"]))
    return out


def _map_png(groups: list[dict]) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    from sitrep.web.basemap import country_rings

    pts = [(g["place"]["lon"], g["place"]["lat"], g) for g in groups if g["place"].get("lat") is not None]
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    hw, hh = max(6.0, (max(xs) - min(xs)) * 0.65), max(4.0, (max(ys) - min(ys)) * 0.65)
    fig, ax = plt.subplots(figsize=(8, 5.2), dpi=110)
    ax.set_facecolor("#e8eef5")
    x0, x1, y0, y1 = cx - 2 * hw, cx + 2 * hw, cy - 2 * hh, cy + 2 * hh  # draw only what can show
    rings = [r for _, _, rs in country_rings() for r in rs if len(r) > 2
             and min(p[0] for p in r) < x1 and max(p[0] for p in r) > x0
             and min(p[1] for p in r) < y1 and max(p[1] for p in r) > y0]
    ax.add_collection(PolyCollection(rings, facecolors="#fbfbf8", edgecolors="#9aa3af", linewidths=0.5))
    for x, y, g in pts:
        ax.scatter([x], [y], s=30 + 40 * g["reports"], c="#c0392b" if g["fatalities"] else "#e66101",
                   edgecolors="#1b2433", linewidths=0.8, zorder=3, alpha=0.85)
    for x, y, g in pts[:12]:
        ax.annotate(g["place"].get("name") or "", (x, y), xytext=(6, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(cx - hw, cx + hw)
    ax.set_ylim(cy - hh, cy + hh)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians(cy))))  # equirectangular, true at the centre
    ax.set_title("Incidents (dot size: number of reports; red: fatalities reported)", fontsize=9)
    ax.tick_params(labelsize=7)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def build(rows: list[dict], *, date_from: str, date_to: str, country: str | None, top: int) -> dict:
    groups = _groups(rows)
    by_day = sorted(Counter(g["day"] for g in groups if g["day"]).items())
    by_region = Counter(", ".join(x for x in (g["place"].get("admin1"), g["place"].get("country")) if x) or "unlocated"
                        for g in groups).most_common()
    return {"title": f"Situation report {date_from} to {date_to}" + (f", {country.upper()}" if country else ""),
            "events": len(rows), "incidents": len(groups), "documents": len({r["document"]["id"] for r in rows}),
            "by_day": by_day, "by_region": by_region, "top": groups[:top], "map": _map_png(groups)}


def _claim_line(c: dict) -> str:
    fig = "no figure given" if c["fatalities"] is None else f"{c['fatalities']} killed"
    return (f"{c['source']}: {fig}, according to {c['claimant'] or 'the report'}"
            + (" (denied by a party)" if c["denied"] else "") + f" — \u201c{c['evidence']}\u201d")


def _figures(g: dict) -> str:
    if g["fatalities"] is None:
        return "fatalities not reported"
    if g["max"] != g["fatalities"]:
        return f"{g['fatalities']} killed (reports range {g['fatalities']}–{g['max']}; lowest recorded)"
    return f"{g['fatalities']} killed"


def _where(place: dict) -> str:
    """"Bucha, Kyiv, UA": the place's name, first-level division and country, as far as they are known."""
    return ", ".join(x for x in (place.get("name"), place.get("admin1"), place.get("country")) if x)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;",
                                                                  "\n": " ", "\r": " "})


def md(value) -> str:
    """Text from articles as inert Markdown: no raw HTML (``<script>``), no links, no table breaks."""
    return str(value).translate(_MD_SPECIAL)


def to_markdown(r: dict) -> str:
    lines = [f"# {r['title']}", "", f"{r['incidents']} incidents from {r['events']} events in {r['documents']} "
             f"reports.", "", "## Incidents by day", "", "| day | incidents |", "|---|---:|"]
    lines += [f"| {d} | {n} |" for d, n in r["by_day"]]
    lines += ["", "## Incidents by region", "", "| region | incidents |", "|---|---:|"]
    lines += [f"| {md(k)} | {n} |" for k, n in r["by_region"]]
    lines += ["", "## Top incidents", ""]
    for i, g in enumerate(r["top"], 1):
        where = _where(g["place"])
        lines += [f"### {i}. {md(g['type'])}, {md(where or 'unlocated')}, {md(g['day'] or 'undated')}", "",
                  f"{g['reports']} report(s); {_figures(g)}. Incident {md(g['key'])}.", ""]
        lines += [f"- {_claim_line({k: md(v) if isinstance(v, str) else v for k, v in c.items()})}"
                  for c in g["claims"]]
        lines.append("")
    return "\n".join(lines)


def to_html(r: dict) -> str:
    e = html.escape
    css = ("body{font:14px/1.5 system-ui,sans-serif;max-width:980px;margin:24px auto;color:#1d2330;padding:0 16px}"
           "h1{font-size:22px;border-bottom:3px solid #1b2433;padding-bottom:6px}h2{font-size:16px;margin-top:28px}"
           "table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #e5e7eb;padding:3px 10px;"
           "text-align:left}td.n{text-align:right}.inc{border:1px solid #dde1e7;border-radius:4px;padding:8px 12px;"
           "margin:10px 0}.warn{background:#fde2e2;color:#8a1c1c;padding:0 5px;border-radius:3px}"
           "blockquote{margin:2px 0 6px;color:#374151;font-family:Georgia,serif}.muted{color:#6b7280}"
           ".cols{display:flex;gap:40px;flex-wrap:wrap}")
    out = [f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{e(r['title'])}</title><style>{css}</style>",
           f"<h1>{e(r['title'])}</h1><p>{r['incidents']} incidents from {r['events']} events in {r['documents']} "
           f"reports. Figures are the lowest any report gives (as ACLED codes them); every disagreement is "
           f"listed with its claimant.</p>"]
    if r["map"]:
        out.append(f"<img alt='map of incidents' style='max-width:100%' src='data:image/png;base64,{r['map']}'>")
    out.append("<div class='cols'><div><h2>Incidents by day</h2><table><tr><th>day</th><th>incidents</th></tr>")
    out += [f"<tr><td>{e(d)}</td><td class='n'>{n}</td></tr>" for d, n in r["by_day"]]
    out.append("</table></div><div><h2>Incidents by region</h2><table><tr><th>region</th><th>incidents</th></tr>")
    out += [f"<tr><td>{e(k)}</td><td class='n'>{n}</td></tr>" for k, n in r["by_region"]]
    out.append("</table></div></div><h2>Top incidents</h2>")
    for i, g in enumerate(r["top"], 1):
        where = _where(g["place"])
        fig = _figures(g)
        fig = f"<span class='warn'>{e(fig)}</span>" if g["max"] != g["fatalities"] else e(fig)
        out.append(f"<div class='inc'><b>{i}. {e(g['type'])}, {e(where or 'unlocated')}, {e(g['day'] or 'undated')}"
                   f"</b> <span class='muted'>{g['reports']} report(s) · {e(g['key'])}</span><br>{fig}<ul>")
        for c in g["claims"]:
            fatal = "no figure given" if c["fatalities"] is None else f"{c['fatalities']} killed"
            out.append(f"<li><b>{e(c['source'])}</b>: {e(fatal)}, according to "
                       f"{e(c['claimant'] or 'the report')}{' (denied by a party)' if c['denied'] else ''}"
                       f"<blockquote>\u201c{e(c['evidence'])}\u201d</blockquote></li>")
        out.append("</ul></div>")
    out.append("<p class='muted'>Made by sitrep from the stored reports; basemap: Natural Earth.</p></html>")
    return "\n".join(out)


def write_report(db: str, html_path: Path, md_path: Path, *, date_from: str, date_to: str,
                 country: str | None = None, top: int = 10, force: bool = False) -> dict:
    """Write the HTML and Markdown report for ``[date_from, date_to]``; returns counts.

    Raises:
        ConfigError: an output exists without ``force``, or its folder is missing or read-only.
        StoreError: the database cannot be opened (see :func:`sitrep.io.store.connect`).
    """
    from sitrep.export import Filters, load_events
    from sitrep.io.output import OutputFile
    from sitrep.io.store import Store

    html_out, md_out = OutputFile(html_path, force=force), OutputFile(md_path, force=force)  # checked first
    with Store(db, read_only=True) as store:
        rows = load_events(store.con, Filters(date_from=date_from, date_to=date_to, country=country))
    r = build(rows, date_from=date_from, date_to=date_to, country=country, top=top)
    with html_out as tmp:
        tmp.write_text(to_html(r), encoding="utf-8")
    with md_out as tmp:
        tmp.write_text(to_markdown(r), encoding="utf-8")
    return {"events": r["events"], "incidents": r["incidents"]}
