"""Read queries for the web, export and analyst layers: events with filters, one event, claims, reports, sources.

Everything here reads; nothing writes. Results are JSON-ready dictionaries (the API serves them as they are, the
dashboard renders them). Lists come back as a :class:`Page` with a deterministic order, so ``offset`` pagination is
stable while the store does not change. Tallies live in :mod:`skyledger.store.tallies`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, exists, func, literal, or_, select, text

from skyledger.errors import NotFoundError, UsageError
from skyledger.model import Claim, side_of
from skyledger.store import reports as full_text
from skyledger.store.core import Store
from skyledger.store.corrections import apply_corrections
from skyledger.store.schema import claims, events, report_links, reports, sources
from skyledger.store.selection import ClaimCriteria, claim_condition
from skyledger.store.times import moment_bound, moment_sql, window_prefilter

MAX_LIMIT = 500
MAX_SEARCH = 5000  # full-text hits considered by a search or a text filter
MARK = ("\u27e6", "\u27e7")  # ⟦ ⟧ around the matched words of a search snippet


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of the events list. ``since``/``until`` are ISO bounds (inclusive / exclusive, see :func:`time_bounds`);
    ``max_credibility`` keeps events graded N or better (1 is best)."""

    region: str | None = None
    country: str | None = None
    side: str | None = None
    weapon_class: str | None = None
    action: str | None = None
    claimant: str | None = None
    since: str | None = None
    until: str | None = None
    max_credibility: int | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    event_id: str | None = None
    report_id: int | None = None
    region: str | None = None
    country: str | None = None
    side: str | None = None
    weapon_class: str | None = None
    action: str | None = None
    claimant: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(slots=True)
