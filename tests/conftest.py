"""Shared fixtures: a migrated store on SQLite and, where configured, PostgreSQL; the path to ../shared.

Outside resources: PostgreSQL (``SKYLEDGER_TEST_PG``), ../shared (``SKYLEDGER_REQUIRE_SHARED=1`` makes its absence a
failure), a browser (``SKYLEDGER_REQUIRE_BROWSER=1``). Without the variables, tests needing them skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from skyledger.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("SKYLEDGER_TEST_PG")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from current output")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or a skip (a failure in CI, where SKYLEDGER_REQUIRE_SHARED=1)."""
    if not (SHARED / "corpus" / "dev.jsonl").exists():
        if os.environ.get("SKYLEDGER_REQUIRE_SHARED"):
            pytest.fail(f"../shared is required here but {SHARED} has no corpus/dev.jsonl")
        pytest.skip("../shared is not beside the project")
    return SHARED


def _pg_schema_url(schema: str) -> str:
    separator = "&" if "?" in str(PG_URL) else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """A migrated store in a fresh PostgreSQL schema, dropped afterwards."""
    if not PG_URL:
        pytest.skip("SKYLEDGER_TEST_PG is not set: PostgreSQL tests skip")
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as connection:  # an unreachable server fails here, as it must when the variable is set
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    store = open_store(_pg_schema_url(schema))
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Store:
    """The same store tests on both backends."""
    name = "sqlite_store" if request.param == "sqlite" else "pg_store"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]
