"""``ingest``: read an input with the ingest adapters and write what it holds into the store, in batches.

Each batch (sources, reports, rejections) is one transaction: an ingest killed at any point leaves whole batches only,
and running it again adds exactly what is missing (a report's identity is unique in the store).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from skyledger import ingest as ingest_stage
from skyledger.errors import IngestError
from skyledger.model import Rejection, Report, Source, SourceKind
from skyledger.pipeline.progress import Progress
from skyledger.registry import load_registry
from skyledger.store import Store
from skyledger.store.rejections import record_rejections
from skyledger.store.reports import Outcome, write_reports
from skyledger.store.runs import finish_run, start_run
from skyledger.store.sources import upsert_source

if TYPE_CHECKING:
    from skyledger.fetch import Fetcher

BATCH_SIZE = 500


@dataclass
class IngestSummary:
    """What one ``ingest`` did: reports new / unchanged / updated, items rejected."""

    target: str
    run_id: int
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    rejected: int = 0
    sources: list[str] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return self.new + self.unchanged + self.updated

    def stats(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "run_id"}


class _BatchWriter:
    """Collects adapter items and writes them a batch at a time."""

    def __init__(self, store: Store, summary: IngestSummary, batch_size: int) -> None:
        self.store, self.summary, self.batch_size = store, summary, batch_size
        self.source_ids: dict[str, int] = {}
        self.sources: dict[str, Source] = {}
        self.reports: list[Report] = []
        self.rejections: list[Rejection] = []

    def add(self, item: Source | Report | Rejection) -> None:
        if isinstance(item, Source):
            self.sources.setdefault(item.handle, item)
            if item.handle not in self.summary.sources:
                self.summary.sources.append(item.handle)
        elif isinstance(item, Report):
            self.reports.append(item)
            if len(self.reports) >= self.batch_size:
                self.flush()
        else:
            self.rejections.append(item)

    def flush(self) -> None:
        if not (self.reports or self.rejections):
            return
        with self.store.begin() as connection:
            for report in self.reports:
                if report.source not in self.source_ids:
                    source = self.sources.get(report.source) or _unannounced(report.source)
                    self.source_ids[report.source] = upsert_source(connection, source)
            pairs = [(self.source_ids[report.source], report) for report in self.reports]
            outcomes = write_reports(connection, pairs, self.summary.run_id)
            self.summary.rejected += record_rejections(connection, self.rejections, self.summary.run_id)
        self.summary.new += outcomes.count(Outcome.NEW)
        self.summary.unchanged += outcomes.count(Outcome.UNCHANGED)
        self.summary.updated += outcomes.count(Outcome.UPDATED)
        self.reports, self.rejections = [], []


def _unannounced(handle: str) -> Source:
    kind = SourceKind.TELEGRAM if handle.startswith("t.me/") else SourceKind.WEBSITE
    return load_registry().source_for(handle, kind)


def ingest(
    store: Store,
    target: str,
    *,
    format: str | None = None,
    fetcher: Fetcher | None = None,
    on_progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Ingest a file, folder or URL into ``store``: the same input twice adds nothing; an edited post is re-queued.

    Items the adapter rejects are recorded with their reason. When the input as a whole cannot be read
    (:class:`IngestError`), what was read before the problem is kept, the input is recorded as rejected with the
    reason, and the error is raised again.
    """
    run_id = start_run(store, "ingest")
    summary = IngestSummary(target=target, run_id=run_id)
    writer = _BatchWriter(store, summary, batch_size)
    try:
        for item in ingest_stage.read_input(target, format=format, fetcher=fetcher, on_progress=on_progress):
            writer.add(item)
        writer.flush()
    except IngestError as error:
        writer.flush()
        rejection = Rejection(input=error.path or target, reason=error.message, locator=error.locator)
        with store.begin() as connection:
            summary.rejected += record_rejections(connection, [rejection], run_id)
        finish_run(store, run_id, {**summary.stats(), "error": str(error)})
        raise
    finish_run(store, run_id, summary.stats())
    return summary
