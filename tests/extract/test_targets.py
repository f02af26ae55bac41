"""An impact that names no place lies where the attack told before it was aimed, weapon named there or not."""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Damage, Report, Source, SourceKind

ZAPORIZHZHIA = Source("t.me/zoda_test", SourceKind.TELEGRAM, claimant="regional_authority:UA-23")


def _impacts(text: str) -> list[tuple[str | None, str | None]]:
    report = Report(source=ZAPORIZHZHIA.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8), id=1)
    return [
        (c.place.region, c.place.settlement) for c in extract_claims(report, ZAPORIZHZHIA) if c.action.value == "impact"
    ]


def test_weaponless_attack_on_a_city_places_the_impact() -> None:
    text = "Ворог атакував Запоріжжя. Попередньо, це були керовані авіабомби.\n\nПошкоджено склад, поранено 2 людей."
    assert _impacts(text) == [("UA-23", "Zaporizhzhia")]


def test_attack_told_after_the_impact_does_not_place_it() -> None:
    text = "Пошкоджено склад, поранено 2 людей. Вчора ворог атакував Запоріжжя."
    assert [settlement for _, settlement in _impacts(text)] == [None]


def test_impact_told_twice_is_one_impact() -> None:
    news = Source("news.test", SourceKind.WEBSITE, country="GB")
    text = (
        "Russian forces dropped guided aerial bombs on Zaporizhzhia on Friday, injuring four people, governor Ivan "
        "Fedorov said.\n\nTwo bombs hit the city, damaging a warehouse, he said."
    )
    report = Report(source=news.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8), id=1)
    claims = [c for c in extract_claims(report, news) if c.action.value == "impact"]
    assert [(c.count, c.place.settlement, c.casualties and c.casualties.injured, c.damage) for c in claims] == [
        (2, "Zaporizhzhia", 4, Damage.REPORTED)
    ]


def test_settlement_under_a_district_heading_keeps_the_district() -> None:
    belgorod = Source("t.me/gov_bel_test", SourceKind.TELEGRAM, claimant="regional_authority:RU-BEL")
    text = "Итоги дня.\n\nБелгородский район. Над посёлком Майский сбиты два беспилотника.\n\nНад Майским сбит дрон."
    report = Report(source=belgorod.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8), id=1)
    places = sorted((c.count, c.place.district, c.place.settlement) for c in extract_claims(report, belgorod))
    assert places == [(1, None, "Maysky"), (2, "Belgorodsky", "Maysky")]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("В посёлке Кача от упавших фрагментов ракеты повреждён гараж.", 1),
        ("В посёлке Кача от упавших фрагментов ракет повреждён гараж.", None),
    ],
)
def test_debris_of_one_missile_counts_one(text: str, count: int | None) -> None:
    sevastopol = Source("t.me/sev_gov_test", SourceKind.TELEGRAM, claimant="regional_authority:UA-40")
    report = Report(source=sevastopol.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8), id=1)
    assert [c.count for c in extract_claims(report, sevastopol) if c.action.value == "impact"] == [count]
