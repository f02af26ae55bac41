"""Actions: [text, expected] tables of the first action word's action."""

from __future__ import annotations

import pytest

from skyledger.extract.actions import find_actions, marker
from skyledger.extract.normalise import normalise

CASES = [
    ("силами ПВО уничтожены три беспилотника", "intercepted"),
    ("перехвачены и уничтожены 38 БПЛА", "intercepted"),
    ("збито/подавлено 96 ворожих БпЛА", "intercepted"),
    ("air defences shot down eight rockets", "intercepted"),
    ("противник атакував 143 ударними БпЛА", "launched"),
    ("Russia launched 90 drones", "launched"),
    ("запустил по области 20 дронов", "launched"),
    ("Зафіксовано влучання на 6 локаціях", "impact"),
    ("обломки упали на территории предприятия", "impact"),
    ("falling debris damaged the roof", "impact"),
    ("дрон атаковал легковой автомобиль", "impact"),
    ("Перехопити ракету не вдалося", "impact"),
    ("скинув дві КАБ на околиці села", "impact"),
]


@pytest.mark.parametrize(("text", "action"), CASES)
def test_first_action(text: str, action: str) -> None:
    actions = find_actions(normalise(text))
    assert actions and actions[0].action.value == action


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ew", "подразделения РЭБ подавили"),
        ("lost", "29 дронів-імітаторів локаційно втрачено"),
        ("ad", "дежурными средствами ПВО"),
    ],
)
def test_markers(name: str, text: str) -> None:
    assert marker(name).search(normalise(text))


@pytest.mark.parametrize(
    "text", ["Перехопити ракету не вдалося", "перехватить ракету не удалось", "the missile could not be intercepted"]
)
def test_failed_interception_is_its_own_kind(text: str) -> None:
    """ "could not be intercepted" beats "intercepted" and is no impact by itself: what the weapon hit is told apart."""
    actions = find_actions(normalise(text))
    assert actions and actions[0].kind == "failed"
