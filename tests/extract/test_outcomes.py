"""Casualties and damage on claims, end to end on short reports written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Damage, Report, Source, SourceKind

GOVERNOR_TVER = Source("t.me/gov_tver_test", SourceKind.TELEGRAM, claimant="regional_authority:RU-TVE")
GOVERNOR_SUMY = Source("t.me/sumy_ova_test", SourceKind.TELEGRAM, claimant="regional_authority:UA-59")
NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")


def _claims(source: Source, text: str) -> list[tuple[str, object, object, object]]:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    out = []
    for claim in extract_claims(report, source):
        casualties = (claim.casualties.killed, claim.casualties.injured) if claim.casualties else None
        out.append((claim.action.value, claim.count, casualties, claim.damage))
    return sorted(out, key=repr)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (GOVERNOR_TVER, "В Конаковском районе беспилотник атаковал автомобиль, ранен водитель. Машина сгорела."),
        (GOVERNOR_TVER, "В Конаковском районе упал беспилотник: пострадала кровля склада. Люди не пострадали."),
        (GOVERNOR_SUMY, "У Сумах уламки дрона впали біля гаража. Автомобіль згорів, люди не постраждали."),
        (NEWS, "A drone hit a house in the Tver region overnight, shattering windows, the governor said."),
        (NEWS, "A man was hurt in the Tver region when a drone hit his car, which burned out, the governor said."),
    ],
)
def test_described_damage_is_reported(source: Source, text: str) -> None:
    impacts = [claim for claim in _claims(source, text) if claim[0] == "impact"]
    assert impacts and all(claim[3] is Damage.REPORTED for claim in impacts)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (GOVERNOR_SUMY, "У Сумах уламки дрона впали на будинок. Відомо про 2 постраждалих. Загиблих немає."),
        (GOVERNOR_TVER, "В Конаковском районе упали обломки беспилотника. Ранены 2 человека. Погибших нет."),
    ],
)
def test_nobody_killed_leaves_the_injured_figure(source: Source, text: str) -> None:
    impacts = [claim for claim in _claims(source, text) if claim[0] == "impact"]
    assert impacts and all(claim[2] == (0, 2) for claim in impacts)


def test_update_in_a_later_paragraph_wins() -> None:
    text = (
        "Зранку ворог ударив ракетою по Сумах. Пошкоджено склад.\n\nВнаслідок удару загинула 1 людина, ще 4 поранено."
        "\n\nОновлено о 11:20: кількість поранених зросла до 6."
    )
    impacts = [claim for claim in _claims(GOVERNOR_SUMY, text) if claim[0] == "impact"]
    assert impacts and all(claim[2] == (1, 6) for claim in impacts)


def test_the_one_weapon_of_a_report_is_the_impact_count() -> None:
    text = "Вранці ворог завдав удару балістичною ракетою по Сумах. Пошкоджено будинки та автомобілі."
    counts = {(claim[0], claim[1]) for claim in _claims(GOVERNOR_SUMY, text)}
    assert counts == {("launched", 1), ("impact", 1)}


def test_outcome_sentence_speaks_of_the_claims_before_it() -> None:
    text = (
        "Drones downed near Moscow\n\nMoscow Mayor Sergei Sobyanin said air defences had destroyed 6 drones flying "
        "towards the city. No damage or casualties were reported, he said.\n\n"
        "Russia's Defence Ministry said 20 drones had been downed over the Moscow region overnight."
    )
    claims = _claims(NEWS, text)
    assert ("intercepted", 6, (0, 0), Damage.NONE) in claims


def test_set_a_building_on_fire_is_damage() -> None:
    text = "Debris of a downed drone set a warehouse on fire in the Tver region overnight, the governor said."
    impacts = [claim for claim in _claims(NEWS, text) if claim[0] == "impact"]
    assert impacts and all(claim[3] is Damage.REPORTED for claim in impacts)


def test_a_later_episode_does_not_take_the_earlier_ones_casualties() -> None:
    text = (
        "Протягом дня ворог атакував Шосткинську громаду FPV-дронами. Унаслідок удару дрона в Шостці поранено "
        "двох чоловіків.\n\nУвечері сили ППО збили над областю 5 безпілотників."
    )
    claims = _claims(GOVERNOR_SUMY, text)
    assert ("intercepted", 5, None, None) in claims
    assert any(claim[0] == "impact" and claim[2] == (None, 2) for claim in claims)


def test_list_items_take_the_reports_no_casualties() -> None:
    kyiv = Source("t.me/kyiv_mva_test", SourceKind.TELEGRAM, claimant="regional_authority:UA-30")
    text = (
        "Ворог атакував столицю ударними БпЛА. Наслідки:\n\n– у Дніпровському районі уламками пошкоджено гараж;\n"
        "– у Голосіївському районі загорання в складі.\n\nПостраждалих немає."
    )
    impacts = [claim for claim in _claims(kyiv, text) if claim[0] == "impact"]
    assert len(impacts) == 2 and all(claim[2] == (0, 0) and claim[3] is Damage.REPORTED for claim in impacts)
