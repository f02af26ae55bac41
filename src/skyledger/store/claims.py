"""Claims: stored per report in extraction order (``seq``), replaced wholesale when the report is processed again."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from skyledger.model import (
    Action,
    Casualties,
    Claim,
    CountQualifier,
    Damage,
    Place,
    PlacePrecision,
    TimePrecision,
    TimeWindow,
    WeaponClass,
    dumps,
)
from skyledger.store.schema import claims
from skyledger.store.times import from_text, to_text

_CHUNK = 500


def claim_to_row(claim: Claim, report_id: int, seq: int, run_id: int | None) -> dict[str, Any]:
    place, casualties = claim.place, claim.casualties
    return {
        "report_id": report_id,
        "seq": seq,
        "action": claim.action.value,
        "weapon_class": claim.weapon_class.value,
        "weapon_model": claim.weapon_model,
        "count": claim.count,
        "count_qualifier": claim.count_qualifier.value,
        "country": place.country,
        "region": place.region,
        "regions": dumps(list(claim.regions)) if claim.regions else None,
        "district": place.district,
        "settlement": place.settlement,
        "lat": place.lat,
        "lon": place.lon,
        "place_precision": place.precision.value,
        "water": place.water,
        "time_start": to_text(claim.time.start),
        "time_end": to_text(claim.time.end),
        "time_precision": claim.time.precision.value,
        "killed": casualties.killed if casualties else None,
        "injured": casualties.injured if casualties else None,
        "casualties_stated": casualties is not None,
        "damage": claim.damage.value if claim.damage else None,
        "claimant": claim.claimant,
        "cites": dumps(list(claim.cites)) if claim.cites else None,
        "evidence_start": claim.evidence_span[0],
        "evidence_end": claim.evidence_span[1],
        "rule_set": claim.rule_set,
        "event_id": claim.event,
        "run_id": run_id,
    }


def claim_from_row(row: Row[Any], report_text: str | None = None) -> Claim:
    """A ``claims`` row as a :class:`Claim`; ``evidence`` is cut from ``report_text`` when it is given."""
    start, end = int(row.evidence_start), int(row.evidence_end)
    return Claim(
        action=Action(row.action),
        weapon_class=WeaponClass(row.weapon_class),
        count=row._mapping["count"],  # Row.count is the tuple method
        count_qualifier=CountQualifier(row.count_qualifier),
        weapon_model=row.weapon_model,
        place=Place(
            country=row.country,
            region=row.region,
            district=row.district,
            settlement=row.settlement,
            lat=row.lat,
            lon=row.lon,
            precision=PlacePrecision(row.place_precision),
            water=row.water,
        ),
        regions=tuple(json.loads(row.regions)) if row.regions else (),
        time=TimeWindow(from_text(row.time_start), from_text(row.time_end), TimePrecision(row.time_precision)),
        casualties=Casualties(row.killed, row.injured) if row.casualties_stated else None,
        damage=Damage(row.damage) if row.damage else None,
        claimant=row.claimant,
        cites=tuple(json.loads(row.cites)) if row.cites else (),
        evidence_span=(start, end),
        evidence=report_text[start:end] if report_text is not None else "",
        rule_set=row.rule_set,
        report_id=row.report_id,
        id=row.id,
        event=row.event_id,
    )


def replace_claims(connection: Connection, report_id: int, new_claims: Sequence[Claim], run_id: int | None) -> set[str]:
    """Delete the report's claims and insert ``new_claims`` in order (seq 0, 1, ...).

    Returns the ids of the events the deleted claims belonged to: those events lost members and need re-grading.
    """
    return replace_claims_of_reports(connection, {report_id: new_claims}, run_id)


def replace_claims_of_reports(
    connection: Connection, new_claims: Mapping[int, Sequence[Claim]], run_id: int | None
) -> set[str]:
    """:func:`replace_claims` for many reports at once (a few statements per 500 reports, not three per report)."""
    report_ids = list(new_claims)
    events: set[str] = set()
    for start in range(0, len(report_ids), _CHUNK):
        chunk = report_ids[start : start + _CHUNK]
        touched = connection.execute(
            select(claims.c.event_id).where(claims.c.report_id.in_(chunk), claims.c.event_id.is_not(None)).distinct()
        ).scalars()
        events |= {str(event_id) for event_id in touched}
        connection.execute(delete(claims).where(claims.c.report_id.in_(chunk)))
    rows = [
        claim_to_row(claim, report_id, seq, run_id)
        for report_id, found in new_claims.items()
        for seq, claim in enumerate(found)
    ]
    if rows:
        connection.execute(insert(claims), rows)
    return events


def claims_of_reports(connection: Connection, report_ids: Sequence[int]) -> list[Claim]:
    """The claims of these reports, by report then seq (without evidence text; see claim_from_row)."""
    found: list[Claim] = []
    for start in range(0, len(report_ids), _CHUNK):
        query = (
            select(claims)
            .where(claims.c.report_id.in_(report_ids[start : start + _CHUNK]))
            .order_by(claims.c.report_id, claims.c.seq)
        )
        found.extend(claim_from_row(row) for row in connection.execute(query))
    return found


def claims_of_run(connection: Connection, run_id: int) -> list[Claim]:
    """The claims stored by one process run, by report then seq."""
    query = select(claims).where(claims.c.run_id == run_id).order_by(claims.c.report_id, claims.c.seq)
    return [claim_from_row(row) for row in connection.execute(query)]


def move_claims_to_run(connection: Connection, report_ids: Sequence[int], run_id: int) -> None:
    """Hand the claims of these reports to ``run_id`` (used to finish what an interrupted run left half done)."""
    for start in range(0, len(report_ids), _CHUNK):
        chunk = report_ids[start : start + _CHUNK]
        connection.execute(update(claims).where(claims.c.report_id.in_(chunk)).values(run_id=run_id))
