"""Flat records of claims, events, reports and corrections, filtered, with corrections applied: what the exports, the
tallies and the Python API read.

Each record is a dict of plain values (str, int, float, bool, None, lists of str), one key per column, the same keys in
every row, so that it becomes a DataFrame row, a CSV line or a JSON object without further thought. Claims show the
corrected value where a human corrected one (``corrected``, ``corrected_fields``), see ``store/corrections.py``.

A record's *day* (what ``since`` / ``until`` use) is :func:`skyledger.store.times.claim_day`: the date, on the UTC+3
clock, of the middle of its time window; an overnight window from 18:00 on the 13th to 07:00 on the 14th is the 14th,
the night's usual name. A claim without a time window takes its report's publication date (tallies, in
``store/tallies.py``, leave such claims out). Filters judge the corrected values, by the rules of
:mod:`skyledger.store.selection`, which the dashboard and the JSON API share.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from skyledger.errors import NotFoundError, UsageError
from skyledger.model import side_of
from skyledger.store.core import Store
from skyledger.store.corrections import apply_corrections, list_corrections, matched_claim_ids
from skyledger.store.schema import claims, events, reports, sources
from skyledger.store.selection import ClaimCriteria, within
from skyledger.store.times import claim_day, claim_moment, moment_bound

SCHEMA_VERSION = "skyledger-export/1"


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep. Every given filter must hold; an event or report is kept when one of its claims matches the
    claim-level ones (action, claimant, side, source)."""

    region: str | None = None  # ISO 3166-2
    country: str | None = None  # ISO 3166-1 alpha-2
    since: date | None = None  # first day kept
    until: date | None = None  # last day kept
    weapon: str | None = None  # weapon class
    action: str | None = None
    claimant: str | None = None
    side: str | None = None  # country of the claimant's jurisdiction
    credibility: int | None = None  # at least this good: grades 1..credibility
    event: str | None = None
    source: str | None = None  # source handle

    def claim_level(self) -> bool:
        return any(value is not None for value in (self.action, self.claimant, self.side, self.source))

    def as_dict(self) -> dict[str, Any]:
        return {item.name: getattr(self, item.name) for item in fields(self) if getattr(self, item.name) is not None}


def make_filters(**given: Any) -> Filters:
    """Filters from keyword arguments (dates as ``date`` or ISO text); unknown names are a UsageError."""
    known = {item.name for item in fields(Filters)}
    unknown = sorted(set(given) - known)
    if unknown:
        raise UsageError(f"unknown filter {', '.join(unknown)}; filters: {', '.join(sorted(known))}")
    values = {name: value for name, value in given.items() if value is not None}
    for name in ("since", "until"):
        if isinstance(values.get(name), str):
            try:
                values[name] = date.fromisoformat(values[name])
            except ValueError:
                raise UsageError(f"{name} takes a date (2024-05-12), not {values[name]!r}") from None
    for name in ("region", "country", "side"):
        if isinstance(values.get(name), str):
            values[name] = values[name].upper()
    if "credibility" in values:
        values["credibility"] = int(values["credibility"])
        if not 1 <= values["credibility"] <= 6:
            raise UsageError("credibility is a grade from 1 (confirmed) to 6 (cannot be judged)")
    return Filters(**values)


def claim_criteria(filters: Filters) -> ClaimCriteria:
    """The claim filters of ``filters`` as :mod:`skyledger.store.selection` applies them (to the corrected values)."""
    low, high = _bounds(filters)
    return ClaimCriteria(
        region=filters.region,
        country=filters.country,
        weapon_class=filters.weapon,
        action=filters.action,
        claimant=filters.claimant,
        side=filters.side,
        source=filters.source,
        event_id=filters.event,
        since=low,
        until=high,
    )


def _bounds(filters: Filters) -> tuple[str | None, str | None]:
    """``since`` / ``until`` (both days kept) as bounds on a time by the day rule (see the module docstring)."""
    low = moment_bound(filters.since) if filters.since else None
    high = moment_bound(filters.until, end=True) if filters.until else None
    return low, high


# ---------------------------------------------------------------------------------------------------------- claims


