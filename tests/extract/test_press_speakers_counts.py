"""Constructions of press rewrites and officials' posts, continued: speakers named by title and name, numbers of
tens and dozens, lists by place, launches and impacts told by "struck with" / "hit by", the ministry's own strikes,
guided bombs, and how casualties combine."""

from __future__ import annotations

from datetime import datetime

import pytest

from press_reports import NEWS, UA_NEWS, Key, keys_of
from skyledger.extract import extract_claims
from skyledger.model import Report, Source, SourceKind

_keys = keys_of


def test_an_official_named_after_his_title_speaks_for_his_office() -> None:
    text = "Two drones were downed over the Moscow region on their way to the capital, Mayor Sergei Sobyanin said."
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.claimant for c in extract_claims(report, NEWS)] == ["regional_authority:RU-MOW"]


def test_a_missile_and_drone_attack_counts_no_missile() -> None:
    text = "Russian forces launched a massive missile and drone attack on Ukraine overnight, officials said."
    assert _keys(NEWS, text) == []


def test_a_total_with_one_region_among_its_parts_keeps_no_region() -> None:
    text = "За ночь уничтожены 45 беспилотников, в том числе 20 над Брянской областью."
    assert _keys(NEWS, text) == [("intercepted", "uav", "RU-BRY"), ("intercepted", "uav", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Беспилотник сдетонировал на крыше дома в селе Ясные Зори, сообщил глава Белгородского района.",
            "local_authority:RU-BEL",
        ),
        ("Над Шебекино сбиты два беспилотника, сообщил глава Белгородской области.", "regional_authority:RU-BEL"),
    ],
)
def test_a_head_of_a_named_district_or_region(text: str, expected: str) -> None:
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.claimant for c in extract_claims(report, NEWS)] == [expected]


def test_ballistics_colloquially() -> None:
    assert _keys(UA_NEWS, "Окупанти вдарили балістикою по Харкову, є загиблі.") == [
        ("impact", "ballistic_missile", "UA-63"),
        ("launched", "ballistic_missile", "UA-63"),
    ]


def test_drones_attacking_a_facility_are_an_impact() -> None:
    text = "Ukrainian drones attacked an oil depot in Russia's Tambov region, sparking a fire, the governor said."
    assert _keys(NEWS, text) == [("impact", "uav", "RU-TAM")]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two dozen drones were shot down over the Belgorod region, the governor said.", 24),
        ("Около двух десятков беспилотников сбиты над Курской областью.", 20),
        ("Понад два десятки дронів збили над Сумщиною.", 20),
        ("Над Брянской областью сбиты полтора десятка беспилотников.", 15),
    ],
)
def test_dozens_and_tens_counted(text: str, count: int) -> None:
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.count for c in extract_claims(report, NEWS)] == [count]


def test_a_regional_capital_is_no_homonym_to_drop() -> None:
    text = (
        "The ministry said air defence systems intercepted 19 drones over the Bryansk region, 11 over Kursk and five "
        "over the Oryol region."
    )
    assert _keys(NEWS, text) == [
        ("intercepted", "uav", "RU-BRY"),
        ("intercepted", "uav", "RU-KRS"),
        ("intercepted", "uav", "RU-ORL"),
    ]


def test_a_live_update_with_a_regional_paragraph_and_an_apposed_title() -> None:
    text = (
        "Russia launched nine missiles and 103 drones against Ukraine overnight, Ukraine's Air Force reported.\n\n"
        "Air defence units intercepted six missiles and 71 drones. Of those, 50 drones were shot down.\n\n"
        "In Zaporizhzhia Oblast, a Russian drone attack on the city of Zaporizhzhia injured three people, Governor "
        "Ivan Fedorov said.\n\n"
        "Russian attacks also damaged infrastructure in Odesa Oblast, according to Oleh Kiper, the head of the "
        "regional military administration."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 9, 14, 9, 0), id=1)
    got = sorted(
        (
            (c.action.value, c.weapon_class.value, str(c.place.region), c.count, c.claimant)
            for c in extract_claims(report, NEWS)
        ),
        key=str,
    )
    assert got == [
        ("impact", "other", "UA-51", None, "regional_authority:UA-51"),
        ("impact", "uav", "UA-23", None, "regional_authority:UA-23"),
        ("intercepted", "missile", "None", 6, "armed_forces:UA"),
        ("intercepted", "uav", "None", 71, "armed_forces:UA"),
        ("launched", "missile", "None", 9, "armed_forces:UA"),
        ("launched", "uav", "None", 103, "armed_forces:UA"),
        ("launched", "uav", "UA-23", None, "regional_authority:UA-23"),
    ]


def test_each_line_of_a_list_by_hromada_is_its_own_impact() -> None:
    text = (
        "Ворог упродовж доби атакував 3 громади Сумщини.\n\n"
        "🔹 Білопільська громада: удар FPV-дрона, пошкоджено приватний будинок.\n"
        "🔹 Шосткинська громада: атака ударного БпЛА, пошкоджено адмінбудівлю підприємства."
    )
    assert _keys(UA_NEWS, text) == [("impact", "uav", "UA-59"), ("impact", "uav", "UA-59")]


