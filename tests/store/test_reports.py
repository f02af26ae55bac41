"""Store functions on both backends: sources, reports by identity, rejections, runs, full-text search."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from skyledger.model import Rejection, Report, Source, SourceKind
from skyledger.store import Store
from skyledger.store.rejections import list_rejections, record_rejections
from skyledger.store.reports import (
    Outcome,
    Status,
    count_reports,
    get_report,
    load_reports,
    report_ids_in_status,
    search_reports,
    set_status,
    write_reports,
)
from skyledger.store.runs import finish_run, get_run, start_run
from skyledger.store.schema import sources
from skyledger.store.sources import get_source, list_sources, upsert_source

GOVERNOR = Source("t.me/gov_kaluga", SourceKind.TELEGRAM, "Kaluga governor", "regional_authority:RU-KLU", "C", "RU")


def _post(number: int, text: str) -> Report:
    return Report(
        source=GOVERNOR.handle,
        external_id=str(number),
        text=text,
        url=f"https://t.me/gov_kaluga/{number}",
        published=datetime(2024, 5, 12, 6, number % 60, tzinfo=UTC),
        language="ru",
        meta={"views": number},
    )


def _write(store: Store, reports: list[Report]) -> list[Outcome]:
    with store.begin() as connection:
        source_id = upsert_source(connection, GOVERNOR)
        return write_reports(connection, [(source_id, report) for report in reports], None)


def test_same_reports_twice_add_nothing(store: Store) -> None:
    posts = [_post(number, f"Над районом сбит беспилотник номер {number}.") for number in range(1, 6)]
    assert _write(store, posts) == [Outcome.NEW] * 5
    assert _write(store, posts) == [Outcome.UNCHANGED] * 5
    assert count_reports(store) == {"new": 5}


def test_an_edited_post_is_updated_and_queued_again(store: Store) -> None:
    _write(store, [_post(7, "Сбит один беспилотник.")])
    with store.begin() as connection:
        (report_id,) = report_ids_in_status(connection, Status.NEW)
        set_status(connection, [report_id], Status.PROCESSED)
    edited = _post(7, "Сбиты два беспилотника.")
    edited.edited = datetime(2024, 5, 12, 7, 0, tzinfo=UTC)
    assert _write(store, [edited]) == [Outcome.UPDATED]
    with store.connect() as connection:
        assert report_ids_in_status(connection, Status.NEW) == [report_id]
    found = get_report(store, report_id)
    assert found is not None
    report, source = found
    assert report.text == "Сбиты два беспилотника." and report.edited == edited.edited
    assert report.meta == {"views": 7} and report.published == edited.published
    assert source == GOVERNOR


def test_one_identity_twice_in_a_batch_is_stored_once_with_the_later_text(store: Store) -> None:
    outcomes = _write(store, [_post(3, "first"), _post(3, "second")])
    assert outcomes == [Outcome.NEW, Outcome.UPDATED]
    with store.connect() as connection:
        ((report, _),) = load_reports(connection, report_ids_in_status(connection, Status.NEW))
    assert report.text == "second"


def test_a_source_keeps_user_edits_and_gains_missing_fields(store: Store) -> None:
    with store.begin() as connection:
        upsert_source(connection, Source("t.me/newchannel", SourceKind.TELEGRAM))
        connection.execute(update(sources).where(sources.c.handle == "t.me/newchannel").values(reliability="B"))
    with store.begin() as connection:
        upsert_source(connection, Source("t.me/newchannel", SourceKind.TELEGRAM, name="New channel", reliability="F"))
    assert get_source(store, "t.me/newchannel") == Source(
        "t.me/newchannel", SourceKind.TELEGRAM, "New channel", reliability="B"
    )
    with store.connect() as connection:
        assert len(connection.execute(select(sources)).all()) == 1


def test_sources_are_listed_with_their_report_counts(store: Store) -> None:
    _write(store, [_post(1, "a"), _post(2, "b")])
    with store.begin() as connection:
        upsert_source(connection, Source("tass.com"))
    listed = [(summary.source.handle, summary.reports) for summary in list_sources(store)]
    assert listed == [("t.me/gov_kaluga", 2), ("tass.com", 0)]


def test_rejections_are_recorded_with_their_run(store: Store) -> None:
    run_id = start_run(store, "ingest")
    with store.begin() as connection:
        record_rejections(connection, [Rejection("export.json", "message has no text", "message 12", "{...}")], run_id)
    finish_run(store, run_id, {"rejected": 1})
    (row,) = list_rejections(store, run_id=run_id)
    assert row.rejection == Rejection("export.json", "message has no text", "message 12", "{...}")
    run = get_run(store, run_id)
    assert run is not None and run.finished_at is not None and run.stats == {"rejected": 1}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("беспилотник", [1]),
        ("БЕСПИЛОТНИК Калужской", [1]),
        ("Калужск*", [1, 2]),
        ("дрон", [3]),
        ("drones Bryansk", [4]),
        ("drone", []),
        ('"unbalanced AND (OR', []),
        ("", []),
    ],
)
def test_full_text_search_in_every_language(store: Store, query: str, expected: list[int]) -> None:
    texts = [
        "Над Калужской областью сбит беспилотник.",
        "В Калужскую область прибыл губернатор.",
        "Сили ППО збили дрон над Київщиною.",
        "Air defences shot down 12 drones over Bryansk overnight.",
    ]
    _write(store, [_post(number, text) for number, text in enumerate(texts, 1)])
    hits = search_reports(store, query, mark=("<b>", "</b>"))
    assert sorted(int(str(hit.url).rsplit("/", 1)[1]) for hit in hits) == expected
    for hit in hits:
        assert "<b>" in hit.snippet


def test_search_follows_edits(store: Store) -> None:
    _write(store, [_post(1, "Сбит беспилотник над Калугой.")])
    _write(store, [_post(1, "Сбита ракета над Калугой.")])
    assert search_reports(store, "беспилотник") == []
    assert [hit.report_id for hit in search_reports(store, "ракета")] != []
