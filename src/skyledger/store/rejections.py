"""Rejected inputs: what could not become a report, kept with its reason (never silently dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from skyledger.model import Rejection
from skyledger.store.core import Store
from skyledger.store.schema import rejected
from skyledger.store.times import utc_now

_EXCERPT = 500


@dataclass(frozen=True, slots=True)
class RejectedRow:
    id: int
    rejection: Rejection
    run_id: int | None
    created_at: str


def record_rejections(connection: Connection, rejections: Iterable[Rejection], run_id: int | None) -> int:
    """Insert the rejections; returns how many."""
    now = utc_now()
    rows = [
        {
            "input": item.input,
            "locator": item.locator,
            "reason": item.reason,
            "excerpt": item.excerpt[:_EXCERPT] if item.excerpt else None,
            "run_id": run_id,
            "created_at": now,
        }
        for item in rejections
    ]
    if rows:
        connection.execute(insert(rejected), rows)
    return len(rows)


def list_rejections(store: Store, *, run_id: int | None = None, limit: int = 100) -> list[RejectedRow]:
    """The most recent rejections first, optionally of one run."""
    query = select(rejected).order_by(rejected.c.id.desc()).limit(limit)
    if run_id is not None:
        query = query.where(rejected.c.run_id == run_id)
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        RejectedRow(row.id, Rejection(row.input, row.reason, row.locator, row.excerpt), row.run_id, row.created_at)
        for row in rows
    ]
