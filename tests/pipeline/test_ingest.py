"""pipeline.ingest on both backends: idempotent, edits re-queued, per-item and whole-input problems recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skyledger.errors import IngestError
from skyledger.pipeline import ingest
from skyledger.store import Store
from skyledger.store.rejections import list_rejections
from skyledger.store.reports import Status, load_reports, report_ids_in_status, set_status
from skyledger.store.runs import get_run
from skyledger.store.schema import reports, sources
from telegram_exports import message, write_export


def _count(store: Store, table: object) -> int:
    with store.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_the_same_export_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    export = write_export(tmp_path / "result.json", 40)
    first = ingest(store, str(export), batch_size=7)
    assert (first.new, first.unchanged, first.updated, first.rejected) == (40, 0, 0, 0)
    second = ingest(store, str(export))
    assert (second.new, second.unchanged, second.updated, second.rejected) == (0, 40, 0, 0)
    assert _count(store, reports) == 40 and _count(store, sources) == 1
    run = get_run(store, second.run_id)
    assert run is not None and run.finished_at is not None and run.stats["unchanged"] == 40


def test_an_edited_post_updates_its_report_and_queues_it_again(store: Store, tmp_path: Path) -> None:
    ingest(store, str(write_export(tmp_path / "result.json", 10)))
    with store.begin() as connection:
        set_status(connection, report_ids_in_status(connection, Status.NEW), Status.PROCESSED)
    edited_text = "Уточнение: над районом уничтожены два беспилотника."
    summary = ingest(store, str(write_export(tmp_path / "result.json", 10, edits={4: edited_text})))
    assert (summary.new, summary.unchanged, summary.updated) == (0, 9, 1)
    with store.connect() as connection:
        ((report, source),) = load_reports(connection, report_ids_in_status(connection, Status.NEW))
    assert report.text == edited_text and report.external_id == "4" and report.edited is not None
    assert _count(store, reports) == 10


def test_a_bad_message_is_rejected_and_the_rest_stored(store: Store, tmp_path: Path) -> None:
    export = write_export(tmp_path / "result.json", 5)
    data = json.loads(export.read_text(encoding="utf-8"))
    data["messages"].append(message(6, text={"not": "text"}))  # type: ignore[arg-type]
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = ingest(store, str(export))
    assert summary.new == 5 and summary.rejected == 1
    (rejected,) = list_rejections(store, run_id=summary.run_id)
    assert rejected.rejection.locator == "message 6"


def test_a_malformed_export_keeps_what_is_stored_and_records_why(store: Store, tmp_path: Path) -> None:
    ingest(store, str(write_export(tmp_path / "good.json", 3)))
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x", "type": "public_channel", "id": 5, "messages": [{"id": 1,', encoding="utf-8")
    with pytest.raises(IngestError) as raised:
        ingest(store, str(broken), format="telegram")
    assert "broken.json" in str(raised.value)
    assert _count(store, reports) == 3
    (rejected,) = list_rejections(store)
    assert rejected.rejection.input == str(broken) and rejected.rejection.reason


def test_a_missing_file_is_recorded_as_rejected(store: Store, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(IngestError):
        ingest(store, str(missing))
    (rejected,) = list_rejections(store)
    assert rejected.rejection.input == str(missing)
