"""Alembic's environment: runs on the connection that :mod:`skyledger.store.migrate` hands over (no alembic.ini)."""

from __future__ import annotations

from typing import Any

from alembic import context

from skyledger.store.migrate import include_object
from skyledger.store.schema import metadata


def _run() -> None:
    connection: Any = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("skyledger migrations run through skyledger.store.migrate, which passes a connection")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_server_default=False,
    )
    with context.begin_transaction():
        context.run_migrations()


_run()
