"""Tallies of claimed figures per day or week, grouped by region, weapon class, claimant or side.

Counting articles would count rewrites: twenty outlets repeating a governor's "42 drones" are one figure, and a governor
and the ministry speaking of the same night over the same region are one engagement. So a tally works per event (per
report for claims not yet linked to an event): each claimant's figure is the largest count it gave; the event's figure
(per action and weapon class) is the largest of its claimants' figures in the group; figures are summed over events.
The day is the UTC date of the claim's time window start; claims without a time are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, cast, func, literal, or_, select

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
    conditions: list[ColumnElement[bool]] = [claims.c.time_start.is_not(None)]
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

    ``claims`` is the number of claims. ``figure``: per claimant, the largest count it gave in an event (rewrites
    repeat it); per event, action and weapon class, the largest of the claimants' figures within the group (for
    ``by="claimant"`` each claimant's own figure); summed over events.
    """
    if period not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if by not in GROUPINGS:
        raise UsageError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    f = f or TallyFilter()
    day = func.substr(claims.c.time_start, 1, 10)
    unit = func.coalesce(claims.c.event_id, literal("r") + cast(claims.c.report_id, String))
    key = _side_column(store) if by == "side" else claims.c[by]
    per_claimant = (
        select(
            unit.label("unit"),
            day.label("day"),
            claims.c.action,
            claims.c.weapon_class,
            key.label("key"),
            func.max(claims.c.count).label("figure"),
            func.count().label("n"),
        )
        .where(*_conditions(f))
        .group_by(unit, day, claims.c.action, claims.c.weapon_class, claims.c.claimant, key)
        .subquery()
    )
    per_event = (
        select(
            per_claimant.c.day,
            per_claimant.c.action,
            per_claimant.c.key,
            func.max(per_claimant.c.figure).label("figure"),
            func.sum(per_claimant.c.n).label("n"),
        )
        .group_by(
            per_claimant.c.unit,
            per_claimant.c.day,
            per_claimant.c.action,
            per_claimant.c.weapon_class,
            per_claimant.c.key,
        )
        .subquery()
    )
    query = select(
        per_event.c.day, per_event.c.action, per_event.c.key, func.sum(per_event.c.figure), func.sum(per_event.c.n)
    ).group_by(per_event.c.day, per_event.c.action, per_event.c.key)
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
