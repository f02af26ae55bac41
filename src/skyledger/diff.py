"""What changed in the record between two runs: events added, changed and merged, claims added and changed.

``diff(store, run_a, run_b)`` covers the runs after ``run_a`` up to and including ``run_b`` (run ids grow with time):

- **events**: from the ``event_changes`` log each process run writes. An event added and then changed within the
  span is listed as added; an event merged away is listed as merged (with the event it went into), not as changed.
- **claims added**: claims extracted in the span from reports first ingested in the span.
- **claims changed**: claims re-extracted in the span from reports ingested before it (an edited post, or
  re-processing), and claims a human corrected between the start of the first run and the end of the last (or up to
  now, when ``run_b`` is the latest run).

``diff_since(store, day)``: from the last run that started before ``day`` (or the beginning) to the latest run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from skyledger.errors import NotFoundError, UsageError
from skyledger.store.core import Store
from skyledger.store.records import correction_records
from skyledger.store.schema import claims, event_changes, reports, runs


@dataclass(slots=True)
class RunDiff:
    run_a: int  # 0: the beginning
    run_b: int
    runs: list[int] = field(default_factory=list)  # the runs covered
    events_added: list[str] = field(default_factory=list)
    events_changed: list[str] = field(default_factory=list)
    events_merged: dict[str, str | None] = field(default_factory=dict)  # gone -> kept
    claims_added: list[int] = field(default_factory=list)
    claims_changed: list[int] = field(default_factory=list)
    corrections: int = 0  # corrections made within the span

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_a": self.run_a,
            "run_b": self.run_b,
            "runs": self.runs,
            "events": {"added": self.events_added, "changed": self.events_changed, "merged": self.events_merged},
            "claims": {"added": self.claims_added, "changed": self.claims_changed},
            "corrections": self.corrections,
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per change: ``kind`` (event / claim), ``id``, ``change`` (added / changed / merged), ``into``."""
        out: list[dict[str, Any]] = [
            {"kind": "event", "id": e, "change": "added", "into": None} for e in self.events_added
        ]
        out += [{"kind": "event", "id": e, "change": "changed", "into": None} for e in self.events_changed]
        out += [{"kind": "event", "id": e, "change": "merged", "into": k} for e, k in self.events_merged.items()]
        out += [{"kind": "claim", "id": str(c), "change": "added", "into": None} for c in self.claims_added]
        out += [{"kind": "claim", "id": str(c), "change": "changed", "into": None} for c in self.claims_changed]
        return out


def diff(store: Store, run_a: int, run_b: int) -> RunDiff:
    """The changes made by the runs after ``run_a`` up to and including ``run_b``."""
    if run_b < run_a:
        raise UsageError(f"run {run_b} comes before run {run_a}: give the earlier run first")
    with store.connect() as connection:
        known = {row.id: row for row in connection.execute(select(runs).order_by(runs.c.id))}
        for run_id in (run_a, run_b):
            if run_id != 0 and run_id not in known:
                raise NotFoundError(f"no run with id {run_id}; see the runs with `skyledger runs`")
        span = [run_id for run_id in known if run_a < run_id <= run_b]
        result = RunDiff(run_a=run_a, run_b=run_b, runs=span)
        if not span:
            return result
        changes = connection.execute(
            select(event_changes).where(event_changes.c.run_id.in_(span)).order_by(event_changes.c.id)
        ).all()
        rows = connection.execute(
            select(claims.c.id, reports.c.ingest_run)
            .join(reports, reports.c.id == claims.c.report_id)
            .where(claims.c.run_id.in_(span))
            .order_by(claims.c.id)
        ).all()
    _events(result, [(row.event_id, row.change, row.detail) for row in changes])
    for claim_id, ingest_run in rows:
        (result.claims_added if ingest_run is not None and ingest_run > run_a else result.claims_changed).append(
            claim_id
        )
    latest = run_b == max(known)  # up to the latest run: corrections made since it count too
    end = "9999" if latest else str(known[span[-1]].finished_at or "9999")
    _corrections(store, result, str(known[span[0]].started_at), end)
    return result


def diff_since(store: Store, day: date) -> RunDiff:
    """The changes made by the runs that started on or after ``day``."""
    with store.connect() as connection:
        before = connection.execute(select(func.max(runs.c.id)).where(runs.c.started_at < day.isoformat())).scalar()
        latest = connection.execute(select(func.max(runs.c.id))).scalar()
    if latest is None:
        raise NotFoundError("this store has no runs yet: ingest and process something first")
    return diff(store, int(before or 0), int(latest))


def _events(result: RunDiff, changes: list[tuple[str, str, str | None]]) -> None:
    added: list[str] = []
    changed: list[str] = []
    for event_id, change, detail in changes:
        if change == "added" and event_id not in added:
            added.append(event_id)
        elif change == "merged":
            result.events_merged[event_id] = json.loads(detail or "{}").get("into")
        elif change == "changed" and event_id not in changed:
            changed.append(event_id)
    result.events_added = [e for e in added if e not in result.events_merged]
    result.events_changed = [e for e in changed if e not in added and e not in result.events_merged]


def _corrections(store: Store, result: RunDiff, start: str, end: str) -> None:
    made = [row for row in correction_records(store) if start <= row["created_at"] <= end]
    result.corrections = len(made)
    for row in made:
        claim_id = row["claim_id"]
        if claim_id is not None and claim_id not in result.claims_changed and claim_id not in result.claims_added:
            result.claims_changed.append(claim_id)
    result.claims_changed.sort()