class Page:
    """One page of a list; ``next_offset`` is None on the last page."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "limit": self.limit, "offset": self.offset, "next_offset": self.next_offset}


def time_bounds(since: date | datetime | None, until: date | datetime | None) -> tuple[str | None, str | None]:
    """Bounds on a claim's or an event's time (the middle of its window on the UTC+3 clock, the day rule of
    :mod:`skyledger.store.times`): ``since`` inclusive, ``until`` exclusive.

    A date is a day by that rule: a window from 22:30 to 23:30 UTC on 1 March is 2 March; a date ``until`` covers that
    whole day. Naive datetimes are taken as UTC. ``since`` after ``until`` is an empty range, not an error.
    """
    low = moment_bound(since) if since is not None else None
    high = moment_bound(until, end=True) if until is not None else None
    return low, high


def _criteria(f: EventFilter | ClaimFilter) -> ClaimCriteria:
    """The claim-level filters of ``f``, judged on the claims as corrected (:mod:`skyledger.store.selection`)."""
    return ClaimCriteria(weapon_class=f.weapon_class, action=f.action, claimant=f.claimant, side=f.side)


def _event_query(store: Store, connection: Connection, f: EventFilter) -> Select[Any]:
    query = select(events).where(events.c.merged_into.is_(None))
    if f.region:
        query = query.where(events.c.region == f.region)
    if f.country:
        query = query.where(events.c.country == f.country)
    if f.max_credibility is not None:
        query = query.where(events.c.credibility <= f.max_credibility)
    if f.since or f.until:  # a first cut on ix_events_window, then the time itself (store/times.py)
        query = query.where(*window_prefilter(events.c.time_start, events.c.time_end, f.since, f.until))
        moment = moment_sql(store.dialect, "events.time_start", "events.time_end")
        query = query.where(moment >= f.since) if f.since else query
        query = query.where(moment < f.until) if f.until else query
    wanted = _criteria(f)
    members = claim_condition(connection, replace(wanted, live=True)) if wanted != ClaimCriteria() else None
    if members is not None:  # an event with a claim (not rejected) that, as corrected, matches
        query = query.where(exists().where(claims.c.event_id == events.c.id, members))
    if f.q:
        query = query.where(_text_condition(store, f.q))
    return query


_TERM = re.compile(r"\w+\*?")  # as skyledger.store.reports.search_reports reads a query
_FTS_IDS = {
    "sqlite": "SELECT rowid FROM reports_fts WHERE reports_fts MATCH :fts LIMIT :n",
    "postgresql": "SELECT r.id FROM reports r WHERE to_tsvector('simple'::regconfig, coalesce(r.title, '') || ' ' || "
    "r.text) @@ to_tsquery('simple'::regconfig, :fts) LIMIT :n",
}
_FTS_EXISTS = {
    "sqlite": "EXISTS (SELECT 1 FROM claims c JOIN reports_fts f ON f.rowid = c.report_id "
    "WHERE c.event_id = events.id AND reports_fts MATCH :fts)",
    "postgresql": "EXISTS (SELECT 1 FROM claims c JOIN reports r ON r.id = c.report_id WHERE c.event_id = events.id "
    "AND to_tsvector('simple'::regconfig, coalesce(r.title, '') || ' ' || r.text) @@ "
    "to_tsquery('simple'::regconfig, :fts))",
}


def _text_condition(store: Store, q: str) -> ColumnElement[bool]:
    """Events with a claim from a report holding every word of ``q`` (the full-text index; ``word*`` for prefixes).

    A rare query lists its reports first (fast when they are few); a common one is checked event by event, newest
    first, which finds a page quickly because most events match.
    """
    terms = _TERM.findall(q)
    if not terms:
        return literal(False)
    if store.dialect == "postgresql":
        fts = " & ".join(f"{term[:-1]}:*" if term.endswith("*") else term for term in terms)
    else:
        fts = " ".join(f'"{term[:-1]}"*' if term.endswith("*") else f'"{term}"' for term in terms)
    with store.connect() as connection:
        ids = list(connection.execute(text(_FTS_IDS[store.dialect]), {"fts": fts, "n": MAX_SEARCH + 1}).scalars())
    if len(ids) <= MAX_SEARCH:
        return events.c.id.in_(select(claims.c.event_id).where(claims.c.report_id.in_(ids)))
    return text(_FTS_EXISTS[store.dialect]).bindparams(fts=fts)  # type: ignore[return-value]


def _page(items: list[dict[str, Any]], limit: int, offset: int) -> Page:
    more = len(items) > limit
    return Page(items=items[:limit], limit=limit, offset=offset, next_offset=offset + limit if more else None)


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must not be negative, not {offset}")


def event_json(row: Any) -> dict[str, Any]:
    """An events row as the API shows it (the grade inline)."""
    return {
        "id": row.id,
        "wave": row.wave,
        "country": row.country,
        "region": row.region,
        "time_start": row.time_start,
        "time_end": row.time_end,
        "weapon_classes": json.loads(row.weapon_classes) if row.weapon_classes else [],
        "article_count": row.article_count,
        "independent_sources": row.independent_sources,
        "credibility": row.credibility,
        "reliability": row.reliability,
        "conflict": bool(row.conflict),
        "count_low": row.count_low,
        "count_best": row.count_best,
        "count_high": row.count_high,
        "explanation": row.explanation or "",
    }


def list_events(store: Store, f: EventFilter, *, limit: int = 50, offset: int = 0) -> Page:
    """Events matching ``f``, newest first (then by id), one page."""
    _check_page(limit, offset)
    with store.connect() as connection:
        query = _event_query(store, connection, f).order_by(events.c.time_start.desc(), events.c.id.desc())
        rows = connection.execute(query.limit(limit + 1).offset(offset)).all()
    return _page([event_json(row) for row in rows], limit, offset)


def region_counts(store: Store, f: EventFilter) -> dict[str, int]:
    """Number of events per region code under ``f`` (events with no region are left out)."""
    with store.connect() as connection:
        inner = _event_query(store, connection, f).with_only_columns(events.c.region).subquery()
        query = select(inner.c.region, func.count()).where(inner.c.region.is_not(None)).group_by(inner.c.region)
        return {region: count for region, count in connection.execute(query)}


def claim_from_row(row: Any) -> Claim:
    """A claims row (a result row or a dict of its columns) as a model :class:`Claim` (ids and report id set)."""
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    killed, injured = data.get("killed"), data.get("injured")
    data["casualties"] = (
        {"killed": killed, "injured": injured} if data["casualties_stated"] or killed or injured else None
    )
    data["cites"] = json.loads(data["cites"]) if data["cites"] else []
    data["regions"] = json.loads(data["regions"]) if data["regions"] else []
    data["evidence_span"] = (data["evidence_start"], data["evidence_end"])
    data["event"] = data["event_id"]
    claim = Claim.from_json(data)
    claim.id, claim.report_id = data["id"], data["report_id"]
    return claim


def claim_json(row: Any, evidence: str | None = None) -> dict[str, Any]:
    """A claims row as the CLAIMS.md record plus its ids; ``evidence`` is the span's text where the report is known.

    A row with corrections laid over it (:func:`skyledger.store.corrections.apply_corrections`) shows the corrected
    values, with ``corrected``, ``corrected_fields`` and ``rejected`` (a human said it is no claim)."""
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    claim = claim_from_row(data)
    if evidence is not None:
        claim.evidence = evidence
    found = {"id": data["id"], "report_id": data["report_id"], "seq": data["seq"], "side": claim.side}
    found.update(claim.to_json())
    found.update(
        corrected=bool(data.get("corrected")),
        corrected_fields=list(data.get("corrected_fields", [])),
        rejected=bool(data.get("rejected")),
    )
    return found


def _corrected(connection: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Result rows of the claims table as dicts, corrections laid over them."""
    return apply_corrections(connection, [dict(row._mapping) for row in rows])


