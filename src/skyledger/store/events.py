"""Events, their members, provenance links, claimant links and the per-run event changelog.

The resolve and grade stages decide; these functions read what they need and write what they decided. An event
merged into another keeps its row (``merged_into``) so that its old id still resolves; ids are never reused.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, or_, select, update

from skyledger.model import (
    Action,
    Claim,
    ClaimantFigure,
    ClaimantLink,
    CountQualifier,
    Event,
    Grade,
    LinkKind,
    ReportLink,
    TimePrecision,
    TimeWindow,
    WeaponClass,
    dumps,
)
from skyledger.store.claims import claim_from_row
from skyledger.store.schema import claimant_links, claims, event_changes, event_members, events, report_links, runs
from skyledger.store.times import from_text, to_text

_CHUNK = 500


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def figure_json(figure: ClaimantFigure) -> dict[str, Any]:
    return {
        "claimant": figure.claimant,
        "action": figure.action.value,
        "weapon_class": figure.weapon_class.value,
        "count": figure.count,
        "count_qualifier": figure.count_qualifier.value,
        "report_ids": list(figure.report_ids),
    }


def figure_from_json(data: Mapping[str, Any]) -> ClaimantFigure:
    return ClaimantFigure(
        claimant=data["claimant"],
        action=Action(data["action"]),
        weapon_class=WeaponClass(data["weapon_class"]),
        count=data.get("count"),
        count_qualifier=CountQualifier(data.get("count_qualifier") or "unspecified"),
        report_ids=tuple(data.get("report_ids") or ()),
    )


def event_from_row(row: Row[Any], claim_ids: Sequence[int] = ()) -> Event:
    figures = tuple(figure_from_json(item) for item in json.loads(row.figures)) if row.figures else ()
    return Event(
        id=row.id,
        wave=row.wave,
        country=row.country,
        region=row.region,
        time=TimeWindow(from_text(row.time_start), from_text(row.time_end), TimePrecision.UNKNOWN),
        weapon_classes=tuple(WeaponClass(value) for value in json.loads(row.weapon_classes or "[]")),
        claim_ids=tuple(claim_ids),
        grade=Grade(
            article_count=row.article_count,
            independent_sources=row.independent_sources,
            credibility=row.credibility,
            reliability=row.reliability,
            conflict=bool(row.conflict),
            count_low=row.count_low,
            count_best=row.count_best,
            count_high=row.count_high,
            figures=figures,
            explanation=row.explanation or "",
        ),
    )


def next_event_number(connection: Connection) -> int:
    """One more than the largest number any event id ever took (merged ones included): ids are never reused."""
    numbers = [int(value[1:]) for value in connection.execute(select(events.c.id)).scalars() if value[1:].isdigit()]
    return max(numbers, default=0) + 1


def live_events(connection: Connection, regions: set[str], countries: set[str], first: str, last: str) -> list[Event]:
    """Events not merged away, of these regions (or national events of these countries), whose wave label lies in
    [first, last] or is "undated"; with their member claim ids."""
    place = or_(
        events.c.region.in_(sorted(regions)), events.c.region.is_(None) & events.c.country.in_(sorted(countries))
    )
    waves = or_(events.c.wave.between(first, last), events.c.wave == "undated")
    rows = connection.execute(select(events).where(events.c.merged_into.is_(None), place, waves)).all()
    members = member_ids(connection, [row.id for row in rows])
    return [event_from_row(row, members.get(row.id, [])) for row in rows]


def member_ids(connection: Connection, event_ids: Sequence[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for chunk in _chunks(list(event_ids)):
        query = select(claims.c.event_id, claims.c.id).where(claims.c.event_id.in_(chunk)).order_by(claims.c.id)
        for event_id, claim_id in connection.execute(query):
            found[event_id].append(claim_id)
    return dict(found)


def claims_of_events(connection: Connection, event_ids: Sequence[str]) -> list[Claim]:
    """The claims (model objects) of these events, by report then seq."""
    found: list[Claim] = []
    for chunk in _chunks(list(event_ids)):
        query = select(claims).where(claims.c.event_id.in_(chunk)).order_by(claims.c.report_id, claims.c.seq)
        found.extend(claim_from_row(row) for row in connection.execute(query))
    return found


def save_event(connection: Connection, event: Event, run_id: int | None, *, new: bool) -> None:
    """Insert a new event or update an existing one's place, wave, time and weapon classes (not its grade)."""
    values = {
        "wave": event.wave,
        "country": event.country,
        "region": event.region,
        "time_start": to_text(event.time.start),
        "time_end": to_text(event.time.end),
        "weapon_classes": dumps([weapon.value for weapon in event.weapon_classes]),
        "updated_run": run_id,
    }
    if new:
        connection.execute(insert(events).values(id=event.id, created_run=run_id, **values))
    else:
        connection.execute(update(events).where(events.c.id == event.id).values(**values))


def save_grade(connection: Connection, event_id: str, grade: Grade, run_id: int | None) -> None:
    connection.execute(
        update(events)
        .where(events.c.id == event_id)
        .values(
            article_count=grade.article_count,
            independent_sources=grade.independent_sources,
            credibility=grade.credibility,
            reliability=grade.reliability,
            conflict=grade.conflict,
            count_low=grade.count_low,
            count_best=grade.count_best,
            count_high=grade.count_high,
            figures=dumps([figure_json(figure) for figure in grade.figures]),
            explanation=grade.explanation,
            updated_run=run_id,
        )
    )


