"""Constructions of press rewrites and officials' posts: debris of a downed weapon, a failed interception, an impact's
class from its own sentence, a count over a list of regions, people counted "of them", models of other claimants."""

from __future__ import annotations

from datetime import datetime

import pytest

from press_reports import NEWS, UA_NEWS, Key, keys_of
from skyledger.extract import extract_claims
from skyledger.model import Report, Source, SourceKind

_keys = keys_of


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (
            NEWS,
            "Debris from a downed drone damaged a garage in the Sumy region, the regional administration said.",
            [("impact", "uav", "UA-59")],
        ),
        (
            UA_NEWS,
            "Уламки збитого безпілотника пошкодили гараж на Сумщині, повідомила ОВА.",
            [("impact", "uav", "UA-59")],
        ),
    ],
)
def test_debris_of_a_downed_weapon_is_an_impact_only(source: Source, text: str, expected: list[Key]) -> None:
    assert _keys(source, text) == expected


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (NEWS, "The Air Force said the missile had been fired from the Bryansk region and could not be intercepted."),
        (UA_NEWS, "Перехопити ракету не вдалося, повідомили Повітряні сили."),
    ],
)
def test_a_failed_interception_alone_is_no_claim(source: Source, text: str) -> None:
    assert not any(action in ("impact", "intercepted") for action, _, _ in _keys(source, text))


def test_an_impact_takes_the_class_its_own_sentence_names() -> None:
    text = (
        "Russia launched 12 missiles and 60 drones at Ukraine overnight, the Air Force said.\n\n"
        "In the Poltava region a warehouse caught fire after a drone strike, the governor said."
    )
    assert ("impact", "uav", "UA-53") in _keys(NEWS, text)


def test_a_count_over_a_list_of_regions_has_no_single_region() -> None:
    text = (
        "Russia's Defence Ministry said 9 drones had been destroyed over the Tula region and 7 more over the "
        "Oryol, Smolensk and Tver regions."
    )
    assert _keys(NEWS, text) == [("intercepted", "uav", "RU-TUL"), ("intercepted", "uav", None)]


def test_people_counted_of_them_are_not_weapons() -> None:
    text = (
        "Ночью над Николаевщиной силы ПВО сбили шесть беспилотников. Обломки упали во дворе частного дома. "
        "Пострадали двое мужчин, одного из них госпитализировали."
    )
    assert _keys(UA_NEWS, text) == [("impact", "uav", "UA-48"), ("intercepted", "uav", "UA-48")]


def test_a_model_one_claimant_names_does_not_specify_another_claimants_missiles() -> None:
    text = (
        "The Moscow-installed governor of Sevastopol said two missiles had been shot down over Sevastopol and that "
        "debris damaged a power line.\n\n"
        "Russia's Defence Ministry later said it had destroyed three Storm Shadow cruise missiles over Crimea."
    )
    assert _keys(NEWS, text) == [
        ("impact", "missile", "UA-40"),
        ("intercepted", "cruise_missile", "UA-43"),
        ("intercepted", "missile", "UA-40"),
    ]


def test_a_ministry_statement_in_english_translation() -> None:
    """ "the Kyiv regime attempted to strike ... with": a launch; "Kyiv regime" and "Moscow time" are no places; "all
    three were shot down" are the weapons launched, where they were sent."""
    text = (
        "At about 11:20 Moscow time, the Kyiv regime attempted to strike facilities in the Bryansk region with two "
        "Neptune missiles and one Tochka-U tactical missile.\n\nAll three missiles were shot down by air defences."
    )
    keys = _keys(NEWS, text)
    assert ("launched", "cruise_missile", "RU-BRY") in keys
    assert ("intercepted", "cruise_missile", "RU-BRY") in keys
    assert all(region == "RU-BRY" for _, _, region in keys)


def test_repelling_a_missile_attack_on_a_city_is_a_launch() -> None:
    text = "The repelling of a missile attack on Sevastopol is continuing, the governor said."
    assert _keys(NEWS, text) == [("launched", "missile", "UA-40")]


def test_regions_named_by_their_adjective_alone_after_a_list_item() -> None:
    text = "Минобороны России: 10 беспилотников уничтожены над Брянской областью, 7 – над Курской, 3 – над Орловской."
    assert _keys(NEWS, text) == [
        ("intercepted", "uav", "RU-BRY"),
        ("intercepted", "uav", "RU-KRS"),
        ("intercepted", "uav", "RU-ORL"),
    ]


