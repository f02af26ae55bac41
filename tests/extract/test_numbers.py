"""Numbers: [text, expected] tables (value, qualifier of the first number; distributive flag)."""

from __future__ import annotations

import pytest

from skyledger.extract.normalise import normalise
from skyledger.extract.numbers import find_numbers

CASES = [
    ("уничтожены 17 беспилотников", 17, "exact"),
    ("сбиты сорок два дрона", 42, "exact"),
    ("над сорока двумя районами", 42, "exact"),
    ("уничтожено сто двадцать три БпЛА", 123, "exact"),
    ("збито чотирнадцять дронів", 14, "exact"),
    ("двадцяти ракет", 20, "exact"),
    ("понад 50 шахедів", 50, "at_least"),
    ("более десяти беспилотников", 10, "at_least"),
    ("близько 30 ударних БпЛА", 30, "approximate"),
    ("около 40 дронов", 40, "approximate"),
    ("forty-two drones", 42, "exact"),
    ("more than 60 drones", 60, "at_least"),
    ("about a dozen drones", 12, "approximate"),
    ("at least seven hits", 7, "at_least"),
    ("несколько беспилотников", None, "unspecified"),
    ("кілька дронів", None, "unspecified"),
    ("several drones", None, "unspecified"),
    ("обидві ракети", 2, "exact"),
]


@pytest.mark.parametrize(("text", "value", "qualifier"), CASES)
def test_first_number(text: str, value: int | None, qualifier: str) -> None:
    numbers = find_numbers(normalise(text))
    assert numbers, text
    assert (numbers[0].value, numbers[0].qualifier.value) == (value, qualifier)


@pytest.mark.parametrize(
    "text",
    ["около 00:30", "в 23.00 мск", "52-летний мужчина", "9-річна дитина", "152-мм гаубиц", "x" * 5 + "1" * 100_000],
)
def test_not_counts(text: str) -> None:
    """Clock times, ages, calibres and runaway digit strings are no numbers."""
    assert [n.value for n in find_numbers(normalise(text)) if n.value is not None] == []


def test_distributive() -> None:
    numbers = find_numbers(normalise("по три БпЛА над территориями Тульской и Орловской областей"))
    assert numbers[0].value == 3 and numbers[0].distributive


def test_offsets_point_into_the_text() -> None:
    text = "Силы ПВО сбили ДВАДЦАТЬ ПЯТЬ дронов"
    number = find_numbers(normalise(text))[0]
    assert text[number.start : number.end] == "ДВАДЦАТЬ ПЯТЬ" and number.value == 25