def claim_records(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every claim as a flat record (corrections applied), oldest report first."""
    filters = filters or Filters()
    criteria = claim_criteria(filters)
    with store.connect() as connection:
        rows = _claim_rows(connection)
    return [
        _claim_record(row)
        for row in rows
        if criteria.matches(row)
        and not (filters.credibility and (row["credibility"] is None or row["credibility"] > filters.credibility))
    ]


def claim_record(store: Store, claim_id: int) -> dict[str, Any]:
    """One claim as a flat record (corrections applied), with ``corrections``: its correction history, oldest first."""
    with store.connect() as connection:
        report_id = connection.execute(select(claims.c.report_id).where(claims.c.id == claim_id)).scalar()
        if report_id is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        rows = _claim_rows(connection, report_id=report_id)
    row = next(row for row in rows if row["id"] == claim_id)
    history = list(row["corrections"])
    return {**_claim_record(row), "corrections": history}


def _claim_rows(connection: Connection, *, report_id: int | None = None) -> list[dict[str, Any]]:
    query = (
        select(
            claims,
            reports.c.text.label("report_text"),
            reports.c.url,
            reports.c.published,
            reports.c.language,
            sources.c.handle.label("source"),
            sources.c.kind.label("source_kind"),
            events.c.credibility,
            events.c.independent_sources,
        )
        .join(reports, reports.c.id == claims.c.report_id)
        .join(sources, sources.c.id == reports.c.source_id)
        .outerjoin(events, events.c.id == claims.c.event_id)
        .order_by(reports.c.published, claims.c.report_id, claims.c.seq)
    )
    if report_id is not None:
        query = query.where(claims.c.report_id == report_id)
    return apply_corrections(connection, fetch_dicts(connection, query))


def _claim_record(row: dict[str, Any]) -> dict[str, Any]:
    text = row.pop("report_text") or ""
    start, end = int(row["evidence_start"]), int(row["evidence_end"])
    stated = bool(row["casualties_stated"])
    return {
        "claim_id": row["id"],
        "report_id": row["report_id"],
        "seq": row["seq"],
        "event_id": row["event_id"],
        "action": row["action"],
        "weapon_class": row["weapon_class"],
        "weapon_model": row["weapon_model"],
        "count": row["count"],
        "count_qualifier": row["count_qualifier"],
        "country": row["country"],
        "region": row["region"],
        "regions": _json_list(row["regions"]),
        "district": row["district"],
        "settlement": row["settlement"],
        "water": row["water"],
        "lat": row["lat"],
        "lon": row["lon"],
        "place_precision": row["place_precision"],
        "time_start": row["time_start"],
        "time_end": row["time_end"],
        "time_precision": row["time_precision"],
        "day": window_day(row["time_start"], row["time_end"]) or _iso_day(row["published"]),
        "casualties_stated": stated,
        "killed": row["killed"] if stated else None,
        "injured": row["injured"] if stated else None,
        "damage": row["damage"],
        "claimant": row["claimant"],
        "side": side_of(row["claimant"]),
        "cites": _json_list(row["cites"]),
        "evidence": text[start:end],
        "evidence_start": start,
        "evidence_end": end,
        "rule_set": row["rule_set"],
        "source": row["source"],
        "source_kind": row["source_kind"],
        "url": row["url"],
        "published": row["published"],
        "language": row["language"],
        "credibility": row["credibility"],
        "independent_sources": row["independent_sources"],
        "corrected": bool(row["corrected"]),
        "corrected_fields": list(row["corrected_fields"]),
        "rejected": bool(row["rejected"]),
    }


# ---------------------------------------------------------------------------------------------------------- events


def event_records(
    store: Store, filters: Filters | None = None, *, claim_list: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Every live (not merged-away) event as a flat record, earliest first. ``claim_list``: the unfiltered
    :func:`claim_records`, when the caller has read them already."""
    filters = filters or Filters()
    with store.connect() as connection:
        query = select(events).where(events.c.merged_into.is_(None)).order_by(events.c.time_start, events.c.id)
        rows = fetch_dicts(connection, query)
    members = claim_list if claim_list is not None else claim_records(store)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for member in members:
        if member["event_id"] is not None and not member["rejected"]:
            by_event.setdefault(member["event_id"], []).append(member)
    records = [_event_record(row, by_event.get(row["id"], [])) for row in rows]
    return [record for record in records if _event_matches(record, by_event.get(record["event_id"], []), filters)]


def _event_record(row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "event_id": row["id"],
        "wave": row["wave"],
        "country": row["country"],
        "region": row["region"],
        "time_start": row["time_start"],
        "time_end": row["time_end"],
        "day": window_day(row["time_start"], row["time_end"]),
        "weapon_classes": _json_list(row["weapon_classes"]),
        "article_count": row["article_count"],
        "independent_sources": row["independent_sources"],
        "credibility": row["credibility"],
        "reliability": row["reliability"],
        "conflict": bool(row["conflict"]),
        "count_low": row["count_low"],
        "count_best": row["count_best"],
        "count_high": row["count_high"],
        "explanation": row["explanation"],
        "claim_count": len(members),
        "actions": sorted({member["action"] for member in members}),
        "claimants": sorted({member["claimant"] for member in members}),
        "sources": sorted({member["source"] for member in members}),
        "killed": _total(member["killed"] for member in members),
        "injured": _total(member["injured"] for member in members),
        "corrected": any(member["corrected"] for member in members),
    }


def _event_matches(record: dict[str, Any], members: list[dict[str, Any]], filters: Filters) -> bool:
    if filters.region and record["region"] != filters.region:
        return False
    if filters.country and record["country"] != filters.country:
        return False
    if filters.weapon and filters.weapon not in record["weapon_classes"]:
        return False
    if filters.credibility and record["credibility"] > filters.credibility:
        return False
    if filters.event and record["event_id"] != filters.event:
        return False
    by_claim = ClaimCriteria(action=filters.action, claimant=filters.claimant, side=filters.side, source=filters.source)
    if filters.claim_level() and not any(by_claim.matches(member) for member in members):
        return False
    return within(claim_moment(record["time_start"], record["time_end"]), *_bounds(filters))


def _total(values: Iterable[int | None]) -> int | None:
    """The largest stated figure among an event's claims (claims about one event repeat, they do not add up)."""
    stated = [value for value in values if value is not None]
    return max(stated) if stated else None


# --------------------------------------------------------------------------------------------- reports, corrections


def report_records(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every report as a flat record (its text verbatim), oldest first.

    ``source``, ``since`` and ``until`` apply to the report itself; any other filter keeps the reports that hold a
    matching claim."""
    filters = filters or Filters()
    query = (
        select(reports, sources.c.handle.label("source"))
        .join(sources, sources.c.id == reports.c.source_id)
        .order_by(reports.c.published, reports.c.id)
    )
    with store.connect() as connection:
        rows = fetch_dicts(connection, query)
        counts: dict[int, int] = {}
        for (report_id,) in connection.execute(select(claims.c.report_id)):
            counts[report_id] = counts.get(report_id, 0) + 1
    by_claim = {key: value for key, value in filters.as_dict().items() if key not in {"since", "until", "source"}}
    matching = {record["report_id"] for record in claim_records(store, Filters(**by_claim))} if by_claim else None
    return [
        _report_record(row, counts.get(row["id"], 0))
        for row in rows
        if (not filters.source or row["source"] == filters.source)
        and (matching is None or row["id"] in matching)
        and within(claim_moment(row["published"], None), *_bounds(filters))
    ]


def _report_record(row: dict[str, Any], claim_count: int) -> dict[str, Any]:
    return {
        "report_id": row["id"],
        "source": row["source"],
        "external_id": row["external_id"],
        "url": row["url"],
        "published": row["published"],
        "edited": row["edited"],
        "day": _iso_day(row["published"]),
        "language": row["language"],
        "title": row["title"],
        "text": row["text"],
        "content_hash": row["content_hash"],
        "forwarded_from": row["forwarded_from"],
        "forwarded_id": row["forwarded_id"],
        "status": row["status"],
        "claim_count": claim_count,
    }


def correction_records(store: Store) -> list[dict[str, Any]]:
    """Every correction ever made, oldest first, with the claim it applies to now (``claim_id`` None: unmatched)."""
    with store.connect() as connection:
        items = list_corrections(connection)
        matched = matched_claim_ids(connection)
    return [
        {
            "correction_id": item.id,
            "claim_id": matched.get(item.id),
            "matched": matched.get(item.id) is not None,
            "report_id": item.report_id,
            "claim_seq": item.claim_seq,
            "claim_key": item.claim_key,
            "field": item.field,
            "value": json.dumps(item.value, ensure_ascii=False),
            "machine_value": json.dumps(item.machine_value, ensure_ascii=False),
            "author": item.author,
            "created_at": item.created_at,
            "note": item.note,
        }
        for item in items
    ]


def fetch_dicts(connection: Connection, query: Any) -> list[dict[str, Any]]:
    """The rows of ``query`` as plain dicts (faster than a RowMapping per row)."""
    result = connection.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _json_list(value: str | None) -> list[str]:
    if not value or value == "[]":
        return []
    loaded = json.loads(value)
    return [str(item) for item in loaded] if isinstance(loaded, list) else []


def window_day(start: str | None, end: str | None) -> str | None:
    """The day of a time window: :func:`skyledger.store.times.claim_day`, the rule every tally uses."""
    return claim_day(start, end)


def _iso_day(value: str | None) -> str | None:
    """The day of one stored time (a report's publication), by the same rule as a window's."""
    return claim_day(value, None)
