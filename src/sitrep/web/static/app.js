// sitrep workbench: map, timeline, table, event detail and document view over the JSON API (/api).
// Plain JS, no framework, no network beyond this server. Every list comes paged from DuckDB.
"use strict";

const PAGE = 25;
const TYPE_COLORS = {
  "Battles": "#b2182b", "Explosions/Remote violence": "#e66101", "Violence against civilians": "#7b3294",
  "Protests": "#1a9850", "Riots": "#d6a400", "Strategic developments": "#4575b4",
};
const PLOVER_FALLBACK = "#5b6472";
const LAYER_ORDER = ["places", "actors", "dates", "counts", "events", "quotes"];
const state = { offset: 0, total: 0, selected: null, world: null, doc: null, docSpans: [] };

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const color = (r) => TYPE_COLORS[r.acled_event_type] || PLOVER_FALLBACK;
const svgEl = (tag, attrs) => { const e = document.createElementNS("http://www.w3.org/2000/svg", tag); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };

async function api(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : r.statusText);
  return body;
}

function filterQuery() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (v) p.set(k, v);
  return p;
}

// ---- basemap: TopoJSON (Natural Earth via world-atlas) decoded here ---------------------------
async function loadWorld() {
  const topo = await (await fetch("/static/world/countries-50m.json")).json();
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
  const ring = (idx) => { const pts = []; for (const i of idx) { const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse(); pts.push(...(pts.length ? a.slice(1) : a)); } return pts; };
  return topo.objects.countries.geometries.map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : (g.arcs || []);
    const rings = polys.flatMap((poly) => poly.map(ring));
    let x0 = 180, y0 = 90, x1 = -180, y1 = -90;
    for (const r of rings) for (const [x, y] of r) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
    return { name: g.properties?.name, rings, bbox: [x0, y0, x1, y1] };
  });
}

function drawMap(points) {
  const svg = $("#map");
  const W = svg.clientWidth || 700, H = svg.clientHeight || 380;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  // extent: the points, padded; never tighter than 6 degrees; the world when there is nothing
  let [x0, y0, x1, y1] = [-170, -58, 190, 80];
  if (points.length) {
    x0 = Math.min(...points.map((p) => p.lon)); x1 = Math.max(...points.map((p) => p.lon));
    y0 = Math.min(...points.map((p) => p.lat)); y1 = Math.max(...points.map((p) => p.lat));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const hw = Math.max(7, (x1 - x0) * 0.65), hh = Math.max(4, (y1 - y0) * 0.65);
    [x0, x1, y0, y1] = [cx - hw, cx + hw, cy - hh, cy + hh];
  }
  const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);  // equirectangular with standard parallel at the centre
  const s = Math.min(W / ((x1 - x0) * k), H / (y1 - y0));
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const px = (lon) => W / 2 + (lon - cx) * k * s, py = (lat) => H / 2 - (lat - cy) * s;
  const vx0 = cx - W / 2 / (k * s), vx1 = cx + W / 2 / (k * s), vy0 = cy - H / 2 / s, vy1 = cy + H / 2 / s;
  const g = svgEl("g", {});
  for (const c of state.world || []) {
    const [a, b, c2, d] = c.bbox;
    if (c2 < vx0 || a > vx1 || d < vy0 || b > vy1) continue;
    const dpath = c.rings.map((r) => "M" + r.map(([x, y]) => px(x).toFixed(1) + "," + py(y).toFixed(1)).join("L") + "Z").join("");
    const p = svgEl("path", { d: dpath, class: "land" });
    const t = svgEl("title", {}); t.textContent = c.name; p.appendChild(t);
    g.appendChild(p);
  }
  svg.appendChild(g);
  const pts = svgEl("g", {});
  const sorted = points.slice().sort((a, b) => b.reports - a.reports);
  sorted.slice().reverse().forEach((p) => {
    const r = Math.min(16, 4 + 3 * Math.log2(p.reports));  // log scale: a 100-report incident stays readable
    const cl = "pt" + (p.reports > 1 ? " multi" : "") + (state.selected && p.document_id === state.selected.d && p.event_id === state.selected.e ? " sel" : "");
    const c = svgEl("circle", { cx: px(p.lon), cy: py(p.lat), r, fill: color(p), class: cl,
      "data-doc": p.document_id, "data-event": p.event_id, "data-key": p.key });
    const t = svgEl("title", {});
    t.textContent = `${p.place || ""} · ${p.acled_event_type || p.type} · ${p.day || ""} · ${p.reports} report(s)` +
      (p.fatalities != null ? ` · killed ${p.fatalities}${p.fatalities_max !== p.fatalities ? "–" + p.fatalities_max : ""}` : "");
    c.appendChild(t);
    c.addEventListener("click", () => selectEvent(p.document_id, p.event_id));
    pts.appendChild(c);
  });
  const seen = new Set();
  sorted.slice(0, 14).forEach((p) => {
    if (!p.place || seen.has(p.place)) return; seen.add(p.place);
    const l = svgEl("text", { x: px(p.lon) + 7 + Math.min(12, 3 * Math.log2(p.reports)), y: py(p.lat) + 3, class: "lbl" });
    l.textContent = p.place; pts.appendChild(l);
  });
  svg.appendChild(pts);
  const types = [...new Set(points.map((p) => p.acled_event_type || "other (PLOVER only)"))];
  $("#map-legend").innerHTML = types.map((t) => `<span><i style="background:${TYPE_COLORS[t] || PLOVER_FALLBACK}"></i>${esc(t)}</span>`).join("") +
    `<span><i style="background:#fff;border:2px solid #1b2433"></i>several reports</span>`;
}

