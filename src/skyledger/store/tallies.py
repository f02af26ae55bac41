"""Tallies of claimed figures per day, week or month, grouped by region, weapon class, claimant or side: the one tally
engine, behind the dashboard (``/api/tallies``, the overview timeline) and ``skyledger tally`` / ``Ledger.tally``
(:mod:`skyledger.tally` turns these rows into a DataFrame and a chart).

Counting articles would count rewrites: twenty outlets repeating a governor's "42 drones" are one figure, and a governor
and the ministry speaking of the same night over the same region are one engagement. So a tally works per event: the
event's figure, per period, action, weapon class and group, is the largest count among its claims (the largest of its
claimants' figures); figures are summed over events. A week's or a month's figure therefore takes one figure per event
in it, not the sum of its days'. A claim's day is that of :func:`skyledger.store.times.claim_day` (the UTC+3 date of
the middle of its time window). **Counted are claims linked to an event and with a time window**: a claim not yet
linked to an event, or without a window start (its day would only be its report's publication), is left out of every
tally, by both callers. Human corrections are applied and rejected claims left out. The first grouping reads the index
``ix_claims_tally`` in order; the day, costly in SQL, is computed once per distinct window.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal, literal_column, or_, select, union_all

from skyledger.errors import UsageError
from skyledger.store.core import Store
from skyledger.store.corrections import apply_corrections, list_corrections, matched_claim_ids
from skyledger.store.schema import claims, events, reports, sources
from skyledger.store.selection import side_condition
from skyledger.store.times import claim_day, day_sql, shift_day

Period = Literal["day", "week", "month"]
Grouping = Literal["region", "weapon_class", "claimant", "side"]
_IN_LIST = 500
PERIODS: tuple[str, ...] = ("day", "week", "month")
GROUPINGS: tuple[str, ...] = ("region", "weapon_class", "claimant", "side")
# one event's figure in one period: (period, action, weapon class, event, key) -> (figure, claims)
_EventRow = tuple[str, str, str, str, str, int, int]


@dataclass(frozen=True, slots=True)
class TallyFilter:
    """Claims kept. ``region``: the claim's region, or one of the regions a total over several names (``regions``)."""

    action: str | None = None
    region: str | None = None
    country: str | None = None
    weapon_class: str | None = None
    claimant: str | None = None
    side: str | None = None
    since: str | None = None  # ISO, inclusive
    until: str | None = None  # ISO, exclusive
    event: str | None = None
    source: str | None = None  # source handle
    credibility: int | None = None  # the event's grade is at least this good (1..credibility)


