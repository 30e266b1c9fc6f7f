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

    {"error": {"code": "not_found" | "bad_request" | "internal", "message": "..."}}
"""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sitrep.errors import ConfigError
from sitrep.export.filters import Filters, parse_bbox
from sitrep.io.store import connect
from sitrep.web import queries as Q

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 500


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


def create_app(db: str | Path) -> FastAPI:
    """The FastAPI app over ``db``, opened read-only once; each request uses its own cursor."""
    app = FastAPI(title="sitrep", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    con = connect(db, read_only=True)  # no file or network access from SQL (issue 18)
    lock = threading.Lock()
    state = {"fused": Q.fused(con)}
    app.state.db = str(db)

    def cursor():
        with lock:  # cursor() on a shared connection is not itself thread-safe
            return con.cursor()

    def filters(request: Request) -> Filters:
        g = request.query_params.get
        try:
            bbox = parse_bbox(g("bbox"))
        except ConfigError as e:
            raise ApiError(400, "bad_request", str(e))
        return Filters(date_from=_day(g("from"), "from"), date_to=_day(g("to"), "to"), country=g("country") or None,
                       type=g("type") or None, bbox=bbox, document=g("document") or None,
                       incident=g("incident") or None, q=g("q") or None)

    @app.exception_handler(ApiError)
    async def _api_error(request, exc: ApiError):
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
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

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html")

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(doc_id: str):
        return FileResponse(STATIC / "index.html")

    @app.get("/api")
    def api_index():
        return {"db": Path(app.state.db).name, "fused": state["fused"], "endpoints": [
            "/api/events", "/api/events/{document_id}/{event_id}", "/api/map", "/api/timeline",
            "/api/incidents", "/api/incidents/{id}", "/api/documents", "/api/documents/{id}", "/api/facets"],
            "filters": ["from", "to", "country", "type", "bbox", "q", "document", "incident"],
            "paging": {"limit": f"1..{MAX_LIMIT}", "offset": ">= 0"},
            "error": error_body("not_found | bad_request | internal", "what went wrong")}

    @app.get("/api/events")
    def api_events(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
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
    def api_incidents(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        if not state["fused"]:
            return {"items": [], "total": 0, "limit": limit, "offset": offset,
                    "note": "this store has not been fused: run sitrep incidents --db FILE"}
        return Q.incidents_page(cursor(), filters(request), limit=limit, offset=offset)

    @app.get("/api/incidents/{incident_id}")
    def api_incident(incident_id: str):
        out = Q.incident(cursor(), incident_id) if state["fused"] else None
        if out is None:
            raise ApiError(404, "not_found", f"no incident {incident_id!r}")
        return out

    @app.get("/api/documents")
    def api_documents(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0),
                      q: str | None = None):
        return Q.documents_page(cursor(), limit=limit, offset=offset, q=q)

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str):
        out = Q.document(cursor(), doc_id, is_fused=state["fused"])
        if out is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        return out

    return app
