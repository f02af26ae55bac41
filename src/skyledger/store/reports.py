"""Reports: written in batches by identity ``(source, external_id)``, read back for processing, searched.

Writing is idempotent: a report already stored with the same text is ``unchanged``; with other text (an edited post)
it is ``updated``: its text, hash and edit time are replaced and it goes back to status ``new``, so the next
``process`` extracts it again and replaces its claims. A batch is one transaction, so an ingest killed half-way leaves
whole batches only, and the identity constraint makes a re-run add exactly what is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Row, insert, select, text, update

from skyledger.model import Report, Source, dumps
from skyledger.store.core import Store
from skyledger.store.schema import reports, sources
from skyledger.store.sources import source_from_row
from skyledger.store.times import from_text, to_text, utc_now

_CHUNK = 500  # ids per IN (...) list


class Outcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


class Status(StrEnum):
    NEW = "new"  # waiting for ``process``
    EXTRACTED = "extracted"  # claims stored, events not yet updated (a process run was interrupted in between)
    PROCESSED = "processed"


def _columns(report: Report) -> dict[str, Any]:
    return {
        "url": report.url,
        "published": to_text(report.published),
        "edited": to_text(report.edited),
        "language": report.language,
        "title": report.title,
        "text": report.text,
        "content_hash": report.hash,
        "forwarded_from": report.forwarded_from,
        "forwarded_id": report.forwarded_id,
        "meta": dumps(report.meta) if report.meta else None,
    }


def _known(connection: Connection, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple[int, str]]:
    """(source id, external id) -> (report id, content hash) for the keys already stored."""
    by_source: dict[int, list[str]] = {}
    for source_id, external_id in keys:
        by_source.setdefault(source_id, []).append(external_id)
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for source_id, external_ids in by_source.items():
        for start in range(0, len(external_ids), _CHUNK):
            chunk = external_ids[start : start + _CHUNK]
            query = select(reports.c.id, reports.c.external_id, reports.c.content_hash).where(
                reports.c.source_id == source_id, reports.c.external_id.in_(chunk)
            )
            for row in connection.execute(query):
                found[(source_id, row.external_id)] = (row.id, row.content_hash)
    return found


def write_reports(connection: Connection, items: Sequence[tuple[int, Report]], run_id: int | None) -> list[Outcome]:
    """Store ``(source id, report)`` pairs; one outcome per pair, in order. Call inside one transaction per batch."""
    known = _known(connection, {(source_id, report.external_id) for source_id, report in items})
    now = utc_now()
    inserts: dict[tuple[int, str], dict[str, Any]] = {}
    outcomes: list[Outcome] = []
    for source_id, report in items:
        key = (source_id, report.external_id)
        digest = report.hash
        if key in inserts:  # the same identity twice in one batch: the later text wins
            outcome = Outcome.UNCHANGED if inserts[key]["content_hash"] == digest else Outcome.UPDATED
            inserts[key].update(_columns(report))
        elif key not in known:
            outcome = Outcome.NEW
            inserts[key] = {"source_id": source_id, "external_id": report.external_id, **_columns(report)}
            inserts[key].update(status=Status.NEW.value, ingest_run=run_id, ingested_at=now, updated_at=now)
        elif known[key][1] == digest:
            outcome = Outcome.UNCHANGED
        else:
            outcome = Outcome.UPDATED
            values = {**_columns(report), "status": Status.NEW.value, "updated_at": now}
            connection.execute(update(reports).where(reports.c.id == known[key][0]).values(**values))
            known[key] = (known[key][0], digest)
        outcomes.append(outcome)
    if inserts:
        connection.execute(insert(reports), list(inserts.values()))
    return outcomes


def report_from_row(row: Row[Any], handle: str) -> Report:
    return Report(
        source=handle,
        external_id=row.external_id,
        text=row.text,
        url=row.url,
        published=from_text(row.published),
        language=row.language,
        title=row.title,
        id=row.id,
        edited=from_text(row.edited),
        forwarded_from=row.forwarded_from,
        forwarded_id=row.forwarded_id,
        meta=json.loads(row.meta) if row.meta else {},
    )


def report_ids_in_status(connection: Connection, status: Status) -> list[int]:
    query = select(reports.c.id).where(reports.c.status == status.value).order_by(reports.c.id)
    return [int(value) for value in connection.execute(query).scalars()]


def set_status(
    connection: Connection, report_ids: Sequence[int], status: Status, *, only_from: Status | None = None
) -> None:
    """Set the status of these reports (only of those in status ``only_from``, when given)."""
    for start in range(0, len(report_ids), _CHUNK):
        query = update(reports).where(reports.c.id.in_(report_ids[start : start + _CHUNK]))
        if only_from is not None:
            query = query.where(reports.c.status == only_from.value)
        connection.execute(query.values(status=status.value))


def load_reports(connection: Connection, report_ids: Sequence[int]) -> list[tuple[Report, Source]]:
    """The reports with these ids (in id order), each with its source."""
    pairs: list[tuple[Report, Source]] = []
    source_columns = [column.label(f"source_{column.name}") for column in sources.c]
    for start in range(0, len(report_ids), _CHUNK):
        query = (
            select(reports, *source_columns)
            .join(sources, sources.c.id == reports.c.source_id)
            .where(reports.c.id.in_(report_ids[start : start + _CHUNK]))
            .order_by(reports.c.id)
        )
        for row in connection.execute(query):
            source = source_from_row(_Prefixed(row, "source_"))  # type: ignore[arg-type]
            pairs.append((report_from_row(row, source.handle), source))
    return pairs


class _Prefixed:
    """A row's ``source_*`` columns seen without the prefix."""

    def __init__(self, row: Row[Any], prefix: str) -> None:
        self._row, self._prefix = row, prefix

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, self._prefix + name)