def _conditions(f: TallyFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [claims.c.time_start.is_not(None), claims.c.event_id.is_not(None)]
    for column, value in (
        (claims.c.action, f.action),
        (claims.c.country, f.country),
        (claims.c.weapon_class, f.weapon_class),
        (claims.c.claimant, f.claimant),
    ):
        if value:
            conditions.append(column == value)
    if f.region:
        conditions.append(or_(claims.c.region == f.region, claims.c.regions.like(f'%"{f.region}"%')))
    if f.side:
        conditions.append(side_condition(claims.c.claimant, f.side))
    low, high = _margins(f)
    if low:  # a first cut on the index; the day itself is compared after (see _per_event_subquery)
        conditions.append(claims.c.time_start >= low)
    if high:
        conditions.append(claims.c.time_start < high)
    return [*conditions, *_fixed_conditions(f)]


def _fixed_conditions(f: TallyFilter) -> list[ColumnElement[bool]]:
    """The conditions on what a correction cannot change: the event, the report's source, the event's grade."""
    conditions: list[ColumnElement[bool]] = []
    if f.event:
        conditions.append(claims.c.event_id == f.event)
    if f.source:
        handle = (
            select(reports.c.id).join(sources, sources.c.id == reports.c.source_id).where(sources.c.handle == f.source)
        )
        conditions.append(claims.c.report_id.in_(handle))
    if f.credibility:
        conditions.append(claims.c.event_id.in_(select(events.c.id).where(events.c.credibility <= f.credibility)))
    return conditions


def _margins(f: TallyFilter) -> tuple[str | None, str | None]:
    """Bounds on the stored window start that keep every claim whose day is in [since, until): a window's day is at
    most a day before its start's (UTC) date, and the middle of a window of up to two days at most a day after."""
    low = shift_day(f.since, -2) if f.since else None  # None past the calendar's ends: no cut needed
    high = shift_day(f.until, 1) if f.until else None
    return low, high


def _in_days(day: str | None, f: TallyFilter) -> bool:
    return day is not None and not (f.since and day < f.since[:10]) and not (f.until and day >= f.until[:10])


def week_of(day: str) -> str:
    """The Monday (ISO date) of the ISO week holding ``day``."""
    value = date.fromisoformat(day)
    return (value - timedelta(days=value.weekday())).isoformat()


def period_of(day: str, period: str) -> str:
    """The first day (ISO date) of the day / ISO week / month holding ``day``."""
    if period == "week":
        return week_of(day)
    return f"{day[:7]}-01" if period == "month" else day


def _side_column(store: Store) -> ColumnElement[str]:
    """The side of the claimant in SQL: the two letters after the colon (``regional_authority:RU-KLU`` -> ``RU``)."""
    colon = func.instr(claims.c.claimant, ":") if store.dialect == "sqlite" else func.strpos(claims.c.claimant, ":")
    return func.substr(claims.c.claimant, colon + 1, 2)


def tally(
    store: Store, *, period: str = "day", by: str = "weapon_class", f: TallyFilter | None = None
) -> list[dict[str, Any]]:
    """Rows ``{period, action, key, figure, claims, events}`` sorted by period, action, key (see the module docstring).

    ``period`` is the first day of the day, ISO week (Monday) or month. ``claims`` is the number of claims,
    ``events`` the number of distinct events. ``figure``: per event, period, action, weapon class and group, the
    largest count any claim gave (so for ``by="claimant"`` each claimant's own figure), summed over events. The (few)
    events holding a corrected claim are tallied from their corrected rows, the rest in SQL.
    """
    _check(period, [by])
    f = f or TallyFilter()
    totals: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with store.connect() as connection:
        corrected, rows = _corrected_events(connection, f)
        for when, action, key_value, figure, n, n_events in connection.execute(
            _per_period_query(store, period, by, f, corrected)
        ):
            bucket = totals[(when, action, key_value or "")]
            bucket[0] += int(figure or 0)
            bucket[1] += int(n or 0)
            bucket[2] += int(n_events or 0)
    _add_events(totals, _per_event(rows, by, f), period)
    return _rows(totals)


def tallies(
    store: Store, *, period: str = "day", bys: Sequence[str] = ("weapon_class", "side"), f: TallyFilter | None = None
) -> dict[str, list[dict[str, Any]]]:
    """:func:`tally` for several groupings of one filter, ``{by: rows}``, in one statement: each event's figures are
    read once, with every grouping's key, then summed per grouping (the overview's two timelines cost one scan of the
    claims, not two; SQLite runs two scans one after the other even when two threads ask)."""
    _check(period, bys)
    f = f or TallyFilter()
    found: list[dict[tuple[str, str, str], list[int]]] = [defaultdict(lambda: [0, 0, 0]) for _ in bys]
    with store.connect() as connection:
        corrected, rows = _corrected_events(connection, f)
        per_event = _per_event_select(store, period, bys, f, corrected).cte("per_event")
        parts = []
        for number in range(len(bys)):
            key = per_event.c["key" if number == 0 else f"key_{number}"]
            one = (
                select(
                    per_event.c.period,
                    per_event.c.action,
                    per_event.c.event_id,
                    key.label("key"),
                    func.max(per_event.c.figure).label("figure"),
                    func.sum(per_event.c.n).label("n"),
                )
                .group_by(per_event.c.period, per_event.c.action, per_event.c.weapon_class, per_event.c.event_id, key)
                .subquery(f"grouping_{number}")
            )
            parts.append(_summed(one).add_columns(literal(number).label("grouping")))
        for when, action, key_value, figure, n, n_events, number in connection.execute(union_all(*parts)):
            bucket = found[int(number)][(when, action, key_value or "")]
            bucket[0] += int(figure or 0)
            bucket[1] += int(n or 0)
            bucket[2] += int(n_events or 0)
    out: dict[str, list[dict[str, Any]]] = {}
    for number, by in enumerate(bys):
        _add_events(found[number], _per_event(rows, by, f), period)
        out[by] = _rows(found[number])
    return out


def _rows(totals: dict[tuple[str, str, str], list[int]]) -> list[dict[str, Any]]:
    return [
        {"period": when, "action": action, "key": key_value or None, "figure": figure, "claims": n, "events": e}
        for (when, action, key_value), (figure, n, e) in sorted(totals.items())
    ]


def _check(period: str, bys: Sequence[str]) -> None:
    if period not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    for by in bys:
        if by not in GROUPINGS:
            raise UsageError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")


def _add_events(totals: dict[tuple[str, str, str], list[int]], rows: Iterable[_EventRow], period: str) -> None:
    """Adds figures per event and day to ``totals``: one figure per event, period, action, weapon class and key."""
    figures: dict[tuple[str, str, str, str, str], list[int]] = {}
    for day_value, action, weapon, event, key_value, figure, n in rows:
        bucket = figures.setdefault((period_of(day_value, period), action, weapon, event, key_value), [0, 0])
        bucket[0] = max(bucket[0], int(figure))
        bucket[1] += int(n)
    seen: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (when, action, _weapon, event, key_value), (figure, n) in figures.items():
        bucket = totals[(when, action, key_value)]
        bucket[0] += figure
        bucket[1] += n
        seen[(when, action, key_value)].add(event)
    for group, members in seen.items():
        totals[group][2] += len(members)


def _per_period_query(store: Store, period: str, by: str, f: TallyFilter, skip_events: set[str]) -> Select[Any]:
    """``(period, action, key, figure, claims, events)`` in SQL, leaving out the events in ``skip_events``."""
    return _summed(_per_event_subquery(store, period, by, f, skip_events))


def _summed(per_event: Any) -> Select[Any]:
    """``(period, action, key, figure, claims, events)`` over rows with one figure per event: figures and claims summed,
    events counted."""
    return select(
        per_event.c.period,
        per_event.c.action,
        per_event.c.key,
        func.sum(per_event.c.figure),
        func.sum(per_event.c.n),
        func.count(per_event.c.event_id.distinct()),
    ).group_by(per_event.c.period, per_event.c.action, per_event.c.key)


def _period_sql(dialect: str, period: str, day: str) -> ColumnElement[str]:
    """:func:`period_of` in SQL over an ISO date column (a compiled name such as ``day_of.day``)."""
    if period == "month":
        return literal_column(f"(substr({day}, 1, 7) || '-01')")  # type: ignore[return-value]
    if period == "week":
        if dialect == "sqlite":
            return literal_column(f"date({day}, '-6 days', 'weekday 1')")  # type: ignore[return-value]
        return literal_column(f"to_char(date_trunc('week', ({day})::date), 'YYYY-MM-DD')")  # type: ignore[return-value]
    return literal_column(day)  # type: ignore[return-value]


def _per_event_subquery(store: Store, period: str, by: str, f: TallyFilter, skip_events: set[str]) -> Any:
    """``(period, action, weapon_class, event_id, key, figure, n)``: one figure per event, period, action, weapon class
    and key, its claims' largest."""
    return _per_event_select(store, period, [by], f, skip_events).subquery("per_event")


def _key_column(store: Store, by: str) -> ColumnElement[Any]:
    return _side_column(store) if by == "side" else claims.c[by]


def _per_event_select(store: Store, period: str, bys: Sequence[str], f: TallyFilter, skip_events: set[str]) -> Any:
    """``(period, action, weapon_class, event_id, key, [key_1, ...], figure, n)``: one figure per event, period, action,
    weapon class and key of each grouping in ``bys``, its claims' largest."""
    expressions = [_key_column(store, by) for by in bys]  # one object each: PostgreSQL matches GROUP BY by its binds
    keys = [
        expression.label("key" if number == 0 else f"key_{number}") for number, expression in enumerate(expressions)
    ]
    # in the order of the index ix_claims_tally, so that SQLite streams the groups
    grouping: list[ColumnElement[Any]] = [
        claims.c.time_start,
        claims.c.action,
        claims.c.weapon_class,
        claims.c.event_id,
    ]
    grouping += [expression for by, expression in zip(bys, expressions, strict=True) if by != "weapon_class"]
    grouping.append(claims.c.time_end)  # each claim's own window gives its day
    conditions = _conditions(f)
    if skip_events:
        conditions.append(claims.c.event_id.not_in(sorted(skip_events)))
    per_window = (
        select(
            claims.c.time_start,
            func.coalesce(claims.c.time_end, "").label("time_end"),
            claims.c.action,
            claims.c.weapon_class,
            claims.c.event_id,
            *keys,
            func.max(claims.c.count).label("figure"),
            func.count().label("n"),
        )
        .where(*conditions)
        .group_by(*grouping)
        .cte("per_window")
    )
    # the day, costly to compute, once per distinct window (a grouped subquery, which SQLite does not flatten)
    day_of = (
        select(
            per_window.c.time_start,
            per_window.c.time_end,
            day_sql(store.dialect, "per_window.time_start", "nullif(per_window.time_end, '')").label("day"),
        )
        .group_by(per_window.c.time_start, per_window.c.time_end)
        .subquery("day_of")
    )
    joined = per_window.join(
        day_of, (day_of.c.time_start == per_window.c.time_start) & (day_of.c.time_end == per_window.c.time_end)
    )
    # one figure per event, period, action, weapon class and group: its claims' largest, whatever their windows
    when = _period_sql(store.dialect, period, "day_of.day").label("period")
    key_columns = [per_window.c[key.name] for key in keys]
    query = (
        select(
            when,
            per_window.c.action,
            per_window.c.weapon_class,
            per_window.c.event_id,
            *key_columns,
            func.max(per_window.c.figure).label("figure"),
            func.sum(per_window.c.n).label("n"),
        )
        .select_from(joined)
        .group_by(when, per_window.c.action, per_window.c.weapon_class, per_window.c.event_id, *key_columns)
    )
    if f.since:
        query = query.where(day_of.c.day >= f.since[:10])
    if f.until:
        query = query.where(day_of.c.day < f.until[:10])
    return query


def _corrected_events(connection: Connection, f: TallyFilter) -> tuple[set[str], list[dict[str, Any]]]:
    """The events holding a claim a correction applies to, and all their claims' rows as corrected (rejected out; those
    failing the filter's conditions on what a correction cannot change, too)."""
    matched = matched_claim_ids(connection)
    claim_ids = sorted({claim_id for claim_id in matched.values() if claim_id is not None})
    if not claim_ids:
        return set(), []
    event_ids: set[str] = set()
    for start in range(0, len(claim_ids), _IN_LIST):
        query = select(claims.c.event_id).where(claims.c.id.in_(claim_ids[start : start + _IN_LIST]))
        event_ids.update(str(value) for value in connection.execute(query).scalars() if value is not None)
    if f.since or f.until:
        fields = {item.id: item.field for item in list_corrections(connection)}
        retimed = {claim for item, claim in matched.items() if claim and fields[item] in {"time_start", "time_end"}}
        event_ids = _in_reach(connection, event_ids, f, retimed)
    rows: list[dict[str, Any]] = []
    kept: set[int] = set()
    ordered = sorted(event_ids)
    for start in range(0, len(ordered), _IN_LIST):
        within = claims.c.event_id.in_(ordered[start : start + _IN_LIST])
        rows.extend(dict(row) for row in connection.execute(select(claims).where(within)).mappings())
        kept.update(connection.execute(select(claims.c.id).where(within, *_fixed_conditions(f))).scalars())
    corrected = apply_corrections(connection, [row for row in rows if row["id"] in kept])
    return event_ids, [row for row in corrected if not row["rejected"]]


def _in_reach(connection: Connection, event_ids: set[str], f: TallyFilter, retimed: set[int]) -> set[str]:
    """The events among ``event_ids`` with a claim inside the first cut on time (:func:`_margins`) or with a corrected
    time: the others add nothing as corrected (their times, uncorrected, are outside) nor in SQL (the same cut)."""
    low, high = _margins(f)
    near = [claims.c.time_start >= low] if low else []
    near += [claims.c.time_start < high] if high else []
    moved = sorted(retimed)
    reach: set[str] = set()
    ordered = sorted(event_ids)
    for start in range(0, len(ordered), _IN_LIST):
        chunk = claims.c.event_id.in_(ordered[start : start + _IN_LIST])
        query = select(claims.c.event_id).where(chunk, and_(*near) if near else literal(True))
        reach.update(str(value) for value in connection.execute(query.distinct()).scalars())
        for first in range(0, len(moved), _IN_LIST):
            query = select(claims.c.event_id).where(chunk, claims.c.id.in_(moved[first : first + _IN_LIST]))
            reach.update(str(value) for value in connection.execute(query.distinct()).scalars())
    return reach


def _matches(row: dict[str, Any], f: TallyFilter) -> bool:
    """:func:`_conditions` for one (corrected) claim row."""
    if row["time_start"] is None or row["event_id"] is None:
        return False
    wanted = {"action": f.action, "country": f.country, "weapon_class": f.weapon_class, "claimant": f.claimant}
    if any(value and row[name] != value for name, value in wanted.items()):
        return False
    if f.region and row["region"] != f.region and f'"{f.region}"' not in (row["regions"] or ""):
        return False
    return not f.side or _side(row["claimant"]) == f.side


def _side(claimant: str) -> str:
    return claimant.partition(":")[2][:2]


def _per_event(rows: list[dict[str, Any]], by: str, f: TallyFilter) -> list[_EventRow]:
    """``(day, action, weapon class, event, key, figure, claims)`` per event and day, for claim rows in memory (the
    figures of :func:`_per_event_subquery` before the period)."""
    groups: dict[tuple[tuple[str, str | None], str, str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if not _matches(row, f):
            continue
        key = _side(row["claimant"]) if by == "side" else row[by]
        window = (row["time_start"], row["time_end"])
        groups.setdefault((window, row["action"], row["weapon_class"], row["event_id"], key or ""), []).append(row)
    events: dict[tuple[str, str, str, str, str], list[int]] = {}
    for (window, action, weapon, event, key), members in groups.items():
        day = claim_day(*window)
        if day is None or not _in_days(day, f):
            continue
        known = [row["count"] for row in members if row["count"] is not None]
        bucket = events.setdefault((day, action, weapon, event, key), [0, 0])
        bucket[0] = max(bucket[0], max(known) if known else 0)
        bucket[1] += len(members)
    return [
        (day, action, weapon, event, key, figure, n)
        for (day, action, weapon, event, key), (figure, n) in events.items()
    ]


def latest_day(store: Store) -> str | None:
    """The day (:func:`skyledger.store.times.claim_day`) of the claim with the latest window start, or None when the
    store holds no dated claim."""
    query = select(claims.c.time_start, claims.c.time_end).where(claims.c.time_start.is_not(None))
    with store.connect() as connection:
        row = connection.execute(query.order_by(claims.c.time_start.desc()).limit(1)).first()
    return claim_day(row.time_start, row.time_end) if row is not None else None
