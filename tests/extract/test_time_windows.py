"""Time windows resolved against the publication time and the region's zone: nights, evenings, days, clock times,
ranges in Moscow time, and dates the text names."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from skyledger.extract.normalise import normalise
from skyledger.extract.times import time_window
from skyledger.model import TimePrecision

MSK = timezone(timedelta(hours=3))
KYIV_SUMMER = timezone(timedelta(hours=3))


def _window(text: str, published: datetime, region: str | None = "RU-BEL") -> tuple[str, str, str]:
    norm = normalise(text)
    found = time_window(norm, 0, len(norm), published, region)
    assert found.start is not None and found.end is not None
    return found.start.isoformat(), found.end.isoformat(), found.precision.value


MORNING = datetime(2025, 6, 1, 9, 0, tzinfo=MSK)
NIGHT_FALL = datetime(2025, 6, 1, 21, 30, tzinfo=MSK)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Этой ночью над регионом сбиты 5 БПЛА.", MORNING,
         ("2025-05-31T18:00:00+03:00", "2025-06-01T07:00:00+03:00", "part_of_day")),
        ("Overnight, air defences downed five drones.", MORNING,
         ("2025-05-31T18:00:00+03:00", "2025-06-01T07:00:00+03:00", "part_of_day")),
        ("Вечером беспилотник атаковал автомобиль.", MORNING,
         ("2025-05-31T17:00:00+03:00", "2025-06-01T00:00:00+03:00", "part_of_day")),
        ("Вечером беспилотник атаковал автомобиль.", NIGHT_FALL,
         ("2025-06-01T17:00:00+03:00", "2025-06-01T21:30:00+03:00", "part_of_day")),
        ("Сегодня беспилотник атаковал автомобиль.", MORNING,
         ("2025-06-01T00:00:00+03:00", "2025-06-01T09:00:00+03:00", "day")),
        ("Около 00:30 над регионом сбит беспилотник.", MORNING,
         ("2025-06-01T00:30:00+03:00", "2025-06-01T00:31:00+03:00", "minute")),
    ],
)  # fmt: skip
def test_parts_of_the_day_are_read_against_the_publication_time(
    text: str, published: datetime, expected: tuple[str, str, str]
) -> None:
    assert _window(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В ночь на 30 мая над Брянской областью сбиты 5 БПЛА.",
         ("2025-05-29T18:00:00+03:00", "2025-05-30T07:00:00+03:00", "part_of_day")),
        ("У ніч на 30 травня над Сумщиною збито 5 БпЛА.",
         ("2025-05-29T18:00:00+03:00", "2025-05-30T07:00:00+03:00", "part_of_day")),
        ("Вечером 31 мая беспилотник атаковал автомобиль.",
         ("2025-05-31T17:00:00+03:00", "2025-06-01T00:00:00+03:00", "part_of_day")),
        ("On May 31, a drone hit a car near the border.",
         ("2025-05-31T00:00:00+03:00", "2025-06-01T00:00:00+03:00", "day")),
        ("Около 23:40 30 мая над регионом сбит беспилотник.",
         ("2025-05-30T23:40:00+03:00", "2025-05-30T23:41:00+03:00", "minute")),
        ("В ночь на 31 декабря сбиты 3 БПЛА.",  # a date after publication is last year's
         ("2024-12-30T18:00:00+03:00", "2024-12-31T07:00:00+03:00", "part_of_day")),
    ],
)  # fmt: skip
def test_a_date_the_text_names_places_the_window_on_that_date(text: str, expected: tuple[str, str, str]) -> None:
    assert _window(text, MORNING) == expected


def test_a_range_in_moscow_time_is_converted_to_the_region_s_zone() -> None:
    start, end, precision = _window(
        "В период с 23.00 мск до 7.00 мск над регионом сбиты 12 БПЛА.", MORNING, region="RU-KGD"
    )
    assert (start, end, precision) == ("2025-05-31T23:00:00+03:00", "2025-06-01T07:00:00+03:00", "hour")


def test_without_any_time_word_the_window_is_the_day_before_publication() -> None:
    assert _window("Над регионом сбиты 5 БПЛА.", MORNING) == (
        "2025-05-31T09:00:00+03:00",
        "2025-06-01T09:00:00+03:00",
        TimePrecision.UNKNOWN.value,
    )
