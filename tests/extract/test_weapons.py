"""Weapons: [text, expected] tables of (class, model) of each mention."""

from __future__ import annotations

import pytest

from skyledger.extract.normalise import normalise
from skyledger.extract.weapons import find_weapons

CASES = [
    ("атакував 90 ударними БпЛА типу Shahed", [("uav", "Shahed")]),
    ("сбиты два беспилотника самолетного типа", [("uav", None)]),
    ("над регионом сбита «Герань-2»", [("uav", "Shahed")]),
    ("знищено 9 «шахедів»", [("uav", "Shahed")]),
    ("уничтожены крылатые ракеты Х-101", [("cruise_missile", "Kh-101")]),
    ("21 крилату ракету Х-101", [("cruise_missile", "Kh-101")]),
    ("баллистическая ракета «Искандер-М»", [("ballistic_missile", "Iskander-M")]),
    ("дві ракети «Кинджал»", [("ballistic_missile", "Kinzhal")]),
    ("ракетой KN-23", [("ballistic_missile", "KN-23")]),
    ("four Storm Shadow cruise missiles", [("cruise_missile", "Storm Shadow")]),
    ("шесть реактивных снарядов РСЗО HIMARS", [("rocket", "HIMARS")]),
    ("зенитной ракетой С-200, переоборудованной", [("missile", "S-200")]),
    ("four guided aerial bombs", [("guided_bomb", None)]),
    ("скинув дві КАБ", [("guided_bomb", None)]),
    ("сбит самолет Су-34", [("aircraft", "Su-34")]),
    ("missiles and drones", [("missile", None), ("uav", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_mentions(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = [(w.weapon_class, w.model) for w in find_weapons(normalise(text)) if w.in_scope]
    assert found == expected


@pytest.mark.parametrize(
    "text", ["уничтожен безэкипажный катер", "знищено морський дрон", "two sea drones were destroyed"]
)
def test_sea_drones_are_out_of_scope(text: str) -> None:
    mentions = find_weapons(normalise(text))
    assert mentions and not any(w.in_scope for w in mentions)


@pytest.mark.parametrize(
    ("text", "singular"),
    [("украинский БПЛА уничтожен", True), ("украинских БПЛА", False), ("беспилотник сбит", True)],
)
def test_grammatical_number(text: str, singular: bool) -> None:
    assert find_weapons(normalise(text))[0].singular is singular


def test_launch_system_is_no_munition() -> None:
    (mention,) = find_weapons(normalise("из РСЗО «Вампир»"))
    assert mention.launcher and mention.model == "Vampire"


@pytest.mark.parametrize(
    "text",
    [
        "ворог завдав ракетно-дронового удару по столиці",
        "масована ракетно-дронова атака",
        "комбинированный ракетно-дроновый удар по городу",
        "a combined missile-and-drone attack on the capital",
        "overnight drone and missile strikes",
    ],
)
def test_compound_attack_adjectives_name_no_counted_weapon(text: str) -> None:
    assert [w.weapon_class for w in find_weapons(normalise(text)) if w.in_scope] == []


def test_weapons_listed_with_their_counts_are_not_a_compound_adjective() -> None:
    found = [w.weapon_class for w in find_weapons(normalise("one missile and 12 drones were shot down"))]
    assert found == ["missile", "uav"]
