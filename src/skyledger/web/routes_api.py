"""The JSON API under /api. Each route parses its parameters and calls one store or pipeline function."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from skyledger.store import Store, browse
from skyledger.store.tallies import GROUPINGS, PERIODS, TallyFilter, tally
from skyledger.store.tokens import check_token
from skyledger.web import detail, params
from skyledger.web.schemas import (
    ClaimPage,
    ErrorBody,
    EventDetail,
    EventPage,
    IngestOut,
    ReportIn,
    ReportPage,
    SourceOut,
    TallyOut,
)

ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody, "description": "a parameter is not valid"}}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
bearer = HTTPBearer(auto_error=False, description="a token from `skyledger token create NAME`")


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/events", response_model=EventPage, summary="Events, newest first, filtered")
def events(
    store: StoreDep,
    f: Annotated[browse.EventFilter, Depends(params.event_filter)],
    limit: params.Limit = 50,
    offset: params.Offset = 0,
) -> dict[str, Any]:
    return browse.list_events(store, f, limit=limit, offset=offset).to_json()


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    summary="One event: claims with evidence, reports, provenance, figures, grade",
    responses={404: {"model": ErrorBody, "description": "no such event"}},
)
def event(store: StoreDep, event_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
    return detail.get_event(store, event_id)


@router.get("/claims", response_model=ClaimPage, summary="Claims in id order, filtered")
def claims(
    store: StoreDep,
    f: Annotated[browse.ClaimFilter, Depends(params.claim_filter)],
    limit: params.Limit = 100,
    offset: params.Offset = 0,
) -> dict[str, Any]:
    return browse.list_claims(store, f, limit=limit, offset=offset).to_json()


@router.get("/reports", response_model=ReportPage, summary="Reports; with q, a full-text search, best first")
def reports(
    store: StoreDep,
    q: params.Text = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    limit: params.Limit = 50,
    offset: params.Offset = 0,
) -> dict[str, Any]:
    return browse.search_reports(store, q, source=source, limit=limit, offset=offset).to_json()


@router.get("/sources", response_model=list[SourceOut], summary="Sources with reliability and report counts")
def sources(store: StoreDep) -> list[dict[str, Any]]:
    return browse.list_sources(store)


@router.get("/tallies", response_model=TallyOut, summary="Claimed figures per day, week or month, grouped")
def tallies(
    store: StoreDep,
    period: Annotated[str, Query(pattern="^(" + "|".join(PERIODS) + ")$")] = "day",
    by: Annotated[str, Query(pattern="^(" + "|".join(GROUPINGS) + ")$")] = "weapon_class",
    region: params.Region = None,
    country: params.Country = None,
    side: params.Side = None,
    weapon_class: params.Weapon = None,
    action: params.ActionQ = None,
    claimant: params.ClaimantQ = None,
    since: params.Since = None,
    until: params.Until = None,
) -> dict[str, Any]:
    low, high = params.bounds(since, until)
    f = TallyFilter(
        action=action.value if action else None,
        region=region,
        country=country,
        weapon_class=weapon_class.value if weapon_class else None,
        claimant=claimant,
        side=side,
        since=low,
        until=high,
    )
    return {"period": period, "by": by, "rows": tally(store, period=period, by=by, f=f)}


def require_writer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> str:
    """The name of the token presented; 403 on a read-only server, 401 without a live token."""
    if request.app.state.read_only:
        raise HTTPException(403, "this server is read-only: writes are refused")
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "a bearer token is required (skyledger token create NAME)", headers=challenge)
    name = check_token(get_store(request), credentials.credentials)
    if name is None:
        raise HTTPException(401, "unknown or revoked token", headers=challenge)
    return name


@router.post(
    "/reports",
    response_model=IngestOut,
    status_code=201,
    summary="Add reports (CLAIMS.md shape) as new, pending reports",
    responses={
        401: {"model": ErrorBody, "description": "no valid bearer token"},
        403: {"model": ErrorBody, "description": "the server is read-only"},
    },
)
def add_reports(
    store: StoreDep,
    _writer: Annotated[str, Depends(require_writer)],
    body: Annotated[ReportIn | list[ReportIn], Body()],
) -> dict[str, Any]:
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > 1000:
        raise HTTPException(422, "send between 1 and 1000 reports")
    return {"received": len(items), **ingest_reports(store, items)}


def ingest_reports(store: Store, items: list[ReportIn]) -> dict[str, int]:
    """Write ``items`` to a JSONL file and ingest it through the pipeline (the same path as ``skyledger ingest``)."""
    from skyledger.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix="skyledger-post-") as folder:
        path = Path(folder) / "posted.jsonl"
        lines = [json.dumps(item.model_dump(), ensure_ascii=False) for item in items]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        summary = ingest(store, str(path), format="jsonl")
    return {
        "new": summary.new,
        "unchanged": summary.unchanged,
        "updated": summary.updated,
        "rejected": summary.rejected,
    }