def assign_claims(connection: Connection, assignments: Mapping[int, str]) -> None:
    """Set the event of each claim (claim id -> event id), in ``claims.event_id`` and ``event_members``."""
    ids = sorted(assignments)
    for chunk in _chunks(ids):
        connection.execute(delete(event_members).where(event_members.c.claim_id.in_(chunk)))
    by_event: dict[str, list[int]] = defaultdict(list)
    for claim_id, event_id in assignments.items():
        by_event[event_id].append(claim_id)
    for event_id, members in by_event.items():
        for chunk in _chunks(sorted(members)):
            connection.execute(update(claims).where(claims.c.id.in_(chunk)).values(event_id=event_id))
    if ids:
        connection.execute(insert(event_members), [{"event_id": e, "claim_id": c} for c, e in assignments.items()])


def merge_event(connection: Connection, gone: str, keep: str, run_id: int | None) -> None:
    """Move every claim of ``gone`` to ``keep`` and mark ``gone`` as merged into it (its row stays)."""
    connection.execute(update(claims).where(claims.c.event_id == gone).values(event_id=keep))
    connection.execute(update(event_members).where(event_members.c.event_id == gone).values(event_id=keep))
    connection.execute(update(events).where(events.c.merged_into == gone).values(merged_into=keep))
    connection.execute(update(events).where(events.c.id == gone).values(merged_into=keep, updated_run=run_id))


def save_report_links(connection: Connection, children: Sequence[int], links: Iterable[ReportLink]) -> None:
    """Replace the links of these child reports by ``links`` (whose children must be among them)."""
    wanted = set(children)
    for chunk in _chunks(sorted(wanted)):
        connection.execute(delete(report_links).where(report_links.c.child_id.in_(chunk)))
    rows = {
        (link.child, link.parent): {
            "child_id": link.child,
            "parent_id": link.parent,
            "kind": link.kind.value,
            "score": link.score,
        }
        for link in links
        if link.child in wanted
    }
    if rows:
        connection.execute(insert(report_links), [rows[key] for key in sorted(rows)])


def report_links_of(connection: Connection, report_ids: Sequence[int]) -> list[ReportLink]:
    """The links whose child or parent is one of these reports."""
    found: dict[tuple[int, int], ReportLink] = {}
    for chunk in _chunks(sorted(set(report_ids))):
        query = select(report_links).where(or_(report_links.c.child_id.in_(chunk), report_links.c.parent_id.in_(chunk)))
        for row in connection.execute(query):
            found[(row.child_id, row.parent_id)] = ReportLink(
                row.child_id, row.parent_id, LinkKind(row.kind), row.score
            )
    return [found[key] for key in sorted(found)]


def save_claimant_links(connection: Connection, links: Iterable[ClaimantLink]) -> None:
    wanted = {(link.claimant, link.cites) for link in links}
    if not wanted:
        return
    claimants = sorted({claimant for claimant, _ in wanted})
    known = {
        (row.claimant, row.cites)
        for row in connection.execute(select(claimant_links).where(claimant_links.c.claimant.in_(claimants)))
    }
    fresh = [{"claimant": c, "cites": d} for c, d in sorted(wanted - known)]
    if fresh:
        connection.execute(insert(claimant_links), fresh)


def claimant_links_of(connection: Connection, claimants: Sequence[str]) -> list[ClaimantLink]:
    query = select(claimant_links).where(claimant_links.c.claimant.in_(sorted(set(claimants))))
    return [
        ClaimantLink(row.claimant, row.cites) for row in connection.execute(query.order_by(claimant_links.c.claimant))
    ]


def record_changes(connection: Connection, run_id: int, changes: Sequence[tuple[str, str, Mapping[str, Any]]]) -> None:
    """One changelog row per (event id, change: added | changed | merged, detail)."""
    if changes:
        connection.execute(
            insert(event_changes),
            [{"run_id": run_id, "event_id": e, "change": c, "detail": dumps(dict(d))} for e, c, d in changes],
        )


def changes_of_run(connection: Connection, run_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    query = select(event_changes).where(event_changes.c.run_id == run_id).order_by(event_changes.c.id)
    return [(row.event_id, row.change, json.loads(row.detail or "{}")) for row in connection.execute(query)]


def run_stats(connection: Connection, run_id: int) -> dict[str, Any]:
    value = connection.execute(select(runs.c.stats).where(runs.c.id == run_id)).scalar()
    return json.loads(value) if value else {}


def event_row(connection: Connection, event_id: str) -> tuple[Row[Any] | None, list[str]]:
    """The row of an event, following ``merged_into``; with the chain of ids followed."""
    chain = [event_id]
    row = connection.execute(select(events).where(events.c.id == event_id)).first()
    while row is not None and row.merged_into and row.merged_into not in chain:
        chain.append(row.merged_into)
        row = connection.execute(select(events).where(events.c.id == row.merged_into)).first()
    return row, chain


def count_events(connection: Connection) -> int:
    return int(
        connection.execute(select(func.count()).select_from(events).where(events.c.merged_into.is_(None))).scalar_one()
    )