function drawTimeline(days) {
  const svg = $("#timeline");
  const W = svg.clientWidth || 700, H = svg.clientHeight || 110, pad = 22;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  if (!days.length) { const t = svgEl("text", { x: 10, y: 20 }); t.textContent = "no dated events"; svg.appendChild(t); return; }
  const max = Math.max(...days.map((d) => d.events));
  const bw = Math.min(36, Math.max(2, (W - 2 * pad) / days.length - 2));
  const cur = filterQuery();
  days.forEach((d, i) => {
    const h = Math.max(2, (H - 2 * pad) * d.events / max);
    const x = pad + i * ((W - 2 * pad) / days.length);
    const on = cur.get("from") === d.day && cur.get("to") === d.day;
    const r = svgEl("rect", { x, y: H - pad - h, width: bw, height: h, class: on ? "on" : "", "data-day": d.day });
    const t = svgEl("title", {}); t.textContent = `${d.day}: ${d.events} events, ${d.fatalities} reported killed`; r.appendChild(t);
    r.addEventListener("click", () => { $("#f-from").value = d.day; $("#f-to").value = d.day; state.offset = 0; refresh(); });
    svg.appendChild(r);
  });
  const lab = (x, s, anchor) => { const t = svgEl("text", { x, y: H - 6, "text-anchor": anchor }); t.textContent = s; svg.appendChild(t); };
  lab(pad, days[0].day, "start"); if (days.length > 1) lab(W - pad, days[days.length - 1].day, "end");
  const t = svgEl("text", { x: pad, y: 12 }); t.textContent = `max ${max}/day`; svg.appendChild(t);
}

function drawTable(page) {
  const tb = $("#events tbody");
  tb.replaceChildren();
  for (const r of page.items) {
    const tr = document.createElement("tr");
    tr.dataset.doc = r.document_id; tr.dataset.event = r.id;
    if (state.selected && state.selected.d === r.document_id && state.selected.e === r.id) tr.className = "sel";
    tr.innerHTML = `<td>${esc(r.day || "")}</td><td><span class="tag" style="border-left:3px solid ${color(r)}">${esc(r.acled_event_type || r.type || "")}</span></td>` +
      `<td>${esc(r.place || "")}${r.country ? ` <span class="muted">${esc(r.country)}</span>` : ""}</td>` +
      `<td class="num">${r.fatalities ?? ""}</td><td>${esc(r.claimant || "")}</td><td>${esc(r.source || r.title || r.document_id)}</td>` +
      `<td class="muted">${r.incident_id ? esc(r.incident_id.slice(4, 10)) : ""}</td>`;
    tr.title = r.evidence || "";
    tr.addEventListener("click", () => selectEvent(r.document_id, r.id));
    tb.appendChild(tr);
  }
  state.total = page.total;
  const last = Math.min(page.offset + page.items.length, page.total);
  $("#table-note").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "no events match";
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = last >= page.total;
}

async function refresh() {
  const q = filterQuery();
  const pq = new URLSearchParams(q); pq.set("limit", PAGE); pq.set("offset", state.offset);
  try {
    const [map, tl, page] = await Promise.all([api("/api/map?" + q), api("/api/timeline?" + q), api("/api/events?" + pq)]);
    drawMap(map.items);
    $("#map-note").textContent = `${map.items.length} of ${map.total} located incidents` + (map.truncated ? " (largest shown)" : "");
    drawTimeline(tl.items);
    drawTable(page);
    history.replaceState(null, "", location.pathname + (q.toString() ? "?" + q : ""));
  } catch (e) { $("#status").textContent = String(e); }
}

