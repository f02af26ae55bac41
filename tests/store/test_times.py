"""Stored times: aware ones in UTC, naive ones as they are, old offsets still read; one day rule in Python and SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from skyledger.store import Store
from skyledger.store.times import claim_day, claim_moment, day_sql, from_text, moment_bound, moment_sql, to_text

WINDOWS = [
    ("2025-03-13T15:00:00+00:00", "2025-03-14T04:00:00+00:00"),  # overnight, stored in UTC: the morning's date
    ("2025-03-13T18:00:00+03:00", "2025-03-14T07:00:00+03:00"),  # an old database's offset
    ("2025-03-13T19:00:00+00:00", "2025-03-13T20:00:00+00:00"),
    ("2025-03-13T21:00:00+00:00", "2025-03-13T22:00:00+00:00"),  # after midnight on the UTC+3 clock
    ("2025-03-13T22:30:00+02:00", None),
    ("2025-03-13T18:00:00", "2025-03-14T07:00:00"),  # naive: on the UTC+3 clock
    ("2025-03-13T23:30:00", None),
    ("2025-03-13T22:00:00", "2025-03-14T02:00:00+03:00"),  # one end naive: the start alone
    ("2025-03-13T20:15:30.250000+00:00", "2025-03-13T21:15:30.250000+00:00"),
    (None, "2025-03-13T22:30:00+00:00"),  # the end alone
]


def test_aware_times_are_stored_in_utc_and_naive_ones_as_they_are() -> None:
    kyiv = datetime(2025, 3, 14, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    assert to_text(kyiv) == "2025-03-14T00:30:00+00:00"
    assert from_text(to_text(kyiv)) == kyiv
    assert to_text(datetime(2025, 3, 14, 2, 30)) == "2025-03-14T02:30:00"
    assert from_text("2025-03-14T02:30:00+03:00") == datetime(2025, 3, 13, 23, 30, tzinfo=UTC)
    assert to_text(None) is None and from_text(None) is None


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_the_sql_day_is_the_python_day(store: Store, start: str | None, end: str | None) -> None:
    day = day_sql(store.dialect, "w.s", "w.e")
    query = text(f"SELECT {day} FROM (SELECT CAST(:s AS TEXT) AS s, CAST(:e AS TEXT) AS e) w")
    with store.connect() as connection:
        found = connection.execute(query, {"s": start, "e": end}).scalar()
    assert found == claim_day(start, end)
    assert claim_day(start, end) is not None


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_the_sql_moment_is_the_python_moment(store: Store, start: str | None, end: str | None) -> None:
    moment = moment_sql(store.dialect, "w.s", "w.e")
    query = text(f"SELECT {moment} FROM (SELECT CAST(:s AS TEXT) AS s, CAST(:e AS TEXT) AS e) w")
    with store.connect() as connection:
        found = connection.execute(query, {"s": start, "e": end}).scalar()
    assert found == claim_moment(start, end)
    assert str(found)[:10] == claim_day(start, end)


def test_a_late_evening_window_in_utc_belongs_to_the_next_day() -> None:
    start, end = "2025-03-01T22:30:00+00:00", "2025-03-01T23:30:00+00:00"  # 01:30-02:30 on 2 March, UTC+3
    assert claim_moment(start, end) == "2025-03-02T02:00:00"
    moment = claim_moment(start, end) or ""
    assert moment_bound(date(2025, 3, 2)) <= moment < moment_bound(date(2025, 3, 2), end=True)
    assert not moment < moment_bound(date(2025, 3, 1), end=True)
    assert moment_bound(datetime(2025, 3, 1, 23, 0, tzinfo=UTC)) == "2025-03-02T02:00:00"
    assert moment_bound(datetime(2025, 3, 1, 23, 0)) == "2025-03-02T02:00:00"  # naive: UTC
