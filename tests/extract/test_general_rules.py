"""General constructions of real reports: a compound attack adjective, "N of M" counts, a district and its settlement
in one sentence, two impact places in one sentence."""

from __future__ import annotations

import pytest

from press_reports import NEWS, RU_NEWS, UA_NEWS, claims_of
from skyledger.model import Source

_claims = claims_of


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (NEWS, "Russia launched a combined missile-and-drone attack on Kyiv overnight, officials said."),
        (UA_NEWS, "Ворог завдав ракетно-дронового удару по Києву."),
    ],
)
def test_a_compound_attack_adjective_is_no_counted_launch(source: Source, text: str) -> None:
    assert [(c.action.value, c.count) for c in _claims(source, text) if c.action.value == "launched"] == []


def _launches(source: Source, text: str) -> list[tuple[str, int | None]]:
    return sorted((c.weapon_class.value, c.count) for c in _claims(source, text) if c.action.value == "launched")


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (NEWS, "Air defence shot down 42 of 50 Shahed drones overnight, the air force said.", [("uav", 50)]),
        (UA_NEWS, "Вночі силами ППО збито 42 з 50 БпЛА, повідомили Повітряні сили.", [("uav", 50)]),
        (
            RU_NEWS,
            "За ночь дежурными средствами ПВО сбиты 42 из 50 беспилотников, сообщили в Минобороны.",
            [("uav", 50)],
        ),
        (
            NEWS,
            "Ukraine's air force said it downed 35 of the 48 drones and two of the four missiles.",
            [("missile", 4), ("uav", 48)],
        ),
    ],
)
def test_the_whole_of_a_part_is_the_launched_count(source: Source, text: str, expected: list[tuple[str, int]]) -> None:
    assert _launches(source, text) == expected


def test_a_stated_launch_is_not_repeated_by_the_whole_of_a_part() -> None:
    text = (
        "Russia launched 50 Shahed drones overnight. Air defence shot down 42 of 50 Shahed drones, the air force said."
    )
    assert _launches(NEWS, text) == [("uav", 50)]


@pytest.mark.parametrize(
    "text",
    [
        "Air defence shot down 12 drones over the region, 3 of them near Kyiv.",
        "A drone hit a house in Sumy. Two of the injured are in hospital.",
        "A drone hit a house in Sumy. One of the 5 people hurt is a child.",
        "On 1 of June a drone was downed over Sumy.",
    ],
)
def test_parts_of_no_counted_weapon_imply_no_launch(text: str) -> None:
    assert _launches(NEWS, text) == []


def _places(source: Source, text: str) -> list[tuple[str | None, str | None, str | None]]:
    return sorted(((c.place.region, c.place.district, c.place.settlement) for c in _claims(source, text)), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В Белгородском районе в результате атаки FPV-дрона на автомобиль в селе Разумное ранен мужчина.",
            [("RU-BEL", "Belgorodsky", "Razumnoye")],
        ),
        (  # the village lies in another district: the opening district is not its own
            "В Шебекинском округе в результате атаки FPV-дрона на автомобиль в селе Разумное ранен мужчина.",
            [("RU-BEL", None, "Razumnoye")],
        ),
    ],
)
def test_a_district_opening_the_sentence_holds_its_settlement(
    text: str, expected: list[tuple[str | None, str | None, str | None]]
) -> None:
    assert _places(RU_NEWS, text) == expected


def _impacts(source: Source, text: str) -> list[tuple[str | None, int | None, str | None]]:
    found = [c for c in _claims(source, text) if c.action.value == "impact"]
    rows = [
        (c.place.settlement, c.casualties.injured if c.casualties else None, c.damage.value if c.damage else None)
        for c in found
    ]
    return sorted(rows, key=str)


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (
            UA_NEWS,
            "Внаслідок атаки БпЛА у Бєлгороді пошкоджено будинок, а в селищі Дубове – автомобіль.",
            [("Belgorod", None, "reported"), ("Dubovoye", None, "reported")],
        ),
        (
            RU_NEWS,
            "После атаки беспилотника в Белгороде ранены три человека, а в посёлке Дубовое обломки повредили дом.",
            [("Belgorod", 3, None), ("Dubovoye", None, "reported")],
        ),
        (
            NEWS,
            "A drone attack damaged a house in Sumy, and in Okhtyrka debris damaged a car.",
            [("Okhtyrka", None, "reported"), ("Sumy", None, "reported")],
        ),
    ],
)
def test_each_place_with_a_clause_of_its_own_is_an_impact(
    source: Source, text: str, expected: list[tuple[str | None, int | None, str | None]]
) -> None:
    assert _impacts(source, text) == expected


def test_places_listed_in_one_clause_are_one_impact() -> None:
    text = "В результате атаки беспилотников повреждены дома в Белгороде, Шебекино и Дубовом."
    assert len(_impacts(RU_NEWS, text)) == 1


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (UA_NEWS, "З 50 запущених ворогом БпЛА збито 42, повідомили Повітряні сили."),
        (RU_NEWS, "Из 50 беспилотников 42 сбиты над областью, сообщили в Минобороны."),
        (NEWS, "Out of 50 drones, 42 were shot down, the air force said."),
    ],
)
def test_the_whole_named_first_is_the_launched_count(source: Source, text: str) -> None:
    counts = sorted((c.action.value, c.count) for c in _claims(source, text))
    assert counts == [("intercepted", 42), ("launched", 50)]


def test_a_closing_statement_still_reaches_impacts_of_their_own_clauses() -> None:
    text = "В результате атаки беспилотников в Белгороде повреждён частный дом, а в посёлке Дубовое – автомобиль. "
    found = [c for c in _claims(RU_NEWS, text + "Пострадавших нет.") if c.action.value == "impact"]
    assert sorted((c.place.settlement, c.casualties.injured if c.casualties else None) for c in found) == [
        ("Belgorod", 0),
        ("Dubovoye", 0),
    ]


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (
            UA_NEWS,
            "Вночі ворог атакував Миколаїв ударними дронами: загинув чоловік, ще троє поранені. "
            "Пошкоджено приватний будинок і склад.",
            (1, 3),
        ),
        (
            NEWS,
            "Russia attacked Zaporizhzhia with drones overnight, killing two people and injuring five. "
            "Several houses and a kindergarten were damaged.",
            (2, 5),
        ),
    ],
)
def test_casualties_told_with_the_launch_reach_the_impact_told_after_it(
    source: Source, text: str, expected: tuple[int, int]
) -> None:
    impacts = [c for c in _claims(source, text) if c.action.value == "impact"]
    assert [(c.casualties.killed, c.casualties.injured) if c.casualties else None for c in impacts] == [expected]
    assert all(c.casualties is None for c in _claims(source, text) if c.action.value == "launched")


def test_unnamed_officials_do_not_borrow_a_later_paragraph_s_speaker() -> None:
    text = (
        "Russia struck Ukraine with drones overnight, killing three people in Zaporizhzhia, officials said.\n\n"
        "Russia's defence ministry said its forces had destroyed 21 Ukrainian drones over the Bryansk region."
    )
    claims = _claims(NEWS, text)
    impacts = [c for c in claims if c.action.value == "impact"]
    intercepted = [c for c in claims if c.action.value == "intercepted"]
    assert [c.claimant for c in impacts] == ["media:GB"]
    assert [(c.claimant, c.casualties) for c in intercepted] == [("mod:RU", None)]
