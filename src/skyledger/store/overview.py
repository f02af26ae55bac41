"""How much a store holds: the numbers ``skyledger demo`` and ``skyledger init`` print."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, FromClause, func, select

from skyledger.store.core import Store
from skyledger.store.schema import claims, events, rejected, reports, sources


@dataclass(frozen=True, slots=True)
class Overview:
    sources: int
    reports: int
    pending: int  # reports waiting for ``process``
    claims: int
    events: int  # live events (merged ones left out)
    rejected: int


def overview(store: Store) -> Overview:
    def count(table: FromClause, *conditions: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(table).where(*conditions)
        return int(connection.execute(query).scalar_one())

    with store.connect() as connection:
        return Overview(
            sources=count(sources),
            reports=count(reports),
            pending=count(reports, reports.c.status != "processed"),
            claims=count(claims),
            events=count(events, events.c.merged_into.is_(None)),
            rejected=count(rejected),
        )
