"""diff: events added, changed and merged, claims added and changed, between two runs or since a date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from ledger_fixture import fill
from skyledger.diff import diff, diff_since
from skyledger.errors import NotFoundError, UsageError
from skyledger.store import Store
from skyledger.store.corrections import correct_claim
from skyledger.store.schema import claims


@pytest.fixture
def filled(store: Store) -> tuple[Store, dict[str, list[int]]]:
    return store, fill(store)


def test_diff_of_the_second_process_run(filled: tuple[Store, dict[str, list[int]]]) -> None:
    store, ids = filled
    result = diff(store, 2, 4)
    assert result.runs == [3, 4]
    assert result.events_added == ["E3", "E4", "E5"]
    assert result.events_changed == ["E1"]
    assert result.events_merged == {"E6": None}  # the fixture's detail names no target
    assert result.claims_added == ids["claims"][4:]  # the claims of the two new reports
    assert result.claims_changed == []


def test_diff_from_the_beginning_lists_an_event_added_then_merged_as_merged(filled: tuple) -> None:
    store, ids = filled
    result = diff(store, 0, 4)
    assert result.events_added == ["E1", "E2", "E3", "E4", "E5"]
    assert result.events_changed == []  # E1 was added within the span
    assert "E6" in result.events_merged and "E6" not in result.events_added
    assert result.claims_added == ids["claims"]


def test_reextracted_and_corrected_claims_are_changed(filled: tuple) -> None:
    store, ids = filled
    with store.begin() as connection:  # the ministry's post was re-extracted in run 4
        connection.execute(update(claims).where(claims.c.report_id == ids["reports"][1]).values(run_id=4))
    correct_claim(store, ids["claims"][0], {"count": 2}, author="anna", now=datetime(2024, 6, 2, 15, 0, tzinfo=UTC))
    correct_claim(store, ids["claims"][3], {"count": 4}, author="anna", now=datetime(2024, 7, 1, tzinfo=UTC))
    result = diff(store, 2, 3)
    # the governor's claim (corrected during run 3); not TASS's (corrected after run 3 ended)
    assert result.claims_changed == [ids["claims"][0]] and result.corrections == 1
    result = diff(store, 2, 4)  # up to the latest run: corrections made since count too
    # the ministry's two claims (re-extracted), the governor's and TASS's (corrected)
    assert result.claims_changed == sorted(ids["claims"][:4])
    assert result.corrections == 2
    rows = result.rows()
    assert {"kind": "event", "id": "E1", "change": "changed", "into": None} in rows
    assert sum(row["kind"] == "claim" and row["change"] == "changed" for row in rows) == 4


def test_diff_since_a_date(filled: tuple) -> None:
    store, _ = filled
    assert diff_since(store, date(2024, 6, 1)).runs == [3, 4]
    assert diff_since(store, date(2024, 1, 1)).runs == [1, 2, 3, 4]
    assert diff_since(store, date(2025, 1, 1)).runs == []


def test_bad_runs(filled: tuple) -> None:
    store, _ = filled
    with pytest.raises(NotFoundError, match="no run with id 9"):
        diff(store, 2, 9)
    with pytest.raises(UsageError, match="earlier run first"):
        diff(store, 4, 2)


def test_an_empty_store_has_no_runs(sqlite_store: Store) -> None:
    with pytest.raises(NotFoundError, match="no runs yet"):
        diff_since(sqlite_store, date(2024, 1, 1))
