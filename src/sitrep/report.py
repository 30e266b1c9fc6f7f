"""The situation report: a self-contained HTML file (its map inline SVG) and its Markdown twin.

Reads the filtered events of a store (:func:`sitrep.export.load_events`), groups them by incident
(fused by ``sitrep incidents``; unfused events count alone) and writes counts by day and by region,
a map over the page's Natural Earth basemap with the names of countries and divisions
(:mod:`sitrep.web.svgmap`), and the top incidents
with every source and every conflicting figure beside its claimant.
"""
from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from sitrep.web.svgmap import map_svg


def _actor(ms: list[dict], role: str) -> str | None:
    """The most named actor in ``role`` (source, target) across an incident's reports."""
    from collections import Counter as C

    from sitrep.fusion.ids import actor_ids

    names = C()
    for m in ms:
        for aid in actor_ids(m["event"].get(role)):
            a = m["actors"].get(aid) or {"name": aid}
            if a.get("name"):
                names[a["name"]] += 1
    return names.most_common(1)[0][0] if names else None


def _groups(rows: list[dict], reviews: dict | None = None) -> list[dict]:
    from sitrep.review import rejected

    reviews = reviews or {}
    groups: dict[str, list[dict]] = {}
    for r in rows:
        key = r["incident_id"] or f"{r['document']['id']}/{r['event']['id']}"
        if not rejected(reviews.get(key)):
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
                           "title": m["document"].get("title"), "url": m["document"].get("url"), "claimant": who,
                           "fatalities": m["event"].get("fatalities"),
                           "evidence": (m["event"].get("evidence") or {}).get("text") or "",
                           "denied": bool(m["event"].get("denied_by"))})
        figs = [c["fatalities"] for c in claims if isinstance(c["fatalities"], (int, float))]
        g = {"key": key, "type": ev.get("acled_event_type") or ev.get("type") or "?",
             "subtype": ev.get("acled_subtype"),
             "day": min((m["day"] for m in ms if m["day"]), default=None), "place": dict(place or {}),
             "reports": len({m["document"]["id"] for m in ms}), "claims": claims,
             "actor1": _actor(ms, "source"), "actor2": _actor(ms, "target"),
             "fatalities": min(figs) if figs else None, "max": max(figs) if figs else None, "reviewed": None}
        out.append(_reviewed(g, reviews.get(key)))
    out.sort(key=lambda g: (-g["reports"], -(g["fatalities"] or 0), g["day"] or "", g["key"]))
    return out


def _reviewed(g: dict, rv: dict | None) -> dict:
    """A group with an analyst's reviewed values in place of the extracted ones."""
    if not rv:
        return g
    f = rv["fields"]
    for field, key in (("acled_event_type", "type"), ("acled_subtype", "subtype"), ("actor1", "actor1"),
                       ("actor2", "actor2"), ("date", "day")):
        if field in f:
            g[key] = f[field]
    for field, key in (("location", "name"), ("admin1", "admin1"), ("country", "country")):
        if field in f:
            g["place"][key] = f[field]
    for field in ("lat", "lon"):
        if f.get(field) is not None:
            g["place"][field] = float(f[field])
    if "fatalities" in f:
        g["fatalities"] = g["max"] = int(f["fatalities"]) if f["fatalities"] is not None else None
    g["reviewed"] = ", ".join(rv["reviewers"])
    return g


def _region(place: dict) -> str:
    """"Luhansk, UA"; a place known only by its country says so ("Yemen, no division"), not a bare code."""
    admin1, cc = place.get("admin1"), place.get("country")
    if admin1:
        return ", ".join(x for x in (admin1, cc) if x)
    return f"{_country_name(cc)}, no division" if cc else "unlocated"


def build(rows: list[dict], *, date_from: str, date_to: str, country: str | None, top: int,
          reviews: dict | None = None) -> dict:
    groups = _groups(rows, reviews)
    by_day = sorted(Counter(g["day"] for g in groups if g["day"]).items())
    by_country = Counter(_country_name(g["place"].get("country")) for g in groups).most_common()
    by_type = Counter(g["type"] for g in groups).most_common()
    by_region = Counter(_region(g["place"]) for g in groups).most_common()
    return {"title": f"Situation report {date_from} to {date_to}" + (f", {country.upper()}" if country else ""),
            "events": len(rows), "incidents": len(groups), "documents": len({r["document"]["id"] for r in rows}),
            "by_day": by_day, "by_region": by_region, "by_country": by_country, "by_type": by_type,
            "killed": sum(g["fatalities"] or 0 for g in groups),
            "reviewed": sum(1 for g in groups if g["reviewed"]), "top": groups[:top], "map": map_svg(groups)}


def _country_name(cc: str | None) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    return c.name if c else (cc or "unlocated")


