"""Regions in every case form, in Russian, Ukrainian and English; city regions vs their oblasts; time zones."""

from __future__ import annotations

import pytest

from skyledger.gazetteer import Gazetteer, Level


def regions_in(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.place.region) for m in gazetteer.find_places(text) if m.level is Level.REGION]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Russian: all six cases of one oblast
        ("Калужская область подверглась атаке", [("Калужская область", "RU-KLU")]),
        ("Губернатор Калужской области сообщил", [("Калужской области", "RU-KLU")]),
        ("по Калужской области объявлена тревога", [("Калужской области", "RU-KLU")]),
        ("атаковали Калужскую область", [("Калужскую область", "RU-KLU")]),
        ("над Калужской областью сбит дрон", [("Калужской областью", "RU-KLU")]),
        ("в Калужской области пострадавших нет", [("Калужской области", "RU-KLU")]),
        ("в Белгородской обл. ночью", [("Белгородской обл", "RU-BEL")]),
        ("над Краснодарским краем", [("Краснодарским краем", "RU-KDA")]),
        ("в Ханты-Мансийском автономном округе", [("Ханты-Мансийском автономном округе", "RU-KHM")]),
        ("над Брянщиной и Подмосковьем", [("Брянщиной", "RU-BRY"), ("Подмосковьем", "RU-MOS")]),
        ("Московский регион", [("Московский регион", "RU-MOS")]),
        ("на Ставрополье", [("Ставрополье", "RU-STA")]),  # the krai; "в Ставрополе" is the city
        ("в ХМАО и ЯНАО", [("ХМАО", "RU-KHM"), ("ЯНАО", "RU-YAN")]),
        (
            "Белгородской, Брянской, Курской областей",
            [
                ("Белгородской", "RU-BEL"),
                ("Брянской", "RU-BRY"),
                ("Курской областей", "RU-KRS"),
            ],
        ),
        ("над Тульской и Орловской областями", [("Тульской", "RU-TUL"), ("Орловской областями", "RU-ORL")]),
        ("над **Воронежской** **областью**", [("Воронежской** **областью", "RU-VOR")]),
        # Ukrainian
        ("Київська область", [("Київська область", "UA-32")]),
        ("над Київщиною збито дрони", [("Київщиною", "UA-32")]),
        ("на Київщині лунали вибухи", [("Київщині", "UA-32")]),
        ("голова Харківщини повідомив", [("Харківщини", "UA-63")]),
        ("у Сумській області", [("Сумській області", "UA-59")]),
        ("Одещину атакували", [("Одещину", "UA-51")]),
        ("над Бєлгородською областю", [("Бєлгородською областю", "RU-BEL")]),
        # English
        ("drones over the Kaluga region", [("Kaluga region", "RU-KLU")]),
        ("in Kaluga Oblast", [("Kaluga Oblast", "RU-KLU")]),
        ("the Bryansk and Kursk regions", [("Bryansk", "RU-BRY"), ("Kursk regions", "RU-KRS")]),
        ("Russia's Belgorod region", [("Belgorod region", "RU-BEL")]),
        ("the Republic of Tatarstan", [("Republic of Tatarstan", "RU-TA")]),
    ],
)
def test_region_forms(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert regions_in(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv", "UA-30"),
        ("Kyiv region", "UA-32"),
        ("Kyiv Oblast", "UA-32"),
        ("у Києві", "UA-30"),
        ("в Киеве", "UA-30"),
        ("на Київщині", "UA-32"),
        ("в Киевской области", "UA-32"),
        ("Moscow", "RU-MOW"),
        ("Moscow region", "RU-MOS"),
        ("на Москву", "RU-MOW"),
        ("в Московской области", "RU-MOS"),
        ("в Подмосковье", "RU-MOS"),
        ("Crimea", "UA-43"),
        ("в Крыму", "UA-43"),
        ("над Республикой Крым", "UA-43"),
        ("у Криму", "UA-43"),
        ("Sevastopol", "UA-40"),
        ("в ДНР", "UA-14"),
        ("КИЕВ", "UA-30"),
        ("над Севастополем", "UA-40"),
        ("в Санкт-Петербурге", "RU-SPE"),
        ("в Минске", "BY-HM"),
        ("в Минской области", "BY-MI"),
    ],
)
def test_city_regions_and_their_oblasts(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert [region for _, region in regions_in(gazetteer, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Курский губернатор сообщил", "RU-KRS"),
        ("Белгородский губернатор", "RU-BEL"),
        ("the Kursk governor said", "RU-KRS"),
        ("Belgorod governor Vyacheslav Gladkov", "RU-BEL"),
    ],
)
def test_regional_authority_adjectives(gazetteer: Gazetteer, text: str, expected: str) -> None:
    mentions = [m for m in gazetteer.find_places(text) if m.level is Level.REGION]
    assert [(m.place.region, m.authority) for m in mentions] == [(expected, True)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("Курский", "RU-KRS"), ("Белгородская", "RU-BEL"), ("Kursk", "RU-KRS"), ("Харківська", "UA-63"), ("Мир", None)],
)
def test_region_of_adjective(gazetteer: Gazetteer, phrase: str, expected: str | None) -> None:
    assert gazetteer.region_of_adjective(phrase) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Губернатор Курской области", "RU-KRS"),
        ("Kyiv City Military Administration", "UA-30"),
        ("Харківська ОВА", "UA-63"),
        ("Київська ОВА", "UA-32"),
        ("Київська міська військова адміністрація", "UA-30"),
        ("КМВА", "UA-30"),
        ("Kyiv regional military administration", "UA-32"),
        ("мэр Москвы", "RU-MOW"),
        ("Губернатор Московской области", "RU-MOS"),
        ("Губернатор Севастополя", "UA-40"),
        ("Глава Республики Крым", "UA-43"),
        ("Ministry of Defence", None),
        ("Минобороны России", None),
    ],
)
def test_region_of_jurisdiction(gazetteer: Gazetteer, title: str, expected: str | None) -> None:
    assert gazetteer.region_of_jurisdiction(title) == expected


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("RU-KLU", "Europe/Moscow"),
        ("RU-MOW", "Europe/Moscow"),
        ("RU-KGD", "Europe/Kaliningrad"),
        ("RU-SAM", "Europe/Samara"),
        ("RU-SVE", "Asia/Yekaterinburg"),
        ("RU-NVS", "Asia/Novosibirsk"),
        ("RU-PRI", "Asia/Vladivostok"),
        ("UA-30", "Europe/Kyiv"),
        ("UA-21", "Europe/Kyiv"),
        ("UA-43", "Europe/Simferopol"),
        ("UA-40", "Europe/Simferopol"),
        ("BY-BR", "Europe/Minsk"),
    ],
)
def test_time_zones(gazetteer: Gazetteer, code: str, zone: str) -> None:
    info = gazetteer.region(code)
    assert info is not None and info.timezone == zone


