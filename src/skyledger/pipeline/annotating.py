"""``annotate``: the whole pipeline in memory, no database. CLAIMS.md reports in, the same reports with claims out.

Each line of the input is written back in its place with every field it had and ``"claims"`` replaced by what
skyledger extracts (claims already in the input are ignored), each claim labelled with its event.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skyledger import ingest as ingest_stage
from skyledger.errors import IngestError
from skyledger.model import Claim, Report, Source, dumps
from skyledger.pipeline import events as events_stage
from skyledger.pipeline.processing import CHUNK_SIZE, extract_chunks, worker_count


@dataclass(frozen=True, slots=True)
class AnnotateSummary:
    reports: int  # written back with claims
    claims: int
    events: int  # distinct event labels
    rejected: int  # lines that were not reports (written back with no claims when they are JSON objects)
    skipped: int  # lines that were not JSON objects at all (not written)


def _read(in_path: Path) -> tuple[list[Report], dict[str, Source], int]:
    reports: list[Report] = []
    sources: dict[str, Source] = {}
    rejected = 0
    for item in ingest_stage.read_input(str(in_path), format="jsonl"):
        if isinstance(item, Source):
            sources[item.handle] = item
        elif isinstance(item, Report):
            reports.append(item)
        else:
            rejected += 1
    return reports, sources, rejected


def _extract(reports: list[Report], sources: dict[str, Source]) -> list[Claim]:
    pairs = [(report, sources.get(report.source) or Source(report.source)) for report in reports]
    chunks = [pairs[start : start + CHUNK_SIZE] for start in range(0, len(pairs), CHUNK_SIZE)]
    claim_lists = [claims for _, found in extract_chunks(chunks, worker_count(len(pairs))) for claims in found]
    claims: list[Claim] = []
    for report, found in zip(reports, claim_lists, strict=True):
        for claim in found:
            claim.report_id = report.id
            claim.doc_id = report.meta.get("doc_id") or report.external_id
        claims.extend(found)
    return claims


def annotate(in_path: str | Path, out_path: str | Path) -> AnnotateSummary:
    """Read CLAIMS.md reports from ``in_path``, extract and label their claims, write them to ``out_path``."""
    in_path, out_path = Path(in_path), Path(out_path)
    reports, sources, rejected = _read(in_path)
    for report in reports:
        report.id = int(report.meta["line"]) - 1  # the line index: unique within the file
    claims = _extract(reports, sources)
    events_stage.label_events(reports, claims)
    by_line: dict[int, list[dict[str, Any]]] = {report.id: [] for report in reports if report.id is not None}
    for claim in claims:
        if claim.report_id is not None:
            by_line[claim.report_id].append(claim.to_json())
    skipped = _write(in_path, out_path, by_line)
    labels = {claim.event for claim in claims if claim.event}
    return AnnotateSummary(len(reports), len(claims), len(labels), rejected, skipped)


def _write(in_path: Path, out_path: Path, by_line: dict[int, list[dict[str, Any]]]) -> int:
    """Write the input's lines with their claims, atomically (a temporary file renamed over ``out_path``)."""
    skipped = 0
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=out_path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out, in_path.open("rb") as src:
            for index, raw in enumerate(src):
                row = _row(raw, first=index == 0)
                if row is None:
                    skipped += raw.strip() != b""
                    continue
                row["claims"] = by_line.get(index, [])
                out.write(dumps(row) + "\n")
        os.replace(temporary, out_path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise IngestError(f"cannot write: {error.strerror or error}", path=str(out_path)) from None
    return skipped


def _row(raw: bytes, *, first: bool) -> dict[str, Any] | None:
    """A line as the JSON object it holds, else None (blank, undecodable or not an object)."""
    try:
        row = json.loads(raw.decode("utf-8-sig" if first else "utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return row if isinstance(row, dict) else None
