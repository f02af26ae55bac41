"""Sources: inserted with the registry's defaults the first time a channel or outlet is seen, never overwritten.

A row a user has edited (its reliability, claimant or name) keeps the edit on every later ingest; only fields that are
still empty are filled in from what the input or registry knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from skyledger.model import Source, SourceKind
from skyledger.store.core import Store
from skyledger.store.schema import reports, sources
from skyledger.store.times import utc_now

_FILLABLE = ("name", "claimant", "country")


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: int
    source: Source
    reports: int


def upsert_source(connection: Connection, source: Source) -> int:
    """The id of ``source``'s row, inserting it when new and filling in fields that are still empty."""
    row = connection.execute(select(sources).where(sources.c.handle == source.handle)).first()
    if row is None:
        values = {
            "handle": source.handle,
            "kind": source.kind.value,
            "name": source.name,
            "claimant": source.claimant,
            "reliability": source.reliability,
            "country": source.country,
            "created_at": utc_now(),
        }
        return int(connection.execute(insert(sources).values(**values).returning(sources.c.id)).scalar_one())
    fills = {name: getattr(source, name) for name in _FILLABLE if getattr(row, name) is None and getattr(source, name)}
    if fills:
        connection.execute(update(sources).where(sources.c.id == row.id).values(**fills))
    return int(row.id)


def source_from_row(row: Row[Any]) -> Source:
    """A ``sources`` row (or any row with its columns) as a :class:`Source`."""
    return Source(
        handle=row.handle,
        kind=SourceKind(row.kind),
        name=row.name,
        claimant=row.claimant,
        reliability=row.reliability,
        country=row.country,
    )


def get_source(store: Store, handle: str) -> Source | None:
    with store.connect() as connection:
        row = connection.execute(select(sources).where(sources.c.handle == handle)).first()
    return source_from_row(row) if row is not None else None


def list_sources(store: Store) -> list[SourceSummary]:
    """Every source with its number of reports, most reports first."""
    count = func.count(reports.c.id).label("report_count")
    query = (
        select(sources, count)
        .select_from(sources.outerjoin(reports, reports.c.source_id == sources.c.id))
        .group_by(*sources.c)
        .order_by(count.desc(), sources.c.handle)
    )
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [SourceSummary(row.id, source_from_row(row), int(row.report_count)) for row in rows]
