"""Tallies of claimed figures per day or week, grouped by region, weapon class, claimant or side.

Counting articles would count rewrites: twenty outlets repeating a governor's "42 drones" are one figure, and a governor
and the ministry speaking of the same night over the same region are one engagement. So a tally works per event: the
event's figure, per action, weapon class and group, is the largest count among its claims (the largest of its
claimants' figures); figures are summed over events. The day is the UTC date of the claim's time window start; claims
without a time, or not yet linked to an event, are left out. The grouping follows the order of the index
``ix_claims_tally`` so that SQLite streams it without sorting.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, or_, select

from skyledger.errors import UsageError
from skyledger.store.core import Store
from skyledger.store.schema import claims

Period = Literal["day", "week"]
Grouping = Literal["region", "weapon_class", "claimant", "side"]
PERIODS: tuple[str, ...] = ("day", "week")
GROUPINGS: tuple[str, ...] = ("region", "weapon_class", "claimant", "side")


@dataclass(frozen=True, slots=True)
class TallyFilter:
    action: str | None = None
    region: str | None = None
    country: str | None = None
    weapon_class: str | None = None
    claimant: str | None = None
    side: str | None = None
    since: str | None = None  # ISO, inclusive
    until: str | None = None  # ISO, exclusive


def _conditions(f: TallyFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [claims.c.time_start.is_not(None), claims.c.event_id.is_not(None)]
    for column, value in (
        (claims.c.action, f.action),
        (claims.c.region, f.region),
        (claims.c.country, f.country),
        (claims.c.weapon_class, f.weapon_class),
        (claims.c.claimant, f.claimant),
    ):
        if value:
            conditions.append(column == value)
    if f.side:
        conditions.append(or_(claims.c.claimant.like(f"%:{f.side}"), claims.c.claimant.like(f"%:{f.side}-%")))
    if f.since:
        conditions.append(claims.c.time_start >= f.since)
    if f.until:
        conditions.append(claims.c.time_start < f.until)
    return conditions


def week_of(day: str) -> str:
    """The Monday (ISO date) of the ISO week holding ``day``."""
    value = date.fromisoformat(day)
    return (value - timedelta(days=value.weekday())).isoformat()


def _side_column(store: Store) -> ColumnElement[str]:
    """The side of the claimant in SQL: the two letters after the colon (``regional_authority:RU-KLU`` -> ``RU``)."""
    colon = func.instr(claims.c.claimant, ":") if store.dialect == "sqlite" else func.strpos(claims.c.claimant, ":")
    return func.substr(claims.c.claimant, colon + 1, 2)


def tally(
    store: Store, *, period: str = "day", by: str = "weapon_class", f: TallyFilter | None = None
) -> list[dict[str, Any]]:
    """Rows ``{period, action, key, figure, claims}`` sorted by period, action, key.

    ``claims`` is the number of claims. ``figure``: per event, action, weapon class and group, the largest count any
    claim gave (so for ``by="claimant"`` each claimant's own figure), summed over events. Claims with the same event
    but different window starts count as separate engagements of the event.
    """
    if period not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if by not in GROUPINGS:
        raise UsageError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    f = f or TallyFilter()
    key: ColumnElement[Any] = _side_column(store) if by == "side" else claims.c[by]
    # in the order of the index ix_claims_tally, so that SQLite streams the groups
    grouping: list[ColumnElement[Any]] = [
        claims.c.time_start,
        claims.c.action,
        claims.c.weapon_class,
        claims.c.event_id,
    ]
    if by != "weapon_class":
        grouping.append(key)
    per_event = (
        select(
            claims.c.time_start,
            claims.c.action,
            key.label("key"),
            func.max(claims.c.count).label("figure"),
            func.count().label("n"),
        )
        .where(*_conditions(f))
        .group_by(*grouping)
        .subquery()
    )
    day = func.substr(per_event.c.time_start, 1, 10)
    query = select(
        day, per_event.c.action, per_event.c.key, func.sum(per_event.c.figure), func.sum(per_event.c.n)
    ).group_by(day, per_event.c.action, per_event.c.key)
    totals: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    with store.connect() as connection:
        for day_value, action, key_value, figure, n in connection.execute(query):
            bucket = totals[(week_of(day_value) if period == "week" else day_value, action, key_value or "")]
            bucket[0] += int(figure or 0)
            bucket[1] += int(n or 0)
    return [
        {"period": when, "action": action, "key": key_value or None, "figure": figure, "claims": n}
        for (when, action, key_value), (figure, n) in sorted(totals.items())
    ]


def latest_day(store: Store) -> str | None:
    """The latest claim day in the store (ISO date), or None when it holds no dated claim."""
    with store.connect() as connection:
        value = connection.execute(select(func.max(claims.c.time_start))).scalar()
    return str(value)[:10] if value else None
