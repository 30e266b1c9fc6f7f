"""The routes of ``sitrep serve``, one router per group, each over the shared :class:`sitrep.web.app.Context`.

:func:`sitrep.web.app.create_app` includes them in this order (``/api/incidents/points`` and its
siblings come before ``/api/incidents/{incident_id}``, which would otherwise take them).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sitrep.errors import ConfigError
from sitrep.export.filters import parse_bbox
from sitrep.web import incidents as I
from sitrep.web import queries as Q
from sitrep.web.app import MAX_LIMIT, MAX_OFFSET, ApiError, Context, error_body, fast_json

ENDPOINTS = ["/api/events", "/api/events/{document_id}/{event_id}", "/api/map", "/api/timeline",
             "/api/incidents", "/api/incidents/{id}", "/api/incidents/points", "/api/incidents/timeline",
             "/api/incidents/facets", "POST /api/incidents/{id}/review", "/api/download.csv", "/api/download.geojson",
             "/api/documents", "/api/documents/{id}", "/api/facets"]
EVENT_FILTERS = ["from", "to", "country", "type", "bbox", "q", "document", "incident"]
INCIDENT_FILTERS = ["from", "to", "country", "admin1", "event_type", "sub_event_type", "type", "actor",
                    "min_fatalities", "precision", "q", "bbox", "status"]


def _sort(sort: str) -> None:
    if sort not in I.SORTS:
        raise ApiError(400, "bad_request", f"sort={sort!r}: sort by one of {', '.join(I.SORTS)}")


def pages(ctx: Context) -> APIRouter:
    """The page (``/`` and ``/documents/{id}``, one HTML page) and ``/api``, the list of the API."""
    r = APIRouter()

    @r.get("/", include_in_schema=False)
    def index():
        return ctx.page_html()

    @r.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(doc_id: str):
        return ctx.page_html()

    @r.get("/api")
    def api_index():
        return {"db": Path(ctx.app.state.db).name, "fused": ctx.fused, "endpoints": ENDPOINTS,
                "filters": EVENT_FILTERS, "incident_filters": INCIDENT_FILTERS,
                "sort": sorted(I.SORTS), "writable": ctx.app.state.writable,
                "paging": {"limit": f"1..{MAX_LIMIT}", "offset": f"0..{MAX_OFFSET}"},
                "error": error_body("not_found | bad_request | forbidden | internal", "what went wrong")}

    return r


def events(ctx: Context) -> APIRouter:
    """Events: a filtered page, one event with its sentence and incident, map points, timeline, facets."""
    r = APIRouter()

    @r.get("/api/events")
    def api_events(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        cur = ctx.cursor()
        return Q.events_page(cur, ctx.filters(request), limit=limit, offset=offset, is_fused=ctx.fused,
                             flat=Q.flat_ready(cur))

    @r.get("/api/events/{document_id}/{event_id}")
    def api_event(document_id: str, event_id: str):
        out = Q.event_detail(ctx.cursor(), document_id, event_id, is_fused=ctx.fused)
        if out is None:
            raise ApiError(404, "not_found", f"no event {event_id!r} in document {document_id!r}")
        return out

    @r.get("/api/map")
    def api_map(request: Request, limit: int = Query(2000, ge=1, le=20000)):
        cur = ctx.cursor()
        return Q.map_points(cur, ctx.filters(request), limit=limit, is_fused=ctx.fused, flat=Q.flat_ready(cur))

    @r.get("/api/timeline")
    def api_timeline(request: Request):
        cur = ctx.cursor()
        return Q.timeline(cur, ctx.filters(request), is_fused=ctx.fused, flat=Q.flat_ready(cur))

    @r.get("/api/facets")
    def api_facets():
        cur = ctx.cursor()
        return Q.facets(cur, flat=Q.flat_ready(cur)) | {"fused": ctx.fused}

    return r


def incidents(ctx: Context) -> APIRouter:
    """Incidents as reviewed: the table's page, map points, one answer per filter change, timeline,
    facets and one incident."""
    r = APIRouter()

    @r.get("/api/incidents")
    def api_incidents(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT),
                      offset: int = Query(0, ge=0, le=MAX_OFFSET), sort: str = Query("date"),
                      dir: str = Query("desc", pattern="^(asc|desc)$")):
        if not ctx.fused:
            return {"items": [], "total": 0, "limit": limit, "offset": offset,
                    "note": "this store has not been fused: run sitrep incidents --db FILE"}
        _sort(sort)
        return fast_json(I.page(ctx.icursor(), ctx.ifilters(request), sort=sort, desc=dir == "desc", limit=limit,
                                offset=offset))

    @r.get("/api/incidents/points")
    def api_incident_points(request: Request, limit: int = Query(20000, ge=1, le=100000), pos: bool = False):
        cur = ctx.icursor()
        body = I.points_json(cur, ctx.ifilters(request), limit=limit, positions=pos)
        # gen: which snapshot the positions refer to (a review makes a new one)
        return Response(body[:-1] + f',"gen":{ctx.gen}}}', media_type="application/json")

    @r.get("/api/incidents/view")
    def api_incident_view(request: Request, limit: int = Query(25, ge=1, le=MAX_LIMIT),
                          offset: int = Query(0, ge=0, le=MAX_OFFSET), sort: str = Query("date"),
                          dir: str = Query("desc", pattern="^(asc|desc)$"), bbox_table: str | None = None):
        """What the page redraws on a filter change, in one answer: the map's positions (``pos``, see
        /api/incidents/points), the timeline and the table's page (``bbox_table``: the map's view,
        applied to the table only)."""
        _sort(sort)
        cur = ctx.icursor()
        f = ctx.ifilters(request)
        try:
            table_f = I.IncidentFilters(**{**f.__dict__, "bbox": parse_bbox(bbox_table)}) if bbox_table else f
        except ConfigError as e:
            raise ApiError(400, "bad_request", str(e))
        points = I.points_json(cur, f, positions=True)
        rest = json.dumps({"timeline": I.timeline(cur, f)["items"],
                           "page": I.page(cur, table_f, sort=sort, desc=dir == "desc", limit=limit, offset=offset),
                           "gen": ctx.gen}, ensure_ascii=False, default=str, separators=(",", ":"))
        return Response(f'{{"points":{points},{rest[1:]}', media_type="application/json")

    @r.get("/api/incidents/timeline")
    def api_incident_timeline(request: Request):
        ctx.need_fused()
        return fast_json(I.timeline(ctx.icursor(), ctx.ifilters(request)))

    @r.get("/api/incidents/facets")
    def api_incident_facets():
        ctx.need_fused()
        return I.facets(ctx.icursor()) | {"writable": ctx.app.state.writable}

    @r.get("/api/incidents/{incident_id}")
    def api_incident(incident_id: str):
        out = I.one(ctx.icursor(), incident_id) if ctx.fused else None
        if out is None:
            raise ApiError(404, "not_found", f"no incident {incident_id!r}")
        return out

    return r


def review(ctx: Context) -> APIRouter:
    """``POST /api/incidents/{id}/review``: an analyst's changes, stored as reviews (see sitrep.review)."""
    r = APIRouter()

    @r.post("/api/incidents/{incident_id}/review")
    async def api_review(incident_id: str, request: Request):
        from sitrep.review import review as store_review

        ctx.need_fused()
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "bad_request", "the body must be JSON: {reviewer, changes, note}")
        if not isinstance(body, dict) or not isinstance(body.get("changes"), dict):
            raise ApiError(400, "bad_request", "the body must be JSON: {reviewer, changes: {field: value}, note}")
        with ctx.lock:
            try:
                store_review(ctx.con, incident_id, body["changes"], reviewer=str(body.get("reviewer") or ""),
                             note=body.get("note"))
            except ConfigError as e:
                missing = str(e).startswith("no incident")
                raise ApiError(404 if missing else 400, "not_found" if missing else "bad_request", str(e))
            ctx.snapshot()
        return I.one(ctx.icursor(), incident_id)

    return r