// ---- detail and document view ------------------------------------------------------------------
async function selectEvent(d, e) {
  state.selected = { d, e };
  document.querySelectorAll("#map .pt").forEach((c) => c.classList.toggle("sel", c.dataset.doc === d && c.dataset.event === e));
  document.querySelectorAll("#events tbody tr").forEach((tr) => tr.classList.toggle("sel", tr.dataset.doc === d && tr.dataset.event === e));
  const ev = await api(`/api/events/${encodeURIComponent(d)}/${encodeURIComponent(e)}`);
  renderDetail(ev);
  await openDocument(d, ev.event);
}

function renderDetail(x) {
  const ev = x.event, inc = x.incident, sen = x.sentence, span = ev.evidence || {};
  let quote = "";
  if (sen) {
    const a = span.start - sen.start, b = span.end - sen.start;
    quote = esc(sen.text.slice(0, a)) + "<mark>" + esc(sen.text.slice(a, b)) + "</mark>" + esc(sen.text.slice(b));
  }
  const names = (xs) => (xs || []).map((a) => esc(a.name || a.id)).join(", ") || '<span class="muted">—</span>';
  const date = ev.date && typeof ev.date === "object" ? `${ev.date.value || "?"} (${ev.date.precision || "?"})` : (ev.date || "—");
  let html = `<h3>${esc(ev.acled_event_type || ev.type)}${ev.acled_subtype ? " · " + esc(ev.acled_subtype) : ""} <span class="tag">${esc(ev.type || "")}</span></h3>`;
  html += `<blockquote id="evidence">${quote || esc(span.text || "")}</blockquote>`;
  html += `<dl class="kv"><dt>Claimant</dt><dd>${x.claimant ? esc(x.claimant.name || x.claimant.id) : '<span class="muted">the report itself</span>'}</dd>`;
  html += `<dt>Factuality</dt><dd>${esc(ev.factuality || "—")}${x.denied_by.length ? ` <span class="tag warn">denied by ${names(x.denied_by)}</span>` : ""}</dd>`;
  html += `<dt>Actor / target</dt><dd>${names(x.source_actors)} → ${names(x.target_actors)}</dd>`;
  html += `<dt>Where</dt><dd>${esc(x.place ? `${x.place.name} (${x.place.admin1 || ""} ${x.place.country || ""}; ${x.place.precision || "?"})` : "—")}</dd>`;
  html += `<dt>When</dt><dd>${esc(date)}</dd><dt>Killed</dt><dd>${ev.fatalities ?? "—"}</dd>`;
  html += `<dt>Report</dt><dd><a data-open-doc="${esc(x.document_id)}">${esc(x.document.title || x.document_id)}</a> <span class="muted">${esc(x.document.source || "")} ${esc(x.document.published || "")}</span></dd></dl>`;
  if (inc) {
    const conflict = inc.conflicting ? `<span class="tag warn">reports disagree: ${inc.fatalities_min}–${inc.fatalities_max} killed; the lowest (${inc.fatalities}) is recorded, as ACLED does</span>` :
      (inc.fatalities != null ? `<span class="tag ok">${inc.fatalities} killed</span>` : "");
    html += `<div><b>Incident ${esc(inc.id)}</b> · ${inc.n_documents} report(s) ${conflict}</div>`;
    html += `<div class="claims-box"><table class="claims"><thead><tr><th>Report</th><th>Claimant</th><th class="num">Killed</th><th>Evidence</th></tr></thead><tbody>`;
    for (const c of inc.claims) {
      const me = c.document_id === x.document_id && c.event_id === x.id;
      html += `<tr${me ? ' class="sel"' : ""}><td><a data-ev="${esc(c.document_id)}|${esc(c.event_id)}">${esc(c.source || c.title || c.document_id)}</a></td>` +
        `<td>${esc(c.claimant_name || "—")}</td><td class="num">${c.fatalities ?? "—"}</td><td>${esc((c.evidence || {}).text || "")}</td></tr>`;
    }
    html += "</tbody></table></div>";
  }
  $("#detail-body").classList.remove("muted");
  $("#detail-body").innerHTML = html;
  $("#detail-body").querySelectorAll("a[data-ev]").forEach((a) => a.addEventListener("click", () => { const [d, e] = a.dataset.ev.split("|"); selectEvent(d, e); }));
  $("#detail-body").querySelectorAll("a[data-open-doc]").forEach((a) => a.addEventListener("click", () => openDocument(a.dataset.openDoc, ev)));
}

