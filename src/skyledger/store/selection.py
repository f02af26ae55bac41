"""Which claims a filter keeps, judged on what readers are shown: the claim as analysts corrected it.

One rule for every reader: the exports and the Python API (:mod:`skyledger.store.records`) test corrected claim rows
with :meth:`ClaimCriteria.matches`; the dashboard, the JSON API and ``skyledger events`` (:mod:`skyledger.store.browse`)
filter in SQL with :func:`claim_condition`. A claim of a report nobody corrected shows the machine's values, so SQL
compares the stored columns; the claims of corrected reports (few: corrections are made by hand) are read, corrected
and tested with :meth:`ClaimCriteria.matches`, and enter the SQL condition by id. A user who corrected a claim's region
finds it under the corrected region and no longer under the old one.

A claim's time is the middle of its time window on the UTC+3 clock (:func:`skyledger.store.times.claim_moment`, the
day rule); a claim without a window takes its report's publication time. ``since`` / ``until`` are bounds made by
:func:`skyledger.store.times.moment_bound`; SQL first tests the stored texts (cheap:
:func:`~skyledger.store.times.window_prefilter`) and computes the time only for the claims that pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from skyledger.model import side_of
from skyledger.store.corrections import apply_corrections
from skyledger.store.schema import claims, corrections, reports, sources
from skyledger.store.times import claim_moment, moment_sql, timeless_sql, window_prefilter

_PUBLISHED = "(SELECT reports.published FROM reports WHERE reports.id = claims.report_id)"


def side_condition(column: Any, side: str) -> ColumnElement[bool]:
    """Claimants whose side (country of jurisdiction) is ``side``: ``mod:RU``, ``regional_authority:RU-KLU``."""
    return or_(column.like(f"%:{side}"), column.like(f"%:{side}-%"))


# criterion -> the correctable fields it reads (source, report and event are not correctable; side reads the claimant)
_FIELDS_READ: dict[str, tuple[str, ...]] = {
    "region": ("region", "regions"),
    "country": ("country",),
    "weapon_class": ("weapon_class",),
    "action": ("action",),
    "claimant": ("claimant",),
    "side": ("claimant",),
    "since": ("time_start", "time_end"),
    "until": ("time_start", "time_end"),
}


@dataclass(frozen=True, slots=True)
class ClaimCriteria:
    """What a kept claim shows. ``region``: the claim's region or one of the regions of a total over several;
    ``since`` inclusive and ``until`` exclusive bounds of its time; ``live``: leave out claims a human rejected."""

    region: str | None = None
    country: str | None = None
    weapon_class: str | None = None
    action: str | None = None
    claimant: str | None = None
    side: str | None = None
    source: str | None = None  # source handle
    event_id: str | None = None
    report_id: int | None = None
    since: str | None = None
    until: str | None = None
    live: bool = False

    def empty(self) -> bool:
        return not self.live and all(getattr(self, item.name) is None for item in fields(self) if item.name != "live")

    def matches(self, row: Mapping[str, Any]) -> bool:
        """Whether a claim as shown (a ``claims`` row with corrections applied, or a flat claim record; ``published``
        and ``source`` are read when those filters are given) is kept."""
        if self.live and row.get("rejected"):
            return False
        equal = (
            (self.country, row["country"]),
            (self.weapon_class, row["weapon_class"]),
            (self.action, row["action"]),
            (self.claimant, row["claimant"]),
            (self.event_id, row["event_id"]),
            (self.report_id, row["report_id"]),
        )
        if any(wanted is not None and wanted != value for wanted, value in equal):
            return False
        if self.source is not None and row.get("source") != self.source:
            return False
        if self.region is not None and self.region != row["region"] and self.region not in _regions(row["regions"]):
            return False
        if self.side is not None and side_of(row["claimant"]) != self.side:
            return False
        if self.since is None and self.until is None:
            return True
        moment = claim_moment(row["time_start"], row["time_end"]) or claim_moment(row.get("published"), None)
        return (
            moment is not None
            and (self.since is None or moment >= self.since)
            and (self.until is None or moment < self.until)
        )

    def fields_read(self) -> list[str]:
        """The correctable claim fields (:data:`skyledger.store.corrections.FIELDS`) whose values these criteria
        test: a claim corrected in other fields only is kept or not as its stored values say."""
        read = {"rejected"} if self.live else set()
        for name, names in _FIELDS_READ.items():
            if getattr(self, name) is not None:
                read.update(names)
        return sorted(read)

    def stored_conditions(self, dialect: str) -> list[ColumnElement[bool]]:
        """The same tests in SQL over the ``claims`` table's stored (machine) values."""
        conditions: list[ColumnElement[bool]] = []
        for column, value in (
            (claims.c.country, self.country),
            (claims.c.weapon_class, self.weapon_class),
            (claims.c.action, self.action),
            (claims.c.claimant, self.claimant),
            (claims.c.event_id, self.event_id),
            (claims.c.report_id, self.report_id),
        ):
            if value is not None:
                conditions.append(column == value)
        if self.source is not None:
            handle = select(reports.c.id).join(sources, sources.c.id == reports.c.source_id)
            conditions.append(claims.c.report_id.in_(handle.where(sources.c.handle == self.source)))
        if self.region is not None:
            conditions.append(
                or_(claims.c.region == self.region, claims.c.regions.contains(f'"{self.region}"', autoescape=True))
            )
        if self.side is not None:
            conditions.append(side_condition(claims.c.claimant, self.side))
        if self.since is not None or self.until is not None:
            first_cut = window_prefilter(claims.c.time_start, claims.c.time_end, self.since, self.until)
            if first_cut:  # cheap tests on the stored texts; a claim with no readable window is left to the time
                timeless = timeless_sql(dialect, claims.c.time_start, claims.c.time_end)
                conditions.append(or_(and_(*first_cut), timeless))
            moment = moment_of_claims(dialect)
            if self.since is not None:
                conditions.append(moment >= self.since)
            if self.until is not None:
                conditions.append(moment < self.until)
        return conditions


