"""Reports with their claims in the ``CLAIMS.md`` shape: one report per line, ``claims`` filled.

For ``--what corrections`` these are the reports holding a corrected claim, with *all* their claims as corrected (a
claim marked ``rejected`` is left out), ready to become test data: a gold file for ``bench/score.py`` or a golden
case. Each claim carries the extra fields the contract welcomes (evidence and its span, time window, precision, rule
set) and ``corrected_fields``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from skyledger.model import CLAIM_FIELDS, Claim
from skyledger.store.records import SCHEMA_VERSION


def claim_json(record: dict[str, Any]) -> dict[str, Any]:
    """A claim record (``store.records``) as the CLAIMS.md claim object."""
    casualties = {"killed": record["killed"], "injured": record["injured"]} if record["casualties_stated"] else None
    data = {
        **{key: record[key] for key in _PLAIN},
        "casualties": casualties,
        "evidence_span": [record["evidence_start"], record["evidence_end"]],
        "event": record["event_id"],
    }
    if record["water"]:
        data["water"] = record["water"]
    if record["regions"]:
        data["regions"] = record["regions"]
    claim = Claim.from_json(data).to_json()
    claim["corrected_fields"] = list(record["corrected_fields"])
    claim["claim_id"] = record["claim_id"]
    return claim


# Copied as stored: the contract's fields but casualties (rebuilt from killed / injured), then skyledger's extras.
_PLAIN = tuple(field for field in CLAIM_FIELDS if field != "casualties") + (
    "evidence",
    "place_precision",
    "lat",
    "lon",
    "time_start",
    "time_end",
    "time_precision",
    "rule_set",
)


def documents(reports: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One CLAIMS.md document per report record, with that report's (non-rejected) claim records in order."""
    by_report: dict[int, list[dict[str, Any]]] = {}
    for record in claims:
        if not record["rejected"]:
            by_report.setdefault(record["report_id"], []).append(record)
    return [
        {
            "doc_id": f"{report['source']}#{report['external_id']}",
            "url": report["url"],
            "outlet": report["source"],
            "published": report["published"],
            "language": report["language"],
            "text": report["text"],
            "claims": [claim_json(record) for record in sorted(by_report.get(report["report_id"], []), key=_seq)],
            "schema_version": SCHEMA_VERSION,
        }
        for report in reports
    ]


def _seq(record: dict[str, Any]) -> int:
    return int(record["seq"])


def write_documents(docs: Sequence[dict[str, Any]], path: Path) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return len(docs)