def test_every_region_of_ru_ua_by_has_names_a_point_and_a_valid_zone(gazetteer: Gazetteer) -> None:
    from zoneinfo import ZoneInfo

    regions = [info for country in ("RU", "UA", "BY") for info in gazetteer.regions(country)]
    assert len(regions) == 83 + 27 + 7
    for info in regions:
        assert info.name_en and info.name_ru and info.name_uk, info.iso
        assert info.lat is not None and info.lon is not None, info.iso
        assert info.timezone is not None and ZoneInfo(info.timezone), info.iso


def test_unknown_region_code(gazetteer: Gazetteer) -> None:
    assert gazetteer.region("XX-ZZZ") is None


def test_hromadas_name_the_region_of_their_centre(gazetteer: Gazetteer) -> None:
    text = "Обстріли прикордоння Сумщини: Миропільська громада, Шосткинська громада, Білопільська громада."
    found = [(m.surface, m.level.value, m.place.region) for m in gazetteer.find_places(text)]
    assert found == [
        ("Сумщини", "region", "UA-59"),
        ("Миропільська громада", "region", "UA-59"),  # Myropillia of Sumy, not the Donetsk village
        ("Шосткинська громада", "region", "UA-59"),
        ("Білопільська громада", "region", "UA-59"),
    ]
