"""Analyst outputs at scale: a synthetic store of N claims (rows written straight into the tables), then the time of
reading the records, each export format, a tally and a chart.

    python bench/analyst_bench.py [--claims 50000] [--db URL]

Each claim is in its own report; three claims share an event. Prints seconds and rows per second per step.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from skyledger.export import export
from skyledger.store import Store, open_store
from skyledger.store.corrections import correct_claim
from skyledger.store.records import claim_records, event_records
from skyledger.store.schema import claims, events, reports, runs, sources
from skyledger.tally import plot, tally

REGIONS = ["RU-KLU", "RU-BRY", "RU-KRS", "RU-BEL", "UA-32", "UA-30", "UA-63", None]
CLASSES = ["uav", "cruise_missile", "ballistic_missile", "guided_bomb"]
CLAIMANTS = ["mod:RU", "regional_authority:RU-KLU", "armed_forces:UA", "regional_authority:UA-32"]


def fill(store: Store, count: int) -> None:
    stamp = "2025-01-01T00:00:00+00:00"
    text = "Этой ночью над регионом силами ПВО уничтожены 7 беспилотников, пострадавших нет."
    with store.begin() as connection:
        connection.execute(insert(runs).values(id=1, kind="process", started_at=stamp, finished_at=stamp))
        source = connection.execute(
            insert(sources).values(handle="t.me/bench", kind="telegram", reliability="B", created_at=stamp)
        ).inserted_primary_key[0]
        for start in range(0, count, 5000):
            batch = range(start, min(count, start + 5000))
            report_rows = [_report(i, source, text) for i in batch]
            connection.execute(insert(reports), report_rows)
            connection.execute(insert(events), [_event(i) for i in batch if i % 3 == 0])
            connection.execute(insert(claims), [_claim(i, text) for i in batch])


def _day(i: int) -> str:
    return f"2025-{1 + (i // 3) % 12:02d}-{1 + (i // 36) % 28:02d}"


def _report(i: int, source: int, text: str) -> dict[str, Any]:
    published = f"{_day(i)}T06:00:00+03:00"
    return {
        "id": i + 1, "source_id": source, "external_id": str(i), "published": published, "language": "ru",
        "text": text, "content_hash": f"{i:064d}", "status": "processed", "ingested_at": published,
        "updated_at": published,
    }  # fmt: skip


def _event(i: int) -> dict[str, Any]:
    region = REGIONS[(i // 3) % len(REGIONS)]
    return {
        "id": f"E{i // 3:06d}", "wave": f"{_day(i)}N", "country": (region or "RU")[:2], "region": region,
        "time_start": f"{_day(i)}T00:00:00+03:00", "time_end": f"{_day(i)}T06:00:00+03:00",
        "weapon_classes": json.dumps([CLASSES[i % 4]]), "independent_sources": 1 + i % 3, "credibility": 1 + i % 6,
        "reliability": "B", "conflict": False, "count_best": 7, "explanation": "bench",
    }  # fmt: skip


def _claim(i: int, text: str) -> dict[str, Any]:
    region = REGIONS[(i // 3) % len(REGIONS)]
    return {
        "report_id": i + 1, "seq": 0, "action": "intercepted", "weapon_class": CLASSES[(i // 3) % 4], "count": 7,
        "count_qualifier": "exact", "country": (region or "RU")[:2], "region": region,
        "place_precision": "region" if region else "country", "time_start": f"{_day(i)}T00:00:00+03:00",
        "time_end": f"{_day(i)}T06:00:00+03:00", "time_precision": "part_of_day", "killed": 0, "injured": 0,
        "casualties_stated": True, "claimant": CLAIMANTS[i % 4], "cites": "[]", "evidence_start": 0,
        "evidence_end": len(text), "rule_set": "bench", "event_id": f"E{i // 3:06d}", "run_id": 1,
    }  # fmt: skip


def timed(label: str, rows: int, step: Callable[[], object]) -> None:
    began = time.perf_counter()
    step()
    seconds = time.perf_counter() - began
    print(f"{label:<28} {seconds:8.2f} s  {rows / seconds:10,.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = open_store(args.db or f"sqlite:///{out / 'bench.db'}")
        began = time.perf_counter()
        fill(store, args.claims)
        print(f"filled {args.claims:,} claims in {time.perf_counter() - began:.1f} s")
        for i in range(1, 200):  # some corrections, so that applying them is part of the cost
            correct_claim(store, i, {"count": 8}, author="bench")
        n = args.claims
        timed("claim records", n, lambda: claim_records(store))
        timed("event records", n // 3, lambda: event_records(store))
        for what, fmt in [("claims", "csv"), ("claims", "jsonl"), ("claims", "parquet"), ("claims", "geojson")]:
            timed(f"export {what} {fmt}", n, lambda w=what, f=fmt: export(store, what=w, format=f, path=out / f"x.{f}"))
        timed("export events acled", n // 3, lambda: export(store, what="events", format="acled", path=out / "a.csv"))
        timed("tally by week/region", n, lambda: tally(store, by="week", group="region"))
        table = tally(store, by="month", group="weapon")
        timed("chart (months x weapons)", len(table), lambda: plot(table, out / "chart.png", by="month"))
        store.close()


if __name__ == "__main__":
    main()