function spansOf(doc) {
  const out = [];
  for (const layer of LAYER_ORDER) for (const it of doc.layers[layer] || []) {
    if (layer === "events") { if (it.evidence && it.evidence.start != null) out.push({ s: it.evidence.start, e: it.evidence.end, layer, it }); continue; }
    if (Array.isArray(it.mentions)) { for (const m of it.mentions) if (m.start != null) out.push({ s: m.start, e: m.end, layer, it }); }
    else if (it.start != null && it.end != null) out.push({ s: it.start, e: it.end, layer, it });
  }
  return out.filter((x) => x.e > x.s);
}

async function openDocument(id, focusEvent) {
  const doc = state.doc && state.doc.id === id ? state.doc : await api(`/api/documents/${encodeURIComponent(id)}`);
  state.doc = doc;
  const text = doc.text, spans = spansOf(doc);
  state.docSpans = spans;
  const cuts = new Set([0, text.length]);
  for (const x of spans) { cuts.add(x.s); cuts.add(x.e); }
  const bounds = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    const cover = spans.map((x, j) => [x, j]).filter(([x]) => x.s <= a && x.e >= b);
    const seg = esc(text.slice(a, b));
    if (!cover.length) { html += seg; continue; }
    // the innermost item of the most specific layer shows; an event around it still underlines it
    cover.sort(([x], [y]) => LAYER_ORDER.indexOf(x.layer) - LAYER_ORDER.indexOf(y.layer) || (x.e - x.s) - (y.e - y.s));
    const [top, j] = cover[0];
    const ev = cover.find(([x]) => x.layer === "events");
    let cls = `hl hl-${top.layer}`;
    if (ev) cls += " in-ev";
    if (focusEvent && ev && String(ev[0].it.id) === String(focusEvent.id)) cls += " focus";
    if (focusEvent && top.layer === "events" && String(top.it.id) === String(focusEvent.id)) cls += " focus";
    html += `<span class="${cls}" data-span="${j}"${ev ? ` data-ev="${ev[1]}"` : ""}>${seg}</span>`;
  }
  $("#doc-text").classList.remove("muted");
  $("#doc-text").innerHTML = html;
  $("#doc-title").textContent = `${doc.document.title || id} · ${doc.document.source || ""} ${doc.document.published || ""}`;
  const present = LAYER_ORDER.filter((l) => (doc.layers[l] || []).length);
  $("#doc-legend").innerHTML = present.map((l) => `<span><i class="sw" style="background:var(--${l})"></i>${l} ${doc.layers[l].length}</span>`).join("");
  $("#doc-text").querySelectorAll("span.hl").forEach((s) => s.addEventListener("click", () => showRecord(state.docSpans[+s.dataset.span])));
  const f = $("#doc-text .focus");
  if (f) f.scrollIntoView({ block: "center" });
}

function showRecord(x) {
  const pre = $("#record");
  pre.hidden = false;
  pre.textContent = `${x.layer} ${x.it.id}\n` + JSON.stringify(x.it, null, 1);
  if (x.layer === "events" && state.doc) selectEvent(state.doc.id, String(x.it.id));
}

// ---- start ---------------------------------------------------------------------------------------
async function start() {
  const [facets, world] = await Promise.all([api("/api/facets"), loadWorld().catch(() => [])]);
  state.world = world;
  for (const t of facets.types) $("#f-type").insertAdjacentHTML("beforeend", `<option value="${esc(t.value)}">${esc(t.value)} (${t.n})</option>`);
  for (const c of facets.countries) $("#f-country").insertAdjacentHTML("beforeend", `<option value="${esc(c.value)}">${esc(c.value)} (${c.n})</option>`);
  const params = new URLSearchParams(location.search);
  for (const [k, v] of params) { const el = $(`#filters [name="${k}"]`); if (el) el.value = v; }
  $("#status").textContent = `${facets.counts.documents} documents · ${facets.counts.events} events · ${facets.first_day || "?"} to ${facets.last_day || "?"}` + (facets.fused ? "" : " · not fused (run sitrep incidents)");
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; refresh(); });
  $("#f-reset").addEventListener("click", () => { $("#filters").reset(); state.offset = 0; refresh(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; refresh(); });
  await refresh();
  const m = location.pathname.match(/^\/documents\/(.+)$/);
  if (m) await openDocument(decodeURIComponent(m[1]), null);
  document.body.dataset.ready = "1";
}
start();
