"""Property-based tests of the API against its own OpenAPI schema (schemathesis, in-process ASGI).

Every operation, with generated valid and invalid parameters, must answer without a server error, with a status and
a body that the schema documents. The number of examples is kept small so the suite stays fast.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from skyledger.store import open_store
from skyledger.web.app import create_app
from web import fixture_db


def _app() -> object:
    """The app over its own fixture database (schemathesis needs the schema when the module loads)."""
    folder = Path(tempfile.mkdtemp(prefix="skyledger-schema-"))
    atexit.register(shutil.rmtree, folder, True)
    store = open_store(f"sqlite:///{folder / 'schema.db'}")
    fixture_db.build(store)
    return create_app(store)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()


def test_schema_documents_every_api_route_and_the_json_errors() -> None:
    document = create_app(open_store("sqlite://")).openapi()
    paths = set(document["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/claims",
        "/api/reports",
        "/api/sources",
        "/api/tallies",
    } <= paths
    assert not any(not path.startswith("/api/") for path in paths), "pages stay out of the API schema"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            error = operation["responses"].get("422")
            assert error and error["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody"), (
                method,
                path,
            )
    post = document["paths"]["/api/reports"]["post"]
    assert {"401", "403"} <= set(post["responses"]) and post["security"]


def test_docs_describe_every_api_operation() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    document = create_app(open_store("sqlite://")).openapi()
    for path, operations in document["paths"].items():
        for method in operations:
            named = re.sub(r"\{[a-z_]+\}", "{id}", path)
            assert f"`{method.upper()} {named}`" in docs, f"docs/web.md does not describe {method.upper()} {path}"