def _heading(g: dict) -> str:
    """"Russian forces -> civilians: Explosions/Remote violence (Shelling...), Kreminna, Luhansk, UA, 2022-04-06"."""
    who = f"{g.get('actor1') or 'unnamed actor'} → {g.get('actor2') or 'no target named'}"
    kind = g["type"] + (f" ({g['subtype']})" if g.get("subtype") else "")
    return f"{who}: {kind}, {_where(g['place']) or 'unlocated'}, {g['day'] or 'undated'}"


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
             f"reports; {r.get('killed', 0)} reported killed (the lowest figure of each incident); {r.get('reviewed', 0)} "
             f"incident(s) reviewed by an analyst.", "", "## Incidents by country", "", "| country | incidents |",
             "|---|---:|"]
    lines += [f"| {md(k)} | {n} |" for k, n in r.get("by_country", [])]
    lines += ["", "## Incidents by type", "", "| type | incidents |", "|---|---:|"]
    lines += [f"| {md(k)} | {n} |" for k, n in r.get("by_type", [])]
    lines += ["", "## Incidents by day", "", "| day | incidents |", "|---|---:|"]
    lines += [f"| {d} | {n} |" for d, n in r["by_day"]]
    lines += ["", "## Incidents by region", "", "| region | incidents |", "|---|---:|"]
    lines += [f"| {md(k)} | {n} |" for k, n in r["by_region"]]
    lines += ["", "## Top incidents", ""]
    for i, g in enumerate(r["top"], 1):
        rv = f" Reviewed by {md(g['reviewed'])}." if g.get("reviewed") else ""
        lines += [f"### {i}. {md(_heading(g))}", "",
                  f"{g['reports']} report(s); {_figures(g)}. Incident {md(g['key'])}.{rv}", ""]
        lines += [f"- {_claim_line({k: md(v) if isinstance(v, str) else v for k, v in c.items()})}"
                  + (f" <{md(c['url'])}>" if c.get("url") else "") for c in g["claims"]]
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
           ".ok{background:#e3f4e8;color:#1d5e33;padding:0 5px;border-radius:3px}"
           ".cols{display:flex;gap:40px;flex-wrap:wrap}")
    out = [f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{e(r['title'])}</title><style>{css}</style>",
           f"<h1>{e(r['title'])}</h1><p>{r['incidents']} incidents from {r['events']} events in {r['documents']} "
           f"reports. Figures are the lowest any report gives (as ACLED codes them); every disagreement is "
           f"listed with its claimant.</p>"]
    if r["map"]:
        out.append(r["map"])  # inline SVG: the names on it are text
    out.append(f"<p>{r.get('killed', 0)} reported killed (the lowest figure of each incident); {r.get('reviewed', 0)} incident(s) "
               f"reviewed by an analyst.</p><div class='cols'>")
    for title, key, col in (("Incidents by country", "by_country", "country"), ("Incidents by type", "by_type", "type")):
        out.append(f"<div><h2>{title}</h2><table><tr><th>{col}</th><th>incidents</th></tr>")
        out += [f"<tr><td>{e(str(k))}</td><td class='n'>{n}</td></tr>" for k, n in r.get(key, [])]
        out.append("</table></div>")
    out.append("<div><h2>Incidents by day</h2><table><tr><th>day</th><th>incidents</th></tr>")
    out += [f"<tr><td>{e(d)}</td><td class='n'>{n}</td></tr>" for d, n in r["by_day"]]
    out.append("</table></div><div><h2>Incidents by region</h2><table><tr><th>region</th><th>incidents</th></tr>")
    out += [f"<tr><td>{e(k)}</td><td class='n'>{n}</td></tr>" for k, n in r["by_region"]]
    out.append("</table></div></div><h2>Top incidents</h2>")
    for i, g in enumerate(r["top"], 1):
        fig = _figures(g)
        fig = f"<span class='warn'>{e(fig)}</span>" if g["max"] != g["fatalities"] else e(fig)
        rv = f" · <span class='ok'>reviewed by {e(g['reviewed'])}</span>" if g.get("reviewed") else ""
        out.append(f"<div class='inc'><b>{i}. {e(_heading(g))}</b> <span class='muted'>{g['reports']} report(s) · "
                   f"{e(g['key'])}</span>{rv}<br>{fig}<ul>")
        for c in g["claims"]:
            fatal = "no figure given" if c["fatalities"] is None else f"{c['fatalities']} killed"
            src = (f"<a href='{e(c['url'])}'>{e(c['source'])}</a>" if c.get("url") else e(c["source"]))
            out.append(f"<li><b>{src}</b>: {e(fatal)}, according to "
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

    from sitrep.review import latest

    html_out, md_out = OutputFile(html_path, force=force), OutputFile(md_path, force=force)  # checked first
    with Store(db, read_only=True) as store:
        rows = load_events(store.con, Filters(date_from=date_from, date_to=date_to, country=country))
        reviews = latest(store.con)
    r = build(rows, date_from=date_from, date_to=date_to, country=country, top=top, reviews=reviews)
    with html_out as tmp:
        tmp.write_text(to_html(r), encoding="utf-8")
    with md_out as tmp:
        tmp.write_text(to_markdown(r), encoding="utf-8")
    return {"events": r["events"], "incidents": r["incidents"]}