def test_models_in_quotes_lumped_together_give_no_model() -> None:
    report = Report(
        source="t.me/kpszsu",
        external_id="t",
        text="Противник атакував 40 ударними БпЛА типу Shahed, «Гербера» та дронами-імітаторами.",
        published=datetime(2025, 4, 5, 8, 0),
        id=1,
    )
    source = Source("t.me/kpszsu", SourceKind.TELEGRAM, claimant="armed_forces:UA")
    claims = extract_claims(report, source)
    assert [(c.action.value, c.count, c.weapon_model) for c in claims] == [("launched", 40, None)]


def test_an_earlier_statement_of_the_same_night_is_a_claim() -> None:
    text = (
        "Губернатор сообщил, что над Липецкой областью ночью сбиты несколько беспилотников.\n\n"
        "Ранее в Минобороны России заявляли, что за ночь над Липецкой областью уничтожены 8 беспилотников."
    )
    assert ("intercepted", "uav", "RU-LIP") in _keys(NEWS, text)
    assert len(_keys(NEWS, text)) == 2


def test_a_moscow_appointed_governor_speaks_for_his_own_region() -> None:
    text = "Sevastopol's Moscow-appointed governor said air defences had shot down four drones over the city."
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.claimant for c in extract_claims(report, NEWS)] == ["regional_authority:UA-40"]


def test_a_closing_paragraph_of_outcomes_covers_impacts_that_state_only_damage() -> None:
    text = (
        "Ночью над Смоленской областью сбиты 6 беспилотников.\n\n"
        "В Ярцеве обломками повреждена кровля частного дома.\n\n"
        "Пострадавших нет."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    impacts = [c for c in extract_claims(report, NEWS) if c.action.value == "impact"]
    assert impacts and all(c.casualties is not None and c.casualties.injured == 0 for c in impacts)


def test_a_hromada_names_its_region_not_a_settlement() -> None:
    text = (
        "На Миколаївщині у Вознесенському районі уламки пошкодили лінію електропередачі, "
        "без світла Вознесенська громада."
    )
    report = Report(source=UA_NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    places = [(c.place.region, c.place.district, c.place.settlement) for c in extract_claims(report, UA_NEWS)]
    assert places == [("UA-48", "Voznesenskyi", None)]


def test_an_article_is_no_casualty_figure() -> None:
    text = (
        "Russian forces dropped three guided bombs on Sumy, killing one person, wounding 9 others and damaging an "
        "office building, the governor said."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    casualties = [c.casualties for c in extract_claims(report, NEWS)]
    assert [(c.killed, c.injured) for c in casualties if c is not None] == [(1, 9)]


@pytest.mark.parametrize(
    ("text", "impacts"),
    [
        ("Обломки беспилотника упали на склад в Шебекине. Пожар на складе уже ликвидирован.", 1),
        ("Уламки дрона впали на склад у Сумах. Пожежу вже ліквідували рятувальники.", 1),
        ("Обломками повреждена кровля дома в Шебекине, возникший пожар ликвидирован.", 1),
    ],
)
def test_firefighting_after_an_impact_is_no_impact_of_its_own(text: str, impacts: int) -> None:
    assert [action for action, _, _ in _keys(NEWS, text)].count("impact") == impacts


def test_injured_by_falling_drone_debris_is_a_drone_impact() -> None:
    text = (
        "Russia launched 20 missiles and 90 drones at Ukraine overnight, the air force said.\n\n"
        "In the Poltava region, a man was injured by falling drone debris, the governor said."
    )
    assert ("impact", "uav", "UA-53") in _keys(NEWS, text)


def test_a_weapon_followed_by_its_own_passive_verb() -> None:
    text = "The Air Force says Russia launched 70 drones in the night and more than 50 drones were shot down."
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    got = sorted((c.action.value, c.count) for c in extract_claims(report, NEWS))
    assert got == [("intercepted", 50), ("launched", 70)]


def test_a_month_abbreviation_is_no_place_and_ends_no_sentence() -> None:
    text = (
        "Russia attacked Ukraine with 80 drones overnight on Nov. 11, the Air Force said, adding that 61 were downed."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 11, 11, 8, 0), id=1)
    claims = extract_claims(report, NEWS)
    assert sorted((c.action.value, c.count, c.place.settlement) for c in claims) == [
        ("intercepted", 61, None),
        ("launched", 80, None),
    ]
    assert all(c.claimant == "armed_forces:UA" for c in claims)
