"""The web page and its JSON API, read-only over one DuckDB store.

Pages: ``/`` (map, timeline, table, detail and document view; one HTML page driven by
``static/app.js``) and ``/documents/{id}`` (the same page opened on a document).

JSON twins, all under ``/api/`` (``GET /api`` lists them):

======================================  =====================================================
``/api/events``                          filtered page of events (``items``, ``total``, ``limit``, ``offset``)
``/api/events/{document_id}/{event_id}``  one event: evidence sentence, claimant, incident and its other reports
``/api/map``                             one point per incident with coordinates (``limit``, ``truncated``)
``/api/timeline``                        events and fatalities per day
``/api/incidents``, ``/api/incidents/{id}``  fused incidents with every claim side by side
``/api/documents``, ``/api/documents/{id}``  documents; one with its text and every layer's items
``/api/facets``                          types, countries and date span for the filter controls
======================================  =====================================================

Filters (query string, on events, map and timeline): ``from``, ``to`` (YYYY-MM-DD), ``country``
(ISO alpha-2), ``type`` (PLOVER or ACLED type), ``bbox`` (min_lon,min_lat,max_lon,max_lat), ``q``
(text in the evidence), ``document``, ``incident``. Paging: ``limit`` (at most 500), ``offset``.

Every error, whatever the route, has one shape and a matching HTTP status::

    {"error": {"code": "not_found" | "bad_request" | "forbidden" | "internal", "message": "..."}}

Incidents, as reviewed (``web/incidents.py``): ``/api/incidents`` (filters ``from``, ``to``, ``country``
as a name or a code, ``admin1``, ``event_type``, ``sub_event_type``, ``type``, ``actor``,
``min_fatalities``, ``precision``, ``q``, ``bbox``, ``status``; ``sort``, ``dir``, ``limit``, ``offset``),
``/api/incidents/points``, ``/api/incidents/timeline``, ``/api/incidents/facets``, and the current view
as ``/api/download.csv`` (ACLED columns) and ``/api/download.geojson``.

Writes: ``POST /api/incidents/{id}/review`` with ``{"reviewer", "changes": {field: value}, "note"}``.
The server answers only requests addressed to a loopback name (the Host header: no DNS rebinding),
takes writes only when it was started on loopback, from its own origin, with the token the page
carries (``<meta name="sitrep-token">``): another site open in the same browser can neither read
the data nor write a review.
"""
from __future__ import annotations

import io
import secrets
import threading
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sitrep.errors import ConfigError
from sitrep.export.filters import Filters, parse_bbox
from sitrep.io.store import connect
from sitrep.review import country_code
from sitrep.web import incidents as I
from sitrep.web import queries as Q

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 500
MAX_OFFSET = 2**53  # past any real table; DuckDB's OFFSET is a 64-bit integer, so 2**63 was a 500
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def fast_json(body) -> Response:
    """JSON straight from ``json.dumps``: FastAPI's encoder walks every value, which costs a second on
    the 10,000 map points of a large store."""
    import json

    return Response(json.dumps(body, ensure_ascii=False, default=str, separators=(",", ":")),
                    media_type="application/json")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, "bad_request", f"{name}={value!r} is not a date in the form YYYY-MM-DD")


