"""The dashboard: server-rendered pages, each with a JSON twin (the same URL ending in ``.json``, or ``?format=json``).

The twin is the very data the page is rendered from.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from skyledger.model import Action, WeaponClass
from skyledger.store import browse
from skyledger.store.tallies import TallyFilter, latest_day, tallies
from skyledger.web import detail, params, svg
from skyledger.web.render import page, query_string
from skyledger.web.routes_api import StoreDep

router = APIRouter(include_in_schema=False)
TIMELINE_DAYS = 30
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="skyledger-overview")


def _overview_data(store: Any) -> dict[str, Any]:
    """The overview's independent queries, run side by side (SQLite and psycopg release the GIL while they work)."""
    last = latest_day(store)
    since = (date.fromisoformat(last) - timedelta(days=TIMELINE_DAYS - 1)).isoformat() if last else None
    window = TallyFilter(since=since)
    jobs: dict[str, Future[Any]] = {
        "counts": _POOL.submit(browse.counts, store),
        "timelines": _POOL.submit(tallies, store, bys=("weapon_class", "side"), f=window),
        "regions": _POOL.submit(browse.region_counts, store, browse.EventFilter()),
    }
    recent = browse.list_events(store, browse.EventFilter(), limit=10).items
    return {
        "counts": jobs["counts"].result(),
        "timeline_since": since,
        "timeline_until": last,
        "by_weapon_class": jobs["timelines"].result()["weapon_class"],
        "by_side": jobs["timelines"].result()["side"],
        "regions": jobs["regions"].result(),
        "recent": recent,
    }


@router.get("/")
@router.get("/index.json")
def overview(request: Request, store: StoreDep) -> Response:
    data = _overview_data(store)
    return page(
        request,
        "overview.html",
        data,
        map_svg=svg.choropleth(data["regions"], lambda code: "/events" + query_string({}, region=code)),
        map_legend=svg.map_legend(data["regions"]),
        timelines=[
            svg.timeline(data["by_weapon_class"], grouping="weapon class"),
            svg.timeline(data["by_side"], grouping="side"),
        ],
        timeline_days=TIMELINE_DAYS,
        nav="overview",
    )


def _filter_args(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if k not in ("offset", "format")}


@router.get("/events")
@router.get("/events.json")
def events_list(
    request: Request,
    store: StoreDep,
    f: Annotated[browse.EventFilter, Depends(params.event_filter)],
    limit: params.Limit = 50,
    offset: params.Offset = 0,
) -> Response:
    result = browse.list_events(store, f, limit=limit, offset=offset)
    args = _filter_args(request)
    return page(
        request,
        "events.html",
        {"filters": args, **result.to_json()},
        args=args,
        regions=sorted(svg.region_names().items(), key=lambda item: item[0]),
        weapon_classes=[w.value for w in WeaponClass],
        actions=[a.value for a in Action],
        next_link="/events" + query_string(args, offset=result.next_offset) if result.next_offset else None,
        prev_link="/events" + query_string(args, offset=max(offset - limit, 0) or None) if offset else None,
        nav="events",
    )


def _event_page(request: Request, store: Any, event_id: str) -> Response:
    data = detail.get_event(store, event_id)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for claim in data["claims"]:
        start, end = claim["evidence_span"]
        spans.setdefault(claim["report_id"], []).append((start, end, str(claim["id"])))
    return page(request, "event.html", data, spans=spans, tree=provenance_tree(data), nav="events")


@router.get("/events/{event_id}.json")
def event_json(request: Request, store: StoreDep, event_id: Annotated[str, PathParam(max_length=40)]) -> Response:
    return _event_page(request, store, event_id)


@router.get("/events/{event_id}")
def event_page(request: Request, store: StoreDep, event_id: Annotated[str, PathParam(max_length=40)]) -> Response:
    return _event_page(request, store, event_id)


def provenance_tree(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's reports as a forest: each report under the report it rewrites, quotes or forwards.

    A report with several parents appears under each; cycles are cut.
    """
    by_id = {r["id"]: r for r in detail["reports"]}
    parents: dict[int, list[tuple[int, str]]] = {}
    for link in detail["links"]:
        if link["child"] in by_id and link["parent"] in by_id:
            parents.setdefault(link["child"], []).append((link["parent"], link["kind"]))
    children: dict[int, list[tuple[int, str]]] = {}
    for child, items in parents.items():
        for parent, kind in items:
            children.setdefault(parent, []).append((child, kind))

    def node(report_id: int, kind: str | None, seen: frozenset[int]) -> dict[str, Any]:
        below = [node(c, k, seen | {c}) for c, k in sorted(children.get(report_id, [])) if c not in seen]
        return {"report": by_id[report_id], "kind": kind, "children": below}

    return [node(rid, None, frozenset({rid})) for rid in by_id if rid not in parents]


@router.get("/reports/{report_id}")
@router.get("/reports/{report_id}.json")
def report_page(request: Request, store: StoreDep, report_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> Response:
    detail = browse.get_report(store, report_id)
    spans = [(c["evidence_span"][0], c["evidence_span"][1], str(c["id"])) for c in detail["claims"]]
    return page(request, "report.html", detail, spans=spans, nav="search")


@router.get("/sources")
@router.get("/sources.json")
def sources_page(request: Request, store: StoreDep) -> Response:
    return page(request, "sources.html", {"sources": browse.list_sources(store)}, nav="sources")


@router.get("/search")
@router.get("/search.json")
def search_page(
    request: Request,
    store: StoreDep,
    q: params.Text = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    limit: params.Limit = 20,
    offset: params.Offset = 0,
) -> Response:
    result = browse.search_reports(store, q, source=source, limit=limit, offset=offset) if q or source else None
    args = _filter_args(request)
    data = {
        "q": q,
        "source": source,
        **(result.to_json() if result else {"items": [], "limit": limit, "offset": 0, "next_offset": None}),
    }
    return page(
        request,
        "search.html",
        data,
        next_link="/search" + query_string(args, offset=result.next_offset) if result and result.next_offset else None,
        nav="search",
    )