def downloads(ctx: Context) -> APIRouter:
    """The current view of incidents as ACLED CSV and GeoJSON files."""
    r = APIRouter()

    @r.get("/api/download.csv")
    def api_download_csv(request: Request):
        from sitrep.export import load_events
        from sitrep.export.acled import write_csv
        from sitrep.review import latest

        ctx.need_fused()
        cur = ctx.icursor()
        rows = load_events(cur, incident_ids=I.ids(cur, ctx.ifilters(request)))
        buf = io.StringIO()
        write_csv(rows, buf, latest(cur))
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-incidents-acled.csv"'})

    @r.get("/api/download.geojson")
    def api_download_geojson(request: Request):
        ctx.need_fused()
        body = json.dumps(I.geojson(ctx.icursor(), ctx.ifilters(request)), ensure_ascii=False, default=str)
        return Response(body, media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-incidents.geojson"'})

    return r


def documents(ctx: Context) -> APIRouter:
    """Documents: a page of them, and one with its text and every layer's items."""
    r = APIRouter()

    @r.get("/api/documents")
    def api_documents(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                      q: str | None = None):
        return Q.documents_page(ctx.cursor(), limit=limit, offset=offset, q=q)

    @r.get("/api/documents/{doc_id}")
    def api_document(doc_id: str):
        out = Q.document(ctx.cursor(), doc_id, is_fused=ctx.fused)
        if out is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        return out

    return r