def test_parts_traced_from_wreckage_are_no_claim() -> None:
    text = (
        "The EU listed nine firms on Friday. Investigators said chips found in the wreckage of drones shot down over "
        "Ukraine had been traced back to two of them."
    )
    assert _keys(NEWS, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian forces struck Kharkiv with two Iskander missiles on Friday, the regional governor said.",
            [("impact", "ballistic_missile", "UA-63"), ("launched", "ballistic_missile", "UA-63")],
        ),
        ("A car was hit by a drone in Belgorod, the governor said.", [("impact", "uav", "RU-BEL")]),
        (
            "A man was injured by a Ukrainian drone in the village of Tetkino in the Kursk region.",
            [("impact", "uav", "RU-KRS")],
        ),
    ],
)
def test_struck_with_and_hit_by(text: str, expected: list[Key]) -> None:
    assert _keys(NEWS, text) == expected


def test_the_ministrys_own_group_strike_is_a_launch_on_the_other_side() -> None:
    text = (
        "Сегодня ночью Вооруженными Силами Российской Федерации нанесен групповой удар высокоточным оружием "
        "большой дальности, в том числе ракетами «Кинжал», и ударными беспилотными летательными аппаратами по "
        "объектам военно-промышленного комплекса. Цели удара достигнуты."
    )
    source = Source("t.me/mod_russia", SourceKind.TELEGRAM, claimant="mod:RU")
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    got = sorted(
        (c.action.value, c.weapon_class.value, c.count, c.place.country) for c in extract_claims(report, source)
    )
    assert got == [("launched", "ballistic_missile", None, "UA"), ("launched", "uav", None, "UA")]


@pytest.mark.parametrize(
    "text",
    [
        "Подразделениями ВС РФ уничтожены пусковая установка и кабина зенитного ракетного комплекса «С-300».",
        "Russian forces destroyed an S-300 air defence system launcher in the Zaporizhzhia region.",
        "Подразделения ВДВ применяют квадрокоптеры со сбросами для уничтожения живой силы и техники ВСУ.",
    ],
)
def test_air_defence_systems_and_drones_used_on_the_ground_are_no_claim(text: str) -> None:
    assert _keys(NEWS, text) == []


def test_shells_of_a_named_rocket_launcher_are_rockets() -> None:
    text = "Міноборони РФ повідомило про «знищення» восьми снарядів «Вампір» над Бєлгородською областю."
    report = Report(source=UA_NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    claims = extract_claims(report, UA_NEWS)
    assert [(c.weapon_class.value, c.count, c.weapon_model) for c in claims] == [("rocket", 8, "Vampire")]


@pytest.mark.parametrize(
    "text",
    [
        "По данным Воздушных сил, основной удар пришёлся на Киев, где погибли два человека.",
        "За даними Повітряних сил, основний удар припав на Київ, де загинули двоє людей.",
    ],
)
def test_the_main_blow_fell_on_a_city(text: str) -> None:
    assert _keys(UA_NEWS, text) == [("impact", "other", "UA-30")]


def test_guided_bombs_are_told_as_impacts_only() -> None:
    text = "Протягом доби ворог атакував Харківщину 12 ударними БпЛА та 3 КАБами, повідомив Олег Синєгубов."
    report = Report(source=UA_NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    got = sorted((c.action.value, c.weapon_class.value, c.count) for c in extract_claims(report, UA_NEWS))
    assert got == [("impact", "guided_bomb", 3), ("launched", "uav", 12)]


def test_a_number_after_a_casualty_word_counts_people() -> None:
    text = (
        "The governor of Russia's Kursk region said a Ukrainian drone attack had killed one person and wounded three "
        "in the town of Rylsk."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    claims = extract_claims(report, NEWS)
    assert [c.action.value for c in claims if c.action.value != "launched"] == ["impact"]
    impact = next(c for c in claims if c.action.value == "impact")
    assert impact.casualties is not None and (impact.casualties.killed, impact.casualties.injured) == (1, 3)


def test_no_one_hurt_in_one_place_does_not_zero_the_deaths_of_another() -> None:
    text = (
        "Ворог атакував Одещину ударними дронами. Сили ППО знищили 12 БпЛА.\n\n"
        "В Одесі пошкоджено склад. Поранено двох працівників.\n\n"
        "В Ізмаїльському районі уламки дрона впали на подвір'я, обійшлося без постраждалих."
    )
    report = Report(source=UA_NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    intercepted = [c for c in extract_claims(report, UA_NEWS) if c.action.value == "intercepted"]
    assert [(c.casualties.killed, c.casualties.injured) for c in intercepted if c.casualties] == [(None, 2)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Russia said on Sunday it had destroyed 37 Ukrainian drones over the Bryansk region.", "mod:RU"),
        ("Ukraine says it downed 40 of 55 drones launched by Russia overnight.", "armed_forces:UA"),
    ],
)
def test_a_country_that_says_speaks_through_its_military(text: str, claimant: str) -> None:
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert {c.claimant for c in extract_claims(report, NEWS)} == {claimant}


@pytest.mark.parametrize(
    "text",
    [
        "Росія заявила, що над Брянською областю збито 14 українських дронів.",
        "Россия заявила, что над Брянской областью сбиты 14 украинских дронов.",
    ],
)
def test_russia_claimed_is_its_ministry(text: str) -> None:
    report = Report(source=UA_NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.claimant for c in extract_claims(report, UA_NEWS)] == ["mod:RU"]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("A drone hit a house in Zaporizhzhia, Ivan Fedorov said.", "regional_authority:UA-23"),
        ("За словами Івана Федорова, дрон влучив у будинок у Запоріжжі.", "regional_authority:UA-23"),
        ("Над Орловской областью сбиты два беспилотника, сообщил Андрей Клычков.", "regional_authority:RU-ORL"),
    ],
)
def test_regional_heads_known_by_name(text: str, claimant: str) -> None:
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    assert [c.claimant for c in extract_claims(report, NEWS)] == [claimant]
