"""The FastAPI application: the store on ``app.state``, error translation, security headers, routers.

Routers: every module ``skyledger.web.routes_*`` that defines ``router`` is included (API first, then pages, then the
rest by name), so another part of the project adds routes by adding a module, e.g. ``routes_corrections.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

import skyledger
from skyledger.errors import AuthError, NotFoundError, SkyledgerError, UsageError
from skyledger.store import Store, open_store
from skyledger.web.render import render, wants_json
from skyledger.web.schemas import ErrorBody
from skyledger.web.security import SecurityHeaders

STATUS = {NotFoundError: 404, UsageError: 422, AuthError: 401}
FIRST = ("routes_api", "routes_pages")
ERROR_REF = "#/components/schemas/ErrorBody"


def discover_routers() -> list[APIRouter]:
    """``router`` of each ``skyledger.web.routes_*`` module, API and pages first."""
    import skyledger.web as package

    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("routes_"))
    ordered = [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]
    routers = []
    for name in ordered:
        module = importlib.import_module(f"skyledger.web.{name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            routers.append(router)
    return routers


class DropEmptyQuery:
    """Dashboard forms send every field; an empty one means "no filter", so it is dropped before validation."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") and not scope["path"].startswith("/api/"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            scope = {**scope, "query_string": urlencode([(k, v) for k, v in pairs if v.strip()]).encode("latin-1")}
        await self.app(scope, receive, send)


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json" or wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(render("error.html", status=status, message=message), status_code=status)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _install_errors(app: FastAPI) -> None:
    async def on_skyledger(request: Request, error: Exception) -> Response:
        assert isinstance(error, SkyledgerError)
        status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)
        return _error(request, status, str(error))

    async def on_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return _error(request, 422, _validation_message(error))

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        message = error.detail if isinstance(error.detail, str) else "request failed"
        if error.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = _error(request, error.status_code, message)
        response.headers.update(error.headers or {})
        if error.status_code == 405:
            response.headers["Allow"] = ", ".join(_allowed_methods(request))
        return response

    app.add_exception_handler(SkyledgerError, on_skyledger)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}}


def _json_error_schema(app: FastAPI) -> None:
    """Make /openapi.json tell the truth about errors, for every router: every 422 (and 400 for a body that is not
    JSON) is an :class:`ErrorBody`; an operation behind the bearer token (``require_writer``) documents 401 and 403."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                if "422" in responses:
                    responses["422"] = _error_response("a parameter or the body is not valid")
                if "requestBody" in operation:
                    responses.setdefault("400", _error_response("the body is not JSON"))
                if operation.get("security"):
                    responses.setdefault("401", _error_response("no valid bearer token"))
                    responses.setdefault("403", _error_response("the server is read-only"))
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorBody"] = ErrorBody.model_json_schema()
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(store: Store | str, *, read_only: bool = False, routers: Sequence[APIRouter] | None = None) -> FastAPI:
    """The app over ``store`` (a Store or a database URL). ``read_only`` refuses every write with 403."""
    if isinstance(store, str):
        store = open_store(store, read_only=read_only)
    app = FastAPI(
        title="skyledger",
        version=skyledger.__version__,
        description="Claims of air attacks and air-defence engagements, linked into events and graded by "
        "independent sources. Report text is untrusted input.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.read_only = read_only or store.read_only
    _install_errors(app)
    _json_error_schema(app)
    static = resources.files("skyledger.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in routers if routers is not None else discover_routers():
        app.include_router(router)
    app.add_middleware(DropEmptyQuery)
    app.add_middleware(SecurityHeaders)
    return app
