"""Correcting a claim from the dashboard: the claim page with its correction history and an edit form (a token is
required to save), and the JSON API twin.

- ``GET /claims/{id}`` (``/claims/{id}.json``): the claim as shown (corrections applied), each field's machine value
  beside, the history of corrections, and the form.
- ``POST /claims/{id}/corrections``: the form. Fields whose submitted value differs from the one shown become
  corrections; the token goes in the form's ``token`` field (or an ``Authorization: Bearer`` header). Answers with a
  redirect to the claim page (303), or the page again with the error (401 bad token, 403 read-only, 422 bad value).
- ``POST /api/claims/{id}/corrections``: JSON ``{"changes": {"count": 6}, "author": "...", "note": "..."}`` with a
  bearer token; 201 with the corrections made and the claim as it now reads.

The author defaults to the token's name.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from skyledger import pipeline
from skyledger.errors import AuthError, UsageError
from skyledger.store import Store
from skyledger.store.corrections import FIELDS, parse_value
from skyledger.store.records import claim_record
from skyledger.store.tokens import check_token
from skyledger.web.render import page
from skyledger.web.routes_api import StoreDep, require_writer
from skyledger.web.schemas import ErrorBody

router = APIRouter()
ClaimId = Annotated[int, PathParam(ge=1)]
FORM_FIELDS = [field for field in FIELDS if field != "rejected"]


def _shown(record: dict[str, Any], field: str) -> str:
    """A field's current value as the form shows it (lists comma-separated, None empty)."""
    value = record.get(field)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _claim_data(store: Store, claim_id: int) -> dict[str, Any]:
    record = claim_record(store, claim_id)
    machine: dict[str, Any] = {}
    for item in record["corrections"]:
        machine.setdefault(item["field"], item["machine_value"])
    return {"claim": record, "machine_values": machine, "fields": FORM_FIELDS}


@router.get("/claims/{claim_id}", include_in_schema=False)
@router.get("/claims/{claim_id}.json", include_in_schema=False)
def claim_page(request: Request, store: StoreDep, claim_id: ClaimId) -> Response:
    data = _claim_data(store, claim_id)
    return page(request, "claim.html", data, shown={f: _shown(data["claim"], f) for f in FIELDS}, error=None)


def _form_changes(record: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field in FORM_FIELDS:
        if field in form and form[field].strip() != _shown(record, field).strip():
            changes[field] = parse_value(field, form[field])
    if form.get("rejected") == "true" and not record["rejected"]:
        changes["rejected"] = True
    if form.get("rejected") == "false" and record["rejected"]:
        changes["rejected"] = False
    return changes


def _form_token(request: Request, form: dict[str, str]) -> str:
    header = request.headers.get("authorization", "")
    token = form.get("token", "").strip() or (header[7:].strip() if header.lower().startswith("bearer ") else "")
    if request.app.state.read_only:
        raise PermissionError("this server is read-only: writes are refused")
    if not token:
        raise AuthError("a token is required to save a correction (skyledger token create NAME)")
    return token


@router.post("/claims/{claim_id}/corrections", include_in_schema=False)
async def correct_from_form(request: Request, store: StoreDep, claim_id: ClaimId) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    record = claim_record(store, claim_id)
    try:
        token = _form_token(request, form)
        name = check_token(store, token)
        if name is None:
            raise AuthError("unknown or revoked token")
        changes = _form_changes(record, form)
        if not changes:
            raise UsageError("nothing changed: edit a field before saving")
        pipeline.correct(store, claim_id, changes, author=form.get("author", "").strip() or name, note=form.get("note"))
    except (AuthError, UsageError, PermissionError) as error:
        status = 403 if isinstance(error, PermissionError) else 401 if isinstance(error, AuthError) else 422
        data = _claim_data(store, claim_id)
        shown = {f: _shown(data["claim"], f) for f in FIELDS}
        return page(request, "claim.html", data, status_code=status, shown=shown, error=str(error))
    return RedirectResponse(f"/claims/{claim_id}#corrections", status_code=303)


@router.post(
    "/api/claims/{claim_id}/corrections",
    status_code=201,
    summary="Correct fields of a claim: the machine's values are kept beside; the correction survives re-processing",
    tags=["corrections"],
    responses={
        400: {"model": ErrorBody, "description": "the body is not JSON"},
        401: {"model": ErrorBody, "description": "no valid bearer token"},
        403: {"model": ErrorBody, "description": "the server is read-only"},
        404: {"model": ErrorBody, "description": "no such claim"},
        422: {"model": ErrorBody, "description": "a field that cannot be corrected, or a value of the wrong form"},
    },
)
def correct_from_api(
    store: StoreDep,
    writer: Annotated[str, Depends(require_writer)],
    claim_id: ClaimId,
    changes: Annotated[dict[str, Any], Body(description='field -> corrected value, e.g. {"count": 6}')],
    author: Annotated[str | None, Body(max_length=200)] = None,
    note: Annotated[str | None, Body(max_length=2000)] = None,
) -> dict[str, Any]:
    made = pipeline.correct(store, claim_id, changes, author=author or writer, note=note)
    return {
        "corrections": [{"id": item.id, **item.as_dict()} for item in made],
        "claim": json.loads(json.dumps(claim_record(store, claim_id), default=str)),
    }