def moment_of_claims(dialect: str) -> ColumnElement[str]:
    """A claim's time in SQL: its window's middle, else its report's publication (see the module docstring)."""
    return func.coalesce(
        moment_sql(dialect, "claims.time_start", "claims.time_end"), moment_sql(dialect, _PUBLISHED, "NULL")
    )


def claim_condition(connection: Connection, criteria: ClaimCriteria) -> ColumnElement[bool] | None:
    """An SQL condition over the ``claims`` table keeping the claims whose corrected values match; None: keep all."""
    if criteria.empty():
        return None
    # a correction changes its one field only: a report none of whose corrections touches a field the criteria read
    # is judged on its stored values, so only the (few) reports with such a correction are read and corrected here
    corrected_reports = select(corrections.c.report_id).where(corrections.c.field.in_(criteria.fields_read()))
    stored = and_(claims.c.report_id.not_in(corrected_reports), *criteria.stored_conditions(connection.dialect.name))
    query = (
        select(claims, reports.c.published, sources.c.handle.label("source"))
        .join(reports, reports.c.id == claims.c.report_id)
        .join(sources, sources.c.id == reports.c.source_id)
        .where(claims.c.report_id.in_(corrected_reports))
    )
    rows = apply_corrections(connection, [dict(row._mapping) for row in connection.execute(query)])
    kept = sorted(int(row["id"]) for row in rows if criteria.matches(row))
    return or_(stored, claims.c.id.in_(kept)) if kept else stored


def within(moment: str | None, since: str | None, until: str | None) -> bool:
    """Whether a time (:func:`~skyledger.store.times.claim_moment`) is in [since, until); no bound keeps all."""
    if since is None and until is None:
        return True
    return moment is not None and (since is None or moment >= since) and (until is None or moment < until)


def _regions(value: Any) -> list[str]:
    """The ``regions`` of a row (JSON text) or of a record (a list)."""
    if not value:
        return []
    loaded = json.loads(value) if isinstance(value, str) else value
    return [str(item) for item in loaded] if isinstance(loaded, list) else []
