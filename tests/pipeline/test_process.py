"""pipeline.process mechanics on both backends, with stand-in stages (see conftest.py): only what is new or edited is
extracted, claims are replaced in order, a second run does nothing, an interrupted run is finished by the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from skyledger.pipeline import ingest, process
from skyledger.pipeline import processing as processing_module
from skyledger.store import Store
from skyledger.store.claims import claims_of_reports
from skyledger.store.reports import Status, count_reports, report_ids_in_status
from skyledger.store.schema import reports
from stand_in_stages import EventCalls
from telegram_exports import post_text, write_export


def _numbers(text: str) -> list[int]:
    return [int(word) for word in "".join(c if c.isdigit() else " " for c in text).split()]


def test_process_extracts_every_new_report_once(store: Store, tmp_path: Path, fake_stages: EventCalls) -> None:
    ingest(store, str(write_export(tmp_path / "result.json", 12)))
    summary = process(store)
    assert summary.reports == 12 and summary.run_id is not None
    expected = sum(len(_numbers(post_text(number))) for number in range(1, 13))
    assert summary.claims == expected
    assert fake_stages.runs == [summary.run_id] and fake_stages.claims_per_run == [expected]
    assert count_reports(store) == {"processed": 12}


def test_a_second_run_with_nothing_new_does_nothing(store: Store, tmp_path: Path, fake_stages: EventCalls) -> None:
    ingest(store, str(write_export(tmp_path / "result.json", 5)))
    process(store)
    again = process(store)
    assert again.nothing_to_do and again.run_id is None and again.reports == 0
    assert len(fake_stages.runs) == 1


def test_an_edited_report_gets_its_claims_replaced(store: Store, tmp_path: Path, fake_stages: EventCalls) -> None:
    ingest(store, str(write_export(tmp_path / "result.json", 3)))
    process(store)
    ingest(store, str(write_export(tmp_path / "result.json", 3, edits={2: "Сбиты 11 и 12 беспилотников, 13 ракет"})))
    summary = process(store)
    assert summary.reports == 1 and summary.claims == 3
    with store.connect() as connection:
        (report_id,) = connection.execute(select(reports.c.id).where(reports.c.external_id == "2")).scalars()
        assert [claim.count for claim in claims_of_reports(connection, [report_id])] == [11, 12, 13]
    assert fake_stages.claims_per_run[-1] == 3


def test_a_run_interrupted_before_events_is_finished_by_the_next(
    store: Store, tmp_path: Path, fake_stages: EventCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, str(write_export(tmp_path / "result.json", 4)))

    def crash(_store: Store, _run_id: int) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(processing_module.events_stage, "update_events", crash)
        with pytest.raises(KeyboardInterrupt):
            process(store)
    with store.connect() as connection:
        assert len(report_ids_in_status(connection, Status.EXTRACTED)) == 4
    summary = process(store)
    assert summary.resumed == 4 and summary.reports == 0
    assert fake_stages.claims_per_run == [sum(len(_numbers(post_text(n))) for n in range(1, 5))]
    assert count_reports(store) == {"processed": 4}


def test_large_runs_extract_in_worker_processes(sqlite_store: Store, tmp_path: Path, fake_stages: EventCalls) -> None:
    ingest(sqlite_store, str(write_export(tmp_path / "result.json", 1200)))
    summary = process(sqlite_store, workers=2)
    assert summary.workers == 2 and summary.reports == 1200
    with sqlite_store.connect() as connection:
        ids = report_ids_in_status(connection, Status.PROCESSED)
        stored = claims_of_reports(connection, ids)
    assert len(stored) == sum(len(_numbers(post_text(number))) for number in range(1, 1201))


def test_a_run_leaves_the_sqlite_planner_statistics_of_what_it_wrote(
    sqlite_store: Store, tmp_path: Path, fake_stages: EventCalls
) -> None:
    ingest(sqlite_store, str(write_export(tmp_path / "result.json", 6)))
    process(sqlite_store)
    with sqlite_store.connect() as connection:
        counted = dict(connection.exec_driver_sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'claims'").all())
    assert counted, "no statistics for the claims table"
    assert {int(stat.split()[0]) for stat in counted.values()} == {fake_stages.claims_per_run[-1]}