def list_claims(store: Store, f: ClaimFilter, *, limit: int = 100, offset: int = 0) -> Page:
    """Claims matching ``f`` in id order, each with its evidence text and its corrections applied; the filters look at
    the corrected values, the ones shown (:mod:`skyledger.store.selection`)."""
    _check_page(limit, offset)
    criteria = replace(
        _criteria(f),
        event_id=f.event_id,
        report_id=f.report_id,
        region=f.region,
        country=f.country,
        since=f.since,
        until=f.until,
    )
    query = select(claims, reports.c.text.label("report_text")).join(reports, reports.c.id == claims.c.report_id)
    with store.connect() as connection:
        condition = claim_condition(connection, criteria)
        if condition is not None:
            query = query.where(condition)
        rows = _corrected(
            connection, connection.execute(query.order_by(claims.c.id).limit(limit + 1).offset(offset)).all()
        )
    items = [claim_json(row, row["report_text"][row["evidence_start"] : row["evidence_end"]]) for row in rows]
    return _page(items, limit, offset)


def report_json(row: Any, *, with_text: bool = True) -> dict[str, Any]:
    data = {
        "id": row.id,
        "source": row.handle,
        "source_name": row.source_name,
        "reliability": row.reliability,
        "external_id": row.external_id,
        "url": row.url,
        "published": row.published,
        "language": row.language,
        "title": row.title,
        "status": row.status,
        "forwarded_from": row.forwarded_from,
    }
    if with_text:
        data["text"] = row.text
    return data


def _reports_query() -> Select[Any]:
    return select(reports, sources.c.handle, sources.c.name.label("source_name"), sources.c.reliability).join(
        sources, sources.c.id == reports.c.source_id
    )


def search_reports(store: Store, q: str | None, *, source: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Reports holding every word of ``q`` (full-text, best first; see :func:`skyledger.store.reports.search_reports`),
    each with a ``snippet`` whose matches sit between :data:`MARK`; without ``q``, every report, newest first."""
    _check_page(limit, offset)
    if not q or not q.strip():
        query = _reports_query()
        if source:
            query = query.where(sources.c.handle == source)
        query = query.order_by(reports.c.published.desc(), reports.c.id.desc()).limit(limit + 1).offset(offset)
        with store.connect() as connection:
            rows = connection.execute(query).all()
        return _page([report_json(row) for row in rows], limit, offset)
    hits = [
        hit
        for hit in full_text.search_reports(store, q, limit=MAX_SEARCH, mark=MARK)
        if source is None or hit.source == source
    ][offset : offset + limit + 1]
    with store.connect() as connection:
        rows = connection.execute(_reports_query().where(reports.c.id.in_([hit.report_id for hit in hits]))).all()
    by_id = {row.id: row for row in rows}
    items = [{**report_json(by_id[hit.report_id]), "snippet": hit.snippet} for hit in hits if hit.report_id in by_id]
    return _page(items, limit, offset)


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source with its registry fields and how many reports it has, by handle."""
    counts = select(reports.c.source_id, func.count().label("n")).group_by(reports.c.source_id).subquery()
    query = (
        select(sources, func.coalesce(counts.c.n, 0).label("reports"))
        .outerjoin(counts, counts.c.source_id == sources.c.id)
        .order_by(sources.c.handle)
    )
    with store.connect() as connection:
        return [
            {
                "handle": row.handle,
                "kind": row.kind,
                "name": row.name,
                "claimant": row.claimant,
                "side": side_of(row.claimant),
                "reliability": row.reliability,
                "country": row.country,
                "reports": row.reports,
            }
            for row in connection.execute(query)
        ]


def get_report(store: Store, report_id: int) -> dict[str, Any]:
    """One report with its text, its claims (evidence), the events they belong to, and its provenance links."""
    with store.connect() as connection:
        row = connection.execute(_reports_query().where(reports.c.id == report_id)).first()
        if row is None:
            raise NotFoundError(f"no report {report_id}")
        claim_rows = _corrected(
            connection,
            connection.execute(select(claims).where(claims.c.report_id == report_id).order_by(claims.c.seq)).all(),
        )
        link_rows = connection.execute(
            select(report_links).where(or_(report_links.c.child_id == report_id, report_links.c.parent_id == report_id))
        ).all()
        others = {link.parent_id for link in link_rows} | {link.child_id for link in link_rows}
        other_rows = connection.execute(_reports_query().where(reports.c.id.in_(sorted(others - {report_id})))).all()
    linked = {r.id: report_json(r, with_text=False) for r in other_rows}
    detail = report_json(row)
    detail.update(
        claims=[claim_json(c, row.text[c["evidence_start"] : c["evidence_end"]]) for c in claim_rows],
        parents=[
            {"kind": link.kind, "score": link.score, "report": linked.get(link.parent_id)}
            for link in link_rows
            if link.child_id == report_id
        ],
        children=[
            {"kind": link.kind, "score": link.score, "report": linked.get(link.child_id)}
            for link in link_rows
            if link.parent_id == report_id
        ],
    )
    return detail


def counts(store: Store) -> dict[str, int]:
    """How many sources, reports, claims and (unmerged) events the store holds."""
    queries = {
        "sources": select(func.count()).select_from(sources),
        "reports": select(func.count()).select_from(reports),
        "claims": select(func.count()).select_from(claims),
        "events": select(func.count()).select_from(events).where(events.c.merged_into.is_(None)),
    }
    with store.connect() as connection:
        return {name: int(connection.execute(query).scalar() or 0) for name, query in queries.items()}