def _hostname(host: str) -> str:
    """The name part of a Host header ("127.0.0.1:8765" -> "127.0.0.1", "[::1]:80" -> "::1")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def create_app(db: str | Path, *, writable: bool = True, hosts: frozenset[str] | set[str] = LOOPBACK,
               token: str | None = None) -> FastAPI:
    """The FastAPI app over ``db``, opened once; each request uses its own cursor.

    ``writable``: take reviews (opens the file read-write; only ever on loopback, see ``sitrep serve``).
    ``hosts``: the names the Host header may carry. ``token``: the write token (random by default).
    """
    app = FastAPI(title="sitrep", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    # no file or network access from SQL (issue 18); read-write only to take reviews (loopback)
    con = connect(db, read_only=not writable)
    if writable:
        from sitrep.io.store import ensure_reviews

        ensure_reviews(con)
    lock = threading.Lock()
    app.router.on_shutdown.append(con.close)  # the file is free again once the server stops
    state = {"fused": Q.fused(con)}
    app.state.db = str(db)
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.writable = writable
    allowed = {h.lower() for h in hosts}

    @app.middleware("http")
    async def _guard(request: Request, call_next):
        host = request.headers.get("host", "")
        if _hostname(host) not in allowed:
            return JSONResponse(error_body("forbidden", f"host {host!r} is not served here (use http://127.0.0.1)"),
                                status_code=403)
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin and urlsplit(origin).netloc.lower() != host.lower():
                return JSONResponse(error_body("forbidden", f"cross-origin write from {origin} refused"),
                                    status_code=403)
            if not secrets.compare_digest(request.headers.get("x-sitrep-token", ""), app.state.token):
                return JSONResponse(error_body("forbidden", "a write needs the page's token (reload the page)"),
                                    status_code=403)
            if not app.state.writable:
                return JSONResponse(error_body("forbidden", "this server is read-only (reviews are taken on "
                                               "loopback only)"), status_code=403)
        return await call_next(request)

    def cursor():
        with lock:  # cursor() on a shared connection is not itself thread-safe
            return con.cursor()

    def _common(request: Request) -> tuple[str | None, str | None, str | None, tuple | None]:
        g = request.query_params.get
        try:
            bbox = parse_bbox(g("bbox"))
            country = country_code(g("country")) if g("country") else None
        except ConfigError as e:
            raise ApiError(400, "bad_request", str(e))
        lo, hi = _day(g("from"), "from"), _day(g("to"), "to")
        if lo and hi and lo > hi:
            raise ApiError(400, "bad_request", f"the date range is reversed: from={lo} is after to={hi}")
        return lo, hi, country, bbox

    def filters(request: Request) -> Filters:
        g = request.query_params.get
        lo, hi, country, bbox = _common(request)
        return Filters(date_from=lo, date_to=hi, country=country, type=g("type") or None, bbox=bbox,
                       document=g("document") or None, incident=g("incident") or None, q=g("q") or None)

    def ifilters(request: Request) -> I.IncidentFilters:
        g = request.query_params.get
        lo, hi, country, bbox = _common(request)
        mf = g("min_fatalities")
        if mf and not mf.isdigit():
            raise ApiError(400, "bad_request", f"min_fatalities={mf!r} is not a whole number")
        return I.IncidentFilters(
            date_from=lo, date_to=hi, country=country, admin1=g("admin1") or None, event_type=g("event_type") or None,
            sub_event_type=g("sub_event_type") or None, type=g("type") or None, actor=g("actor") or None,
            min_fatalities=int(mf) if mf else None, precision=g("precision") or None, q=g("q") or None, bbox=bbox,
            status=g("status") or None)

    def need_fused():
        if not state["fused"]:
            raise ApiError(400, "bad_request", "this store has not been fused: run sitrep incidents --db FILE")

    def icursor():
        """A cursor with ``incident_view`` attached (computed once, again after each review)."""
        need_fused()
        cur = cursor()
        if state.get("iv") is None:
            with lock:
                state["iv"] = I.snapshot(con.cursor())
                state["gen"] = state.get("gen", 0) + 1
        I.attach(cur, state["iv"])
        return cur

    @app.exception_handler(ApiError)
    async def _api_error(request, exc: ApiError):
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        code = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        msg = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404:
            msg = f"no such page: {request.url.path} (the API is listed at /api)"
        return JSONResponse(error_body(code, msg), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request, exc: RequestValidationError):
        parts = [f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
        return JSONResponse(error_body("bad_request", "; ".join(parts)), status_code=400)

    @app.exception_handler(Exception)
    async def _internal(request, exc: Exception):
        return JSONResponse(error_body("internal", f"{type(exc).__name__}: {exc}"), status_code=500)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page_html() -> HTMLResponse:
        html = (STATIC / "index.html").read_text(encoding="utf-8")
        meta = (f'<meta name="sitrep-token" content="{app.state.token}">'
                f'<meta name="sitrep-writable" content="{int(app.state.writable)}">')
        return HTMLResponse(html.replace("<!--sitrep-meta-->", meta), headers={"Cache-Control": "no-store"})

    @app.get("/", include_in_schema=False)
    def index():
        return page_html()

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(doc_id: str):
        return page_html()

    @app.get("/api")
    def api_index():
        return {"db": Path(app.state.db).name, "fused": state["fused"], "endpoints": [
            "/api/events", "/api/events/{document_id}/{event_id}", "/api/map", "/api/timeline",
            "/api/incidents", "/api/incidents/{id}", "/api/incidents/points", "/api/incidents/timeline",
            "/api/incidents/facets", "POST /api/incidents/{id}/review", "/api/download.csv", "/api/download.geojson",
            "/api/documents", "/api/documents/{id}", "/api/facets"],
            "filters": ["from", "to", "country", "type", "bbox", "q", "document", "incident"],
            "incident_filters": ["from", "to", "country", "admin1", "event_type", "sub_event_type", "type", "actor",
                                 "min_fatalities", "precision", "q", "bbox", "status"],
            "sort": sorted(I.SORTS), "writable": app.state.writable,
            "paging": {"limit": f"1..{MAX_LIMIT}", "offset": f"0..{MAX_OFFSET}"},
            "error": error_body("not_found | bad_request | forbidden | internal", "what went wrong")}

    @app.get("/api/events")
    def api_events(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        cur = cursor()
        return Q.events_page(cur, filters(request), limit=limit, offset=offset, is_fused=state["fused"],
                             flat=Q.flat_ready(cur))

    @app.get("/api/events/{document_id}/{event_id}")
    def api_event(document_id: str, event_id: str):
        out = Q.event_detail(cursor(), document_id, event_id, is_fused=state["fused"])
        if out is None:
            raise ApiError(404, "not_found", f"no event {event_id!r} in document {document_id!r}")
        return out

    @app.get("/api/map")
    def api_map(request: Request, limit: int = Query(2000, ge=1, le=20000)):
        cur = cursor()
        return Q.map_points(cur, filters(request), limit=limit, is_fused=state["fused"], flat=Q.flat_ready(cur))

    @app.get("/api/timeline")
    def api_timeline(request: Request):
        cur = cursor()
        return Q.timeline(cur, filters(request), is_fused=state["fused"], flat=Q.flat_ready(cur))

    @app.get("/api/facets")
    def api_facets():
        cur = cursor()
        return Q.facets(cur, flat=Q.flat_ready(cur)) | {"fused": state["fused"]}

    @app.get("/api/incidents")
    def api_incidents(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                      sort: str = Query("date"), dir: str = Query("desc", pattern="^(asc|desc)$")):
        if not state["fused"]:
            return {"items": [], "total": 0, "limit": limit, "offset": offset,
                    "note": "this store has not been fused: run sitrep incidents --db FILE"}
        if sort not in I.SORTS:
            raise ApiError(400, "bad_request", f"sort={sort!r}: sort by one of {', '.join(I.SORTS)}")
        return fast_json(I.page(icursor(), ifilters(request), sort=sort, desc=dir == "desc", limit=limit,
                                offset=offset))

    @app.get("/api/incidents/points")
    def api_incident_points(request: Request, limit: int = Query(20000, ge=1, le=100000), pos: bool = False):
        cur = icursor()
        body = I.points_json(cur, ifilters(request), limit=limit, positions=pos)
        # gen: which snapshot the positions refer to (a review makes a new one)
        return Response(body[:-1] + f',"gen":{state["gen"]}}}', media_type="application/json")

    @app.get("/api/incidents/view")
    def api_incident_view(request: Request, limit: int = Query(25, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                          sort: str = Query("date"), dir: str = Query("desc", pattern="^(asc|desc)$"),
                          bbox_table: str | None = None):
        """What the page redraws on a filter change, in one answer: the map's positions (``pos``, see
        /api/incidents/points), the timeline and the table's page (``bbox_table``: the map's view,
        applied to the table only)."""
        import json

        if sort not in I.SORTS:
            raise ApiError(400, "bad_request", f"sort={sort!r}: sort by one of {', '.join(I.SORTS)}")
        cur = icursor()
        f = ifilters(request)
        try:
            table_f = I.IncidentFilters(**{**f.__dict__, "bbox": parse_bbox(bbox_table)}) if bbox_table else f
        except ConfigError as e:
            raise ApiError(400, "bad_request", str(e))
        points = I.points_json(cur, f, positions=True)
        rest = json.dumps({"timeline": I.timeline(cur, f)["items"],
                           "page": I.page(cur, table_f, sort=sort, desc=dir == "desc", limit=limit, offset=offset),
                           "gen": state["gen"]}, ensure_ascii=False, default=str, separators=(",", ":"))
        return Response(f'{{"points":{points},{rest[1:]}', media_type="application/json")

    @app.get("/api/incidents/timeline")
    def api_incident_timeline(request: Request):
        need_fused()
        return fast_json(I.timeline(icursor(), ifilters(request)))

    @app.get("/api/incidents/facets")
    def api_incident_facets():
        need_fused()
        return I.facets(icursor()) | {"writable": app.state.writable}

    @app.get("/api/incidents/{incident_id}")
    def api_incident(incident_id: str):
        out = I.one(icursor(), incident_id) if state["fused"] else None
        if out is None:
            raise ApiError(404, "not_found", f"no incident {incident_id!r}")
        return out

    @app.post("/api/incidents/{incident_id}/review")
    async def api_review(incident_id: str, request: Request):
        from sitrep.review import review

        need_fused()
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "bad_request", "the body must be JSON: {reviewer, changes, note}")
        if not isinstance(body, dict) or not isinstance(body.get("changes"), dict):
            raise ApiError(400, "bad_request", "the body must be JSON: {reviewer, changes: {field: value}, note}")
        with lock:
            try:
                review(con, incident_id, body["changes"], reviewer=str(body.get("reviewer") or ""),
                       note=body.get("note"))
            except ConfigError as e:
                raise ApiError(404 if str(e).startswith("no incident") else 400,
                               "not_found" if str(e).startswith("no incident") else "bad_request", str(e))
            state["iv"] = I.snapshot(con.cursor())
            state["gen"] = state.get("gen", 0) + 1
        return I.one(icursor(), incident_id)

    @app.get("/api/download.csv")
    def api_download_csv(request: Request):
        from sitrep.export import load_events
        from sitrep.export.acled import write_csv
        from sitrep.review import latest

        need_fused()
        cur = icursor()
        keep = set(I.ids(cur, ifilters(request)))
        rows = [r for r in load_events(cur) if r["incident_id"] in keep]
        buf = io.StringIO()
        write_csv(rows, buf, latest(cur))
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-incidents-acled.csv"'})

    @app.get("/api/download.geojson")
    def api_download_geojson(request: Request):
        import json

        need_fused()
        body = json.dumps(I.geojson(icursor(), ifilters(request)), ensure_ascii=False, default=str)
        return Response(body, media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-incidents.geojson"'})

    @app.get("/api/documents")
    def api_documents(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                      q: str | None = None):
        return Q.documents_page(cursor(), limit=limit, offset=offset, q=q)

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str):
        out = Q.document(cursor(), doc_id, is_fused=state["fused"])
        if out is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        return out

    return app
