"""The day of a record: the local date of the middle of its time window."""

from __future__ import annotations

import pytest

from skyledger.store.records import window_day


@pytest.mark.parametrize(
    ("start", "end", "day"),
    [
        ("2025-03-13T18:00:00+03:00", "2025-03-14T07:00:00+03:00", "2025-03-14"),  # overnight: the morning's date
        ("2025-03-14T09:00:00+03:00", "2025-03-14T09:30:00+03:00", "2025-03-14"),
        ("2025-03-13T21:00:00+00:00", "2025-03-13T22:00:00+00:00", "2025-03-13"),
        ("2025-03-13T22:30:00+00:00", "2025-03-14T00:30:00+03:00", "2025-03-13"),  # in the start's offset
        ("2025-03-13T10:00:00+02:00", None, "2025-03-13"),
        (None, "2025-03-14T07:00:00+03:00", "2025-03-14"),
        (None, None, None),
        ("not a time", None, None),
    ],
)
def test_window_day(start: str | None, end: str | None, day: str | None) -> None:
    assert window_day(start, end) == day
