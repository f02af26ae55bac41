"""``process``: extract claims from the reports that are new or edited, store them, then update events.

A report moves ``new`` -> ``extracted`` (its claims stored, one transaction per chunk) -> ``processed`` (after
:func:`skyledger.pipeline.events.update_events` has linked and graded them). A run killed in between leaves reports
``extracted``; the next run hands their claims to itself and finishes the job. With nothing new, nothing runs.
Large runs extract on every core (a process pool over chunks of reports); small ones stay in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from skyledger import extract as extract_stage
from skyledger.model import Claim, Report, Source
from skyledger.pipeline import events as events_stage
from skyledger.pipeline.progress import Progress
from skyledger.store import Store
from skyledger.store.claims import move_claims_to_run, replace_claims_of_reports
from skyledger.store.core import refresh_statistics
from skyledger.store.reports import Status, load_reports, report_ids_in_status, set_status
from skyledger.store.runs import finish_run, set_run_stats, start_run

CHUNK_SIZE = 500
PARALLEL_FROM = 3000  # reports; below this a process pool costs more than it saves

Pair = tuple[Report, Source]


@dataclass
class ProcessSummary:
    """What one ``process`` did. ``run_id`` is None when there was nothing to do."""

    run_id: int | None = None
    reports: int = 0
    claims: int = 0
    resumed: int = 0  # reports an interrupted run had extracted, finished by this one
    workers: int = 1
    touched_events: list[str] = field(default_factory=list)
    changelog: Any = None  # what update_events returned

    @property
    def nothing_to_do(self) -> bool:
        return self.run_id is None

    def stats(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "claims": self.claims,
            "resumed": self.resumed,
            "workers": self.workers,
            "touched_events": self.touched_events,
        }


def extract_pairs(pairs: Sequence[Pair]) -> list[list[Claim]]:
    """The claims of each report (a top-level function, so a worker process can run it)."""
    return [extract_stage.extract_claims(report, source) for report, source in pairs]


def worker_count(count: int, requested: int | None = None) -> int:
    """How many processes to extract ``count`` reports with: every core for large runs, else this one."""
    if requested is not None:
        return max(1, requested)
    return max(1, min(os.cpu_count() or 1, 8)) if count >= PARALLEL_FROM else 1


def extract_chunks(chunks: Iterable[list[Pair]], workers: int) -> Iterator[tuple[list[Pair], list[list[Claim]]]]:
    """(reports, their claims) chunk by chunk, in order; with several workers, a bounded window of chunks in flight."""
    if workers == 1:
        for pairs in chunks:
            yield pairs, extract_pairs(pairs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        window: list[tuple[list[Pair], Future[list[list[Claim]]]]] = []
        for pairs in chunks:
            window.append((pairs, pool.submit(extract_pairs, pairs)))
            if len(window) > 2 * workers:
                done_pairs, future = window.pop(0)
                yield done_pairs, future.result()
        for done_pairs, future in window:
            yield done_pairs, future.result()


def _loaded(store: Store, ids: Sequence[int]) -> Iterator[list[Pair]]:
    for start in range(0, len(ids), CHUNK_SIZE):
        with store.connect() as connection:
            yield load_reports(connection, ids[start : start + CHUNK_SIZE])


def process(store: Store, *, on_progress: Progress | None = None, workers: int | None = None) -> ProcessSummary:
    """Extract, link and grade what is new or edited since the last run; with nothing new, do nothing."""
    with store.connect() as connection:
        pending = report_ids_in_status(connection, Status.NEW)
        leftover = report_ids_in_status(connection, Status.EXTRACTED)
    if not pending and not leftover:
        return ProcessSummary()
    summary = ProcessSummary(run_id=start_run(store, "process"), resumed=len(leftover))
    run_id = summary.run_id
    assert run_id is not None
    if leftover:
        with store.begin() as connection:
            move_claims_to_run(connection, leftover, run_id)
    summary.workers = worker_count(len(pending), workers)
    touched: set[str] = set()
    for pairs, claim_lists in extract_chunks(_loaded(store, pending), summary.workers):
        found = {report.id: claims for (report, _), claims in zip(pairs, claim_lists, strict=True) if report.id}
        with store.begin() as connection:
            touched |= replace_claims_of_reports(connection, found, run_id)
            set_status(connection, list(found), Status.EXTRACTED)
        summary.claims += sum(len(claims) for claims in found.values())
        summary.reports += len(pairs)
        if on_progress is not None:
            on_progress(summary.reports, len(pending))
    summary.touched_events = sorted(touched)
    set_run_stats(store, run_id, summary.stats())  # update_events may read touched_events from the run
    summary.changelog = events_stage.update_events(store, run_id)
    with store.begin() as connection:
        set_status(connection, [*leftover, *pending], Status.PROCESSED, only_from=Status.EXTRACTED)
    finish_run(store, run_id, summary.stats())
    refresh_statistics(store)
    return summary
