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

This module builds the app (:func:`create_app`), its guard and its error shape, and the
:class:`Context` every route shares; the routes themselves are in ``web/routes.py``. An unexpected
error is logged (logger ``sitrep.web``, with its traceback) and answered with a plain message.
"""
from __future__ import annotations

import logging
import secrets
import threading
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
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
log = logging.getLogger("sitrep.web")


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


class Context:
    """What every route shares: the one connection (each request takes its own cursor), the lock that
    serialises cursor creation and writes, and whether the store is fused, with the incident snapshot
    (``iv``) and its generation (``gen``: a review makes a new one)."""

    def __init__(self, app: FastAPI, con):
        self.app, self.con = app, con
        self.lock = threading.Lock()
        self.fused = Q.fused(con)
        self.iv = None
        self.gen = 0

    def cursor(self):
        with self.lock:  # cursor() on a shared connection is not itself thread-safe
            return self.con.cursor()

    def need_fused(self) -> None:
        if not self.fused:
            raise ApiError(400, "bad_request", "this store has not been fused: run sitrep incidents --db FILE")

    def icursor(self):
        """A cursor with ``incident_view`` attached (computed once, again after each review)."""
        self.need_fused()
        cur = self.cursor()
        if self.iv is None:
            with self.lock:
                self.snapshot()
        I.attach(cur, self.iv)
        return cur

    def snapshot(self) -> None:
        """Recompute the incident view (the caller holds the lock)."""
        self.iv = I.snapshot(self.con.cursor())
        self.gen += 1

    def filters(self, request: Request) -> Filters:
        g = request.query_params.get
        lo, hi, country, bbox = _common(request)
        return Filters(date_from=lo, date_to=hi, country=country, type=g("type") or None, bbox=bbox,
                       document=g("document") or None, incident=g("incident") or None, q=g("q") or None)

    def ifilters(self, request: Request) -> I.IncidentFilters:
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

    def page_html(self) -> HTMLResponse:
        html = (STATIC / "index.html").read_text(encoding="utf-8")
        meta = (f'<meta name="sitrep-token" content="{self.app.state.token}">'
                f'<meta name="sitrep-writable" content="{int(self.app.state.writable)}">')
        return HTMLResponse(html.replace("<!--sitrep-meta-->", meta), headers={"Cache-Control": "no-store"})


def _common(request: Request) -> tuple[str | None, str | None, str | None, tuple | None]:
    """The filters events and incidents share: dates (checked, in order), country (name or code), bbox."""
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


def create_app(db: str | Path, *, writable: bool = True, hosts: frozenset[str] | set[str] = LOOPBACK,
               token: str | None = None) -> FastAPI:
    """The FastAPI app over ``db``, opened once; each request uses its own cursor.

    ``writable``: take reviews (opens the file read-write; only ever on loopback, see ``sitrep serve``).
    ``hosts``: the names the Host header may carry. ``token``: the write token (random by default).
    """
    from sitrep.web import routes

    app = FastAPI(title="sitrep", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    # no file or network access from SQL (issue 18); read-write only to take reviews (loopback)
    con = connect(db, read_only=not writable)
    if writable:
        from sitrep.io.store import ensure_reviews

        ensure_reviews(con)
    app.router.on_shutdown.append(con.close)  # the file is free again once the server stops
    app.state.db = str(db)
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.writable = writable
    guard(app, {h.lower() for h in hosts})
    error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    ctx = Context(app, con)
    for router in (routes.pages(ctx), routes.events(ctx), routes.incidents(ctx), routes.review(ctx),
                   routes.downloads(ctx), routes.documents(ctx)):
        app.include_router(router)
    return app


def guard(app: FastAPI, allowed: set[str]) -> None:
    """Answer only a loopback Host (no DNS rebinding); take a write only from the page's own origin,
    with its token, on a writable server."""

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


def error_handlers(app: FastAPI) -> None:
    """Every error in the one shape ``{"error": {"code", "message"}}``; an unexpected one is logged with
    its traceback on the server and answered with a plain message (no internals to the client)."""

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
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("internal", "the server failed on this request (its log says why)"),
                            status_code=500)