def get_report(store: Store, report_id: int) -> tuple[Report, Source] | None:
    with store.connect() as connection:
        found = load_reports(connection, [report_id])
    return found[0] if found else None


def count_reports(store: Store) -> dict[str, int]:
    """How many reports are in each status."""
    query = text("SELECT status, count(*) FROM reports GROUP BY status")
    with store.connect() as connection:
        return {str(status): int(count) for status, count in connection.execute(query)}


@dataclass(frozen=True, slots=True)
class SearchHit:
    report_id: int
    source: str
    url: str | None
    published: str | None
    title: str | None
    language: str | None
    snippet: str  # the matching passage, matched words between the ``mark`` pair given to search_reports


_TERM = re.compile(r"\w+\*?")

_SQLITE_SEARCH = text(
    "SELECT r.id, s.handle, r.url, r.published, r.title, r.language, "
    "snippet(reports_fts, -1, :open, :close, '…', 16) AS snippet "
    "FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid JOIN sources s ON s.id = r.source_id "
    "WHERE reports_fts MATCH :query ORDER BY bm25(reports_fts), r.id LIMIT :limit"
)
_DOCUMENT = "to_tsvector('simple'::regconfig, coalesce(r.title, '') || ' ' || r.text)"  # as the index ix_reports_fts
_POSTGRESQL_SEARCH = text(
    "SELECT r.id, s.handle, r.url, r.published, r.title, r.language, "
    "ts_headline('simple'::regconfig, r.text, q, :options) AS snippet "
    f"FROM reports r JOIN sources s ON s.id = r.source_id, to_tsquery('simple'::regconfig, :query) q "
    f"WHERE {_DOCUMENT} @@ q ORDER BY ts_rank({_DOCUMENT}, q) DESC, r.id LIMIT :limit"
)


def query_terms(query: str) -> list[str]:
    """The words :func:`search_reports` looks for in ``query`` (``word*``: a prefix); punctuation is dropped."""
    return _TERM.findall(query)


def search_reports(store: Store, query: str, limit: int = 20, *, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Reports whose title or text hold every word of ``query``, best matches first.

    Words match whole words, case-insensitively, in any language; a word ending in ``*`` matches as a prefix
    (``Калужск*`` finds every case form). Punctuation and operators in ``query`` are ignored, so any user input is
    safe. No words: no hits.
    """
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    params: dict[str, Any] = {"limit": limit}
    if store.dialect == "postgresql":
        statement = _POSTGRESQL_SEARCH
        params["query"] = " & ".join(f"{term[:-1]}:*" if term.endswith("*") else term for term in terms)
        params["options"] = f'StartSel="{mark[0]}", StopSel="{mark[1]}", MaxWords=30, MinWords=12'
    else:
        statement = _SQLITE_SEARCH
        params["query"] = " ".join(f'"{term[:-1]}"*' if term.endswith("*") else f'"{term}"' for term in terms)
        params.update(open=mark[0], close=mark[1])
    with store.connect() as connection:
        rows = connection.execute(statement, params).all()
    return [SearchHit(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "") for row in rows]
