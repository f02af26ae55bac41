"""The day of a record: the date, on the UTC+3 clock, of the middle of its time window."""

from __future__ import annotations

import pytest

from skyledger.store.records import window_day


@pytest.mark.parametrize(
    ("start", "end", "day"),
    [
        ("2025-03-13T18:00:00+03:00", "2025-03-14T07:00:00+03:00", "2025-03-14"),  # overnight: the morning's date
        ("2025-03-14T09:00:00+03:00", "2025-03-14T09:30:00+03:00", "2025-03-14"),
        ("2025-03-13T19:00:00+00:00", "2025-03-13T20:00:00+00:00", "2025-03-13"),
        ("2025-03-13T21:00:00+00:00", "2025-03-13T22:00:00+00:00", "2025-03-14"),  # 00:30 on the UTC+3 clock
        ("2025-03-13T15:00:00+00:00", "2025-03-14T04:00:00+00:00", "2025-03-14"),  # stored in UTC: still the morning's
        ("2025-03-13T18:00:00", "2025-03-14T07:00:00", "2025-03-14"),  # naive: read on the UTC+3 clock
        ("2025-03-13T22:00:00", "2025-03-14T02:00:00+03:00", "2025-03-13"),  # one naive end: the start alone
        ("2025-03-13T10:00:00+02:00", None, "2025-03-13"),
        (None, "2025-03-14T07:00:00+03:00", "2025-03-14"),
        (None, None, None),
        ("not a time", None, None),
    ],
)
def test_window_day(start: str | None, end: str | None, day: str | None) -> None:
    assert window_day(start, end) == day
