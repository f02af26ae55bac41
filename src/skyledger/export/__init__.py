"""Exports of the record: claims, events, reports and corrections as CSV, JSON Lines, GeoJSON, Parquet, an ACLED-shaped
table, or reports with claims in the CLAIMS.md shape.

Every export carries the schema version ``skyledger-export/1``: a ``schema_version`` column or field in every row, a
foreign member of the GeoJSON FeatureCollection (and a property of each feature), and Parquet file metadata.

=========== ========================================= ============================================================
what        formats                                   rows
=========== ========================================= ============================================================
claims      csv jsonl parquet geojson claims-jsonl    one per claim, corrections applied (claims-jsonl: per report)
events      csv jsonl parquet geojson acled           one per live event (merged-away events are left out)
reports     csv jsonl parquet                         one per report, text verbatim
corrections csv jsonl parquet claims-jsonl            one per correction (claims-jsonl: each corrected report)
=========== ========================================= ============================================================

Filters (``store.records.Filters``) select claims, events and reports; they do not apply to the list of corrections.
The file is written next to its destination and renamed into place, so a failed export leaves no half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skyledger.errors import UsageError
from skyledger.export import acled, claims_jsonl, geo, tabular
from skyledger.store.core import Store
from skyledger.store.records import (
    SCHEMA_VERSION,
    Filters,
    claim_records,
    correction_records,
    event_records,
    report_records,
)

__all__ = ["FORMATS", "SCHEMA_VERSION", "WHATS", "ExportSummary", "export", "records"]

WHATS = ("claims", "events", "reports", "corrections")
FORMATS = ("csv", "jsonl", "geojson", "parquet", "acled", "claims-jsonl")
ALLOWED: dict[str, tuple[str, ...]] = {
    "claims": ("csv", "jsonl", "parquet", "geojson", "claims-jsonl"),
    "events": ("csv", "jsonl", "parquet", "geojson", "acled"),
    "reports": ("csv", "jsonl", "parquet"),
    "corrections": ("csv", "jsonl", "parquet", "claims-jsonl"),
}
_COLUMNS: dict[str, tuple[str, ...]] = {  # the header of an empty CSV or Parquet export
    "claims": ("claim_id", "report_id", "seq", "event_id", "action", "weapon_class", "count", "region", "claimant"),
    "events": ("event_id", "wave", "country", "region", "time_start", "time_end", "credibility"),
    "reports": ("report_id", "source", "external_id", "url", "published", "language", "text"),
    "corrections": ("correction_id", "claim_id", "report_id", "claim_seq", "field", "value", "author", "created_at"),
}


@dataclass(frozen=True, slots=True)
class ExportSummary:
    what: str
    format: str
    path: Path
    rows: int
    schema_version: str = SCHEMA_VERSION


def records(store: Store, what: str, filters: Filters | None = None) -> list[dict[str, Any]]:
    """The flat records of ``what`` (claims, events, reports, corrections)."""
    readers: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "claims": lambda: claim_records(store, filters),
        "events": lambda: event_records(store, filters),
        "reports": lambda: report_records(store, filters),
        "corrections": lambda: correction_records(store),
    }
    if what not in readers:
        raise UsageError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    return readers[what]()


def export(
    store: Store,
    *,
    what: str,
    format: str,
    path: str | Path,
    filters: Filters | None = None,
    region_geometry: str = "polygon",
) -> ExportSummary:
    """Write ``what`` in ``format`` to ``path``; returns what was written.

    ``region_geometry`` (GeoJSON): "polygon" draws a region-level place as its region's outline, "centroid" as its
    centroid (much smaller files); either way ``geometry_precision`` is "region"."""
    if region_geometry not in geo.REGION_GEOMETRIES:
        raise UsageError(f"region geometry must be one of {', '.join(geo.REGION_GEOMETRIES)}, not {region_geometry!r}")
    if what not in ALLOWED:
        raise UsageError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    if format not in ALLOWED[what]:
        raise UsageError(f"{what} export as {format!r} is not offered; formats for {what}: {', '.join(ALLOWED[what])}")
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError("the folder to write into does not exist", path=str(target.parent))
    writer = _writer(store, what, format, filters, region_geometry)
    rows = _atomic_write(target, writer)
    return ExportSummary(what=what, format=format, path=target, rows=rows)


def _writer(
    store: Store, what: str, format: str, filters: Filters | None, region_geometry: str
) -> Callable[[Path], int]:
    if format == "acled":
        claims = claim_records(store)
        rows = acled.acled_rows(event_records(store, filters, claim_list=claims), claims)
        return lambda path: tabular.write_csv(rows, path, columns=acled.COLUMNS)
    if format == "claims-jsonl":
        return lambda path: claims_jsonl.write_documents(_documents(store, what, filters), path)
    data = records(store, what, filters)
    if format == "geojson":
        return lambda path: geo.write_geojson(data, path, what=what, region_geometry=region_geometry)
    if format == "csv":
        return lambda path: tabular.write_csv(data, path, columns=_COLUMNS[what])
    if format == "jsonl":
        return lambda path: tabular.write_jsonl(data, path)
    return lambda path: tabular.write_parquet(data, path, columns=_COLUMNS[what])


def _documents(store: Store, what: str, filters: Filters | None) -> list[dict[str, Any]]:
    claims = claim_records(store)
    if what == "corrections":
        wanted = {record["report_id"] for record in claim_records(store, filters) if record["corrected"]}
    else:
        wanted = {record["report_id"] for record in claim_records(store, filters)}
    reports = [report for report in report_records(store) if report["report_id"] in wanted]
    return claims_jsonl.documents(reports, [claim for claim in claims if claim["report_id"] in wanted])


def _atomic_write(target: Path, write: Callable[[Path], int]) -> int:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        rows = write(temporary)
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError(f"cannot write the export: {error.strerror}", path=str(target)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return rows
