"""The whole path with the real stages on the bundled samples, on both backends: ingest, process, events; again."""

from __future__ import annotations

from sqlalchemy import select

from skyledger.pipeline import ingest, process
from skyledger.samples import sample_paths
from skyledger.store import Store
from skyledger.store.claims import claims_of_reports
from skyledger.store.overview import overview
from skyledger.store.reports import Status, load_reports, report_ids_in_status
from skyledger.store.schema import claims


def test_samples_become_claims_and_events_and_a_rerun_changes_nothing(store: Store) -> None:
    for path in sample_paths():
        ingest(store, str(path))
    summary = process(store)
    counts = overview(store)
    assert counts.reports >= 25 and counts.pending == 0 and counts.rejected == 0
    assert summary.reports == counts.reports and summary.claims == counts.claims > counts.reports // 2
    assert counts.events > 0
    with store.connect() as connection:
        ids = report_ids_in_status(connection, Status.PROCESSED)
        texts = {report.id: report.text for report, _ in load_reports(connection, ids)}
        stored = claims_of_reports(connection, ids)
        unlinked = connection.execute(select(claims.c.id).where(claims.c.event_id.is_(None))).all()
    assert unlinked == []
    for claim in stored:
        start, end = claim.evidence_span
        assert claim.report_id is not None and 0 <= start < end <= len(texts[claim.report_id])
        assert claim.rule_set
    again = [ingest(store, str(path)) for path in sample_paths()]
    assert sum(result.new + result.updated for result in again) == 0
    assert process(store).nothing_to_do
    assert overview(store) == counts
